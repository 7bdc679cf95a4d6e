import { z } from 'zod';
import { parseDuration } from '../time.ts';
import { controlPlaneSchema, diskPatchSchema, diskSchema } from './controlPlane.ts';
import { quantityNumber, parseQuantity as parseExactQuantity } from '../model/quantity.ts';

/**
 * The scenario file format (schemaVersion 1), checked on load and in every test run.
 * scenarios/README.md documents it for authors; keep the two in step.
 */

const duration = z.string().refine((s) => parseDuration(s) !== undefined, { message: 'expected a duration such as 30s, 74m, 12d' });
const regex = z.string().refine((s) => { try { new RegExp(s, 'i'); return true; } catch { return false; } }, { message: 'not a valid regular expression' });
/** A Kubernetes quantity (`500m`, `1Gi`, `2`), as apimachinery's parser reads it. */
const quantity = z.string().refine((q) => parseExactQuantity(q) !== undefined, { message: 'expected a Kubernetes quantity such as 500m, 2, 512Mi or 1.5Gi' });
/** Resource names a container or node lists: cpu, memory, ephemeral-storage, pods, hugepages-<size>, or a vendor's domain/name. */
const resourceName = z.string().regex(/^(cpu|memory|ephemeral-storage|pods|hugepages-[0-9]+[KMG]i|[a-z0-9.-]+\/[a-z0-9._-]+)$/, { message: 'expected a resource name: cpu, memory, ephemeral-storage, pods, hugepages-2Mi or a vendor resource such as nvidia.com/gpu' });
const quantityMap = z.record(resourceName, quantity);
/** A TCP/UDP port number. */
const port = z.number().int().min(1, { message: 'a port is 1-65535' }).max(65535, { message: 'a port is 1-65535' });
/** The simulator plays every pod; more than this many replicas in one workload would make opening the scenario slow. */
export const MAX_REPLICAS = 200;
const replicas = z.number().int().min(0).max(MAX_REPLICAS, { message: `at most ${MAX_REPLICAS} replicas per workload (the simulator plays every pod)` });
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected a lower-case id (letters, digits, dashes), e.g. crash-loop' });

const cpuModel = z.object({
  vendorId: z.string(),
  modelName: z.string(),
  family: z.number().int(),
  model: z.number().int(),
  stepping: z.number().int(),
  microcode: z.string(),
  mhz: z.number(),
  cacheKb: z.number().int(),
  bogomips: z.number(),
  addressSizes: z.string(),
  flags: z.string().min(1, { message: 'list the /proc/cpuinfo flags, separated by spaces' }),
}).strict();

const node = z.object({
  name: z.string().regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, { message: 'expected a DNS-1123 node name' }),
  ip: z.string().regex(/^\d+\.\d+\.\d+\.\d+$/, { message: 'expected an IPv4 address' }),
  zone: z.string(),
  instanceType: z.string(),
  cpu: z.string(),
  age: duration,
  roles: z.array(z.string()).optional(),
  /** This node's own facts where it differs from nodeDefaults (a pool half-way through an upgrade). */
  osImage: z.string().optional(),
  kernelRelease: z.string().optional(),
  kernelBuild: z.string().optional(),
  kubeletVersion: z.string().regex(/^v1\.\d+\.\d+$/, { message: 'expected a kubelet version such as v1.30.8' }).optional(),
  /** Labels of this node only (a node group's label), added to nodeDefaults.labels. */
  labels: z.record(z.string(), z.string()).optional(),
  /** A node of another size than nodeDefaults: its capacity and allocatable override the defaults key by key. */
  capacity: quantityMap.optional(),
  allocatable: quantityMap.optional(),
  /** Extra block devices (e.g. etcd's data disk on a control-plane node). */
  disks: z.array(diskSchema).optional(),
  /** The machine's CPU architecture (a Graviton pool is `arm64`): status.nodeInfo.architecture, the `kubernetes.io/arch` label, `uname -m`. Default amd64. */
  arch: z.enum(['amd64', 'arm64']).optional(),
  /** spec.taints of this node (a dedicated pool's `dedicated=batch:NoSchedule`). */
  taints: z.array(z.object({ key: z.string(), value: z.string().optional(), effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']) }).strict()).optional(),
}).strict();

const intOrPercent = z.union([z.number().int().min(0), z.string().regex(/^\d+%$/, { message: 'expected an integer or a percentage such as 25%' })]);

const pdb = z.object({
  name: id,
  namespace: z.string(),
  minAvailable: intOrPercent.optional(),
  maxUnavailable: intOrPercent.optional(),
  matchLabels: z.record(z.string(), z.string()),
  unhealthyPodEvictionPolicy: z.enum(['IfHealthyBudget', 'AlwaysAllow']).optional(),
  labels: z.record(z.string(), z.string()).optional(),
}).strict().refine((p) => (p.minAvailable === undefined) !== (p.maxUnavailable === undefined), { message: 'set exactly one of minAvailable and maxUnavailable' });

/** An HTTP GET probe; bounds as the API server validates them (period at least 1 s), capped at an hour for play. */
const probe = z.object({
  path: z.string().startsWith('/', { message: 'expected an absolute HTTP path such as /healthz' }),
  port,
  initialDelaySeconds: z.number().int().min(0).max(3600).optional(),
  periodSeconds: z.number().int().min(1, { message: 'periodSeconds must be at least 1' }).max(3600).optional(),
  failureThreshold: z.number().int().positive().max(1000).optional(),
}).strict();

/** An env value: plain text, or a reference to one key of a Secret or ConfigMap (`valueFrom`). */
const envValue = z.union([
  z.string(),
  z.object({ secret: z.string(), key: z.string() }).strict(),
  z.object({ configMap: z.string(), key: z.string() }).strict(),
], { message: 'expected a string, { secret: NAME, key: KEY } or { configMap: NAME, key: KEY }' });
/** One `envFrom` source: every key of a ConfigMap or a Secret. */
const envFrom = z.union([z.object({ configMap: z.string() }).strict(), z.object({ secret: z.string() }).strict()], { message: 'expected { configMap: NAME } or { secret: NAME }' });
const objectName = z.string().regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, { message: 'expected a DNS-1123 name such as auth-config' });

const nodeSelectorRequirement = z.object({
  key: z.string(),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']),
  values: z.array(z.string()).optional(),
}).strict();
const toleration = z.object({
  key: z.string().optional(),
  operator: z.enum(['Exists', 'Equal']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
}).strict();

const QUOTA_KEYS = ['pods', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory'];
/** Namespace policy and storage objects, created `age` ago (default: at the cluster's start). */
const quotaSchema = z.object({ name: objectName, namespace: z.string(), age: duration.optional(), hard: z.record(z.string(), quantity).refine((h) => Object.keys(h).every((k) => QUOTA_KEYS.includes(k)), { message: 'hard limits only pods, requests.cpu, requests.memory, limits.cpu, limits.memory, cpu, memory' }) }).strict();
const limitRangeSchema = z.object({
  name: objectName, namespace: z.string(), age: duration.optional(),
  limits: z.array(z.object({ type: z.enum(['Container', 'Pod']), max: quantityMap.optional(), min: quantityMap.optional(), default: quantityMap.optional(), defaultRequest: quantityMap.optional() }).strict()).min(1),
}).strict();
/** A label selector in the API's own shape (matchLabels AND matchExpressions). */
const selectorSchema = z.object({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z.array(z.object({ key: z.string(), operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: z.array(z.string()).optional() }).strict()).optional(),
}).strict();
const policyPeer = z.object({
  podSelector: selectorSchema.optional(), namespaceSelector: selectorSchema.optional(),
  ipBlock: z.object({ cidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, { message: 'expected an IPv4 CIDR such as 10.0.0.0/8' }), except: z.array(z.string()).optional() }).strict().optional(),
}).strict().refine((p) => (p.ipBlock === undefined) || (p.podSelector === undefined && p.namespaceSelector === undefined), { message: 'an ipBlock peer cannot also select pods or namespaces' });
const policyPorts = z.array(z.object({ protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(), port: z.union([z.number().int().min(1).max(65535), z.string()]).optional(), endPort: z.number().int().min(1).max(65535).optional() }).strict()).optional();
/**
 * A NetworkPolicy (networking.k8s.io/v1) created `age` ago, its spec as Kubernetes writes it; the
 * simulated traffic of `curl`, `wget`, `nc` and DNS lookups obeys it.
 */
const networkPolicySchema = z.object({
  name: objectName, namespace: z.string(), age: duration.optional(), labels: z.record(z.string(), z.string()).optional(), annotations: z.record(z.string(), z.string()).optional(),
  spec: z.object({
    podSelector: selectorSchema,
    policyTypes: z.array(z.enum(['Ingress', 'Egress'])).optional(),
    ingress: z.array(z.object({ from: z.array(policyPeer).optional(), ports: policyPorts }).strict()).optional(),
    egress: z.array(z.object({ to: z.array(policyPeer).optional(), ports: policyPorts }).strict()).optional(),
  }).strict(),
}).strict();
const storageClassSchema = z.object({
  name: objectName, age: duration.optional(), provisioner: z.string(), default: z.boolean().default(false),
  volumeBindingMode: z.enum(['Immediate', 'WaitForFirstConsumer']).default('Immediate'), reclaimPolicy: z.enum(['Delete', 'Retain']).default('Delete'),
  allowVolumeExpansion: z.boolean().optional(), parameters: z.record(z.string(), z.string()).optional(),
}).strict();
const claimSchema = z.object({
  name: objectName, namespace: z.string(), age: duration.optional(), storage: quantity,
  accessModes: z.array(z.enum(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'])).default(['ReadWriteOnce']),
  storageClassName: z.string().optional(), labels: z.record(z.string(), z.string()).optional(),
}).strict();

const scalingRules = z.object({
  stabilizationWindowSeconds: z.number().int().min(0).max(3600).optional(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
  policies: z.array(z.object({ type: z.enum(['Pods', 'Percent']), value: z.number().int().positive(), periodSeconds: z.number().int().min(1).max(1800) }).strict()).min(1).optional(),
}).strict();
/** A HorizontalPodAutoscaler (autoscaling/v2) on a Deployment: CPU and/or memory targets as a percentage of the pods' requests. */
const hpaSchema = z.object({
  name: objectName, namespace: z.string(), age: duration.optional(),
  /** The Deployment it scales. */
  target: z.string(),
  minReplicas: z.number().int().min(1).optional(),
  maxReplicas: z.number().int().min(1),
  cpuUtilization: z.number().int().min(1).max(1000).optional(),
  memoryUtilization: z.number().int().min(1).max(1000).optional(),
  /** `spec.behavior`: set either direction to get the API server's defaults for the other. */
  behavior: z.object({ scaleUp: scalingRules.optional(), scaleDown: scalingRules.optional() }).strict().optional(),
}).strict();

/**
 * An object of any kind the simulator models, written as its manifest (apiVersion, kind, metadata
 * and the kind's own fields), created through the API at the cluster's start so the API server's
 * defaults apply. The checker holds kind, apiVersion and namespace against the kind registry.
 */
const manifest = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  /** Created this long before `now` (default: at the cluster's start); not part of the object. */
  age: duration.optional(),
  metadata: z.object({ name: objectName, namespace: z.string().optional(), labels: z.record(z.string(), z.string()).optional(), annotations: z.record(z.string(), z.string()).optional() }).strict(),
}).passthrough();

const workload = z.object({
  name: id,
  namespace: z.string(),
  replicas,
  image: z.string(),
  /** The container's `args` (the image's entry point gets them), e.g. `[--kubelet-insecure-tls]`. */
  args: z.array(z.string()).optional(),
  ports: z.array(port).default([]),
  requests: quantityMap.optional(),
  limits: quantityMap.optional(),
  liveness: probe.optional(),
  readiness: probe.optional(),
  env: z.record(z.string(), envValue).optional(),
  envFrom: z.array(envFrom).optional(),
  startup: probe.optional(),
  changeCause: z.string().optional(),
  /** Pins the pods to nodes with these labels (pod spec nodeSelector). */
  nodeSelector: z.record(z.string(), z.string()).optional(),
  /** One required node affinity term: every expression must hold (requiredDuringSchedulingIgnoredDuringExecution). */
  nodeAffinity: z.array(nodeSelectorRequirement).min(1).optional(),
  /** The pod template's tolerations. */
  tolerations: z.array(toleration).optional(),
  /** PersistentVolumeClaims the pods mount: `{ name, claim, mountPath }`. */
  volumes: z.array(z.object({ name: objectName, claim: objectName, mountPath: z.string().startsWith('/') }).strict()).optional(),
  /** RollingUpdate parameters (default 25% each) and the progress deadline (default 600). */
  maxSurge: intOrPercent.optional(),
  maxUnavailable: intOrPercent.optional(),
  progressDeadlineSeconds: z.number().int().positive().optional(),
  /** How long kubelet waits after SIGTERM before SIGKILL (pod spec; the API server's default is 30). */
  terminationGracePeriodSeconds: z.number().int().min(0).max(3600).optional(),
  /** A preStop hook: `{ sleep: 5 }` (lifecycle.preStop.sleep) or `{ exec: [sleep, "5"] }`. */
  preStop: z.union([z.object({ sleep: z.number().int().min(0).max(3600) }).strict(), z.object({ exec: z.array(z.string()).min(1) }).strict()], { message: 'expected { sleep: SECONDS } or { exec: [COMMAND, ARG…] }' }).optional(),
  /** Finalizers on the Deployment object itself (an operator that manages it). */
  finalizers: z.array(z.string()).optional(),
  /** The pods' ServiceAccount (default `default`): its imagePullSecrets are copied into pods that list none. */
  serviceAccountName: objectName.optional(),
  /** Pull Secrets the pod template names itself (Secrets of type kubernetes.io/dockerconfigjson). */
  imagePullSecrets: z.array(objectName).optional(),
  /** Default IfNotPresent (Always for `:latest`); Always pulls at every container start, cached or not. */
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
  /**
   * More containers in each pod, after the main one (a log shipper, a proxy): plain containers of
   * the pod spec, each started, pulled, probed and counted in READY like the first.
   */
  sidecars: z.array(z.object({ name: objectName, image: z.string(), ports: z.array(port).optional(), requests: quantityMap.optional(), limits: quantityMap.optional() }).strict()).optional(),
  /**
   * The pod's init containers, run one after another before the main containers (a migration, a
   * wait-for). `restartPolicy: Always` makes one a native sidecar (1.29+): it starts before the
   * next init container, keeps running beside the main containers, is restarted when it exits and
   * is counted in READY. Faults target one by its name like any container.
   */
  initContainers: z.array(z.object({
    name: objectName, image: z.string(), args: z.array(z.string()).optional(), restartPolicy: z.literal('Always').optional(),
    requests: quantityMap.optional(), limits: quantityMap.optional(),
  }).strict()).optional(),
}).strict();
/** A StatefulSet: a workload whose pods are `<name>-0…`, created in order, behind a headless Service `serviceName`. */
const statefulSetSpec = workload.omit({ maxSurge: true, maxUnavailable: true, progressDeadlineSeconds: true, finalizers: true }).extend({ serviceName: objectName }).strict();

/** `finalizers`: keys a controller must remove before the ConfigMap can really be deleted (an operator's own). */
const configMap = z.object({ name: objectName, namespace: z.string(), age: duration, data: z.record(z.string(), z.string()), finalizers: z.array(z.string()).optional() }).strict();
/** Secret values are written in plain text here; the cluster stores them base64, as the API server does. */
const secret = z.object({ name: objectName, namespace: z.string(), age: duration, type: z.string().default('Opaque'), data: z.record(z.string(), z.string()) }).strict();
/** A ServiceAccount beyond each namespace's `default` one (or `default` itself, to give it pull Secrets). */
const serviceAccount = z.object({ name: objectName, namespace: z.string(), age: duration, imagePullSecrets: z.array(objectName).optional() }).strict();
const service = z.object({
  name: objectName, namespace: z.string(), clusterIP: z.string().regex(/^\d+\.\d+\.\d+\.\d+$/, { message: 'expected an IPv4 address in the service CIDR, e.g. 10.96.14.2' }),
  /** A port number (its own target), or `{ name, port, targetPort }` as an add-on's Service names them (`https: 443 → 10250`). */
  ports: z.array(z.union([port, z.object({ name: objectName, port, targetPort: port.optional() }).strict()])).min(1), selector: z.record(z.string(), z.string()).optional(),
}).strict();

const image = z.object({
  ref: z.string().regex(/^[^\s:]+(:\d+)?\/[^\s]+:[^\s]+$|^[^\s]+:[^\s]+$/, { message: 'expected an image reference with a tag, e.g. registry.example.com/team/app:1.2.3' }),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, { message: 'expected sha256: followed by 64 hex digits' }),
  size: quantity,
  binary: z.string().startsWith('/', { message: 'expected an absolute path inside the image' }),
  shell: z.boolean(),
  cpu: quantity,
  memory: quantity,
  logs: z.array(z.object({ after: duration, text: z.string(), stream: z.enum(['stdout', 'stderr']).optional() }).strict()).default([]),
  /**
   * The platforms the tag's image index has a manifest for (`[linux/amd64]` for an image built on
   * one CI runner). containerd picks the node's own; a node whose platform is missing fails the pull
   * with `no match for platform in manifest`. Default: every node's platform.
   */
  platforms: z.array(z.enum(['linux/amd64', 'linux/arm64'])).min(1).optional(),
  /**
   * A program that ends by itself (a batch job, a migration): it exits `after` its start with exit
   * code `code` (0: reason Completed, else Error), unless a fault ends it first. Default: it keeps
   * running, as a server does.
   */
  exit: z.object({ after: duration, code: z.number().int().min(0).max(255) }).strict().optional(),
}).strict();

const historyStep = z.discriminatedUnion('do', [
  z.object({ ago: duration, do: z.literal('start') }).strict(),
  z.object({ ago: duration, do: z.literal('addNode'), node: z.string() }).strict(),
  /** A workload first deployed at this moment (it does not exist before). */
  z.object({ ago: duration, do: z.literal('deploy'), workload: z.string() }).strict(),
  z.object({ ago: duration, do: z.literal('scale'), workload: z.string(), replicas }).strict(),
  z.object({ ago: duration, do: z.literal('setImage'), workload: z.string(), image: z.string(), changeCause: z.string().optional() }).strict(),
  z.object({ ago: duration, do: z.literal('cordon'), node: z.string() }).strict(),
  z.object({ ago: duration, do: z.literal('drain'), node: z.string() }).strict(),
  /** A new pod template whose env / envFrom replace the workload's (a configuration change is a new revision). */
  z.object({ ago: duration, do: z.literal('setConfig'), workload: z.string(), env: z.record(z.string(), envValue).optional(), envFrom: z.array(envFrom).optional(), changeCause: z.string().optional() }).strict(),
  /** New probes on the workload's container (a new revision): a given probe replaces the old one, `null` removes it. */
  z.object({ ago: duration, do: z.literal('setProbes'), workload: z.string(), liveness: probe.nullable().optional(), readiness: probe.nullable().optional(), startup: probe.nullable().optional(), changeCause: z.string().optional() }).strict(),
  /** A new template for a DaemonSet's container (a new ControllerRevision, rolled out node by node): image and/or resources. */
  z.object({ ago: duration, do: z.literal('setDaemonSet'), daemonSet: z.string(), image: z.string().optional(), requests: quantityMap.optional(), limits: quantityMap.optional(), changeCause: z.string().optional() }).strict(),
  /** New requests / limits on the workload's container (merged key by key; `null` drops the whole map, as a chart that lost its `resources` block). */
  z.object({ ago: duration, do: z.literal('setResources'), workload: z.string(), requests: quantityMap.nullable().optional(), limits: quantityMap.nullable().optional(), changeCause: z.string().optional() }).strict(),
  /** New `args` for the workload's container (a new revision); `null` removes them. */
  z.object({ ago: duration, do: z.literal('setArgs'), workload: z.string(), args: z.array(z.string()).nullable(), changeCause: z.string().optional() }).strict(),
  /**
   * A process outside the pods (a host daemon) fills the node's memory: the kernel's global OOM
   * killer picks its victim by oom_score, kubelet reports MemoryPressure and evicts a pod.
   */
  z.object({ ago: duration, do: z.literal('hostMemoryHog'), node: z.string(), comm: z.string().max(15), unit: z.string(), rss: quantity, oomScoreAdj: z.number().int().min(-1000).max(1000) }).strict(),
  /** The hog is gone: kubelet reports the node has sufficient memory again. */
  z.object({ ago: duration, do: z.literal('memoryRecovered'), node: z.string() }).strict(),
  z.object({ ago: duration, do: z.literal('setDisk'), node: z.string(), device: z.string(), set: diskPatchSchema }).strict(),
  /** A hand edit of a file on the node (a config change rolled out by someone): `append` adds text at the end, `write` replaces the content. */
  z.object({ ago: duration, do: z.literal('editFile'), node: z.string(), path: z.string().startsWith('/'), append: z.string().optional(), write: z.string().optional() }).strict()
    .refine((h) => (h.append === undefined) !== (h.write === undefined), { message: 'give exactly one of append and write' }),
  /** `systemctl start|stop|restart UNIT` on the node (kubelet runs its start-up checks, sim/services.ts). */
  z.object({ ago: duration, do: z.literal('systemctl'), node: z.string(), verb: z.enum(['start', 'stop', 'restart']), unit: z.string() }).strict(),
  /** `kubectl delete namespace`: it turns Terminating and the namespace controller deletes its content (an operator uninstalled). */
  z.object({ ago: duration, do: z.literal('deleteNamespace'), namespace: z.string() }).strict(),
]);

/** Something that happens when a round begins (the curveball's twist), applied by the session. */
const roundStartStep = z.discriminatedUnion('do', [
  z.object({
    do: z.literal('eventsStorm'),
    /** `namespace/name` of the Deployment flooding the API with Events. */
    source: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, { message: 'expected namespace/name of a workload' }),
    /** Bytes the storm has already added to etcd, and what it keeps adding per minute. */
    bytes: z.string().refine((s) => quantityNumber(s) > 0, { message: 'expected a size such as 1.1Gi' }),
    perMinute: z.string().refine((s) => quantityNumber(s) > 0, { message: 'expected a size such as 40Mi' }),
    reason: z.string(),
    message: z.string(),
  }).strict(),
  /** `systemctl start|stop|restart UNIT` on a node as the round begins (a maintenance script stops containerd). */
  z.object({ do: z.literal('systemctl'), node: z.string(), verb: z.enum(['start', 'stop', 'restart']), unit: z.string() }).strict(),
  /**
   * Objects applied as the round begins, as a GitOps controller syncing another team's repository
   * would: each manifest (any kind with a table: NetworkPolicy, Namespace, ConfigMap…) is created,
   * or the fields it sets replace the stored ones, labels and annotations merged.
   */
  z.object({ do: z.literal('apply'), manifests: z.array(manifest).min(1) }).strict(),
]);
export type RoundStartStep = z.infer<typeof roundStartStep>;

export const clusterSchema = z.object({
  name: z.string(),
  serverVersion: z.string().regex(/^v1\.\d+\.\d+$/, { message: 'expected a Kubernetes version such as v1.31.4' }),
  now: z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an RFC 3339 time such as 2026-03-12T14:05:00Z' }),
  cpuModels: z.record(z.string(), cpuModel),
  nodeDefaults: z.object({
    osImage: z.string(),
    kernelRelease: z.string(),
    kernelBuild: z.string(),
    kubeletVersion: z.string(),
    containerRuntimeVersion: z.string(),
    region: z.string(),
    capacity: quantityMap,
    allocatable: quantityMap,
    rootDisk: z.object({ device: z.string(), size: z.string(), used: z.string(), inodes: z.number().int(), inodesUsed: z.number().int() }).strict(),
    labels: z.record(z.string(), z.string()).default({}),
  }).strict(),
  nodes: z.array(node).min(1).max(100, { message: 'at most 100 nodes (the simulator plays every one)' }),
  images: z.array(image),
  namespaces: z.array(z.string()),
  /**
   * DaemonSets (one pod per node, made by the DaemonSet controller): the container's `image`,
   * `requests`, `limits`, the pod's `priorityClassName` (default system-node-critical) and the
   * rollout's `changeCause`; `hostNetwork` (default true for kube-proxy, which kubeadm runs in the
   * node's network namespace, false otherwise).
   */
  daemonSets: z.array(z.object({
    name: z.string(), namespace: z.string(), image: z.string(), requests: quantityMap.optional(), limits: quantityMap.optional(),
    priorityClassName: z.string().optional(), changeCause: z.string().optional(), hostNetwork: z.boolean().optional(),
  }).strict()).default([]),
  workloads: z.array(workload),
  statefulSets: z.array(statefulSetSpec).default([]),
  /** A kubeadm control plane with its etcd cluster (scenario/controlPlane.ts). */
  controlPlane: controlPlaneSchema.optional(),
  pdbs: z.array(pdb).default([]),
  configMaps: z.array(configMap).default([]),
  secrets: z.array(secret).default([]),
  serviceAccounts: z.array(serviceAccount).default([]),
  services: z.array(service).default([]),
  resourceQuotas: z.array(quotaSchema).default([]),
  limitRanges: z.array(limitRangeSchema).default([]),
  storageClasses: z.array(storageClassSchema).default([]),
  persistentVolumeClaims: z.array(claimSchema).default([]),
  networkPolicies: z.array(networkPolicySchema).default([]),
  horizontalPodAutoscalers: z.array(hpaSchema).default([]),
  manifests: z.array(manifest).default([]),
  history: z.array(historyStep).min(1).superRefine((steps, ctx) => {
    // Steps run in file order with the clock only moving forward: a step listed after a later one would run late.
    for (let i = 1; i < steps.length; i++) {
      if (parseDuration(steps[i].ago)! > parseDuration(steps[i - 1].ago)!) {
        ctx.addIssue({ code: 'custom', path: [i, 'ago'], message: `history runs oldest first: ${steps[i].ago} ago comes before the previous step (${steps[i - 1].ago} ago); move it up` });
      }
    }
  }),
}).strict();

const matcher = z.object({
  tool: z.string(),
  verb: z.array(z.string()).min(1).optional(),
  resources: z.array(z.string()).min(1).optional(),
  names: z.array(z.string()).min(1).optional(),
  args: z.array(z.string()).optional(),
  flags: z.union([z.array(z.string()), z.record(z.string(), regex)]).optional(),
  on: z.enum(['laptop', 'node', 'faulty-node', 'healthy-node']).optional(),
  output: regex.optional(),
  row: z.record(z.string(), regex).optional(),
  jsonpath: z.string().regex(/^\{?\$?(\.[^.[\]{}]+|\[(\*|-?\d+)\])+\}?$/, { message: 'expected a simple JSONPath such as .status.currentHealthy or {.items[*].metadata.name}' }).optional(),
}).strict().refine((m) => !(m.row && m.jsonpath), { message: 'scope the output to a `row` or a `jsonpath`, not both' });

const stateCheck = z.object({ run: z.string().min(1), on: z.string().optional(), output: regex }).strict();

const rubric = z.object({
  concepts: z.array(z.object({ id, label: z.string(), weight: z.number().positive(), claim: z.string().min(1), examples: z.array(z.string().min(1)).min(1), partial: z.array(z.string().min(1)).optional(), nearMisses: z.array(z.string().min(1)).optional(), explains: z.boolean().optional(), backedBy: z.array(z.string()).min(1).optional() }).strict()).min(1),
  evidence: z.array(z.object({
    id,
    label: z.string(),
    weight: z.number().positive(),
    any: z.array(matcher).min(1).optional(),
    state: z.array(stateCheck).min(1).optional(),
    beforeDestructive: z.boolean().optional(),
  }).strict().refine((e) => e.any || e.state, { message: 'give `any` (commands that show it) or `state` (end-state checks), or both' })),
  order: z.object({ label: z.string(), weight: z.number().positive(), sequence: z.array(z.string()).min(2) }).strict().optional(),
  enough: z.number().gt(0).max(1).optional(),
  penalties: z.array(z.object({ id, label: z.string(), points: z.number().positive(), why: z.string(), any: z.array(matcher).min(1) }).strict()),
  weakAnswers: z.array(z.object({ id, label: z.string(), why: z.string(), claim: z.string().min(1), examples: z.array(z.string().min(1)).min(1), nearMisses: z.array(z.string().min(1)).optional(), unlessConcepts: z.array(z.string()).optional() }).strict()),
  trap: z.object({ question: z.string(), answer: z.string() }).strict(),
  seniorSignal: z.string(),
  hints: z.array(z.object({ text: z.string(), cost: z.number().nonnegative() }).strict()),
}).strict();

/**
 * What varies per attempt (scenario/variants.ts). By default node IPs and IP-derived node names,
 * the ages of the first nodes, and generated names (pod suffixes, uids); `names` adds the
 * author's own: each name becomes one of its alternatives, everywhere it is written.
 */
export const variantsSchema = z.object({
  /** Node IPs, and node names made from them (ip-10-42-3-208). Default true. */
  nodes: z.boolean().optional(),
  /** The ages of nodes there from the start (a few days older). Default true. */
  ages: z.boolean().optional(),
  /** A name used in this file → the names it may become (a namespace, a workload, an image tag). */
  names: z.record(z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { message: 'expected a name as written in this file: lower-case letters, digits, dots and dashes' }), z.array(z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { message: 'expected a lower-case name (letters, digits, dots, dashes)' })).min(1)).optional(),
}).strict();
export type VariantSpec = z.infer<typeof variantsSchema>;

const mdxPath = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+\.mdx$/, { message: 'expected a path under content/ such as my-scenario/01-opening.mdx' });

export const scenarioSchema = z.object({
  schemaVersion: z.literal(1, { message: 'expected schemaVersion: 1' }),
  id,
  title: z.string().min(1),
  summary: z.string().min(1),
  category: z.string(),
  difficulty: z.string(),
  duration: z.string(),
  domains: z.array(z.string()).min(1),
  cluster: clusterSchema,
  faultyNodes: z.array(z.string()).default([]),
  faults: z.array(z.looseObject({ kind: z.string() })),
  variants: variantsSchema.optional(),
  rounds: z.array(z.object({
    id,
    title: z.string(),
    skill: z.string(),
    prompt: mdxPath,
    modelAnswer: mdxPath,
    rubric,
    onStart: z.array(roundStartStep).optional(),
  }).strict()).min(1),
  // `round`: the round whose answer a step belongs to; the report reveals it once that round is
  // answered (a step without one only when every round is).
  seniorPath: z.array(z.object({ command: z.string(), why: z.string(), round: z.string().optional() }).strict()),
}).strict();

export type ScenarioFile = z.infer<typeof scenarioSchema>;
export type ClusterSpec = z.infer<typeof clusterSchema>;

/** Whether a scenario DaemonSet's pods run in the host network: as written, else only kube-proxy (as kubeadm deploys it). */
export function daemonHostNetwork(ds: ClusterSpec['daemonSets'][number]): boolean {
  return ds.hostNetwork ?? ds.name === 'kube-proxy';
}
