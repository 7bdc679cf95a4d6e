import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { TINY_CPU, tinyScenarioYaml } from './tinyScenario.ts';

const IMAGE = `    - { ref: "registry.test/api:1", digest: "sha256:${'a'.repeat(64)}", size: 10Mi, binary: /api, shell: false, cpu: 10m, memory: 20Mi, logs: [] }`;

/**
 * A test cluster for the HorizontalPodAutoscaler: one node; `api` with two replicas and the given
 * `requests` (YAML flow map); traffic costing 1000m of CPU in all (the service-load fault); an HPA
 * on it at 60 % CPU, 2 to 10 replicas, plus `hpaFields` (YAML, starting with a comma) and more
 * workload items in `moreWorkloads` (their namespaces may be kube-system).
 */
export function autoscaledSession(requests: string, hpaFields = '', moreWorkloads = ''): Session {
  let yaml = tinyScenarioYaml({
    cpuModels: TINY_CPU,
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: IMAGE,
    workloads: `    - { name: api, namespace: default, replicas: 2, image: "registry.test/api:1", requests: ${requests} }${moreWorkloads}`,
    faults: '',
  }).replace('faults:\n\n', 'faults: [{ kind: service-load, images: ["registry.test/api:1"], total: 1000m }]\n')
    .replace('  history:', `  horizontalPodAutoscalers:\n    - { name: api, namespace: default, target: api, minReplicas: 2, maxReplicas: 10, cpuUtilization: 60${hpaFields} }\n  history:`);
  if (moreWorkloads) yaml = yaml.replace('namespaces: [default]', 'namespaces: [default, kube-system]');
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}
