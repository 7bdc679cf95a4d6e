import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { tinyScenarioYaml } from '../testing/tinyScenario.ts';

const CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';

/** Two nodes, two replicas of `api` (one per node); node-2's kubelet goes down one minute in. */
function cluster(mode: 'stopped' | 'pleg'): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: CPU,
    nodes: ['node-1', 'node-2'].map((n, i) => `    - { name: ${n}, ip: 10.0.0.1${i}, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }`).join('\n'),
    images: `    - { ref: "registry.test/api:1", digest: "sha256:${'f'.repeat(64)}", size: 10Mi, binary: /api, shell: false, cpu: 10m, memory: 20Mi, logs: [] }`,
    workloads: '    - { name: api, namespace: default, replicas: 2, image: "registry.test/api:1" }',
    faults: `  - { kind: kubelet-down, nodes: [node-2], at: "2026-01-01T00:01:00Z", mode: ${mode} }`,
  });
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}
const podsByNode = (s: Session) => s.run('kubectl get pods -o custom-columns=STATUS:.status.phase,DELETING:.metadata.deletionTimestamp,NODE:.spec.nodeName --no-headers --sort-by=.spec.nodeName').output;

describe('node stage: a kubelet that stops', () => {
  it('the node turns NotReady 40 s after the kubelet stopped, with every condition Unknown', () => {
    const s = cluster('stopped');
    s.run('sleep 99');
    expect(s.run('kubectl get nodes').output).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION\nnode-1 +Ready +<none> +10d +v1\.31\.4\nnode-2 +Ready +<none> +10d +v1\.31\.4\n$/);
    s.run('sleep 2');
    expect(s.run('kubectl get nodes node-2 --no-headers').output).toMatch(/^node-2 +NotReady +<none> +10d +v1\.31\.4\n$/);
    const conditions = s.run('kubectl describe node node-2 | grep -A6 ^Conditions:').output;
    expect(conditions).toMatch(/^Conditions:\n {2}Type {2,}Status {2,}LastHeartbeatTime {2,}LastTransitionTime {2,}Reason {2,}Message\n/);
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']) {
      expect(conditions).toMatch(new RegExp(`\\n {2}${type} +Unknown +.+ +Thu, 01 Jan 2026 00:01:40 \\+0000 +NodeStatusUnknown +Kubelet stopped posting node status\\.\\n`));
    }
    expect(s.run('kubectl get node node-2 -o jsonpath={.spec.taints[*].key}').output).toBe('node.kubernetes.io/unreachable node.kubernetes.io/unreachable');
    expect(s.run('kubectl get events --field-selector reason=NodeNotReady -o custom-columns=SOURCE:.source.component,MESSAGE:.message --no-headers').output).toBe('node-controller   Node node-2 status is now: NodeNotReady\n');
  });

  it('five minutes later the pods there are marked for deletion and stay Terminating; their replacements run on node-1', () => {
    const s = cluster('stopped');
    s.run('sleep 390');
    expect(podsByNode(s)).toBe('Running   <none>   node-1\nRunning   <none>   node-2\n');
    s.run('sleep 70');
    expect(podsByNode(s)).toMatch(/^Running +<none> +node-1\nRunning +<none> +node-1\nRunning +2026-01-01T00:07:10Z +node-2\n$/);
    expect(s.run('kubectl get pods --no-headers --sort-by=.spec.nodeName').output.split('\n')[2]).toMatch(/^api-\w+-\w+ +1\/1 +Terminating +0 +7m\d+s$/);
    expect(s.run('kubectl get events --field-selector reason=TaintManagerEviction -o custom-columns=SOURCE:.source.component,MESSAGE:.message --no-headers').output).toMatch(/^taint-eviction-controller +Marking for deletion Pod default\/api-\w+-\w+\n$/);
  });

  it('a hung PLEG: after three minutes kubelet itself reports NotReady', () => {
    const s = cluster('pleg');
    s.run('sleep 245');
    expect(s.run('kubectl get nodes node-2 --no-headers').output).toMatch(/^node-2 +NotReady /);
    expect(s.run(`kubectl get node node-2 -o jsonpath='{.status.conditions[?(@.type=="Ready")].message}'`).output).toBe('PLEG is not healthy: pleg was last seen active 3m0s ago; threshold is 3m0s');
    s.run('ssh node-2');
    expect(s.run('journalctl -u kubelet --no-pager | grep "PLEG is not" | cut -d] -f3-').output).toBe(' "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 3m0s ago; threshold is 3m0s"\n');
  });
});
