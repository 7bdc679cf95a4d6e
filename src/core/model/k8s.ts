/**
 * Kubernetes API objects as the API server serves them (core/v1, apps/v1, policy/v1), trimmed to
 * the fields the simulator uses. Objects are kept in exactly this shape so `-o json|yaml` prints
 * them as they are and the real `kubectl describe` can read them through kube-fake-api.
 * Timestamps are RFC 3339 strings, as on the wire.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  /** Seconds the object was given to go when deleted (0 for objects that go at once once their finalizers are gone). */
  deletionGracePeriodSeconds?: number;
  /** Keys a controller must remove before the API server really deletes the object (`kubernetes.io/pvc-protection`, an operator's own). */
  finalizers?: string[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  generateName?: string;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

/** A resource quantity as written in a manifest: `500m`, `768Mi`, `1Gi`, `2`. */
export type Quantity = string;

export interface ResourceRequirements {
  limits?: Record<string, Quantity>;
  requests?: Record<string, Quantity>;
}

export interface Probe {
  httpGet?: { path: string; port: number | string; scheme?: string };
  exec?: { command: string[] };
  tcpSocket?: { port: number | string };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

export interface Container {
  name: string;
  image: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  /** Whole ConfigMaps/Secrets as environment variables; a key that is not a valid name is skipped. */
  envFrom?: EnvFromSource[];
  resources?: ResourceRequirements;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  /** Only on init containers: `Always` makes it a native sidecar (1.29+; see kubelet.ts). */
  restartPolicy?: 'Always';
}

/** One `envFrom` entry: every key of a ConfigMap or Secret becomes a variable (with `prefix`). */
export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

export interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: {
      nodeSelectorTerms: { matchExpressions?: NodeSelectorRequirement[] }[];
    };
  };
}

export interface PodSpec {
  containers: Container[];
  /** The pod's hostname (an Indexed Job's pod: `<job>-<index>`); default its name. */
  hostname?: string;
  /** Run in order before `containers`, each to completion (a sidecar, `restartPolicy: Always`, only until it started). */
  initContainers?: Container[];
  nodeName?: string;
  /** The pod uses its node's network namespace: its IP is the node's InternalIP. */
  hostNetwork?: boolean;
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  restartPolicy?: string;
  serviceAccountName?: string;
  serviceAccount?: string;
  terminationGracePeriodSeconds?: number;
  dnsPolicy?: string;
  schedulerName?: string;
  priority?: number;
  /** The PriorityClass the Priority admission plugin resolved `priority` from. */
  priorityClassName?: string;
  enableServiceLinks?: boolean;
  preemptionPolicy?: string;
  securityContext?: Record<string, unknown>;
  volumes?: { name: string; projected?: unknown; emptyDir?: unknown; configMap?: { name: string; optional?: boolean }; secret?: { secretName: string; optional?: boolean }; persistentVolumeClaim?: { claimName: string; readOnly?: boolean } }[];
  /** Secrets (type kubernetes.io/dockerconfigjson) kubelet sends to the registry when it pulls. */
  imagePullSecrets?: { name: string }[];
  ephemeralContainers?: (Container & { targetContainerName?: string })[];
}

export interface ContainerStateRunning { startedAt: string }
export interface ContainerStateWaiting { reason: string; message?: string }
export interface ContainerStateTerminated {
  exitCode: number;
  signal?: number;
  reason?: string;
  message?: string;
  startedAt: string;
  finishedAt: string;
  containerID?: string;
}
export interface ContainerState {
  running?: ContainerStateRunning;
  waiting?: ContainerStateWaiting;
  terminated?: ContainerStateTerminated;
}

export interface ContainerStatus {
  name: string;
  state: ContainerState;
  lastState: ContainerState;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started?: boolean;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string | null;
  lastHeartbeatTime?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
  /** metav1.Condition (PodDisruptionBudget status) carries the generation it was computed for. */
  observedGeneration?: number;
}

export interface PodStatus {
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  conditions?: Condition[];
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  ephemeralContainerStatuses?: ContainerStatus[];
  qosClass?: string;
  reason?: string;
  message?: string;
}

export interface Pod extends KubeObject {
  kind: 'Pod';
  spec: PodSpec;
  status: PodStatus;
}

export interface Taint { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute'; timeAdded?: string }

export interface Node extends KubeObject {
  kind: 'Node';
  spec: { podCIDR?: string; podCIDRs?: string[]; providerID?: string; unschedulable?: boolean; taints?: Taint[] };
  status: {
    capacity: Record<string, Quantity>;
    allocatable: Record<string, Quantity>;
    conditions: Condition[];
    addresses: { type: string; address: string }[];
    nodeInfo: {
      machineID: string;
      systemUUID: string;
      bootID: string;
      kernelVersion: string;
      osImage: string;
      containerRuntimeVersion: string;
      kubeletVersion: string;
      kubeProxyVersion: string;
      operatingSystem: string;
      architecture: string;
    };
    images?: { names: string[]; sizeBytes: number }[];
    daemonEndpoints?: { kubeletEndpoint: { Port: number } };
  };
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  /** Gt and Lt only come from a `-l` text (labels.Parse); the API's LabelSelector has the other four. */
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt'; values?: string[] }[];
}

export interface PodTemplateSpec {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string>; creationTimestamp?: string | null };
  spec: PodSpec;
}

export interface Deployment extends KubeObject {
  kind: 'Deployment';
  spec: {
    replicas: number;
    selector: LabelSelector;
    template: PodTemplateSpec;
    strategy: { type: 'RollingUpdate' | 'Recreate'; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
    revisionHistoryLimit?: number;
    progressDeadlineSeconds?: number;
    minReadySeconds?: number;
    paused?: boolean;
  };
  status: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: Condition[];
  };
}

export interface ReplicaSet extends KubeObject {
  kind: 'ReplicaSet';
  spec: { replicas: number; selector: LabelSelector; template: PodTemplateSpec; minReadySeconds?: number };
  status: { replicas: number; fullyLabeledReplicas?: number; readyReplicas?: number; availableReplicas?: number; observedGeneration?: number };
}

export interface Namespace extends KubeObject {
  kind: 'Namespace';
  spec?: { finalizers?: string[] };
  /** `conditions`: the namespace controller's deletion progress (NamespaceContentRemaining, …) while Terminating. */
  status: { phase: 'Active' | 'Terminating'; conditions?: NamespaceCondition[] };
}

/** One condition the namespace deletion controller reports on a Terminating namespace. */
export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** core/v1 Event, with kubelet-style aggregation (count, first/last timestamp). */
export interface KubeEvent extends KubeObject {
  kind: 'Event';
  involvedObject: { kind: string; namespace?: string; name: string; uid: string; apiVersion?: string; fieldPath?: string; resourceVersion?: string };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  count: number;
  firstTimestamp: string;
  lastTimestamp: string;
  source: { component: string; host?: string };
  reportingComponent: string;
  reportingInstance: string;
  eventTime?: string | null;
}

/**
 * policy/v1 PodDisruptionBudget as the API server serves it. `minAvailable` and `maxUnavailable`
 * are IntOrString (`15`, `"80%"`); at most one is set. `status` is written by the disruption
 * controller (sim/disruption.ts) and decremented by the eviction API (sim/drain.ts).
 */
export interface PodDisruptionBudget extends KubeObject {
  kind: 'PodDisruptionBudget';
  spec: {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    /** nil matches no pod; `{}` matches every pod of the namespace (policy/v1). */
    selector?: LabelSelector;
    /** `IfHealthyBudget` (the behaviour when unset) or `AlwaysAllow` (Kubernetes ≥ 1.27). */
    unhealthyPodEvictionPolicy?: 'IfHealthyBudget' | 'AlwaysAllow';
  };
  status: {
    observedGeneration?: number;
    /** Pod name → RFC 3339 time the eviction API let it go, until the pod is seen deleting. */
    disruptedPods?: Record<string, string>;
    disruptionsAllowed: number;
    currentHealthy: number;
    desiredHealthy: number;
    expectedPods: number;
    conditions?: Condition[];
  };
}


/** core/v1 ConfigMap: plain string data. */
export interface ConfigMap extends KubeObject {
  kind: 'ConfigMap';
  data?: Record<string, string>;
  immutable?: boolean;
}

/**
 * core/v1 Secret. `data` values are base64, as the API server stores and serves them; a write may
 * carry `stringData` (plain text), which the API server folds into `data` and never returns.
 */
export interface Secret extends KubeObject {
  kind: 'Secret';
  type: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  immutable?: boolean;
}

/** core/v1 Service (ClusterIP), trimmed to what `get svc`, `describe svc` and cluster DNS read. */
export interface Service extends KubeObject {
  kind: 'Service';
  spec: {
    type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
    clusterIP: string;
    clusterIPs?: string[];
    selector?: Record<string, string>;
    ports: { name?: string; port: number; targetPort?: number | string; protocol: string }[];
    sessionAffinity?: string;
    ipFamilies?: string[];
    ipFamilyPolicy?: string;
    internalTrafficPolicy?: string;
  };
  status: { loadBalancer: Record<string, never> };
}

export type AnyObject = Pod | Node | Deployment | ReplicaSet | Namespace | KubeEvent | PodDisruptionBudget | ConfigMap | Secret | Service;
