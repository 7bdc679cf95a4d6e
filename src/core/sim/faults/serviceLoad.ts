import { z } from 'zod';
import type { FaultKind } from './types.ts';
import { milliCpu } from '../../model/quantity.ts';
import { imageMatches } from './missingCpuFlag.ts';
import { peekValues } from '../peek.ts';
import { parseDuration } from '../../time.ts';
import type { DemandSegment } from '../cpu.ts';

const params = z.object({
  kind: z.literal('service-load'),
  /** The serving containers' images (refs, or prefixes ending in `*`). */
  images: z.array(z.string()).min(1),
  /** CPU the whole load costs, shared evenly by the Ready pods serving it, e.g. `1900m`. */
  total: z.string().refine((s) => milliCpu(s) > 0, 'a CPU quantity such as 1900m'),
  /**
   * Bursty traffic: in the last `for` of every `every` (cycles counted from the Unix epoch on the
   * virtual clock) the whole load costs `total` of this lull instead, e.g. a load test that pauses.
   */
  lull: z.object({
    total: z.string().refine((s) => milliCpu(s) > 0, 'a CPU quantity such as 600m'),
    every: z.string().refine((s) => (parseDuration(s) ?? 0) > 0, 'a duration such as 4m'),
    for: z.string().refine((s) => (parseDuration(s) ?? 0) > 0, 'a duration such as 2m'),
  }).strict().optional(),
}).strict().refine((r) => !r.lull || parseDuration(r.lull.for)! < parseDuration(r.lull.every)!, { message: 'lull.for must be shorter than lull.every' });
type Params = z.infer<typeof params>;

/**
 * Traffic that costs a fixed amount of CPU in all, spread evenly over the Ready pods that serve it
 * (a Service's endpoints): each serving container's demand is `total / Ready pods`, so scaling out
 * lowers every pod's usage, and the HorizontalPodAutoscaler (sim/hpa.ts) sees it fall. With a
 * `lull` the load comes in bursts, which an HPA without a scale-down window follows up and down.
 */
export const serviceLoad: FaultKind<Params> = {
  kind: 'service-load',
  description: 'Traffic costing a fixed total of CPU, shared by the Ready pods serving it: more replicas, less CPU each.',
  params,
  // No stage verdicts: it shapes CPU demand (sim/cpu.ts), which `kubectl top` and the HPA read.
  stages: [],
  cpuDemand(rule, { container, state }, from, to) {
    if (!imageMatches(rule.images, container.image)) return undefined;
    let serving = 0;
    for (const p of peekValues(state.pods)) {
      if (p.metadata.deletionTimestamp || !p.spec.containers.some((c) => imageMatches(rule.images, c.image))) continue;
      if (p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) serving++;
    }
    const each = (total: string) => milliCpu(total) / Math.max(1, serving);
    if (!rule.lull) return [{ from, to, milli: each(rule.total) }];
    // Cut [from, to) where the traffic switches between its busy and quiet parts.
    const every = parseDuration(rule.lull.every)!;
    const quietFrom = every - parseDuration(rule.lull.for)!;
    const segments: DemandSegment[] = [];
    for (let at = from; at < to;) {
      const cycle = Math.floor(at / every) * every;
      const quiet = at - cycle >= quietFrom;
      const end = Math.min(to, quiet ? cycle + every : cycle + quietFrom);
      segments.push({ from: at, to: end, milli: each(quiet ? rule.lull.total : rule.total) });
      at = end;
    }
    return segments;
  },
};
