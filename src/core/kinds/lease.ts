import type { KubeObject } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { leaseFromNode } from '../printers/describe/node.ts';
import { ageColumn, col, nameColumn, RW } from './common.ts';
import type { KindDef } from './types.ts';
import { peekValue } from '../sim/peek.ts';

/** coordination.k8s.io/v1 Lease. */
export interface Lease extends KubeObject {
  kind: 'Lease';
  spec: { holderIdentity?: string; leaseDurationSeconds?: number; acquireTime?: string; renewTime?: string };
}

/**
 * The node Leases in `kube-node-lease`, as kubelet renews them: read from each node's heartbeat
 * (leaseFromNode), so they are renewed exactly when kubelet's status reports say it is alive and
 * stop when the node stops reporting. Owned by their Node, as kubelet creates them.
 */
function nodeLeases(state: ClusterState): Record<string, Lease> {
  const out: Record<string, Lease> = {};
  for (const name of Object.keys(state.nodes).sort()) {
    // Read without drafting the node (runDeletions reads every table after each change).
    const node = peekValue(state.nodes, name);
    const lease = leaseFromNode(node, state.now) as unknown as Lease;
    lease.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }];
    out[`kube-node-lease/${name}`] = lease;
  }
  return out;
}

/** coordination.k8s.io/v1 Lease: kubelet's node heartbeats (read-only here: kubelet owns them). */
export const lease: KindDef<Lease> = {
  kind: 'Lease', plural: 'leases', singular: 'lease', shortNames: [], group: 'coordination.k8s.io', version: 'v1', namespaced: true, verbs: RW,
  table: nodeLeases,
  derived: true,
  columns: [nameColumn, col<Lease>('HOLDER', (l) => l.spec?.holderIdentity ?? ''), ageColumn],
};
