/**
 * A reload of a long session (3,000 typed commands) in real Chromium: the replay worker rebuilds
 * it off the page's thread (src/ui/replay) and keeps a snapshot, so the page's own work stays in
 * short tasks, and the next reload starts from the snapshot. The log is made in Node with the same
 * core and written to IndexedDB as the app saves it. Times and the longest main-thread task of each
 * reload are attached to the test's results.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { Session } from '../../src/core/session/session.ts';
import { collectErrors } from './gauntlet.ts';
import { screenText } from './terminal.ts';

const ID = 'sigill-node';
const COMMANDS = 3000;
const LINES = ['kubectl get pods -n production', 'kubectl get nodes', 'echo step $((1 + 2))', 'kubectl get events -n production | tail -n 2'];

/** The saved log of a session that typed COMMANDS lines, 2 s apart, ending with a marker line. */
function longLog() {
  const file = join(import.meta.dirname, '..', '..', 'scenarios', `${ID}.yaml`);
  const parsed = parseScenario(`scenarios/${ID}.yaml`, readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const s = Session.start(parsed.scenario);
  for (let i = 0; i < COMMANDS - 1; i++) s.run(LINES[i % LINES.length], s.now + 2000);
  s.run('echo the-last-line', s.now + 2000);
  return s.inputs;
}

/** Stamps the prompt's arrival and the longest main-thread task (Long Tasks API) in the page's own clock. */
const WATCH = `(() => {
  window.__longest = 0;
  window.__tasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) { window.__longest = Math.max(window.__longest, e.duration); window.__tasks.push([Math.round(e.startTime), Math.round(e.duration)]); } }).observe({ type: 'longtask', buffered: true });
  const observer = new MutationObserver(() => {
    const text = document.querySelector('.xterm-accessibility-tree')?.textContent ?? '';
    if (window.__shownAt === undefined && text.includes('the-last-line')) { window.__shownAt = performance.now(); observer.disconnect(); }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

const figures = (page: Page) => page.evaluate(() => {
  const w = window as unknown as { __shownAt?: number; __longest: number; __tasks: [number, number][] };
  return { shownAt: w.__shownAt, longest: w.__longest, tasks: [...w.__tasks].sort((a, b) => b[1] - a[1]).slice(0, 5) };
});

async function putSession(page: Page, record: unknown): Promise<void> {
  await page.evaluate((record) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('gauntlet');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('sessions', 'readwrite');
      tx.objectStore('sessions').put(record, 'sigill-node');
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), record);
}

test('a 3,000-command session reloads in the worker, and from its snapshot the next time', async ({ page }) => {
  test.setTimeout(240_000);
  const inputs = longLog();
  const errors = collectErrors(page);
  await page.addInitScript({ content: WATCH });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await putSession(page, { v: 2, scenario: ID, inputs, reviewed: 0, drafts: {}, attempt: 'reload-e2e' });

  for (const visit of ['first reload: the whole log replayed in the worker', 'second reload: from the kept snapshot']) {
    await page.goto(`/?scenario=${ID}`);
    await expect(page.locator('.xterm-accessibility-tree')).toContainText('echo the-last-line', { timeout: 60_000 });
    await expect.poll(async () => (await figures(page)).shownAt).not.toBeUndefined();
    const { shownAt, longest, tasks } = await figures(page);
    const description = `screen shown at ${shownAt!.toFixed(0)} ms after navigation, longest main-thread task ${longest.toFixed(0)} ms (longest tasks [start, ms]: ${JSON.stringify(tasks)})`;
    test.info().annotations.push({ type: visit, description });
    console.log(`${visit}: ${description}`);
    // Wait until the worker has kept its snapshot before the next visit.
    await page.waitForTimeout(1500);
  }
  // The screen is the whole session's: its first command is there too (scrollback), and it answers.
  expect(await screenText(page)).toContain('step 3');
  expect(errors).toEqual([]);
});
