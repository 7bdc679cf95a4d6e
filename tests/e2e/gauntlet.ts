/** Helpers every scenario's e2e spec shares: start from the home page, answer a round, watch for errors. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

/** The answers of a scenario's reference solution (scenarios/<id>.solution.txt), in round order. */
export function solutionAnswers(id: string): string[] {
  return readFileSync(join(import.meta.dirname, '..', '..', 'scenarios', `${id}.solution.txt`), 'utf8')
    .split('\n').filter((l) => l.startsWith('answer: ')).map((l) => l.slice('answer: '.length).replace(/\\n/g, '\n'));
}

/** Page errors and console errors, collected for a final `expect(errors).toEqual([])`. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

/** From the home page, presses Start on the scenario's card and waits for its play page. */
export async function startFromHome(page: Page, id: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('list', { name: 'Scenarios' }).locator(`[data-scenario="${id}"]`).getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(new RegExp(`\\?scenario=${id}$`));
}

/** Submits the answer of round `round` (1-based) and returns the score the feedback shows. */
export async function answer(page: Page, round: number, text: string, rounds = 5): Promise<number> {
  await expect(page.getByText(`Round ${round} of ${rounds}`)).toBeVisible();
  await page.getByLabel('Your answer').fill(text);
  await page.getByRole('button', { name: 'Submit answer' }).click();
  const score = page.getByRole('region', { name: 'Feedback' }).getByLabel(/^Score \d+ out of 100$/);
  await expect(score).toBeVisible();
  return Number((await score.getAttribute('aria-label'))!.match(/\d+/)![0]);
}

/**
 * From the last round's feedback, opens the report and checks it: every round at least 70, the total
 * the rounds' mean, one row per round, and the senior path showing `seniorStep`.
 */
export async function expectReport(page: Page, id: string, scores: number[], seniorStep: string): Promise<void> {
  await page.getByRole('button', { name: 'See report' }).click();
  await expect(page).toHaveURL(new RegExp(`\\?scenario=${id}&view=report$`));
  await expect(page.getByRole('heading', { name: /^Report:/ })).toBeVisible();
  for (const s of scores) expect(s).toBeGreaterThanOrEqual(70);
  const total = Number((await page.getByLabel(/^Total score \d+ out of 100$/).getAttribute('aria-label'))!.match(/\d+/)![0]);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  expect(Math.abs(total - mean)).toBeLessThanOrEqual(1);
  await expect(page.getByRole('region', { name: 'Rounds' }).getByRole('row')).toHaveCount(scores.length + 1);
  await expect(page.getByRole('region', { name: 'The senior path and yours' })).toContainText(seniorStep);
}
