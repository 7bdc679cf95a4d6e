/**
 * What this browser keeps, held in memory and read synchronously by the pages: each scenario's
 * current run (SavedSession), finished attempts (Attempt, one record each, so one damaged attempt
 * never costs the others), and records kept aside because they could not be read (StorageProblem).
 *
 * Every record coming in from storage is validated (schema.ts, loaded on demand: recordChecks.ts). One that fails — damaged, from a
 * newer build, or filed under the wrong scenario — is moved aside, never read and never
 * overwritten, and the user is told (StorageNotice). Every change is handed to `sink` as a write
 * (idbRecords.ts persists them, throttled); tests use `memoryRecords()` with no sink.
 */
import { migrateAttempt, migrateSession } from './migrate.ts';
import type { Attempt, SavedSession } from './schema.ts';
import { ATTEMPT_VERSION, SESSION_VERSION } from './versions.ts';
import { recordChecks } from './recordChecks.ts';

export type { Attempt, SavedSession, RetryOf } from './schema.ts';

/** A record kept aside because it could not be used; shown to the user, downloadable, never overwritten. */
export interface StorageProblem {
  id: string;
  /** Where it was found: the session or attempt store, or the old localStorage. */
  from: 'sessions' | 'attempts' | 'localStorage';
  /** Its key there (scenario id, attempt id, or localStorage key). */
  key: string;
  reason: string;
  /** The record as found, untouched. */
  value: unknown;
  /** Wall-clock ms when it was set aside. */
  keptAt: number;
  /** The user has read the notice (the record stays kept). */
  seen?: boolean;
}

/** How full storage is and whether the last write failed. */
export interface StorageStatus {
  /** Bytes used and available to this origin, from navigator.storage.estimate(), when known. */
  usage?: number;
  quota?: number;
  /** Set while writes fail (quota exceeded, storage blocked): what failed, in words. */
  writeError?: string;
}

/** Share of the quota above which the user is warned (and offered export and pruning). */
export const NEARLY_FULL = 0.8;

export const nearlyFull = (s: StorageStatus) => s.usage !== undefined && !!s.quota && s.usage / s.quota >= NEARLY_FULL;

export type StoreName = 'sessions' | 'attempts' | 'quarantine';

/** One change to persist: put `value` under `key` in `store`, or delete the key when value is null. */
export interface WriteOp {
  store: StoreName;
  key: string;
  value: SavedSession | Attempt | StorageProblem | null;
}

/** Raw contents of storage as read back, before validation. */
export interface RawRecords {
  sessions: [key: string, value: unknown][];
  attempts: [key: string, value: unknown][];
  quarantine: StorageProblem[];
}

let problemCounter = 0;

export class Records {
  private sessions = new Map<string, SavedSession>();
  private attempts = new Map<string, Attempt>();
  private kept = new Map<string, StorageProblem>();
  private listeners = new Set<() => void>();
  private statusValue: StorageStatus = {};
  /** Bumped on every change (for useSyncExternalStore). */
  version = 0;
  /** Scenarios whose session this tab owns (sessionLock.ts): a reload from storage keeps ours. */
  readonly owned = new Set<string>();

  constructor(
    private readonly sink: (op: WriteOp) => void = () => {},
    private readonly wallNow: () => number = Date.now,
  ) {}

  /**
   * Replaces the in-memory view with what storage holds, migrating older formats (migrate.ts) and
   * validating each record; invalid ones are
   * moved aside (and that move is written back). Sessions listed in `keep` stay as this tab has
   * them (the tab owns them; another tab's copy is older).
   */
  load(raw: RawRecords, keep: ReadonlySet<string> = this.owned): void {
    const sessions = new Map<string, SavedSession>();
    for (const [key, found] of raw.sessions) {
      if (keep.has(key)) continue;
      const value = migrateSession(found, key);
      const { whyUnusable, savedSessionSchema } = recordChecks();
      const why = whyUnusable(value, savedSessionSchema, SESSION_VERSION) ?? ((value as SavedSession).scenario !== key ? `filed under ${key} but belongs to ${(value as SavedSession).scenario}` : undefined);
      if (why) this.setAside('sessions', key, value, why);
      else sessions.set(key, value as SavedSession);
    }
    for (const key of keep) {
      const own = this.sessions.get(key);
      if (own) sessions.set(key, own);
    }
    const attempts = new Map<string, Attempt>();
    for (const [key, found] of raw.attempts) {
      const value = migrateAttempt(found);
      const { whyUnusable, attemptSchema } = recordChecks();
      const why = whyUnusable(value, attemptSchema, ATTEMPT_VERSION) ?? ((value as Attempt).id !== key ? `filed under ${key} but its id is ${(value as Attempt).id}` : undefined);
      if (why) this.setAside('attempts', key, value, why);
      else attempts.set(key, value as Attempt);
    }
    this.sessions = sessions;
    this.attempts = attempts;
    for (const p of raw.quarantine) this.kept.set(p.id, p);
    this.changed();
  }

  /** Moves a record aside: it is kept under a new id and removed from where it was found. */
  setAside(from: StorageProblem['from'], key: string, value: unknown, reason: string): StorageProblem {
    const keptAt = this.wallNow();
    problemCounter += 1;
    const problem: StorageProblem = { id: `${from}:${key}:${keptAt.toString(36)}-${problemCounter}`, from, key, reason, value, keptAt };
    this.kept.set(problem.id, problem);
    this.sink({ store: 'quarantine', key: problem.id, value: problem });
    if (from === 'sessions') {
      this.sessions.delete(key);
      this.sink({ store: 'sessions', key, value: null });
    } else if (from === 'attempts') {
      this.attempts.delete(key);
      this.sink({ store: 'attempts', key, value: null });
    }
    this.changed();
    return problem;
  }

  session(scenario: string): SavedSession | undefined {
    return this.sessions.get(scenario);
  }

  allSessions(): SavedSession[] {
    return [...this.sessions.values()];
  }

  /** Saves a scenario's run; `undefined` removes it. */
  putSession(scenario: string, record: SavedSession | undefined): void {
    if (record) this.sessions.set(scenario, record);
    else if (this.sessions.has(scenario)) this.sessions.delete(scenario);
    else return;
    this.sink({ store: 'sessions', key: scenario, value: record ?? null });
    this.changed();
  }

  /** A scenario's finished attempts, newest first. */
  attemptsOf(scenario: string): Attempt[] {
    return [...this.attempts.values()].filter((a) => a.scenario === scenario).sort((a, b) => b.finishedAt - a.finishedAt || (a.id < b.id ? 1 : -1));
  }

  allAttempts(): Attempt[] {
    return [...this.attempts.values()];
  }

  putAttempt(attempt: Attempt): void {
    this.attempts.set(attempt.id, attempt);
    this.sink({ store: 'attempts', key: attempt.id, value: attempt });
    this.changed();
  }

  deleteAttempt(id: string): void {
    if (!this.attempts.delete(id)) return;
    this.sink({ store: 'attempts', key: id, value: null });
    this.changed();
  }

  /** Records kept aside, oldest first. */
  problems(): StorageProblem[] {
    return [...this.kept.values()].sort((a, b) => a.keptAt - b.keptAt);
  }

  /** Marks a kept record's notice as read (the record itself stays). */
  markSeen(id: string): void {
    const p = this.kept.get(id);
    if (!p || p.seen) return;
    const next = { ...p, seen: true };
    this.kept.set(id, next);
    this.sink({ store: 'quarantine', key: id, value: next });
    this.changed();
  }

  /** Deletes a kept record for good (after the user downloaded or gave it up). */
  discardProblem(id: string): void {
    if (!this.kept.delete(id)) return;
    this.sink({ store: 'quarantine', key: id, value: null });
    this.changed();
  }

  get status(): StorageStatus {
    return this.statusValue;
  }

  setStatus(next: StorageStatus): void {
    const s = this.statusValue;
    if (s.usage === next.usage && s.quota === next.quota && s.writeError === next.writeError) return;
    this.statusValue = next;
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version += 1;
    for (const l of [...this.listeners]) l();
  }
}

/** Records held in memory only: tests, and browsers where IndexedDB is blocked. */
export function memoryRecords(raw?: Partial<RawRecords>, wallNow?: () => number): Records {
  const r = new Records(undefined, wallNow);
  if (raw) r.load({ sessions: raw.sessions ?? [], attempts: raw.attempts ?? [], quarantine: raw.quarantine ?? [] });
  return r;
}
