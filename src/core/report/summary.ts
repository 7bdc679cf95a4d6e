/**
 * What the progress page keeps of a finished attempt: the total, each round's score and the skills
 * that need work. Pure, so the browser stores the same numbers the report shows.
 */
import type { Report } from '../grader/types.ts';

/** Scores below this are "needs work" (the report colours 80+ as good). */
export const WEAK_SKILL_BELOW = 80;

export interface AttemptSummary {
  /** The report's total, 0..100. */
  score: number;
  /** Every round of the scenario in order; `score` is undefined for a round not answered. */
  rounds: { round: string; skill: string; score?: number }[];
  /** Up to `n` answered skills scoring below WEAK_SKILL_BELOW, lowest first (ties in round order). */
  weakest: { round: string; skill: string; score: number }[];
}

export function attemptSummary(report: Report, n = 2): AttemptSummary {
  const answered = new Set(report.rounds.map((r) => r.round));
  const rounds = report.skills.map((s) => ({ round: s.round, skill: s.skill, score: answered.has(s.round) ? s.score : undefined }));
  const weakest = rounds
    .filter((r): r is { round: string; skill: string; score: number } => r.score !== undefined && r.score < WEAK_SKILL_BELOW)
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.score - b.r.score || a.i - b.i)
    .slice(0, n)
    .map(({ r }) => r);
  return { score: report.score, rounds, weakest };
}
