/** `kubectl describe` output, as pure functions of (object, related objects, now). */
export { describePod, podQOS } from './pod.ts';
export { describeNode, leaseFromNode, nodeRoles, podRequestsAndLimits } from './node.ts';
export { describeDeployment, describeReplicaSet, describePodDisruptionBudget, deploymentReplicaSets } from './workloads.ts';
export { describeEvents, eventInterval, eventTime, eventsFor, sortEvents, apiOrder } from './events.ts';
export { TabWriter, tabbed } from '../tabwriter.ts';
export { goSort } from './goSort.ts';
export type { Describer, Lease, PodDisruptionBudget, Related } from './types.ts';
