import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { buildState } from '../scenario/build.ts';
import type { ClusterState } from '../model/state.ts';
import { applyAction } from './reduce.ts';
import { SECOND } from '../time.ts';
import { tinyScenarioYaml } from '../testing/tinyScenario.ts';
import { faultKinds } from './faults/kinds.ts';

/** A one-node-pool cluster: `old` nodes lack avx512f, `new` nodes have it; `app` needs it. */
function tinyScenario(opts: { replicas?: number; nodes?: string } = {}): string {
  return tinyScenarioYaml({
    cpuModels: `    old: { vendorId: AuthenticAMD, modelName: Old CPU, family: 23, model: 1, stepping: 2, microcode: "0x1", mhz: 2200, cacheKb: 512, bogomips: 4400, addressSizes: 48 bits physical, flags: "fpu sse avx2" }
    new: { vendorId: GenuineIntel, modelName: New CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse avx2 avx512f" }`,
    nodes: (opts.nodes ?? 'old-1:old').split(',').map((n, i) => `    - { name: ${n.split(':')[0]}, ip: 10.0.0.${i + 10}, zone: eu-west-1a, instanceType: m5a.2xlarge, cpu: ${n.split(':')[1]}, age: 10d }`).join('\n'),
    images: `    - { ref: "registry.test/app:1", digest: "sha256:${'a'.repeat(64)}", size: 10Mi, binary: /app, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 0s, text: started }] }`,
    workloads: `    - { name: app, namespace: default, replicas: ${opts.replicas ?? 1}, image: "registry.test/app:1", requests: { cpu: 100m } }`,
    faults: '  - { kind: missing-cpu-flag, images: ["registry.test/app:*"], flag: avx512f, after: 30s }',
  });
}

function build(yaml: string): ClusterState {
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return buildState(r.scenario);
}

const appPods = (s: ClusterState) => Object.values(s.pods).filter((p) => p.metadata.labels?.app === 'app');

describe('kubelet crash-loop back-off', () => {
  it('restarts a crashing container after 10s, 20s, 40s, 80s, 160s, then every 5m', () => {
    let s = build(tinyScenario());
    const delays: number[] = [];
    let lastFinished: number | undefined;
    let lastRestarts = 0;
    for (let t = 0; t < 25 * 60; t++) {
      s = applyAction(s, { type: 'clock/advance', to: s.now + SECOND });
      const cs = appPods(s)[0].status.containerStatuses![0];
      if (cs.restartCount !== lastRestarts && lastFinished !== undefined) delays.push(Math.round((Date.parse(cs.state.running!.startedAt) - lastFinished) / SECOND));
      lastRestarts = cs.restartCount;
      if (cs.lastState.terminated) lastFinished = Date.parse(cs.lastState.terminated.finishedAt);
    }
    expect(delays.slice(0, 7)).toEqual([10, 20, 40, 80, 160, 300, 300]);
    const cs = appPods(s)[0].status.containerStatuses![0];
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 132, reason: 'Error' });
  });

  it('writes the kernel trap line to the node of the crash only', () => {
    let s = build(tinyScenario({ nodes: 'old-1:old' }));
    s = applyAction(s, { type: 'clock/advance', to: s.now + 60 * SECOND });
    expect(s.hosts['old-1'].kmsg.some((m) => /traps: app\[\d+\] trap invalid opcode/.test(m.text))).toBe(true);
  });
});

describe('scheduler', () => {
  it('spreads replicas and keeps them off a cordoned node', () => {
    let s = build(tinyScenario({ nodes: 'new-1:new,new-2:new', replicas: 2 }));
    expect(appPods(s).map((p) => p.spec.nodeName).sort()).toEqual(['new-1', 'new-2']);
    s = applyAction(s, { type: 'node/setUnschedulable', node: 'new-2', unschedulable: true });
    const victim = appPods(s).find((p) => p.spec.nodeName === 'new-2')!;
    s = applyAction(s, { type: 'pod/delete', namespace: 'default', name: victim.metadata.name });
    s = applyAction(s, { type: 'clock/advance', to: s.now + 10 * SECOND });
    expect(appPods(s).map((p) => p.spec.nodeName)).toEqual(['new-1', 'new-1']);
    expect(appPods(s).every((p) => p.status.containerStatuses?.[0].ready)).toBe(true);
  });

  it('reports FailedScheduling with the real message shape when no node fits', () => {
    let s = build(tinyScenario({ nodes: 'new-1:new', replicas: 1 }));
    s = applyAction(s, { type: 'node/setUnschedulable', node: 'new-1', unschedulable: true });
    s = applyAction(s, { type: 'pod/delete', namespace: 'default', name: appPods(s)[0].metadata.name, force: true });
    const ev = Object.values(s.events).find((e) => e.reason === 'FailedScheduling')!;
    expect(ev.message).toBe('0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
    expect(appPods(s)[0].status.phase).toBe('Pending');
  });
});

describe('scenario files', () => {
  it('name the file, line, column, the field and the fix when something is wrong, all in one run', () => {
    const bad = tinyScenario().replace('replicas: 1', 'replicas: one').replace('kind: missing-cpu-flag', 'kind: cosmic-ray').replace('cpu: old,', 'cpu: ancient,');
    const r = parseScenario('scenarios/tiny.yaml', bad);
    expect(faultKinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['bad-config', 'image-pull', 'memory-growth', 'missing-cpu-flag', 'readiness-fails', 'slow-start']));
    expect(faultKinds.map((k) => k.kind)).toEqual(faultKinds.map((k) => k.kind).sort());
    expect(r.ok ? [] : r.errors.map((e) => e.replace(/:\d+:\d+:/, ':L:C:'))).toEqual([
      'scenarios/tiny.yaml:L:C: cluster.nodes[old-1].cpu: no CPU model "ancient" under cluster.cpuModels — use one of: new, old',
      'scenarios/tiny.yaml:L:C: cluster.workloads[app].replicas: expected a number, found text "one" — write a number here',
      `scenarios/tiny.yaml:L:C: faults[0].kind: unknown fault kind "cosmic-ray" — use one of: ${faultKinds.map((k) => k.kind).join(', ')}`,
    ]);
  });

  it('reports YAML syntax errors with the line', () => {
    const r = parseScenario('scenarios/tiny.yaml', 'id: [unclosed\n');
    expect(r.ok ? '' : r.errors[0]).toBe('scenarios/tiny.yaml:1:5: (YAML): the "[" opened on line 1 is never closed — add the matching "]" (a list or mapping written inline must end on a line of its own item)');
  });

  it('rejects unknown fields with the field named and the closest valid one', () => {
    const r = parseScenario('scenarios/tiny.yaml', tinyScenario().replace('difficulty: L1', 'difficulty: L1\ndificulty: L2'));
    expect(r.ok ? [] : r.errors).toEqual(['scenarios/tiny.yaml:8:1: dificulty: unknown field "dificulty" — remove it or fix the spelling; did you mean "difficulty"? (valid: category, cluster, difficulty, domains, duration, faults, faultyNodes, id, rounds, schemaVersion, seniorPath, summary, title, variants)']);
  });
});
