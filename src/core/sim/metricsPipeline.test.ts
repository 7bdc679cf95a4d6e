import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';

/** The hpa-unknown gauntlet's cluster: metrics-server upgraded without --kubelet-insecure-tls, api-gateway without a CPU request. */
function cluster(): Session {
  const r = parseScenario('scenarios/hpa-unknown.yaml', readFileSync('scenarios/hpa-unknown.yaml', 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

describe('the resource metrics pipeline', () => {
  it('metrics-server that cannot verify the kubelets crash-loops: its APIService has no endpoints, kubectl top and the HPA fail; the flag back heals all three', () => {
    const s = cluster();
    expect(s.run('kubectl get apiservice | grep -v Local').output).toBe(
      'NAME                                   SERVICE                      AVAILABLE                  AGE\n' +
      'v1beta1.metrics.k8s.io                 kube-system/metrics-server   False (MissingEndpoints)   41d\n');
    expect(s.run('kubectl describe apiservice v1beta1.metrics.k8s.io | sed -n "/^Spec/,\\$p"').output).toBe(
      'Spec:\n' +
      '  Group:                     metrics.k8s.io\n' +
      '  Group Priority Minimum:    100\n' +
      '  Insecure Skip TLS Verify:  true\n' +
      '  Service:\n' +
      '    Name:            metrics-server\n' +
      '    Namespace:       kube-system\n' +
      '    Port:            443\n' +
      '  Version:           v1beta1\n' +
      '  Version Priority:  100\n' +
      'Status:\n' +
      '  Conditions:\n' +
      '    Last Transition Time:  2026-08-20T12:42:00Z\n' +
      '    Message:               endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"\n' +
      '    Reason:                MissingEndpoints\n' +
      '    Status:                False\n' +
      '    Type:                  Available\n' +
      'Events:                    <none>\n');
    expect(s.run('kubectl get pods -n kube-system -l app=metrics-server --no-headers').output).toMatch(/^metrics-server-\S+ +0\/1 +CrashLoopBackOff +\d+ \(\S+ ago\) +(3h|177m|2h57m)\n$/);
    expect(s.run('kubectl logs -n kube-system deploy/metrics-server | grep -c "x509: cannot validate certificate for 10.61.2.19 because it doesn\'t contain any IP SANs"').output).toMatch(/^[1-9]\n$/);
    expect(s.run('kubectl describe pod -n kube-system -l app=metrics-server | grep -c "Liveness probe failed: HTTP probe failed with statuscode: 500"').output).toBe('1\n');
    expect(s.run('kubectl top pods -n edge').output).toBe('error: Metrics API not available\n');
    expect(s.run("kubectl get hpa api-gateway -n edge -o jsonpath='{.status.conditions[1].reason}'").output).toBe('FailedGetResourceMetric');

    s.run('kubectl rollout undo deployment/metrics-server -n kube-system');
    s.run('sleep 60');
    expect(s.run('kubectl get apiservice v1beta1.metrics.k8s.io --no-headers').output).toBe('v1beta1.metrics.k8s.io   kube-system/metrics-server   True   41d\n');
    expect(s.run('kubectl top pods -n edge --no-headers | wc -l').output).toBe('2\n');
    // The first error hid the second: now the HPA names the missing CPU request.
    expect(s.run("kubectl get hpa api-gateway -n edge -o jsonpath='{.status.conditions[1].message}'").output)
      .toMatch(/^the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container api-gateway of Pod api-gateway-\S+$/);
  });

  it('with the request back the HPA reads a target and scales; get -w prints a line per change only', () => {
    const s = cluster();
    s.run('kubectl rollout undo deployment/metrics-server -n kube-system');
    s.run('sleep 60');
    s.run('kubectl set resources deployment api-gateway -n edge --requests=cpu=500m');
    const listing = s.run('kubectl get hpa -n edge -w');
    expect(listing).toEqual({ following: true, output:
      'NAME          REFERENCE                TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n' +
      'api-gateway   Deployment/api-gateway   cpu: <unknown>/60%   2         20        2          121m\n' });
    const lines = s.tick(s.now + 60_000).output.trimEnd().split('\n');
    s.interrupt();
    // One line per status change (a sync every 15 s), never a repeat of an unchanged status.
    for (const l of lines) expect(l).toMatch(/^api-gateway +Deployment\/api-gateway +cpu: \d+%\/60% +2 +20 +\d+ +12[12]m$/);
    expect(lines.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < lines.length; i++) expect(lines[i]).not.toBe(lines[i - 1]);
    expect(lines[0]).toMatch(/cpu: [23]\d\d%\/60% +2 +20 +2 /);
    // Scaled out to 12 within a minute; the load test's lull has already taken it back down (no scale-down window).
    expect(s.run("kubectl get events -n edge --field-selector reason=SuccessfulRescale -o jsonpath='{range .items[*]}{.message}{\"\\n\"}{end}' | sort").output).toBe(
      'New size: 12; reason: cpu resource utilization (percentage of request) above target\n' +
      'New size: 4; reason: All metrics below target\n' +
      'New size: 6; reason: cpu resource utilization (percentage of request) above target\n');
  });
});
