/**
 * The report, its exports and print layout, the progress page with retries, and the interviewer
 * view, in real Chromium on sigill-node: play the five rounds quickly (one hint), read the report,
 * download Markdown and JSON, find the attempt on the progress page, retry round 3 (and reload),
 * watch it from the interviewer's tab, then retry the whole scenario.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { answer as submit, collectErrors } from './gauntlet.ts';
import { expectScreen, run, screenText } from './terminal.ts';

const ANSWERS = [
  'CrashLoopBackOff: the container keeps exiting and the kubelet restarts it with back-off. I read kubectl describe pod for Last State and the exit code, then kubectl logs --previous.',
  'Only one node: a node-level problem. I would check dmesg and journalctl -u kubelet on it and compare with a healthy node.',
  'Exit code 132 is 128+4, SIGILL: an illegal instruction, the node CPU lacks avx512f.',
  'Pin instance types and use node affinity on CPU feature labels.',
  'Validate assumptions and diff the working node against the broken one.',
];

/** Answers a round and moves on past its feedback. */
async function answer(page: Page, round: number, text: string): Promise<void> {
  await submit(page, round, text);
  await page.getByRole('button', { name: round === 5 ? 'See report' : 'Next round' }).click();
}

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: (file as Download).suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

const totalOf = async (page: Page) =>
  Number((await page.getByLabel(/^Total score \d+ out of 100$/).getAttribute('aria-label'))!.match(/\d+/)![0]);

test('report, exports, print, progress with retries, interviewer view', async ({ page, context }) => {
  const errors = collectErrors(page);

  await page.goto('/?scenario=sigill-node');
  await expectScreen(page, 'learner@laptop:~$');
  // The candidate's screen never shows the rubric.
  await expect(page.getByRole('heading', { name: /^Rubric/ })).toHaveCount(0);
  await run(page, 'kubectl get pods -n production -o wide');
  await expectScreen(page, 'CrashLoopBackOff');
  await page.getByRole('button', { name: /^Hint/ }).click();
  await expect(page.getByRole('list', { name: 'Hints' })).toContainText('Which fields of kubectl describe pod');
  for (let r = 1; r <= 5; r++) await answer(page, r, ANSWERS[r - 1]);

  // The report: round details with the hint used, the chart.
  await expect(page).toHaveURL(/\?scenario=sigill-node&view=report$/);
  const total = await totalOf(page);
  const r1 = page.getByRole('article', { name: /^Round 1: The Opening/ });
  await expect(r1.getByRole('list', { name: 'Hints used in round 1' })).toContainText('Which fields of kubectl describe pod tell you how the last container ended? (−5 points)');
  await expect(r1.getByRole('list', { name: 'Verdicts for round 1' })).toContainText('hint used');
  await expect(page.getByRole('figure', { name: 'Score per skill (out of 100)' }).getByRole('listitem')).toHaveCount(5);

  // Exports: JSON is the Report object, Markdown has the model answers' prose.
  const json = await download(page, 'Export JSON');
  expect(json.name).toBe('gauntlet-sigill-node-report.json');
  const report = JSON.parse(json.text);
  expect(report.scenario).toBe('sigill-node');
  expect(report.score).toBe(total);
  expect(report.rounds.map((r: { round: string }) => r.round)).toEqual(['opening', 'probe', 'constraint', 'curveball', 'synthesis']);
  expect(report.rounds.every((r: { score: unknown }) => typeof r.score === 'number')).toBe(true);
  const md = await download(page, 'Export Markdown');
  expect(md.name).toBe('gauntlet-sigill-node-report.md');
  expect(md.text.startsWith(`# Report: Pods crash-looping on one node\n\nScenario \`sigill-node\` · total score **${total}/100**`)).toBe(true);
  expect(md.text).toContain('#### Model answer\n\nCrashLoopBackOff is kubelet telling you the container keeps exiting');
  expect(md.text).toContain('| `kubectl get pods -n production -o wide` |');

  // Print: no header, no buttons; the collapsed model answers open; a PDF renders.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export JSON' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Retry round 1' })).toBeHidden();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(r1.getByText('CrashLoopBackOff is kubelet telling you')).toBeVisible();
  expect((await page.pdf()).subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });

  // Progress: the attempt is listed; retry round 3 continues after round 2, and survives a reload.
  await page.getByRole('link', { name: 'Progress' }).click();
  await expect(page).toHaveURL(/\?view=progress$/);
  const attempts = page.getByRole('region', { name: 'Pods crash-looping on one node' }).getByRole('row');
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(1).getByRole('cell').nth(1)).toHaveText(String(total));
  await attempts.nth(1).getByLabel('Round to retry').selectOption({ label: 'Round 3: The Constraint' });
  await attempts.nth(1).getByRole('button', { name: 'Retry round' }).click();
  await expect(page).toHaveURL(/\?scenario=sigill-node$/);
  await expect(page.getByText('Round 3 of 5')).toBeVisible();
  await expectScreen(page, 'CrashLoopBackOff'); // the terminal kept the earlier rounds' work
  await page.reload();
  await expect(page.getByText('Round 3 of 5')).toBeVisible();
  await expect.poll(() => screenText(page)).toContain('kubectl get pods -n production -o wide');

  // The interviewer's tab follows the candidate: rubric of round 3 and a live verdict.
  const interviewer = await context.newPage();
  await interviewer.goto('/?scenario=sigill-node&view=interviewer');
  await expect(interviewer.getByRole('heading', { name: 'Round 3 of 5: The Constraint' })).toBeVisible();
  await expect(interviewer.getByRole('heading', { name: 'Rubric: The Constraint' })).toBeVisible();
  await expect(interviewer.getByText('1 command run, 0 hints used in this round.')).toBeVisible();
  await run(page, 'ssh ip-10-42-3-208');
  await run(page, 'grep -c avx512f /proc/cpuinfo');
  await expectScreen(page, '# grep -c avx512f /proc/cpuinfo');
  await expect(interviewer.getByText('3 commands run, 0 hints used in this round.')).toBeVisible();
  await expect(interviewer.getByRole('list', { name: 'Live verdicts' }).locator('.verdict.earned')).not.toHaveCount(0);
  await interviewer.close();

  for (let r = 3; r <= 5; r++) await answer(page, r, ANSWERS[r - 1]);
  await page.getByRole('link', { name: 'Progress' }).click();
  await expect(attempts).toHaveCount(3);
  await expect(attempts.nth(1)).toContainText('retry from round 3');
  expect(await axeViolations(page), 'progress with three attempts').toEqual([]);

  // The first attempt's report is rebuilt from its saved inputs.
  await attempts.nth(2).getByRole('link', { name: /^Report of the attempt finished / }).click();
  await expect(page).toHaveURL(/\?scenario=sigill-node&view=report&attempt=/);
  await expect(page.getByText(/^An earlier attempt, finished /)).toBeVisible();
  expect(await totalOf(page)).toBe(total);
  expect(await axeViolations(page), 'an earlier attempt\'s report').toEqual([]);
  await page.goBack();

  // Retry the whole scenario: a fresh session, the two attempts stay.
  await page.getByRole('button', { name: 'Retry the scenario' }).click();
  await expect(page.getByText('Round 1 of 5')).toBeVisible();
  await expectScreen(page, 'learner@laptop:~$');
  expect(await screenText(page)).not.toContain('kubectl get pods');
  await page.goBack();
  await expect(attempts).toHaveCount(3);
  expect(errors).toEqual([]);
});
