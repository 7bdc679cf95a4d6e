/**
 * The server's pacing under many sessions: inputs written in one turn go to the database as one
 * statement (and a conflicting session fails alone), and replays run round-robin in short turns that
 * leave the event loop free for frames in between.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Input } from '../core/session/types.ts';
import { openEmbedded, type Db } from './db.ts';
import { InputWriter, ReplayQueue, type Replayable } from './pacing.ts';
import { createSession, loadInputs } from './store.ts';

const cmd = (line: string, at: number): Input => ({ type: 'command', at, line });

describe('InputWriter', () => {
  let dir: string;
  let db: Db;
  const statements: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gauntlet-pacing-'));
    const real = await openEmbedded(dir);
    db = { ...real, query: (sql, params) => (statements.push(sql), real.query(sql, params)) };
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const session = async () => (await createSession(db, { scenario: 'sigill-node', candidateName: null, timeLimitMin: null, now: 1, ttlMs: 1000 })).row.id;

  it('stores the inputs of every session written in one turn with one INSERT, each at its own sequence numbers', async () => {
    const [a, b, c] = [await session(), await session(), await session()];
    const writer = new InputWriter(db);
    statements.length = 0;
    await Promise.all([
      writer.write(a, 0, [cmd('kubectl get pods', 10), cmd('kubectl get nodes', 20)], 100),
      writer.write(b, 0, [cmd('uptime', 30)], 101),
      writer.write(c, 0, [cmd('kubectl get events', 40)], 102),
    ]);
    expect(statements.filter((s) => s.startsWith('insert into live_inputs'))).toHaveLength(1);
    expect(await loadInputs(db, a)).toEqual([{ input: cmd('kubectl get pods', 10), receivedAt: 100 }, { input: cmd('kubectl get nodes', 20), receivedAt: 100 }]);
    expect(await loadInputs(db, b)).toEqual([{ input: cmd('uptime', 30), receivedAt: 101 }]);
    expect(await loadInputs(db, c)).toEqual([{ input: cmd('kubectl get events', 40), receivedAt: 102 }]);
  });

  it('fails only the session whose sequence number another writer took; the others in the batch are stored', async () => {
    const [a, b] = [await session(), await session()];
    await new InputWriter(db).write(a, 0, [cmd('kubectl get pods', 10)], 100);
    const writer = new InputWriter(db);
    const results = await Promise.allSettled([
      writer.write(a, 0, [cmd('kubectl get nodes', 20)], 200),
      writer.write(b, 0, [cmd('uptime', 30)], 201),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(await loadInputs(db, a)).toEqual([{ input: cmd('kubectl get pods', 10), receivedAt: 100 }]);
    expect(await loadInputs(db, b)).toEqual([{ input: cmd('uptime', 30), receivedAt: 201 }]);
  });
});

describe('ReplayQueue', () => {
  it('replays sessions round-robin, an input at a time, and lets other work run between its turns', async () => {
    const order: string[] = [];
    const session = (name: string, inputs: number, msEach: number): Replayable => {
      let left = inputs;
      return {
        replayStep() {
          const end = performance.now() + msEach;
          while (performance.now() < end);
          order.push(name);
          return --left > 0;
        },
      };
    };
    const q = new ReplayQueue();
    q.add(session('a', 3, 0));
    q.add(session('b', 2, 0));
    await new Promise((ok) => setTimeout(ok, 20));
    expect(order).toEqual(['a', 'b', 'a', 'b', 'a']);

    // 40 steps of 2 ms: a frame arriving meanwhile is handled long before the 80 ms of replay end.
    order.length = 0;
    q.add(session('slow', 40, 2));
    const frameAt = await new Promise<number>((ok) => setImmediate(() => ok(order.length)));
    expect(frameAt).toBeLessThan(10);
    await vi.waitFor(() => expect(order).toHaveLength(40), { timeout: 10_000 });
  });
});
