/** Display helpers for virtual times and scores in the UI. */
import { clock } from '../core/time.ts';
import type { Verdict } from '../core/grader/types.ts';

/** A virtual time as the UTC wall clock of the scenario: `10:31:05`. */
export function clockTime(at: number): string {
  return clock(new Date(at));
}

/** Elapsed virtual time as `m:ss` (or `h:mm:ss`), for "time taken". */
export function elapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A score band for colouring: good ≥ 80, fair ≥ 50, else poor. */
export function scoreBand(score: number): 'good' | 'fair' | 'poor' {
  return score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
}

/** A weak answer's label in curly quotes, whether or not the author already quoted it. */
export function quoted(label: string): string {
  return `“${label.replace(/^["“]+|["”]+$/g, '')}”`;
}

/** A verdict's points as shown beside it: `+20`, `0`, `−5`, or `note` for a remark worth nothing. */
export function verdictPoints(v: Verdict): string {
  return v.kind === 'note' ? 'note' : v.points > 0 ? `+${v.points}` : v.points < 0 ? `−${-v.points}` : '0';
}

/**
 * What the scripted interviewer says before the next question, after an answer that scored `score`:
 * it follows the score band, so a weak answer is never greeted with "Good.".
 */
export function interviewerReaction(score: number): string {
  const band = scoreBand(score);
  if (band === 'good') return 'Good.';
  if (band === 'fair') return 'Partly there. We can come back to it; let us move on.';
  return 'Hmm, that is not what I was after. Let us move on anyway.';
}
