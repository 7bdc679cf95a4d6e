/**
 * The reload figure of issue 17: a learner with a 3,000-command session reloads the page. The log
 * is made in Node with the same core and written to IndexedDB as the app saves it; a first visit
 * replays it in the worker, which keeps a snapshot (src/ui/replay); the timed reloads start from
 * that snapshot, as every later reload of a long session does. Measured in the page: ms from
 * navigation start until the terminal shows the session's last line, and the longest main-thread
 * task (Long Tasks API) until then.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { Session } from '../../src/core/session/session.ts';
import type { Input } from '../../src/core/session/types.ts';
import { median } from './stats.ts';
import { CHROMIUM_ARGS } from './browser.ts';

/** What the learner typed, over and over, 2 virtual seconds apart; the last line marks the end. */
const LINES = ['kubectl get pods -n production', 'kubectl get nodes', 'echo step $((1 + 2))', 'kubectl get events -n production | tail -n 2'];
const LAST = 'echo the-last-line';

export type ReloadFigures =
  | { ok: true; commands: number; runs: number; shownMedianMs: number; shownMs: number[]; longestTaskMs: number; longestTasksMs: number[] }
  | { ok: false; reason: string };

/** The saved log of a session that typed `commands` lines of `scenarioId`. */
function typedLog(root: string, scenarioId: string, commands: number): Input[] {
  const path = `scenarios/${scenarioId}.yaml`;
  const parsed = parseScenario(path, readFileSync(join(root, path), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const s = Session.start(parsed.scenario);
  for (let i = 0; i < commands - 1; i++) s.run(LINES[i % LINES.length], s.now + 2000);
  s.run(LAST, s.now + 2000);
  return [...s.inputs];
}

/** Installed before the page's scripts: stamps when the last line is on screen, and the longest task before it. */
const WATCH = `(() => {
  window.__tasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  const shown = () => ['.xterm-rows', '.xterm-accessibility-tree'].some((s) => (document.querySelector(s)?.textContent ?? '').includes(${JSON.stringify(LAST)}));
  const o = new MutationObserver(() => { if (window.__shownAt === undefined && shown()) { window.__shownAt = performance.now(); o.disconnect(); } });
  o.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** Waits for the last line, then returns when it showed and the longest task that started before then. */
async function shown(page: Page): Promise<{ at: number; longest: number }> {
  await page.waitForFunction(() => (window as unknown as { __shownAt?: number }).__shownAt !== undefined, undefined, { timeout: 120_000, polling: 20 });
  await page.waitForTimeout(300); // the Long Tasks API reports a task after it ends
  return page.evaluate(() => {
    const w = window as unknown as { __shownAt: number; __tasks: [number, number][] };
    return { at: w.__shownAt, longest: Math.max(0, ...w.__tasks.filter(([start]) => start <= w.__shownAt).map(([, d]) => d)) };
  });
}

/** Whether the replay worker has kept a snapshot (IndexedDB `gauntlet-snapshots`, src/ui/replay/worker.ts). */
const snapshotKept = (page: Page) => page.evaluate(() => new Promise<boolean>((resolve) => {
  const open = indexedDB.open('gauntlet-snapshots');
  open.onerror = () => resolve(false);
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('snapshots')) return resolve(false);
    const count = db.transaction('snapshots').objectStore('snapshots').count();
    count.onsuccess = () => { db.close(); resolve(count.result > 0); };
    count.onerror = () => resolve(false);
  };
}));

/** Times `runs` reloads of a `commands`-command session of `scenarioId` served at `url`. Never throws: failures become a reason. */
export async function benchReload(root: string, url: string, scenarioId: string, commands = 3000, runs = 5): Promise<ReloadFigures> {
  let browser: Browser | undefined;
  try {
    const inputs = typedLog(root, scenarioId, commands);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    await page.addInitScript({ content: WATCH });
    await page.goto(url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The app's saved session, as src/ui/state/idbRecords.ts stores it.
    await page.evaluate(([id, inputs]) => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('gauntlet');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('sessions', 'readwrite');
        tx.objectStore('sessions').put({ v: 2, scenario: id, inputs, reviewed: 0, drafts: {}, attempt: 'bench-reload' }, id);
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }), [scenarioId, inputs] as const);
    // First visit: the whole log replayed in the worker, which keeps a snapshot.
    await page.goto(`${url}/?scenario=${scenarioId}`);
    await shown(page);
    for (let i = 0; i < 100 && !(await snapshotKept(page)); i++) await page.waitForTimeout(100);
    if (!(await snapshotKept(page))) throw new Error('the replay worker kept no snapshot');
    const samples: { at: number; longest: number }[] = [];
    for (let r = 0; r < runs; r++) {
      await page.goto(`${url}/?scenario=${scenarioId}`);
      samples.push(await shown(page));
    }
    const shownMs = samples.map((s) => s.at);
    const longestTasksMs = samples.map((s) => s.longest);
    return { ok: true, commands, runs, shownMedianMs: median(shownMs), shownMs, longestTaskMs: Math.max(...longestTasksMs), longestTasksMs };
  } catch (e) {
    return { ok: false, reason: (e as Error).message.split('\n')[0] };
  } finally {
    await browser?.close();
  }
}
