import type { Host } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import { containerScopePath, podSlicePath } from '../sim/cgroup.ts';
import { containerMemoryBytes, memoryLimitBytes } from '../sim/memory.ts';
import { quantityNumber } from '../model/quantity.ts';
import type { Pod } from '../model/k8s.ts';
import { addStats, containerCpuStat, cpuLimitMilli, cpuMaxText, cpuRequestMilli, cpuStatText, cpuWeight, ZERO_STAT, type CpuStat } from '../sim/cpu.ts';
import { shimPid } from './processes.ts';

type Files = [string, () => string][];

const CONTROLLERS = 'cpuset cpu io memory hugetlb pids rdma misc\n';
const PRESSURE = 'some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n';
const page = (b: number) => Math.floor(b / 4096) * 4096;
const events = (max: number, oom: number) => `low 0\nhigh 0\nmax ${max}\noom ${oom}\noom_kill ${oom}\noom_group_kill ${oom}\n`;

/** What one cgroup directory holds, rendered lazily. */
export interface Group {
  procs?: () => number[];
  /** Whether it delegates controllers to children (a slice) or holds processes (a scope or service). */
  slice: boolean;
  cpuMax: () => string;
  cpuWeight: () => number;
  cpuStat: () => CpuStat;
  memMax?: number;
  memCurrent: () => number;
  memPeak?: () => number;
  memEvents?: () => string;
  oomGroup?: boolean;
  /** Descendant cgroups, for cgroup.stat. */
  descendants?: number;
}

/**
 * The interface files of one cgroup v2 directory as kernel 6.x creates them with the cpuset, cpu,
 * io, memory, hugetlb, pids, rdma and misc controllers enabled from its parent (a subset: those an
 * engineer reads in an incident), in the kernel's order. Knobs kubelet and systemd set carry their
 * values; statistics come from the models (groupFile).
 */
export const GROUP_FILES: readonly string[] = [
  'cgroup.controllers', 'cgroup.events', 'cgroup.freeze', 'cgroup.max.depth', 'cgroup.max.descendants', 'cgroup.procs',
  'cgroup.stat', 'cgroup.subtree_control', 'cgroup.threads', 'cgroup.type', 'cpu.idle', 'cpu.max', 'cpu.max.burst',
  'cpu.pressure', 'cpu.stat', 'cpu.weight', 'cpu.weight.nice', 'io.pressure', 'memory.current', 'memory.events',
  'memory.high', 'memory.low', 'memory.max', 'memory.min', 'memory.oom.group', 'memory.peak', 'memory.pressure',
  'memory.swap.current', 'memory.swap.max', 'pids.current', 'pids.max',
];
const GROUP_FILE_NAMES = new Set(GROUP_FILES);

/** The text of interface file `name` (one of GROUP_FILES) of a cgroup directory that holds `g`. */
function groupFile(g: Group, name: string): string {
  switch (name) {
    case 'cgroup.controllers': return CONTROLLERS;
    case 'cgroup.events': return `populated ${g.slice || (g.procs?.().length ?? 0) > 0 ? 1 : 0}\nfrozen 0\n`;
    case 'cgroup.procs': case 'cgroup.threads': return (g.procs?.() ?? []).map((p) => `${p}\n`).join('');
    case 'cgroup.stat': return `nr_descendants ${g.descendants ?? 0}\nnr_dying_descendants 0\n`;
    case 'cgroup.subtree_control': return g.slice ? CONTROLLERS : '\n';
    case 'cgroup.type': return 'domain\n';
    case 'cgroup.max.depth': case 'cgroup.max.descendants': case 'memory.high': case 'pids.max': return 'max\n';
    case 'cpu.max': return g.cpuMax();
    case 'cpu.stat': return cpuStatText(g.cpuStat());
    case 'cpu.weight': return `${g.cpuWeight()}\n`;
    case 'cpu.pressure': case 'io.pressure': case 'memory.pressure': return PRESSURE;
    case 'memory.current': return `${page(g.memCurrent())}\n`;
    case 'memory.events': return g.memEvents ? g.memEvents() : events(0, 0);
    case 'memory.max': return `${g.memMax ?? 'max'}\n`;
    case 'memory.oom.group': return g.oomGroup ? '1\n' : '0\n';
    case 'memory.peak': return `${page((g.memPeak ?? g.memCurrent)())}\n`;
    case 'memory.swap.max': return g.oomGroup ? '0\n' : 'max\n';
    case 'pids.current': return `${g.procs?.().length ?? 0}\n`;
    // cgroup.freeze, cpu.idle, cpu.max.burst, cpu.weight.nice, memory.low, memory.min, memory.swap.current
    default: return '0\n';
  }
}

/**
 * One piece of a node's /sys/fs/cgroup (and /proc/PID/cgroup): a single file, or a cgroup
 * directory whose GROUP_FILES render from its `group`. What a directory holds is decided here;
 * its files' text is rendered only when read.
 */
export type CgroupItem = { path: string; render: () => string } | { dir: string; group: Group };

/** Where an item sits: the file's path, or the directory's path followed by `/`. */
export const itemPath = (i: CgroupItem): string => ('dir' in i ? `${i.dir}/` : i.path);

/** The renderer of `abs` among `items`, by its directory's group or as a single file; undefined when none renders it. */
export function cgroupRenderer(items: readonly CgroupItem[], abs: string): (() => string) | undefined {
  const slash = abs.lastIndexOf('/');
  const dir = abs.slice(0, slash);
  const name = abs.slice(slash + 1);
  let found: (() => string) | undefined;
  // The last item naming a path wins, as it would in a Map built from cgroupFiles.
  for (const i of items) {
    if ('dir' in i) {
      if (i.dir === dir && GROUP_FILE_NAMES.has(name)) found = () => groupFile(i.group, name);
    } else if (i.path === abs) found = i.render;
  }
  return found;
}

/** The pods on `host` that have a sandbox there, with it. */
function podsOn(state: ClusterState, host: Host) {
  const out: { pod: Pod; sandbox: Host['sandboxes'][number] }[] = [];
  for (const pod of Object.values(state.pods)) {
    if (pod.spec.nodeName !== host.name) continue;
    const sandbox = host.sandboxes.find((s) => s.podUid === pod.metadata.uid);
    if (sandbox) out.push({ pod, sandbox });
  }
  return out;
}

/** Sum of the CPU counters of every container that ran in the pod. */
function podCpuStat(state: ClusterState, host: Host, pod: Pod): CpuStat {
  return host.containers.filter((rc) => rc.podUid === pod.metadata.uid).reduce((sum, rc) => addStats(sum, containerCpuStat(state, pod, rc)), ZERO_STAT);
}

const podMemory = (state: ClusterState, pod: Pod) => pod.spec.containers.reduce((n, c) => n + containerMemoryBytes(state, pod, c.name), 0) + 2 * 1024 * 1024;

/**
 * /sys/fs/cgroup on a node (cgroup v2, systemd driver), rendered at state.now: the root's files,
 * systemd's slices (system.slice with containerd and kubelet, user.slice, init.scope), and
 * kubelet's tree — kubepods.slice, its burstable and besteffort slices, one slice per pod and one
 * `cri-containerd-<id>.scope` per running container and per ready sandbox (the pause process).
 * A pod slice's `cpu.max` is the sum of its containers' quotas when every container has a CPU
 * limit (else `max`), `cpu.weight` comes from the summed requests, and `cpu.stat`, `memory.*` are
 * hierarchical sums as the kernel keeps them; a pod slice's `memory.events` counts every OOM kill
 * the pod had (the killed container's scope is gone). `memory.oom.group` is 1 in container scopes
 * (kubelet ≥ 1.28 on cgroup v2).
 */
export function cgroupItems(state: ClusterState, host: Host): CgroupItem[] {
  const out: CgroupItem[] = [];
  const file = (path: string, render: () => string) => out.push({ path, render });
  const root = '/sys/fs/cgroup';
  const pods = podsOn(state, host);
  const sumCpu = (list: typeof pods) => () => list.reduce((s, p) => addStats(s, podCpuStat(state, host, p.pod)), ZERO_STAT);
  const sumMem = (list: typeof pods) => () => list.reduce((n, p) => n + podMemory(state, p.pod), 0);
  const sumWeight = (list: typeof pods) => () => cpuWeight(list.reduce((n, p) => n + p.pod.spec.containers.reduce((m, c) => m + cpuRequestMilli(c), 0), 0));
  file(`${root}/cgroup.controllers`, () => CONTROLLERS);
  file(`${root}/cgroup.max.depth`, () => 'max\n');
  file(`${root}/cgroup.max.descendants`, () => 'max\n');
  file(`${root}/cgroup.procs`, () => '1\n2\n');
  file(`${root}/cgroup.stat`, () => `nr_descendants ${8 + pods.length * 3}\nnr_dying_descendants 0\n`);
  file(`${root}/cgroup.subtree_control`, () => CONTROLLERS);
  file(`${root}/cgroup.threads`, () => '1\n2\n');
  file(`${root}/cpu.pressure`, () => PRESSURE);
  file(`${root}/cpu.stat`, () => cpuStatText(sumCpu(pods)()));
  file(`${root}/cpuset.cpus.effective`, () => `0-${host.cpu.cores - 1}\n`);
  file(`${root}/cpuset.mems.effective`, () => '0\n');
  file(`${root}/io.pressure`, () => PRESSURE);
  file(`${root}/memory.pressure`, () => PRESSURE);
  const group = (dir: string, g: Group) => out.push({ dir, group: g });
  const units = Object.values(host.units);
  const unitGroup = (name: string): Group => {
    const u = host.units[name];
    const shims = name === 'containerd.service' ? host.sandboxes.filter((s) => s.state === 'SANDBOX_READY').map((s) => shimPid(s.id)) : [];
    return { slice: false, procs: () => [...(u && u.mainPid > 0 ? [u.mainPid] : []), ...shims].sort((a, b) => a - b), cpuMax: () => 'max 100000\n', cpuWeight: () => 100, cpuStat: () => ({ ...ZERO_STAT, usageUsec: Math.round((u?.cpuMs ?? 0) * 1000), userUsec: Math.round((u?.cpuMs ?? 0) * 850), systemUsec: Math.round((u?.cpuMs ?? 0) * 150) }), memCurrent: () => u?.memoryBytes ?? 0 };
  };
  const sys = `${root}/system.slice`;
  const unitNames = units.map((u) => u.name).sort();
  group(sys, { slice: true, cpuMax: () => 'max 100000\n', cpuWeight: () => 100, cpuStat: () => ZERO_STAT, memCurrent: () => units.reduce((n, u) => n + u.memoryBytes, 0), descendants: unitNames.length });
  for (const u of unitNames) group(`${sys}/${u}`, unitGroup(u));
  group(`${root}/init.scope`, { slice: false, procs: () => [1], cpuMax: () => 'max 100000\n', cpuWeight: () => 100, cpuStat: () => ZERO_STAT, memCurrent: () => 13_369_344 });
  group(`${root}/user.slice`, { slice: true, cpuMax: () => 'max 100000\n', cpuWeight: () => 100, cpuStat: () => ZERO_STAT, memCurrent: () => 9_437_184 });

  const node = state.nodes[host.name];
  if (!node) return out;
  // kubelet caps all pods together at capacity minus the reservations (allocatable + eviction threshold).
  const kube = `${root}/kubepods.slice`;
  const kubeMax = page(quantityNumber(node.status.allocatable.memory) + 100 * 1024 * 1024);
  const cores = quantityNumber(node.status.allocatable.cpu);
  group(kube, { slice: true, cpuMax: () => 'max 100000\n', cpuWeight: () => cpuWeight(Math.round(cores * 1000)), cpuStat: sumCpu(pods), memMax: kubeMax, memCurrent: sumMem(pods), descendants: 2 + pods.length * 3 });
  for (const tier of ['burstable', 'besteffort'] as const) {
    const inTier = pods.filter((p) => podSlicePath(p.pod).includes(`kubepods-${tier}.slice/`));
    group(`${kube}/kubepods-${tier}.slice`, { slice: true, cpuMax: () => 'max 100000\n', cpuWeight: tier === 'besteffort' ? () => 1 : sumWeight(inTier), cpuStat: sumCpu(inTier), memCurrent: sumMem(inTier), descendants: inTier.length * 3 });
  }
  for (const { pod, sandbox } of pods) {
    const slice = `${root}${podSlicePath(pod)}`;
    const limits = pod.spec.containers.map(cpuLimitMilli);
    const podLimit = limits.every((l) => l !== undefined) ? limits.reduce((a, b) => a! + b!, 0) : undefined;
    const mems = pod.spec.containers.map(memoryLimitBytes);
    const podMax = mems.every((l) => l !== undefined) ? mems.reduce((a, b) => a! + b!, 0) : undefined;
    const kills = sandbox.oomKills ?? 0;
    const running = host.containers.filter((rc) => rc.podUid === pod.metadata.uid && rc.state === 'CONTAINER_RUNNING');
    group(slice, {
      slice: true, cpuMax: () => `${cpuMaxText(podLimit)}\n`, cpuWeight: () => cpuWeight(pod.spec.containers.reduce((n, c) => n + cpuRequestMilli(c), 0)),
      cpuStat: () => podCpuStat(state, host, pod), memMax: podMax, memCurrent: () => podMemory(state, pod),
      memPeak: () => (kills > 0 && podMax ? podMax : podMemory(state, pod)), memEvents: () => events(kills * 911, kills), descendants: running.length + 1,
    });
    if (sandbox.state === 'SANDBOX_READY') {
      group(`${slice}/cri-containerd-${sandbox.id}.scope`, { slice: false, procs: () => [shimPid(sandbox.id) + 20], cpuMax: () => 'max 100000\n', cpuWeight: () => 1, cpuStat: () => ZERO_STAT, memCurrent: () => 40_960, oomGroup: true });
    }
    for (const rc of running) {
      const container = pod.spec.containers.find((c) => c.name === rc.name);
      if (!container) continue;
      // cgroup v2's one line per process: hierarchy 0, no controllers, the path.
      file(`/proc/${rc.pid}/cgroup`, () => `0::${containerScopePath(pod, rc.id)}\n`);
      const used = () => containerMemoryBytes(state, pod, rc.name);
      group(`${root}${containerScopePath(pod, rc.id)}`, {
        slice: false, procs: () => [rc.pid], cpuMax: () => `${cpuMaxText(cpuLimitMilli(container))}\n`, cpuWeight: () => cpuWeight(cpuRequestMilli(container)),
        cpuStat: () => containerCpuStat(state, pod, rc), memMax: memoryLimitBytes(container), memCurrent: used, oomGroup: true,
      });
    }
  }
  return out;
}

/** Every file of cgroupItems with its renderer, by absolute path, in the tree's order. */
export function cgroupFiles(state: ClusterState, host: Host): Files {
  const out: Files = [];
  for (const i of cgroupItems(state, host)) {
    if ('dir' in i) for (const name of GROUP_FILES) out.push([`${i.dir}/${name}`, () => groupFile(i.group, name)]);
    else out.push([i.path, i.render]);
  }
  return out;
}
