/**
 * `npm start` (Vite with hot reload) and `npm run serve` (the production build) run this:
 * `tsx src/server/main.ts [--dev]`. Environment:
 * - PORT (default 5173), HOST (default 127.0.0.1)
 * - DATABASE_URL=postgres://… to use a real PostgreSQL (several processes may share it);
 *   otherwise an embedded PGlite database in GAUNTLET_DATA_DIR (default ./data/pglite)
 * - GAUNTLET_LINK_TTL_MS: how long interview links work (default 30 days)
 * - GAUNTLET_WEB=none: the API only, no app pages (the bench)
 */
import { join } from 'node:path';
import { repoRoot } from '../cli/project.ts';
import { createApp } from './app.ts';
import { openDatabase } from './db.ts';
import { loadLanguageModel } from '../core/grader/model.ts';
import { loadJq } from '../core/commands/jq/engine.ts';

// The grader's English model, before anything is graded (src/core/grader/model.ts).
await loadLanguageModel();
// jq (WebAssembly), before a session runs a line (src/core/commands/jq/engine.ts).
await loadJq();

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = process.env.GAUNTLET_DATA_DIR ?? join(repoRoot, 'data', 'pglite');

const db = await openDatabase(process.env, dataDir);
const { app } = await createApp({
  db,
  web: dev ? 'dev' : process.env.GAUNTLET_WEB === 'none' ? 'none' : 'dist',
  linkTtlMs: process.env.GAUNTLET_LINK_TTL_MS ? Number(process.env.GAUNTLET_LINK_TTL_MS) : undefined,
});
await app.listen({ port, host });
console.log(`Gauntlet at http://${host}:${port}/ (${process.env.DATABASE_URL ? 'PostgreSQL' : `embedded database in ${dataDir}`})`);

const stop = async () => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
