/**
 * Saving sessions in localStorage: one record per scenario under `gauntlet:session:<id>` holding the
 * session's input log (everything else is rebuilt from it by replay), how many rounds' feedback
 * the learner has already dismissed (so a reload lands on the same screen) and which attempt it is.
 * Finished attempts are kept apart (attempts.ts), so starting again never loses them.
 */
import type { StateCreator, StoreMutatorIdentifier } from 'zustand';
import type { Input } from '../../core/session/types.ts';
import { attemptSummary } from '../../core/report/summary.ts';
import type { SessionLike } from './engine.ts';
import { recordAttempt } from './attempts.ts';

export interface SavedSession {
  v: 1;
  inputs: Input[];
  /** Round results whose feedback was dismissed with "Next round". */
  reviewed: number;
  /** Id of the attempt this session is (see attempts.ts); absent in records from older builds. */
  attempt?: string;
  /** Set when the session is a retry: the attempt it started from and the round retried. */
  retryOf?: RetryOf;
}

export interface RetryOf {
  attempt: string;
  round: string;
}

/** The subset of Web Storage used here (tests pass a Map-backed fake). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const storageKey = (scenarioId: string) => `gauntlet:session:${scenarioId}`;

/** Reads a saved session; `undefined` when absent or unreadable (a corrupt record is ignored, not fatal). */
export function loadSaved(storage: KeyValueStorage, scenarioId: string): SavedSession | undefined {
  try {
    const raw = storage.getItem(storageKey(scenarioId));
    if (!raw) return undefined;
    const data = JSON.parse(raw) as Partial<SavedSession>;
    if (data.v !== 1 || !Array.isArray(data.inputs)) return undefined;
    return {
      v: 1,
      inputs: data.inputs,
      reviewed: typeof data.reviewed === 'number' ? data.reviewed : 0,
      ...(typeof data.attempt === 'string' ? { attempt: data.attempt } : {}),
      ...(data.retryOf && typeof data.retryOf.attempt === 'string' ? { retryOf: data.retryOf } : {}),
    };
  } catch {
    return undefined;
  }
}

export function hasSaved(storage: KeyValueStorage, scenarioId: string): boolean {
  return (loadSaved(storage, scenarioId)?.inputs.length ?? 0) > 0;
}

export function clearSaved(storage: KeyValueStorage, scenarioId: string): void {
  try {
    storage.removeItem(storageKey(scenarioId));
  } catch {
    // Storage disabled: nothing to clear.
  }
}

/** Writes a session record (a record with nothing in it is removed instead). */
export function saveSession(storage: KeyValueStorage, scenarioId: string, record: SavedSession): void {
  try {
    if (record.inputs.length === 0 && record.reviewed === 0 && !record.retryOf) storage.removeItem(storageKey(scenarioId));
    else storage.setItem(storageKey(scenarioId), JSON.stringify(record));
  } catch {
    // Quota exceeded or storage disabled: the session still works, it just will not resume.
  }
}

/** The store fields the middleware watches. */
interface Persistable {
  scenarioId: string | null;
  rev: number;
  reviewed: number;
  attemptId: string | null;
  retryOf: RetryOf | null;
  session: SessionLike | null;
}

/**
 * Root middleware: after every change of `rev` (a session input) or `reviewed`, writes the current
 * scenario's record, and once every round is answered records the attempt for the progress page
 * (again after later inputs: same id, so it is updated, not duplicated). Loading is the session
 * slice's `open`, which replays the saved inputs. `wallNow` dates finished attempts.
 */
export const persistSessions =
  <T extends Persistable, Mps extends [StoreMutatorIdentifier, unknown][] = [], Mcs extends [StoreMutatorIdentifier, unknown][] = []>(
    storage: KeyValueStorage,
    creator: StateCreator<T, Mps, Mcs>,
    wallNow: () => number = Date.now,
  ): StateCreator<T, Mps, Mcs> =>
  (set, get, api) => {
    const state = creator(set, get, api);
    api.subscribe((next, prev) => {
      if (!next.session || !next.scenarioId) return;
      if (next.rev === prev.rev && next.reviewed === prev.reviewed && next.session === prev.session) return;
      const attempt = next.attemptId ?? undefined;
      const retryOf = next.retryOf ?? undefined;
      saveSession(storage, next.scenarioId, { v: 1, inputs: [...next.session.inputs], reviewed: next.reviewed, attempt, retryOf });
      const s = next.session;
      if (attempt && s.roundIndex >= s.scenario.rounds.length) {
        recordAttempt(storage, { id: attempt, scenario: next.scenarioId, finishedAt: wallNow(), retryOf, summary: attemptSummary(s.report()), inputs: [...s.inputs] });
      }
    });
    return state;
  };
