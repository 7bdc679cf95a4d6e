/**
 * Live-only mode on the real production build (GAUNTLET_LIVE_ONLY=1): a request without an
 * interviewer link gets no private byte of any scenario, whichever file of the build it asks for; the
 * build's list of private chunks covers every file that holds private text; and the interview still
 * runs in Chromium: the interviewers' key is asked for on /live/new, the candidate plays, the
 * interviewer sees the rubric, and practice pages lead to /live/new; axe-core finds no violation on
 * those pages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test, expect } from '@playwright/test';
import { loadScenario } from '../../src/cli/content.ts';
import { privateTexts } from '../live/private.ts';
import { LiveServer } from './liveServer.ts';
import { axeViolations } from './axe.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const KEY = 'e2e interviewers key';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * Every scenario's private strings, and each as it reads inside a JS string literal. A rubric may
 * quote what a tool prints (`executable file not found`); such a string is in the simulator's own
 * code, which every page runs, so it is no secret and is left out.
 */
function secrets(): string[] {
  const ids = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
  const code = files(join(ROOT, 'src')).filter((f) => /\.tsx?$/.test(f)).map((f) => readFileSync(f, 'utf8')).join('\n');
  const texts = ids.flatMap((id) => {
    const loaded = loadScenario(id);
    return loaded.ok ? privateTexts(loaded.scenario) : [];
  });
  return [...new Set(texts.filter((t) => !code.includes(t)).flatMap((t) => [t, JSON.stringify(t).slice(1, -1)]))];
}

let server: LiveServer;
test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = await LiveServer.start({ env: { GAUNTLET_LIVE_ONLY: '1', GAUNTLET_INTERVIEWER_KEY: KEY } });
});
test.afterAll(async () => {
  await server?.stop();
});

test('without an interviewer link, no file of the build gives a private byte, and the private list covers every file with private text', async () => {
  test.setTimeout(300_000);
  const listed = new Set((JSON.parse(readFileSync(join(DIST, 'private-assets.json'), 'utf8')) as string[]).map((f) => `/${f}`));
  expect(listed.size).toBeGreaterThan(40);
  const all = secrets();
  expect(all.length).toBeGreaterThan(500);
  const served: string[] = [];
  for (const file of files(DIST)) {
    const path = `/${relative(DIST, file)}`;
    const r = await fetch(`${server.url}${path}`, { redirect: 'manual' });
    const body = await r.text();
    if (listed.has(path)) {
      expect(r.status, path).toBe(403);
      // Not even a piece of it: the refusal is the same short sentence for every file.
      expect(body).toBe('This file is for interviewers: open your interviewer link first.\n');
      continue;
    }
    served.push(`${path}\n${body}`);
    // A file left off the list holds no private text: the build's list is complete.
    const leaked = all.filter((t) => body.includes(t));
    expect(leaked, path).toEqual([]);
  }
  for (const path of ['/live/new', '/api/scenarios', '/live/c/nothing-here-at-all-0000']) served.push(await (await fetch(`${server.url}${path}`)).text());
  const text = served.join('\n');
  expect(all.filter((t) => text.includes(t))).toEqual([]);
});

test('the interview runs: the key is asked for, the candidate plays, the interviewer gets the rubric, practice leads to /live/new', async ({ browser }) => {
  test.setTimeout(300_000);
  const ivCtx = await browser.newContext();
  const candCtx = await browser.newContext();
  const iv = await ivCtx.newPage();
  await iv.goto(`${server.url}/?scenario=sigill-node`);
  await expect(iv).toHaveURL(`${server.url}/live/new`);
  await iv.getByLabel('Scenario').selectOption('sigill-node');
  await iv.getByRole('button', { name: 'Create the interview' }).click();
  await expect(iv.getByRole('alert')).toHaveText('This server needs the interviewers’ key to create an interview.');
  expect(await axeViolations(iv), 'live-only: new interview asking for the key').toEqual([]);
  await iv.getByLabel('Interviewers’ key').fill(KEY);
  await iv.getByRole('button', { name: 'Create the interview' }).click();
  const candidateLink = await iv.getByLabel('Candidate link').inputValue();
  await iv.getByRole('link', { name: 'Open the interviewer’s view' }).click();
  await expect(iv.getByRole('heading', { name: 'Candidate: has not started yet' })).toBeVisible();

  const cand = await candCtx.newPage();
  const refused: string[] = [];
  cand.on('response', (r) => void (r.status() === 403 && refused.push(r.url())));
  await cand.goto(candidateLink);
  await cand.getByRole('button', { name: 'Start' }).click();
  await expect(cand.getByText('Round 1 of 5')).toBeVisible();
  await expect(iv.getByRole('heading', { name: /^Candidate: round 1 of 5/ })).toBeVisible();
  expect(await axeViolations(cand), 'live-only: candidate playing').toEqual([]);
  expect(await axeViolations(iv), 'live-only: interviewer mid-session').toEqual([]);
  // The candidate's page never even asked for a private chunk.
  expect(refused).toEqual([]);
  // The interviewer's browser now holds the link's cookie: the private chunks load for it.
  const cookie = (await ivCtx.cookies()).find((c) => c.name === 'gauntlet_interviewer');
  expect(cookie?.httpOnly).toBe(true);
  const privateChunk = (JSON.parse(readFileSync(join(DIST, 'private-assets.json'), 'utf8')) as string[])[0];
  const r = await iv.request.get(`${server.url}/${privateChunk}`);
  expect(r.status()).toBe(200);
  expect(await r.text()).toBe(readFileSync(join(DIST, privateChunk), 'utf8'));
  await ivCtx.close();
  await candCtx.close();
});
