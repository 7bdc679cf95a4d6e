/**
 * Saved work under stress, in real Chromium: storage filled to its quota (the user is warned, then
 * told a write failed, and saving resumes once there is room), damaged and future-version records
 * (kept aside, never overwritten, the user told), a malformed attempt (the progress page still
 * renders), localStorage records of older builds (imported once), and a crafted answer exported to
 * Markdown and rendered (no script runs, no live link).
 */
import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { expect, test, type Page } from '@playwright/test';
import { answer, collectErrors, startFromHome } from './gauntlet.ts';
import { expectScreen, run } from './terminal.ts';

/** Runs `body` against the app's IndexedDB (`gauntlet`) inside the page. */
function idb<T>(page: Page, body: string, arg?: unknown): Promise<T> {
  return page.evaluate(
    ([body, arg]) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open('gauntlet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          // eslint-disable-next-line @typescript-eslint/no-implied-eval
          Promise.resolve(new Function('db', 'arg', body)(db, arg)).then(
            (v) => {
              db.close();
              resolve(v as T);
            },
            reject,
          );
        };
      }),
    [body, arg] as const,
  );
}

const PUT = `return new Promise((resolve, reject) => {
  const tx = db.transaction(arg.store, 'readwrite');
  for (const [k, v] of arg.entries) tx.objectStore(arg.store).put(v, k);
  tx.oncomplete = () => resolve(true);
  tx.onerror = () => reject(tx.error);
});`;
const GET_ALL = `return new Promise((resolve) => {
  const req = db.transaction(arg).objectStore(arg).getAll();
  req.onsuccess = () => resolve(req.result);
});`;

const summary = { score: 72, rounds: [{ round: 'opening', skill: 'Kubernetes pod debugging fundamentals', score: 72 }], weakest: [] };
const goodAttempt = { v: 1, id: 'good-1', scenario: 'sigill-node', finishedAt: Date.UTC(2026, 0, 5, 9, 30), summary, inputs: [] };

/** Text that does not compress (IndexedDB compresses values), `n` characters long. */
const noise = (n: number) => {
  let x = 1;
  let s = '';
  while (s.length < n) {
    x = (x * 48271) % 2147483647;
    s += x.toString(36);
  }
  return s.slice(0, n);
};

test('a damaged or newer run and a malformed attempt are kept aside and shown; the rest still works', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Kubernetes incident gauntlets' })).toBeVisible();
  const future = { v: 99, scenario: 'sigill-node', inputs: [{ type: 'command', at: 1, line: 'kubectl get nodes' }], reviewed: 0, drafts: {}, hologram: true };
  await idb(page, PUT, { store: 'sessions', entries: [['sigill-node', future]] });
  await idb(page, PUT, { store: 'attempts', entries: [['good-1', goodAttempt], ['bad-1', { v: 1, id: 'bad-1', scenario: 'sigill-node', summary: null, inputs: 'x' }]] });
  await page.reload();

  const notices = page.getByRole('alert');
  await expect(notices.filter({ hasText: 'A saved run (sigill-node) could not be read: written by a newer version of Gauntlet (format 99; this one reads 2).' })).toBeVisible();
  await expect(notices.filter({ hasText: 'A saved attempt (bad-1) could not be read: damaged:' })).toBeVisible();
  await expect(page.locator('[data-scenario="sigill-node"]').getByRole('button', { name: 'Resume' })).toHaveCount(0);

  // The progress page renders the good attempt and lists what was kept aside.
  await page.getByRole('link', { name: 'Progress', exact: true }).click();
  const rows = page.getByRole('region', { name: 'Pods crash-looping on one node' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('72');
  const kept = page.getByRole('region', { name: 'Kept aside' });
  await expect(kept.getByRole('listitem')).toHaveCount(2);

  // Playing afresh never overwrites the record kept aside.
  await startFromHome(page, 'sigill-node');
  await run(page, 'kubectl get pods -n production');
  await expectScreen(page, 'storefront-');
  await expect
    .poll(async () => (await idb<{ v: number; inputs: unknown[] }[]>(page, GET_ALL, 'sessions')).map((s) => [s.v, s.inputs.length]))
    .toEqual([[2, 1]]);
  const aside = await idb<{ key: string; value: unknown }[]>(page, GET_ALL, 'quarantine');
  expect(aside.find((p) => p.key === 'sigill-node')?.value).toEqual(future);

  await page.getByRole('alert').filter({ hasText: 'sigill-node' }).getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'A saved run (sigill-node)' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('records of older builds in localStorage are imported once; an unreadable one is kept aside', async ({ page, context }) => {
  await context.addInitScript((attempt) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('gauntlet:attempts:sigill-node', JSON.stringify([attempt]));
    localStorage.setItem('gauntlet:session:crashloop', '{"v":1,"inputs":[');
  }, { ...goodAttempt, v: undefined });
  const errors = collectErrors(page);
  await page.goto('/?view=progress');
  await expect(page.getByRole('region', { name: 'Pods crash-looping on one node' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('alert').filter({ hasText: 'gauntlet:session:crashloop' })).toContainText('damaged: not valid JSON');
  // Every old record moved out (the config's variant pin, gauntlet.seed, is not one).
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('gauntlet:')))).toEqual([]);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Pods crash-looping on one node' }).getByRole('row')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('storage filling up: a warning first, then "not saved", and saving resumes once there is room', async ({ page, context, baseURL }) => {
  // The quota is set before the app opens its database (Chromium reads it then). Chromium enforces
  // it, but navigator.storage.estimate() goes on reporting the disk-based quota, so the page is told
  // the one the browser enforces.
  const QUOTA = 3_000_000;
  await context.addInitScript((quota) => {
    const real = navigator.storage.estimate.bind(navigator.storage);
    navigator.storage.estimate = async () => ({ ...(await real()), quota });
  }, QUOTA);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: QUOTA });
  await startFromHome(page, 'sigill-node');
  await run(page, 'kubectl get nodes');
  await expectScreen(page, 'ip-10-42-3-208');

  // A draft takes about two bytes per character in IndexedDB.
  const box = page.getByLabel('Your answer');
  await box.fill(noise(1_250_000));
  await expect(page.getByRole('status').filter({ hasText: /^Storage for this site is (8\d|9\d)% full \(\d\.\d MB of 3\.0 MB\)\. Export or delete old attempts before it fills\.$/ })).toBeVisible();

  await box.fill(noise(1_600_000));
  const failed = page.getByRole('alert').filter({ hasText: 'Not saved. Storage is full: your latest work is not saved in this browser.' });
  await expect(failed).toBeVisible();
  // The work is still here, in the page: nothing was rolled back behind the user's back.
  await expect(box).toHaveValue(noise(1_600_000));
  await run(page, 'kubectl get pods -n production');
  await expectScreen(page, 'storefront-');

  // Making room (a shorter draft here; deleting attempts on the progress page does the same).
  await box.fill('short');
  await expect(failed).toBeHidden({ timeout: 15_000 });
  await page.reload();
  await expect(page.getByLabel('Your answer')).toHaveValue('short');
  await expectScreen(page, 'storefront-');
});

test('a crafted answer exported to Markdown and rendered runs no script and links nowhere', async ({ page, browser }) => {
  const crafted = [
    '<img src=x onerror="window.__pwned=1">',
    '<script>window.__pwned=2</script>',
    '<iframe src="javascript:window.__pwned=3"></iframe>',
    '[click me](javascript:window.__pwned=4) ![pic](javascript:window.__pwned=5) <javascript:window.__pwned=6>',
    '[ref]',
    '',
    '[ref]: javascript:window.__pwned=7',
    'Still a real answer: `kubectl logs --previous` and exit code 132.',
  ].join('\n');
  await startFromHome(page, 'sigill-node');
  await answer(page, 1, crafted);
  await page.getByRole('link', { name: 'Report' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const markdown = readFileSync((await (await download).path())!, 'utf8');
  expect(markdown).toContain('> \\<script>window.\\_\\_pwned=2\\</script>');

  // Rendered as a permissive viewer would (raw HTML allowed), in a page of its own.
  const html = new MarkdownIt({ html: true, linkify: true }).render(markdown);
  const viewer = await browser.newPage();
  const dialogs: string[] = [];
  viewer.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await viewer.setContent(`<!doctype html><title>export</title><body>${html}</body>`);
  await viewer.waitForTimeout(500);
  expect(await viewer.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await viewer.locator('script, img, iframe, object, embed').count()).toBe(0);
  expect(await viewer.locator('a[href^="javascript:" i]').count()).toBe(0);
  await expect(viewer.locator('blockquote').first()).toContainText('<script>window.__pwned=2</script>');
  await expect(viewer.locator('code', { hasText: 'kubectl logs --previous' }).first()).toBeVisible();
  expect(dialogs).toEqual([]);
  await viewer.close();
});
