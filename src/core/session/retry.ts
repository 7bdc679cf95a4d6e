/**
 * Retrying a round: a new session whose input log is the old one cut just before the round's first
 * input, i.e. everything up to and including the answer to the round before. Replaying that prefix
 * (Session.replay) rebuilds the cluster, the terminal and the earlier grades exactly, so the retry is
 * deterministic, and once saved a reload resumes it like any session.
 */
import type { Input } from './types.ts';

/**
 * The inputs before round `roundIndex` (0-based) began: `[]` for the first round, else the log up to
 * and including the answer to round `roundIndex - 1` (`roundIds` are the scenario's round ids in
 * order). Undefined when that round was never reached (no such answer in the log, or a bad index).
 */
export function inputsBeforeRound(inputs: readonly Input[], roundIds: readonly string[], roundIndex: number): Input[] | undefined {
  if (!Number.isInteger(roundIndex) || roundIndex < 0 || roundIndex >= roundIds.length) return undefined;
  if (roundIndex === 0) return [];
  const previous = roundIds[roundIndex - 1];
  const end = inputs.findIndex((i) => i.type === 'answer' && i.round === previous);
  return end < 0 ? undefined : inputs.slice(0, end + 1);
}
