import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { tinyScenarioYaml } from '../testing/tinyScenario.ts';

const CPU = '    c: { vendorId: GenuineIntel, modelName: CPU, family: 6, model: 106, stepping: 6, microcode: "0x1", mhz: 2900, cacheKb: 55296, bogomips: 5800, addressSizes: 46 bits physical, flags: "fpu sse" }';

function cluster(): Session {
  const yaml = tinyScenarioYaml({
    cpuModels: CPU,
    nodes: ['node-1', 'node-2'].map((n, i) => `    - { name: ${n}, ip: 10.0.0.1${i}, zone: eu-west-1a, instanceType: m5.2xlarge, cpu: c, age: 10d }`).join('\n'),
    images: `    - { ref: "registry.test/api:1", digest: "sha256:${'f'.repeat(64)}", size: 10Mi, binary: /api, shell: false, cpu: 10m, memory: 20Mi, logs: [] }`,
    workloads: '    - { name: api, namespace: default, replicas: 2, image: "registry.test/api:1" }',
    faults: '  []',
  });
  const r = parseScenario('scenarios/tiny.yaml', yaml);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return Session.start(r.scenario);
}

const ERR = 'failed to validate kubelet configuration, error: invalid configuration: systemReservedCgroup (--system-reserved-cgroup) must be specified when \\"system-reserved\\" contained in enforceNodeAllocatable (--enforce-node-allocatable), path: &TypeMeta{Kind:,APIVersion:,}';
const BREAK = "printf 'systemReserved:\\n  memory: 1Gi\\nenforceNodeAllocatable:\\n- pods\\n- system-reserved\\n' >> /var/lib/kubelet/config.yaml";

/** node-2's kubelet restarted on a config its validation refuses (what a hand edit did), then `wait` seconds. */
function broken(wait: number): Session {
  const s = cluster();
  s.run('ssh node-2');
  s.run(BREAK);
  expect(s.run('systemctl restart kubelet').output).toBe('');
  s.run(`sleep ${wait}`);
  return s;
}

describe('systemd and kubelet start-up on a node', () => {
  it('a kubelet that fails its config validation exits 1 and systemd restarts it every 10 s', () => {
    const s = broken(3);
    expect(s.run('systemctl status kubelet >/dev/null; echo $?').output).toBe('3\n');
    const status = s.run('systemctl status kubelet').output.split('\n');
    expect(status.slice(0, 6).join('\n')).toBe([
      '● kubelet.service - Kubernetes Kubelet',
      '     Loaded: loaded (/etc/systemd/system/kubelet.service; enabled; vendor preset: enabled)',
      '    Drop-In: /etc/systemd/system/kubelet.service.d',
      '             └─10-kubelet-args.conf',
      '     Active: activating (auto-restart) (Result: exit-code) since Thu 2026-01-01 00:00:00 UTC; 3s ago',
      '       Docs: https://kubernetes.io/docs/',
    ].join('\n'));
    expect(status[6]).toMatch(/^ {4}Process: (\d+) ExecStart=\/usr\/bin\/kubelet --config \/var\/lib\/kubelet\/config\.yaml --kubeconfig \/var\/lib\/kubelet\/kubeconfig --node-ip=10\.0\.0\.11 \(code=exited, status=1\/FAILURE\)$/);
    const pid = /Process: (\d+)/.exec(status[6])![1];
    expect(status.slice(7, 9)).toEqual([`   Main PID: ${pid} (code=exited, status=1/FAILURE)`, expect.stringMatching(/^ {8}CPU: \d+ms$/)]);
    expect(s.run('systemctl is-active kubelet; echo $?').output).toBe('activating\n3\n');
    s.run('sleep 20');
    const journal = s.run('journalctl -u kubelet -n 6 --no-pager').output;
    expect(journal.split('\n')[3].endsWith(`err="${ERR}"`)).toBe(true);
    expect(journal.split('\n')).toEqual([
      'Jan 01 00:00:20 node-2 systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 2.',
      'Jan 01 00:00:20 node-2 systemd[1]: Stopped Kubernetes Kubelet.',
      'Jan 01 00:00:20 node-2 systemd[1]: Started Kubernetes Kubelet.',
      expect.stringMatching(/^Jan 01 00:00:20 node-2 kubelet\[(\d+)\]: E0101 00:00:20\.000000 +\1 run\.go:74\] "command failed" err="(.*)"$/),
      'Jan 01 00:00:20 node-2 systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE',
      "Jan 01 00:00:20 node-2 systemd[1]: kubelet.service: Failed with result 'exit-code'.",
      '',
    ]);
  });

  it('the node goes NotReady, its pod is evicted after 300 s and stays Terminating while kubelet fails', () => {
    const s = broken(400);
    s.run('exit');
    expect(s.run('kubectl get nodes node-2 --no-headers').output).toMatch(/^node-2 +NotReady +<none> +10d +v1\.31\.4\n$/);
    expect(s.run('kubectl describe node node-2 | grep -A3 ^Lease:').output).toBe('Lease:\n  HolderIdentity:  node-2\n  AcquireTime:     <unset>\n  RenewTime:       Wed, 31 Dec 2025 23:57:02 +0000\n');
    expect(s.run("kubectl describe node node-2 | grep '^  Ready'").output).toBe('  Ready            Unknown   Wed, 31 Dec 2025 23:57:02 +0000   Thu, 01 Jan 2026 00:00:40 +0000   NodeStatusUnknown   Kubelet stopped posting node status.\n');
    expect(s.run('kubectl get pods --no-headers -o custom-columns=NODE:.spec.nodeName,DELETING:.metadata.deletionTimestamp --sort-by=.spec.nodeName').output)
      .toBe('node-1   <none>\nnode-1   <none>\nnode-2   2026-01-01T00:06:10Z\n');
    // A restart with the config unchanged fails the same way.
    s.run('ssh node-2');
    s.run('systemctl restart kubelet');
    expect(s.run('journalctl -u kubelet -n 3 --no-pager').output.replace(/\[\d+\]: (E0101 [\d:.]+) +\d+ /, '[PID]: $1 PID ')).toBe(`Jan 01 00:06:40 node-2 kubelet[PID]: E0101 00:06:40.000000 PID run.go:74] "command failed" err="${ERR}"\nJan 01 00:06:40 node-2 systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE\nJan 01 00:06:40 node-2 systemd[1]: kubelet.service: Failed with result 'exit-code'.\n`);
    expect(s.run('systemctl is-active kubelet').output).toBe('activating\n');
  });

  it('with the config repaired, systemctl restart kubelet brings the node Ready, renews its Lease and finishes the evicted pod', () => {
    const s = broken(400);
    s.run("sed -i '/system-reserved/d' /var/lib/kubelet/config.yaml");
    s.run('systemctl restart kubelet');
    s.run('sleep 2');
    expect(s.run('systemctl status kubelet').output.split('\n')[4]).toBe('     Active: active (running) since Thu 2026-01-01 00:06:40 UTC; 2s ago');
    expect(s.run('journalctl -u kubelet -n 6 --no-pager').output).toMatch(/\] "Successfully registered node" node="node-2"\n$/);
    s.run('exit');
    expect(s.run('kubectl get nodes node-2 --no-headers').output).toMatch(/^node-2 +Ready +/);
    expect(s.run('kubectl get node node-2 -o jsonpath={.spec.taints}').output).toBe('');
    expect(s.run("kubectl describe node node-2 | grep -A3 '^Lease:' | tail -1").output).toBe('  RenewTime:       Thu, 01 Jan 2026 00:06:40 +0000\n');
    s.run('sleep 40');
    expect(s.run("kubectl describe node node-2 | grep -A3 '^Lease:' | tail -1").output).toMatch(/^ {2}RenewTime: +Thu, 01 Jan 2026 00:07:\d\d \+0000\n$/);
    expect(s.run('kubectl get pods --no-headers -o custom-columns=NODE:.spec.nodeName,STATUS:.status.phase').output).toBe('node-1   Running\nnode-1   Running\n');
    expect(s.run('kubectl get events --field-selector involvedObject.kind=Node,reason=NodeReady -o custom-columns=SOURCE:.source.component,MESSAGE:.message --no-headers').output).toBe('kubelet   Node node-2 status is now: NodeReady\n');
  });

  it('fixed without a restart, the next automatic restart brings kubelet up', () => {
    const s = broken(60);
    s.run("sed -i '/system-reserved/d' /var/lib/kubelet/config.yaml");
    s.run('sleep 10');
    expect(s.run('systemctl is-active kubelet; echo $?').output).toBe('active\n0\n');
  });

  it('containerd stopped: kubelet cannot reach the CRI socket at start; starting containerd first lets it come up', () => {
    const s = cluster();
    s.run('ssh node-2');
    s.run('systemctl stop containerd');
    expect(s.run('systemctl status containerd').output.split('\n').slice(0, 3).join('\n')).toBe('○ containerd.service - containerd container runtime\n     Loaded: loaded (/lib/systemd/system/containerd.service; enabled; vendor preset: enabled)\n     Active: inactive (dead) since Thu 2026-01-01 00:00:00 UTC; now');
    s.run('systemctl restart kubelet');
    expect(s.run('journalctl -u kubelet -n 3 --no-pager | head -1').output.replace(/\[\d+\]: (E0101 [\d:.]+) +\d+ /, '[PID]: $1 PID ')).toBe('Jan 01 00:00:00 node-2 kubelet[PID]: E0101 00:00:00.000000 PID run.go:74] "command failed" err="failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///run/containerd/containerd.sock\\": rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory\\""\n');
    s.run('systemctl start containerd');
    s.run('systemctl restart kubelet');
    expect(s.run('systemctl is-active containerd kubelet').output).toBe('active\nactive\n');
    expect(s.run('systemctl restart nope; echo $?').output).toBe('Failed to restart nope.service: Unit nope.service not found.\n5\n');
  });

  it('containerd stopped under a running kubelet: crictl cannot connect, 30 s later kubelet reports the runtime down (Ready False, Lease still renewed); starting containerd heals it', () => {
    const s = cluster();
    s.run('sleep 30');
    s.run('ssh node-1');
    s.run('systemctl stop containerd');
    expect(s.run('crictl ps; echo $?').output).toBe('FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"\n1\n');
    s.run('exit');
    s.run('sleep 29');
    expect(s.run('kubectl get nodes node-1 --no-headers').output).toMatch(/^node-1 +Ready /);
    s.run('sleep 61');
    expect(s.run('kubectl get nodes node-1 --no-headers').output).toMatch(/^node-1 +NotReady /);
    expect(s.run("kubectl describe node node-1 | grep -e '^  Ready' -e RenewTime").output).toBe(
      '  RenewTime:       Thu, 01 Jan 2026 00:02:00 +0000\n  Ready            False   Thu, 01 Jan 2026 00:01:00 +0000   Thu, 01 Jan 2026 00:01:00 +0000   KubeletNotReady              container runtime is down\n');
    expect(s.run('kubectl get node node-1 -o jsonpath={.spec.taints[*].key}').output).toBe('node.kubernetes.io/not-ready node.kubernetes.io/not-ready');
    s.run('ssh node-1');
    s.run('systemctl start containerd');
    expect(s.run('crictl ps -q | wc -l').output).toBe('1\n');
    s.run('exit');
    expect(s.run('kubectl get nodes node-1 --no-headers').output).toMatch(/^node-1 +Ready /);
  });
});
