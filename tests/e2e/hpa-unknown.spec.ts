/**
 * The hpa-unknown gauntlet end to end in real Chromium: from the home page, read the HPA stuck at
 * <unknown>, follow the metrics pipeline to metrics-server crash-looping on x509 errors and roll it
 * back, restore the CPU request and watch the HPA read a target and scale, give scale-down its
 * window back, answer five rounds and read the report.
 */
import { expect, test } from '@playwright/test';
import { answer, collectErrors, expectReport, solutionAnswers, startFromHome } from './gauntlet.ts';
import { expectScreen, run } from './terminal.ts';

// The reference solution's answers: one source for the CLI replay and this test.
const ANSWERS = solutionAnswers('hpa-unknown');

test('play hpa-unknown from the home page to the report', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  expect(ANSWERS).toHaveLength(5);

  await startFromHome(page, 'hpa-unknown');
  await expectScreen(page, 'learner@laptop:~$');
  await expect(page.getByRole('heading', { name: 'The Opening' })).toBeVisible();

  // Round 1: no reading, not a ceiling; the controller cannot reach the metrics API.
  await run(page, 'kubectl get hpa -n edge');
  await expectScreen(page, /api-gateway\s+Deployment\/api-gateway\s+cpu: <unknown>\/60%\s+2\s+20\s+2/);
  await run(page, 'kubectl describe hpa api-gateway -n edge | grep ScalingActive');
  await expectScreen(page, /ScalingActive\s+False\s+FailedGetResourceMetric/);
  await run(page, 'kubectl top pods -n edge');
  await expectScreen(page, 'error: Metrics API not available');
  const scores = [await answer(page, 1, ANSWERS[0])];
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 2: the APIService has no endpoints; metrics-server crash-loops on the kubelets' certificates.
  await run(page, 'kubectl get apiservice v1beta1.metrics.k8s.io');
  await expectScreen(page, /v1beta1\.metrics\.k8s\.io\s+kube-system\/metrics-server\s+False \(MissingEndpoints\)/);
  await run(page, 'kubectl get pods -n kube-system -l app=metrics-server');
  await expectScreen(page, /metrics-server-\S+\s+0\/1\s+CrashLoopBackOff/);
  await run(page, 'kubectl logs -n kube-system deploy/metrics-server --tail=2');
  await expectScreen(page, "because it doesn't contain any IP SANs");
  await run(page, 'kubectl rollout undo deployment/metrics-server -n kube-system');
  await run(page, 'sleep 60');
  await run(page, 'kubectl get apiservice v1beta1.metrics.k8s.io --no-headers');
  await expectScreen(page, /kube-system\/metrics-server\s+True\s/);
  await run(page, 'kubectl top pods -n edge');
  await expectScreen(page, /api-gateway-\S+\s+\d+m\s+\d+Mi/);
  scores.push(await answer(page, 2, ANSWERS[1]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 3: the second cause shows; the request back, the HPA reads a target and scales out.
  await run(page, 'kubectl describe hpa api-gateway -n edge | grep -o "missing request for cpu"');
  await expectScreen(page, '"missing request for cpu"missing request for cpu');
  await run(page, 'kubectl set resources deployment api-gateway -n edge --requests=cpu=500m,memory=256Mi');
  await run(page, 'sleep 45');
  await run(page, 'kubectl get hpa -n edge --no-headers');
  await expectScreen(page, /api-gateway\s+Deployment\/api-gateway\s+cpu: \d+%\/60%\s+2\s+20\s+\d+\s/);
  // The replica count at this moment depends on how much real time the browser's clock added while typing
  // (the curveball's lulls move it down again): the controller's events say it scaled out on a CPU reading.
  await run(page, 'kubectl describe hpa api-gateway -n edge | grep "above target"');
  await expectScreen(page, /SuccessfulRescale\s+\S+\s+horizontal-pod-autoscaler\s+New size: \d+; reason: cpu resource utilization \(percentage of request\) above target/);
  scores.push(await answer(page, 3, ANSWERS[2]));
  await page.getByRole('button', { name: 'Next round' }).click();

  // Round 4: it follows every lull down; a scale-down window holds it.
  await run(page, 'kubectl get hpa api-gateway -n edge -o yaml | grep stabilizationWindowSeconds');
  await expectScreen(page, 'stabilizationWindowSeconds: 0');
  await run(page, `kubectl patch hpa api-gateway -n edge --type=merge -p '{"spec":{"behavior":{"scaleDown":{"stabilizationWindowSeconds":300}}}}'`);
  await expectScreen(page, 'horizontalpodautoscaler.autoscaling/api-gateway patched');
  scores.push(await answer(page, 4, ANSWERS[3]));
  await page.getByRole('button', { name: 'Next round' }).click();
  scores.push(await answer(page, 5, ANSWERS[4]));
  await expectReport(page, 'hpa-unknown', scores, 'kubectl rollout undo deployment/metrics-server -n kube-system');
  expect(errors).toEqual([]);
});
