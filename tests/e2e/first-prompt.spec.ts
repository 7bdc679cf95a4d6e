/**
 * The first prompt does not wait for the grader's English model (about 1 MB of gzipped JS): a fresh
 * run paints its terminal first and fetches the model afterwards. An answer submitted before the
 * model has arrived waits for it and is graded, and a reload of an answered run waits for the model
 * before replaying (replaying an answer grades it). The model's response is held back 3 s here so
 * each of those moments really happens before it arrives.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, solutionAnswers } from './gauntlet.ts';
import { expectScreen } from './terminal.ts';

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
