/**
 * Handing a rebuilt session from the replay worker to the page without one long task on the page.
 * A 3,000-command session's snapshot is about 6 MB of small objects (measured on sigill-node: the
 * grader's command records 3.2 MB, the transcript 1.5 MB, the cluster 1 MB, most of it the hosts'
 * journals). The page deserialises a message in the task that delivers it, so every part of the snapshot
 * bigger than SLICE_BYTES travels as slices of about that size, one message each, and the page
 * joins them before restoring. Pure of the browser: `post` is a plain function.
 */
import type { SessionSnapshot } from '../../core/session/types.ts';
import type { ToPage } from './messages.ts';

/** About this many JSON characters per slice (estimated, escapes not counted): a few milliseconds of deserialising on a quiet laptop. */
export const SLICE_BYTES = 150_000;

/** `values` in consecutive groups of about `budget` JSON characters (a group holds at least one value). */
function groups<T>(values: readonly T[], size: (v: T) => number, budget = SLICE_BYTES): T[][] {
  const out: T[][] = [];
  let group: T[] = [];
  let used = 0;
  for (const v of values) {
    const n = size(v);
    if (group.length && used + n > budget) {
      out.push(group);
      group = [];
      used = 0;
    }
    group.push(v);
    used += n;
  }
  if (group.length) out.push(group);
  return out;
}

/**
 * About how many characters `value` takes as JSON, from one walk (object sizes kept in `memo`, so
 * asking again about a part is free). Only plain objects and arrays are walked (and ever split):
 * anything else (Map, Set) counts as small and travels whole, as structured clone carries it.
 */
function jsonSize(value: unknown, memo: WeakMap<object, number>): number {
  if (typeof value === 'string') return value.length + 2;
  if (typeof value !== 'object' || value === null) return value === undefined ? 0 : String(value).length;
  const known = memo.get(value);
  if (known !== undefined) return known;
  let size = 2;
  if (Array.isArray(value)) for (const v of value) size += jsonSize(v, memo) + 1;
  else if (isPlain(value)) for (const k in value) size += k.length + 4 + jsonSize((value as Record<string, unknown>)[k], memo);
  memo.set(value, size);
  return size;
}

const isPlain = (v: object) => Object.getPrototypeOf(v) === Object.prototype;

/**
 * What stays of `value` in its parent once its big parts travel as slices (`residual`: an empty
 * list or table in their place), and `send`, which posts those slices parents first, so that at
 * the join every slice finds its place already made.
 */
function split(value: unknown, path: string[], post: (m: ToPage) => void, id: string, memo: WeakMap<object, number>): { residual: unknown; send: () => void } {
  const size = (v: unknown) => jsonSize(v, memo);
  if (typeof value !== 'object' || value === null || size(value) <= SLICE_BYTES || !(Array.isArray(value) || isPlain(value))) return { residual: value, send: () => {} };
  if (Array.isArray(value)) return { residual: [], send: () => groups(value, size).forEach((items) => post({ type: 'slice', id, path, items })) };
  const residual: Record<string, unknown> = {};
  const below: (() => void)[] = [];
  for (const [k, v] of Object.entries(value)) {
    const part = split(v, [...path, k], post, id, memo);
    residual[k] = part.residual;
    below.push(part.send);
  }
  const sendBelow = () => below.forEach((send) => send());
  // The residual is new (its emptied parts are new too): measured afresh.
  if (size(residual) <= SLICE_BYTES) return { residual, send: sendBelow };
  return {
    residual: {},
    send: () => {
      groups(Object.entries(residual), ([k, v]) => k.length + 4 + size(v)).forEach((entries) => post({ type: 'slice', id, path, entries }));
      sendBelow();
    },
  };
}

/**
 * Posts the parts of `snapshot` bigger than a slice as `slice` messages (lists in runs of items,
 * tables in runs of entries, nested as deep as needed) and returns what is left for the `opened`
 * message that follows: the snapshot with empty lists and tables in their place, key order kept.
 */
export function sendSlices(id: string, snapshot: SessionSnapshot, post: (m: ToPage) => void): SessionSnapshot {
  const { residual, send } = split(snapshot, [], post, id, new WeakMap());
  send();
  return residual as SessionSnapshot;
}

/** The page's side: keeps slices per session id until its `opened` arrives, then joins them into its snapshot. */
export class SliceJoiner {
  private readonly parts = new Map<string, Extract<ToPage, { type: 'slice' }>[]>();

  /** Keeps one slice, in arrival order. */
  add(m: Extract<ToPage, { type: 'slice' }>): void {
    const list = this.parts.get(m.id) ?? [];
    list.push(m);
    this.parts.set(m.id, list);
  }

  /** The whole snapshot of an `opened` message: the slices kept for its id put back in order (and dropped here). */
  join(m: Extract<ToPage, { type: 'opened' }>): SessionSnapshot {
    const slices = this.parts.get(m.id) ?? [];
    this.parts.delete(m.id);
    const snapshot = m.snapshot;
    for (const s of slices) {
      const place = s.path.reduce<unknown>((at, k) => (at as Record<string, unknown>)[k], snapshot);
      if (s.items) (place as unknown[]).push(...s.items);
      for (const [k, v] of s.entries ?? []) (place as Record<string, unknown>)[k] = v;
    }
    return snapshot;
  }

  /** Drops what was kept for `id` (its rebuild failed or was superseded). */
  drop(id: string): void {
    this.parts.delete(id);
  }
}
