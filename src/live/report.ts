/**
 * A live session's report: the grader's report (core) with what the interviewers added: per round
 * the interviewer's score and reason beside the grader's, the concepts they ticked or unticked, and
 * their notes placed against the transcript. The Markdown is core's reportMarkdown followed by an
 * "Interviewers" section; the JSON is the same object the browser's export saves.
 */
import type { Report } from '../core/grader/types.ts';
import { reportMarkdown } from '../core/report/markdown.ts';
import type { Scenario } from '../core/scenario/types.ts';
import type { LiveInfo, LiveNote, RoundMarks } from './protocol.ts';

export interface LiveReport {
  candidate: string | null;
  scenario: string;
  startedAt: number | null;
  endedAt: number | null;
  /** The grader's report, unchanged. */
  report: Report;
  /** Per round answered: the grader's score and the interviewer's, when they overrode it. */
  rounds: { round: string; title: string; graderScore: number; interviewerScore: number | null; reason: string | null; concepts: { id: string; label: string; met: boolean }[] }[];
  /** Notes, oldest first (absent from a report shared with the candidate). */
  notes?: LiveNote[];
}

/** Puts the grader's report and the interviewers' marks together. */
export function liveReport(scenario: Scenario, info: LiveInfo, report: Report, marks: Readonly<Record<string, RoundMarks>>, notes?: readonly LiveNote[]): LiveReport {
  return {
    candidate: info.candidateName,
    scenario: scenario.meta.id,
    startedAt: info.startedAt,
    endedAt: info.endedAt,
    report,
    rounds: report.rounds.map((r) => {
      const m = marks[r.round];
      const concepts = scenario.rounds.find((x) => x.id === r.round)?.rubric.concepts ?? [];
      return {
        round: r.round,
        title: r.title,
        graderScore: r.score,
        interviewerScore: m?.override?.score ?? null,
        reason: m?.override?.reason ?? null,
        concepts: concepts.filter((c) => m?.concepts[c.id] !== undefined).map((c) => ({ id: c.id, label: c.label, met: m!.concepts[c.id] })),
      };
    }),
    ...(notes ? { notes: [...notes] } : {}),
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

/** The report as Markdown: core's document, then the interviewers' scores, concept marks and notes. */
export function liveReportMarkdown(r: LiveReport, modelAnswers: Readonly<Record<string, string>>): string {
  const out = [reportMarkdown(r.report, { modelAnswers }).trimEnd(), '', '## Interviewers', ''];
  if (r.candidate) out.push(`Candidate: ${r.candidate}`, '');
  if (r.startedAt) out.push(`Started ${iso(r.startedAt)}${r.endedAt ? `, ended ${iso(r.endedAt)}` : ''}.`, '');
  out.push('| Round | Grader | Interviewer | Reason |', '| --- | ---: | ---: | --- |');
  for (const x of r.rounds) out.push(`| ${x.title} | ${x.graderScore} | ${x.interviewerScore ?? '—'} | ${(x.reason ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
  for (const x of r.rounds.filter((x) => x.concepts.length)) {
    out.push('', `### ${x.title}: concepts as judged by the interviewer`, '');
    for (const c of x.concepts) out.push(`- ${c.met ? '[x]' : '[ ]'} ${c.label}`);
  }
  if (r.notes) {
    out.push('', '### Notes', '');
    if (r.notes.length === 0) out.push('None.');
    for (const n of r.notes) out.push(`- ${iso(n.at)}, after input ${n.seq}${n.author ? `, ${n.author}` : ''}: ${n.text.replace(/\n/g, ' ')}`);
  }
  return `${out.join('\n')}\n`;
}
