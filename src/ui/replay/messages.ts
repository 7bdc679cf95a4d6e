/** Messages between the page (client.ts) and the replay worker (worker.ts). */
import type { Scenario } from '../../core/scenario/types.ts';
import type { Input, SessionSnapshot } from '../../core/session/types.ts';
import type { SnapshotKey } from './snapshotRecord.ts';

export type FromPage =
  /**
   * Rebuild the session of `key` (the attempt's variant `scenario`, its whole saved log) and hold
   * it; `reply`: send it back (a reload), else only keep snapshots of it (a run the page started).
   */
  | { type: 'open'; key: SnapshotKey; scenario: Scenario; inputs: readonly Input[]; reply: boolean }
  /** Inputs the page folded since (the worker keeps its copy current for the next snapshot). */
  | { type: 'append'; key: SnapshotKey; inputs: readonly Input[] };

export type ToPage =
  /** The session between commands, and the inputs after it the page must fold itself. */
  | { type: 'opened'; id: string; snapshot: SessionSnapshot; tail: readonly Input[]; from: 'snapshot' | 'start'; unused?: string }
  | { type: 'failed'; id: string; message: string };
