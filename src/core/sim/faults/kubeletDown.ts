import { z } from 'zod';
import type { FaultKind } from './types.ts';

const params = z.object({
  kind: z.literal('kubelet-down'),
  /** The nodes it happens on. */
  nodes: z.array(z.string()).min(1),
  /** When, as an RFC 3339 time (before the scenario's `now` for a node already down when play starts). */
  at: z.string().refine((s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(s) && !Number.isNaN(Date.parse(s)), 'an RFC 3339 time such as 2026-05-16T19:20:00Z'),
  /**
   * `stopped`: the kubelet process is gone (OOM-killed, a bad config after an upgrade): no status,
   * no Lease, the node turns Unknown after the 40 s grace period. `pleg`: the runtime stops
   * answering relists (a hung containerd): after 3 min kubelet reports Ready=False itself.
   * `powered-off`: the machine itself is gone (a terminated instance, a dead host): as `stopped`,
   * and nothing answers on it either (`ssh` times out).
   */
  mode: z.enum(['stopped', 'pleg', 'powered-off']),
}).strict();
type Params = z.infer<typeof params>;

/**
 * A node whose kubelet stops doing its job. Either way it stops syncing pods (no starts, restarts
 * or status), the node goes NotReady (`Kubelet stopped posting node status.` with every condition
 * Unknown, or `PLEG is not healthy: pleg was last seen active …; threshold is 3m0s`), and 300 s
 * later the taint manager marks its pods for deletion: they stay Terminating, their ReplicaSets
 * replace them on other nodes (sim/nodeLifecycle.ts).
 */
export const kubeletDown: FaultKind<Params> = {
  kind: 'kubelet-down',
  description: 'The kubelet on these nodes stops (or its PLEG hangs, or the machine powers off) at a time: the node goes NotReady and its pods are evicted 5 min later.',
  params,
  stages: ['node'],
  node(rule, { node }) {
    if (!rule.nodes.includes(node.metadata.name)) return undefined;
    const at = Date.parse(rule.at);
    if (rule.mode === 'pleg') return { plegUnhealthySince: at };
    return rule.mode === 'powered-off' ? { kubeletStoppedAt: at, machineDownAt: at } : { kubeletStoppedAt: at };
  },
};
