/**
 * A binary min-heap of `{ at, key }`: what is due when, for the clock (docs/shapes.md §6). The
 * clock pops the earliest moment instead of asking every pod's kubelet on every step. Entries
 * are not removed when their subject changes: the caller checks an entry against the state when
 * it pops it (lazy deletion) and pushes the new moment, so a push is O(log n) and nothing scans.
 */
export class DueQueue {
  private readonly ats: number[] = [];
  private readonly keys: string[] = [];

  get size(): number { return this.ats.length; }

  /** The earliest moment queued (ms), or Infinity when empty. */
  peekAt(): number { return this.ats.length ? this.ats[0] : Infinity; }

  /** Queues `key` at `at` (ms). Infinite moments are never due, so they are not queued. */
  push(at: number, key: string): void {
    if (!Number.isFinite(at)) return;
    const ats = this.ats;
    const keys = this.keys;
    let i = ats.length;
    ats.push(at);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (ats[parent] <= at) break;
      ats[i] = ats[parent];
      keys[i] = keys[parent];
      i = parent;
    }
    ats[i] = at;
    keys[i] = key;
  }

  /** Removes and returns the earliest entry's key; undefined when empty. */
  pop(): string | undefined {
    const ats = this.ats;
    const keys = this.keys;
    if (!ats.length) return undefined;
    const top = keys[0];
    const lastAt = ats.pop()!;
    const lastKey = keys.pop()!;
    const n = ats.length;
    if (n) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && ats[child + 1] < ats[child]) child++;
        if (ats[child] >= lastAt) break;
        ats[i] = ats[child];
        keys[i] = keys[child];
        i = child;
      }
      ats[i] = lastAt;
      keys[i] = lastKey;
    }
    return top;
  }
}
