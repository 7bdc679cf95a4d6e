import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { tinyScenarioYaml } from '../testing/tinyScenario.ts';

const CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';

/** One node, `api` (one replica asking 100m cpu), and the given fault rules. */
function cluster(faults: string): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: CPU,
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: `    - { ref: "registry.test/api:1", digest: "sha256:${'a'.repeat(64)}", size: 10Mi, binary: /api, shell: false, cpu: 10m, memory: 20Mi, logs: [] }`,
    workloads: '    - { name: api, namespace: default, replicas: 1, image: "registry.test/api:1", requests: { cpu: 100m, memory: 64Mi } }',
    faults: '',
  }).replace('faults:\n\n', `faults: ${faults}\n`);
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

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
});
