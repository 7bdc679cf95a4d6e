import type { Host } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import { containerScopePath, podSlicePath } from '../sim/cgroup.ts';
import { containerMemoryBytes, memoryLimitBytes } from '../sim/memory.ts';
import { quantityNumber } from '../model/quantity.ts';
import type { Pod } from '../model/k8s.ts';
import { addStats, containerCpuStat, cpuLimitMilli, cpuMaxText, cpuRequestMilli, cpuStatText, cpuWeight, ZERO_STAT } from '../sim/cpu.ts';

/**
 * The CPU controller's files of a pod slice (cgroup v2): `cpu.max` (the sum of the containers'
 * quotas when every container has a CPU limit, else `max`), `cpu.weight` (from the summed
 * requests) and `cpu.stat` summed over the pod's containers that ever ran (hierarchical, as the
 * kernel keeps it).
 */
function cpuFiles(state: ClusterState, host: Host, pod: Pod, slice: string): [string, () => string][] {
  const limits = pod.spec.containers.map(cpuLimitMilli);
  const podLimit = limits.every((l) => l !== undefined) ? limits.reduce((a, b) => a! + b!, 0) : undefined;
  const requests = pod.spec.containers.reduce((n, c) => n + cpuRequestMilli(c), 0);
  const stat = () => host.containers.filter((rc) => rc.podUid === pod.metadata.uid).reduce((sum, rc) => addStats(sum, containerCpuStat(state, pod, rc)), ZERO_STAT);
  return [
    [`${slice}/cpu.max`, () => `${cpuMaxText(podLimit)}\n`],
    [`${slice}/cpu.weight`, () => `${cpuWeight(requests)}\n`],
    [`${slice}/cpu.stat`, () => cpuStatText(stat())],
  ];
}

/**
 * The memory and CPU controllers' files under /sys/fs/cgroup (cgroup v2, systemd driver) for the
 * pods on one host, rendered at state.now from the memory model (sim/memory.ts) and the CPU model
 * (sim/cpu.ts: `cpu.max`, `cpu.weight`, `cpu.stat`): for every pod slice and every running
 * container scope `memory.max` (bytes or `max`), `memory.current`, `memory.peak`, `memory.events`
 * (`low high max oom oom_kill oom_group_kill`, one per line), `memory.high`, `memory.low`,
 * `memory.min`, `memory.swap.max`, `memory.oom.group` (1: kubelet ≥ 1.28 on cgroup v2).
 * A killed container's scope is gone; its pod slice keeps counting, so `memory.events` there
 * shows every OOM kill the pod had (memory.events is hierarchical).
 */
export function cgroupFiles(state: ClusterState, host: Host): [string, () => string][] {
  const out: [string, () => string][] = [];
  const page = (b: number) => Math.floor(b / 4096) * 4096;
  const events = (max: number, oom: number) => `low 0\nhigh 0\nmax ${max}\noom ${oom}\noom_kill ${oom}\noom_group_kill ${oom}\n`;
  const common = (dir: string, max: number | undefined, current: () => number, peak: () => number, ev: () => string, group: boolean) => {
    out.push(
      [`${dir}/memory.max`, () => `${max ?? 'max'}\n`],
      [`${dir}/memory.current`, () => `${page(current())}\n`],
      [`${dir}/memory.peak`, () => `${page(peak())}\n`],
      [`${dir}/memory.events`, ev],
      [`${dir}/memory.high`, () => 'max\n'],
      [`${dir}/memory.low`, () => '0\n'],
      [`${dir}/memory.min`, () => '0\n'],
      [`${dir}/memory.swap.max`, () => (group ? '0\n' : 'max\n')],
      [`${dir}/memory.oom.group`, () => (group ? '1\n' : '0\n')],
    );
  };
  const node = state.nodes[host.name];
  if (node) {
    // kubelet caps all pods together at capacity minus the reservations (allocatable + eviction threshold).
    const allocatable = quantityNumber(node.status.allocatable.memory);
    out.push([`/sys/fs/cgroup/kubepods.slice/memory.max`, () => `${page(allocatable + 100 * 1024 * 1024)}\n`]);
  }
  for (const pod of Object.values(state.pods)) {
    if (pod.spec.nodeName !== host.name) continue;
    const sandbox = host.sandboxes.find((s) => s.podUid === pod.metadata.uid);
    if (!sandbox) continue;
    const slice = `/sys/fs/cgroup${podSlicePath(pod)}`;
    out.push(...cpuFiles(state, host, pod, slice));
    const limits = pod.spec.containers.map(memoryLimitBytes);
    const podMax = limits.every((l) => l !== undefined) ? limits.reduce((a, b) => a! + b!, 0) : undefined;
    const sum = () => pod.spec.containers.reduce((n, c) => n + containerMemoryBytes(state, pod, c.name), 0) + 2 * 1024 * 1024;
    const kills = sandbox.oomKills ?? 0;
    common(slice, podMax, sum, () => (kills > 0 && podMax ? podMax : sum()), () => events(kills * 911, kills), false);
    for (const rc of host.containers) {
      if (rc.podUid !== pod.metadata.uid || rc.state !== 'CONTAINER_RUNNING') continue;
      const container = pod.spec.containers.find((c) => c.name === rc.name);
      if (!container) continue;
      const dir = `/sys/fs/cgroup${containerScopePath(pod, rc.id)}`;
      // cgroup v2's one line per process: hierarchy 0, no controllers, the path.
      out.push([`/proc/${rc.pid}/cgroup`, () => `0::${containerScopePath(pod, rc.id)}\n`]);
      const used = () => containerMemoryBytes(state, pod, rc.name);
      common(dir, memoryLimitBytes(container), used, used, () => events(0, 0), true);
      out.push(
        [`${dir}/cpu.max`, () => `${cpuMaxText(cpuLimitMilli(container))}\n`],
        [`${dir}/cpu.weight`, () => `${cpuWeight(cpuRequestMilli(container))}\n`],
        [`${dir}/cpu.stat`, () => cpuStatText(containerCpuStat(state, pod, rc))],
      );
    }
  }
  return out;
}
