/**
 * The candidate's page of a live interview (`/live/c/<token>`): a short "how this works", then the
 * same terminal and answer box as practice, with the round's prompt and the hints the interviewer
 * released. No score, verdict, rubric, model answer or senior path reaches this page: it holds only
 * the scenario's public part, and grading happens on the server. After the end, the report shows
 * here only if the interviewer shared it.
 */
import { lazy, Suspense, useSyncExternalStore } from 'react';
import { ContentProvider } from '../content.tsx';
import { StoreProvider, useAppStore } from '../store.ts';
import { AnswerBox } from '../components/AnswerBox.tsx';
import { RoundPanel } from '../components/RoundPanel.tsx';
import { TerminalPane } from '../components/TerminalPane.tsx';
import { CandidateLive, type CandidateView, type KeyValueStorage } from './candidate.ts';
import { loadPrompt } from './content.ts';
import { useLive } from './viewStore.ts';
import { ConnectionBadge, InterviewClock, LinkProblem, LiveRename, LiveTopBar } from './common.tsx';

const SharedReport = lazy(() => import('./SharedReport.tsx'));
/** localStorage, or a throwaway map where the browser blocks it (the server still holds every acknowledged input). */
function tabStorage(): KeyValueStorage {
  try {
    return window.localStorage;
  } catch {
    const map = new Map<string, string>();
    return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
  }
}
const makeCandidate = (token: string) => new CandidateLive(token, tabStorage());

export function CandidatePage({ token }: { token: string }) {
  const live = useLive(makeCandidate, token);
  if (!live) return <p className="loading">Connecting…</p>;
  return (
    <ContentProvider value={loadPrompt}>
      <LiveRename live={live}>
        <Candidate live={live} token={token} />
      </LiveRename>
    </ContentProvider>
  );
}

function Candidate({ live, token }: { live: CandidateLive; token: string }) {
  const view = useSyncExternalStore(live.subscribe, live.getView);
  if (view.phase === 'problem') return <LinkProblem message={view.problem ?? ''} />;
  if (view.phase === 'connecting' || !view.store || !view.info || !view.scenario) return <p className="loading">Connecting to the interview…</p>;
  const { info } = view;
  const title = view.scenario.meta.title;
  if (info.status === 'ended') {
    return (
      <div>
        <LiveTopBar title={title} />
        <main className="home-main">
          <h1>The interview has ended</h1>
          <p>Thank you. Your terminal and answers are with the interviewer.</p>
          {info.shared ? (
            <Suspense fallback={<p className="loading">Loading your report…</p>}>
              <SharedReport token={token} />
            </Suspense>
          ) : (
            <p className="muted">The interviewer has not shared a report.</p>
          )}
        </main>
      </div>
    );
  }
  if (info.status === 'waiting') return <HowItWorks view={view} onStart={() => live.begin()} />;
  return (
    <StoreProvider store={view.store}>
      <Play live={live} view={view} />
    </StoreProvider>
  );
}

function HowItWorks({ view, onStart }: { view: CandidateView; onStart: () => void }) {
  const info = view.info!;
  const rounds = view.scenario!.rounds.length;
  return (
    <div>
      <LiveTopBar title={view.scenario!.meta.title} />
      <main className="home-main live-intro">
        <h1>{info.candidateName ? `Welcome, ${info.candidateName}` : 'Welcome'}</h1>
        <h2>How this works</h2>
        <ul>
          <li>You will work through {rounds} rounds of one incident on a simulated Kubernetes cluster. The terminal answers <code>kubectl</code>, <code>ssh</code>, <code>journalctl</code> and the usual tools as the real ones do.</li>
          <li>Each round asks a question. Investigate in the terminal, then write your answer and submit it; the next round follows.</li>
          <li>Your interviewer sees your terminal as you type it and may release a hint into your round panel, ask you to hold a round, or move you on.</li>
          <li>{info.timeLimitMin ? `You have ${info.timeLimitMin} minutes from when you press Start.` : 'There is no fixed time limit.'} Think aloud if you are on a call: how you reason matters as much as the answer.</li>
          <li>If your connection drops or you reload, nothing is lost: the page picks up where you were.</li>
        </ul>
        <button type="button" onClick={onStart} disabled={!view.connected}>
          Start
        </button>
      </main>
    </div>
  );
}

function Play({ live, view }: { live: CandidateLive; view: CandidateView }) {
  const session = useAppStore((s) => s.session);
  useAppStore((s) => s.rev);
  const info = view.info!;
  if (!session) return <p className="loading">Loading…</p>;
  const rounds = session.scenario.rounds;
  const index = session.roundIndex;
  const round = rounds[index];
  const hints = round ? (info.hints[round.id] ?? []) : [];
  return (
    <div className="play">
      <LiveTopBar title={session.scenario.meta.title}>
        <InterviewClock info={info} offset={view.clockOffset} />
        <ConnectionBadge connected={view.connected} unsent={view.unsent} />
      </LiveTopBar>
      <main className="play-main">
        <div className="side">
          {round ? (
            <>
              <RoundPanel round={round} index={index} total={rounds.length} hints={hints.map((text) => ({ text }))} />
              {info.held ? (
                <p className="panel live-held" role="status">
                  The interviewer asked you to hold this round: keep investigating; you can submit when they say so.
                </p>
              ) : (
                <AnswerBox value={live.drafts[round.id] ?? ''} onChange={(t) => live.setDraft(round.id, t)} onSubmit={(t) => live.submit(t)} />
              )}
              {index > 0 && <p className="muted small">Your answer to round {index} was sent to the interviewer.</p>}
            </>
          ) : (
            <section className="panel" aria-labelledby="done-title">
              <h2 id="done-title">All {rounds.length} rounds answered</h2>
              <p>Your answers are with the interviewer, who will end the session.</p>
            </section>
          )}
        </div>
        <section className="term" aria-label="Terminal">
          <TerminalPane session={session} />
        </section>
      </main>
    </div>
  );
}
