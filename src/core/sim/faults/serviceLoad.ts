import { z } from 'zod';
import type { FaultKind } from './types.ts';
import { milliCpu } from '../../model/quantity.ts';
import { imageMatches } from './missingCpuFlag.ts';
import { peekValues } from '../peek.ts';

const params = z.object({
  kind: z.literal('service-load'),
  /** The serving containers' images (refs, or prefixes ending in `*`). */
  images: z.array(z.string()).min(1),
  /** CPU the whole load costs, shared evenly by the Ready pods serving it, e.g. `1900m`. */
  total: z.string().refine((s) => milliCpu(s) > 0, 'a CPU quantity such as 1900m'),
}).strict();
type Params = z.infer<typeof params>;

/**
 * Traffic that costs a fixed amount of CPU in all, spread evenly over the Ready pods that serve it
 * (a Service's endpoints): each serving container's demand is `total / Ready pods`, so scaling out
 * lowers every pod's usage, and the HorizontalPodAutoscaler (sim/hpa.ts) sees it fall.
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
    return [{ from, to, milli: milliCpu(rule.total) / Math.max(1, serving) }];
  },
};
