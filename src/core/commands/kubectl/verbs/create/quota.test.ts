/**
 * `kubectl create quota` and `kubectl create priorityclass` in a session: the quota controller
 * tracks a created quota (`describe quota`), admission holds new pods to it, and the API server's
 * refusals come back behind kubectl's `failed to create …` words. The client-side outputs are
 * compared with the real kubectl in tests/real-kubectl/create.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../session/session.ts';
import { load } from '../../../../../../tests/unit/garbage.ts';

function session() {
  const s = Session.start(load('crashloop.yaml'));
  const run = (line: string) => s.run(line, s.now + 1000).output;
  return { s, run };
}

describe('kubectl create quota', () => {
  it('a created quota is tracked and enforced: the ReplicaSet cannot create the pod past it', () => {
    const { s, run } = session();
    expect(run('kubectl create quota small --hard=pods=2,requests.cpu=0 -n data')).toBe('resourcequota/small created\n');
    expect(run('kubectl delete quota small -n data')).toBe('resourcequota "small" deleted\n');
    expect(run('kubectl create quota small --hard=pods=2 -n data')).toBe('resourcequota/small created\n');
    run('kubectl create deployment web --image=nginx -n data --replicas=2');
    s.run('sleep 20');
    expect(run('kubectl describe quota small -n data')).toBe('Name:       small\nNamespace:  data\nResource    Used  Hard\n--------    ----  ----\npods        2     2\n');
    const rs = run('kubectl get rs -n data -l app=web -o name').trim().split('/')[1];
    expect(run(`kubectl get events -n data --field-selector reason=FailedCreate -o jsonpath={.items[0].message}`)).toMatch(
      new RegExp(`^Error creating: pods "${rs}-[a-z0-9]{5}" is forbidden: exceeded quota: small, requested: pods=1, used: pods=2, limited: pods=2$`));
  });

  it("the API server's checks: standard resource names, whole counts, scopes; a taken name", () => {
    const { run } = session();
    expect(run('kubectl create quota q --hard=pods=1.5,foo=2 --scopes=BestEffort,NotBestEffort -n data')).toBe(
      'error: failed to create quota: ResourceQuota "q" is invalid: [spec.hard[foo]: Invalid value: "foo": must be a standard resource for quota, spec.hard[pods]: Invalid value: "1500m": must be an integer, spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}: conflicting scopes]\n');
    run('kubectl create quota q --hard=pods=3 -n data');
    expect(run('kubectl create quota q -n data')).toBe('error: failed to create quota: resourcequotas "q" already exists\n');
    expect(run('kubectl create quota q -n nowhere')).toBe('error: failed to create quota: namespaces "nowhere" not found\n');
  });
});

describe('kubectl create priorityclass', () => {
  it('creates a class get lists; one global default only; reserved names and values refused', () => {
    const { run } = session();
    expect(run('kubectl create pc batch-low --value=-10 --preemption-policy=Never --description="batch jobs"')).toBe('priorityclass.scheduling.k8s.io/batch-low created\n');
    expect(run('kubectl create priorityclass high --value=1000 --global-default')).toBe('priorityclass.scheduling.k8s.io/high created\n');
    expect(run('kubectl get pc')).toBe([
      'NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY',
      'batch-low                 -10          false            2s    Never',
      'high                      1000         true             1s    PreemptLowerPriority',
      'system-cluster-critical   2000000000   false            61d   PreemptLowerPriority',
      'system-node-critical      2000001000   false            61d   PreemptLowerPriority', '',
    ].join('\n'));
    expect(run('kubectl create pc high2 --value=1000 --global-default')).toBe(
      'error: failed to create priorityclass: priorityclasses.scheduling.k8s.io "high2" is forbidden: PriorityClass high is already marked as default. Only one default can exist\n');
    expect(run('kubectl create pc huge --value=1000000001 --preemption-policy=Sometimes')).toBe(
      'error: failed to create priorityclass: PriorityClass.scheduling.k8s.io "huge" is invalid: [value: Forbidden: maximum allowed value of a user defined priority is 1000000000, preemptionPolicy: Unsupported value: "Sometimes": supported values: "Never", "PreemptLowerPriority"]\n');
    expect(run('kubectl create pc system-mine --value=1')).toBe(
      "error: failed to create priorityclass: PriorityClass.scheduling.k8s.io \"system-mine\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class\n");
  });
});
