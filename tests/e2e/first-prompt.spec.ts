/**
 * A fresh run's first prompt does not wait for the simulator: the terminal shows it while the play
 * page's chunks (the core) load, and what is typed meanwhile runs once they have arrived.
 *
 * Nor does it wait for the grader's English model (about 1 MB of gzipped JS): a fresh
 * run paints its terminal first and fetches the model afterwards. An answer submitted before the
 * model has arrived waits for it and is graded, and a reload of an answered run waits for the model
 * before replaying (replaying an answer grades it). The model's response is held back 3 s here so
 * each of those moments really happens before it arrives.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, solutionAnswers } from './gauntlet.ts';
import { expectScreen, screenText } from './terminal.ts';

const MODEL = /\/assets\/model-[^/]*\.js$/;

/** Marks, in the page's own clock, when the terminal first shows the prompt (painted rows or the screen-reader tree, as the bench does). */
const WATCH_PROMPT = `(() => {
  const observer = new MutationObserver(() => {
    const shown = ['.xterm-rows', '.xterm-accessibility-tree'].some((sel) => document.querySelector(sel)?.textContent?.includes('learner@laptop:~$'));
    if (window.__promptAt === undefined && shown) {
      window.__promptAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** In-page times: the prompt, and the start of the model's fetch (undefined if not fetched yet). */
const timings = (page: Page) => page.evaluate(() => ({
  promptAt: (window as unknown as { __promptAt?: number }).__promptAt,
  modelAt: performance.getEntriesByType('resource').find((e) => /\/assets\/model-[^/]*\.js$/.test(new URL(e.name).pathname))?.startTime,
}));

test('the prompt comes before the model; an early answer and a reload both wait for it and are graded', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await page.route(MODEL, async (route) => {
    await new Promise((ok) => setTimeout(ok, 3000));
    await route.continue();
  });
  await page.addInitScript({ content: WATCH_PROMPT });
  await page.goto('/?scenario=crashloop');
  await expectScreen(page, 'learner@laptop:~$');
  await expect.poll(async () => (await timings(page)).modelAt, { message: 'the model is fetched after the prompt' }).not.toBeUndefined();
  const { promptAt, modelAt } = await timings(page);
  expect(promptAt).toBeDefined();
  expect(modelAt!).toBeGreaterThan(promptAt!);

  // Submitted while the model is still on its way: graded once it arrives.
  await page.getByLabel('Your answer').fill(solutionAnswers('crashloop')[0]);
  await page.getByRole('button', { name: 'Submit answer' }).click();
  const score = page.getByRole('region', { name: 'Feedback' }).getByLabel(/^Score \d+ out of 100$/);
  await expect(score).toBeVisible({ timeout: 30_000 });
  const graded = await score.getAttribute('aria-label');

  // A reload replays the answer: the page waits for the model and shows the same feedback.
  await page.reload();
  await expect(score).toBeVisible({ timeout: 30_000 });
  expect(await score.getAttribute('aria-label')).toBe(graded);
  expect(errors).toEqual([]);
});

test('keys typed before the simulator has loaded run when it arrives, in order, with their real output', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  // The play page's chunk (which brings the simulator core) is held until the keys are typed.
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  let asked = false;
  await page.route(/\/assets\/ScenarioRoute-[^/]*\.js$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.addInitScript({ content: WATCH_PROMPT });
  await page.goto('/?scenario=sigill-node');
  await expectScreen(page, 'learner@laptop:~$');
  const typeLines = async () => {
    await page.locator('.xterm').click();
    await page.keyboard.type('kubectl get nodx');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('es');
    await page.keyboard.press('Enter');
    await page.keyboard.type('echo done');
    await page.keyboard.press('Enter');
  };
  await typeLines();
  await expect.poll(() => asked, { message: 'the core is fetched once the prompt is up' }).toBe(true);
  const promptAt = (await page.evaluate(() => (window as unknown as { __promptAt?: number }).__promptAt))!;
  const coreAskedAt = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => /\/assets\/ScenarioRoute-/.test(e.name))?.startTime);
  expect(coreAskedAt === undefined || coreAskedAt > promptAt).toBe(true);
  // Meanwhile the line is edited as typed (the screen-reader rows follow the screen within a frame
  // or two) and nothing else is printed.
  const shown = () => expect.poll(async () => (await screenText(page)).trim()).toBe('learner@laptop:~$ kubectl get nodes');
  await shown();
  await page.waitForTimeout(500);
  await shown();

  release();
  const done = () => expect.poll(async () => /^done$/m.test(await screenText(page)), { message: 'both lines have run' }).toBe(true);
  await done();
  const early = (await screenText(page)).trimEnd();
  expect(early).toMatch(/^learner@laptop:~\$ kubectl get nodes\nNAME +STATUS[^\n]*\n(.*\n)+learner@laptop:~\$ echo done\ndone\nlearner@laptop:~\$$/);

  // The same keys typed into a fresh run once everything has loaded give the same screen.
  page.on('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Restart scenario' }).click();
  await expect.poll(async () => (await screenText(page)).trim()).toBe('learner@laptop:~$');
  await typeLines();
  await done();
  expect((await screenText(page)).trimEnd()).toBe(early);
  expect(errors).toEqual([]);
});

