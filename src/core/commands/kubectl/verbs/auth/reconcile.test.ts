/**
 * `kubectl auth reconcile -f FILE` in a session: missing RBAC objects are created (and their
 * namespace), existing roles gain the file's missing rules and bindings its missing subjects, the
 * --remove-extra-* flags take away what the file lacks, a changed roleRef recreates the binding,
 * other kinds are skipped; stdout names each object, stderr says what reconciliation did
 * (kubectl 1.33 reconcile.go's lines).
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';

const FILE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: ci-new
rules:
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: deployer
  namespace: ci-new
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: deployer
subjects:
- kind: User
  name: jane
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: skipped
  namespace: ci-new
`;

function session() {
  const s = Session.start(load('crashloop.yaml'));
  const run = (line: string) => s.run(line, s.now + 1000).output;
  expect(run(`cat > rbac.yaml <<'EOF'\n${FILE}EOF`)).toBe('');
  return { s, run };
}

describe('kubectl auth reconcile', () => {
  it('creates what is missing (namespace too), then has nothing to do; a dry run changes nothing', () => {
    const { run } = session();
    const created = [
      '\treconciliation required create', '\tmissing rules added:', '\t\t{Verbs:[get patch] APIGroups:[apps] Resources:[deployments] ResourceNames:[] NonResourceURLs:[]}',
    ];
    const bound = ['\treconciliation required create', '\tmissing subjects added:', '\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:jane Namespace:}'];
    expect(run('kubectl auth reconcile -f rbac.yaml --dry-run=client')).toBe([
      'role.rbac.authorization.k8s.io/deployer reconciled (dry run)', ...created, 'rolebinding.rbac.authorization.k8s.io/deployer reconciled (dry run)', ...bound, ''].join('\n'));
    expect(run('kubectl get ns ci-new')).toBe('Error from server (NotFound): namespaces "ci-new" not found\n');
    expect(run('kubectl auth reconcile -f rbac.yaml 2>/dev/null')).toBe('role.rbac.authorization.k8s.io/deployer reconciled\nrolebinding.rbac.authorization.k8s.io/deployer reconciled\n');
    expect(run('kubectl auth can-i patch deployments --as=jane -n ci-new')).toBe('yes\n');
    expect(run('kubectl auth reconcile -f rbac.yaml -o name')).toBe('role.rbac.authorization.k8s.io/deployer\nrolebinding.rbac.authorization.k8s.io/deployer\n');
    expect(run('kubectl get cm skipped -n ci-new')).toBe('Error from server (NotFound): configmaps "skipped" not found\n');
  });

  it('adds missing rules and subjects; --remove-extra-* takes away the rest; another roleRef recreates', () => {
    const { run } = session();
    run('kubectl create ns ci-new');
    run('kubectl create role deployer -n ci-new --verb=get --resource=deployments.apps,secrets');
    run('kubectl create rolebinding deployer -n ci-new --role=deployer --user=bob');
    expect(run('kubectl auth reconcile -f rbac.yaml')).toBe([
      'role.rbac.authorization.k8s.io/deployer reconciled', '\treconciliation required update', '\tmissing rules added:',
      '\t\t{Verbs:[patch] APIGroups:[apps] Resources:[deployments] ResourceNames:[] NonResourceURLs:[]}',
      'rolebinding.rbac.authorization.k8s.io/deployer reconciled', '\treconciliation required update', '\tmissing subjects added:',
      '\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:jane Namespace:}', ''].join('\n'));
    expect(run('kubectl auth can-i get secrets --as=jane -n ci-new')).toBe('yes\n');
    expect(run('kubectl auth reconcile -f rbac.yaml --remove-extra-permissions --remove-extra-subjects')).toBe([
      'role.rbac.authorization.k8s.io/deployer reconciled', '\treconciliation required update', '\textra rules removed:',
      '\t\t{Verbs:[get] APIGroups:[] Resources:[secrets] ResourceNames:[] NonResourceURLs:[]}',
      'rolebinding.rbac.authorization.k8s.io/deployer reconciled', '\treconciliation required update', '\textra subjects removed:',
      '\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:bob Namespace:}', ''].join('\n'));
    expect(run('kubectl auth can-i get secrets --as=jane -n ci-new')).toBe('no\n');
    expect(run('kubectl get role deployer -n ci-new -o jsonpath={.rules}')).toBe('[{"apiGroups":["apps"],"resources":["deployments"],"verbs":["get","patch"]}]');
    run('kubectl delete rolebinding deployer -n ci-new');
    run('kubectl create rolebinding deployer -n ci-new --clusterrole=view --user=jane');
    expect(run('kubectl auth reconcile -f rbac.yaml')).toBe('role.rbac.authorization.k8s.io/deployer reconciled\nrolebinding.rbac.authorization.k8s.io/deployer reconciled\n\treconciliation required recreate\n');
    expect(run('kubectl get rolebinding deployer -n ci-new')).toBe('NAME       ROLE            AGE\ndeployer   Role/deployer   1s\n');
  });

  it("answers bad lines in kubectl's words", () => {
    const { run } = session();
    expect(run('kubectl auth reconcile')).toBe('error: must specify one of -f and -k\n');
    expect(run('kubectl auth reconcile -f rbac.yaml extra')).toBe('error: no arguments are allowed\n');
    expect(run('kubectl auth reconcile -f nope.yaml')).toBe('error: the path "nope.yaml" does not exist\n');
    expect(run('kubectl auth reconcile -f rbac.yaml --dry-run=server')).toBe('error: --dry-run=server for command reconcile is not supported yet\n');
    expect(run('kubectl auth reconcile -f rbac.yaml --dry-run=bogus')).toBe('error: error accessing --dry-run flag for command reconcile: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n');
  });

  it('Tab offers reconcile and its flags', () => {
    const { s } = session();
    const at = (line: string) => s.complete(line, line.length).candidates;
    expect(at('kubectl auth ')).toEqual(['can-i', 'reconcile', 'whoami']);
    expect(at('kubectl auth reconcile --remove')).toEqual(['--remove-extra-permissions', '--remove-extra-subjects']);
  });
});
