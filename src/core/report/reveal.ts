/**
 * What a report may show before the run is over. A report opened mid-run must not give away what
 * later rounds ask the learner to find: the senior path's steps of a round (and its model answer and
 * rubric lines, which only answered rounds' results carry) appear once that round is answered.
 */
import type { Report } from '../grader/types.ts';

export interface RevealedPath {
  /** Steps of answered rounds, in the scenario's order. */
  shown: Report['seniorPath'];
  /** How many steps wait for rounds not answered yet. */
  hidden: number;
}

/**
 * The senior path as far as the answered rounds allow: a step tagged with a round once that round
 * is answered, an untagged step only when every round is.
 */
export function revealedSeniorPath(report: Report): RevealedPath {
  const answered = new Set(report.rounds.map((r) => r.round));
  const finished = report.skills.every((s) => answered.has(s.round));
  const shown = report.seniorPath.filter((p) => (p.round === undefined ? finished : answered.has(p.round)));
  return { shown, hidden: report.seniorPath.length - shown.length };
}
