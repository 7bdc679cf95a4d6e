import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';

function cluster(): Session {
  const r = parseScenario('scenarios/rbac-forbidden.yaml', readFileSync('scenarios/rbac-forbidden.yaml', 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

const LEASES = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: lease-reader
  labels: { rbac.authorization.k8s.io/aggregate-to-view: "true" }
rules:
- { apiGroups: [coordination.k8s.io], resources: [leases], verbs: [get, list, watch] }
`;

describe('built-in aggregated ClusterRoles (clusterrole-aggregation controller)', () => {
  it('view carries its aggregationRule and the rules of system:aggregate-to-view', () => {
    const s = cluster();
    expect(s.run('kubectl get clusterrole view -o yaml | sed -n 1,34p | grep -v -e resourceVersion -e uid:').output).toBe(
      'aggregationRule:\n' +
      '  clusterRoleSelectors:\n' +
      '  - matchLabels:\n' +
      '      rbac.authorization.k8s.io/aggregate-to-view: "true"\n' +
      'apiVersion: rbac.authorization.k8s.io/v1\n' +
      'kind: ClusterRole\n' +
      'metadata:\n' +
      '  annotations:\n' +
      '    rbac.authorization.kubernetes.io/autoupdate: "true"\n' +
      '  creationTimestamp: "2026-03-05T09:20:00Z"\n' +
      '  labels:\n' +
      '    kubernetes.io/bootstrapping: rbac-defaults\n' +
      '    rbac.authorization.k8s.io/aggregate-to-edit: "true"\n' +
      '  name: view\n' +
      'rules:\n' +
      '- apiGroups:\n' +
      '  - ""\n' +
      '  resources:\n' +
      '  - configmaps\n' +
      '  - endpoints\n' +
      '  - persistentvolumeclaims\n' +
      '  - persistentvolumeclaims/status\n' +
      '  - pods\n' +
      '  - replicationcontrollers\n' +
      '  - replicationcontrollers/scale\n' +
      '  - serviceaccounts\n' +
      '  - services\n' +
      '  - services/status\n' +
      '  verbs:\n' +
      '  - get\n' +
      '  - list\n' +
      '  - watch\n');
    expect(s.run('kubectl get clusterrole admin -o jsonpath="{.aggregationRule}"').output).toBe('{"clusterRoleSelectors":[{"matchLabels":{"rbac.authorization.k8s.io/aggregate-to-admin":"true"}}]}');
    // admin = edit (itself system:aggregate-to-edit + view) + system:aggregate-to-admin; describe merges a resource's verbs in that order.
    expect(s.run('kubectl describe clusterrole admin | grep -E "^  (rolebindings.rbac.authorization.k8s.io|deployments.apps|pods/exec) "').output).toBe(
      '  rolebindings.rbac.authorization.k8s.io          []                 []              [create delete deletecollection get list patch update watch]\n' +
      '  deployments.apps                                []                 []              [create delete deletecollection patch update get list watch]\n' +
      '  pods/exec                                       []                 []              [get list watch create delete deletecollection patch update]\n');
  });

  it('a ClusterRole labelled aggregate-to-view extends view, edit and admin, and authorization follows', () => {
    const s = cluster();
    s.run('kubectl create rolebinding jane-view --clusterrole=view --user=jane -n staging');
    expect(s.run('kubectl auth can-i list deployments -n staging --as jane').output).toBe('yes\n');
    expect(s.run('kubectl auth can-i patch deployments -n staging --as jane').output).toBe('no\n');
    expect(s.run('kubectl auth can-i list leases.coordination.k8s.io -n staging --as jane').output).toBe('no\n');
    s.run(`cat > leases.yaml <<'EOF'\n${LEASES}EOF`);
    expect(s.run('kubectl apply -f leases.yaml').output).toBe('clusterrole.rbac.authorization.k8s.io/lease-reader created\n');
    expect(s.run('kubectl auth can-i list leases.coordination.k8s.io -n staging --as jane').output).toBe('yes\n');
    expect(s.run('for r in view edit admin; do kubectl describe clusterrole $r | grep "^  leases"; done').output).toBe(
      '  leases.coordination.k8s.io                   []                 []              [get list watch]\n'.repeat(2) +
      '  leases.coordination.k8s.io                      []                 []              [get list watch]\n');
    s.run('kubectl delete clusterrole lease-reader');
    expect(s.run('kubectl auth can-i list leases.coordination.k8s.io -n staging --as jane').output).toBe('no\n');
  });
});
