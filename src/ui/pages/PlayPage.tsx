/**
 * The play screen: the round (prompt, hints, answer box or feedback) on the left and the terminal on
 * the right; on narrow screens the terminal fills the page and the round opens in a drawer. Which
 * round and whether feedback shows are derived from the session and the count of dismissed
 * feedbacks, so a reload lands on the same screen. Only the tab that owns the session plays it
 * (sessionLock.ts); another tab of the same scenario follows it read-only and offers to take over.
 */
import { useEffect, useRef, useState } from 'react';
import type { Scenario } from '../../core/scenario/types.ts';
import { useAppStore, useAppStoreApi } from '../store.ts';
import { RoundPanel } from '../components/RoundPanel.tsx';
import { AnswerBox } from '../components/AnswerBox.tsx';
import { preloadGrader, whenGraderReady } from '../components/WithGrader.tsx';
import { Feedback } from '../components/Feedback.tsx';
import { TerminalPane } from '../components/TerminalPane.tsx';
import { TopBar } from '../components/TopBar.tsx';
import { navigate } from '../route.ts';
import { RouteLink } from '../components/RouteLink.tsx';
import { useBrowserRecords } from '../recordsContext.ts';
import { RubricDebugger } from '../components/RubricDebugger.tsx';
import { RenameProvider } from '../content.tsx';
import { useVariantPlan } from '../variant.ts';
import { describeVariant } from '../../core/scenario/variants.ts';
import { EarlyTerminalHost, PlayShell, pendingEarlyTerminal } from '../earlyTerminal.tsx';

export interface PlayPageProps {
  scenario: Scenario;
  /** Tests leave the terminal out (xterm needs a real layout to be useful). */
  withTerminal?: boolean;
  /** Authors' preview: start a fresh run at this round (1-based), the rounds before it played by the reference solution. */
  preview?: number;
  /** Authors' rubric debugger beside the terminal. */
  debug?: boolean;
  /** Reference solutions by id (the dev server's virtual:gauntlet-solutions); tests pass their own. */
  solutions?: () => Promise<Record<string, string>>;
}

const devSolutions = () => import('virtual:gauntlet-solutions').then((m) => m.default);

export function PlayPage({ scenario, withTerminal = true, preview, debug, solutions = devSolutions }: PlayPageProps) {
  const store = useAppStoreApi();
  const id = scenario.meta.id;
  const { records } = useBrowserRecords();
  const ownership = useAppStore((s) => s.ownership);
  const [drawer, setDrawer] = useState(false);
  const [previewNote, setPreviewNote] = useState<string>();
  useEffect(() => {
    store.getState().open(scenario);
    void store.getState().claim(id);
  }, [store, scenario, id]);
  // The authors' preview: once per visit of a ?preview=N link, then the URL keeps only &debug, so
  // a reload (the dev server reloads on every save of the scenario) resumes instead of starting over.
  useEffect(() => {
    if (!preview) return;
    let live = true;
    void solutions().then((all) => {
      if (!live) return;
      const text = all[id];
      if (text === undefined) setPreviewNote(`No reference solution to play: the preview reads scenarios/${id}.solution.txt in the dev server (npm start) only.`);
      else {
        const reached = store.getState().preview(scenario, Math.min(preview, scenario.rounds.length) - 1, text);
        setPreviewNote(reached + 1 < preview ? `The reference solution stops in round ${reached + 1}: it answers only ${reached} round${reached === 1 ? '' : 's'}.` : preview > 1 ? `Rounds 1-${reached} were answered by the reference solution.` : undefined);
      }
      navigate({ scenario: id, debug: true }, { replace: true });
    });
    return () => { live = false; };
  }, [preview, id, scenario, store, solutions]);
  // While another tab owns the session, follow what it saves (what this tab's early terminal held is dropped).
  useEffect(() => {
    if (ownership !== 'elsewhere') return;
    pendingEarlyTerminal(id)?.dispose();
    // The other tab's log may hold answers by now: replaying them grades, so the model comes first.
    const follow = () => whenGraderReady(() => store.getState().open(scenario));
    follow();
    return records.subscribe(follow);
  }, [store, scenario, records, ownership]);
  const session = useAppStore((s) => (s.scenarioId === id ? s.session : null));
  useAppStore((s) => s.rev); // the session mutates in place; rev says it changed
  const reviewed = useAppStore((s) => s.reviewed);
  const drafts = useAppStore((s) => s.drafts);
  const retryOf = useAppStore((s) => s.retryOf);
  const seed = useAppStore((s) => s.seed);
  const variant = useVariantPlan(scenario, seed);
  const roundHeading = useRef(reviewed);

  // After "Next round", move focus to the new round's title so keyboard users land there.
  useEffect(() => {
    if (roundHeading.current !== reviewed) document.getElementById('round-title')?.focus();
    roundHeading.current = reviewed;
  }, [reviewed]);

  // A fresh run's terminal opened before the simulator loaded (earlyTerminal.tsx) stays on screen until the terminal below takes it over.
  const early = withTerminal && pendingEarlyTerminal(id) !== undefined;
  if (!session) return early ? <PlayShell scenario={scenario} /> : <p className="loading">Loading {scenario.meta.title}…</p>;

  // The rounds as this attempt's variant has them (hints and rubric renamed); the prose follows via RenameProvider.
  const rounds = session.scenario.rounds;
  if (rounds.length === 0) return <p className="loading">{scenario.meta.title} has no rounds yet.</p>;
  const results = session.results;
  const feedback = results.length > reviewed ? results[reviewed] : undefined;
  const index = feedback ? reviewed : Math.min(session.roundIndex, rounds.length - 1);
  const finished = !feedback && session.roundIndex >= rounds.length;
  const round = rounds[index];
  const hintCount = session.inputs.filter((i) => i.type === 'hint' && i.round === round.id).length;
  const hints = round.rubric.hints.slice(0, hintCount);
  const draftKey = `${id}/${round.id}`;
  const actions = store.getState();

  const restart = () => {
    // A finished run is already kept on the progress page: nothing to lose then.
    if (session.roundIndex >= rounds.length || window.confirm(`Restart "${scenario.meta.title}"? Your commands and answers so far will be lost.`)) {
      actions.restart();
    }
  };

  const owner = ownership === 'owner';
  return (
    <RenameProvider value={variant.rename}>
    <div className={`play${drawer ? ' drawer-open' : ''}`}>
      <TopBar title={scenario.meta.title} heading>
        {results.length > 0 && (
<RouteLink to={{ scenario: id, view: 'report' }}>Report</RouteLink>
        )}
        <button type="button" className="link" onClick={restart}>
          Restart scenario
        </button>
      </TopBar>
      {ownership === 'elsewhere' && (
        <div className="notice fair-bg" role="alert">
          This scenario is open in another tab, which is saving your work. This tab follows it read-only.{' '}
          <button type="button" onClick={() => whenGraderReady(() => void store.getState().takeOver(scenario))}>
            Take over here
          </button>
        </div>
      )}
      <main className="play-main">
        <button type="button" className="drawer-toggle" aria-expanded={drawer} aria-controls="round-drawer" onClick={() => setDrawer(!drawer)}>
          {finished ? 'All rounds answered' : `Round ${index + 1}/${rounds.length}: ${round.title}`}
          <span aria-hidden="true">{drawer ? ' ▴' : ' ▾'}</span>
        </button>
        <div className="side" id="round-drawer">
          {finished ? (
            <section className="panel" aria-labelledby="done-title">
              <h2 id="done-title">All {rounds.length} rounds answered</h2>
              <p>Your report has the scores, the timeline of your commands and the model answers.</p>
              <button type="button" onClick={() => navigate({ scenario: id, view: 'report' })}>
                See report
              </button>
            </section>
          ) : (
            <>
              {retryOf && <RetryNote scenario={scenario} round={retryOf.round} />}
              <RoundPanel
                round={round}
                index={index}
                total={rounds.length}
                hints={hints}
                previousScore={index > 0 ? results[index - 1]?.score : undefined}
                onHint={feedback || !owner ? undefined : () => actions.hint()}
              />
              {feedback ? (
                <Feedback
                  result={feedback}
                  round={round}
                  isLast={index === rounds.length - 1}
                  onDispute={(verdict, sentence) => actions.dispute(feedback.round, verdict, sentence)}
                  onNext={() => {
                    actions.nextRound();
                    if (index === rounds.length - 1) navigate({ scenario: id, view: 'report' });
                  }}
                />
              ) : (
                <AnswerBox
                  disabled={!owner}
                  value={drafts[draftKey] ?? ''}
                  onChange={(t) => actions.setDraft(draftKey, t)}
                  onSubmit={(t) =>
                    whenGraderReady(() => {
                      actions.submitAnswer(t);
                      actions.setDraft(draftKey, '');
                    })
                  }
                />
              )}
              {debug && !feedback && <RubricDebugger session={session} round={round} draft={drafts[draftKey] ?? ''} hintsUsed={hintCount} note={previewNote} variant={`Variant ${seed}: ${describeVariant(variant)}.`} />}
            </>
          )}
        </div>
        <section className="term" aria-label="Terminal">
          {withTerminal && owner && <TerminalPane session={session} onReady={preloadGrader} />}
          {withTerminal && !owner && early && ownership === 'checking' && <EarlyTerminalHost id={id} />}
          {withTerminal && !owner && !(early && ownership === 'checking') && <p className="terminal-wait">{ownership === 'checking' ? 'Opening the terminal…' : 'The terminal is in the other tab.'}</p>}
        </section>
      </main>
    </div>
    </RenameProvider>
  );
}

/** Says that this run continues an earlier attempt from a round, and that the earlier one is kept. */
function RetryNote({ scenario, round }: { scenario: Scenario; round: string }) {
  const n = scenario.rounds.findIndex((r) => r.id === round) + 1;
  return (
    <p className="muted small retry-note">
      Retry from round {n}: the rounds before it are replayed from your earlier attempt, which stays on your{' '}
      <RouteLink to={{ view: 'progress' }}>progress page</RouteLink>.
    </p>
  );
}
