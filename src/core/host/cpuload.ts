import type { Host } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import { containerCpuStat } from '../sim/cpu.ts';

/**
 * CPU time the host's running containers used between two instants (ms of CPU), from the CPU
 * model (each container's demand under its CFS limit). What vmstat's us/sy/id columns, and any
 * other whole-machine CPU view, are derived from.
 */
export function containersCpuMs(state: ClusterState, host: Host, from: number, to: number): number {
  let usec = 0;
  for (const rc of host.containers) {
    if (rc.state !== 'CONTAINER_RUNNING') continue;
    const pod = Object.values(state.pods).find((p) => p.metadata.uid === rc.podUid);
    if (!pod) continue;
    usec += containerCpuStat(state, pod, rc, to).usageUsec - containerCpuStat(state, pod, rc, Math.max(from, rc.startedAt ?? from)).usageUsec;
  }
  return Math.max(0, usec / 1000);
}

/** Busy fraction (0..1) of the host's CPUs between two instants, system daemons' small share included. */
export function cpuBusy(state: ClusterState, host: Host, from: number, to: number): number {
  const span = Math.max(1, to - from);
  return Math.min(1, containersCpuMs(state, host, from, to) / (span * host.cpu.cores) + 0.012);
}

/** Share of time (0..1) the CPUs sit idle waiting for I/O: the busiest disk's utilisation, scaled by its latency. */
export function ioWait(host: Host): number {
  const devs = host.blockDevices ?? [];
  if (!devs.length) return 0;
  const worst = devs.reduce((a, b) => (b.utilPct * b.writeAwaitMs > a.utilPct * a.writeAwaitMs ? b : a));
  return Math.min(0.6, (worst.utilPct / 100) * Math.min(1, worst.writeAwaitMs / 40) / host.cpu.cores * 2);
}
