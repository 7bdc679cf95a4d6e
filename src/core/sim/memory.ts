import type { Container, Pod } from '../model/k8s.ts';
import type { Host } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import { parseTimestamp } from '../time.ts';
import { findFaultKind } from './faults/kinds.ts';
import { quantityNumber } from '../model/quantity.ts';
import { hashString } from './rng.ts';

/**
 * The memory model: how much memory one running container holds at an instant, in bytes, the
 * figure behind `kubectl top` (metrics-server's working set), the cgroup's `memory.current` and
 * the kernel's OOM decision. A fault rule that models memory (faults/memoryGrowth.ts) decides it
 * from the time since the container started; otherwise the image's flat `memoryMi` applies.
 */

export const MI = 1024 * 1024;

/** The container's memory limit in bytes (`resources.limits.memory`), or undefined when unlimited. */
export function memoryLimitBytes(container: Container): number | undefined {
  const q = container.resources?.limits?.memory;
  const bytes = q === undefined ? 0 : quantityNumber(q);
  return bytes > 0 ? bytes : undefined;
}

/** The container's memory request in bytes; a limit without a request defaults the request to it. */
export function memoryRequestBytes(container: Container): number {
  const q = container.resources?.requests?.memory ?? container.resources?.limits?.memory;
  return q === undefined ? 0 : quantityNumber(q);
}

/** Usage in Mi after `ranMs` of run time, from the first fault rule that models it; undefined if none does. */
export function modelledMemoryMi(state: ClusterState, pod: Pod, container: Container, host: Host | undefined, ranMs: number): number | undefined {
  for (const rule of state.faults) {
    const kind = findFaultKind(rule.kind);
    const mi = kind?.memoryMi?.(rule, { state, pod, container, host: host!, image: state.images[container.image], attempt: 0 }, ranMs);
    if (mi !== undefined) return mi;
  }
  return undefined;
}

/**
 * Bytes a running container of `pod` holds at `at` (ms): the modelled figure, or the image's
 * steady use with a small fixed wobble per pod. 0 when the container is not running.
 */
export function containerMemoryBytes(state: ClusterState, pod: Pod, containerName: string, at = state.now): number {
  const container = pod.spec.containers.find((c) => c.name === containerName);
  const status = pod.status?.containerStatuses?.find((s) => s.name === containerName);
  const started = parseTimestamp(status?.state?.running?.startedAt ?? '');
  if (!container || started === undefined) return 0;
  const host = pod.spec.nodeName ? state.hosts[pod.spec.nodeName] : undefined;
  const modelled = modelledMemoryMi(state, pod, container, host, Math.max(0, at - started));
  const key = `${pod.metadata.uid}/${containerName}/mem`;
  if (modelled !== undefined) {
    // Allocation is lumpy at scrape resolution: ±1 % per 15 s window, never above the limit.
    const wobble = 1 + ((hashString(`${key}/${Math.floor(at / 15_000)}`) % 2001) - 1000) / 100_000;
    const bytes = Math.round(modelled * wobble * MI);
    const limit = memoryLimitBytes(container);
    return limit !== undefined ? Math.min(bytes, limit - 4096 * 16) : bytes;
  }
  const image = Object.hasOwn(state.images, container.image) ? state.images[container.image] : undefined;
  const wobble = 0.96 + (hashString(key) % 10_001) / 10_000 * 0.08;
  return Math.max(MI, Math.round((image?.memoryMi ?? 16) * wobble * MI));
}

/**
 * The kernel's `oom_score_adj` for a container, as kubelet sets it by QoS class (pkg/kubelet/qos):
 * Guaranteed and node-critical pods −997, BestEffort 1000, Burstable 1000 − 1000 × request / node capacity, clamped to 2…999.
 */
export function oomScoreAdj(qos: string | undefined, requestBytes: number, nodeCapacityBytes: number, priority = 0): number {
  // Node-critical pods (system-node-critical and above) are protected like Guaranteed ones.
  if (qos === 'Guaranteed' || priority >= 2_000_001_000) return -997;
  if (qos === 'BestEffort') return 1000;
  const adj = 1000 - Math.floor((1000 * requestBytes) / Math.max(1, nodeCapacityBytes));
  return Math.min(999, Math.max(2, adj));
}
