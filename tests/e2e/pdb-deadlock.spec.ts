/**
 * The pdb-deadlock gauntlet end to end in real Chromium: from the home page, watch the stalled
 * rollout and the hanging drain (stopping both with Ctrl-C), relax the budget, finish the drains
 * and the rollout, answer the five rounds, and read the report.
 */
import { expect, test } from '@playwright/test';
import { answer, collectErrors } from './gauntlet.ts';
import { expectScreen, interrupt, run, screenText } from './terminal.ts';

const ANSWERS = [
  'All 20 pods are updated to 3.8.0 and the old ReplicaSet is at 0, but only 10 of 20 are available: the other ten are Running 0/1 ' +
    'because their readiness probe fails with 503. They all sit on ip-10-40-1-88 and ip-10-40-2-145, the nodes not yet upgraded, ' +
    'and the log says the memory guard needs cgroup v2. maxSurge 25% rounds up to 5, maxUnavailable 25% rounds down to 5. I would not roll back before knowing why.',
  'kubectl get pdb shows payment-service-pdb with allowed disruptions 0: currentHealthy 10, desiredHealthy 15 from minAvailable 15. ' +
    'Drain calls the eviction API, which answers 429 and kubectl retries every 5s. The unready pods count as unhealthy, so the budget blocks the very pods that need moving. ' +
    'payments-pdb matches no pods and is inert. The rolling update does not go through the eviction API; budgets only guard evictions.',
  'Force-deleting skips graceful shutdown so in-flight transactions can be cut, and --disable-eviction bypasses every budget. ' +
    'Instead I patch the budget to unhealthyPodEvictionPolicy AlwaysAllow, drain node by node so pods reschedule onto upgraded nodes and become Ready, ' +
    'verify with rollout status and allowed disruptions, and restore the budget as maxUnavailable afterwards.',
  'A pod under more than one PDB cannot be evicted at all: the API answers 500, they are not ANDed. Keep one budget per workload and patch it in place. ' +
    'AlwaysAllow lets unready pods be evicted without using the budget; it is risky for stateful pods catching up or quorum members.',
  'Write budgets as maxUnavailable percentages, add a CI check that validates each budget against replicas and strategy, alert on observed generation ' +
    'and disruptionsAllowed 0, canary releases on every node image, make the upgrade tooling use --timeout and report, and use AlwaysAllow for stateless services.',
];

test('play pdb-deadlock from the home page to the report', async ({ page }) => {
  const errors = collectErrors(page);

  await page.goto('/');
  const card = page.getByRole('list', { name: 'Scenarios' }).locator('[data-scenario="pdb-deadlock"]');
  await expect(card).toContainText('The drain that never finishes');
  await card.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\?scenario=pdb-deadlock$/);
  await expectScreen(page, 'learner@laptop:~$');
  await expect(page.getByRole('heading', { name: 'The Opening' })).toBeVisible();

  // Round 1: the rollout waits for ever; Ctrl-C stops the watch.
  await run(page, 'kubectl rollout status deployment/payment-service -n payments');
  await expectScreen(page, 'Waiting for deployment "payment-service" rollout to finish: 10 of 20 updated replicas are available...');
  await interrupt(page);
  await run(page, 'kubectl get pods -n payments -o wide | grep 0/1');
  await expectScreen(page, 'ip-10-40-1-88');
  const scores = [await answer(page, 1, ANSWERS[0])];
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 2: the budget allows nothing; the drain retries every 5 s until Ctrl-C.
  await run(page, 'kubectl get pdb -n payments');
  await expectScreen(page, 'ALLOWED DISRUPTIONS');
  await run(page, 'kubectl drain ip-10-40-1-88 --ignore-daemonsets');
  await expectScreen(page, "(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.");
  await interrupt(page);
  scores.push(await answer(page, 2, ANSWERS[1]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 3: relax the budget for unready pods; both drains complete and the rollout finishes.
  await run(page, `kubectl patch pdb payment-service-pdb -n payments --type=merge -p '{"spec":{"unhealthyPodEvictionPolicy":"AlwaysAllow"}}'`);
  await expectScreen(page, 'poddisruptionbudget.policy/payment-service-pdb patched');
  await run(page, 'kubectl drain ip-10-40-1-88 --ignore-daemonsets');
  await expectScreen(page, 'node/ip-10-40-1-88 drained');
  await run(page, 'kubectl drain ip-10-40-2-145 --ignore-daemonsets');
  await expectScreen(page, 'node/ip-10-40-2-145 drained');
  await run(page, 'kubectl rollout status deployment/payment-service -n payments');
  await expectScreen(page, 'deployment "payment-service" successfully rolled out');
  await expect.poll(async () => (await screenText(page)).trimEnd().endsWith('learner@laptop:~$')).toBe(true);
  scores.push(await answer(page, 3, ANSWERS[2]));
  await page.getByRole('button', { name: 'Next round' }).click();

  for (let r = 4; r <= 5; r++) {
    scores.push(await answer(page, r, ANSWERS[r - 1]));
    await page.getByRole('button', { name: r === 5 ? 'See report' : 'Next round' }).click();
  }

  await expect(page).toHaveURL(/\?scenario=pdb-deadlock&view=report$/);
  await expect(page.getByRole('heading', { name: /^Report:/ })).toBeVisible();
  const total = Number((await page.getByLabel(/^Total score \d+ out of 100$/).getAttribute('aria-label'))!.match(/\d+/)![0]);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  expect(Math.abs(total - mean)).toBeLessThanOrEqual(1);
  for (const s of scores.slice(0, 3)) expect(s).toBeGreaterThanOrEqual(70);
  await expect(page.getByRole('region', { name: 'Rounds' }).getByRole('row')).toHaveCount(6);
  await expect(page.getByRole('region', { name: 'The senior path and yours' })).toContainText('kubectl describe pdb payment-service-pdb -n payments');
  expect(errors).toEqual([]);
});
