import type { z } from 'zod';
import type { Container, Node, Pod } from '../../model/k8s.ts';
import type { Host } from '../../model/host.ts';
import type { ClusterState, ImageBehaviour } from '../../model/state.ts';

/**
 * Where in a pod's life (and around it) a fault can act, in the order a pod meets them:
 * the scheduler's filters; kubelet's pod stages (volumes, then the sandbox); its per-container
 * stages (image pull, config, create/start, the run, the probes); then what sits outside the pod
 * (the node, the network, the API server's admission and authorization). At the end of a pod's life:
 * how its containers take kubelet's stop (`terminate`), its volumes' teardown (`unmount`), and
 * whether a controller still releases the finalizers objects carry (`finalize`).
 */
export const FAULT_STAGES = ['schedule', 'mount', 'sandbox', 'pull', 'config', 'start', 'run', 'probe', 'terminate', 'unmount', 'node', 'network', 'api', 'webhook', 'finalize'] as const;
export type FaultStage = (typeof FAULT_STAGES)[number];

/** A pod kubelet is preparing on its node (stages `mount`, `sandbox`). */
export interface PodContext {
  state: ClusterState;
  pod: Pod;
  host: Host;
}

/** What a container about to be pulled, created or started will meet (stages `pull` … `probe`). */
export interface FaultContext extends PodContext {
  container: Container;
  image: ImageBehaviour | undefined;
  /** 0 for the first start, then restartCount. */
  attempt: number;
}

/** One registry credential: a username and password from a pull Secret (or `crictl pull --creds`). */
export interface RegistryCredential {
  username: string;
  password: string;
  /** The pull Secret it came from, when kubelet found it in one. */
  secret?: string;
}

/**
 * One image pull through containerd (stage `pull`): kubelet's for a container (pod and container
 * set), or `crictl pull` on the node (neither). `credentials` are what the puller offers the
 * registry, in the order it tries them: kubelet's keyring built from the pod's imagePullSecrets
 * entries that match the image's registry, or crictl's `--creds`/`--username`; empty = anonymous.
 */
export interface PullContext {
  state: ClusterState;
  host: Host;
  /** The reference as written (`harbor.example/team/app:1.2`). */
  ref: string;
  image: ImageBehaviour | undefined;
  credentials: RegistryCredential[];
  pod?: Pod;
  container?: Container;
}

/** One node the scheduler is filtering for a pending pod (stage `schedule`). */
export interface ScheduleContext {
  state: ClusterState;
  pod: Pod;
  node: Node;
}

/** One node whose health the node's kubelet and the node lifecycle controller evaluate (stage `node`). */
export interface NodeContext {
  state: ClusterState;
  node: Node;
  host: Host;
}

/** One request reaching the API server after authentication (stage `api`). */
export interface ApiRequest {
  /** Kubernetes verb: `create`, `update`, `patch`, `delete`, `get`, `list`, `watch`. */
  verb: string;
  /** Registry plural, e.g. `pods`, `deployments`, and its API group (`` for core). */
  resource: string;
  group: string;
  namespace?: string;
  name?: string;
  /** Who asks: `kubernetes-admin` for the learner's kubeconfig, `system:serviceaccount:kube-system:replicaset-controller` for a controller. */
  user: string;
  /**
   * The user's groups when the request comes through kubectl (authorized by RBAC before the api
   * stage runs); absent for the control plane's own components, which the simulator does not authorize.
   */
  groups?: readonly string[];
  /** The object being written (create/update/patch), as it would be stored. */
  object?: unknown;
}
export interface ApiContext {
  state: ClusterState;
  request: ApiRequest;
}

/**
 * A validating admission webhook the API server called for this request (stage `webhook`, from
 * sim/webhooks.ts): registered in a ValidatingWebhookConfiguration whose rules match the request,
 * its Service answering. `operation` is admission's: CREATE, UPDATE, DELETE or CONNECT.
 */
export interface WebhookContext extends ApiContext {
  webhook: string;
  operation: string;
}

/** The webhook's backend refuses the request (stage `webhook`): `admission webhook "NAME" denied the request: MESSAGE`, 403 Forbidden unless `code`/`reason` say otherwise. */
export interface WebhookDenial {
  message: string;
  code?: number;
  reason?: ApiRefusal['reason'];
}

/**
 * One connection attempt on the pod network (stage `network`): from a pod (or a node, `pod`
 * absent) to an IP and port, after kube-proxy has translated a Service's ClusterIP to the pod
 * behind it (`to.pod`); `to.pod` absent for an address outside the cluster's pods.
 */
export interface NetworkContext {
  state: ClusterState;
  from: { ip: string; pod?: Pod };
  to: { ip: string; pod?: Pod };
  port: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
}

/** The packets are dropped silently (stage `network`): the client waits until its own timeout. `by` names what dropped them, for the authoring reference. */
export interface NetworkDrop {
  by: string;
  /** Which end's policy dropped it, when a NetworkPolicy did: the client's egress or the server's ingress (where a CNI reports the drop). */
  direction?: 'egress' | 'ingress';
}

/** How the image pull fails, as containerd's CRI plugin reports it (stage `pull`). */
export interface PullFailure {
  /** The gRPC status code kubelet's message carries: `NotFound` (no such tag, no platform) or `Unknown` (auth, rate limit). */
  code: 'NotFound' | 'Unknown' | 'Unavailable';
  /** containerd's error text, e.g. `failed to pull and unpack image "…": failed to resolve reference "…": …: not found`. */
  error: string;
  /** containerd's info lines logged on the way (`trying next host - response was http.StatusNotFound` host=…), without the logrus header. */
  journal?: { msg: string; fields?: string }[];
}

/** A volume kubelet cannot set up (stage `mount`): the pod stays ContainerCreating. */
export interface MountFailure {
  volume: string;
  /** kubelet's volume plugin, as in `kubernetes.io/<plugin>`: `secret`, `configmap`, `csi`, `aws-ebs`. */
  plugin: string;
  /** Why, after `MountVolume.SetUp failed for volume "<volume>" : `, e.g. `secret "tls" not found`. */
  message: string;
}

/** The sandbox (pause container + network namespace + CNI) cannot be created (stage `sandbox`). */
export interface SandboxFailure {
  /** containerd's error for sandbox `sandboxId`, e.g. `failed to setup network for sandbox "<id>": plugin type="aws-cni" …`. */
  error(sandboxId: string): string;
}

/** The container's configuration cannot be built (stage `config`): CreateContainerConfigError. */
export interface ConfigFailure {
  /** The waiting message, e.g. `couldn't find key password in Secret identity/db`. */
  message: string;
}

/**
 * The runtime refuses the container (stage `start`): `CreateContainerError` (never created, e.g.
 * a mount target on a read-only root) or `RunContainerError` (created, the OCI runtime could not
 * start its process: exit code 128, reason `StartError`, then CrashLoopBackOff).
 */
export interface StartFailure {
  reason: 'CreateContainerError' | 'RunContainerError';
  /** containerd's error, e.g. `failed to create containerd task: failed to create shim task: OCI runtime create failed: …`. */
  message: string;
}

/** How a container's run ends, decided when it starts (stage `run`). */
export interface ContainerOutcome {
  /** ms after start when the process dies. */
  exitAfterMs: number;
  /** As the runtime reports it: 128 + signal for a signal death (132 for SIGILL, 137 for SIGKILL). */
  exitCode: number;
  /** lastState.terminated.reason: `Error`, `OOMKilled`, `Completed`. */
  reason: string;
  /** The signal that killed the process, if any (4 = SIGILL, 9 = SIGKILL); used by strace and the kernel log. */
  signal?: number;
  /**
   * Kernel ring buffer lines printed at the death, given the process id, command name, the runtime's
   * container id and how often this pod's cgroup has already been OOM-killed (for failcnt).
   */
  kernelLines?(proc: { pid: number; comm: string; at: number; state: ClusterState; containerId: string; priorOomKills: number }): string[];
  /** Whether the container passes readiness while it runs (it serves until it is killed); default false. */
  readyWhileRunning?: boolean;
  /** The image's own start-up lines are never written: its program never got to run (a binary for another CPU). */
  noImageLogs?: boolean;
  /** Log lines the container writes before dying, in addition to the image's start-up lines. */
  logs?: { afterMs: number; stream: 'stdout' | 'stderr'; text: string }[];
  /**
   * A container that keeps running but whose readiness probe fails from `afterMs` after start
   * (0: never ready), with the probe's output. Use with `exitAfterMs: Infinity`.
   */
  unready?: { afterMs: number; probeOutput: string };
  /**
   * A slow starter: the process keeps running but its health endpoint answers only `healthyAfterMs`
   * after start. Until then every probe fails (`refusal`: nothing listens yet, or the server answers
   * 503 or 500); kubelet's probes (sim/probes.ts) decide whether it is killed first. `sigterm` is how the
   * process takes kubelet's SIGTERM: `exit` (a handler shuts down: exit 143 within a second,
   * after `shutdownLogs`) or `ignore` (SIGKILL after the grace period: exit 137). Use with
   * `exitAfterMs: Infinity`.
   */
  warmUp?: { healthyAfterMs: number; refusal: ProbeRefusal; sigterm: 'exit' | 'ignore'; shutdownLogs: { text: string; stream: 'stdout' | 'stderr' }[] };
}

/** How a health endpoint that is not healthy answers kubelet's probe: nothing listens, or an HTTP status. */
export type ProbeRefusal = 'connection-refused' | 'http-503' | 'http-500';

/** What a running container's probes meet (stage `probe`): merged into the run's outcome. */
export type ProbeBehaviour = Pick<ContainerOutcome, 'unready' | 'warmUp' | 'logs'>;

/**
 * A node's own trouble (stage `node`), from an absolute time (ms): the kubelet stops (no more
 * status or Lease updates: the node lifecycle controller marks it NotReady/Unknown after its grace
 * period and evicts its pods later), or the PLEG stops relisting (the kubelet itself reports
 * NotReady with `PLEG is not healthy`).
 */
export interface NodeFault {
  kubeletStoppedAt?: number;
  /** The machine itself stopped (powered off, terminated): nothing on it answers, not even sshd. */
  machineDownAt?: number;
  plegUnhealthySince?: number;
  /** The container runtime stopped answering (containerd not running) while kubelet runs: kubelet reports `container runtime is down` 30 s later. */
  runtimeDownSince?: number;
  /** The node runs short of disk or process ids (sim/nodePressure.ts pressureStep). */
  pressure?: ResourcePressure;
}

/** A node running short of disk (`ephemeral-storage`) or process ids (`pids`) from `since` (ms). */
export interface ResourcePressure {
  resource: 'ephemeral-storage' | 'pids';
  since: number;
  /** Pods (by name prefix) using the resource: bytes of writable layer and logs (`8Gi`), or processes. */
  hogs: { pod: string; usage: string | number }[];
}

/**
 * How a container takes kubelet's stop (stage `terminate`). `sigterm: 'ignore'`: the process does
 * not exit on SIGTERM (a shell entry point that does not pass it on), so containerd sends SIGKILL
 * when the grace period runs out: exit 137. `'exit'` (the default without a verdict): it shuts
 * down within a couple of seconds, exit 143.
 */
export interface TerminationBehaviour {
  sigterm: 'exit' | 'ignore';
}

/**
 * A volume kubelet cannot tear down after the pod's containers stopped (stage `unmount`): the pod
 * object stays until the unmount succeeds; kubelet retries with back-off and logs
 * `UnmountVolume.TearDown failed for volume "<volume>" … : <message>`.
 */
export interface UnmountFailure {
  volume: string;
  /** kubelet's volume plugin directory name: `kubernetes.io~nfs`, `kubernetes.io~csi`. */
  pluginDir: string;
  /** The unique volume name kubelet logs, e.g. `kubernetes.io/nfs/<pod uid>-<volume>`. */
  uniqueName: string;
  /** What follows `… (UID: "<uid>") : `, e.g. `unmount failed: exit status 16`. */
  message: string;
}

/** An object being deleted, or a pod being admitted, that carries (or may get) finalizers (stage `finalize`). */
export interface FinalizeContext {
  state: ClusterState;
  object: KubeObjectLike;
  /** `admit`: a pod is being created (a mutating webhook may add finalizers); `release`: the object is being deleted. */
  phase: 'admit' | 'release';
}
/** The least an object needs for the finalize stage. */
export interface KubeObjectLike {
  kind: string;
  metadata: { name: string; namespace?: string; finalizers?: string[]; deletionTimestamp?: string; labels?: Record<string, string> };
}
/** What a controller does with finalizers: adds these (admit) or removes these (release, its cleanup done). */
export interface FinalizeVerdict {
  add?: string[];
  remove?: string[];
}

/** The API server refuses a request (stage `api`), as kubectl then prints it: `Error from server (<reason>): <message>`. */
export interface ApiRefusal {
  /** HTTP status: 401 for a credential the authenticator rejects, 403 for Forbidden (RBAC, quota), 500/504 for webhook failures. */
  code: number;
  reason: 'Unauthorized' | 'Forbidden' | 'InternalError' | 'Timeout' | 'Invalid';
  message: string;
}

/**
 * A kind of fault a scenario can declare under `faults:`. One file per kind, one line in
 * faults/registry.ts. `params` validates the rule's fields (the scenario loader reports its
 * errors with the file and field). A kind implements the hooks of the stages it acts at (listed in
 * `stages`); each hook gets the rule as written in the scenario (defaults not applied) and the
 * stage's context, and returns its verdict or undefined when the rule does not apply there. For
 * each stage the first verdict wins: kubelet's own checks (faults/builtin.ts) first, then the
 * scenario's rules in file order (faults/stages.ts).
 */
export interface FaultKind<P = unknown> {
  kind: string;
  /** One sentence for authors: what the fault does. */
  description: string;
  params: z.ZodType<P>;
  /** The stages this kind acts at, for the authoring reference (scenarios/README.md). */
  stages: readonly FaultStage[];
  /**
   * Filter: why `node` cannot take the pod, in kube-scheduler's words (`node(s) had volume node
   * affinity conflict`), counted into the FailedScheduling message like the built-in filters'.
   */
  schedule?(rule: P, ctx: ScheduleContext): string | undefined;
  /** The pod's volumes: a failure keeps it ContainerCreating with `FailedMount` events, retried with back-off. */
  mount?(rule: P, ctx: PodContext): MountFailure | undefined;
  /** The pod sandbox: a failure means `FailedCreatePodSandBox` events, no pod IP, retried. */
  sandbox?(rule: P, ctx: PodContext): SandboxFailure | undefined;
  /** The image pull (when the node lacks the image, or the pull policy is Always): ErrImagePull, then ImagePullBackOff; also `crictl pull`. */
  pull?(rule: P, ctx: PullContext): PullFailure | undefined;
  /** Building the container's config (env, volume mounts): CreateContainerConfigError, retried. */
  config?(rule: P, ctx: FaultContext): ConfigFailure | undefined;
  /** Creating and starting the container: CreateContainerError or RunContainerError. */
  start?(rule: P, ctx: FaultContext): StartFailure | undefined;
  /** How the started container's run ends (today's exits: SIGILL, OOM, a config check). */
  run?(rule: P, ctx: FaultContext): ContainerOutcome | undefined;
  /** What its probes meet: a readiness that goes bad, a slow warm-up. */
  probe?(rule: P, ctx: FaultContext): ProbeBehaviour | undefined;
  /** How the container takes kubelet's SIGTERM when the pod is deleted or the container replaced. */
  terminate?(rule: P, ctx: FaultContext): TerminationBehaviour | undefined;
  /** Tearing down the pod's volumes after its containers stopped: a failure keeps the pod object. */
  unmount?(rule: P, ctx: PodContext): UnmountFailure | undefined;
  /** A controller's finalizers: added to new pods, removed from deleted objects while it runs. */
  finalize?(rule: P, ctx: FinalizeContext): FinalizeVerdict | undefined;
  /** The node's kubelet and runtime health. */
  node?(rule: P, ctx: NodeContext): NodeFault | undefined;
  /** A connection on the pod network: a drop (NetworkPolicy, a CNI fault) makes the client time out. */
  network?(rule: P, ctx: NetworkContext): NetworkDrop | undefined;
  /** The API server's admission/authorization: a refusal of this request. */
  api?(rule: P, ctx: ApiContext): ApiRefusal | undefined;
  /** What a validating admission webhook's backend answers when the API server calls it: a denial, or undefined to allow. */
  webhook?(rule: P, ctx: WebhookContext): WebhookDenial | undefined;
  /**
   * For kinds that model memory: the container's usage in Mi after `ranMs` of run time, or
   * undefined when the rule does not apply (sim/memory.ts then falls back to the image's figure).
   */
  memoryMi?(rule: P, ctx: FaultContext, ranMs: number): number | undefined;
  /**
   * For kinds that model CPU: the container's demand (millicores) over [from, to) ms as
   * constant stretches (sim/cpu.ts integrates them into usage and CFS throttling), or undefined
   * when the rule does not apply (the image's flat `cpu` figure then holds).
   */
  cpuDemand?(rule: P, ctx: FaultContext, from: number, to: number): { from: number; to: number; milli: number }[] | undefined;
  /**
   * What the rule adds to the world while the clock moves from `from` to `to` (ms), after the
   * kubelets have stepped: periodic log lines whose figures depend on the state (called at the
   * end of every clock advance, also while the scenario's history is built).
   */
  advance?(rule: P, state: ClusterState, from: number, to: number): void;
}

/** The stages implemented as hooks (each shares a name with its hook). */
export type HookStage = FaultStage;
