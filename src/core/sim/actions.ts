import type { NetfilterEdit } from '../host/netfilter.ts';
import type { ConfigMap, Deployment, KubeObject, Namespace, Node, Pod, PodDisruptionBudget, Secret, Taint } from '../model/k8s.ts';
import type { BlockDevice, Host } from '../model/host.ts';

/**
 * Every way the cluster can change, as an explicit event. Commands dispatch these; the session
 * records them; `applyAction` (sim/reduce.ts) is the only code that changes ClusterState.
 * Kinds are the API kinds: `Pod`, `Node`, `Deployment`, `ReplicaSet`, `Namespace`.
 */
export type Action =
  /** Move the virtual clock forward to `to` (ms), running kubelet and the controllers. */
  | { type: 'clock/advance'; to: number }
  /** `kubectl cordon` / `uncordon`: set spec.unschedulable. */
  | { type: 'node/setUnschedulable'; node: string; unschedulable: boolean }
  /** `kubectl taint`: replace the node's taints with this list. */
  | { type: 'node/setTaints'; node: string; taints: Taint[] }
  /** `kubectl label` / `annotate`: null removes the key. */
  | { type: 'object/setLabels'; kind: string; namespace?: string; name: string; labels: Record<string, string | null> }
  | { type: 'object/setAnnotations'; kind: string; namespace?: string; name: string; annotations: Record<string, string | null> }
  /**
   * `kubectl patch` / `set` / `scale`: the object after the patch, computed by the command with
   * sim/patch.ts. The reducer bumps generation when the spec changed and the controllers react.
   */
  | { type: 'object/replace'; kind: string; namespace?: string; name: string; object: unknown }
  /** `kubectl delete pod` (force: no grace period), or `kubectl drain --disable-eviction`: no budget is asked. */
  | { type: 'pod/delete'; namespace: string; name: string; force?: boolean; reason?: 'delete' | 'evict' }
  /**
   * POST pods/NAME/eviction: the API server checks the pod's PodDisruptionBudgets (sim/drain.ts
   * evictionAllowed) and, when allowed, uses up a disruption and deletes the pod gracefully.
   * A refused eviction changes nothing; the caller reads the same answer from evictionAllowed.
   */
  | { type: 'pod/evict'; namespace: string; name: string; force?: boolean }
  /**
   * `kubectl delete TYPE NAME` of any kind with a table (kinds/registry.ts): a Pod as `pod/delete`
   * does; anything else goes with its dependents, as the garbage collector's background cascade
   * does (a Deployment's ReplicaSets, then their pods, deleted gracefully).
   */
  | { type: 'object/delete'; kind: string; namespace?: string; name: string; force?: boolean }
  /** `kubectl rollout restart`: stamps kubectl.kubernetes.io/restartedAt on the pod template. */
  | { type: 'deployment/restart'; namespace: string; name: string }
  /** `kubectl rollout undo`: copy the template of the ReplicaSet with this revision. */
  | { type: 'deployment/rollback'; namespace: string; name: string; revision: number }
  /** `kubectl debug <pod> --image=… [--target=…]`: add an ephemeral container. */
  | { type: 'pod/addEphemeralContainer'; namespace: string; name: string; container: string; image: string; target?: string }
  /** `kubectl debug node/<name>`: create the node-debugger pod on that node. */
  | { type: 'node/createDebugPod'; node: string; image: string; podName: string; container?: string; profile?: string }
  /** The shell a container ran as its process exited (leaving `kubectl debug node/X -it`): the container ends, exit 0. */
  | { type: 'pod/shellExited'; namespace: string; name: string; container: string }
  /** A node joins the cluster with its machine (scenario history, a scale-up). */
  | { type: 'cluster/addNode'; node: Node; host: Host }
  /**
   * Create an object of any kind with a table (scenario history, `kubectl create`). The API
   * server's part is done here: uid, creation time and resourceVersion when missing, then the
   * kind's `admit` defaults (kinds/<kind>.ts): a Secret's `stringData` folded into base64 `data`
   * and its type defaulted to `Opaque`; a Namespace's `kubernetes.io/metadata.name` label,
   * `kubernetes` finalizer and `Active` phase. Deployments are stored as given; Pods through
   * sim/podFactory.ts.
   */
  | { type: 'object/create'; object: Deployment | Pod | PodDisruptionBudget | ConfigMap | Secret | Namespace | KubeObject }
  /**
   * A declarative apply by a controller outside the cluster (a GitOps sync): creates the object, or
   * replaces the fields the manifest sets on the stored one (labels and annotations merged), as
   * `kubectl apply` would. Kinds with a table only.
   */
  | { type: 'object/apply'; object: KubeObject }
  /**
   * A host process outside the pods grows to `rssBytes` on `node` (scenario history): the kernel's
   * global OOM killer kills the task with the highest oom_score, kubelet's eviction manager reports
   * MemoryPressure and evicts the pod it ranks first (sim/nodePressure.ts).
   */
  | { type: 'node/hostMemoryHog'; node: string; comm: string; unit: string; rssBytes: number; oomScoreAdj: number }
  /** The host process is gone: MemoryPressure back to False, the taint lifted. */
  | { type: 'node/memoryRecovered'; node: string }
  /** `crictl rmi --prune`: remove images no container uses. */
  | { type: 'runtime/pruneImages'; host: string }
  /** `crictl pull [--creds U:P] REF`: containerd pulls on that node with those credentials (none = anonymous); the image joins the node's store when the registry lets it through. */
  | { type: 'runtime/pullImage'; host: string; ref: string; credentials: { username: string; password: string }[] }
  /** `crictl rmi REF`: an image no container uses leaves the node's store (the next start must pull it again). */
  | { type: 'runtime/removeImage'; host: string; ref: string }
  /** `crictl stop ID`: the container gets SIGTERM and exits; kubelet restarts it (an etcd member restarts). */
  | { type: 'runtime/stopContainer'; host: string; id: string }
  /** A machine's disk changes behaviour (scenario history: a noisy neighbour, a throttled volume). */
  /**
   * A shell wrote a file (`>`, `>>`, `tee`, `cp`): on the machine, or inside a pod container when
   * `container` (`namespace/pod/container`) is given. `append` adds to what is there.
   */
  | { type: 'host/writeFile'; host: string; path: string; text: string; append?: boolean; container?: string }
  /** `mkdir`: a directory on the machine (or in a pod container). */
  | { type: 'host/mkdir'; host: string; path: string; container?: string }
  /** `rm` / `rmdir`: a file or directory tree the session wrote goes away. */
  | { type: 'host/remove'; host: string; path: string; container?: string }
  /** `systemctl start|stop|restart UNIT` on a node (sim/services.ts): kubelet runs its start-up checks. */
  | { type: 'host/systemctl'; host: string; verb: 'start' | 'stop' | 'restart'; unit: string }
  /** `iptables -A/-I/-D/-N/-X/-F/-P` on a node: one change to its netfilter rules (host/netfilter.ts). */
  | { type: 'host/netfilter'; host: string; edit: NetfilterEdit }
  | { type: 'host/setBlockDevice'; host: string; device: string; patch: Partial<Omit<BlockDevice, 'name'>> }
  /** An interactive `ssh` login: the next banner's `Last login:` line. */
  | { type: 'host/login'; host: string; at: number; from: string }
  /** `etcdctl move-leader ID`: leadership moves to that member. */
  | { type: 'etcd/moveLeader'; to: string }
  /** `etcdctl defrag` on one endpoint: that member defragments (unavailable meanwhile). */
  | { type: 'etcd/defrag'; member: string }
  /** `etcdctl compact REV`. */
  | { type: 'etcd/compact'; revision: number }
  /** `etcdctl alarm disarm`. */
  | { type: 'etcd/disarm' }
  /** `etcdctl member add NAME --peer-urls=URL [--learner]`. */
  | { type: 'etcd/memberAdd'; name: string; peerURL: string; learner: boolean }
  /** A workload floods etcd with Events (the curveball): `source` is `namespace/name` of its Deployment. */
  | { type: 'etcd/eventsStorm'; source: string; bytes: number; bytesPerMinute: number; reason: string; message: string };
