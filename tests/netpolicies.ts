import { readFileSync } from 'node:fs';
import { parseScenario } from '../src/core/scenario/parse.ts';
import type { Scenario } from '../src/core/scenario/types.ts';
import { Session } from '../src/core/session/session.ts';

/**
 * The crashloop cluster plus two NetworkPolicies in `identity`: a default-deny egress that lets
 * pods reach kube-dns and one external CIDR, and an ingress policy on the database.
 */
export function withPolicies(extra: Scenario['cluster']['networkPolicies'] = []): Session {
  const parsed = parseScenario('scenarios/crashloop.yaml', readFileSync('scenarios/crashloop.yaml', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const s = parsed.scenario;
  s.cluster.networkPolicies = [
    {
      name: 'default-deny-egress', namespace: 'identity', age: '2h', labels: { team: 'platform' },
      spec: {
        podSelector: {}, policyTypes: ['Egress'],
        egress: [
          { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
          { to: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.7/32'] } }], ports: [{ protocol: 'TCP', port: 443 }] },
        ],
      },
    },
    {
      name: 'auth-db-ingress', namespace: 'identity', age: '61d',
      spec: { podSelector: { matchLabels: { app: 'auth-db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'auth-service' } } }], ports: [{ port: 5432 }] }] },
    },
    ...extra,
  ];
  return Session.start(s);
}

/**
 * Runs a line and returns its output and the virtual seconds it took. A line that waits a second
 * or more is held (the terminal shows it running) until the next input; a tick releases it.
 */
export function timed(s: Session, line: string): { output: string; seconds: number } {
  const t0 = s.now;
  let { output, following } = s.run(line);
  const seconds = (s.now - t0) / 1000;
  if (following) output = s.tick(s.now).output;
  return { output, seconds };
}
