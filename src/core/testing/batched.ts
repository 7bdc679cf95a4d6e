import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { TINY_CPU, tinyScenarioYaml } from './tinyScenario.ts';

/**
 * A test cluster for Jobs and CronJobs, written as manifests: one node; images `registry.test/report:1`
 * (works 30 s, exits 0), `registry.test/flaky:1` (exits 1 after 5 s) and `registry.test/slow:1`
 * (works 3 min, exits 0); plus the caller's
 * manifests (YAML list items indented by 4 spaces).
 */
export function batchSession(manifests: string): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: TINY_CPU,
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: [
      `    - { ref: "registry.test/report:1", digest: "sha256:${'c'.repeat(64)}", size: 10Mi, binary: /report, shell: false, cpu: 10m, memory: 20Mi, logs: [], exit: { after: 30s, code: 0 } }`,
      `    - { ref: "registry.test/flaky:1", digest: "sha256:${'d'.repeat(64)}", size: 10Mi, binary: /flaky, shell: false, cpu: 10m, memory: 20Mi, logs: [], exit: { after: 5s, code: 1 } }`,
      `    - { ref: "registry.test/slow:1", digest: "sha256:${'e'.repeat(64)}", size: 10Mi, binary: /slow, shell: false, cpu: 10m, memory: 20Mi, logs: [], exit: { after: 3m, code: 0 } }`,
    ].join('\n'),
    workloads: '    []',
    faults: '',
  }).replace('  workloads:\n    []', '  workloads: []').replace('faults:\n\n', 'faults: []\n').replace('  history:', `  manifests:\n${manifests}\n  history:`);
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}
