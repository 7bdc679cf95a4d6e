/**
 * The oomkilled gauntlet end to end in real Chromium: from the home page, prove the OOM kill from
 * pod, kernel and cgroup, raise quote-engine's limit with `kubectl set resources` and watch the new
 * pods stay up, read the node-level OOM on the docs node, answer five rounds and read the report.
 */
import { expect, test, type Page } from '@playwright/test';
import { answer, collectErrors, solutionAnswers, startFromHome } from './gauntlet.ts';
import { expectScreen, run, screenText } from './terminal.ts';

// The reference solution's answers: one source for the CLI replay and this test.
const ANSWERS = solutionAnswers('oomkilled');

test('play oomkilled from the home page to the report', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  expect(ANSWERS).toHaveLength(5);

  await page.goto('/');
  const card = page.getByRole('list', { name: 'Scenarios' }).locator('[data-scenario="oomkilled"]');
  await expect(card).toContainText('OOMKilled after a release');
  await card.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\?scenario=oomkilled$/);
  await expectScreen(page, 'learner@laptop:~$');
  await expect(page.getByRole('heading', { name: 'The Opening' })).toBeVisible();

  // Round 1: the death certificate.
  await run(page, 'kubectl get pods -n pricing');
  await expectScreen(page, /quote-engine-\w+-\w{5}/);
  await run(page, "kubectl describe pod -n pricing $(kubectl get pods -n pricing | grep quote-engine | head -1 | awk '{print $1}') | grep -A3 'Last State'");
  await expectScreen(page, /Reason:\s+OOMKilled/);
  await expectScreen(page, /Exit Code:\s+137/);
  await run(page, "kubectl logs -n pricing $(kubectl get pods -n pricing | grep quote-engine | head -1 | awk '{print $1}') --previous | tail -2");
  await expectScreen(page, 'rate-card cache');
  const scores = [await answer(page, 1, ANSWERS[0])];
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 2: usage, kernel, cgroup.
  await run(page, 'kubectl top pods -n pricing');
  await expectScreen(page, 'MEMORY(bytes)');
  await run(page, "ssh $(kubectl get pods -n pricing -o jsonpath='{.items[0].spec.nodeName}')");
  await expectScreen(page, /root@ip-10-30-\d-\d+:~#/);
  await run(page, "dmesg -T | grep 'Memory cgroup out of memory' | tail -1");
  await expectScreen(page, /Memory cgroup out of memory: Killed process \d+ \(java\)/);
  await run(page, "cat /sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/$(crictl inspect $(crictl ps -a --name quote-engine -q | head -1) | grep cgroupsPath | cut -d'\"' -f4 | cut -d: -f1)/memory.max");
  await expect.poll(() => screenText(page)).toContain('268435456');
  await run(page, 'exit');
  await expectScreen(page, 'Connection to');
  scores.push(await answer(page, 2, ANSWERS[1]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 3: the leak keeps climbing; quote-engine gets room and stays up.
  await run(page, 'kubectl top pods -n storefront');
  await expectScreen(page, /cart-sessions-\w+-\w{5}/);
  await run(page, 'kubectl set resources deployment quote-engine -n pricing --limits=memory=512Mi --requests=memory=384Mi');
  await expectScreen(page, 'deployment.apps/quote-engine resource requirements updated');
  await run(page, 'sleep 600');
  await run(page, 'kubectl rollout status deployment/quote-engine -n pricing');
  await expectScreen(page, 'deployment "quote-engine" successfully rolled out');
  await run(page, 'kubectl get pods -n pricing');
  // All four new pods up with no restarts about ten minutes on. Their exact ages depend on how far
  // the rollout got while the lines were being typed (the clock runs with real time), so 9m-10m.
  await expect.poll(async () => ((await screenText(page)).match(/quote-engine-\w+-\w{5}\s+1\/1\s+Running\s+0\s+(9m\d+s|10m)\s/g) ?? []).length).toBe(4);
  scores.push(await answer(page, 3, ANSWERS[2]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 4: the node, not the limit.
  await run(page, 'kubectl describe node ip-10-30-3-77 | grep -E "SystemOOM|EvictionThresholdMet"');
  await expectScreen(page, 'System OOM encountered, victim process: pdf-renderer');
  await run(page, 'kubectl get events -n docs | grep Evicted');
  await expectScreen(page, 'The node was low on resource: memory. Threshold quantity: 100Mi');
  scores.push(await answer(page, 4, ANSWERS[3]));
  await page.getByRole('button', { name: 'Next round' }).click();
  scores.push(await answer(page, 5, ANSWERS[4]));
  await page.getByRole('button', { name: 'See report' }).click();

  // The report.
  await expect(page).toHaveURL(/\?scenario=oomkilled&view=report$/);
  await expect(page.getByRole('heading', { name: /^Report:/ })).toBeVisible();
  for (const s of scores) expect(s).toBeGreaterThanOrEqual(70);
  const total = Number((await page.getByLabel(/^Total score \d+ out of 100$/).getAttribute('aria-label'))!.match(/\d+/)![0]);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  expect(Math.abs(total - mean)).toBeLessThanOrEqual(1);
  const rows = page.getByRole('region', { name: 'Rounds' }).getByRole('row');
  await expect(rows).toHaveCount(6);
  await expect(page.getByRole('region', { name: 'The senior path and yours' })).toContainText('kubectl set resources deployment quote-engine');
  expect(errors).toEqual([]);
});
