import type { ConfigMap, Deployment, KubeObject, Namespace, Node, Pod, ReplicaSet, Secret, Service } from '../../model/k8s.ts';
import { describeConfigMap, describeSecret, describeService } from './config.ts';
import { describeNode } from './node.ts';
import { describePod } from './pod.ts';
import type { Describer, PodDisruptionBudget, Related } from './types.ts';
import { describeDeployment, describeNamespace, describePodDisruptionBudget, describeReplicaSet } from './workloads.ts';

/**
 * Describers by Kind, as kubectl's describerMap is keyed by group and kind. Looked up with a Map,
 * so a Kind typed by a learner can never reach an inherited property.
 */
export const DESCRIBERS: ReadonlyMap<string, Describer<KubeObject>> = new Map<string, Describer<KubeObject>>([
  ['Pod', (o, r, n) => describePod(o as Pod, r, n)],
  ['Node', (o, r, n) => describeNode(o as Node, r, n)],
  ['Deployment', (o, r, n) => describeDeployment(o as Deployment, r, n)],
  ['ReplicaSet', (o, r, n) => describeReplicaSet(o as ReplicaSet, r, n)],
  ['PodDisruptionBudget', (o, r, n) => describePodDisruptionBudget(o as PodDisruptionBudget, r, n)],
  ['Namespace', (o) => describeNamespace(o as Namespace)],
  ['ConfigMap', (o, r, n) => describeConfigMap(o as ConfigMap, r, n)],
  ['Secret', (o) => describeSecret(o as Secret)],
  ['Service', (o, r, n) => describeService(o as Service, r, n)],
]);

/** Describes any object whose kind has a describer; undefined otherwise. */
export function describeObject(object: KubeObject, related: Related, now: number): string | undefined {
  const d = DESCRIBERS.get(object.kind);
  return d ? d(object, related, now) : undefined;
}
