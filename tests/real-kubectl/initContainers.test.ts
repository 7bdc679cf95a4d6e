import { describe, expect, it } from 'vitest';
import { initSession } from '../../src/core/testing/initialized.ts';
import { rfc3339 } from '../../src/core/time.ts';
import { compareWithRealKubectl, whyNoRealKubectl } from './compare.ts';

const noKubectl = whyNoRealKubectl();

/** Pods with init containers and sidecars as the real kubectl 1.33 describes them, through kube-fake-api. */
describe.skipIf(!!noKubectl)(`init containers described by the real kubectl (${noKubectl ?? 'kubectl 1.33 present'})`, () => {
  for (const [when, init, seconds] of [
    ['Init:1/2: the sidecar running, the migration running', undefined, 4],
    ['Running: the migration completed, the sidecar and the app running', undefined, 10],
    ['Init:CrashLoopBackOff: a migration that exits 1', '[{ name: migrate, image: "registry.test/migrate:bad" }]', 40],
  ] as const) {
    it(when, () => {
      const s = initSession(init ? { init } : {});
      s.run(`sleep ${seconds}`);
      const name = s.run('kubectl get pods -o name').output.trim().replace('pod/', '');
      const ours = s.run(`kubectl describe pod ${name}`).output;
      const json = (line: string) => JSON.parse(s.run(line).output) as { items: unknown[] };
      const real = compareWithRealKubectl([...json('kubectl get pods -o json').items, ...json('kubectl get events -o json').items], 'pod', name, 'default', ours, rfc3339(s.now));
      expect(real.stderr).toBe('');
      expect(ours).toMatch(/\nInit Containers:\n {2}\w+:\n/);
      expect(ours).toBe(real.real);
    }, 90_000);
  }
});
