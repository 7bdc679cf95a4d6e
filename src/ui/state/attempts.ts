/**
 * Finished attempts, kept in the browser for the progress page: `gauntlet:attempts:<scenario>` holds
 * a list (newest first, at most MAX_ATTEMPTS) of each attempt's summary (total, round scores,
 * weakest skills, from core/report/summary.ts) and its input log, so any of its rounds can be
 * retried later. Retrying writes a new session record (persistence.ts) that the play page replays.
 */
import type { AttemptSummary } from '../../core/report/summary.ts';
import { inputsBeforeRound } from '../../core/session/retry.ts';
import type { Scenario } from '../../core/scenario/types.ts';
import type { Input } from '../../core/session/types.ts';
import { loadSaved, saveSession, type KeyValueStorage, type RetryOf } from './persistence.ts';

export const MAX_ATTEMPTS = 20;

export interface Attempt {
  id: string;
  scenario: string;
  /** Browser wall-clock ms when every round had been answered. */
  finishedAt: number;
  retryOf?: RetryOf;
  summary: AttemptSummary;
  inputs: Input[];
}

export const attemptsKey = (scenarioId: string) => `gauntlet:attempts:${scenarioId}`;

/** The scenario's finished attempts, newest first; [] when none or unreadable. */
export function loadAttempts(storage: KeyValueStorage, scenarioId: string): Attempt[] {
  try {
    const data = JSON.parse(storage.getItem(attemptsKey(scenarioId)) ?? '[]') as unknown;
    if (!Array.isArray(data)) return [];
    return data.filter((a): a is Attempt => !!a && typeof a.id === 'string' && Array.isArray(a.inputs) && !!a.summary);
  } catch {
    return [];
  }
}

/** Adds an attempt, or updates the one with the same id (keeping when it was first finished). */
export function recordAttempt(storage: KeyValueStorage, attempt: Attempt): void {
  const list = loadAttempts(storage, attempt.scenario);
  const old = list.find((a) => a.id === attempt.id);
  const next = old
    ? list.map((a) => (a.id === attempt.id ? { ...attempt, finishedAt: old.finishedAt } : a))
    : [attempt, ...list].slice(0, MAX_ATTEMPTS);
  try {
    storage.setItem(attemptsKey(attempt.scenario), JSON.stringify(next));
  } catch {
    // Quota exceeded or storage disabled: the attempt is simply not kept.
  }
}

let counter = 0;
/** A new attempt id, unique in this browser: time and a counter, base 36. */
export function newAttemptId(now: number = Date.now()): string {
  counter += 1;
  return `${now.toString(36)}-${counter.toString(36)}`;
}

/**
 * Makes the scenario's current session a retry of `roundIndex` (0-based) of an attempt: its inputs
 * before that round, the earlier rounds' feedback already seen, a new attempt id. The play page then
 * replays it. False when the attempt never reached that round.
 */
export function startRetry(storage: KeyValueStorage, scenario: Scenario, from: { id: string; inputs: readonly Input[] }, roundIndex: number): boolean {
  const prefix = inputsBeforeRound(from.inputs, scenario.rounds.map((r) => r.id), roundIndex);
  if (!prefix) return false;
  saveSession(storage, scenario.meta.id, {
    v: 1,
    inputs: prefix,
    reviewed: roundIndex,
    attempt: newAttemptId(),
    retryOf: { attempt: from.id, round: scenario.rounds[roundIndex].id },
  });
  return true;
}

/**
 * Rounds answered in the scenario's saved session when it is unfinished (leaving it loses work),
 * undefined when there is none or it is finished (then it is already kept as an attempt).
 */
export function unfinishedRounds(storage: KeyValueStorage, scenario: Scenario): number | undefined {
  const saved = loadSaved(storage, scenario.meta.id);
  if (!saved || saved.inputs.length === 0) return undefined;
  const answered = saved.inputs.filter((i) => i.type === 'answer').length;
  return answered < scenario.rounds.length ? answered : undefined;
}
