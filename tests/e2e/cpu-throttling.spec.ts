/**
 * The cpu-throttling gauntlet end to end in real Chromium: from the home page, find the log agent
 * pinned at its CPU limit, read its CFS counters on a node, roll the DaemonSet back and watch
 * order-api's latency and the throttling counters recover, answer five rounds and read the report.
 */
import { expect, test } from '@playwright/test';
import { answer, collectErrors, solutionAnswers, startFromHome } from './gauntlet.ts';
import { expectScreen, run, screenText } from './terminal.ts';

const ANSWERS = solutionAnswers('cpu-throttling');
const CGROUP = "/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/$(crictl inspect $(crictl ps --name log-agent -q) | grep cgroupsPath | cut -d'\"' -f4 | cut -d: -f1)";

test('play cpu-throttling from the home page to the report', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = collectErrors(page);
  expect(ANSWERS).toHaveLength(5);
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Scenarios' }).locator('[data-scenario="cpu-throttling"]')).toContainText('Throttled by the log agent');
  await startFromHome(page, 'cpu-throttling');
  await expect(page.getByRole('heading', { name: 'The Opening' })).toBeVisible();

  // Round 1: usage against limits, and what changed.
  await run(page, 'kubectl top pods -A --sort-by=cpu');
  await expectScreen(page, /log-agent-\w{5}\s+19\dm/);
  await run(page, 'kubectl rollout history daemonset/log-agent -n logging');
  await expectScreen(page, '2         log-agent 2.4.0: PII masking on every record');
  await run(page, "kubectl logs -n orders $(kubectl get pods -n orders -o name | head -1) --tail=1");
  await expectScreen(page, /"p99_ms":3\d\d,/);
  const scores = [await answer(page, 1, ANSWERS[0])];
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 2: the kernel's counters on a node.
  await run(page, 'ssh ip-10-52-1-17');
  await expectScreen(page, 'root@ip-10-52-1-17:~#');
  await run(page, `cat ${CGROUP}/cpu.max`);
  await expectScreen(page, '20000 100000');
  await run(page, `cat ${CGROUP}/cpu.stat`);
  await expectScreen(page, /nr_throttled \d{4,}/);
  await run(page, 'exit');
  await expectScreen(page, 'Connection to ip-10-52-1-17 closed.');
  scores.push(await answer(page, 2, ANSWERS[1]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 3: roll the agent back and see the service recover.
  await run(page, 'kubectl rollout undo daemonset/log-agent -n logging');
  await expectScreen(page, 'daemonset.apps/log-agent rolled back');
  // The controller replaces one agent at a time; let virtual time pass rather than wait in real time.
  await run(page, 'sleep 30');
  await run(page, 'kubectl rollout status daemonset/log-agent -n logging');
  await expectScreen(page, 'daemon set "log-agent" successfully rolled out');
  await run(page, 'sleep 120');
  await run(page, 'kubectl top pods -n logging');
  await expect.poll(async () => ((await screenText(page)).match(/log-agent-\w{5}\s+[5-9]\dm\s/g) ?? []).length).toBe(3);
  await run(page, "kubectl logs -n orders $(kubectl get pods -n orders -o name | head -1) --tail=1");
  await expectScreen(page, /"p99_ms":1[0-2]\d,/);
  scores.push(await answer(page, 3, ANSWERS[2]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 4: QoS classes.
  await run(page, 'kubectl get pods -n logging -o custom-columns=NAME:.metadata.name,QOS:.status.qosClass');
  await expectScreen(page, /log-agent-\w{5}\s+Burstable/);
  scores.push(await answer(page, 4, ANSWERS[3]));
  await page.getByRole('button', { name: 'Next round' }).click();
  scores.push(await answer(page, 5, ANSWERS[4]));
  await page.getByRole('button', { name: 'See report' }).click();

  await expect(page).toHaveURL(/\?scenario=cpu-throttling&view=report$/);
  await expect(page.getByRole('heading', { name: /^Report:/ })).toBeVisible();
  for (const s of scores) expect(s).toBeGreaterThanOrEqual(70);
  await expect(page.getByRole('region', { name: 'The senior path and yours' })).toContainText('kubectl rollout undo daemonset/log-agent -n logging');
  expect(errors).toEqual([]);
});
