/**
 * The rbac-forbidden gauntlet end to end in real Chromium: reproduce the pipeline's Forbidden as its
 * ServiceAccount, find the RoleBinding whose subject names ci-cd, replace it with a namespaced
 * binding and watch the pipeline's own command go through, then authenticate with a fresh bound
 * token; five answers and the report.
 */
import { expect, test } from '@playwright/test';
import { answer, collectErrors, solutionAnswers } from './gauntlet.ts';
import { expectScreen, run } from './terminal.ts';

const ANSWERS = solutionAnswers('rbac-forbidden');
const AS = '--as=system:serviceaccount:ci:deployer';
const DEPLOY = `kubectl set image deployment/checkout checkout=registry.example.com/payments/checkout:4.13.0 -n production ${AS}`;

test('play rbac-forbidden from the home page to the report', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  expect(ANSWERS).toHaveLength(5);

  await page.goto('/');
  const card = page.getByRole('list', { name: 'Scenarios' }).locator('[data-scenario="rbac-forbidden"]');
  await expect(card).toContainText('The deploy pipeline is Forbidden');
  await card.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\?scenario=rbac-forbidden$/);
  await expectScreen(page, 'learner@laptop:~$');
  await expect(page.getByRole('heading', { name: 'The Opening' })).toBeVisible();

  // Round 1: the refusal, as the pipeline.
  await run(page, DEPLOY);
  await expectScreen(page, 'Error from server (Forbidden): deployments.apps "checkout" is forbidden: User "system:serviceaccount:ci:deployer" cannot get resource "deployments" in API group "apps" in the namespace "production"');
  await run(page, `kubectl auth can-i patch deployments -n staging ${AS}`);
  await expectScreen(page, /-n staging --as=system:serviceaccount:ci:deployeryes/);
  const scores = [await answer(page, 1, ANSWERS[0])];
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 2: the bindings and their subjects.
  await run(page, 'kubectl get rolebindings,clusterrolebindings -A -o wide | grep deployer');
  await expectScreen(page, /production +rolebinding\.rbac\.authorization\.k8s\.io\/ci-deployer +ClusterRole\/ci-deployer +19h +ci-cd\/deployer/);
  scores.push(await answer(page, 2, ANSWERS[1]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 3: one binding fixed; the pipeline's command goes through and rolls out.
  await run(page, 'kubectl delete rolebinding ci-deployer -n production');
  await expectScreen(page, 'rolebinding.rbac.authorization.k8s.io "ci-deployer" deleted');
  await run(page, 'kubectl create rolebinding ci-deployer --clusterrole=ci-deployer --serviceaccount=ci:deployer -n production');
  await expectScreen(page, 'rolebinding.rbac.authorization.k8s.io/ci-deployer created');
  await run(page, DEPLOY);
  await expectScreen(page, 'deployment.apps/checkout image updated');
  await run(page, `kubectl rollout status deployment/checkout -n production ${AS}`);
  await expectScreen(page, 'deployment "checkout" successfully rolled out');
  scores.push(await answer(page, 3, ANSWERS[2]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 4: a fresh bound token.
  await run(page, 'TOKEN=$(kubectl create token deployer -n ci)');
  await run(page, 'kubectl --token=$TOKEN auth can-i patch deployments -n production');
  await expectScreen(page, /auth can-i patch deployments -n productionyes/);
  scores.push(await answer(page, 4, ANSWERS[3]));
  await page.getByRole('button', { name: 'Next round' }).click();
  scores.push(await answer(page, 5, ANSWERS[4]));
  await page.getByRole('button', { name: 'See report' }).click();

  await expect(page).toHaveURL(/\?scenario=rbac-forbidden&view=report$/);
  await expect(page.getByRole('heading', { name: /^Report:/ })).toBeVisible();
  for (const s of scores) expect(s).toBeGreaterThanOrEqual(70);
  await expect(page.getByRole('region', { name: 'The senior path and yours' })).toContainText('kubectl create rolebinding ci-deployer');
  expect(errors).toEqual([]);
});
