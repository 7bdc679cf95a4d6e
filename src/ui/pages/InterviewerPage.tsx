/**
 * The interviewer's view of a session (`?scenario=<id>&view=interviewer`): the current round's
 * rubric and the live verdict of what the candidate has done so far, graded by the core
 * (Session.preview) without recording anything. It follows the candidate's tab in the same browser
 * through the saved records (another tab's saves reach this one). The candidate's pages never link here or show any of it.
 */
import { useEffect, useState } from 'react';
import type { Scenario } from '../../core/scenario/types.ts';
import { useAppStore, useAppStoreApi } from '../store.ts';
import { useBrowserRecords } from '../recordsContext.ts';
import { TopBar } from '../components/TopBar.tsx';
import { RouteLink } from '../components/RouteLink.tsx';
import { LiveScore } from '../components/interviewer/LiveScore.tsx';
import { RubricPanel } from '../components/interviewer/RubricPanel.tsx';
import { scoreBand } from '../format.ts';

export function InterviewerPage({ scenario }: { scenario: Scenario }) {
  const store = useAppStoreApi();
  const id = scenario.meta.id;
  const [spoken, setSpoken] = useState('');
  const { records } = useBrowserRecords();
  useEffect(() => {
    store.getState().open(scenario);
    return records.subscribe(() => store.getState().open(scenario));
  }, [store, scenario, records]);
  const session = useAppStore((s) => (s.scenarioId === id ? s.session : null));
  useAppStore((s) => s.rev);
  if (!session) return <p className="loading">Loading {scenario.meta.title}…</p>;

  const index = session.roundIndex;
  // The rubric as the candidate's variant has it (its node names, IPs).
  const round = session.scenario.rounds[index];
  const hintsUsed = round ? session.inputs.filter((i) => i.type === 'hint' && i.round === round.id).length : 0;
  const live = session.preview(spoken);
  const commands = session.transcript.filter((t) => t.line.trim() !== '').length;

  return (
    <div className="interviewer-page">
      <TopBar title={`${scenario.meta.title} · interviewer`}>
        <RouteLink to={{ scenario: id, view: 'report' }}>Report</RouteLink>
      </TopBar>
      <main className="report">
        <h1>Interviewer view: {scenario.meta.title}</h1>
        <p className="muted">
          For the person running the session: the candidate's screen shows none of this. It follows the candidate's tab in
          this browser as they work.
        </p>
        <section className="panel" aria-labelledby="status-title">
          <h2 id="status-title">{round ? `Round ${index + 1} of ${scenario.rounds.length}: ${round.title}` : 'All rounds answered'}</h2>
          <p>
            {commands} command{commands === 1 ? '' : 's'} run, {hintsUsed} hint{hintsUsed === 1 ? '' : 's'} used in this round.
          </p>
          {session.results.length > 0 && (
            <ol className="round-scores" aria-label="Answered rounds">
              {session.results.map((r) => (
                <li key={r.round} className={scoreBand(r.score)}>
                  {r.title}: {r.score}
                </li>
              ))}
            </ol>
          )}
        </section>
        {round && live && (
          <>
            <section className="panel" aria-labelledby="live-title">
              <h2 id="live-title">Live verdict</h2>
              <label htmlFor="spoken">What the candidate has said so far (graded live, never saved)</label>
              <textarea id="spoken" rows={3} value={spoken} onChange={(e) => setSpoken(e.target.value)} />
              <LiveScore result={live} forInterviewer />
            </section>
            <RubricPanel round={round} hintsUsed={hintsUsed} />
          </>
        )}
      </main>
    </div>
  );
}
