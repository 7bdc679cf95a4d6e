import type { Container, Pod } from '../model/k8s.ts';
import type { Host, RuntimeContainer } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import { milliCpu } from '../model/quantity.ts';
import { findFaultKind } from './faults/kinds.ts';
import { hashString } from './rng.ts';

/**
 * The CPU model: what a container wants (its demand, in millicores, over time), what the kernel's
 * CFS bandwidth control lets it use under `resources.limits.cpu`, and the counters cgroup v2 keeps
 * for it (`cpu.stat`). `kubectl top`, the cgroup files and a fault's latency all read this one
 * model, so they agree.
 *
 * kubelet turns a CPU limit into `cpu.max` = `<quota> <period>` with a 100 ms period and
 * quota = limit × period (200m → `20000 100000`); a container without a limit gets `max 100000`
 * and is never throttled. A request becomes `cpu.weight` (shares = milli × 1024 / 1000, min 2,
 * mapped onto 1–10000). Work is bursty: within a period the process may want more than its
 * quota even when its average is below it, so throttling starts before the average reaches the
 * limit and is nearly constant once the demand is above it, while the average usage stays pinned
 * just under the limit — the trap of "CPU looks modest".
 */

/** CFS period kubelet sets on every container cgroup, in microseconds. */
export const CFS_PERIOD_US = 100_000;

/** One stretch of time with a constant demand: [from, to) in ms, demand in millicores. */
export interface DemandSegment { from: number; to: number; milli: number }

/** The container's CPU limit in millicores, or undefined when unlimited. */
export function cpuLimitMilli(c: Container | undefined): number | undefined {
  const q = c?.resources?.limits?.cpu;
  const m = q === undefined ? 0 : milliCpu(q);
  return m > 0 ? m : undefined;
}

/** The container's CPU request in millicores; a limit without a request defaults it. */
export function cpuRequestMilli(c: Container | undefined): number {
  const q = c?.resources?.requests?.cpu ?? c?.resources?.limits?.cpu;
  return q === undefined ? 0 : milliCpu(q);
}

/** `cpu.max` as kubelet writes it: `20000 100000` for 200m, `max 100000` without a limit. */
export function cpuMaxText(limitMilli: number | undefined): string {
  return limitMilli === undefined ? `max ${CFS_PERIOD_US}` : `${Math.max(1000, Math.round((limitMilli * CFS_PERIOD_US) / 1000))} ${CFS_PERIOD_US}`;
}

/** `cpu.weight` from a request, as runc converts kubelet's cpu.shares: 1 + ((shares − 2) × 9999) / 262142. */
export function cpuWeight(requestMilli: number): number {
  const shares = Math.max(2, Math.floor((requestMilli * 1024) / 1000));
  return 1 + Math.floor(((shares - 2) * 9999) / 262142);
}

/** Share of CFS periods in which a demand of `milli` runs out of its quota (0 without a limit). */
export function throttledShare(milli: number, limit: number | undefined): number {
  if (limit === undefined || milli <= 0) return 0;
  const r = milli / limit;
  // Bursts hit the quota now and then below the limit; above it almost every period does.
  return r < 1 ? 0.5 * r ** 6 : Math.min(0.97, 0.55 + 0.45 * (1 - 1 / r));
}

/** Average CPU used (millicores) by a demand under a limit: the demand, or just under the limit once it is reached. */
export function usedMilli(milli: number, limit: number | undefined): number {
  return limit === undefined ? milli : Math.min(milli, limit * 0.985);
}

/** The cgroup v2 `cpu.stat` figures of one container (or a sum of them), in the kernel's units. */
export interface CpuStat {
  usageUsec: number;
  userUsec: number;
  systemUsec: number;
  nrPeriods: number;
  nrThrottled: number;
  throttledUsec: number;
}

export const ZERO_STAT: CpuStat = { usageUsec: 0, userUsec: 0, systemUsec: 0, nrPeriods: 0, nrThrottled: 0, throttledUsec: 0 };

/** Adds two stats field by field (a pod slice counts all its containers). */
export const addStats = (a: CpuStat, b: CpuStat): CpuStat => ({
  usageUsec: a.usageUsec + b.usageUsec, userUsec: a.userUsec + b.userUsec, systemUsec: a.systemUsec + b.systemUsec,
  nrPeriods: a.nrPeriods + b.nrPeriods, nrThrottled: a.nrThrottled + b.nrThrottled, throttledUsec: a.throttledUsec + b.throttledUsec,
});

/**
 * The container's demand over [from, to): the first fault rule that models it (its `cpuDemand`
 * hook, e.g. a log agent whose work follows the log volume on its node), else the image's steady
 * `cpu` figure.
 */
export function demandSegments(state: ClusterState, pod: Pod, container: Container, host: Host | undefined, from: number, to: number): DemandSegment[] {
  if (to <= from) return [];
  for (const rule of state.faults) {
    const segs = findFaultKind(rule.kind)?.cpuDemand?.(rule, { state, pod, container, host: host!, image: state.images[container.image], attempt: 0 }, from, to);
    if (segs) return segs;
  }
  const image = Object.hasOwn(state.images, container.image) ? state.images[container.image] : undefined;
  return [{ from, to, milli: image?.cpuMillicores ?? 5 }];
}

/** The container's demand at one instant (ms). */
export function demandAt(state: ClusterState, pod: Pod, container: Container, host: Host | undefined, at: number): number {
  return demandSegments(state, pod, container, host, at, at + 1)[0]?.milli ?? 0;
}

/**
 * The `cpu.stat` counters of one runtime container from its start to `at`: usage integrated over
 * its demand segments (85 % user, 15 % system), and, when it has a CPU limit, the periods it was
 * runnable in, those it was throttled in, and how long it waited in them.
 */
export function containerCpuStat(state: ClusterState, pod: Pod, rc: RuntimeContainer, at = state.now): CpuStat {
  const container = pod.spec.containers.find((c) => c.name === rc.name);
  const start = rc.startedAt;
  if (!container || start === undefined) return ZERO_STAT;
  const end = Math.min(at, rc.finishedAt ?? at);
  const limit = cpuLimitMilli(container);
  const host = pod.spec.nodeName ? state.hosts[pod.spec.nodeName] : undefined;
  let usage = 0;
  let periods = 0;
  let throttled = 0;
  let waited = 0;
  for (const s of demandSegments(state, pod, container, host, start, end)) {
    const ms = s.to - s.from;
    const used = usedMilli(s.milli, limit);
    usage += used * ms; // milli × ms = µs of CPU time
    if (limit === undefined) continue;
    // Periods with runnable work: nearly all for a busy process, fewer for one that mostly sleeps.
    const p = (ms * 1000 / CFS_PERIOD_US) * Math.min(1, 0.35 + s.milli / 300);
    const share = throttledShare(s.milli, limit);
    periods += p;
    throttled += p * share;
    // A throttled period waits for the rest of it: longer the further demand is above the quota.
    waited += p * share * CFS_PERIOD_US * (s.milli >= limit ? Math.min(0.9, 1 - limit / s.milli + 0.12) : 0.12);
  }
  // Sub-millisecond remainder, stable for a given instant (the kernel counts in nanoseconds).
  const usageUsec = Math.floor(usage) + (usage > 0 ? hashString(`${rc.id}/${end}`) % 997 : 0);
  const userUsec = Math.floor(usage * 0.85);
  return { usageUsec, userUsec, systemUsec: usageUsec - userUsec, nrPeriods: Math.floor(periods), nrThrottled: Math.floor(throttled), throttledUsec: Math.floor(waited) };
}

/** `cpu.stat` as the kernel prints it (cgroup v2, kernel ≥ 5.19: with the burst counters). */
export function cpuStatText(s: CpuStat): string {
  return `usage_usec ${s.usageUsec}\nuser_usec ${s.userUsec}\nsystem_usec ${s.systemUsec}\nnr_periods ${s.nrPeriods}\nnr_throttled ${s.nrThrottled}\nthrottled_usec ${s.throttledUsec}\nnr_bursts 0\nburst_usec 0\n`;
}
