/**
 * Two-container pods (a service and its log-shipping sidecar): READY counts both, a sidecar that
 * cannot pull keeps the pod at 1/2, `logs` defaults to the first container with kubectl's notice,
 * `logs -c` reaches the sidecar, and `describe pod` prints both containers exactly as the real
 * kubectl 1.33 does on the same objects (skipped, saying so, without ../shared).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { Session } from '../../src/core/session/session.ts';
import { tinyScenarioYaml } from '../../src/core/testing/tinyScenario.ts';
import { rfc3339 } from '../../src/core/time.ts';
import { runRealKubectl, whyNoRealKubectl } from './compare.ts';
import { exportState, ours } from './export.ts';

const CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';
const image = (ref: string, c: string, log: string) => `    - { ref: "${ref}", digest: "sha256:${c.repeat(64)}", size: 10Mi, binary: /app/run, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 0s, text: "${log}" }] }`;
const SHIPPER_OK = 'registry.test/log-shipper:1.8.2';
const SHIPPER_MISSING = 'registry.test/log-shipper:1.9.0';

/** `checkout` with a `log-shipper` sidecar; `shipper` picks its image (1.9.0 was never pushed). */
function cluster(shipper: string): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: CPU,
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: [image('registry.test/checkout:3.2.0', 'a', 'checkout listening on :8080'), image(SHIPPER_OK, 'b', 'shipping /var/log/app to loki'), image(SHIPPER_MISSING, 'd', 'never')].join('\n'),
    workloads: `    - { name: checkout, namespace: default, replicas: 1, image: "registry.test/checkout:3.2.0", ports: [8080], requests: { cpu: 100m }, sidecars: [{ name: log-shipper, image: "${shipper}", requests: { cpu: 20m }, limits: { cpu: 50m, memory: 64Mi } }] }`,
    faults: `  - { kind: image-pull, images: ["${SHIPPER_MISSING}"], cause: not-found }`,
  });
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}
const podName = (s: Session) => s.run('kubectl get pods -o name').output.trim().replace('pod/', '');

describe('a pod with a sidecar', () => {
  it('counts both containers in READY; logs defaults to the first with the notice, -c picks the sidecar', () => {
    const s = cluster(SHIPPER_OK);
    s.run('sleep 30');
    const pod = podName(s);
    expect(s.run('kubectl get pods').output).toMatch(new RegExp(`^NAME +READY   STATUS    RESTARTS   AGE\n${pod}   2/2     Running   0          30s\n$`));
    expect(s.run(`kubectl logs ${pod}`).output).toBe(`Defaulted container "checkout" out of: checkout, log-shipper\ncheckout listening on :8080\n`);
    expect(s.run(`kubectl logs ${pod} -c log-shipper`).output).toBe('shipping /var/log/app to loki\n');
    expect(s.run(`kubectl logs ${pod} -c nginx`).output).toBe(`error: container nginx is not valid for pod ${pod}\n`);
    expect(s.run(`kubectl get pod ${pod} -o jsonpath='{.spec.containers[*].name}'`).output).toBe('checkout log-shipper');
  });

  it('a sidecar that cannot pull holds the pod at 1/2 while the main container runs; fixing its image recovers 2/2', () => {
    const s = cluster(SHIPPER_MISSING);
    s.run('sleep 30');
    const pod = podName(s);
    expect(s.run('kubectl get pods --no-headers').output).toMatch(new RegExp(`^${pod}\\s+1/2\\s+ImagePullBackOff\\s+0\\s+30s\\n$`));
    expect(s.run(`kubectl logs ${pod} -c log-shipper`).output).toBe(`Error from server (BadRequest): container "log-shipper" in pod "${pod}" is waiting to start: trying and failing to pull image\n`);
    expect(s.run(`kubectl logs ${pod} -c checkout`).output).toBe('checkout listening on :8080\n');
    s.run(`kubectl set image deployment/checkout log-shipper=${SHIPPER_OK}`);
    s.run('sleep 60');
    expect(s.run('kubectl get pods --no-headers').output).toMatch(/^checkout-\w+-\w+\s+2\/2\s+Running\s+0\s+\d+s\n$/);
  });

  const noKubectl = whyNoRealKubectl();
  it.skipIf(noKubectl)(`describe pod prints both containers as the real kubectl 1.33 does${noKubectl ? ` (skipped: ${noKubectl})` : ''}`, () => {
    const s = cluster(SHIPPER_MISSING);
    s.run('sleep 30');
    const state = s.state;
    const line = `kubectl describe pod ${podName(s)} -n default --show-events=false`;
    const mine = ours(state, line);
    expect(mine).toContain('  log-shipper:\n');
    const real = runRealKubectl(exportState(state), line.split(' ').slice(1), rfc3339(state.now), (out) => out === mine);
    expect(real.stderr).toBe('');
    expect(mine).toBe(real.stdout);
  });
});
