/**
 * Saving sessions: one record per scenario (schema.ts SavedSession) holding the session's variant
 * seed and input log (everything else is rebuilt from the two by replay), how many rounds' feedback the learner has already
 * dismissed (so a reload lands on the same screen), the answer drafts being written, and which
 * attempt it is. Finished attempts are kept apart (attempts.ts), so starting again never loses them.
 * Records (records.ts) holds them; in the browser it persists to IndexedDB.
 */
import type { StateCreator, StoreMutatorIdentifier } from 'zustand';
import { attemptSummary } from '../../core/report/summary.ts';
import type { SessionLike } from './engine.ts';
import { recordAttempt } from './attempts.ts';
import type { Records, RetryOf, SavedSession } from './records.ts';
import { SESSION_VERSION } from './versions.ts';
import type { Ownership } from './sessionLock.ts';
import { coalesceTicks } from '../../core/session/coalesce.ts';

export type { RetryOf, SavedSession } from './records.ts';

/** The scenario's saved run; undefined when there is none (or it was set aside as unreadable). */
export function loadSaved(records: Records, scenarioId: string): SavedSession | undefined {
  return records.session(scenarioId);
}

/** Saved logs at least this long are rebuilt in the replay worker (ui/replay), off the page's thread; shorter ones replay on the page in well under a frame's budget. */
export const AWAY_FROM = 50;

/** The attempt a saved session belongs to, as the replay worker keys its snapshots, and its variant seed. */
export function savedAttemptKey(saved: SavedSession, scenarioId: string): { scenario: string; attempt: string; seed: number } {
  return { scenario: scenarioId, attempt: saved.attempt ?? 'unnamed', seed: saved.seed ?? 0 };
}

export function hasSaved(records: Records, scenarioId: string): boolean {
  return (loadSaved(records, scenarioId)?.inputs.length ?? 0) > 0;
}

export function clearSaved(records: Records, scenarioId: string): void {
  records.putSession(scenarioId, undefined);
}

/** A session record for `scenario` with defaults for what is not given. */
export function sessionRecord(scenario: string, fields: Partial<Omit<SavedSession, 'v' | 'scenario'>>): SavedSession {
  return { v: SESSION_VERSION, scenario, inputs: [], reviewed: 0, drafts: {}, ...fields };
}

/** Writes a session record (a record with nothing in it is removed instead). */
export function saveSession(records: Records, record: SavedSession): void {
  // A drawn seed is kept even before the first input: a reload must show the same names.
  const empty = record.inputs.length === 0 && record.reviewed === 0 && !record.retryOf && !record.seed && Object.values(record.drafts).every((d) => d === '');
  records.putSession(record.scenario, empty ? undefined : record);
}

/** The store fields the middleware watches. */
interface Persistable {
  scenarioId: string | null;
  rev: number;
  reviewed: number;
  attemptId: string | null;
  retryOf: RetryOf | null;
  seed: number;
  session: SessionLike | null;
  ownership: Ownership;
  drafts: Record<string, string>;
}

/** The drafts of one scenario, by round id, from the ui slice's `<scenario>/<round>` keys. */
export function draftsOf(drafts: Record<string, string>, scenarioId: string): Record<string, string> {
  const prefix = `${scenarioId}/`;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(drafts)) if (k.startsWith(prefix) && v !== '') out[k.slice(prefix.length)] = v;
  return out;
}

/**
 * Root middleware: after every change of `rev` (a session input), `reviewed` or the drafts, writes
 * the current scenario's record — only while this tab owns the session (sessionLock.ts) — and once
 * every round is answered records the attempt for the progress page (again after later inputs: same
 * id, so it is updated, not duplicated). Loading is the session slice's `open`, which replays the
 * saved inputs. `wallNow` dates finished attempts.
 */
export const persistSessions =
  <T extends Persistable, Mps extends [StoreMutatorIdentifier, unknown][] = [], Mcs extends [StoreMutatorIdentifier, unknown][] = []>(
    records: Records,
    creator: StateCreator<T, Mps, Mcs>,
    wallNow: () => number = Date.now,
  ): StateCreator<T, Mps, Mcs> =>
  (set, get, api) => {
    const state = creator(set, get, api);
    api.subscribe((next, prev) => {
      if (!next.session || !next.scenarioId || next.ownership !== 'owner') return;
      const inputsChanged = next.rev !== prev.rev || next.session !== prev.session;
      if (!inputsChanged && next.reviewed === prev.reviewed && next.drafts === prev.drafts && next.ownership === prev.ownership) return;
      const attempt = next.attemptId ?? undefined;
      const retryOf = next.retryOf ?? undefined;
      const seed = next.seed || undefined;
      const s = next.session;
      saveSession(records, sessionRecord(next.scenarioId, { inputs: coalesceTicks(s.inputs), reviewed: next.reviewed, attempt, retryOf, seed, drafts: draftsOf(next.drafts, next.scenarioId) }));
      if (inputsChanged && attempt && s.roundIndex >= s.scenario.rounds.length) {
        recordAttempt(records, { v: 1, id: attempt, scenario: next.scenarioId, finishedAt: wallNow(), retryOf, seed, summary: attemptSummary(s.report()), inputs: coalesceTicks(s.inputs) });
      }
    });
    return state;
  };
