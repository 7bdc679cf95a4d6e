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
