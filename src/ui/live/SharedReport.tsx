/**
 * A live session's report as the candidate sees it once the interviewer shared it: per round the
 * grader's score and the interviewer's (with the reason), the verdicts, the answer and the model
 * answer. The interviewers' notes are never part of it.
 */
import { useEffect, useState } from 'react';
import type { Scenario } from '../../core/scenario/types.ts';
import type { LiveReport } from '../../live/report.ts';
import { ContentProvider, MdxContent, RenameProvider } from '../content.tsx';
import { rewriter } from '../../core/scenario/variants.ts';
import { VerdictList } from '../components/VerdictList.tsx';
import { scoreBand } from '../format.ts';
import { loadAnyContent } from './interviewerContent.ts';

export default function SharedReport({ token }: { token: string }) {
  const [data, setData] = useState<LiveReport & { scenarioData: Scenario; renames?: [string, string][] }>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    fetch(`/api/live/${token}/report.json`).then(
      async (r) => (r.ok ? setData(await r.json()) : setError((await r.json().catch(() => ({}))).error ?? `The server said ${r.status}.`)),
      () => setError('Could not reach the server.'),
    );
  }, [token]);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p className="loading">Loading your report…</p>;
  const { report } = data;
  return (
    <ContentProvider value={loadAnyContent}>
      <RenameProvider value={rewriter(data.renames ?? [])}>
      <section className="panel" aria-labelledby="shared-title">
        <h2 id="shared-title">
          Your report: <span className={scoreBand(report.score)}>{report.score}/100</span>
        </h2>
        {report.rounds.map((r, i) => {
          const mine = data.rounds[i];
          const round = data.scenarioData.rounds.find((x) => x.id === r.round);
          return (
            <details key={r.round} className="round-detail" open>
              <summary>
                {r.title}: {r.score}
                {mine?.interviewerScore !== null && mine?.interviewerScore !== undefined ? ` (interviewer: ${mine.interviewerScore}, ${mine.reason ?? 'concept marks'})` : ''}
              </summary>
              <p>
                <strong>Your answer:</strong> {r.answer}
              </p>
              <VerdictList verdicts={r.verdicts} label={`Verdicts of ${r.title}`} />
              {round && (
                <div className="model-answer">
                  <h3>Model answer</h3>
                  <MdxContent path={round.modelAnswer} />
                </div>
              )}
            </details>
          );
        })}
      </section>
      </RenameProvider>
    </ContentProvider>
  );
}
