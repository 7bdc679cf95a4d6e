import type { KubeEvent, KubeObject, LabelSelector, ObjectMeta, Pod, ReplicaSet } from '../../model/k8s.ts';

/**
 * coordination.k8s.io/v1 Lease, as kubelet renews one per node in `kube-node-lease`
 * (`kubectl describe node` prints its holder and renew time). Not yet part of ClusterState.
 */
export interface Lease {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: ObjectMeta;
  spec: { holderIdentity?: string; leaseDurationSeconds?: number; acquireTime?: string; renewTime?: string };
}

/** policy/v1 PodDisruptionBudget: the model's type (ClusterState.pdbs). */
export type { PodDisruptionBudget } from '../../model/k8s.ts';

/**
 * What a describer may read besides its object, gathered by the caller (the describe verb or a
 * test) the way kubectl's describer fetches it from the API server.
 */
export interface Related {
  /**
   * Events about the object, in the API server's list order (namespace, then name); the describer
   * sorts them as kubectl does. `undefined` means `--show-events=false`: no Events section.
   */
  events?: KubeEvent[];
  /** Pods: on the node (node describe), or in the namespace (ReplicaSet pod counts). */
  pods?: Pod[];
  /** ReplicaSets of the namespace (deployment describe finds its old and new ones here). */
  replicaSets?: ReplicaSet[];
  /** A namespace's ResourceQuotas and LimitRanges (the namespace describer lists them). */
  quotas?: KubeObject[];
  limitRanges?: KubeObject[];
  /** The node's Lease; `null` prints kubectl's `Failed to get lease` line. */
  lease?: Lease | null;
  /**
   * Text a describer looks up in other objects, keyed by what it asked: an Ingress backend
   * (`storefront:80`) → `storefront:80 (10.0.1.5:8080,10.0.2.7:8080)` or its `<error: …>`.
   */
  lookups?: Record<string, string>;
}

/** A describer: a pure function of the object, related objects and the clock (ms). */
export type Describer<T> = (object: T, related: Related, now: number) => string;
