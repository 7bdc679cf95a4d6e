import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { buildState } from '../scenario/build.ts';
import type { ClusterState } from '../model/state.ts';
import { applyAction } from './reduce.ts';
import { SECOND } from '../time.ts';
import { tinyScenarioYaml } from '../testing/tinyScenario.ts';
import { clone } from '../clone.ts';

function build(): ClusterState {
  const yaml = tinyScenarioYaml({
    cpuModels: '    old: { vendorId: AuthenticAMD, modelName: Old CPU, family: 23, model: 1, stepping: 2, microcode: "0x1", mhz: 2200, cacheKb: 512, bogomips: 4400, addressSizes: 48 bits physical, flags: "fpu sse avx2" }',
    nodes: '    - { name: old-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5a.2xlarge, cpu: old, age: 10d }',
    images: `    - { ref: "registry.test/app:1", digest: "sha256:${'a'.repeat(64)}", size: 10Mi, binary: /app, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 0s, text: started }] }`,
    workloads: '    - { name: app, namespace: default, replicas: 3, image: "registry.test/app:1", requests: { cpu: 100m } }',
    faults: '  []',
  });
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return buildState(r.scenario);
}

/** The path of the first object reachable from `v` that is not frozen, or undefined. */
function firstUnfrozen(v: unknown, path = 'state'): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  if (!Object.isFrozen(v)) return path;
  for (const [k, x] of Object.entries(v)) {
    const p = firstUnfrozen(x, `${path}.${k}`);
    if (p) return p;
  }
  return undefined;
}

describe('applyAction freezes what it changed, and only that is new', () => {
  it('leaves every state after a delete and a clock move frozen through, sharing the tables it did not touch', () => {
    const s0 = build();
    expect(firstUnfrozen(s0)).toBeUndefined();
    const victim = Object.values(s0.pods).find((p) => p.metadata.labels?.app === 'app')!;
    const s1 = applyAction(s0, { type: 'pod/delete', namespace: 'default', name: victim.metadata.name });
    const s2 = applyAction(s1, { type: 'clock/advance', to: s1.now + 40 * SECOND });
    for (const s of [s1, s2]) expect(firstUnfrozen(s)).toBeUndefined();
    expect(s2.pods).not.toBe(s0.pods);
    expect(s1.images).toBe(s0.images);
  });

  it('freezes a state it was handed unfrozen (a restored snapshot) through', () => {
    const restored = clone(build());
    expect(Object.isFrozen(restored.pods)).toBe(false);
    const next = applyAction(restored, { type: 'clock/advance', to: restored.now + 5 * SECOND });
    expect(firstUnfrozen(next)).toBeUndefined();
  });
});
