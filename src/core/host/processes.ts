import type { Host, RuntimeContainer } from '../model/host.ts';
import type { ClusterState, ContainerRuntimeTrack } from '../model/state.ts';
import { containerCpuStat } from '../sim/cpu.ts';

/**
 * The process table of a host, derived from what the model knows: systemd and a few kernel
 * threads, the systemd units' main processes, one containerd-shim-runc-v2 and one `/pause` per
 * ready pod sandbox, and the main process of every running container. `ps`, `top` and `strace`
 * read it; nothing stores it.
 */
export interface Process {
  pid: number;
  ppid: number;
  user: string;
  /** Command line as `ps` prints it; kernel threads in brackets. */
  args: string;
  /** Short name (`comm`), at most 15 characters as the kernel keeps it. */
  comm: string;
  startedAt: number; // ms since epoch
  cpuMs: number;
  rssKb: number;
  vszKb: number;
  /** ps STAT letters (`Ss`, `Ssl`, `S`, `I<`). */
  stat: string;
  /** Controlling terminal (`pts/0` for the learner's login session); none (`?`) for daemons. */
  tty?: string;
  threads: number;
  /** The runtime container whose main process this is. */
  container?: RuntimeContainer;
}

/** A small deterministic hash of a string, for stable pids of sandbox processes. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** The pid of the containerd-shim-runc-v2 serving sandbox `id`; its pause process is this + 20. */
export const shimPid = (sandboxId: string) => 2000 + (hash(sandboxId) % 60000);

const basename = (p: string) => p.split('/').filter(Boolean).pop() ?? p;

/** The runtime's kubelet bookkeeping for a container (`namespace/pod/container`), if any. */
export function trackOf(state: ClusterState, c: RuntimeContainer): ContainerRuntimeTrack | undefined {
  const key = `${c.namespace}/${c.podName}/${c.name}`;
  return Object.hasOwn(state.kubelet, key) ? state.kubelet[key] : undefined;
}

/** Path of the image's main binary (`/app/payment-service`), from the scenario's image behaviour. */
export function binaryOf(state: ClusterState, image: string): string {
  return Object.hasOwn(state.images, image) ? state.images[image].binary : '/app';
}

/** Builds the process table at `state.now`, sorted by pid. */
export function processTable(state: ClusterState, host: Host): Process[] {
  const now = state.now;
  const up = Math.max(1, now - host.bootAt);
  const procs: Process[] = [
    { pid: 1, ppid: 0, user: 'root', args: '/sbin/init', comm: 'systemd', startedAt: host.bootAt, cpuMs: up / 4000, rssKb: 13056, vszKb: 167888, stat: 'Ss', threads: 1 },
    { pid: 2, ppid: 0, user: 'root', args: '[kthreadd]', comm: 'kthreadd', startedAt: host.bootAt, cpuMs: up / 90000, rssKb: 0, vszKb: 0, stat: 'S', threads: 1 },
    { pid: 3, ppid: 2, user: 'root', args: '[rcu_gp]', comm: 'rcu_gp', startedAt: host.bootAt, cpuMs: 0, rssKb: 0, vszKb: 0, stat: 'I<', threads: 1 },
    { pid: 14, ppid: 2, user: 'root', args: '[ksoftirqd/0]', comm: 'ksoftirqd/0', startedAt: host.bootAt, cpuMs: up / 20000, rssKb: 0, vszKb: 0, stat: 'S', threads: 1 },
  ];
  for (const u of Object.values(host.units)) {
    if (u.mainPid <= 0) continue;
    procs.push({
      pid: u.mainPid, ppid: 1, user: 'root', args: u.execStart, comm: basename(u.execStart.split(' ')[0]).slice(0, 15),
      startedAt: u.activeSince, cpuMs: u.cpuMs, rssKb: Math.round(u.memoryBytes / 1024), vszKb: Math.round(u.memoryBytes / 1024) * 3 + 1200000,
      stat: 'Ssl', threads: u.tasks,
    });
  }
  for (const sb of host.sandboxes) {
    if (sb.state !== 'SANDBOX_READY') continue;
    const shim = shimPid(sb.id);
    procs.push(
      { pid: shim, ppid: 1, user: 'root', args: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sb.id} -address /run/containerd/containerd.sock`, comm: 'containerd-shim', startedAt: sb.createdAt, cpuMs: (now - sb.createdAt) / 3000, rssKb: 12544, vszKb: 1238396, stat: 'Sl', threads: 11 },
      { pid: shim + 20, ppid: shim, user: '65535', args: '/pause', comm: 'pause', startedAt: sb.createdAt, cpuMs: 0, rssKb: 4, vszKb: 996, stat: 'Ss', threads: 1 },
    );
    for (const c of host.containers) {
      if (c.sandboxId !== sb.id || c.state !== 'CONTAINER_RUNNING') continue;
      const beh = Object.hasOwn(state.images, c.image) ? state.images[c.image] : undefined;
      const started = c.startedAt ?? c.createdAt;
      const bin = binaryOf(state, c.image);
      procs.push({
        pid: c.pid, ppid: shim, user: 'root', args: bin, comm: basename(bin).slice(0, 15), startedAt: started,
        cpuMs: cpuMsOf(state, c) ?? ((beh?.cpuMillicores ?? 50) / 1000) * (now - started), rssKb: (beh?.memoryMi ?? 32) * 1024,
        vszKb: (beh?.memoryMi ?? 32) * 2048 + 720000, stat: 'Ssl', threads: 8, container: c,
      });
    }
  }
  return procs.sort((a, b) => a.pid - b.pid);
}

/** CPU time the container's process used, from the CPU model (its demand under its CFS limit); undefined when its pod is gone. */
function cpuMsOf(state: ClusterState, c: RuntimeContainer): number | undefined {
  const pod = Object.values(state.pods).find((p) => p.metadata.uid === c.podUid);
  if (!pod?.spec.containers.some((x) => x.name === c.name)) return undefined;
  return containerCpuStat(state, pod, c).usageUsec / 1000;
}
