import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { tinyScenarioYaml } from '../testing/tinyScenario.ts';

const CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';
/** Six nodes: cp-1 and cp-2 in eu-west-1a, w-1 … w-4 (small: 2 cpu, 4Gi) spread over 1a and 1b. */
const NODES = [
  '    - { name: cp-1, ip: 10.0.0.11, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
  '    - { name: cp-2, ip: 10.0.0.12, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
  ...[1, 2, 3, 4].map((i) => `    - { name: w-${i}, ip: 10.0.1.${i}, zone: eu-west-1${i <= 2 ? 'a' : 'b'}, instanceType: m5.large, cpu: c, age: 10d, labels: { pool: general }, allocatable: { cpu: "2", memory: 4Gi } }`),
].join('\n');
const IMAGE = `    - { ref: "registry.test/batch:1", digest: "sha256:${'d'.repeat(64)}", size: 10Mi, binary: /app/batch, shell: false, cpu: 10m, memory: 20Mi, logs: [] }`;

function cluster(workload: string, faults = '[]'): Session {
  const yaml = tinyScenarioYaml({ cpuModels: CPU, nodes: NODES, images: IMAGE, workloads: `    - { name: batch, namespace: default, replicas: 1, image: "registry.test/batch:1", ${workload} }`, faults: '' })
    .replace('faults:\n\n', `faults: ${faults}\n`);
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const s = Session.start(r.scenario);
  s.run('sleep 5'); // the restarted pod is the newest
  s.run('kubectl taint nodes cp-1 cp-2 node-role.kubernetes.io/control-plane:NoSchedule');
  s.run('kubectl rollout restart deployment batch');
  s.run('sleep 5');
  return s;
}

/** The newest pod's STATUS and the message of its FailedScheduling event, as a learner reads them. */
function pending(s: Session): [string, string] {
  const [status, message] = newest(s);
  return [status, message];
}
function newest(s: Session): [string, string, string] {
  const line = s.run('kubectl get pods --sort-by=.metadata.creationTimestamp --no-headers | tail -1').output.split(/\s+/);
  const message = s.run(`kubectl get events --field-selector involvedObject.name=${line[0]},reason=FailedScheduling -o jsonpath={.items[0].message}`).output;
  return [line[2], message, line[0]];
}

describe('schedule stage: FailedScheduling as kube-scheduler words it', () => {
  it('taints and cpu requests: the reasons counted per node, sorted, and what preemption found', () => {
    expect(pending(cluster('requests: { cpu: "3" }'))).toEqual(['Pending',
      '0/6 nodes are available: 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 4 Insufficient cpu. preemption: 0/6 nodes are available: 2 Preemption is not helpful for scheduling, 4 No preemption victims found for incoming pod.']);
  });

  it('memory and cpu short on the same nodes count under both', () => {
    expect(pending(cluster('requests: { cpu: "3", memory: 6Gi }'))[1]).toBe(
      '0/6 nodes are available: 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 4 Insufficient cpu, 4 Insufficient memory. preemption: 0/6 nodes are available: 2 Preemption is not helpful for scheduling, 4 No preemption victims found for incoming pod.');
  });

  it('a nodeSelector no node matches', () => {
    const s = cluster('nodeSelector: { pool: gpu }');
    expect(pending(s)[1]).toBe(
      "0/6 nodes are available: 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 4 node(s) didn't match Pod's node affinity/selector. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.");
    // The condition a learner sees in describe carries the same message.
    expect(s.run(`kubectl get pod ${newest(s)[2]} -o jsonpath='{.status.conditions[0].reason}'`).output).toBe('Unschedulable');
  });

  it('a fault adds its own reason: a volume held in one zone', () => {
    const s = cluster('requests: { cpu: "1500m" }', '[{ kind: volume-zone, namespace: default, matchLabels: { app: batch }, zone: eu-west-1c }]');
    expect(pending(s)).toEqual(['Pending',
      '0/6 nodes are available: 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 4 node(s) had volume node affinity conflict. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.']);
    expect(s.run(`kubectl describe pod ${newest(s)[2]} | grep -A4 ^Events: | tail -1`).output).toMatch(/^ {2}Warning {2}FailedScheduling {2}\d+s +default-scheduler {2}0\/6 nodes are available: .* 4 node\(s\) had volume node affinity conflict\. preemption: /);
  });

  it('a claim that does not exist stops the pod before any node is looked at', () => {
    const s = cluster('requests: { cpu: 100m }');
    s.run(`kubectl patch deployment batch -p '{"spec":{"template":{"spec":{"volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"batch-data"}}]}}}}'`);
    s.run('sleep 5');
    expect(pending(s)).toEqual(['Pending',
      '0/6 nodes are available: persistentvolumeclaim "batch-data" not found. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.']);
  });
});
