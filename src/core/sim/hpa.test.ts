import { describe, expect, it } from 'vitest';
import type { Session } from '../session/session.ts';
import { autoscaledSession as cluster } from '../testing/autoscaled.ts';

const rescales = (s: Session) => s.run("kubectl get events --field-selector reason=SuccessfulRescale --sort-by=.firstTimestamp -o jsonpath='{range .items[*]}{.message}{\"\\n\"}{end}'").output;

describe('the HorizontalPodAutoscaler controller', () => {
  it('scales out under load, at most double (or four) per sync, until usage is within 10 % of the target', () => {
    const s = cluster('{ cpu: 200m, memory: 256Mi }');
    expect(s.run('kubectl get hpa').output).toBe(
      'NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n' +
      'api    Deployment/api   cpu: <unknown>/60%   2         10        2          0s\n');
    s.run('sleep 600');
    // 1000m over 9 pods is 111m each, 55 % of 200m: within the tolerance of 60 %, so it stays.
    expect(s.run('kubectl get hpa').output).toBe(
      'NAME   REFERENCE        TARGETS        MINPODS   MAXPODS   REPLICAS   AGE\n' +
      'api    Deployment/api   cpu: 53%/60%   2         10        9          10m\n');
    expect(rescales(s)).toBe(
      'New size: 4; reason: cpu resource utilization (percentage of request) above target\n' +
      'New size: 8; reason: cpu resource utilization (percentage of request) above target\n' +
      // At 8 pods usage is within the tolerance (no reason), but a recommendation of 9 from the last
      // five minutes still stands: the stabilised count wins, as kube-controller-manager does it.
      'New size: 9; reason: \n');
    expect(s.run('kubectl get deploy api --no-headers').output).toMatch(/^api +9\/9 +9 +9 +10m\n$/);
    expect(s.run('kubectl describe hpa api | sed -n "/^Metrics/,/^Events/p"').output).toBe(
      'Metrics:                                               ( current / target )\n' +
      '  resource cpu on pods  (as a percentage of request):  53% (107m) / 60%\n' +
      'Min replicas:                                          2\n' +
      'Max replicas:                                          10\n' +
      'Deployment pods:                                       9 current / 9 desired\n' +
      'Conditions:\n' +
      '  Type            Status  Reason               Message\n' +
      '  ----            ------  ------               -------\n' +
      '  AbleToScale     True    ScaleDownStabilized  recent recommendations were higher than current one, applying the highest recent recommendation\n' +
      '  ScalingActive   True    ValidMetricFound     the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)\n' +
      '  ScalingLimited  False   DesiredWithinRange   the desired count is within the acceptable range\n' +
      'Events:\n');
  });

  it('cannot compute a percentage when a container has no CPU request: <unknown>, FailedGetResourceMetric, no scaling until the request is back', () => {
    const s = cluster('{ memory: 256Mi }');
    s.run('sleep 120');
    expect(s.run('kubectl get hpa --no-headers').output).toBe('api   Deployment/api   cpu: <unknown>/60%   2     10    2     2m\n');
    const pod = s.run("kubectl get pods -o jsonpath='{.items[0].metadata.name}'").output;
    expect(s.run("kubectl get hpa api -o jsonpath='{.status.conditions[1].message}'").output)
      .toBe(`the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container api of Pod ${pod}`);
    expect(s.run('kubectl describe hpa api | grep FailedComputeMetricsReplicas').output)
      .toBe(`  Warning  FailedComputeMetricsReplicas  0s (x9 over 2m)  horizontal-pod-autoscaler  invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: missing request for cpu in container api of Pod ${pod}\n`);
    expect(s.run('kubectl top pods --no-headers | wc -l').output).toBe('2\n');
    s.run('kubectl set resources deployment api --requests=cpu=200m');
    s.run('sleep 300');
    expect(s.run('kubectl get hpa --no-headers').output).toMatch(/^api +Deployment\/api +cpu: 5\d%\/60% +2 +10 +9 +7m\n$/);
  });

  it('with behavior: the scale-down window holds the highest recent recommendation, then rate policies pace the way down', () => {
    const s = cluster('{ cpu: 200m, memory: 256Mi }', ', behavior: { scaleDown: { stabilizationWindowSeconds: 60, policies: [{ type: Pods, value: 1, periodSeconds: 30 }] } }');
    s.run('sleep 300');
    expect(s.run('kubectl get hpa --no-headers').output).toBe('api   Deployment/api   cpu: 56%/60%   2     10    9     5m\n');
    expect(s.run('kubectl describe hpa api | sed -n "/^Behavior/,/^Deployment pods/p"').output).toBe(
      'Behavior:\n' +
      '  Scale Up:\n' +
      '    Stabilization Window: 0 seconds\n' +
      '    Select Policy: Max\n' +
      '    Policies:\n' +
      '      - Type: Pods     Value: 4    Period: 15 seconds\n' +
      '      - Type: Percent  Value: 100  Period: 15 seconds\n' +
      '  Scale Down:\n' +
      '    Stabilization Window: 60 seconds\n' +
      '    Select Policy: Max\n' +
      '    Policies:\n' +
      '      - Type: Pods  Value: 1  Period: 30 seconds\n' +
      'Deployment pods:    9 current / 9 desired\n');
  });

  it('without a Ready metrics-server pod: kubectl top fails and the HPA cannot read the metrics API', () => {
    const s = cluster('{ cpu: 200m, memory: 256Mi }', '', '\n    - { name: metrics-server, namespace: kube-system, replicas: 0, image: "registry.test/api:1" }');
    s.run('sleep 60');
    expect(s.run('kubectl top pods').output).toBe('error: Metrics API not available\n');
    expect(s.run("kubectl get hpa api -o jsonpath='{.status.conditions[1].message}'").output)
      .toBe('the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)');
    expect(s.run('kubectl get hpa --no-headers').output).toBe('api   Deployment/api   cpu: <unknown>/60%   2     10    2     60s\n');
  });
});
