import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { TINY_CPU, tinyScenarioYaml } from './tinyScenario.ts';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const IMAGES = [
  `    - { ref: "registry.test/web:1", digest: "${digest('a')}", size: 10Mi, binary: /web, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 0s, text: "listening on :8080" }] }`,
  `    - { ref: "registry.test/migrate:1", digest: "${digest('b')}", size: 10Mi, binary: /migrate, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 1s, text: "applied 3 migrations" }], exit: { after: 3s, code: 0 } }`,
  `    - { ref: "registry.test/migrate:bad", digest: "${digest('d')}", size: 10Mi, binary: /migrate, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 1s, text: "error: relation \\"orders\\" already exists", stream: stderr }], exit: { after: 2s, code: 1 } }`,
  `    - { ref: "registry.test/proxy:1", digest: "${digest('c')}", size: 10Mi, binary: /proxy, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 0s, text: "proxy ready" }] }`,
].join('\n');

/**
 * One node; Deployment `web` whose pods run the `proxy` sidecar and the `migrate` init container
 * first (`init` overrides them, as a YAML flow list); `manifests` are more objects (YAML flow
 * items); `faults` the scenario's fault rules. Images: web:1 serves, migrate:1 exits 0 after 3 s,
 * migrate:bad exits 1 after 2 s, proxy:1 serves.
 */
export function initSession(opts: { init?: string; faults?: string; manifests?: readonly string[] } = {}): Session {
  const init = opts.init ?? '[{ name: proxy, image: "registry.test/proxy:1", restartPolicy: Always }, { name: migrate, image: "registry.test/migrate:1" }]';
  const yaml = tinyScenarioYaml({
    cpuModels: TINY_CPU,
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: IMAGES,
    workloads: `    - { name: web, namespace: default, replicas: 1, image: "registry.test/web:1", initContainers: ${init} }`,
    faults: '',
  }).replace('faults:\n\n', `faults: ${opts.faults ?? '[]'}\n`)
    .replace('  history:\n', opts.manifests ? `  manifests:\n${opts.manifests.map((m) => `    - ${m}`).join('\n')}\n  history:\n` : '  history:\n');
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}
