import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findKubectl133 } from '../../../../../../tests/real-kubectl/compare.ts';
import { manifestSession } from '../../../../testing/tinyScenario.ts';

const realKubectl = findKubectl133();

describe.skipIf(!realKubectl)(`kubectl edit|wait|cp|port-forward --help${realKubectl ? '' : ' (skipped: no kubectl.1.33 beside kubectl)'}`, () => {
  it.each(['edit', 'wait', 'cp', 'port-forward'])('kubectl %s --help prints the whole help of kubectl 1.33', (verb) => {
    const s = manifestSession(['{ apiVersion: v1, kind: ConfigMap, metadata: { name: c, namespace: default } }']);
    const real = spawnSync(realKubectl!, [verb, '--help'], { encoding: 'utf8' }).stdout;
    expect(s.run(`kubectl ${verb} --help`).output).toBe(real);
  });
});
