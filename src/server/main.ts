/**
 * `npm start` (Vite with hot reload) and `npm run serve` (the production build) run this:
 * `tsx src/server/main.ts [--dev]`. Environment:
 * - PORT (default 5173), HOST (default 127.0.0.1)
 * - DATABASE_URL=postgres://… to use a real PostgreSQL (several processes may share it);
 *   otherwise an embedded PGlite database in GAUNTLET_DATA_DIR (default ./data/pglite)
 * - GAUNTLET_LINK_TTL_MS: how long interview links work (default 30 days)
 * - GAUNTLET_WEB=none: the API only, no app pages (the bench)
 * - GAUNTLET_SEED=N: every new interview plays variant N (0: the scenario as written), e.g. to give
 *   several candidates the same names; unset, each interview draws its own
 * - GAUNTLET_LIVE_ONLY=1 (or --live-only): interviews only, private chunks for link holders only,
 *   creating an interview needs GAUNTLET_INTERVIEWER_KEY (liveOnly.ts); with the production build only
 * - GAUNTLET_DEBUG_MEMORY=1: GET /api/debug/memory (heap after GC with node --expose-gc; the bench)
 */
import { join } from 'node:path';
import { repoRoot } from '../cli/project.ts';
import { createApp } from './app.ts';
import { openDatabase } from './db.ts';
import { loadLanguageModel } from '../core/grader/model.ts';

// The grader's English model, before anything is graded (src/core/grader/model.ts).
await loadLanguageModel();

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = process.env.GAUNTLET_DATA_DIR ?? join(repoRoot, 'data', 'pglite');

const liveOnly = process.argv.includes('--live-only') || process.env.GAUNTLET_LIVE_ONLY === '1';
const key = process.env.GAUNTLET_INTERVIEWER_KEY ?? '';
if (liveOnly && key.length < 12) {
  console.error('live-only mode needs GAUNTLET_INTERVIEWER_KEY (at least 12 characters): the key interviewers type to create an interview');
  process.exit(2);
}

const db = await openDatabase(process.env, dataDir);
const { app } = await createApp({
  db,
  web: dev ? 'dev' : process.env.GAUNTLET_WEB === 'none' ? 'none' : 'dist',
  linkTtlMs: process.env.GAUNTLET_LINK_TTL_MS ? Number(process.env.GAUNTLET_LINK_TTL_MS) : undefined,
  seed: /^\d+$/.test(process.env.GAUNTLET_SEED ?? '') ? Number(process.env.GAUNTLET_SEED) : undefined,
  debugMemory: process.env.GAUNTLET_DEBUG_MEMORY === '1',
  liveOnly: liveOnly ? { key } : undefined,
});
await app.listen({ port, host });
console.log(`Gauntlet at http://${host}:${port}/ (${process.env.DATABASE_URL ? 'PostgreSQL' : `embedded database in ${dataDir}`}${liveOnly ? '; live interviews only' : ''})`);

const stop = async () => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
