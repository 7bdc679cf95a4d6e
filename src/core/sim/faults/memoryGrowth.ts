import { z } from 'zod';
import type { FaultKind } from './types.ts';
import { imageMatches } from './missingCpuFlag.ts';
import { containerScopePath, podSlicePath } from '../cgroup.ts';
import { MI, memoryLimitBytes, memoryRequestBytes, oomScoreAdj } from '../memory.ts';
import { memcgOomLines } from '../oomKernel.ts';
import { quantityNumber } from '../../model/quantity.ts';
import { hashString } from '../rng.ts';

const mebibytes = z.string().refine((s) => quantityNumber(s) > 0, 'a memory quantity such as 140Mi');

const params = z.object({
  kind: z.literal('memory-growth'),
  /** Image references (exact, or a prefix ending in `*`) whose process grows this way. */
  images: z.array(z.string()).min(1),
  /** Memory held right after start-up, e.g. `140Mi`. */
  baseline: mebibytes,
  /** How fast it grows while the container runs, per minute of run time, e.g. `40Mi`. */
  growthPerMinute: mebibytes,
  /**
   * Where growth stops (a cache that fills up, a working set that settles): the undersized-limit
   * variant. Leave it out for a leak: growth without bound until the limit kills the process.
   */
  plateau: mebibytes.optional(),
  /** The process's virtual size for the kernel's `total-vm` (a JVM reserves far more than it uses); default 3840Mi. */
  virtual: mebibytes.optional(),
  /** UID the process runs as (the kernel line's `UID:`); default 1000. */
  uid: z.number().int().min(0).optional(),
}).strict();
type Params = z.infer<typeof params>;

const mi = (q: string) => quantityNumber(q) / MI;

/** Usage in Mi after `ranMs`: baseline plus linear growth, levelling off at the plateau if there is one. */
export function growthCurveMi(rule: Params, ranMs: number): number {
  const grown = mi(rule.baseline) + mi(rule.growthPerMinute) * (ranMs / 60_000);
  return rule.plateau === undefined ? grown : Math.min(grown, mi(rule.plateau));
}

/**
 * A process whose memory grows after start: an undersized limit (growth levels off at a plateau
 * above the limit) or a leak (no plateau). When usage reaches the container's
 * `resources.limits.memory` the kernel's memory cgroup kills it with SIGKILL: exit code 137
 * (128 + 9), reason `OOMKilled`, and the OOM killer's lines in the kernel log. Raising the limit
 * above the plateau cures the first kind; the second only dies later. `kubectl top` and the
 * cgroup files read the same curve (sim/memory.ts).
 */
export const memoryGrowth: FaultKind<Params> = {
  kind: 'memory-growth',
  description: 'Containers of these images grow in memory after start (to a plateau, or without bound) and are OOM-killed (exit 137) when they reach their limit.',
  params,
  stages: ['run'],
  memoryMi(rule, { container }, ranMs) {
    if (!imageMatches(rule.images, container.image)) return undefined;
    return growthCurveMi(rule, ranMs);
  },
  run(rule, { pod, container, host, state, attempt }) {
    if (!imageMatches(rule.images, container.image)) return undefined;
    const limit = memoryLimitBytes(container);
    if (limit === undefined) return undefined;
    const limitMi = limit / MI;
    if (rule.plateau !== undefined && mi(rule.plateau) < limitMi) return undefined;
    const minutes = Math.max(0, (limitMi - mi(rule.baseline)) / mi(rule.growthPerMinute));
    // Load differs run to run: ±4 % around the crossing, stable per attempt.
    const jitter = 0.96 + (hashString(`${pod.metadata.uid}/${container.name}/${attempt}`) % 801) / 10_000;
    const exitAfterMs = Math.max(3000, Math.round(minutes * 60_000 * jitter));
    const node = state.nodes[host.name];
    const capacity = quantityNumber(node?.status.capacity.memory ?? '0');
    return {
      exitAfterMs,
      exitCode: 137,
      reason: 'OOMKilled',
      signal: 9,
      readyWhileRunning: true,
      kernelLines({ pid, comm, containerId, priorOomKills }) {
        return memcgOomLines({
          host, pid, comm: comm.slice(0, 15), uid: rule.uid ?? 1000, containerId,
          instanceType: node?.metadata.labels?.['node.kubernetes.io/instance-type'] ?? 'm6i.2xlarge',
          oomScoreAdj: oomScoreAdj(pod.status?.qosClass, memoryRequestBytes(container), capacity, pod.spec.priority ?? 0),
          podSlice: podSlicePath(pod), containerScope: containerScopePath(pod, containerId),
          limitBytes: limit, totalVmBytes: quantityNumber(rule.virtual ?? '3840Mi'),
          failcnt: (priorOomKills + 1) * 911 + (hashString(containerId) % 400),
        });
      },
    };
  },
};
