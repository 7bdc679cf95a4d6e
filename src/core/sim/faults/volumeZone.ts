import { z } from 'zod';
import type { FaultKind } from './types.ts';

const params = z.object({
  kind: z.literal('volume-zone'),
  /** The pods whose PersistentVolume lives in one zone: their namespace and labels. */
  namespace: z.string(),
  matchLabels: z.record(z.string(), z.string()),
  /** The zone the volume was provisioned in (an EBS volume cannot attach across zones). */
  zone: z.string(),
}).strict();
type Params = z.infer<typeof params>;

/**
 * Pods bound to a zonal volume (an EBS or PD disk) can only run on nodes in that zone: the
 * scheduler's VolumeBinding filter rejects every other node with `node(s) had volume node affinity
 * conflict`. When the zone has no node that can take the pod (the node group there was scaled to
 * zero, or it is full), the pod stays Pending.
 */
export const volumeZone: FaultKind<Params> = {
  kind: 'volume-zone',
  description: "Pods with these labels hold a volume in one zone; nodes elsewhere are filtered out (node(s) had volume node affinity conflict).",
  params,
  stages: ['schedule'],
  schedule(rule, { pod, node }) {
    if ((pod.metadata.namespace ?? 'default') !== rule.namespace) return undefined;
    const labels = pod.metadata.labels ?? {};
    if (!Object.entries(rule.matchLabels).every(([k, v]) => labels[k] === v)) return undefined;
    return node.metadata.labels?.['topology.kubernetes.io/zone'] === rule.zone ? undefined : 'node(s) had volume node affinity conflict';
  },
};
