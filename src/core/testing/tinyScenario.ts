import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
/** One CPU model, `c`, indented for `cpuModels` (tests whose nodes need no particular CPU). */
export const TINY_CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';

/**
 * A minimal scenario file for core tests: one cluster, the caller's CPU models, nodes, images,
 * workloads, history and faults, and a single trivial round. Each part is YAML already indented
 * for its place (cluster fields by 2 spaces, list items by 4; `faults` items by 2).
 */
export function tinyScenarioYaml(parts: { cpuModels: string; nodes: string; images: string; workloads: string; history?: string; faults: string }): string {
  return `
schemaVersion: 1
id: tiny
title: Tiny
summary: A test cluster.
category: Test
difficulty: L1
duration: 1 min
domains: [Kubernetes]
cluster:
  name: test
  serverVersion: v1.31.4
  now: 2026-01-01T00:00:00Z
  cpuModels:
${parts.cpuModels}
  nodeDefaults:
    osImage: Ubuntu 22.04.5 LTS
    kernelRelease: 6.8.0-1021-aws
    kernelBuild: "#23"
    kubeletVersion: v1.31.4
    containerRuntimeVersion: containerd://1.7.24
    region: eu-west-1
    capacity: { cpu: "8", memory: 32Gi, pods: "58" }
    allocatable: { cpu: 7910m, memory: 31Gi, pods: "58" }
    rootDisk: { device: /dev/nvme0n1p1, size: 100G, used: 20G, inodes: 6553600, inodesUsed: 400000 }
  nodes:
${parts.nodes}
  images:
${parts.images}
  namespaces: [default]
  workloads:
${parts.workloads}
  history:
    - { ago: 0s, do: start }
${parts.history ?? ''}
faults:
${parts.faults}
rounds:
  - id: only
    title: Only
    skill: Testing
    prompt: tiny/01.mdx
    modelAnswer: tiny/01-model.mdx
    rubric:
      concepts: [{ id: x, label: X, weight: 1, claim: x, examples: [x] }]
      evidence: []
      penalties: []
      weakAnswers: []
      trap: { question: q, answer: a }
      seniorSignal: s
      hints: []
seniorPath: []
`;
}

/**
 * A one-node session for kind and API tests: an image `registry.test/web:1`, a Deployment `web` in
 * `namespace`, the extra `namespaces`, and `manifests` (YAML flow items, one per object) written
 * into `cluster.manifests`, more `workloads` and `faults` (YAML flow items, one per item); started and 5 s old.
 */
export function manifestSession(manifests: readonly string[], opts: { namespace?: string; namespaces?: readonly string[]; faults?: readonly string[]; workloads?: readonly string[] } = {}): Session {
  const ns = opts.namespace ?? 'default';
  const yaml = tinyScenarioYaml({
    cpuModels: TINY_CPU,
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: `    - { ref: "registry.test/web:1", digest: "sha256:${'a'.repeat(64)}", size: 10Mi, binary: /web, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 0s, text: "listening on :8080" }] }`,
    workloads: [`{ name: web, namespace: ${ns}, replicas: 1, image: "registry.test/web:1" }`, ...(opts.workloads ?? [])].map((w) => `    - ${w}`).join('\n'),
    faults: opts.faults?.length ? opts.faults.map((f) => `  - ${f}`).join('\n') : '  []',
  }).replace('  namespaces: [default]', `  namespaces: [${['default', ...(opts.namespaces ?? [])].join(', ')}]`)
    .replace('  history:\n', `  manifests:\n${manifests.map((m) => `    - ${m}`).join('\n')}\n  history:\n`);
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const s = Session.start(r.scenario);
  s.run('sleep 5');
  return s;
}
