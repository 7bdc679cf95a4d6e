/**
 * Live-only mode (`GAUNTLET_LIVE_ONLY=1` or `npm run serve -- --live-only`), for a company running
 * interviews on a server candidates can reach. By default the server also serves practice, which
 * needs every scenario's private part (rubrics, model answers) in the browser; in live-only mode:
 * - the chunks that hold private text (dist/private-assets.json, written by the build) go only to a
 *   browser holding a valid interviewer link, or the candidate link of an interview whose report
 *   was shared; anyone else gets 403 and not one byte of them. The browser proves it with an
 *   HttpOnly cookie set when it opens its link's page (`/live/i/<token>`, `/live/c/<token>`);
 * - creating an interview needs the interviewers' key (`GAUNTLET_INTERVIEWER_KEY`, sent as the
 *   `x-gauntlet-key` header), or a candidate could make an interview of their own and read its rubric;
 * - practice pages (`/`) lead to `/live/new`: practice cannot run without the private chunks.
 */
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Hub } from './hub.ts';
import { lookupToken } from './tokens.ts';

export interface LiveOnly {
  /** The interviewers' key: creating an interview needs it. */
  key: string;
}

/** The header that carries the interviewers' key. */
export const KEY_HEADER = 'x-gauntlet-key';
const COOKIE = { interviewer: 'gauntlet_interviewer', candidate: 'gauntlet_candidate' } as const;

/** URL paths (`/assets/…`) of the build's private chunks; throws when the build predates the list. */
export function privateAssets(distRoot: string): Set<string> {
  let files: unknown;
  try {
    files = JSON.parse(readFileSync(join(distRoot, 'private-assets.json'), 'utf8'));
  } catch {
    throw new Error('dist/ has no private-assets.json: run `npm run build` again before serving in live-only mode');
  }
  if (!Array.isArray(files) || files.length === 0) throw new Error('dist/private-assets.json lists no private chunk: rebuild with `npm run build`');
  return new Set(files.map((f) => `/${String(f)}`));
}

/** True when `given` is the key (compared in constant time). */
export function keyMatches(live: LiveOnly, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const [a, b] = [Buffer.from(given), Buffer.from(live.key)];
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** May this request have the private chunks? An interviewer's link, or a candidate's once the report is shared. */
async function mayReadPrivate(hub: Hub, req: FastifyRequest): Promise<boolean> {
  const iv = cookie(req, COOKIE.interviewer);
  if (iv) {
    const found = await lookupToken(hub, iv);
    if (found.ok && found.role === 'interviewer') return true;
  }
  const cand = cookie(req, COOKIE.candidate);
  if (cand) {
    const found = await lookupToken(hub, cand);
    if (found.ok && found.role === 'candidate' && found.row.endedAt !== null && found.row.shared) return true;
  }
  return false;
}

/** Registers live-only mode's checks on the app serving the build in `distRoot`. */
export function registerLiveOnly(app: FastifyInstance, hub: Hub, distRoot: string): void {
  const secret = privateAssets(distRoot);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const path = req.url.split('?')[0];
    if (secret.has(path)) {
      if (!(await mayReadPrivate(hub, req))) return reply.code(403).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('This file is for interviewers: open your interviewer link first.\n');
      return;
    }
    if (path === '/' || path === '/index.html') return reply.redirect('/live/new');
    const link = /^\/live\/([ci])\/([^/]+)$/.exec(path);
    if (link) {
      const found = await lookupToken(hub, decodeURIComponent(link[2]));
      if (!found.ok) return;
      const seconds = Math.max(0, Math.floor((found.row.expiresAt - hub.now()) / 1000));
      reply.header('set-cookie', `${COOKIE[found.role]}=${encodeURIComponent(decodeURIComponent(link[2]))}; Path=/assets/; Max-Age=${seconds}; HttpOnly; SameSite=Strict`);
    }
  });
  // Never kept by a shared cache: the next person may not hold a link. (After the static files'
  // own cache-control.)
  app.addHook('onSend', async (req, reply, payload) => {
    if (secret.has(req.url.split('?')[0])) reply.header('cache-control', 'private, no-store');
    return payload;
  });
}
