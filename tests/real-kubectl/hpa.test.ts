import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { Session } from '../../src/core/session/session.ts';
import { tinyScenarioYaml } from '../../src/core/testing/tinyScenario.ts';
import { rfc3339 } from '../../src/core/time.ts';
import { compareWithRealKubectl, whyNoRealKubectl } from './compare.ts';

const noKubectl = whyNoRealKubectl();
const CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';

/** An HPA on `api` under load, with the given CPU request (none: the HPA cannot compute) and behavior. */
function session(requests: string, behavior: string): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: CPU,
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: `    - { ref: "registry.test/api:1", digest: "sha256:${'a'.repeat(64)}", size: 10Mi, binary: /api, shell: false, cpu: 10m, memory: 20Mi, logs: [] }`,
    workloads: `    - { name: api, namespace: default, replicas: 2, image: "registry.test/api:1", requests: ${requests} }`,
    faults: '',
  }).replace('faults:\n\n', 'faults: [{ kind: service-load, images: ["registry.test/api:1"], total: 1000m }]\n')
    .replace('  history:', `  horizontalPodAutoscalers:\n    - { name: api, namespace: default, target: api, minReplicas: 2, maxReplicas: 10, cpuUtilization: 60${behavior} }\n  history:`);
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const s = Session.start(r.scenario);
  s.run('sleep 600');
  return s;
}

/** The simulator's HorizontalPodAutoscaler as the real kubectl 1.33 describes it, through kube-fake-api. */
describe.skipIf(!!noKubectl)(`HorizontalPodAutoscaler described by the real kubectl (${noKubectl ?? 'kubectl 1.33 present'})`, () => {
  for (const [title, requests, behavior] of [
    ['scaled out, with a behavior', '{ cpu: 200m, memory: 256Mi }', ', behavior: { scaleDown: { stabilizationWindowSeconds: 60 } }'],
    ['unable to compute: a container without a CPU request', '{ memory: 256Mi }', ''],
  ] as const) {
    it(title, () => {
      const s = session(requests, behavior);
      const ours = s.run('kubectl describe hpa api').output;
      const json = (line: string) => JSON.parse(s.run(line).output) as { items: unknown[] };
      const real = compareWithRealKubectl([...json('kubectl get hpa -o json').items, ...json('kubectl get events -o json').items], 'horizontalpodautoscalers', 'api', 'default', ours, rfc3339(s.now));
      expect(real.stderr).toBe('');
      expect(ours).toBe(real.real);
    });
  }
});
