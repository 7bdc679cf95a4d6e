/**
 * axe-core on the pages layout.spec.ts does not reach: the practice interviewer's view, the
 * authors' preview with its rubric debugger, the play page with feedback and a hint open, a second
 * tab's "another tab owns this" state; and every live-interview page through the real server (new
 * interview before and after creating, the candidate's welcome and play pages, the interviewer's
 * page mid-session and after the end, the candidate's shared report, the sessions list, a wrong
 * link). Each must report no violation.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { answer, collectErrors, solutionAnswers, startFromHome } from './gauntlet.ts';
import { LiveServer } from './liveServer.ts';
import { createOverApi, openBoth } from './livePages.ts';
import { expectScreen, run } from './terminal.ts';

async function noViolations(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  expect(await axeViolations(page), name).toEqual([]);
}

test('practice pages beyond the layout spec: interviewer view, preview, feedback, hints, a second tab', async ({ page, context }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await startFromHome(page, 'sigill-node');
  await run(page, 'kubectl get pods -n production -o wide');
  await expectScreen(page, 'storefront-');
  await page.getByRole('button', { name: /^Hint/ }).click();
  await expect(page.getByRole('list', { name: 'Hints' })).toBeVisible();
  await noViolations(page, 'play with a hint open');
  await answer(page, 1, solutionAnswers('sigill-node')[0]);
  await noViolations(page, 'play with feedback');

  const second = await context.newPage();
  await second.goto('/?scenario=sigill-node');
  await expect(second.getByRole('alert').filter({ hasText: 'This scenario is open in another tab' })).toBeVisible();
  await noViolations(second, 'a second tab');
  await second.close();

  await page.goto('/?scenario=sigill-node&view=interviewer');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await noViolations(page, 'practice interviewer view');

  await page.goto('/?scenario=crashloop&preview=2');
  // The built app has no reference solution to play (the dev server serves it): the preview shows the debugger and says so.
  await expect(page.getByRole('complementary', { name: 'Rubric debugger' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Rubric: The Opening' })).toBeVisible();
  await noViolations(page, 'authors\' preview with the rubric debugger');
  expect(errors).toEqual([]);
});

test.describe('live pages', () => {
  let server: LiveServer;
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    server = await LiveServer.start();
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('new interview, candidate, interviewer, ended and shared report, sessions, a wrong link', async ({ browser, page }) => {
    test.setTimeout(300_000);
    await page.goto(`${server.url}/live/new`);
    await expect(page.getByRole('button', { name: 'Create the interview' })).toBeVisible();
    await noViolations(page, 'new interview');
    await page.getByLabel('Scenario').selectOption('sigill-node');
    await page.getByRole('button', { name: 'Create the interview' }).click();
    await expect(page.getByLabel('Candidate link')).toBeVisible();
    await noViolations(page, 'new interview, links shown');

    const links = await createOverApi(server.url);
    const welcomeContext = await browser.newContext();
    const welcome = await welcomeContext.newPage();
    await welcome.goto(`${server.url}/live/c/${links.candidateToken}`);
    await expect(welcome.getByRole('button', { name: 'Start' })).toBeVisible();
    await noViolations(welcome, 'candidate welcome');
    await welcomeContext.close();

    const both = await openBoth(browser, links, server.url);
    try {
      await run(both.cand, 'kubectl get pods -n production');
      await expectScreen(both.cand, 'storefront-');
      await noViolations(both.cand, 'candidate playing');
      await expect(both.iv.getByRole('region', { name: "Candidate's terminal" })).toContainText('storefront-');
      await noViolations(both.iv, 'interviewer mid-session');

      await both.iv.getByLabel('Share the report with the candidate').check();
      both.iv.once('dialog', (d) => void d.accept());
      await both.iv.getByRole('button', { name: 'End the interview' }).click();
      await expect(both.cand.getByRole('heading', { name: 'The interview has ended' })).toBeVisible();
      await expect(both.cand.getByRole('region', { name: /^Your report: \d+\/100$/ })).toBeVisible();
      await noViolations(both.cand, 'candidate: ended, shared report');
      await noViolations(both.iv, 'interviewer: ended');
    } finally {
      await both.close();
    }

    await page.goto(`${server.url}/live/sessions`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await noViolations(page, 'sessions');
    const wrong = links.candidateToken.slice(0, -1) + (links.candidateToken.endsWith('A') ? 'B' : 'A');
    await page.goto(`${server.url}/live/c/${wrong}`);
    await expect(page.getByRole('heading', { name: 'This link does not open an interview' })).toBeVisible();
    await noViolations(page, 'wrong link');
  });
});
