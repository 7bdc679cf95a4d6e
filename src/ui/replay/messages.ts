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
  /**
   * A part of a snapshot, sent before its `opened` (handover.ts): `items` of one of its lists
   * (`path` [list]) or `entries` of one of its state tables (`path` ['state', table]), in order.
   * Each message is deserialised in its own task on the page, so no task holds the whole snapshot.
   */
  | { type: 'slice'; id: string; path: string[]; items?: unknown[]; entries?: [string, unknown][] }
  /** The session between commands (its sliced lists empty: the slices before fill them), and the inputs after it the page must fold itself. */
  | { type: 'opened'; id: string; snapshot: SessionSnapshot; tail: readonly Input[]; from: 'snapshot' | 'start'; unused?: string }
  | { type: 'failed'; id: string; message: string };
