import { z } from 'zod';
import type { FaultKind } from './types.ts';

const rfc3339Time = z.string().refine((s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(s) && !Number.isNaN(Date.parse(s)), 'an RFC 3339 time such as 2026-05-16T19:20:00Z');

const params = z.object({
  kind: z.literal('node-pressure'),
  /** The nodes it happens on. */
  nodes: z.array(z.string()).min(1),
  /** When kubelet's housekeeping first sees the signal under its hard eviction threshold (RFC 3339). */
  at: rfc3339Time,
  /**
   * `ephemeral-storage`: the root filesystem fills (nodefs.available under 10 %): DiskPressure, the
   * disk-pressure taint, image and container garbage collection, then evictions of the pods using
   * the most ephemeral storage. `pids`: the node runs short of process ids (pid.available under
   * the threshold the node's kubelet config sets): PIDPressure, the pid-pressure taint, evictions.
   */
  resource: z.enum(['ephemeral-storage', 'pids']),
  /**
   * The pods (by name prefix) that use the resource: what each one uses (`8Gi` of writable layer
   * and logs, or a number of processes). The eviction manager evicts them first, biggest first.
   */
  hogs: z.array(z.object({ pod: z.string(), usage: z.union([z.string(), z.number()]) }).strict()).min(1),
}).strict();
type Params = z.infer<typeof params>;

/**
 * A node that runs short of disk or process ids: kubelet reports DiskPressure / PIDPressure, the
 * node gets the matching NoSchedule taint, and the eviction manager evicts the pod using the most
 * (`The node was low on resource: ephemeral-storage. …`, phase Failed, reason Evicted); once the
 * signal is back above the threshold the condition clears after the 5 min transition period
 * (sim/nodePressure.ts resourcePressureStep).
 */
export const nodeResourcePressure: FaultKind<Params> = {
  kind: 'node-pressure',
  description: 'A node runs short of disk (ephemeral-storage) or process ids at a time: DiskPressure / PIDPressure, the NoSchedule taint, and kubelet evicts the biggest user.',
  params,
  stages: ['node'],
  node(rule, { node }) {
    if (!rule.nodes.includes(node.metadata.name)) return undefined;
    return { pressure: { resource: rule.resource, since: Date.parse(rule.at), hogs: rule.hogs } };
  },
};
