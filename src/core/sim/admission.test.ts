import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { tinyScenarioYaml } from '../testing/tinyScenario.ts';

const CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';

/** One node, `api` (one replica asking 400m cpu), and the given api-stage rules. */
function cluster(faults: string): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: CPU,
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: `    - { ref: "registry.test/api:1", digest: "sha256:${'a'.repeat(64)}", size: 10Mi, binary: /api, shell: false, cpu: 10m, memory: 20Mi, logs: [] }`,
    workloads: '    - { name: api, namespace: default, replicas: 1, image: "registry.test/api:1", requests: { cpu: 400m, memory: 256Mi } }',
    faults: '',
  }).replace('faults:\n\n', `faults: ${faults}\n`);
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

describe('api stage: what the API server refuses', () => {
  it('a quota refuses the ReplicaSet controller the third pod: FailedCreate with the admission message', () => {
    const s = cluster('[{ kind: resource-quota, namespace: default, name: compute, hard: { requests.cpu: "1", pods: "10" } }]');
    s.run('kubectl scale deployment api --replicas=3');
    s.run('sleep 30');
    expect(s.run('kubectl get rs --no-headers').output).toMatch(/^api-\w+ +3 +2 +2 +\d+s\n$/);
    expect(s.run('kubectl get events --field-selector reason=FailedCreate -o jsonpath={.items[0].message}').output).toMatch(
      /^Error creating: pods "api-\w+-\w+" is forbidden: exceeded quota: compute, requested: requests\.cpu=400m, used: requests\.cpu=800m, limited: requests\.cpu=1$/);
    expect(s.run('kubectl describe rs | grep -m1 FailedCreate').output).toMatch(/^ {2}Warning {2}FailedCreate {6}30s {3}replicaset-controller {2}Error creating: pods "api-\w+-\w+" is forbidden: exceeded quota: compute, requested: requests\.cpu=400m, used: requests\.cpu=800m, limited: requests\.cpu=1\n$/);
  });

  it('a quota on limits refuses pods that do not set them', () => {
    const s = cluster('[{ kind: resource-quota, namespace: default, name: mem, hard: { limits.memory: 1Gi } }]');
    s.run('kubectl rollout restart deployment api');
    s.run('sleep 5');
    expect(s.run('kubectl get events --field-selector reason=FailedCreate -o jsonpath={.items[0].message}').output).toMatch(
      /^Error creating: pods "api-\w+-\w+" is forbidden: failed quota: mem: must specify limits\.memory for: api$/);
  });

  it('an rbac-denied rule refuses what RBAC allows: the admin gets Forbidden on those verbs only', () => {
    const s = cluster('[{ kind: rbac-denied, users: [kubernetes-admin], verbs: [list, patch], resources: [pods, deployments] }]');
    s.run('sleep 5');
    expect(s.run('kubectl get pods').output).toBe('Error from server (Forbidden): pods is forbidden: User "kubernetes-admin" cannot list resource "pods" in API group "" in the namespace "default"\n');
    expect(s.run('kubectl get pods -A').output).toBe('Error from server (Forbidden): pods is forbidden: User "kubernetes-admin" cannot list resource "pods" in API group "" at the cluster scope\n');
    expect(s.run(`kubectl patch deployment api -p '{"spec":{"replicas":2}}'`).output)
      .toBe('Error from server (Forbidden): deployments.apps "api" is forbidden: User "kubernetes-admin" cannot patch resource "deployments" in API group "apps" in the namespace "default"\n');
    expect(s.run('echo $?').output).toBe('1\n');
    expect(s.run('kubectl get deployment api --no-headers').output).toMatch(/^api +1\/1 +1 +1 +5s\n$/);
    expect(s.run('kubectl auth can-i patch deployments').output).toBe('no\n');
    expect(s.run('kubectl auth can-i get deployments').output).toBe('yes\n');
  });

  it('a fail-closed webhook that times out: writes refused with InternalError, controllers cannot create pods', () => {
    const s = cluster('[{ kind: webhook-timeout, webhook: validate.policy.example.com, service: policy/policy-webhook, resources: [pods, deployments] }]');
    s.run('sleep 5');
    const err = 'Internal error occurred: failed calling webhook "validate.policy.example.com": failed to call webhook: Post "https://policy-webhook.policy.svc:443/validate?timeout=10s": context deadline exceeded';
    expect(s.run(`kubectl patch deployment api -p '{"spec":{"replicas":2}}'`).output).toBe(`Error from server (InternalError): ${err}\n`);
    // The webhook was down before the Deployment's first pod: the ReplicaSet never got one.
    expect(s.run('kubectl get deployment api --no-headers').output).toMatch(/^api +0\/1 +0 +0 +5s\n$/);
    expect(s.run('kubectl get events --field-selector reason=FailedCreate -o jsonpath={.items[0].message}').output).toMatch(new RegExp(`^Error creating: ${err.replace(/[.?()]/g, '\\$&')}$`));
    expect(s.run('kubectl get pods').output).toBe('No resources found in default namespace.\n');
  });
});

const count = (s: Session, line: string) => Number(s.run(`${line} | wc -l`).output.trim());

describe('ReplicaSet controller: slow start and the client rate limit', () => {
  it('creates in batches of 1, 2, 4 and stops after the batch the quota refused: one FailedCreate per refused create', () => {
    // 1 pod runs, the quota admits 4 more: batches 1 and 2 pass (3 created), the batch of 4 has 1 admitted and 3 refused.
    const s = cluster('[{ kind: resource-quota, namespace: default, name: pods, hard: { pods: "5" } }]');
    s.run('kubectl scale deployment api --replicas=10');
    expect(s.run('kubectl get rs --no-headers').output).toMatch(/^api-\w+ +10 +5 +\d+ +\d+s\n$/);
    expect(count(s, 'kubectl get events --field-selector reason=SuccessfulCreate --no-headers')).toBe(1 + 4);
    expect(count(s, 'kubectl get events --field-selector reason=FailedCreate --no-headers')).toBe(3);
    expect(s.run('kubectl get events --field-selector reason=FailedCreate -o jsonpath={.items[0].message}').output).toMatch(
      /^Error creating: pods "api-\w+-\w+" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=5, limited: pods=5$/);
  });

  it('scale to 100000 returns at once with 30 pods more (the client burst), then grows at most 20 pods a second', () => {
    const s = cluster('[]');
    const t0 = performance.now();
    expect(s.run('kubectl scale deployment api --replicas=100000').output).toBe('deployment.apps/api scaled\n');
    expect(count(s, 'kubectl get pods --no-headers')).toBe(31);
    s.run('sleep 30');
    const after = count(s, 'kubectl get pods --no-headers');
    expect(after).toBeGreaterThan(31);
    expect(after).toBeLessThanOrEqual(31 + 30 + 20 * 32);
    // Beyond the node's capacity the rest wait as Pending with the scheduler's reason.
    expect(s.run('kubectl get pods --field-selector status.phase=Pending --no-headers | head -1').output).toMatch(/^api-\w+-\w+ +0\/1 +Pending +0 +\d+s\n$/);
    expect(s.run('kubectl get events --field-selector reason=FailedScheduling -o jsonpath={.items[0].message}').output).toMatch(/^0\/1 nodes are available: 1 (Insufficient cpu|Too many pods)/);
    // Wall time, generous for a loaded machine: what hung the tab before.
    expect(performance.now() - t0).toBeLessThan(60_000);
  });

  it('a sleep lets the rate limiter through on time: 30 creates every 1.5 s (20 a second), whatever else the clock has to do', () => {
    const s = cluster('[]');
    s.run('kubectl scale deployment api --replicas=400');
    expect(count(s, 'kubectl get pods --no-headers')).toBe(31);
    // The 2 s a script line takes, then 9 s of sleep: the limiter opened at 1.5, 3, …, 10.5 s.
    s.run('sleep 9', s.now + 2000);
    expect(count(s, 'kubectl get pods --no-headers')).toBe(31 + 7 * 30);
  });
});
