/**
 * Rebuilding a session for a reload, as the replay worker does it (worker.ts is the thin browser
 * wrapper around this): from the kept snapshot when it is of this attempt, build and log prefix,
 * plus the log's tail; else by replaying the whole log (a damaged or foreign snapshot is reported
 * and replaced, never a reason to start afresh). While inputs are folded, a snapshot is kept every
 * SNAPSHOT_EVERY inputs, at the first moment between commands, so the next reload replays little.
 * Pure of the browser: `save` stores a record (IndexedDB in the worker, a list in tests).
 */
import { Session, type SessionOptions } from '../../core/session/session.ts';
import type { Input, SessionSnapshot } from '../../core/session/types.ts';
import type { Scenario } from '../../core/scenario/types.ts';
import { logFingerprint, readSnapshotRecord, SNAPSHOT_VERSION, type SnapshotKey, type SnapshotRecord } from './snapshotRecord.ts';

/** A snapshot is kept once this many inputs were folded since the last one (taken between commands). */
export const SNAPSHOT_EVERY = 200;

/** Folds inputs into a session and keeps a snapshot every SNAPSHOT_EVERY inputs through `save`. */
export class SnapshotKeeper {
  private savedAt: number;
  constructor(
    readonly session: Session,
    private readonly key: SnapshotKey,
    private readonly build: string,
    private readonly save: (record: SnapshotRecord) => void,
  ) {
    this.savedAt = session.inputs.length;
  }

  /** Folds `inputs` (the ones after those the session holds), keeping snapshots on the way. */
  append(inputs: readonly Input[]): void {
    for (const input of inputs) {
      this.session.append(input);
      if (this.session.inputs.length - this.savedAt >= SNAPSHOT_EVERY) this.keep();
    }
  }

  /** Keeps a snapshot now if the session is between commands and has moved since the last one. */
  keep(): boolean {
    const snapshot = this.session.snapshot();
    if (!snapshot || snapshot.inputs === this.savedAt) return false;
    this.save(snapshotRecord(this.key, this.build, this.session.inputs, snapshot));
    this.savedAt = snapshot.inputs;
    return true;
  }
}

/** The record to keep for `snapshot`, taken after the first `snapshot.inputs` of `inputs`. */
export function snapshotRecord(key: SnapshotKey, build: string, inputs: readonly Input[], snapshot: SessionSnapshot): SnapshotRecord {
  return { v: SNAPSHOT_VERSION, ...key, build, fingerprint: logFingerprint(inputs, snapshot.inputs), session: snapshot };
}

export interface Rebuilt {
  keeper: SnapshotKeeper;
  /** Where it started: the kept snapshot, or the scenario's start (a full replay). */
  from: 'snapshot' | 'start';
  /** Why the kept snapshot was not used, when there was one. */
  unused?: string;
}

/**
 * The session `Session.replay(scenario, inputs)` builds, from `stored` (the kept snapshot record as
 * read from storage, unchecked) when it fits. `build` names the running build; `options` are the
 * session's (the browser's sessions are `tty`).
 */
export function rebuild(scenario: Scenario, key: SnapshotKey, inputs: readonly Input[], stored: unknown, build: string, save: (record: SnapshotRecord) => void, options?: SessionOptions): Rebuilt {
  let unused: string | undefined;
  let session: Session | undefined;
  if (stored !== undefined) {
    const read = readSnapshotRecord(stored, key, build);
    if (!read.ok) unused = read.why;
    else if (read.record.session.inputs > inputs.length || read.record.fingerprint !== logFingerprint(inputs, read.record.session.inputs)) unused = 'of another log';
    else session = Session.restore(scenario, inputs.slice(0, read.record.session.inputs), read.record.session, options);
  }
  const from = session ? 'snapshot' : 'start';
  const keeper = new SnapshotKeeper(session ?? Session.start(scenario, options), key, build, save);
  keeper.append(inputs.slice(keeper.session.inputs.length));
  return { keeper, from, ...(unused ? { unused } : {}) };
}

/**
 * What the page needs to hold the session itself: a snapshot between commands and the inputs
 * after it (none unless the log ends inside a running command, whose callbacks are code: then its
 * line and the inputs since, which the page replays). `replayTo(n)` builds a session of the log's
 * first `n` inputs, for going back to the last moment between commands. The snapshot shares the
 * session's objects: the worker's message copies it.
 */
export function handOver(session: Session, replayTo: (count: number) => Session): { snapshot: SessionSnapshot; tail: readonly Input[] } {
  const now = session.snapshot();
  if (now) return { snapshot: now, tail: [] };
  // Inside a running command: go back to the last moment between commands (the line that started it).
  let quiet = session.inputs.length - 1;
  while (quiet > 0 && session.inputs[quiet].type !== 'command') quiet--;
  for (;;) {
    const earlier = replayTo(quiet);
    const snapshot = earlier.snapshot();
    if (snapshot) return { snapshot, tail: session.inputs.slice(quiet) };
    quiet--;
    while (quiet > 0 && session.inputs[quiet].type !== 'command') quiet--;
  }
}
