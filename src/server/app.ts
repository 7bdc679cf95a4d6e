/**
 * The whole product as one HTTP server: the live-session API and WebSocket, and the app itself,
 * either the production build (dist/, `npm run serve`) or Vite in middleware mode with hot reload
 * (`npm start`). Practice mode needs none of the API: the same pages work from a static host.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import fastifyStatic from '@fastify/static';
import middie from '@fastify/middie';
import { repoRoot } from '../cli/project.ts';
import { MAX_FRAME_BYTES } from '../live/protocol.ts';
import type { Db } from './db.ts';
import { Hub } from './hub.ts';
import { registerLiveOnly, type LiveOnly } from './liveOnly.ts';
import { liveRoutes } from './routes.ts';
import { loadScenarioBook, type ScenarioBook } from './scenarios.ts';

export interface AppOptions {
  db: Db;
  /** `dev`: Vite middleware with hot reload; `dist`: the built app from dist/; `none`: the API only (tests). */
  web: 'dev' | 'dist' | 'none';
  book?: ScenarioBook;
  /** How long links work after creation, ms (default 30 days). */
  linkTtlMs?: number;
  now?: () => number;
  logger?: boolean;
  /**
   * Every new session plays this variant seed (GAUNTLET_SEED; the tests pin 0, the file as
   * written); unset, each session draws its own (core/scenario/variants.ts ATTEMPT_SEEDS).
   */
  seed?: number;
  /**
   * Adds GET /api/debug/memory: the process's heap after a full collection (when node runs with
   * --expose-gc), its resident memory and the rooms loaded. For the bench; off in normal use.
   */
  debugMemory?: boolean;
  /** Live-only mode (liveOnly.ts): private chunks for link holders only, creating needs the key. Not with `dev`. */
  liveOnly?: LiveOnly;
  /** Where the build is (default: the repository's dist/). */
  distRoot?: string;
}

export async function createApp(o: AppOptions): Promise<{ app: FastifyInstance; hub: Hub }> {
  if (o.liveOnly && o.web === 'dev') throw new Error('live-only mode serves the production build: run `npm run build`, then `npm run serve` (not `npm start`)');
  const app = Fastify({ logger: o.logger ?? false, bodyLimit: 64 * 1024 });
  const hub = new Hub(o.db, o.book ?? loadScenarioBook(), { now: o.now, candidateLink: (t) => `/live/c/${t}` });
  await hub.start();
  // Frames over MAX_FRAME_BYTES get an error frame (connection.ts); only far bigger ones close the socket.
  await app.register(websocket, { options: { maxPayload: 16 * MAX_FRAME_BYTES } });
  await app.register(async (api) => liveRoutes(api, hub, { linkTtlMs: o.linkTtlMs ?? 30 * 24 * 3600_000, seed: o.seed, liveOnly: o.liveOnly }));
  if (o.debugMemory) app.get('/api/debug/memory', async () => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    return { heapUsed: m.heapUsed, rss: m.rss, rooms: hub.size, collected: typeof (globalThis as { gc?: unknown }).gc === 'function' };
  });

  if (o.web === 'dist') {
    const root = o.distRoot ?? join(repoRoot, 'dist');
    if (!existsSync(join(root, 'index.html'))) throw new Error('dist/ has no build: run `npm run build` first');
    // Before the static files' routes: it decides who gets the private chunks.
    if (o.liveOnly) registerLiveOnly(app, hub, root);
    await app.register(fastifyStatic, { root, wildcard: false });
    // Client-side routes (/live/…, /?scenario=…) all get the app's page.
    app.setNotFoundHandler((req, reply) => {
      if (req.method !== 'GET' || req.url.startsWith('/api/') || req.url.startsWith('/assets/')) return reply.code(404).send({ error: 'not found' });
      return reply.sendFile('index.html');
    });
  } else if (o.web === 'dev') {
    const { createServer } = await import('vite');
    const vite = await createServer({ root: repoRoot, configFile: join(repoRoot, 'vite.config.ts'), server: { middlewareMode: true }, appType: 'spa' });
    await app.register(middie);
    app.use((req, res, next) => (req.url?.startsWith('/api/') ? next() : vite.middlewares(req, res, next)));
    app.addHook('onClose', () => vite.close());
  }
  return { app, hub };
}
