import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenario/parse.ts';
import { Session } from '../../../../session/session.ts';
import { timed } from '../../../../../../tests/netpolicies.ts';

/** The networkpolicy gauntlet's cluster: checkout's egress baseline drops order-service → postgres. */
function start(): Session {
  const parsed = parseScenario('scenarios/networkpolicy.yaml', readFileSync('scenarios/networkpolicy.yaml', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return Session.start(parsed.scenario);
}

const allow = (peer: object) => JSON.stringify({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
  metadata: { name: 'order-service-to-postgres', namespace: 'checkout' },
  spec: { podSelector: { matchLabels: { app: 'order-service' } }, policyTypes: ['Egress'], egress: [{ to: [peer], ports: [{ protocol: 'TCP', port: 5432 }] }] },
});
const SAME_PEER = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } }, podSelector: { matchLabels: { app: 'postgres' } } };
const NC = 'kubectl exec -n checkout deploy/order-service -- nc -zv -w 3 postgres.data.svc.cluster.local 5432';

describe('kubectl apply -f and create -f', () => {
  it('an allow policy applied from stdin makes the same nc succeed; applying it again is unchanged', () => {
    const s = start();
    expect(timed(s, NC)).toEqual({ output: 'nc: postgres.data.svc.cluster.local (10.100.41.12:5432): Connection timed out\ncommand terminated with exit code 1\n', seconds: 3 });
    expect(s.run(`echo '${allow(SAME_PEER)}' | kubectl apply -f -`).output).toBe('networkpolicy.networking.k8s.io/order-service-to-postgres created\n');
    expect(timed(s, NC).output).toBe('postgres.data.svc.cluster.local (10.100.41.12:5432) open\n');
    expect(s.run(`echo '${allow(SAME_PEER)}' | kubectl apply -f -`).output).toBe('networkpolicy.networking.k8s.io/order-service-to-postgres unchanged\n');
    expect(s.run('kubectl get netpol order-service-to-postgres -n checkout -o jsonpath={.metadata.annotations}').output).toContain('kubectl.kubernetes.io/last-applied-configuration');
    expect(s.run(`echo '${allow(SAME_PEER)}' | kubectl create -f -`).output).toBe('Error from server (AlreadyExists): error when creating "-": networkpolicies.networking.k8s.io "order-service-to-postgres" already exists\n');
  });

  it('a podSelector alone means the policy\'s own namespace: the cross-namespace rule still drops', () => {
    const s = start();
    expect(s.run(`echo '${allow({ podSelector: { matchLabels: { app: 'postgres' } } })}' | kubectl create -f -`).output).toBe('networkpolicy.networking.k8s.io/order-service-to-postgres created\n');
    expect(timed(s, NC)).toEqual({ output: 'nc: postgres.data.svc.cluster.local (10.100.41.12:5432): Connection timed out\ncommand terminated with exit code 1\n', seconds: 3 });
  });

  it('applying an existing object created without apply warns, then configures it', () => {
    const s = start();
    const baseline = s.run('kubectl get netpol baseline-egress -n checkout -o json').output;
    const edited = JSON.parse(baseline) as { spec: { egress: unknown[] } };
    edited.spec.egress.push({ to: [SAME_PEER], ports: [{ protocol: 'TCP', port: 5432 }] });
    expect(s.run(`echo '${JSON.stringify(edited)}' | kubectl apply -f -`).output).toBe(
      'Warning: resource networkpolicies/baseline-egress is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\nnetworkpolicy.networking.k8s.io/baseline-egress configured\n');
    expect(timed(s, NC).output).toBe('postgres.data.svc.cluster.local (10.100.41.12:5432) open\n');
    expect(s.run('kubectl get netpol baseline-egress -n checkout -o jsonpath={.metadata.generation}').output).toBe('2');
  });

  it('refuses what the API server or kubectl would: unknown fields, unknown kinds, a contradicting namespace, a missing file', () => {
    const s = start();
    const typo = allow(SAME_PEER).replace('"egress":[{"to"', '"egress":[{"too"');
    expect(s.run(`echo '${typo}' | kubectl apply -f -`)).toMatchObject({ output: 'Error from server (BadRequest): error when creating "-": NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec.egress[0].too"\n' });
    expect(s.run(`echo '${allow(SAME_PEER).replace('"NetworkPolicy"', '"NetPolicy"')}' | kubectl apply -f -`).output).toBe(
      'error: resource mapping not found for name: "order-service-to-postgres" namespace: "checkout" from "-": no matches for kind "NetPolicy" in version "networking.k8s.io/v1"\nensure CRDs are installed first\n');
    expect(s.run(`echo '${allow(SAME_PEER)}' | kubectl apply -n data -f -`).output).toBe(
      "error: the namespace from the provided object \"checkout\" does not match the namespace \"data\". You must pass '--namespace=checkout' to perform this operation.\n");
    expect(s.run('kubectl apply -f np.yaml').output).toBe('error: the path "np.yaml" does not exist\n');
    expect(s.run('kubectl apply').output).toBe("error: must specify one of -f and -k\n\nSee 'kubectl apply -h' for help and examples\n");
  });
});
