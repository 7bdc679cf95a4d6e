import type { Node, Pod } from '../model/k8s.ts';
import type { Host } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { MINUTE, rfc3339 } from '../time.ts';
import { containerScopePath } from './cgroup.ts';
import { recordEvent } from './events.ts';
import { kubeletLog, stopPod, updatePodConditions } from './kubelet.ts';
import { containerMemoryBytes, memoryRequestBytes, oomScoreAdj } from './memory.ts';
import { formatQuantity, quantityNumber } from '../model/quantity.ts';
import { peekValues } from './peek.ts';
import type { ResourcePressure } from './faults/types.ts';
import { hashString, nextSerial } from './rng.ts';

/** kubelet's default hard eviction threshold for memory (`memory.available<100Mi`). */
export const EVICTION_THRESHOLD_BYTES = 100 * 1024 * 1024;
/** Pods at or above this priority (system-node-critical, system-cluster-critical) are never evicted. */
const CRITICAL_PRIORITY = 2_000_000_000;

interface Task { pid: number; uid: number; comm: string; rssBytes: number; adj: number; pod?: Pod; container?: string; containerId?: string }

const kb = (b: number) => Math.round(b / 1024);
const pages = (b: number) => Math.round(b / 4096);

/** Running containers on the host as the OOM killer sees them: pid, rss and oom_score_adj. */
function containerTasks(state: ClusterState, host: Host, capacity: number): Task[] {
  const tasks: Task[] = [];
  for (const pod of Object.values(state.pods)) {
    if (pod.spec.nodeName !== host.name || pod.status.phase !== 'Running') continue;
    for (const c of pod.spec.containers) {
      const rc = host.containers.find((r) => r.podUid === pod.metadata.uid && r.name === c.name && r.state === 'CONTAINER_RUNNING');
      if (!rc) continue;
      const comm = (state.images[c.image]?.binary ?? c.name).split('/').pop()!.slice(0, 15);
      tasks.push({ pid: rc.pid, uid: 1000, comm, rssBytes: containerMemoryBytes(state, pod, c.name), adj: oomScoreAdj(pod.status.qosClass, memoryRequestBytes(c), capacity, pod.spec.priority ?? 0), pod, container: c.name, containerId: rc.id });
    }
  }
  return tasks;
}

/** The kernel's oom_badness, normalised to a 0…2000 score: rss share of RAM in ‰ plus oom_score_adj. */
const badness = (t: Task, total: number) => (t.adj === -1000 ? -Infinity : (t.rssBytes * 1000) / total + t.adj);

function taskRow(t: Task, h: number): string {
  const file = 4096 * (900 + (h % 500));
  const anon = Math.max(0, t.rssBytes - file);
  const vm = t.rssBytes * 3 + 512 * 1024 * 1024;
  return `[${String(t.pid).padStart(7)}] ${String(t.uid).padStart(5)} ${String(t.pid).padStart(5)} ${String(pages(vm)).padStart(8)} ${String(pages(t.rssBytes)).padStart(8)} ${String(pages(anon)).padStart(8)} ${String(pages(file)).padStart(8)} ${'0'.padStart(9)} ${String(4096 * (60 + (h % 200))).padStart(14)} ${'0'.padStart(8)} ${String(t.adj).padStart(13)} ${t.comm}`;
}

/**
 * A global (not cgroup) OOM on a 6.x kernel: header, stack, Mem-Info, task table,
 * `oom-kill:constraint=CONSTRAINT_NONE,…,global_oom,…`, `Out of memory: Killed process …` and the
 * memory.oom.group lines when the victim is a container (mm/oom_kill.c).
 */
function globalOomLines(state: ClusterState, host: Host, instanceType: string, hog: Task, victim: Task, tasks: Task[]): string[] {
  const h = hashString(`${host.name}/${state.now}`);
  const total = host.memoryKb.total * 1024;
  const free = pages(Math.round(total * 0.006));
  const file = 4096 * (900 + (victim.pid % 500));
  const killed = `Out of memory: Killed process ${victim.pid} (${victim.comm}) total-vm:${kb(victim.rssBytes * 3 + 512 * 1024 * 1024)}kB, anon-rss:${kb(Math.max(0, victim.rssBytes - file))}kB, file-rss:${kb(file)}kB, shmem-rss:0kB, UID:${victim.uid} pgtables:${kb(4096 * (60 + (victim.pid % 200)))}kB oom_score_adj:${victim.adj}`;
  const scope = victim.pod && victim.containerId ? containerScopePath(victim.pod, victim.containerId) : '/system.slice';
  const lines = [
    `${hog.comm} invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=${hog.adj}`,
    `CPU: ${h % host.cpu.cores} PID: ${hog.pid} Comm: ${hog.comm} Not tainted ${host.kernelRelease} ${host.kernelBuild.split(' ')[0]}`,
    `Hardware name: Amazon EC2 ${instanceType}/, BIOS 1.0 10/16/2017`,
    'Call Trace:', ' <TASK>', ' dump_stack_lvl+0x48/0x70', ' dump_stack+0x10/0x20', ' dump_header+0x50/0x290', ' oom_kill_process+0x10d/0x1c0',
    ' out_of_memory+0x103/0x350', ' __alloc_pages_slowpath.constprop.0+0xc5b/0xe30', ' __alloc_pages+0x315/0x340', ' alloc_pages_mpol+0x91/0x210',
    ' folio_alloc+0x1d/0x60', ' __filemap_get_folio+0x121/0x2a0', ' filemap_fault+0x5a6/0xa20', ' __do_fault+0x36/0x150', ' do_fault+0x266/0x3e0',
    ' __handle_mm_fault+0x7b8/0xc30', ' handle_mm_fault+0x18d/0x380', ' do_user_addr_fault+0x1f3/0x6a0', ' exc_page_fault+0x81/0x1a0',
    ' asm_exc_page_fault+0x27/0x30', ' </TASK>',
    'Mem-Info:',
    `active_anon:${pages(total * 0.46)} inactive_anon:${pages(total * 0.47)} isolated_anon:0`,
    ` active_file:${pages(total * 0.004)} inactive_file:${pages(total * 0.003)} isolated_file:0`,
    ' unevictable:0 dirty:0 writeback:0',
    ` slab_reclaimable:${pages(total * 0.008)} slab_unreclaimable:${pages(total * 0.011)}`,
    ` mapped:${pages(total * 0.003)} shmem:${pages(total * 0.001)} pagetables:${pages(total * 0.004)}`,
    ' sec_pagetables:0 bounce:0', ' kernel_misc_reclaimable:0', ` free:${free} free_pcp:${h % 300} free_cma:0`,
    'Tasks state (memory values in pages):',
    '[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name',
    ...[hog, ...tasks].sort((a, b) => a.pid - b.pid).map((t) => taskRow(t, t.pid)),
    `oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=${victim.containerId ? `cri-containerd-${victim.containerId}.scope` : '/'},mems_allowed=0,global_oom,task_memcg=${scope},task=${victim.comm},pid=${victim.pid},uid=${victim.uid}`,
    killed,
  ];
  if (victim.containerId) lines.push(`Tasks in ${scope} are going to be killed due to memory.oom.group set`, killed);
  return lines;
}

function setMemoryPressure(state: ClusterState, node: Node, pressure: boolean): void {
  const c = node.status.conditions.find((x) => x.type === 'MemoryPressure');
  const now = rfc3339(state.now);
  if (c) {
    Object.assign(c, pressure
      ? { status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available' }
      : { status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' });
    c.lastTransitionTime = now;
    c.lastHeartbeatTime = now;
  }
  const others = (node.spec.taints ?? []).filter((t) => t.key !== 'node.kubernetes.io/memory-pressure');
  node.spec.taints = pressure ? [...others, { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule', timeAdded: now }] : others;
  if (!node.spec.taints.length) delete node.spec.taints;
  node.metadata.resourceVersion = nextSerial(state);
  const reason = pressure ? 'NodeHasInsufficientMemory' : 'NodeHasSufficientMemory';
  recordEvent(state, { object: { kind: 'Node', name: node.metadata.name, uid: node.metadata.name }, type: 'Normal', reason, message: `Node ${node.metadata.name} status is now: ${reason}`, component: 'kubelet', host: node.metadata.name });
}

/**
 * A host process outside kubelet's pods grows to `rssBytes`. In the order it happens on a node:
 * the kernel runs out before kubelet's 10 s housekeeping notices, so the global OOM killer kills
 * the task with the highest oom_score (a container with a high oom_score_adj can lose to a much
 * bigger daemon that protected itself with a negative one): exit 137, reason OOMKilled, whatever
 * its own usage and limit. Then kubelet sees memory.available under 100Mi: MemoryPressure=True,
 * a NoSchedule taint, and the eviction manager evicts the pod it ranks first (usage above request,
 * then priority, then how far above), with the message kubelet writes into the pod's status.
 */
export function hostMemoryHog(state: ClusterState, a: { node: string; comm: string; unit: string; rssBytes: number; oomScoreAdj: number }): void {
  const node = state.nodes[a.node];
  const host = state.hosts[a.node];
  if (!node || !host) return;
  const capacity = quantityNumber(node.status.capacity.memory);
  const total = host.memoryKb.total * 1024;
  host.nextPid += 7;
  const unit = host.units[a.unit];
  const hog: Task = { pid: unit?.mainPid ?? host.nextPid, uid: 0, comm: a.comm, rssBytes: a.rssBytes, adj: a.oomScoreAdj };
  const tasks = containerTasks(state, host, capacity);
  const victim = [hog, ...tasks].reduce((best, t) => (badness(t, total) > badness(best, total) ? t : best));
  const instanceType = node.metadata.labels?.['node.kubernetes.io/instance-type'] ?? 'm6i.large';
  const lines = globalOomLines(state, host, instanceType, hog, victim, tasks);
  lines.forEach((text, i) => {
    const at = state.now - (lines.length - i) * 0.019;
    host.kmsg.push({ at, level: 6, text });
    host.journal.push({ at, ident: 'kernel', priority: 6, message: text });
  });
  recordEvent(state, { object: { kind: 'Node', name: node.metadata.name, uid: node.metadata.name }, type: 'Warning', reason: 'SystemOOM', message: `System OOM encountered, victim process: ${victim.comm}, pid: ${victim.pid}`, component: 'kubelet', host: node.metadata.name });
  if (victim.pod && victim.container) {
    const track = state.kubelet[`${keyOf(victim.pod.metadata.namespace, victim.pod.metadata.name)}/${victim.container}`];
    if (track && track.phase === 'running') {
      track.until = state.now;
      track.exit = { exitCode: 137, reason: 'OOMKilled', signal: 9 };
    }
  }
  // kubelet's next housekeeping pass: memory.available is under the threshold.
  const at = state.now;
  const used = tasks.reduce((n, t) => n + (t === victim ? 0 : t.rssBytes), 0) + a.rssBytes + Math.round(total * 0.05);
  const availableKi = Math.max(1, Math.min(Math.round((total - used) / 1024), EVICTION_THRESHOLD_BYTES / 1024 - 1 - (hashString(host.name) % 30000)));
  setMemoryPressure(state, node, true);
  recordEvent(state, { object: { kind: 'Node', name: node.metadata.name, uid: node.metadata.name }, type: 'Warning', reason: 'EvictionThresholdMet', message: 'Attempting to reclaim memory', component: 'kubelet', host: node.metadata.name });
  kubeletLog(host, at, 'W', 'eviction_manager.go:366', '"Eviction manager: attempting to reclaim" resourceName="memory"');
  kubeletLog(host, at, 'I', 'eviction_manager.go:377', '"Eviction manager: must evict pod(s) to reclaim" resourceName="memory"');
  const ranked = tasks
    .filter((t) => t !== victim && t.pod && (t.pod.spec.priority ?? 0) < CRITICAL_PRIORITY)
    .map((t) => ({ t, over: t.rssBytes - memoryRequestBytes(t.pod!.spec.containers.find((c) => c.name === t.container)!) }))
    .sort((x, y) => Number(y.over > 0) - Number(x.over > 0) || (x.t.pod!.spec.priority ?? 0) - (y.t.pod!.spec.priority ?? 0) || y.over - x.over);
  kubeletLog(host, at, 'I', 'eviction_manager.go:395', `"Eviction manager: pods ranked for eviction" pods=[${ranked.map((r) => `"${r.t.pod!.metadata.namespace}/${r.t.pod!.metadata.name}"`).join(',')}]`);
  const first = ranked[0];
  if (!first) return;
  const pod = first.t.pod!;
  const container = pod.spec.containers.find((c) => c.name === first.t.container)!;
  const request = memoryRequestBytes(container);
  const message = `The node was low on resource: memory. Threshold quantity: 100Mi, available: ${availableKi}Ki. Container ${container.name} was using ${kb(first.t.rssBytes)}Ki, request is ${request ? container.resources?.requests?.memory ?? container.resources?.limits?.memory : '0'}, has larger consumption of memory. `;
  evictPod(state, pod, message);
  kubeletLog(host, at, 'I', 'eviction_manager.go:616', `"Eviction manager: pod is evicted successfully" pod="${pod.metadata.namespace}/${pod.metadata.name}"`);
  kubeletLog(host, at, 'I', 'eviction_manager.go:205', `"Eviction manager: pods evicted, waiting for pod to be cleaned up" pods=["${pod.metadata.namespace}/${pod.metadata.name}"]`);
}

/** kubelet's eviction of one pod: phase Failed, reason Evicted, its containers killed and gone. */
function evictPod(state: ClusterState, pod: Pod, message: string): void {
  const now = rfc3339(state.now);
  const ref = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  recordEvent(state, { object: ref, type: 'Warning', reason: 'Evicted', message, component: 'kubelet', host: pod.spec.nodeName });
  for (const c of pod.spec.containers) {
    recordEvent(state, { object: { ...ref, fieldPath: `spec.containers{${c.name}}` }, type: 'Normal', reason: 'Killing', message: `Stopping container ${c.name}`, component: 'kubelet', host: pod.spec.nodeName });
  }
  pod.status.containerStatuses = (pod.status.containerStatuses ?? []).map((s) => ({
    ...s, ready: false, started: false,
    state: { terminated: { exitCode: 137, reason: 'Error', startedAt: s.state.running?.startedAt ?? now, finishedAt: now, containerID: s.containerID } },
  }));
  stopPod(state, pod);
  updatePodConditions(state, pod);
  pod.status.conditions = [{ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: now, reason: 'TerminationByKubelet', message }, ...(pod.status.conditions ?? [])];
  pod.status.phase = 'Failed';
  pod.status.reason = 'Evicted';
  pod.status.message = message;
  pod.metadata.resourceVersion = nextSerial(state);
}

/** The hog is gone and memory.available is back above the threshold. */
export function memoryRecovered(state: ClusterState, nodeName: string): void {
  const node = state.nodes[nodeName];
  if (!node) return;
  setMemoryPressure(state, node, false);
}

/** kubelet's --eviction-pressure-transition-period: a condition stays True this long after the signal recovers. */
const PRESSURE_TRANSITION_MS = 5 * MINUTE;
/** The host's pid_max on a 64-bit kernel, and the node's `pid.available<10%` threshold. */
const PID_MAX = 4194304;

/** The node condition, taint and words of each pressure, as kubelet and its events word them. */
const PRESSURE = {
  'ephemeral-storage': {
    condition: 'DiskPressure', taint: 'node.kubernetes.io/disk-pressure',
    on: { reason: 'KubeletHasDiskPressure', message: 'kubelet has disk pressure', event: 'NodeHasDiskPressure' },
    off: { reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', event: 'NodeHasNoDiskPressure' },
  },
  pids: {
    condition: 'PIDPressure', taint: 'node.kubernetes.io/pid-pressure',
    on: { reason: 'KubeletHasInsufficientPID', message: 'kubelet has insufficient PID available', event: 'NodeHasInsufficientPID' },
    off: { reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', event: 'NodeHasSufficientPID' },
  },
} as const;

/** Sets a pressure condition, its NoSchedule taint and the node event (kubelet's setNodeStatus and the node lifecycle controller's taint). */
function setPressure(state: ClusterState, node: Node, p: (typeof PRESSURE)[keyof typeof PRESSURE], on: boolean): void {
  const words = on ? p.on : p.off;
  const c = node.status.conditions.find((x) => x.type === p.condition);
  const now = rfc3339(state.now);
  if (c) Object.assign(c, { status: on ? 'True' : 'False', reason: words.reason, message: words.message, lastTransitionTime: now, lastHeartbeatTime: now });
  const others = (node.spec.taints ?? []).filter((t) => t.key !== p.taint);
  node.spec.taints = on ? [...others, { key: p.taint, effect: 'NoSchedule', timeAdded: now }] : others;
  if (!node.spec.taints.length) delete node.spec.taints;
  node.metadata.resourceVersion = nextSerial(state);
  recordEvent(state, { object: { kind: 'Node', name: node.metadata.name, uid: node.metadata.name }, type: 'Normal', reason: words.event, message: `Node ${node.metadata.name} status is now: ${words.event}`, component: 'kubelet', host: node.metadata.name });
}

/** Running pods on the node that the pressure names as its users, biggest first, with what each uses (bytes or processes). */
function hogsOn(state: ClusterState, node: Node, f: ResourcePressure): { pod: Pod; usage: number }[] {
  const out: { pod: Pod; usage: number }[] = [];
  for (const pod of peekValues(state.pods)) {
    if (pod.spec.nodeName !== node.metadata.name || pod.status.phase !== 'Running' || pod.metadata.deletionTimestamp) continue;
    if ((pod.spec.priority ?? 0) >= CRITICAL_PRIORITY) continue;
    const hog = f.hogs.find((h) => pod.metadata.name.startsWith(h.pod));
    if (hog) out.push({ pod, usage: quantityNumber(String(hog.usage)) });
  }
  return out.sort((a, b) => b.usage - a.usage);
}

/** The node's root filesystem as `df` shows it. */
const rootFs = (host: Host) => host.filesystems.find((fs) => fs.mount === '/');

/** The pressure's state on the node: not seen yet, on, or over (the condition went back to False after it began). */
function pressurePhase(node: Node, f: ResourcePressure): 'before' | 'on' | 'over' {
  const c = node.status.conditions.find((x) => x.type === PRESSURE[f.resource].condition);
  if (c?.status === 'True') return 'on';
  return (Date.parse(c?.lastTransitionTime ?? '') || 0) > f.since ? 'over' : 'before';
}

/** When a pressure that is on clears: the eviction freed the resource at its onset, then the 5 min transition period. */
function clearsAt(node: Node, f: ResourcePressure): number {
  const c = node.status.conditions.find((x) => x.type === PRESSURE[f.resource].condition);
  return (Date.parse(c?.lastTransitionTime ?? '') || f.since) + PRESSURE_TRANSITION_MS;
}

/** The next moment a pressure changes the node (its onset, then its end), or Infinity once it is over. */
export function pressureNextDue(node: Node, f: ResourcePressure): number {
  const phase = pressurePhase(node, f);
  return phase === 'before' ? f.since : phase === 'on' ? clearsAt(node, f) : Infinity;
}

/**
 * What is due for a pressure at `state.now`. At its onset, kubelet's eviction manager (10 s
 * housekeeping) sees the signal under the threshold: the condition and taint, `EvictionThresholdMet`,
 * for disk the container and image garbage collection, then it ranks the pods and evicts the
 * biggest user with the message kubelet writes (`The node was low on resource: ephemeral-storage.
 * Threshold quantity: …, available: …. Container c was using 8Gi, request is 0, has larger
 * consumption of ephemeral-storage. `). The root filesystem fills (df) and frees what the pod used.
 * Five minutes (the transition period) after the eviction freed it, the condition and taint clear.
 * Returns true when a pod was evicted.
 */
export function pressureStep(state: ClusterState, node: Node, f: ResourcePressure): boolean {
  const host = state.hosts[node.metadata.name];
  const p = PRESSURE[f.resource];
  const phase = pressurePhase(node, f);
  if (phase === 'on' && state.now >= clearsAt(node, f)) setPressure(state, node, p, false);
  if (phase !== 'before' || state.now < f.since || !host) return false;
  const at = state.now;
  const fs = rootFs(host);
  const disk = f.resource === 'ephemeral-storage';
  const threshold = disk ? Math.round((fs?.sizeBytes ?? 0) * 0.1) : Math.floor(PID_MAX * 0.1);
  const available = disk ? Math.floor(threshold * 0.87 / 4096) * 4096 : threshold - 1 - (hashString(host.name) % 500);
  if (disk && fs) fs.usedBytes = fs.sizeBytes - available;
  setPressure(state, node, p, true);
  recordEvent(state, { object: { kind: 'Node', name: node.metadata.name, uid: node.metadata.name }, type: 'Warning', reason: 'EvictionThresholdMet', message: `Attempting to reclaim ${f.resource}`, component: 'kubelet', host: node.metadata.name });
  kubeletLog(host, at, 'W', 'eviction_manager.go:366', `"Eviction manager: attempting to reclaim" resourceName="${f.resource}"`);
  if (disk) {
    kubeletLog(host, at, 'I', 'container_gc.go:88', '"Attempting to delete unused containers"');
    kubeletLog(host, at, 'I', 'image_gc_manager.go:404', '"Attempting to delete unused images"');
  }
  kubeletLog(host, at, 'I', 'eviction_manager.go:377', `"Eviction manager: must evict pod(s) to reclaim" resourceName="${f.resource}"`);
  const ranked = hogsOn(state, node, f);
  kubeletLog(host, at, 'I', 'eviction_manager.go:395', `"Eviction manager: pods ranked for eviction" pods=[${ranked.map((r) => `"${r.pod.metadata.namespace}/${r.pod.metadata.name}"`).join(',')}]`);
  const first = ranked[0];
  if (!first) return false;
  const pod = state.pods[keyOf(first.pod.metadata.namespace, first.pod.metadata.name)];
  const q = (n: number, format: 'BinarySI' | 'DecimalSI') => formatQuantity({ milli: BigInt(n) * 1000n, format });
  let message = `The node was low on resource: ${f.resource}. Threshold quantity: ${q(threshold, disk ? 'BinarySI' : 'DecimalSI')}, available: ${q(available, disk ? 'BinarySI' : 'DecimalSI')}. `;
  if (disk) {
    const c = pod.spec.containers[0];
    message += `Container ${c.name} was using ${q(first.usage, 'BinarySI')}, request is ${c.resources?.requests?.['ephemeral-storage'] ?? '0'}, has larger consumption of ephemeral-storage. `;
    if (fs) fs.usedBytes = Math.max(0, fs.usedBytes - first.usage);
  }
  evictPod(state, pod, message);
  kubeletLog(host, at, 'I', 'eviction_manager.go:616', `"Eviction manager: pod is evicted successfully" pod="${pod.metadata.namespace}/${pod.metadata.name}"`);
  kubeletLog(host, at, 'I', 'eviction_manager.go:205', `"Eviction manager: pods evicted, waiting for pod to be cleaned up" pods=["${pod.metadata.namespace}/${pod.metadata.name}"]`);
  return true;
}
