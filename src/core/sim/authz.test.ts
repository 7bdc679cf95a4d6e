import { describe, expect, it } from 'vitest';
import { Session } from '../session/session.ts';
import { manifestSession } from '../testing/tinyScenario.ts';

const RBAC = 'rbac.authorization.k8s.io';

/**
 * Namespaces ci and production; Deployment `web` in production; ServiceAccount ci/deployer and a
 * ClusterRole `deployer`, bound by the given bindings (YAML flow items for `manifests`).
 */
function cluster(bindings: string[]): Session {
  return manifestSession([
    '{ apiVersion: v1, kind: ServiceAccount, metadata: { name: deployer, namespace: ci } }',
    `{ apiVersion: ${RBAC}/v1, kind: ClusterRole, metadata: { name: deployer }, rules: [{ apiGroups: [apps], resources: [deployments, deployments/scale], verbs: [get, list, watch, create, patch, update] }, { apiGroups: [""], resources: [pods, pods/log], verbs: [get, list] }] }`,
    `{ apiVersion: ${RBAC}/v1, kind: Role, metadata: { name: jane-reads, namespace: production }, rules: [{ apiGroups: [""], resources: [pods], verbs: [get, list] }] }`,
    `{ apiVersion: ${RBAC}/v1, kind: RoleBinding, metadata: { name: jane-reads, namespace: production }, roleRef: { apiGroup: ${RBAC}, kind: Role, name: jane-reads }, subjects: [{ apiGroup: ${RBAC}, kind: User, name: jane }, { apiGroup: ${RBAC}, kind: Group, name: oncall }] }`,
    ...bindings,
  ], { namespace: 'production', namespaces: ['ci', 'production'] });
}

const SA = 'system:serviceaccount:ci:deployer';
const AS = `--as=${SA}`;
const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', namespace?: string) =>
  `{ apiVersion: ${RBAC}/v1, kind: ${kind}, metadata: { name: deployer${namespace ? `, namespace: ${namespace}` : ''} }, roleRef: { apiGroup: ${RBAC}, kind: ClusterRole, name: deployer }, subjects: [{ kind: ServiceAccount, name: deployer, namespace: ci }] }`;

describe('RBAC on every kubectl call', () => {
  it('authorizes each object of a -f file: apply reads it first, create posts it, replace puts it', () => {
    const s = cluster([binding('RoleBinding', 'ci')]);
    const cm = (ns: string) => `printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: pipeline\\n  namespace: ${ns}\\ndata:\\n  a: "1"\\n' > /tmp/cm-${ns}.yaml`;
    s.run(cm('production'));
    s.run(`printf 'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: web\\n  namespace: production\\nspec:\\n  replicas: 2\\n  selector:\\n    matchLabels:\\n      app: web\\n  template:\\n    metadata:\\n      labels:\\n        app: web\\n    spec:\\n      containers:\\n      - name: web\\n        image: registry.test/web:1\\n' > /tmp/web.yaml`);
    expect(s.run(`kubectl apply -f /tmp/web.yaml ${AS}; echo $?`).output).toBe(
      'Error from server (Forbidden): error when retrieving current configuration of:\n' +
      'Resource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"\n' +
      'Name: "web", Namespace: "production"\n' +
      `from server for: "/tmp/web.yaml": deployments.apps "web" is forbidden: User "${SA}" cannot get resource "deployments" in API group "apps" in the namespace "production"\n1\n`);
    expect(s.run(`kubectl create -f /tmp/cm-production.yaml ${AS}`).output)
      .toBe(`Error from server (Forbidden): error when creating "/tmp/cm-production.yaml": configmaps is forbidden: User "${SA}" cannot create resource "configmaps" in API group "" in the namespace "production"\n`);
    expect(s.run(`kubectl replace -f /tmp/web.yaml ${AS}`).output)
      .toBe(`Error from server (Forbidden): error when replacing "/tmp/web.yaml": deployments.apps "web" is forbidden: User "${SA}" cannot update resource "deployments" in API group "apps" in the namespace "production"\n`);
    expect(s.run('kubectl get deployment web -n production -o jsonpath={.spec.replicas}').output).toBe('1');
    // The admin (no --as) may; so may the ServiceAccount once the binding is where it deploys.
    expect(s.run('kubectl apply -f /tmp/web.yaml').output).toMatch(/^Warning: resource deployments\/web is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation[^\n]*\ndeployment\.apps\/web configured\n$/);
    const fixed = cluster([binding('RoleBinding', 'production')]);
    fixed.run(`printf 'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: api\\n  namespace: production\\nspec:\\n  replicas: 1\\n  selector:\\n    matchLabels:\\n      app: api\\n  template:\\n    metadata:\\n      labels:\\n        app: api\\n    spec:\\n      containers:\\n      - name: api\\n        image: registry.test/web:1\\n' > /tmp/api.yaml`);
    expect(fixed.run(`kubectl apply -f /tmp/api.yaml ${AS}`).output).toBe('deployment.apps/api created\n');
  });

  it('delete -f and diff -f are authorized per object: DELETE before NotFound, diff reads then dry-runs (exit 2)', () => {
    const s = cluster([binding('ClusterRoleBinding')]);
    s.run(`printf 'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: web\\n  namespace: production\\nspec:\\n  replicas: 3\\n' > /tmp/web.yaml`);
    s.run(`printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: gone\\n  namespace: production\\n' > /tmp/cm.yaml`);
    // The role may get and patch deployments but not delete them; configmaps it may not touch at all.
    expect(s.run(`kubectl delete -f /tmp/web.yaml -f /tmp/cm.yaml ${AS}; echo $?`).output).toBe(
      `Error from server (Forbidden): error when deleting "/tmp/web.yaml": deployments.apps "web" is forbidden: User "${SA}" cannot delete resource "deployments" in API group "apps" in the namespace "production"\n` +
      `Error from server (Forbidden): error when deleting "/tmp/cm.yaml": configmaps "gone" is forbidden: User "${SA}" cannot delete resource "configmaps" in API group "" in the namespace "production"\n1\n`);
    expect(s.run('kubectl get deployment web -n production -o name').output).toBe('deployment.apps/web\n');
    expect(s.run(`kubectl diff -f /tmp/cm.yaml ${AS}; echo $?`).output)
      .toBe(`Error from server (Forbidden): configmaps "gone" is forbidden: User "${SA}" cannot get resource "configmaps" in API group "" in the namespace "production"\n2\n`);
    expect(s.run(`kubectl diff -f /tmp/web.yaml ${AS} | grep -E '(replicas|generation): '`).output).toBe('-  generation: 1\n+  generation: 2\n-  replicas: 1\n+  replicas: 3\n');
    // The admin may delete both; the missing ConfigMap is then the API's NotFound.
    expect(s.run('kubectl delete -f /tmp/web.yaml -f /tmp/cm.yaml; echo $?').output).toBe(
      'deployment.apps "web" deleted\nError from server (NotFound): error when deleting "/tmp/cm.yaml": configmaps "gone" not found\n1\n');
  });

  it('controllers are not refused by the learner\'s RBAC changes: the ReplicaSet controller still creates pods', () => {
    const s = cluster([]);
    // RBAC only adds: deleting every binding the learner can see takes nothing from kube-system's controllers.
    expect(s.run('kubectl delete rolebindings --all -n production; kubectl delete clusterrolebinding cluster-admin').output)
      .toBe('rolebinding.rbac.authorization.k8s.io "jane-reads" deleted\nclusterrolebinding.rbac.authorization.k8s.io "cluster-admin" deleted\n');
    expect(s.run('kubectl scale deployment web --replicas=2 -n production').output).toBe('deployment.apps/web scaled\n');
    s.run('sleep 10');
    expect(s.run('kubectl get pods -n production --no-headers | wc -l').output.trim()).toBe('2');
  });

  it('a RoleBinding in the wrong namespace: Forbidden in production for every verb, allowed in its own', () => {
    const s = cluster([binding('RoleBinding', 'ci')]);
    expect(s.run(`kubectl get deployments -n production ${AS}`).output)
      .toBe(`Error from server (Forbidden): deployments.apps is forbidden: User "${SA}" cannot list resource "deployments" in API group "apps" in the namespace "production"\n`);
    expect(s.run(`kubectl get deployment web -n production ${AS}`).output)
      .toBe(`Error from server (Forbidden): deployments.apps "web" is forbidden: User "${SA}" cannot get resource "deployments" in API group "apps" in the namespace "production"\n`);
    expect(s.run(`kubectl set image deployment/web web=registry.test/web:2 -n production ${AS}; echo $?`).output)
      .toBe(`Error from server (Forbidden): deployments.apps "web" is forbidden: User "${SA}" cannot get resource "deployments" in API group "apps" in the namespace "production"\n1\n`);
    expect(s.run(`kubectl get deployments -A ${AS}`).output)
      .toBe(`Error from server (Forbidden): deployments.apps is forbidden: User "${SA}" cannot list resource "deployments" in API group "apps" at the cluster scope\n`);
    expect(s.run(`kubectl get nodes ${AS}`).output)
      .toBe(`Error from server (Forbidden): nodes is forbidden: User "${SA}" cannot list resource "nodes" in API group "" at the cluster scope\n`);
    expect(s.run(`kubectl get deployments -n ci ${AS}`).output).toBe('No resources found in ci namespace.\n');
    expect(s.run(`kubectl auth can-i create deployments -n production ${AS}`).output).toBe('no\n');
    expect(s.run(`kubectl auth can-i create deployments -n ci ${AS}`).output).toBe('yes\n');
  });

  it('a ClusterRoleBinding grants the same rules everywhere: the write goes through and the rollout shows', () => {
    const s = cluster([binding('ClusterRoleBinding')]);
    expect(s.run(`kubectl get deployments -n production ${AS}`).output).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +1\/1 +1 +1 +5s\n$/);
    expect(s.run(`kubectl scale deployment web --replicas=2 -n production ${AS}`).output).toBe('deployment.apps/web scaled\n');
    expect(s.run(`kubectl logs deploy/web -n production ${AS}`).output).toMatch(/^Found 2 pods, using pod\/web-\w+-\w+\nlistening on :8080\n$/);
    // pods/exec is not in the role: kubectl reads the pod, then the exec is refused.
    const pod = s.run('kubectl get pods -n production -o name | head -1').output.trim().slice('pod/'.length);
    expect(s.run(`kubectl exec ${pod} -n production ${AS} -- ls`).output)
      .toBe(`Error from server (Forbidden): pods "${pod}" is forbidden: User "${SA}" cannot create resource "pods/exec" in API group "" in the namespace "production"\n`);
    expect(s.run(`kubectl delete deployment web -n production ${AS}`).output)
      .toBe(`Error from server (Forbidden): deployments.apps "web" is forbidden: User "${SA}" cannot delete resource "deployments" in API group "apps" in the namespace "production"\n`);
    expect(s.run(`kubectl top pods -n production ${AS}`).output)
      .toBe(`Error from server (Forbidden): pods.metrics.k8s.io is forbidden: User "${SA}" cannot list resource "pods" in API group "metrics.k8s.io" in the namespace "production"\n`);
  });

  it('a binding to a role that does not exist: RBAC names it in the refusal and in can-i', () => {
    const s = cluster([`{ apiVersion: ${RBAC}/v1, kind: RoleBinding, metadata: { name: deployer, namespace: production }, roleRef: { apiGroup: ${RBAC}, kind: Role, name: deployer }, subjects: [{ kind: ServiceAccount, name: deployer, namespace: ci }] }`]);
    expect(s.run(`kubectl get deployments -n production ${AS}`).output)
      .toBe(`Error from server (Forbidden): deployments.apps is forbidden: User "${SA}" cannot list resource "deployments" in API group "apps" in the namespace "production": RBAC: role.rbac.authorization.k8s.io "deployer" not found\n`);
    expect(s.run(`kubectl auth can-i list deployments -n production ${AS}`).output).toBe('no - RBAC: role.rbac.authorization.k8s.io "deployer" not found\n');
  });

  it('users and groups: --as a user bound by name, --as-group a bound group, anyone else nothing', () => {
    const s = cluster([]);
    expect(s.run('kubectl get pods -n production --as=jane --no-headers').output).toMatch(/^web-\w+-\w+ +1\/1 +Running +0 +5s\n$/);
    expect(s.run('kubectl delete pods --all -n production --as=jane').output)
      .toMatch(/^Error from server \(Forbidden\): pods "web-\w+-\w+" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "production"\n$/);
    expect(s.run('kubectl get pods -n production --as=bob').output)
      .toBe('Error from server (Forbidden): pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "production"\n');
    expect(s.run('kubectl get pods -n production --as=bob --as-group=oncall --no-headers').output).toMatch(/^web-\w+-\w+ +1\/1 +Running /);
    expect(s.run('kubectl get namespaces --as=bob').output)
      .toBe('Error from server (Forbidden): namespaces is forbidden: User "bob" cannot list resource "namespaces" in API group "" at the cluster scope\n');
    expect(s.run('kubectl get pods -n production --as=bob --as-group=system:masters --no-headers').output).toMatch(/^web-/);
  });

  it('auth can-i --list: what the bindings grant in the namespace, with what every authenticated user may do', () => {
    const s = cluster([]);
    expect(s.run('kubectl auth can-i --list -n production --as=jane').output).toBe([
      'Resources                                       Non-Resource URLs   Resource Names   Verbs',
      'selfsubjectreviews.authentication.k8s.io        []                  []               [create]',
      'selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]',
      'selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]',
      'pods                                            []                  []               [get list]',
      '                                                [/api/*]            []               [get]',
      '                                                [/api]              []               [get]',
      '                                                [/apis/*]           []               [get]',
      '                                                [/apis]             []               [get]',
      '                                                [/healthz]          []               [get]',
      '                                                [/healthz]          []               [get]',
      '                                                [/livez]            []               [get]',
      '                                                [/livez]            []               [get]',
      '                                                [/openapi/*]        []               [get]',
      '                                                [/openapi]          []               [get]',
      '                                                [/readyz]           []               [get]',
      '                                                [/readyz]           []               [get]',
      '                                                [/version/]         []               [get]',
      '                                                [/version/]         []               [get]',
      '                                                [/version]          []               [get]',
      '                                                [/version]          []               [get]',
      '',
    ].join('\n'));
    expect(s.run('kubectl auth can-i --list -n ci --as=jane | grep pods').output).toBe('');
    expect(s.run('kubectl auth can-i get /healthz --as=jane').output).toBe('yes\n');
    expect(s.run('kubectl auth can-i get /metrics --as=jane').output).toBe('no\n');
    expect(s.run('kubectl auth can-i --list pods').output).toBe('error: list option must be specified with no arguments\n');
  });
});

describe('tokens, impersonation and the fix', () => {
  it('a token from kubectl create token authenticates as the ServiceAccount until it expires', () => {
    const s = cluster([binding('ClusterRoleBinding')]);
    s.run('TOKEN=$(kubectl create token deployer -n ci --duration=10m)');
    expect(s.run('echo $TOKEN | cut -d. -f1').output).toMatch(/^eyJhbGciOiJSUzI1NiIsImtpZCI6/);
    expect(s.run('kubectl get deployments -n production --token=$TOKEN --no-headers').output).toMatch(/^web +1\/1 +1 +1 +5s\n$/);
    expect(s.run('kubectl get nodes --token=$TOKEN').output)
      .toBe(`Error from server (Forbidden): nodes is forbidden: User "${SA}" cannot list resource "nodes" in API group "" at the cluster scope\n`);
    expect(s.run('kubectl get pods --token=$TOKEN --as=jane -n production').output)
      .toBe(`Error from server (Forbidden): users "jane" is forbidden: User "${SA}" cannot impersonate resource "users" in API group "" at the cluster scope\n`);
    expect(s.run('kubectl get pods --token=$TOKEN --as=system:serviceaccount:kube-system:default').output)
      .toBe(`Error from server (Forbidden): serviceaccounts "default" is forbidden: User "${SA}" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"\n`);
    s.run('sleep 10m');
    expect(s.run('kubectl get deployments -n production --token=$TOKEN; echo $?').output).toBe('error: You must be logged in to the server (Unauthorized)\n1\n');
    expect(s.run('kubectl create token nobody -n ci').output).toBe('error: failed to create token: serviceaccounts "nobody" not found\n');
    expect(s.run('kubectl get pods --token=not-a-jwt').output).toBe('error: You must be logged in to the server (Unauthorized)\n');
  });

  it('the fix: a RoleBinding in production lets the pipeline deploy there, and nowhere else', () => {
    const s = cluster([binding('RoleBinding', 'ci')]);
    expect(s.run(`kubectl scale deployment web --replicas=2 -n production ${AS}`).output)
      .toBe(`Error from server (Forbidden): deployments.apps "web" is forbidden: User "${SA}" cannot get resource "deployments" in API group "apps" in the namespace "production"\n`);
    expect(s.run('kubectl create rolebinding deployer --clusterrole=deployer --serviceaccount=ci:deployer -n production').output)
      .toBe('rolebinding.rbac.authorization.k8s.io/deployer created\n');
    expect(s.run('kubectl get rolebindings -A -o wide').output).toBe([
      'NAMESPACE    NAME         ROLE                   AGE   USERS   GROUPS   SERVICEACCOUNTS',
      'ci           deployer     ClusterRole/deployer   5s                     ci/deployer',
      'production   deployer     ClusterRole/deployer   0s                     ci/deployer',
      'production   jane-reads   Role/jane-reads        5s    jane    oncall   ',
      '',
    ].join('\n'));
    expect(s.run(`kubectl scale deployment web --replicas=2 -n production ${AS}`).output).toBe('deployment.apps/web scaled\n');
    expect(s.run(`kubectl auth can-i patch deployments -n default ${AS}`).output).toBe('no\n');
    expect(s.run('kubectl create rolebinding deployer --clusterrole=deployer --serviceaccount=ci:deployer -n production').output)
      .toBe('Error from server (AlreadyExists): rolebindings.rbac.authorization.k8s.io "deployer" already exists\n');
    expect(s.run('kubectl create clusterrolebinding x --serviceaccount=ci:deployer').output).toBe('error: exactly one of clusterrole must be specified\n');
  });
});
