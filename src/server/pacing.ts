/**
 * How the server keeps fan-out fast with many live sessions in one process:
 * - `InputWriter`: every input stored in one turn of the event loop, whatever its session, goes to
 *   the database in one multi-row INSERT (one statement, one transaction) instead of one each. With
 *   PGlite a statement costs milliseconds of WASM and a WAL write, so 200 sessions typing at once
 *   would otherwise queue 200 statements before the last ack.
 * - `ReplayQueue`: the server's own replays (the core's work for each input, most of what an input
 *   costs here) run a few milliseconds at a time between turns, round-robin over sessions, so a
 *   burst of commands in many sessions never holds up reading, storing and fanning out the next
 *   frames. (With one setImmediate per session, every session with work ran in the same turn.)
 */
import type { Input } from '../core/session/types.ts';
import type { Db } from './db.ts';
import { appendInputRows, type InputRows } from './store.ts';

interface Pending extends InputRows {
  done: (error?: unknown) => void;
}

export class InputWriter {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  /**
   * Stores `inputs` of session `id` at sequence numbers `from`…, together with whatever else is
   * written in this turn. Rejects (unique violation) when another writer stored those numbers first;
   * other sessions' inputs in the same batch are stored all the same.
   */
  write(id: string, from: number, inputs: readonly Input[], receivedAt: number): Promise<void> {
    if (inputs.length === 0) return Promise.resolve();
    return new Promise((ok, fail) => {
      this.pending.push({ id, from, inputs, receivedAt, done: (e) => (e === undefined ? ok() : fail(e)) });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    try {
      await appendInputRows(this.db, batch);
      for (const p of batch) p.done();
    } catch {
      // One group conflicts (or the batch is refused for some other reason): write each alone so
      // only the ones at fault fail.
      for (const p of batch) await appendInputRows(this.db, [p]).then(() => p.done(), (e: unknown) => p.done(e ?? new Error('insert failed')));
    }
  }
}

/** Something with replay work to do, a step at a time. */
export interface Replayable {
  /** Replays its next input, if any; true when more are left after it. */
  replayStep(): boolean;
}

/** Milliseconds of replay per turn of the event loop before frames get their turn again. */
const BUDGET_MS = 4;

export class ReplayQueue {
  private readonly waiting = new Set<Replayable>();
  private scheduled = false;

  /** `r` has inputs to replay: it gets turns until it has none. */
  add(r: Replayable): void {
    this.waiting.add(r);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.run();
      this.schedule();
    });
  }

  private run(): void {
    const end = performance.now() + BUDGET_MS;
    while (this.waiting.size && performance.now() < end) {
      // Round-robin: the first in line replays one input, then goes to the back if it has more.
      const [r] = this.waiting;
      this.waiting.delete(r);
      if (r.replayStep()) this.waiting.add(r);
    }
  }
}
