import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';

/** The hpa-unknown cluster with metrics-server healthy again (its flag back), so only the discovery check can fail. */
function healthy(): Session {
  const r = parseScenario('scenarios/hpa-unknown.yaml', readFileSync('scenarios/hpa-unknown.yaml', 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const s = Session.start(r.scenario);
  s.run('kubectl rollout undo deployment/metrics-server -n kube-system');
  s.run('sleep 60');
  return s;
}

const DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-ingress, namespace: kube-system }
spec: { podSelector: { matchLabels: { app: metrics-server } }, policyTypes: [Ingress] }
`;

describe('APIService availability (kube-aggregator AvailableConditionController)', () => {
  it('a Ready metrics-server the API server cannot reach fails the discovery check; kubectl top says the API is not available; lifting the policy heals it', () => {
    const s = healthy();
    expect(s.run('kubectl get apiservice v1beta1.metrics.k8s.io').output).toBe(
      'NAME                     SERVICE                      AVAILABLE   AGE\n' +
      'v1beta1.metrics.k8s.io   kube-system/metrics-server   True        41d\n');
    s.run(`cat > deny.yaml <<'EOF'\n${DENY}EOF`);
    expect(s.run('kubectl apply -f deny.yaml').output).toBe('networkpolicy.networking.k8s.io/deny-ingress created\n');
    s.run('sleep 10');
    expect(s.run('kubectl get apiservice v1beta1.metrics.k8s.io').output).toBe(
      'NAME                     SERVICE                      AVAILABLE                      AGE\n' +
      'v1beta1.metrics.k8s.io   kube-system/metrics-server   False (FailedDiscoveryCheck)   41d\n');
    expect(s.run('kubectl describe apiservice v1beta1.metrics.k8s.io | grep -E "Message|Reason|Status:"').output).toBe(
      'Status:\n' +
      '    Message:               failing or missing response from https://10.96.61.200:443/apis/metrics.k8s.io/v1beta1: Get "https://10.96.61.200:443/apis/metrics.k8s.io/v1beta1": context deadline exceeded\n' +
      '    Reason:                FailedDiscoveryCheck\n' +
      '    Status:                False\n');
    expect(s.run('kubectl top pods -n edge').output).toBe('error: Metrics API not available\n');
    s.run('kubectl delete networkpolicy deny-ingress -n kube-system');
    s.run('sleep 10');
    expect(s.run('kubectl get apiservice v1beta1.metrics.k8s.io --no-headers').output).toBe('v1beta1.metrics.k8s.io   kube-system/metrics-server   True   41d\n');
    expect(s.run('kubectl top pods -n edge --no-headers | wc -l').output).toBe('2\n');
  });
});
