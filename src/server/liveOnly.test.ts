/**
 * Live-only mode through the real HTTP server, over a small stand-in build (an index page, a public
 * chunk and a private one listed in private-assets.json): who gets the private chunk, creating needs
 * the interviewers' key, practice pages lead to /live/new; and the default mode serves everything.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { openEmbedded, type Db } from './db.ts';
import { TestClient } from '../../tests/live/harness.ts';

const SECRET = 'export default "the rubric: SIGILL on ip-10-42-3-208, AVX-512";';
const PUBLIC = 'export default "the terminal";';
const KEY = 'correct horse battery staple';

let dir: string;
let db: Db;
let clock = 1_800_000_000_000;
const servers: { close(): Promise<unknown> }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gauntlet-liveonly-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>Gauntlet</title>');
  writeFileSync(join(dir, 'dist', 'assets', 'rubric-abc.js'), SECRET);
  writeFileSync(join(dir, 'dist', 'assets', 'terminal-def.js'), PUBLIC);
  writeFileSync(join(dir, 'dist', 'private-assets.json'), JSON.stringify(['assets/rubric-abc.js']));
  db = await openEmbedded(join(dir, 'db'));
}, 60_000);
afterAll(async () => {
  for (const s of servers) await s.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(liveOnly: boolean) {
  const { app } = await createApp({ db, web: 'dist', distRoot: join(dir, 'dist'), now: () => clock, linkTtlMs: 3_600_000, ...(liveOnly ? { liveOnly: { key: KEY } } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  servers.push(app);
  const port = (app.server.address() as { port: number }).port;
  return { base: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}/api/live/ws` };
}

const create = (base: string, key?: string) =>
  fetch(`${base}/api/live`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { 'x-gauntlet-key': key } : {}) }, body: JSON.stringify({ scenario: 'sigill-node' }) });

/** Opens a link's page as a browser would and returns the cookie it was given (as the browser sends it back). */
async function openLink(base: string, path: string): Promise<string> {
  const r = await fetch(`${base}${path}`);
  expect(r.status).toBe(200);
  const set = r.headers.get('set-cookie') ?? '';
  return set.split(';')[0];
}

const chunk = (base: string, file: string, cookie?: string) => fetch(`${base}/assets/${file}`, { headers: cookie ? { cookie } : {} });

describe('live-only mode', () => {
  it('withholds the private chunks from a browser without a link, and from a candidate until their report is shared', async () => {
    const s = await serve(true);
    const anonymous = await chunk(s.base, 'rubric-abc.js');
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toBe('This file is for interviewers: open your interviewer link first.\n');
    expect((await chunk(s.base, 'rubric-abc.js?v=1')).status).toBe(403);
    expect(await (await chunk(s.base, 'terminal-def.js')).text()).toBe(PUBLIC);

    const t = (await (await create(s.base, KEY)).json()) as { candidateToken: string; interviewerToken: string };
    const candidate = await openLink(s.base, `/live/c/${t.candidateToken}`);
    expect(candidate).toBe(`gauntlet_candidate=${t.candidateToken}`);
    expect((await chunk(s.base, 'rubric-abc.js', candidate)).status).toBe(403);
    // A made-up cookie opens nothing either.
    expect((await chunk(s.base, 'rubric-abc.js', `gauntlet_interviewer=${t.candidateToken}`)).status).toBe(403);
    expect((await chunk(s.base, 'rubric-abc.js', `gauntlet_interviewer=${t.interviewerToken.slice(0, -1)}x`)).status).toBe(403);

    const interviewer = await openLink(s.base, `/live/i/${t.interviewerToken}`);
    expect(interviewer).toBe(`gauntlet_interviewer=${t.interviewerToken}`);
    const granted = await chunk(s.base, 'rubric-abc.js', interviewer);
    expect(granted.status).toBe(200);
    expect(granted.headers.get('cache-control')).toBe('private, no-store');
    expect(await granted.text()).toBe(SECRET);

    // Ended without sharing: still nothing for the candidate; shared: the report's model answers load.
    const iv = await TestClient.open(s.ws, t.interviewerToken);
    iv.send({ type: 'end', share: false });
    await iv.next((f) => f.type === 'info' && f.info.status === 'ended');
    expect((await chunk(s.base, 'rubric-abc.js', candidate)).status).toBe(403);
    iv.send({ type: 'share', share: true });
    await iv.next((f) => f.type === 'info' && f.info.shared);
    iv.close();
    expect(await (await chunk(s.base, 'rubric-abc.js', candidate)).text()).toBe(SECRET);
  });

  it('stops giving the private chunks when the interviewer link expires', async () => {
    const s = await serve(true);
    const t = (await (await create(s.base, KEY)).json()) as { interviewerToken: string };
    const interviewer = await openLink(s.base, `/live/i/${t.interviewerToken}`);
    expect((await chunk(s.base, 'rubric-abc.js', interviewer)).status).toBe(200);
    clock += 3_600_001;
    expect((await chunk(s.base, 'rubric-abc.js', interviewer)).status).toBe(403);
  });

  it('needs the interviewers’ key to create an interview, and sends practice pages to /live/new', async () => {
    const s = await serve(true);
    const none = await create(s.base);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ needKey: true, error: 'This server needs the interviewers’ key to create an interview.' });
    const wrong = await create(s.base, `${KEY}!`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ needKey: true, error: 'That is not the interviewers’ key.' });
    expect((await create(s.base, KEY)).status).toBe(200);
    for (const path of ['/', '/?scenario=sigill-node']) {
      const r = await fetch(`${s.base}${path}`, { redirect: 'manual' });
      expect([r.status, r.headers.get('location')]).toEqual([302, '/live/new']);
    }
    expect(await (await fetch(`${s.base}/live/new`)).text()).toContain('<title>Gauntlet</title>');
  });

  it('is off by default: practice gets every chunk and anyone may create an interview', async () => {
    const s = await serve(false);
    expect(await (await chunk(s.base, 'rubric-abc.js')).text()).toBe(SECRET);
    expect((await create(s.base)).status).toBe(200);
    expect((await fetch(`${s.base}/`)).status).toBe(200);
  });

  it('refuses to run with the development server, whose sources hold every rubric', async () => {
    await expect(createApp({ db, web: 'dev', liveOnly: { key: KEY } })).rejects.toThrow(/live-only mode serves the production build/);
  });
});
