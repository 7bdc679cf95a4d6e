import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.ts';
import { Session } from '../../session/session.ts';
import { tinyScenarioYaml } from '../../testing/tinyScenario.ts';

const CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';
const REF = 'registry.internal:5000/shop/web:3.1.0';

/** One node, a Deployment `web` of REF (binary /srv/web) and the given fault rules. */
function cluster(faults: string): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: CPU,
    nodes: '    - { name: node-1, ip: 10.0.0.10, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }',
    images: `    - { ref: "${REF}", digest: "sha256:${'e'.repeat(64)}", size: 10Mi, binary: /srv/web, shell: false, cpu: 10m, memory: 20Mi, logs: [{ after: 0s, text: "web up" }] }`,
    workloads: `    - { name: web, namespace: default, replicas: 1, image: "${REF}" }`,
    faults: '',
  }).replace('faults:\n\n', `faults: ${faults}\n`);
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}
const newestPod = (s: Session) => s.run('kubectl get pods --sort-by=.metadata.creationTimestamp -o name | tail -1').output.trim().replace('pod/', '');
const row = (s: Session) => s.run(`kubectl get pod ${newestPod(s)} --no-headers`).output.split(/\s+/).slice(1, 4).join(' ');
const eventsOf = (s: Session) => s.run(`kubectl describe pod ${newestPod(s)} | grep -A30 ^Events: | tail -n +4`).output;

describe('pod stages: volumes and sandbox', () => {
  it('a Secret volume whose Secret is missing: FailedMount with the volume manager back-off until it appears', () => {
    const s = cluster('[]');
    s.run('sleep 10');
    s.run(`kubectl patch deployment web -p '{"spec":{"template":{"spec":{"volumes":[{"name":"tls","secret":{"secretName":"web-tls"}}]}}}}'`);
    s.run('sleep 60');
    expect(row(s)).toBe('0/1 ContainerCreating 0');
    expect(eventsOf(s)).toMatch(/^ {2}Normal {3}Scheduled {4}60s {16}default-scheduler {2}Successfully assigned default\/web-\w+-\w+ to node-1\n {2}Warning {2}FailedMount {2}29s \(x7 over 60s\) {2}kubelet {12}MountVolume.SetUp failed for volume "tls" : secret "web-tls" not found\n$/);
    expect(s.run(`kubectl get pod ${newestPod(s)} -o jsonpath={.status.podIP}`).output).toBe('');
    s.run('ssh node-1');
    expect(s.run('journalctl -u kubelet --no-pager | grep nestedpendingoperations | tail -1 | cut -d] -f3-').output).toMatch(
      /^ Operation for "\{volumeName:kubernetes.io\/secret\/[0-9a-f-]+-tls podName:[0-9a-f-]+ nodeName:\}" failed\. No retries permitted until 2026-01-01 00:0\d:\d\d(\.\d+)? \+0000 UTC \(durationBeforeRetry 32s\)\. Error: MountVolume\.SetUp failed for volume "tls" : secret "web-tls" not found\n$/);
    s.run('exit');
    s.run('kubectl create secret generic web-tls --from-literal=tls.crt=x');
    s.run('sleep 130');
    expect(row(s)).toBe('1/1 Running 0');
  });

  it('a broken CNI: FailedCreatePodSandBox on every retry, no IP, ContainerCreating', () => {
    const s = cluster('[{ kind: cni-failure, nodes: [node-1], cause: ip-exhausted }]');
    s.run('sleep 45');
    expect(row(s)).toBe('0/1 ContainerCreating 0');
    // A new sandbox id on every attempt, so the events do not aggregate: one every 10 s.
    const lines = eventsOf(s).split('\n').filter(Boolean);
    expect(lines.map((l) => l.split(/\s+/).slice(1, 4).join(' '))).toEqual(['Normal Scheduled 45s', ...['45s', '35s', '25s', '15s', '5s'].map((a) => `Warning FailedCreatePodSandBox ${a}`)]);
    expect(lines[5]).toMatch(/ {3}kubelet {12}Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="aws-cni" name="aws-cni" failed \(add\): add cmd: failed to assign an IP address to container$/);
    expect(s.run(`kubectl describe pod ${newestPod(s)} | grep -e ^IP: -e PodReadyToStartContainers`).output).toBe('IP:               \n  PodReadyToStartContainers   False \n');
    s.run('ssh node-1');
    expect(s.run('journalctl -u containerd --no-pager | grep "RunPodSandbox" | tail -1 | cut -d" " -f8-').output).toMatch(
      /^msg="RunPodSandbox for &PodSandboxMetadata\{Name:web-\w+-\w+,Uid:[0-9a-f-]+,Namespace:default,Attempt:0,\} failed, error" error="failed to setup network for sandbox \\"[0-9a-f]{64}\\": plugin type=\\"aws-cni\\" name=\\"aws-cni\\" failed \(add\): add cmd: failed to assign an IP address to container"\n$/);
  });
});

describe('start stage', () => {
  it('an entry point the image lacks: RunContainerError, exit 128 StartError, then CrashLoopBackOff', () => {
    const s = cluster('[{ kind: start-fails, images: ["registry.internal:5000/shop/*"], cause: missing-entrypoint, command: /srv/web-server }]');
    s.run('sleep 3');
    expect(row(s)).toBe('0/1 RunContainerError 0');
    const desc = s.run(`kubectl describe pod ${newestPod(s)}`).output;
    expect(desc).toContain('    State:          Waiting\n      Reason:       RunContainerError\n    Last State:     Terminated\n      Reason:       StartError\n      Message:      failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/srv/web-server": stat /srv/web-server: no such file or directory: unknown\n      Exit Code:    128\n      Started:      Thu, 01 Jan 1970 00:00:00 +0000\n');
    s.run('sleep 60');
    expect(row(s)).toMatch(/^0\/1 (CrashLoopBackOff|RunContainerError) [2-4]$/);
    expect(s.run(`kubectl get events --field-selector reason=Failed -o custom-columns=COUNT:.count,MESSAGE:.message --no-headers`).output).toMatch(
      /^[3-5] +Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "\/srv\/web-server": stat \/srv\/web-server: no such file or directory: unknown\n$/);
  });

  it('a binary for another architecture: exec format error in the log, exit 255', () => {
    const s = cluster('[{ kind: start-fails, images: ["registry.internal:5000/shop/*"], cause: exec-format }]');
    s.run('sleep 5');
    const p = newestPod(s);
    expect(s.run(`kubectl logs ${p} --previous`).output).toBe('exec /srv/web: exec format error\n');
    expect(s.run(`kubectl describe pod ${p} | grep -A3 'Last State'`).output).toBe('    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    255\n      Started:      Thu, 01 Jan 2026 00:00:02 +0000\n');
  });

  it('containerd still holding the name: CreateContainerError, nothing created, retried', () => {
    const s = cluster('[{ kind: start-fails, images: ["registry.internal:5000/shop/*"], cause: name-reserved }]');
    s.run('sleep 30');
    expect(row(s)).toBe('0/1 CreateContainerError 0');
    const p = newestPod(s);
    expect(s.run(`kubectl get events --field-selector involvedObject.name=${p},reason=Failed -o custom-columns=COUNT:.count,MESSAGE:.message --no-headers`).output).toMatch(
      new RegExp(`^3 +Error: failed to reserve container name "web_${p}_default_[0-9a-f-]+_0": name "web_${p}_default_[0-9a-f-]+_0" is reserved for "[0-9a-f]{64}"\\n$`));
  });
});
