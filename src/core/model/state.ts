import type { ConfigMap, Deployment, KubeEvent, KubeObject, Namespace, Node, Pod, PodDisruptionBudget, ReplicaSet, Secret, Service } from './k8s.ts';
import type { Host } from './host.ts';
import type { EtcdCluster, NodeHeartbeat } from './etcd.ts';

/**
 * How a container image behaves when it runs, from the scenario: what it writes to its log and when.
 * Faults (see sim/faults) decide whether and how it dies.
 */
export interface ImageBehaviour {
  ref: string;
  digest: string; // sha256:…
  sizeBytes: number;
  /** Path of the main binary inside the image, as `ps` shows it. */
  binary: string;
  /** Whether the image has a shell (`kubectl exec -- sh` fails on distroless images). */
  shell: boolean;
  /** Lines written at start-up: offset after start in ms, stream, text. `{ts}` expands to an RFC 3339 time, `{klog}` to klog's `0612 10:27:21.123456`. */
  startupLogs: { afterMs: number; stream: 'stdout' | 'stderr'; text: string }[];
  /** Memory the process uses once warm, in Mi; CPU in millicores (for `kubectl top`). */
  memoryMi: number;
  cpuMillicores: number;
  /** The platforms its image index lists (`linux/arm64`); absent: every platform. */
  platforms?: string[];
  /** A program that ends by itself (scenario `exit`): ms after its start, with this exit code. Absent: it runs until stopped. */
  exit?: { afterMs: number; code: number };
}

/** Kubelet's private bookkeeping for one container of one pod (not part of any API object). */
export interface ContainerRuntimeTrack {
  /** Current runtime container id, if one exists. */
  containerId?: string;
  /**
   * `creating`: sandbox and image being prepared, starts at `until`. `running`: will exit at `until`
   * (Infinity when healthy). `backoff`: CrashLoopBackOff, restarts at `until`. `exited`: ended
   * for good, as the pod's restartPolicy wants (Never, or OnFailure after exit 0); nothing is due.
   */
  phase: 'creating' | 'running' | 'backoff' | 'exited';
  until: number;
  /** Back-off delay that applied to the last restart (ms): 10s doubling to 5m. */
  backoffMs: number;
  /** Next moment kubelet re-reports the back-off (BackOff event, pod_workers error line). */
  nextBackOffReport?: number;
  /** How the running attempt will end. */
  exit?: { exitCode: number; reason: string; signal?: number };
  /** Time until which start-up logs have been written. */
  loggedUntil: number;
  /** When a running container's readiness probe starts failing (ms); the container keeps running. */
  unreadyAt?: number;
  /** Time of the next failed readiness probe (every periodSeconds) not yet reported. */
  nextProbeReport?: number;
  /** When the simulation next writes the probes failed so far (batched; see kubelet.ts). */
  probeReportDue?: number;
  /** The probe's failure output, e.g. `HTTP probe failed with statuscode: 503`. */
  probeFailure?: string;
  /** When kubelet admitted the pod (ms): its probe workers tick every period from then. */
  probeEpoch?: number;
  /**
   * What the probes of the running attempt still have to report, oldest first (absolute ms):
   * failed probes, the startup probe passing, readiness, and a kill (sim/probes.ts plans them).
   */
  probeSteps?: ProbeStep[];
  /** The last failed pull of the image (ms) and the image back-off it set (10 s doubling to 5 min); gone once pulled. */
  pull?: { at: number; backoffMs: number };
  /** The pod-level stage (volumes, sandbox) kubelet is waiting to retry, and its current retry delay (ms). */
  podStage?: { stage: 'mount' | 'sandbox'; retryMs: number };
}

/** One planned probe outcome kubelet reports at `at` (ms). */
export type ProbeStep =
  | { at: number; kind: 'failed'; probe: 'Startup' | 'Liveness' | 'Readiness'; output: string }
  | { at: number; kind: 'started' }
  | { at: number; kind: 'ready' }
  | { at: number; kind: 'kill'; probe: 'Liveness' | 'Startup'; gracePeriodSeconds: number };

/**
 * The whole simulated world at one instant. Frozen outside reducers (immer); changed only by
 * applying explicit actions (see sim/actions.ts) and by advancing the clock (sim/advance.ts).
 */
export interface ClusterState {
  /** Virtual clock, ms since epoch. */
  now: number;
  /** Seeded PRNG state (mulberry32); every generated name, id and pid draws from it. */
  rng: number;
  /** API server version, e.g. `v1.31.4`. */
  serverVersion: string;
  /** Monotonic counter for metadata.resourceVersion and uids. */
  serial: number;
  clusterName: string;
  namespaces: Record<string, Namespace>;
  nodes: Record<string, Node>;
  /** Keyed `namespace/name`, as are all namespaced kinds below. */
  pods: Record<string, Pod>;
  deployments: Record<string, Deployment>;
  replicaSets: Record<string, ReplicaSet>;
  /** policy/v1 PodDisruptionBudgets, keyed `namespace/name`. */
  pdbs: Record<string, PodDisruptionBudget>;
  events: Record<string, KubeEvent>;
  /** Machines by name: every node's host plus `laptop`. */
  hosts: Record<string, Host>;
  images: Record<string, ImageBehaviour>;
  faults: FaultRule[];
  /** Kubelet bookkeeping keyed `namespace/name/container`. */
  kubelet: Record<string, ContainerRuntimeTrack>;
  /**
   * Pods kubelet is stopping: `namespace/name` → time (ms) its last container exits. Then kubelet
   * reports the pod terminal, tears down its volumes and confirms the deletion (sim/pods.ts).
   */
  terminating: Record<string, number>;
  /** Pods whose volume teardown keeps failing: `namespace/name` → when kubelet retries (ms). */
  unmounting?: Record<string, number>;
  /** Keyed `namespace/name`. Read by kubelet at each container start (env, envFrom). */
  configMaps: Record<string, ConfigMap>;
  secrets: Record<string, Secret>;
  /** Keyed `namespace/name`; cluster DNS (`<svc>.<ns>.svc.cluster.local`) answers from these. */
  services: Record<string, Service>;
  /**
   * Objects of kinds without a typed field above, by plural then `namespace/name` (or `name` when
   * cluster-scoped): ServiceAccounts, Leases, DaemonSets… Read and written only through the kind's
   * registry entry (kinds/registry.ts, `objectTable`).
   */
  objects: Record<string, Record<string, KubeObject>>;
  /**
   * The etcd cluster of a self-managed control plane (kubeadm static pods), when the scenario
   * models one; absent for managed control planes, where the API server answers at once.
   */
  etcd?: EtcdCluster;
  /** Kubelet Lease renewals by node name, kept while the control plane is modelled. */
  heartbeats?: Record<string, NodeHeartbeat>;
  /** ReplicaSet uid → when its controller may try again to create a pod the API server refused (ms). */
  createRetryAt?: Record<string, number>;
  /**
   * ReplicaSet uid → when the controller's API client rate limiter lets its next pod creates
   * through (ms), after a sync that needed more than the burst: a due moment of the clock, so a
   * long sleep creates API_QPS pods a second of virtual time as a real cluster does.
   */
  createPacedAt?: Record<string, number>;
  /** PersistentVolumeClaim uid → when the PV controller last synced it (ms): its periodic events repeat from there. */
  claimSyncedAt?: Record<string, number>;
  /** The HorizontalPodAutoscaler controller's memory (sim/hpa.ts): its last sync (ms) and, per HPA uid, its recommendations and scale events. */
  autoscaling?: AutoscalerMemory;
}

/** What kube-controller-manager's HPA controller keeps in memory between syncs (times in ms). */
export interface AutoscalerMemory {
  syncedAt: number;
  recommendations: Record<string, { replicas: number; at: number }[]>;
  scaleUps: Record<string, { change: number; at: number }[]>;
  scaleDowns: Record<string, { change: number; at: number }[]>;
}

/**
 * A fault from the scenario file. `kind` picks the implementation in sim/faults/registry.ts;
 * the other fields are that kind's parameters (validated by its own schema).
 */
export interface FaultRule {
  kind: string;
  [param: string]: unknown;
}

export const keyOf = (namespace: string | undefined, name: string) => `${namespace ?? 'default'}/${name}`;
