/**
 * crictl's runtime views on a scenario node: stats and statsp read the same CPU and memory models
 * as the cgroup files (a log agent held at its 200m limit shows just under 20 % of a CPU), inspectp
 * gives the sandbox's cgroup parent and IP, info the CRI plugin's configuration.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../scenario/parse.ts';
import { Session } from '../../../session/session.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..', '..');
function onAgentNode() {
  const r = parseScenario('scenarios/cpu-throttling.yaml', readFileSync(join(root, 'scenarios', 'cpu-throttling.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const s = Session.start(r.scenario);
  s.run(`ssh ${Object.values(s.state.pods).find((p) => p.metadata.name.startsWith('log-agent'))!.spec.nodeName}`);
  return s;
}
const CLEAR = '\x1b[2J\x1b[H';

describe('crictl stats, statsp, inspectp, info', () => {
  it('stats samples a second and prints CPU %, working set and writable layer per running container, by id', () => {
    const s = onAgentNode();
    const before = s.now;
    expect(s.run('crictl stats').output).toBe(CLEAR +
      'CONTAINER           NAME                CPU %               MEM                 DISK                INODES\n' +
      '181ecbc77ff6b       log-agent           19.65               66.9MB              118.8kB             24\n' +
      '6805d0acde1f7       order-api           30.94               186.1MB             53.25kB             18\n' +
      'd2174eb99bb60       coredns             0.42                20.59MB             118.8kB             24\n' +
      'ec4f9029919fd       kube-proxy          0.37                23.63MB             16.38kB             19\n' +
      'ed5d9c18b4dec       order-api           31.02               182.2MB             20.48kB             10\n');
    expect(s.now - before).toBeGreaterThanOrEqual(1000);
    expect(s.run('crictl stats -a --pod $(crictl pods -q --name log-agent)').output).toBe(CLEAR +
      'CONTAINER           NAME                CPU %               MEM                 DISK                INODES\n' +
      '181ecbc77ff6b       log-agent           19.69               66.9MB              118.8kB             24\n');
  });
  it('statsp sums each pod', () => {
    expect(onAgentNode().run('crictl statsp').output).toBe(CLEAR +
      'POD                          POD ID              CPU %               MEM\n' +
      'order-api-84744c7db8-58bv2   158ade28651e0       31.02               182.2MB\n' +
      'order-api-84744c7db8-8dns4   532ee1b8c7b1a       30.94               186.1MB\n' +
      'kube-proxy-hg6jm             9159fa34d1333       0.37                23.63MB\n' +
      'log-agent-lpv45              a0471650303a8       19.65               66.9MB\n' +
      'coredns-57679b47d7-mvl9n     ca652b9cfdb39       0.42                20.59MB\n');
  });
  it('inspectp names the pod slice and IP; info shows runc under the systemd cgroup driver', () => {
    const s = onAgentNode();
    expect(s.run('crictl inspectp $(crictl pods -q --name log-agent) | grep -e cgroupsPath -e \'"ip"\'').output).toBe(
      '      "ip": "10.244.0.8"\n        "cgroupsPath": "kubepods-burstable-poda28ee270_3f60_428a_80ca_98f6442f3b07.slice:cri-containerd:a0471650303a8c4e6e5effe0013f15184cd1b4b9eb3591ba150fb1a6cdd5eae0"\n');
    expect(s.run('crictl info | grep -i -e systemdcgroup -e sandboxImage').output).toBe('            "SystemdCgroup": true\n    "sandboxImage": "registry.k8s.io/pause:3.10",\n    "systemdCgroup": false,\n');
    expect(s.run('grep -e SystemdCgroup -e sandbox_image -e config_path /etc/containerd/config.toml').output).toBe('  sandbox_image = "registry.k8s.io/pause:3.10"\n  SystemdCgroup = true\n  config_path = "/etc/containerd/certs.d:/etc/docker/certs.d"\n');
    expect(s.run('crictl inspectp nope').output).toBe('FATA[0000] getting the pod sandbox status of "nope": rpc error: code = NotFound desc = an error occurred when try to find sandbox "nope": not found\n');
    expect(s.run('crictl version').output).toBe('Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v1.7.24\nRuntimeApiVersion:  v1\n');
  });
  it('the pod slice holds the cgroup files and one scope per running container plus the pause scope', () => {
    const s = onAgentNode();
    const slice = '/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-poda28ee270_3f60_428a_80ca_98f6442f3b07.slice';
    expect(s.run(`ls ${slice} | grep -v -e '^cgroup' -e '^memory' -e '^pids' -e '^io'`).output).toBe(
      'cpu.idle\ncpu.max\ncpu.max.burst\ncpu.pressure\ncpu.stat\ncpu.weight\ncpu.weight.nice\n' +
      'cri-containerd-181ecbc77ff6b6405768042c1edb4d4b956520cbd430378c91033e3a8b9a2c81.scope\ncri-containerd-a0471650303a8c4e6e5effe0013f15184cd1b4b9eb3591ba150fb1a6cdd5eae0.scope\n');
    expect(s.run(`cat ${slice}/cpu.max ${slice}/cri-containerd-181ecbc77ff6b6405768042c1edb4d4b956520cbd430378c91033e3a8b9a2c81.scope/cgroup.procs`).output).toMatch(/^20000 100000\n\d+\n$/);
    expect(s.run(`ls -l ${slice} | grep -e ' cpu.max$' -e ' cpu.stat$' -e ' memory.events$'`).output.replace(/ \w{3} \d\d \d\d:\d\d /g, ' DATE ')).toBe(
      '-rw-r--r-- 1 root root 0 DATE cpu.max\n-r--r--r-- 1 root root 0 DATE cpu.stat\n-r--r--r-- 1 root root 0 DATE memory.events\n');
  });
});
