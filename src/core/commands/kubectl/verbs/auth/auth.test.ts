/**
 * `kubectl auth can-i`: the learner's admin answers yes, other users as RBAC's bindings allow
 * (a RoleBinding's rules in its namespace, a ClusterRoleBinding's everywhere), with kubectl
 * 1.33's words for usage errors and unknown types (taken against the fake API server).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenario/parse.ts';
import { Session } from '../../../../session/session.ts';
import { stateFromObjects } from '../../../../testing/fromObjects.ts';
import { authenticatedUser, authorize } from '../../../../sim/authz.ts';

const rbacAllows = (state: Parameters<typeof authorize>[0], user: string, a: Parameters<typeof authorize>[2]) => authorize(state, authenticatedUser(user), a).allowed;

const root = join(import.meta.dirname, '..', '..', '..', '..', '..', '..');
function session() {
  const r = parseScenario('scenarios/terminating.yaml', readFileSync(join(root, 'scenarios', 'terminating.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

describe('kubectl auth can-i', () => {
  it('answers yes for the admin, no (exit 1) for a user nothing binds, nothing with -q', () => {
    const s = session();
    expect(s.run('kubectl auth can-i delete pods -n dispatch').output).toBe('yes\n');
    expect(s.run('kubectl auth can-i get pods --as=jane').output).toBe('no\n');
    expect(s.run('echo $?').output).toBe('1\n');
    expect(s.run('kubectl auth can-i get pods --as=jane -q; echo $?').output).toBe('1\n');
  });

  it("warns of an unknown type first, and answers argument errors in kubectl's words", () => {
    const s = session();
    expect(s.run('kubectl auth can-i get foo').output).toBe("Warning: the server doesn't have a resource type 'foo'\n\nyes\n");
    expect(s.run('kubectl auth can-i get').output).toBe("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n");
  });
});

describe('authorize (RBAC)', () => {
  const meta = (kind: string, name: string, namespace?: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name, ...(namespace ? { namespace } : {}), uid: name, creationTimestamp: '2026-01-01T00:00:00Z' } });
  const state = stateFromObjects([
    { ...meta('Role', 'pod-reader', 'shop'), rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] }] },
    { ...meta('RoleBinding', 'jane-reads', 'shop'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'User', name: 'jane' }] },
    { ...meta('ClusterRole', 'node-viewer'), rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'], resourceNames: ['worker-1'] }] },
    { ...meta('ClusterRoleBinding', 'ci-nodes'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-viewer' }, subjects: [{ kind: 'ServiceAccount', name: 'ci', namespace: 'build' }] },
  ], Date.parse('2026-01-01T00:00:00Z'));
  const pods = (verb: string, namespace: string, subresource = '') => ({ verb, group: '', resource: 'pods', subresource, namespace });

  it("grants a Role's rules in its namespace only, subresources by name", () => {
    expect(rbacAllows(state, 'jane', pods('list', 'shop'))).toBe(true);
    expect(rbacAllows(state, 'jane', pods('get', 'shop', 'log'))).toBe(true);
    expect(rbacAllows(state, 'jane', pods('delete', 'shop'))).toBe(false);
    expect(rbacAllows(state, 'jane', pods('list', 'payments'))).toBe(false);
    expect(rbacAllows(state, 'bob', pods('list', 'shop'))).toBe(false);
  });

  it("grants a ClusterRoleBinding's service account the named objects only", () => {
    const node = (name: string) => ({ verb: 'get', group: '', resource: 'nodes', subresource: '', name });
    expect(rbacAllows(state, 'system:serviceaccount:build:ci', node('worker-1'))).toBe(true);
    expect(rbacAllows(state, 'system:serviceaccount:build:ci', node('worker-2'))).toBe(false);
    expect(rbacAllows(state, 'system:serviceaccount:other:ci', node('worker-1'))).toBe(false);
  });
});
