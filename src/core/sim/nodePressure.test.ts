import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { TINY_CPU, tinyScenarioYaml } from '../testing/tinyScenario.ts';

/** Two nodes, `logger` with a pod on each, and a node-pressure fault on node-1 one minute in. */
function pressured(resource: 'ephemeral-storage' | 'pids', usage: string): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: TINY_CPU,
    nodes: ['node-1', 'node-2'].map((n, i) => `    - { name: ${n}, ip: 10.0.0.${10 + i}, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }`).join('\n'),
    images: `    - { ref: "registry.test/logger:1", digest: "sha256:${'f'.repeat(64)}", size: 10Mi, binary: /logger, shell: false, cpu: 10m, memory: 20Mi, logs: [] }`,
    workloads: '    - { name: logger, namespace: default, replicas: 2, image: "registry.test/logger:1" }',
    faults: `  - { kind: node-pressure, nodes: [node-1], at: "2026-01-01T00:01:00Z", resource: ${resource}, hogs: [{ pod: logger, usage: ${usage} }] }`,
  });
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

describe('node pressure (the node stage): disk and process ids', () => {
  it('DiskPressure: the condition, the disk-pressure taint, the biggest user evicted in kubelet\'s words, its replacement elsewhere', () => {
    const s = pressured('ephemeral-storage', '8Gi');
    s.run('sleep 60');
    expect(s.run('kubectl get pods -o wide').output).toBe(
      'NAME                      READY   STATUS              RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
      'logger-5f5dd8cd7f-6cpts   0/1     Error               0          60s   10.244.0.2   node-1   <none>           <none>\n' +
      'logger-5f5dd8cd7f-k887z   0/1     ContainerCreating   0          0s    10.244.1.3   node-2   <none>           <none>\n' +
      'logger-5f5dd8cd7f-p9j4p   1/1     Running             0          60s   10.244.1.2   node-2   <none>           <none>\n');
    expect(s.run('kubectl get pod logger-5f5dd8cd7f-6cpts -o jsonpath={.status.phase}/{.status.reason}/{.status.message}').output).toBe(
      'Failed/Evicted/The node was low on resource: ephemeral-storage. Threshold quantity: 10Gi, available: 9122608Ki. Container logger was using 8Gi, request is 0, has larger consumption of ephemeral-storage. ');
    expect(s.run('kubectl describe node node-1 | grep -E "^Taints|^  DiskPressure"').output).toBe(
      'Taints:             node.kubernetes.io/disk-pressure:NoSchedule\n' +
      '  DiskPressure     True    Thu, 01 Jan 2026 00:01:00 +0000   Thu, 01 Jan 2026 00:01:00 +0000   KubeletHasDiskPressure       kubelet has disk pressure\n');
    expect(s.run('kubectl get events --field-selector involvedObject.kind=Node').output).toBe(
      'LAST SEEN   TYPE      REASON                 OBJECT        MESSAGE\n' +
      '0s          Normal    NodeHasDiskPressure    node/node-1   Node node-1 status is now: NodeHasDiskPressure\n' +
      '0s          Warning   EvictionThresholdMet   node/node-1   Attempting to reclaim ephemeral-storage\n');
    expect(s.run('ssh node-1 journalctl -u kubelet | grep -E "eviction_manager|_gc" | cut -d" " -f6-').output).toBe(
      'W0101 00:01:00.000000    1896 eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"\n' +
      'I0101 00:01:00.000000    1896 container_gc.go:88] "Attempting to delete unused containers"\n' +
      'I0101 00:01:00.000000    1896 image_gc_manager.go:404] "Attempting to delete unused images"\n' +
      'I0101 00:01:00.000000    1896 eviction_manager.go:377] "Eviction manager: must evict pod(s) to reclaim" resourceName="ephemeral-storage"\n' +
      'I0101 00:01:00.000000    1896 eviction_manager.go:395] "Eviction manager: pods ranked for eviction" pods=["default/logger-5f5dd8cd7f-6cpts"]\n' +
      'I0101 00:01:00.000000    1896 eviction_manager.go:616] "Eviction manager: pod is evicted successfully" pod="default/logger-5f5dd8cd7f-6cpts"\n' +
      'I0101 00:01:00.000000    1896 eviction_manager.go:205] "Eviction manager: pods evicted, waiting for pod to be cleaned up" pods=["default/logger-5f5dd8cd7f-6cpts"]\n');
    expect(s.run('ssh node-1 df -h /').output).toBe('Filesystem      Size  Used Avail Use% Mounted on\n/dev/nvme0n1p1  100G   84G   12G  88% /\n');
    s.run('sleep 300');
    expect(s.run('kubectl describe node node-1 | grep -E "^Taints|^  DiskPressure"').output).toBe(
      'Taints:             <none>\n' +
      '  DiskPressure     False   Thu, 01 Jan 2026 00:06:00 +0000   Thu, 01 Jan 2026 00:06:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure\n');
  });

  it('PIDPressure: the pid-pressure taint and an eviction for pids', () => {
    const s = pressured('pids', '30000');
    s.run('sleep 60');
    expect(s.run('kubectl describe node node-1 | grep -E "^Taints|PIDPressure"').output).toBe(
      'Taints:             node.kubernetes.io/pid-pressure:NoSchedule\n' +
      '  PIDPressure      True    Thu, 01 Jan 2026 00:01:00 +0000   Thu, 01 Jan 2026 00:01:00 +0000   KubeletHasInsufficientPID    kubelet has insufficient PID available\n');
    expect(s.run('kubectl get pod logger-5f5dd8cd7f-6cpts -o jsonpath={.status.reason}/{.status.message}').output).toMatch(/^Evicted\/The node was low on resource: pids\. Threshold quantity: 419430, available: 4\d{5}\. $/);
    expect(s.run('kubectl get events --field-selector involvedObject.kind=Node -o jsonpath={.items[*].reason}').output).toBe('NodeHasInsufficientPID EvictionThresholdMet');
  });
});
