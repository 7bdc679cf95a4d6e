/**
 * The terminating gauntlet end to end in real Chromium: from the home page, find the finalizer that
 * holds route-planner's old pods, time label-printer's one-minute stop to SIGKILL on the node and roll
 * out the fix, clear the old pods and bring the StatefulSet back to 3/3 after fencing its dead node,
 * finish the namespace the operator left behind, answer five rounds and read the report.
 */
import { expect, test } from '@playwright/test';
import { answer, collectErrors, solutionAnswers } from './gauntlet.ts';
import { expectScreen, run, screenText } from './terminal.ts';

// The reference solution's answers: one source for the CLI replay and this test.
const ANSWERS = solutionAnswers('terminating');
const OLD_POD = "$(kubectl get pods -n dispatch | grep Error | head -1 | awk '{print $1}')";

test('play terminating from the home page to the report', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  expect(ANSWERS).toHaveLength(5);

  await page.goto('/');
  const card = page.getByRole('list', { name: 'Scenarios' }).locator('[data-scenario="terminating"]');
  await expect(card).toContainText('Stuck Terminating after a rollout');
  await card.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\?scenario=terminating$/);
  await expectScreen(page, 'learner@laptop:~$');
  await expect(page.getByRole('heading', { name: 'The Opening' })).toBeVisible();

  // Round 1: what holds the old pods.
  await run(page, 'kubectl get pods -n dispatch -o wide');
  await expectScreen(page, /route-planner-\w+-\w{5}\s+0\/1\s+Error/);
  await run(page, `kubectl get pod ${OLD_POD} -n dispatch -o yaml | grep -A2 -e finalizers -e deletionTimestamp`);
  await expectScreen(page, '- relay.freight.io/drain-subscription');
  await run(page, `kubectl describe pod -n dispatch ${OLD_POD} | grep 'Exit Code'`);
  await expectScreen(page, /Exit Code:\s+143/);
  await run(page, 'kubectl get namespaces');
  await expectScreen(page, /relay-system\s+Terminating/);
  const scores = [await answer(page, 1, ANSWERS[0])];
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 2: exactly the grace period, then SIGKILL; the fixed image stops at once.
  await run(page, 'kubectl get deployment label-printer -n dispatch -o yaml | grep terminationGracePeriodSeconds');
  await expectScreen(page, 'terminationGracePeriodSeconds: 60');
  await run(page, 'kubectl logs -n dispatch deployment/label-printer | head -1');
  await expectScreen(page, '+ exec-wrapper: starting java');
  await run(page, "time kubectl delete pod -n dispatch $(kubectl get pods -n dispatch | grep label-printer | head -1 | awk '{print $1}')");
  await expectScreen(page, /real\s+1m0\.000s/);
  await run(page, `ssh ip-10-40-1-23 "journalctl -u containerd --no-pager | grep -e 'Kill container' -e TaskExit | tail -2"`);
  await expectScreen(page, /exit_status:137/);
  await run(page, 'kubectl set image deployment/label-printer label-printer=registry.internal:5000/dispatch/label-printer:4.2.1 -n dispatch');
  await expectScreen(page, 'deployment.apps/label-printer image updated');
  await run(page, 'kubectl rollout status deployment/label-printer -n dispatch');
  await expectScreen(page, 'deployment "label-printer" successfully rolled out');
  scores.push(await answer(page, 2, ANSWERS[1]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 3: the finalizer patched away; the dead machine fenced, ledger-db-0 freed and recreated.
  await run(page, `for p in $(kubectl get pods -n dispatch --no-headers | grep Error | awk '{print $1}'); do kubectl patch pod $p -n dispatch --type=merge -p '{"metadata":{"finalizers":null}}'; done`);
  await expectScreen(page, /pod\/route-planner-\w+-\w{5} patched/);
  await run(page, 'kubectl get nodes');
  await expectScreen(page, /ip-10-40-3-64\s+NotReady/);
  await run(page, 'ssh ip-10-40-3-64');
  await expectScreen(page, 'ssh: connect to host 10.40.3.64 port 22: Connection timed out');
  await run(page, 'kubectl delete pod ledger-db-0 -n ledger --grace-period=0 --force');
  await expectScreen(page, 'pod "ledger-db-0" force deleted');
  await run(page, 'sleep 10');
  await run(page, 'kubectl get statefulset ledger-db -n ledger');
  await expectScreen(page, /ledger-db\s+3\/3/);
  scores.push(await answer(page, 3, ANSWERS[2]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 4: the namespace waits on its last ConfigMap's finalizer.
  await run(page, 'kubectl get namespace relay-system -o json | grep "finalizers remaining"');
  await expectScreen(page, 'Some content in the namespace has finalizers remaining: relay.freight.io/route-cleanup in 1 resource instances');
  await run(page, 'kubectl get configmap relay-routes -n relay-system -o yaml | grep -A1 finalizers');
  await expectScreen(page, '- relay.freight.io/route-cleanup');
  await run(page, `kubectl patch configmap relay-routes -n relay-system --type=merge -p '{"metadata":{"finalizers":null}}'`);
  await expectScreen(page, 'configmap/relay-routes patched');
  await run(page, 'kubectl get namespaces');
  await expect.poll(async () => (await screenText(page)).split('kubectl get namespaces').at(-1)).toMatch(/ledger\s+Active/);
  expect((await screenText(page)).split('kubectl get namespaces').at(-1)).not.toContain('relay-system');
  scores.push(await answer(page, 4, ANSWERS[3]));
  await page.getByRole('button', { name: 'Next round' }).click();
  scores.push(await answer(page, 5, ANSWERS[4]));
  await page.getByRole('button', { name: 'See report' }).click();

  // The report.
  await expect(page).toHaveURL(/\?scenario=terminating&view=report$/);
  await expect(page.getByRole('heading', { name: /^Report:/ })).toBeVisible();
  for (const s of scores) expect(s).toBeGreaterThanOrEqual(70);
  const total = Number((await page.getByLabel(/^Total score \d+ out of 100$/).getAttribute('aria-label'))!.match(/\d+/)![0]);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  expect(Math.abs(total - mean)).toBeLessThanOrEqual(1);
  await expect(page.getByRole('region', { name: 'Rounds' }).getByRole('row')).toHaveCount(6);
  await expect(page.getByRole('region', { name: 'The senior path and yours' })).toContainText('kubectl delete pod ledger-db-0 -n ledger --grace-period=0 --force');
  expect(errors).toEqual([]);
});
