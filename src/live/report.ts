/**
 * A live session's report: the grader's report (core) with what the interviewers added: per round
 * the interviewer's score and reason beside the grader's, the concepts they ticked or unticked, and
 * their notes placed against the transcript. The Markdown is core's reportMarkdown followed by an
 * "Interviewers" section; the JSON is the same object the browser's export saves.
 */
import { judgeRound } from '../core/grader/judge.ts';
import type { Report, RoundResult } from '../core/grader/types.ts';
import { inertLine, reportMarkdown } from '../core/report/markdown.ts';
import type { Scenario } from '../core/scenario/types.ts';
import type { LiveInfo, LiveNote, RoundMarks } from './protocol.ts';

export interface LiveReport {
  candidate: string | null;
  scenario: string;
  startedAt: number | null;
  endedAt: number | null;
  /** The grader's report, unchanged. */
  report: Report;
  /**
   * Per round answered: the grader's score, the score with the interviewers' concept marks
   * (null when they marked none), and the interviewers' score: their override, else the score with
   * their marks, else null (they left the grader's).
   */
  rounds: {
    round: string; title: string; graderScore: number; conceptScore: number | null; interviewerScore: number | null; reason: string | null;
    concepts: { id: string; label: string; met: boolean }[];
  }[];
  /** Mean of the rounds' scores taking the interviewers' where they gave one (the grader's mean is report.score). */
  interviewerTotal: number;
  /** Notes, oldest first (absent from a report shared with the candidate). */
  notes?: LiveNote[];
}

/**
 * A round as the interviewers scored it: the grader's result with their concept marks applied
 * (core/grader/judge.ts), and the score they stand by: their override, else the judged score when
 * they marked a concept, else undefined.
 */
export function interviewerRound(scenario: Scenario, result: RoundResult, marks: RoundMarks | undefined): { judged: RoundResult; score?: number; by?: 'override' | 'concepts' } {
  const rubric = scenario.rounds.find((r) => r.id === result.round)?.rubric;
  const judged = rubric && marks ? judgeRound(result, rubric, marks.concepts) : result;
  if (marks?.override) return { judged, score: marks.override.score, by: 'override' };
  if (judged !== result) return { judged, score: judged.score, by: 'concepts' };
  return { judged };
}

/** Puts the grader's report and the interviewers' marks together. */
export function liveReport(scenario: Scenario, info: LiveInfo, report: Report, marks: Readonly<Record<string, RoundMarks>>, notes?: readonly LiveNote[]): LiveReport {
  const rounds = report.rounds.map((r) => {
    const m = marks[r.round];
    const concepts = scenario.rounds.find((x) => x.id === r.round)?.rubric.concepts ?? [];
    const scored = interviewerRound(scenario, r, m);
    return {
      round: r.round,
      title: r.title,
      graderScore: r.score,
      conceptScore: scored.judged !== r ? scored.judged.score : null,
      interviewerScore: scored.score ?? null,
      reason: m?.override?.reason ?? null,
      concepts: concepts.filter((c) => m?.concepts[c.id] !== undefined).map((c) => ({ id: c.id, label: c.label, met: m!.concepts[c.id] })),
    };
  });
  return {
    candidate: info.candidateName,
    scenario: scenario.meta.id,
    startedAt: info.startedAt,
    endedAt: info.endedAt,
    report,
    rounds,
    interviewerTotal: rounds.length ? Math.round(rounds.reduce((n, r) => n + (r.interviewerScore ?? r.graderScore), 0) / rounds.length) : 0,
    ...(notes ? { notes: [...notes] } : {}),
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

/** The report as Markdown: core's document, then the interviewers' scores, concept marks and notes. */
export function liveReportMarkdown(r: LiveReport, modelAnswers: Readonly<Record<string, string>>): string {
  const out = [reportMarkdown(r.report, { modelAnswers }).trimEnd(), '', '## Interviewers', ''];
  if (r.candidate) out.push(`Candidate: ${inertLine(r.candidate)}`, '');
  if (r.startedAt) out.push(`Started ${iso(r.startedAt)}${r.endedAt ? `, ended ${iso(r.endedAt)}` : ''}.`, '');
  out.push(`Overall: grader ${r.report.score}/100, interviewers ${r.interviewerTotal}/100.`, '');
  out.push('| Round | Grader | With the concept marks | Interviewer | Reason |', '| --- | ---: | ---: | ---: | --- |');
  for (const x of r.rounds) {
    const reason = x.reason ?? (x.conceptScore !== null ? 'concept marks' : '');
    out.push(`| ${x.title} | ${x.graderScore} | ${x.conceptScore ?? '—'} | ${x.interviewerScore ?? '—'} | ${inertLine(reason).replace(/\|/g, '\\|')} |`);
  }
  for (const x of r.rounds.filter((x) => x.concepts.length)) {
    out.push('', `### ${x.title}: concepts as judged by the interviewer`, '');
    for (const c of x.concepts) out.push(`- ${c.met ? '[x]' : '[ ]'} ${c.label}`);
  }
  if (r.notes) {
    out.push('', '### Notes', '');
    if (r.notes.length === 0) out.push('None.');
    for (const n of r.notes) out.push(`- ${iso(n.at)}, after input ${n.seq}${n.author ? `, ${inertLine(n.author)}` : ''}: ${inertLine(n.text)}`);
  }
  return `${out.join('\n')}\n`;
}
