/**
 * Progress: every finished attempt kept in this browser, per scenario, with its total, each round's
 * score and the weakest skills; from any attempt a round can be retried (a new attempt continuing
 * from that round), and any scenario can be retried from the start. It is also where storage is
 * managed: download everything, delete attempts to make room, and the records kept aside because
 * they could not be read. Reads storage only, so it stays in the light first bundle.
 */
import { useState } from 'react';
import type { ScenarioSummary } from '../../core/scenario/split.ts';
import { clearSaved } from '../state/persistence.ts';
import type { Records } from '../state/records.ts';
import { useRecords } from '../recordsContext.ts';
import { loadAttempts, startRetry, unfinishedRounds, type Attempt } from '../state/attempts.ts';
import { mayReplaceRun } from '../confirmDiscard.ts';
import { TopBar } from '../components/TopBar.tsx';
import { RouteLink } from '../components/RouteLink.tsx';
import { scoreBand } from '../format.ts';
import { navigate } from '../route.ts';
import { TableHead } from '../components/TableHead.tsx';
import { DownloadRecordsButton, downloadProblem } from '../components/StorageNotice.tsx';

export interface ProgressPageProps {
  scenarios: readonly ScenarioSummary[];
}

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function ProgressPage({ scenarios }: ProgressPageProps) {
  const storage = useRecords();
  const withAttempts = scenarios
    .map((s) => ({ scenario: s, attempts: loadAttempts(storage, s.meta.id), answered: unfinishedRounds(storage, s) }))
    .filter((x) => x.attempts.length > 0 || x.answered !== undefined);
  return (
    <div className="progress-page">
      <TopBar title="Progress" />
      <main className="report">
        <h1>Your progress</h1>
        <div className="row">
          <p className="muted">
            Attempts are kept in this browser only
            {storage.status.usage !== undefined && storage.status.quota ? ` (${Math.round((100 * storage.status.usage) / storage.status.quota)}% of its storage used)` : ''}.
          </p>
          <DownloadRecordsButton />
        </div>
        {withAttempts.length === 0 && (
          <p>
            No attempts yet. <RouteLink to={{}}>Pick a scenario</RouteLink> and answer its rounds; each finished run shows up here.
          </p>
        )}
        {withAttempts.map((x) => (
          <ScenarioProgress key={x.scenario.meta.id} {...x} storage={storage} />
        ))}
        <KeptAside storage={storage} />
      </main>
    </div>
  );
}

function ScenarioProgress({ scenario, attempts, answered, storage }: { scenario: ScenarioSummary; attempts: Attempt[]; answered?: number; storage: Records }) {
  const id = scenario.meta.id;
  const titleId = `progress-${id}`;
  const mayDiscard = () => mayReplaceRun(storage, scenario);
  const retryScenario = () => {
    if (!mayDiscard()) return;
    clearSaved(storage, id);
    navigate({ scenario: id });
  };
  const retryRound = (a: Attempt, round: number) => {
    if (mayDiscard() && startRetry(storage, scenario, a, round)) navigate({ scenario: id });
  };
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{scenario.meta.title}</h2>
      <div className="row">
        {answered !== undefined && (
          <>
            <span>
              In progress: {answered} of {scenario.rounds.length} rounds answered.
            </span>
            <RouteLink to={{ scenario: id }}>Resume</RouteLink>
          </>
        )}
        <button type="button" className="secondary" onClick={retryScenario}>
          Retry the scenario
        </button>
      </div>
      {attempts.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="group" aria-label="Attempts (scrolls sideways on narrow screens)">
        <table className="attempts">
          <caption className="sr-only">Finished attempts of {scenario.meta.title}, newest first</caption>
          <TableHead columns={['Finished', 'Score', 'Rounds', 'Weakest skills', 'Retry or delete']} />
          <tbody>
            {attempts.map((a) => (
              <AttemptRow
                key={a.id}
                attempt={a}
                scenario={scenario}
                onRetry={(round) => retryRound(a, round)}
                onDelete={() => window.confirm(`Delete the attempt finished ${when(a.finishedAt)} (${a.summary.score}/100)? This cannot be undone.`) && storage.deleteAttempt(a.id)}
              />
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}

function AttemptRow({ attempt, scenario, onRetry, onDelete }: { attempt: Attempt; scenario: ScenarioSummary; onRetry: (round: number) => void; onDelete: () => void }) {
  const [round, setRound] = useState(0);
  const { summary } = attempt;
  const retried = attempt.retryOf && scenario.rounds.findIndex((r) => r.id === attempt.retryOf!.round);
  const selectId = `retry-${attempt.id}`;
  return (
    <tr>
      <td>
        <RouteLink to={{ scenario: scenario.meta.id, view: 'report', attempt: attempt.id }} label={`Report of the attempt finished ${when(attempt.finishedAt)}`}>
          {when(attempt.finishedAt)}
        </RouteLink>
        {retried !== undefined && retried >= 0 && <span className="muted small"> (retry from round {retried + 1})</span>}
      </td>
      <td className={scoreBand(summary.score)}>{summary.score}</td>
      <td>
        <ol className="round-scores">
          {summary.rounds.map((r, i) => (
            <li key={r.round} className={r.score === undefined ? 'muted' : scoreBand(r.score)} title={r.skill}>
              <span className="sr-only">Round {i + 1}: </span>
              {r.score ?? '–'}
            </li>
          ))}
        </ol>
      </td>
      <td>{summary.weakest.length === 0 ? <span className="muted">none below 80</span> : summary.weakest.map((w) => `${w.skill} (${w.score})`).join('; ')}</td>
      <td>
        <div className="row">
          <label htmlFor={selectId} className="sr-only">
            Round to retry
          </label>
          <select id={selectId} value={round} onChange={(e) => setRound(Number(e.target.value))}>
            {scenario.rounds.map((r, i) => (
              <option key={r.id} value={i}>
                Round {i + 1}: {r.title}
              </option>
            ))}
          </select>
          <button type="button" className="secondary" onClick={() => onRetry(round)}>
            Retry round
          </button>
          <button type="button" className="link" onClick={onDelete}>
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}

/** Records that could not be read, kept aside: download them, or delete them for good. */
function KeptAside({ storage }: { storage: Records }) {
  const kept = storage.problems();
  if (kept.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="kept-title">
      <h2 id="kept-title">Kept aside</h2>
      <p className="muted">Saved records this version could not read. They are not used and never overwritten.</p>
      <ul>
        {kept.map((p) => (
          <li key={p.id}>
            <code>{p.key}</code>: {p.reason} (set aside {when(p.keptAt)}){' '}
            <button type="button" className="link" onClick={() => downloadProblem(p)}>
              Download
            </button>{' '}
            <button type="button" className="link" onClick={() => window.confirm(`Delete the record ${p.key} for good?`) && storage.discardProblem(p.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
