/**
 * The report's timeline (each command in scenario time, with the evidence it first showed) and the
 * senior engineer's path beside the learner's.
 */
import type { Report } from '../../../core/grader/types.ts';
import { clockTime } from '../../format.ts';
import { InlineText } from '../InlineText.tsx';
import { revealedSeniorPath } from '../../../core/report/reveal.ts';

export function TimelineSection({ timeline: mine }: { timeline: Report['timeline'] }) {
  return (
    <section className="panel page-break" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {mine.length === 0 ? (
        <p className="muted">No commands were run.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="group" aria-label="Table (scrolls sideways on narrow screens)">
        <table className="timeline">
          <caption className="sr-only">Commands you ran, in scenario time (UTC), and the evidence each first showed</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Host</th>
              <th scope="col">Command</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {mine.map((t, i) => (
              <tr key={i} className={t.evidence.length ? 'found' : undefined}>
                <td className="mono">{clockTime(t.at)}</td>
                <td className="mono">{t.host}</td>
                <td className="mono cmd">{t.line}</td>
                <td>{t.evidence.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}

/** The senior engineer's path (steps of answered rounds only) beside the learner's commands. */
export function PathsSection({ report }: { report: Report }) {
  const { shown: senior, hidden } = revealedSeniorPath(report);
  const mine = report.timeline;
  return (
    <section className="panel" aria-labelledby="paths-title">
      <h2 id="paths-title">The senior path and yours</h2>
      <div className="paths">
        <div>
          <h3>Senior engineer</h3>
          <ol className="path">
            {senior.map((p, i) => (
              <li key={i}>
                <code>{p.command}</code>
                <span className="why">
                  <InlineText text={p.why} />
                </span>
              </li>
            ))}
          </ol>
          {hidden > 0 && (
            <p className="muted small">
              {hidden} more step{hidden === 1 ? '' : 's'} after you answer the remaining rounds.
            </p>
          )}
        </div>
        <div>
          <h3>You</h3>
          <ol className="path">
            {mine.map((t, i) => (
              <li key={i}>
                <code>{t.line}</code>
                <span className="why">on {t.host}</span>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
