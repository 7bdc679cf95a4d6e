/**
 * The pending gauntlet end to end in real Chromium: from the home page, read the scheduler's
 * FailedScheduling message, fix fraud-scorer's copied affinity and watch the next reason appear,
 * size its requests so the rollout completes and the quota frees, give the cluster its default
 * StorageClass back so model-store's claim binds, answer five rounds and read the report.
 */
import { expect, test } from '@playwright/test';
import { answer, collectErrors, solutionAnswers } from './gauntlet.ts';
import { expectScreen, run, screenText } from './terminal.ts';

// The reference solution's answers: one source for the CLI replay and this test.
const ANSWERS = solutionAnswers('pending');
const FIRST_FRAUD = "$(kubectl get pods -n risk | grep fraud-scorer | head -1 | awk '{print $1}')";

test('play pending from the home page to the report', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = collectErrors(page);
  expect(ANSWERS).toHaveLength(5);

  await page.goto('/');
  const card = page.getByRole('list', { name: 'Scenarios' }).locator('[data-scenario="pending"]');
  await expect(card).toContainText('The mystery Pending pod');
  await card.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\?scenario=pending$/);
  await expectScreen(page, 'learner@laptop:~$');
  await expect(page.getByRole('heading', { name: 'The Opening' })).toBeVisible();

  // Round 1: what the scheduler says.
  await run(page, 'kubectl get pods -n risk');
  await expectScreen(page, /fraud-scorer-\w+-\w{5}\s+0\/1\s+Pending/);
  await run(page, `kubectl describe pod -n risk ${FIRST_FRAUD} | grep FailedScheduling`);
  await expectScreen(page, "0/12 nodes are available: 4 node(s) had untolerated taint {dedicated: batch}, 8 node(s) didn't match Pod's node affinity/selector.");
  await run(page, 'kubectl get events -n risk | grep FailedCreate | tail -1');
  await expectScreen(page, 'exceeded quota: risk-compute, requested: requests.cpu=2, used: requests.cpu=7500m, limited: requests.cpu=8');
  const scores = [await answer(page, 1, ANSWERS[0])];
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 2: the copied affinity; the fix reveals the next filter.
  await run(page, `kubectl get pod -n risk ${FIRST_FRAUD} -o yaml | grep -A6 nodeSelectorTerms`);
  await expectScreen(page, '- staging');
  await run(page, 'kubectl describe node ip-10-64-8-11 | grep Taints');
  await expectScreen(page, 'dedicated=batch:NoSchedule');
  await run(page, `kubectl patch deployment fraud-scorer -n risk -p '{"spec":{"template":{"spec":{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"env","operator":"In","values":["production"]}]}]}}}}}}}'`);
  await expectScreen(page, 'deployment.apps/fraud-scorer patched');
  await run(page, 'sleep 10');
  await run(page, 'kubectl get events -n risk | grep "Insufficient cpu" | tail -1');
  await expectScreen(page, '4 node(s) had untolerated taint {dedicated: batch}, 8 Insufficient cpu.');
  scores.push(await answer(page, 2, ANSWERS[1]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 3: requests, not usage; the fix rolls out and the quota frees.
  await run(page, "kubectl describe node ip-10-64-1-17 | grep -A5 'Allocated resources'");
  await expectScreen(page, /cpu\s+3350m \(85%\)/);
  await run(page, 'kubectl set resources deployment fraud-scorer -n risk --requests=cpu=300m,memory=1Gi --limits=cpu=1,memory=1Gi');
  await expectScreen(page, 'deployment.apps/fraud-scorer resource requirements updated');
  await run(page, 'sleep 30');
  await run(page, 'kubectl rollout status deployment/fraud-scorer -n risk');
  await expectScreen(page, 'deployment "fraud-scorer" successfully rolled out');
  await run(page, 'kubectl get pods -n risk');
  await expect.poll(async () => ((await screenText(page)).match(/fraud-scorer-\w+-\w{5}\s+1\/1\s+Running\s+0\s/g) ?? []).length).toBe(4);
  await run(page, 'kubectl get quota -n risk');
  await expectScreen(page, 'requests.cpu: 2700m/8');
  scores.push(await answer(page, 3, ANSWERS[2]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 4: the claim with no class; the default comes back and the volume binds.
  await run(page, 'kubectl describe pvc model-store-data -n ml | tail -1');
  await expectScreen(page, 'no persistent volumes available for this claim and no storage class is set');
  await run(page, 'kubectl annotate storageclass gp3 storageclass.kubernetes.io/is-default-class=true');
  await expectScreen(page, 'storageclass.storage.k8s.io/gp3 annotated');
  await run(page, 'sleep 10');
  await run(page, 'kubectl get pvc -n ml');
  await expectScreen(page, /model-store-data\s+Bound\s+pvc-[0-9a-f-]{36}\s+20Gi\s+RWO\s+gp3/);
  await run(page, 'kubectl get pods -n ml');
  await expectScreen(page, /model-store-\w+-\w{5}\s+1\/1\s+Running/);
  scores.push(await answer(page, 4, ANSWERS[3]));
  await page.getByRole('button', { name: 'Next round' }).click();
  scores.push(await answer(page, 5, ANSWERS[4]));
  await page.getByRole('button', { name: 'See report' }).click();

  // The report.
  await expect(page).toHaveURL(/\?scenario=pending&view=report$/);
  await expect(page.getByRole('heading', { name: /^Report:/ })).toBeVisible();
  for (const s of scores) expect(s).toBeGreaterThanOrEqual(70);
  const rows = page.getByRole('region', { name: 'Rounds' }).getByRole('row');
  await expect(rows).toHaveCount(6);
  await expect(page.getByRole('region', { name: 'The senior path and yours' })).toContainText('kubectl annotate storageclass gp3');
  expect(errors).toEqual([]);
});
