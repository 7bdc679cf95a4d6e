/**
 * The report of one run: total score, one table of rounds and skills with the chart beside it, each
 * answered round's verdicts, weak answers, hints and model answer (rounds not answered yet say
 * "after you answer": a report opened mid-run gives nothing away), the timeline of commands in virtual time with the
 * moments evidence was found, the senior path beside the learner's, exports and retries.
 */
import { useEffect, useMemo } from 'react';
import type { Report } from '../../../core/grader/types.ts';
import type { Scenario } from '../../../core/scenario/types.ts';
import { TopBar } from '../TopBar.tsx';
import { RouteLink } from '../RouteLink.tsx';
import { useContentText } from '../../content.tsx';
import { scoreBand } from '../../format.ts';
import { SkillChart } from './SkillChart.tsx';
import { ExportBar } from './ExportBar.tsx';
import { RoundDetail } from './RoundDetail.tsx';
import { TableHead } from '../TableHead.tsx';
import { PathsSection, TimelineSection } from './Timeline.tsx';

export interface ReportViewProps {
  scenario: Scenario;
  report: Report;
  /** Retry round `i` (0-based) or the whole scenario; offered once every round is answered. */
  onRetryRound: (i: number) => void;
  onRetryScenario: () => void;
  /** Shown under the total, e.g. when the report is of an earlier attempt. */
  note?: string;
}

export function ReportView({ scenario, report, onRetryRound, onRetryScenario, note }: ReportViewProps) {
  const id = scenario.meta.id;
  const loadText = useContentText();
  // Fetched once per page: the Markdown export includes the model answers' prose.
  const modelAnswers = useMemo(() => {
    let pending: Promise<Record<string, string>> | undefined;
    return () =>
      (pending ??= Promise.all(
        scenario.rounds.map((r) => loadText(r.modelAnswer).then((t): [string, string] => [r.id, t], () => [r.id, ''] as [string, string])),
      ).then((pairs) => Object.fromEntries(pairs.filter(([, t]) => t !== ''))));
  }, [scenario, loadText]);
  useEffect(() => {
    void modelAnswers();
    // Printing shows every collapsed section (a closed <details> would print empty).
    const openAll = () => document.querySelectorAll('.report details').forEach((d) => ((d as HTMLDetailsElement).open = true));
    window.addEventListener('beforeprint', openAll);
    return () => window.removeEventListener('beforeprint', openAll);
  }, [modelAnswers]);
  const total = scenario.rounds.length;
  const answered = report.rounds.length;
  const finished = answered >= total;
  const results = new Map(report.rounds.map((r) => [r.round, r]));
  const indexOf = new Map(scenario.rounds.map((r, i) => [r.id, i]));

  return (
    <div className="report-page">
      <TopBar title={scenario.meta.title}>
        <RouteLink to={{ scenario: id }}>Back to the scenario</RouteLink>
      </TopBar>
      <main className="report">
        <h1>Report: {report.title}</h1>
        <ExportBar report={report} modelAnswers={modelAnswers} />
        <section className="panel total" aria-labelledby="total-title">
          <h2 id="total-title">Total score</h2>
          <p className={`score big ${scoreBand(report.score)}`} aria-label={`Total score ${report.score} out of 100`}>
            <strong>{report.score}</strong>
            <span>/100</span>
          </p>
          {note && <p className="muted">{note}</p>}
          {!finished && (
            <p className="muted">
              {answered} of {total} rounds answered so far.
            </p>
          )}
          {finished && (
            <div className="row no-print">
              <button type="button" className="secondary" onClick={onRetryScenario}>
                Retry the scenario
              </button>
              <span className="muted small">This attempt stays on your progress page.</span>
            </div>
          )}
        </section>

        <section className="panel" aria-labelledby="rounds-title">
          <h2 id="rounds-title">Rounds and skills</h2>
          <div className="rounds-skills">
            <div className="table-scroll" tabIndex={0} role="group" aria-label="Table (scrolls sideways on narrow screens)">
              <table>
                <caption className="sr-only">Each round, the skill it tests, its score and the hints used</caption>
                <TableHead columns={['Round', 'Title', 'Score', 'Skill tested', 'Hints']} />
                <tbody>
                  {scenario.rounds.map((round, i) => {
                    const r = results.get(round.id);
                    return (
                      <tr key={round.id}>
                        <td>{i + 1}</td>
                        <td>{round.title}</td>
                        {r ? <td className={scoreBand(r.score)}>{r.score}</td> : <td className="muted">not answered</td>}
                        <td>{round.skill}</td>
                        <td>{r ? r.hintsUsed : '–'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <SkillChart bars={scenario.rounds.map((round) => ({ skill: round.skill, score: results.get(round.id)?.score }))} />
          </div>
        </section>

        <section className="panel page-break" aria-labelledby="detail-title">
          <h2 id="detail-title">Round by round</h2>
          {answered === 0 && <p className="muted">No round answered yet.</p>}
          {scenario.rounds.map((round, i) => {
            const result = results.get(round.id);
            return result ? (
              <RoundDetail key={round.id} result={result} round={round} index={i} onRetry={finished ? () => onRetryRound(i) : undefined} />
            ) : (
              <p key={round.id} className="muted round-later">
                Round {i + 1}: {round.title}. Its verdicts, the interviewer's follow-up and the model answer appear after you answer.
              </p>
            );
          })}
        </section>

        <TimelineSection timeline={report.timeline} />
        <PathsSection report={report} />
      </main>
    </div>
  );
}
