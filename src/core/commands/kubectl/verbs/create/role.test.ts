/**
 * `kubectl create role|clusterrole` in a session: the Role lives in the cluster (`get`, `describe`),
 * a RoleBinding to it makes `auth can-i --as` say yes, an aggregated ClusterRole gathers the rules
 * of the roles its selector matches, and the API server's refusals pass through as kubectl prints
 * them. The client-side outputs are compared with the real kubectl in tests/real-kubectl/create.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';

function session() {
  const s = Session.start(load('crashloop.yaml'));
  const run = (line: string) => s.run(line, s.now + 1000).output;
  return { s, run };
}

describe('kubectl create role', () => {
  it('a created Role bound to a user is what auth can-i answers from; get and describe show it', () => {
    const { run } = session();
    expect(run('kubectl auth can-i list pods --as=jane -n data')).toBe('no\n');
    expect(run('kubectl create role pod-reader --verb=get,list,watch --resource=pods,pods/log -n data')).toBe('role.rbac.authorization.k8s.io/pod-reader created\n');
    expect(run('kubectl create rolebinding jane-reads --role=pod-reader --user=jane -n data')).toBe('rolebinding.rbac.authorization.k8s.io/jane-reads created\n');
    expect(run('kubectl auth can-i list pods --as=jane -n data')).toBe('yes\n');
    expect(run('kubectl auth can-i get pods/log --as=jane -n data')).toBe('yes\n');
    expect(run('kubectl auth can-i delete pods --as=jane -n data')).toBe('no\n');
    expect(run('kubectl auth can-i list pods --as=jane -n identity')).toBe('no\n');
    expect(run('kubectl get role pod-reader -n data -o jsonpath={.rules}')).toBe('[{"apiGroups":[""],"resources":["pods","pods/log"],"verbs":["get","list","watch"]}]');
    expect(run('kubectl describe role pod-reader -n data')).toBe([
      'Name:         pod-reader', 'Labels:       <none>', 'Annotations:  <none>', 'PolicyRule:',
      '  Resources  Non-Resource URLs  Resource Names  Verbs', '  ---------  -----------------  --------------  -----',
      '  pods/log   []                 []              [get list watch]', '  pods       []                 []              [get list watch]', '',
    ].join('\n'));
  });

  it("passes the API server's refusals through: AlreadyExists, a missing namespace, a name that is no path segment", () => {
    const { s, run } = session();
    run('kubectl create role r --verb=get --resource=pods -n data');
    expect(run('kubectl create role r --verb=get --resource=pods -n data')).toBe('Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "r" already exists\n');
    expect(run('echo $?')).toBe('1\n');
    expect(run('kubectl create role r --verb=get --resource=pods -n nowhere')).toBe('Error from server (NotFound): namespaces "nowhere" not found\n');
    expect(run('kubectl create role a%b --verb=get --resource=pods -n data')).toBe('The Role "a%b" is invalid: metadata.name: Invalid value: "a%b": may not contain \'%\'\n');
    expect(run('kubectl create role Upper.Case --verb=get --resource=pods -n data -o name')).toBe('role.rbac.authorization.k8s.io/Upper.Case\n');
    expect(run('kubectl create role dry --verb=get --resource=pods -n data --dry-run=server')).toBe('role.rbac.authorization.k8s.io/dry created (server dry run)\n');
    expect(run('kubectl get role dry -n data')).toBe('Error from server (NotFound): roles.rbac.authorization.k8s.io "dry" not found\n');
    expect(Object.keys(s.state.objects.roles ?? {}).filter((k) => k.startsWith('data/')).sort()).toEqual(['data/Upper.Case', 'data/r']);
  });
});

describe('kubectl create clusterrole', () => {
  it('an aggregated ClusterRole takes the rules of the roles its label selects; a binding to it grants them everywhere', () => {
    const { run } = session();
    expect(run('kubectl create clusterrole monitoring --aggregation-rule=rbac.example.com/aggregate-to-monitoring=true')).toBe('clusterrole.rbac.authorization.k8s.io/monitoring created\n');
    expect(run('kubectl get clusterrole monitoring -o jsonpath={.rules}')).toBe('');
    run('kubectl create clusterrole endpoints-reader --verb=get --resource=endpoints --non-resource-url=/metrics');
    run('kubectl label clusterrole endpoints-reader rbac.example.com/aggregate-to-monitoring=true');
    expect(run('kubectl get clusterrole monitoring -o jsonpath={.rules}')).toBe('[{"apiGroups":[""],"resources":["endpoints"],"verbs":["get"]},{"nonResourceURLs":["/metrics"],"verbs":["get"]}]');
    run('kubectl create clusterrolebinding prom --clusterrole=monitoring --serviceaccount=data:prom');
    expect(run('kubectl auth can-i get endpoints --as=system:serviceaccount:data:prom -A')).toBe('yes\n');
    expect(run('kubectl auth can-i get pods --as=system:serviceaccount:data:prom -A')).toBe('no\n');
    expect(run('kubectl create clusterrole monitoring --verb=get --resource=pods')).toBe('Error from server (AlreadyExists): clusterroles.rbac.authorization.k8s.io "monitoring" already exists\n');
  });
});

describe('Tab after kubectl create', () => {
  it('offers role and clusterrole and their flags', () => {
    const { s } = session();
    const at = (line: string) => s.complete(line, line.length).candidates;
    expect(at('kubectl create ro')).toEqual(['role', 'rolebinding']);
    expect(at('kubectl create clusterr')).toEqual(['clusterrole', 'clusterrolebinding']);
    expect(at('kubectl create role x --res')).toEqual(['--resource', '--resource-name']);
    expect(at('kubectl create clusterrole x --a')).toEqual(['--aggregation-rule', '--allow-missing-template-keys', '--as', '--as-group', '--as-uid']);
    expect(at('kubectl create clusterrole x --non')).toEqual(['--non-resource-url']);
  });
});
