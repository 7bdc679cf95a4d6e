/**
 * Test helpers for live sessions: a server on an ephemeral port over a fresh embedded database, and
 * a small WebSocket client that collects frames and waits for one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import { createApp, type AppOptions } from '../../src/server/app.ts';
import { openEmbedded, type Db } from '../../src/server/db.ts';
import type { Hub } from '../../src/server/hub.ts';
import type { ServerFrame } from '../../src/live/protocol.ts';

export interface TestServer {
  base: string;
  ws: string;
  app: FastifyInstance;
  hub: Hub;
  db: Db;
  close(): Promise<void>;
}

/** A server with the API only, over an embedded database in a temporary directory (or `db`). */
export async function startTestServer(o: Partial<AppOptions> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-live-'));
  const db = o.db ?? (await openEmbedded(dir));
  // Sessions play the scenario as written unless a test asks for drawn seeds (`seed: undefined`).
  const { app, hub } = await createApp({ web: 'none', seed: 0, ...o, db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return {
    base: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}/api/live/ws`,
    app, hub, db,
    async close() {
      await app.close();
      if (!o.db) await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a session through the API; returns both tokens. */
export async function createLive(base: string, body: Record<string, unknown> = { scenario: 'sigill-node' }): Promise<{ candidateToken: string; interviewerToken: string }> {
  const r = await fetch(`${base}/api/live`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`create: ${r.status} ${await r.text()}`);
  return r.json();
}

/** A WebSocket client that keeps every frame it receives. */
export class TestClient {
  readonly frames: ServerFrame[] = [];
  private waiters: (() => void)[] = [];
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (d) => {
      this.frames.push(JSON.parse(d.toString()));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async open(url: string, token?: string): Promise<TestClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((ok, fail) => {
      socket.once('open', () => ok());
      socket.once('error', fail);
    });
    const c = new TestClient(socket);
    if (token) {
      c.send({ type: 'hello', token });
      await c.next((f) => f.type === 'welcome' || f.type === 'error');
    }
    return c;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first frame (from `from` on) that matches; rejects after `ms`. */
  async next<T extends ServerFrame>(match: (f: ServerFrame) => boolean, from = 0, ms = 5000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.frames.slice(from).find(match);
      if (hit) return hit as T;
      if (Date.now() > deadline) throw new Error(`no matching frame; got ${JSON.stringify(this.frames.map((f) => f.type))}`);
      await new Promise<void>((ok) => {
        this.waiters.push(ok);
        setTimeout(ok, 50);
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}
