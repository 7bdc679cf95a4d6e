/**
 * The sigill-node gauntlet end to end in real Chromium: start from the home page, investigate in the
 * terminal, answer the five rounds (reloading half-way), and read the report.
 */
import { expect, test, type Page } from '@playwright/test';
import { answer, collectErrors } from './gauntlet.ts';
import { expectScreen, run, screenText } from './terminal.ts';
import { interviewerReaction } from '../../src/ui/format.ts';

const ANSWERS = [
  'CrashLoopBackOff means the container keeps exiting non-zero and the kubelet restarts it with exponential back-off. ' +
    'I would run kubectl get pods -n production -o wide to see which pods and their restart counts, then kubectl describe pod ' +
    'for the Last State, exit code and events, then kubectl logs --previous for the crashed container. The exit code classifies it: ' +
    '137 is OOM/SIGKILL, 139 a segfault, 132 is 128+4 SIGILL. Diagnose before deleting or restarting anything.',
  'Crashes only on that node make it a node-level problem: hardware, kernel or runtime. I would describe node for conditions like ' +
    'DiskPressure and taints, ssh to it, run crictl ps -a and journalctl -u containerd and the kubelet journal, read dmesg for kernel traps, ' +
    'check df -i for inodes, and compare with a healthy node.',
  'Exit code 132 is 128+4: SIGILL, an illegal instruction. dmesg shows invalid opcode traps. The binary was built with -march=native ' +
    'and uses AVX-512; /proc/cpuinfo on this AMD EPYC node has no avx512f flag, unlike the Intel nodes: a mixed CPU generation. ' +
    'Cordon the node and pin ledger-api with node affinity until a baseline x86-64-v3 rebuild ships.',
  'Pin the node group to instance types of one CPU generation, label nodes per generation with node feature discovery, ' +
    'require the CPU feature label with node affinity, and build with a portable baseline (x86-64-v3) plus runtime dispatch. ' +
    'Defence in depth: the provider can substitute capacity.',
  'The root cause was an assumption that every node has the same CPU: two normal choices together, a native build and a mixed node group. ' +
    'The fix came from comparing the working and broken nodes below Kubernetes, at the hardware layer, and asking what changed: the scale-up. ' +
    'Postmortem action items: a runbook step to diff nodes and a build checklist.',
];

test('play sigill-node from the home page to the report, resuming after a reload', async ({ page }) => {
  const errors = collectErrors(page);

  await page.goto('/');
  const cards = page.getByRole('list', { name: 'Scenarios' }).getByRole('listitem');
  await expect(cards.first()).toHaveAttribute('data-scenario', 'sigill-node');
  await cards.first().getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\?scenario=sigill-node$/);
  await expectScreen(page, 'learner@laptop:~$');
  await expect(page.getByText('Round 1 of 5')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The Opening' })).toBeVisible();

  // Round 1: scope the damage.
  await run(page, 'kubectl get pods -n production -o wide');
  await expectScreen(page, 'CrashLoopBackOff');
  await expectScreen(page, 'ip-10-42-3-208');
  const scores = [await answer(page, 1, ANSWERS[0])];
  expect(scores[0]).toBeGreaterThanOrEqual(50);
  await page.getByRole('button', { name: 'Next round' }).click();
  await expect(page.getByText('Round 2 of 5')).toBeVisible();
  // The interviewer's reaction follows round 1's score band (never "Good." after a weak answer).
  await expect(page.getByLabel("Interviewer's prompt")).toContainText(`Interviewer: ${interviewerReaction(scores[0])}`);

  // Round 2: onto the node; then reload half-way through the round.
  await run(page, 'ssh ip-10-42-3-208');
  await expectScreen(page, 'ip-10-42-3-208:~#');
  await run(page, 'grep -c avx512f /proc/cpuinfo');
  // No AVX-512 on this node: the count is 0 (one per CPU on the healthy ones).
  await expect.poll(() => screenText(page)).toContain('# grep -c avx512f /proc/cpuinfo\n0\nroot@ip-10-42-3-208:~# ');
  const before = await screenText(page);
  await page.reload();
  await expect(page.getByText('Round 2 of 5')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The Probe' })).toBeVisible();
  await expect.poll(() => screenText(page)).toBe(before);

  // History survived the reload too: Up recalls the last command.
  await page.locator('.xterm').click();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Control+U');
  await page.keyboard.type("dmesg -T | grep -i 'invalid opcode'");
  await page.keyboard.press('Enter');
  await expectScreen(page, 'invalid opcode');
  scores.push(await answer(page, 2, ANSWERS[1]));
  await page.getByRole('button', { name: 'Next round' }).click();

  for (let r = 3; r <= 5; r++) {
    scores.push(await answer(page, r, ANSWERS[r - 1]));
    await page.getByRole('button', { name: r === 5 ? 'See report' : 'Next round' }).click();
  }

  // The report.
  await expect(page).toHaveURL(/\?scenario=sigill-node&view=report$/);
  await expect(page.getByRole('heading', { name: /^Report:/ })).toBeVisible();
  const total = Number((await page.getByLabel(/^Total score \d+ out of 100$/).getAttribute('aria-label'))!.match(/\d+/)![0]);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  expect(Math.abs(total - mean)).toBeLessThanOrEqual(1);
  // Rounds and skills in one table, the chart beside it: each round's score shown there and in its bar, nowhere else.
  const roundsAndSkills = page.getByRole('region', { name: 'Rounds and skills', exact: true });
  await expect(roundsAndSkills.getByRole('table')).toHaveCount(1);
  const roundRows = roundsAndSkills.getByRole('row');
  await expect(roundRows).toHaveCount(6);
  for (let i = 0; i < 5; i++) await expect(roundRows.nth(i + 1).getByRole('cell').nth(2)).toHaveText(String(scores[i]));
  const bars = roundsAndSkills.getByRole('figure', { name: 'Score per skill (out of 100)' }).getByRole('listitem');
  await expect(bars).toHaveCount(5);
  for (let i = 0; i < 5; i++) await expect(bars.nth(i).locator('.value')).toHaveText(String(scores[i]));
  await expect(page.getByRole('region', { name: /^Skills$/ })).toHaveCount(0);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  // One row per typed line, as typed (a pipeline is one row, quotes kept): host and command line.
  const cells = await timeline.getByRole('row').evaluateAll((rows) =>
    rows.slice(1).map((r) => [...r.querySelectorAll('td')].slice(1, 3).map((c) => c.textContent)),
  );
  expect(cells).toEqual([
    ['laptop', 'kubectl get pods -n production -o wide'],
    ['laptop', 'ssh ip-10-42-3-208'],
    ['ip-10-42-3-208', 'grep -c avx512f /proc/cpuinfo'],
    ['ip-10-42-3-208', "dmesg -T | grep -i 'invalid opcode'"],
  ]);
  await expect(timeline.getByRole('row').nth(1).getByRole('cell').first()).toHaveText(/^14:0\d:\d\d$/);
  await expect(page.getByRole('region', { name: 'The senior path and yours' })).toContainText('grep -c avx512f /proc/cpuinfo');
  expect(errors).toEqual([]);
});
