/**
 * The imagepull gauntlet end to end in real Chromium: from the home page, read the two pull errors,
 * reproduce the kubelet's refusal on the node and decode the pods' pull Secret, fix it with a new
 * docker-registry Secret on the ServiceAccount, find the first new pod refused on the arm64 node (an
 * amd64-only build), pin the Deployment to amd64 and watch the rollout finish, bring fx-rates back
 * through the registry mirror, answer five rounds and read the report.
 */
import { expect, test } from '@playwright/test';
import { answer, collectErrors, solutionAnswers, startFromHome } from './gauntlet.ts';
import { expectScreen, interrupt, run, screenText } from './terminal.ts';

// The reference solution's answers: one source for the CLI replay and this test.
const ANSWERS = solutionAnswers('imagepull');
const STUCK_API = "$(kubectl get pods -n ledger | grep ledger-api | grep -v Running | head -1 | awk '{print $1}')";

test('play imagepull from the home page to the report', async ({ page }) => {
  test.setTimeout(240_000); // round 3 now waits out a stalled rollout, a failed pull and a second rollout
  const errors = collectErrors(page);
  expect(ANSWERS).toHaveLength(5);

  await startFromHome(page, 'imagepull');
  await expectScreen(page, 'learner@laptop:~$');
  await expect(page.getByRole('heading', { name: 'The Opening' })).toBeVisible();

  // Round 1: old pods serve, two different registry answers.
  await run(page, 'kubectl get pods -n ledger');
  await expectScreen(page, /ledger-api-\w+-\w{5}\s+0\/1\s+(ErrImagePull|ImagePullBackOff)/);
  await run(page, `kubectl describe pod -n ledger ${STUCK_API} | grep 'Failed to pull'`);
  await expectScreen(page, 'failed to fetch oauth token');
  await expectScreen(page, '401 Unauthorized');
  await run(page, "kubectl get events -n ledger --sort-by=.lastTimestamp | grep 'ledger-export:5.2.0: not found' | tail -1");
  await expectScreen(page, 'harbor.fin.internal/ledger/ledger-export:5.2.0: not found');
  const scores = [await answer(page, 1, ANSWERS[0])];
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 2: on the node an anonymous pull is refused; the pods send a stale robot token.
  await run(page, 'ssh ip-10-40-2-90');
  await expectScreen(page, 'root@ip-10-40-2-90:~#');
  await run(page, 'crictl pull harbor.fin.internal/ledger/ledger-api:5.2.0');
  await expectScreen(page, 'FATA[0001] pulling image: rpc error: code = Unknown desc = failed to pull and unpack image');
  await expectScreen(page, 'insufficient_scope: authorization failed');
  await run(page, 'exit');
  await expectScreen(page, 'Connection to ip-10-40-2-90 closed.');
  await run(page, "kubectl get secret harbor-ledger -n ledger -o jsonpath='{.data.\\.dockerconfigjson}' | base64 -d");
  await expectScreen(page, '"username":"robot$ledger+puller","password":"Jq8rT2mW5nB1xC7eL0sV9dK4"');
  scores.push(await answer(page, 2, ANSWERS[1]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 3: the rotated token on the ServiceAccount; the first new pod lands on the arm64 node and
  // finds no image for its platform; pinning the Deployment to amd64 completes the rollout.
  await run(page, "kubectl create secret docker-registry harbor-ledger-2026 -n ledger --docker-server=harbor.fin.internal --docker-username='robot$ledger+puller' --docker-password=Vt6sK1xN8qL3wE5rJ2mH7cY4");
  await expectScreen(page, 'secret/harbor-ledger-2026 created');
  await run(page, `kubectl patch serviceaccount ledger-api -n ledger -p '{"imagePullSecrets":[{"name":"harbor-ledger-2026"}]}'`);
  await expectScreen(page, 'serviceaccount/ledger-api patched');
  await run(page, 'kubectl rollout restart deployment/ledger-api -n ledger');
  await expectScreen(page, 'deployment.apps/ledger-api restarted');
  await run(page, 'kubectl rollout undo deployment/ledger-export -n ledger');
  await expectScreen(page, 'deployment.apps/ledger-export rolled back');
  await run(page, 'kubectl rollout status deployment/ledger-api -n ledger');
  await expectScreen(page, 'Waiting for deployment "ledger-api" rollout to finish: 1 out of 3 new replicas have been updated...');
  await interrupt(page);
  // Give the new pod's first pull time to fail.
  await run(page, 'sleep 5');
  await run(page, "kubectl get pods -n ledger -o wide | grep -v Running | awk '{print $1, $3, $7}'");
  await expectScreen(page, /ledger-api-\w+-\w{5} (ErrImagePull|ImagePullBackOff) ip-10-40-2-90/);
  await run(page, `kubectl describe pod -n ledger ${STUCK_API} | grep -o 'ledger-api:5.2.0": no match for platform in manifest: not found' | head -1`);
  await expectScreen(page, 'ledger-api:5.2.0": no match for platform in manifest: not found');
  await run(page, 'kubectl get nodes -L kubernetes.io/arch');
  await expectScreen(page, /ip-10-40-2-90\s+Ready\s+<none>\s+23d\s+v1\.31\.4\s+arm64/);
  await run(page, `kubectl patch deployment ledger-api -n ledger -p '{"spec":{"template":{"spec":{"nodeSelector":{"kubernetes.io/arch":"amd64"}}}}}'`);
  await expectScreen(page, 'deployment.apps/ledger-api patched');
  await run(page, 'kubectl rollout status deployment/ledger-api -n ledger');
  await expectScreen(page, 'deployment "ledger-api" successfully rolled out');
  await run(page, "kubectl get pods -n ledger -o wide | grep ledger-api | awk '{print $1, $3, $7}'");
  await expect.poll(async () => ((await screenText(page)).match(/ledger-api-\w+-\w{5} Running ip-10-40-(1-12|1-57|2-33)\b/g) ?? []).length).toBe(3);
  scores.push(await answer(page, 3, ANSWERS[2]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 4: OOM restarts under imagePullPolicy Always meet Docker Hub's quota; the mirror brings it back.
  await run(page, "kubectl describe pod -n markets $(kubectl get pods -n markets | grep fx-rates | head -1 | awk '{print $1}') | grep -E 'OOMKilled|429'");
  await expectScreen(page, '429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.');
  await expectScreen(page, /Reason:\s+OOMKilled/);
  await run(page, 'kubectl set image deployment/fx-rates fx-rates=harbor.fin.internal/dockerhub/finlabs/fx-rates:3.1.0 -n markets');
  await expectScreen(page, 'deployment.apps/fx-rates image updated');
  await run(page, `kubectl patch deployment fx-rates -n markets -p '{"spec":{"template":{"spec":{"containers":[{"name":"fx-rates","imagePullPolicy":"IfNotPresent"}]}}}}'`);
  await expectScreen(page, 'deployment.apps/fx-rates patched');
  await run(page, 'kubectl rollout status deployment/fx-rates -n markets');
  await expectScreen(page, 'deployment "fx-rates" successfully rolled out');
  scores.push(await answer(page, 4, ANSWERS[3]));
  await page.getByRole('button', { name: 'Next round' }).click();
  scores.push(await answer(page, 5, ANSWERS[4]));
  await page.getByRole('button', { name: 'See report' }).click();

  // The report.
  await expect(page).toHaveURL(/\?scenario=imagepull&view=report$/);
  await expect(page.getByRole('heading', { name: /^Report:/ })).toBeVisible();
  for (const s of scores) expect(s).toBeGreaterThanOrEqual(70);
  const rows = page.getByRole('region', { name: 'Rounds' }).getByRole('row');
  await expect(rows).toHaveCount(6);
  await expect(page.getByRole('region', { name: 'The senior path and yours' })).toContainText('kubectl create secret docker-registry harbor-ledger-2026');
  expect(errors).toEqual([]);
});
