/**
 * Finished attempts, kept in the browser for the progress page: one record per attempt (schema.ts
 * Attempt) holding its summary (total, round scores, weakest skills, from core/report/summary.ts)
 * and its input log, so any of its rounds can be retried later. Retrying writes a new session
 * record (persistence.ts) that the play page replays. Nothing is dropped to make room: when storage
 * fills, the user is told and chooses what to export and delete (StorageNotice, progress page).
 */
import { inputsBeforeRound } from '../../core/session/retry.ts';
import type { ScenarioSummary } from '../../core/scenario/split.ts';
import type { Input } from '../../core/session/types.ts';
import { loadSaved, saveSession, sessionRecord } from './persistence.ts';
import type { Attempt, Records } from './records.ts';

export type { Attempt } from './records.ts';

/** The scenario's finished attempts, newest first. */
export function loadAttempts(records: Records, scenarioId: string): Attempt[] {
  return records.attemptsOf(scenarioId);
}

/** Adds an attempt, or updates the one with the same id (keeping when it was first finished). */
export function recordAttempt(records: Records, attempt: Attempt): void {
  const old = records.attemptsOf(attempt.scenario).find((a) => a.id === attempt.id);
  records.putAttempt(old ? { ...attempt, finishedAt: old.finishedAt } : attempt);
}

let counter = 0;
/** A new attempt id, unique in this browser: time and a counter, base 36. */
export function newAttemptId(now: number = Date.now()): string {
  counter += 1;
  return `${now.toString(36)}-${counter.toString(36).padStart(4, '0')}`;
}

/**
 * Makes the scenario's current session a retry of `roundIndex` (0-based) of an attempt: its inputs
 * before that round and its variant seed, the earlier rounds' feedback already seen, a new attempt id. The play page then
 * replays it. False when the attempt never reached that round.
 */
export function startRetry(records: Records, scenario: ScenarioSummary, from: { id: string; inputs: readonly Input[]; seed?: number }, roundIndex: number): boolean {
  const prefix = inputsBeforeRound(from.inputs, scenario.rounds.map((r) => r.id), roundIndex);
  if (!prefix) return false;
  saveSession(records, sessionRecord(scenario.meta.id, {
    inputs: prefix,
    reviewed: roundIndex,
    attempt: newAttemptId(),
    // The inputs only replay on the variant they were typed against.
    seed: from.seed || undefined,
    retryOf: { attempt: from.id, round: scenario.rounds[roundIndex].id },
  }));
  return true;
}

/**
 * Rounds answered in the scenario's saved session when it is unfinished (leaving it loses work),
 * undefined when there is none or it is finished (then it is already kept as an attempt).
 */
export function unfinishedRounds(records: Records, scenario: ScenarioSummary): number | undefined {
  const saved = loadSaved(records, scenario.meta.id);
  if (!saved || saved.inputs.length === 0) return undefined;
  const answered = saved.inputs.filter((i) => i.type === 'answer').length;
  return answered < scenario.rounds.length ? answered : undefined;
}
