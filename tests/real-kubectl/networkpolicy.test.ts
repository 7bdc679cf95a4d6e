import { describe, expect, it } from 'vitest';
import { withPolicies } from '../netpolicies.ts';
import { rfc3339 } from '../../src/core/time.ts';
import { runRealKubectl, whyNoRealKubectl } from './compare.ts';

const noKubectl = whyNoRealKubectl();

/**
 * kube-fake-api shifts timestamps so kubectl's ages come out right, and kubectl.sh shifts RFC 1123Z
 * and RFC 3339 dates back; `Created on:` is Go's time.String() format, which it does not shift.
 * That one line is held to its format here, and ours to the object's own timestamp in the unit test.
 */
const maskCreated = (text: string) => text.replace(/^Created on:   \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC$/m, 'Created on:   <time>');

describe.skipIf(!!noKubectl)(`NetworkPolicies described by the real kubectl 1.33 (${noKubectl ?? 'kubectl 1.33 present'})`, () => {
  const session = withPolicies([
    {
      name: 'mixed', namespace: 'data', labels: { b: 'c', team: 'platform' }, annotations: { owner: 'netops' },
      spec: {
        podSelector: { matchLabels: { app: 'redis-master' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['db', 'cache'] }] },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{}, { from: [{ namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: { matchLabels: { app: 'a' } } }, { ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ protocol: 'UDP' }, { port: 'redis' }] }],
        egress: [{ to: [{ podSelector: {} }], ports: [{ protocol: 'SCTP', port: 9 }] }, { to: [{ namespaceSelector: {} }] }],
      },
    },
    { name: 'deny-all', namespace: 'data', spec: { podSelector: { matchExpressions: [{ key: 'legacy', operator: 'DoesNotExist' }] }, policyTypes: ['Ingress', 'Egress'] } },
  ]);
  const now = rfc3339(session.now);
  const cases: [string, string][] = [['default-deny-egress', 'identity'], ['auth-db-ingress', 'identity'], ['mixed', 'data'], ['deny-all', 'data']];
  it.each(cases)('describe networkpolicy %s -n %s', (name, ns) => {
    const ours = session.run(`kubectl describe networkpolicy ${name} -n ${ns}`).output;
    const obj = JSON.parse(session.run(`kubectl get networkpolicy ${name} -n ${ns} -o json`).output) as unknown;
    const real = runRealKubectl([obj], ['describe', 'networkpolicy', name, '-n', ns], now, (out) => maskCreated(out) === maskCreated(ours));
    expect(real.stderr).toBe('');
    expect(maskCreated(ours)).toBe(maskCreated(real.stdout));
  });
});
