import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { TINY_CPU, tinyScenarioYaml } from '../testing/tinyScenario.ts';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const IMAGES = [
  `    - { ref: "registry.test/web:1", digest: "${digest('a')}", size: 10Mi, binary: /web, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 0s, text: "listening on :8080" }] }`,
  `    - { ref: "registry.test/migrate:1", digest: "${digest('b')}", size: 10Mi, binary: /migrate, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 1s, text: "applied 3 migrations" }], exit: { after: 3s, code: 0 } }`,
  `    - { ref: "registry.test/proxy:1", digest: "${digest('c')}", size: 10Mi, binary: /proxy, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 0s, text: "proxy ready" }] }`,
].join('\n');

/** One node; Deployment `web` whose pods run the `proxy` sidecar and the `migrate` init container first (`init` overrides them). */
function cluster(opts: { init?: string; faults?: string; restartPolicy?: string } = {}): Session {
  const init = opts.init ?? '[{ name: proxy, image: "registry.test/proxy:1", restartPolicy: Always }, { name: migrate, image: "registry.test/migrate:1" }]';
  const yaml = tinyScenarioYaml({
    cpuModels: TINY_CPU,
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: IMAGES,
    workloads: `    - { name: web, namespace: default, replicas: 1, image: "registry.test/web:1", initContainers: ${init} }`,
    faults: '',
  }).replace('faults:\n\n', `faults: ${opts.faults ?? '[]'}\n`);
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}
const pod = (s: Session) => s.run('kubectl get pods -o name').output.trim().replace('pod/', '');
const row = (s: Session) => s.run('kubectl get pods --no-headers').output.trim().split(/\s+/).slice(1, 4).join(' ');

describe('init containers and native sidecars', () => {
  it('run in order before the app: Init:0/2, Init:1/2, PodInitializing, then Running with the sidecar counted in READY', () => {
    const s = cluster();
    expect(row(s)).toBe('0/2 Init:0/2 0');
    s.run('sleep 2');
    expect(row(s)).toBe('1/2 Init:1/2 0');
    s.run('sleep 4');
    expect(row(s)).toBe('1/2 PodInitializing 0');
    expect(s.run(`kubectl get pod ${pod(s)} -o jsonpath='{.status.phase} {.status.conditions[?(@.type=="Initialized")].status}'`).output).toBe('Pending True');
    s.run('sleep 1');
    expect(row(s)).toBe('2/2 Running 0');
    expect(s.run(`kubectl logs ${pod(s)} -c migrate`).output).toBe('applied 3 migrations\n');
    expect(s.run(`kubectl logs ${pod(s)} -c proxy`).output).toBe('proxy ready\n');
    expect(s.run(`kubectl get pod ${pod(s)} -o jsonpath='{range .status.initContainerStatuses[*]}{.name} {.ready} {.started} {.state.running.startedAt} {.state.terminated.reason} {.state.terminated.startedAt} {.state.terminated.finishedAt}{"\\n"}{end}'`).output)
      .toBe('proxy true true 2026-01-01T00:00:02Z   \nmigrate false false  Completed 2026-01-01T00:00:03Z 2026-01-01T00:00:06Z\n');
    // Events name init containers by spec.initContainers{…}, in the order kubelet ran them.
    expect(s.run('kubectl get events --sort-by=.lastTimestamp -o custom-columns=AT:.lastTimestamp,REASON:.reason,OBJECT:.involvedObject.fieldPath --no-headers | grep Started').output).toBe([
      '2026-01-01T00:00:02Z   Started             spec.initContainers{proxy}',
      '2026-01-01T00:00:03Z   Started             spec.initContainers{migrate}',
      '2026-01-01T00:00:07Z   Started             spec.containers{web}',
      '',
    ].join('\n'));
  });
});
