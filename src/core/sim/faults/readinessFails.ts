import { z } from 'zod';
import { parseDuration } from '../../time.ts';
import { imageMatches } from './missingCpuFlag.ts';
import type { FaultKind } from './types.ts';

const duration = z.string().refine((s) => parseDuration(s) !== undefined, 'a duration such as 3m');
const params = z.object({
  kind: z.literal('readiness-fails'),
  /** Image references (exact, or a prefix ending in `*`) whose readiness check fails. */
  images: z.array(z.string()).min(1),
  /** Node names where it fails; elsewhere the image is healthy. */
  nodes: z.array(z.string()).min(1),
  /** How long after start the probe begins to fail (`0s`: never ready). */
  after: duration,
  /** The probe's output in the Unhealthy event, e.g. `HTTP probe failed with statuscode: 503`. */
  probe: z.string().min(1),
  /** What the application logs when its readiness check goes bad (`{ts}` expands to the time). */
  logs: z.array(z.object({ after: duration, text: z.string() }).strict()).default([]),
}).strict();
type Params = z.infer<typeof params>;

/**
 * A container that keeps running but stops passing its readiness probe on some nodes (a
 * dependency the node lacks, say): kubelet marks it not ready, reports `Unhealthy` events every
 * probe period, and every controller that counts Ready pods (ReplicaSet availability, the
 * disruption controller) sees it as unavailable. It never restarts, so RESTARTS stays 0.
 */
export const readinessFails: FaultKind<Params> = {
  kind: 'readiness-fails',
  description: 'Containers of these images run but fail their readiness probe on these nodes, from some time after start.',
  params,
  stages: ['probe'],
  probe(rule, { container, host }) {
    if (!imageMatches(rule.images, container.image) || !rule.nodes.includes(host.name)) return undefined;
    const afterMs = parseDuration(rule.after)!;
    return {
      unready: { afterMs, probeOutput: rule.probe },
      logs: rule.logs.map((l) => ({ afterMs: afterMs + parseDuration(l.after)!, stream: 'stderr' as const, text: l.text })),
    };
  },
};
