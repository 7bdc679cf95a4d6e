/**
 * Variants per attempt (src/core/scenario/variants.ts): each new practice attempt draws a seed, so
 * two attempts show other node names in the terminal and in the interviewer's prompt, and a reload
 * keeps the attempt's names. Unlike the other specs, nothing pins the seed here.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './gauntlet.ts';
import { expectScreen, run, screenText } from './terminal.ts';

test.use({ storageState: { cookies: [], origins: [] } });

/** imagepull's round-2 prompt names the node the platform team logged into (`ip-10-40-2-33` as written). */
const PROMPT_NODE = /`?(ip-10-40-2-\d+)`?/;

/** Answers round 1 with anything and opens round 2; returns the node its prompt names. */
async function promptNode(page: Page): Promise<string> {
  await expect(page.getByText('Round 1 of 5')).toBeVisible();
  await page.getByLabel('Your answer').fill('I would describe the pods and read their events.');
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await page.getByRole('button', { name: 'Next round' }).click();
  await expect(page.getByText('Round 2 of 5')).toBeVisible();
  const prompt = page.locator('.round .mdx');
  await expect(prompt).toContainText(/ip-10-40-2-\d+/);
  return (await prompt.innerText()).match(PROMPT_NODE)![1];
}

/** The nodes `kubectl get nodes` lists in the terminal right now. */
async function terminalNodes(page: Page): Promise<string[]> {
  await run(page, 'clear');
  await run(page, 'kubectl get nodes');
  await expectScreen(page, /ip-10-40-1-\d+ +Ready/);
  return [...(await screenText(page)).matchAll(/^(ip-10-40-\d+-\d+) +Ready/gm)].map((m) => m[1]);
}

test('two attempts play other node names in terminal and prompt; a reload keeps them', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?scenario=imagepull');
  const first = await promptNode(page);
  const firstNodes = await terminalNodes(page);
  expect(firstNodes).toHaveLength(4);
  expect(firstNodes).toContain(first);
  expect(first, 'a variant, not the file as written').not.toBe('ip-10-40-2-33');

  await page.reload();
  await expect(page.locator('.round .mdx')).toContainText(first);
  expect(await terminalNodes(page)).toEqual(firstNodes);

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Restart scenario' }).click();
  const second = await promptNode(page);
  const secondNodes = await terminalNodes(page);
  expect(second).not.toBe(first);
  expect(secondNodes).toContain(second);
  expect(secondNodes).not.toContain(first);

  await page.reload();
  await expect(page.locator('.round .mdx')).toContainText(second);
  expect(await terminalNodes(page)).toEqual(secondNodes);
  expect(errors).toEqual([]);
});
