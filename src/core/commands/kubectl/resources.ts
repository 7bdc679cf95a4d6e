import type { KubeObject } from '../../model/k8s.ts';
import type { ClusterState } from '../../model/state.ts';

/**
 * The resource types kubectl knows (what `kubectl api-resources` lists), and how to read each from
 * the simulated cluster. Types the simulator does not model yet have no `list`: they resolve like
 * real types and simply hold no objects, so `kubectl get svc` answers `No resources found in …`.
 */
export interface ResourceType {
  /** Lower-case plural, as in URLs and `kubectl get pods`. */
  plural: string;
  singular: string;
  shortNames: string[];
  kind: string;
  /** API group; '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  /** Verbs as `kubectl api-resources -o wide` lists them. */
  verbs: string[];
  /** All objects of this type, sorted by namespace then name (the API server's list order). */
  list?: (state: ClusterState) => KubeObject[];
}

const byKey = <T extends KubeObject>(records: Record<string, T>): KubeObject[] =>
  Object.keys(records).sort().map((k) => records[k]);

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Every type, in `kubectl api-resources` order (core group first, then by group). */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  { plural: 'configmaps', singular: 'configmap', shortNames: ['cm'], kind: 'ConfigMap', group: '', version: 'v1', namespaced: true, verbs: RW, list: (s) => byKey(s.configMaps) },
  { plural: 'endpoints', singular: 'endpoints', shortNames: ['ep'], kind: 'Endpoints', group: '', version: 'v1', namespaced: true, verbs: RW },
  { plural: 'events', singular: 'event', shortNames: ['ev'], kind: 'Event', group: '', version: 'v1', namespaced: true, verbs: RW, list: (s) => byKey(s.events) },
  { plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], kind: 'Namespace', group: '', version: 'v1', namespaced: false, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], list: (s) => byKey(s.namespaces) },
  { plural: 'nodes', singular: 'node', shortNames: ['no'], kind: 'Node', group: '', version: 'v1', namespaced: false, verbs: RW, list: (s) => byKey(s.nodes) },
  { plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', shortNames: ['pvc'], kind: 'PersistentVolumeClaim', group: '', version: 'v1', namespaced: true, verbs: RW },
  { plural: 'persistentvolumes', singular: 'persistentvolume', shortNames: ['pv'], kind: 'PersistentVolume', group: '', version: 'v1', namespaced: false, verbs: RW },
  { plural: 'pods', singular: 'pod', shortNames: ['po'], kind: 'Pod', group: '', version: 'v1', namespaced: true, verbs: RW, list: (s) => byKey(s.pods) },
  { plural: 'secrets', singular: 'secret', shortNames: [], kind: 'Secret', group: '', version: 'v1', namespaced: true, verbs: RW, list: (s) => byKey(s.secrets) },
  { plural: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], kind: 'ServiceAccount', group: '', version: 'v1', namespaced: true, verbs: RW },
  { plural: 'services', singular: 'service', shortNames: ['svc'], kind: 'Service', group: '', version: 'v1', namespaced: true, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], list: (s) => byKey(s.services) },
  { plural: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], kind: 'DaemonSet', group: 'apps', version: 'v1', namespaced: true, verbs: RW },
  { plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true, verbs: RW, list: (s) => byKey(s.deployments) },
  { plural: 'replicasets', singular: 'replicaset', shortNames: ['rs'], kind: 'ReplicaSet', group: 'apps', version: 'v1', namespaced: true, verbs: RW, list: (s) => byKey(s.replicaSets) },
  { plural: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], kind: 'StatefulSet', group: 'apps', version: 'v1', namespaced: true, verbs: RW },
  { plural: 'cronjobs', singular: 'cronjob', shortNames: ['cj'], kind: 'CronJob', group: 'batch', version: 'v1', namespaced: true, verbs: RW },
  { plural: 'jobs', singular: 'job', shortNames: [], kind: 'Job', group: 'batch', version: 'v1', namespaced: true, verbs: RW },
  { plural: 'leases', singular: 'lease', shortNames: [], kind: 'Lease', group: 'coordination.k8s.io', version: 'v1', namespaced: true, verbs: RW },
  { plural: 'endpointslices', singular: 'endpointslice', shortNames: [], kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', namespaced: true, verbs: RW },
  { plural: 'ingresses', singular: 'ingress', shortNames: ['ing'], kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', namespaced: true, verbs: RW },
  { plural: 'networkpolicies', singular: 'networkpolicy', shortNames: ['netpol'], kind: 'NetworkPolicy', group: 'networking.k8s.io', version: 'v1', namespaced: true, verbs: RW },
  { plural: 'poddisruptionbudgets', singular: 'poddisruptionbudget', shortNames: ['pdb'], kind: 'PodDisruptionBudget', group: 'policy', version: 'v1', namespaced: true, verbs: RW, list: (s) => byKey(s.pdbs) },
  { plural: 'priorityclasses', singular: 'priorityclass', shortNames: ['pc'], kind: 'PriorityClass', group: 'scheduling.k8s.io', version: 'v1', namespaced: false, verbs: RW },
  { plural: 'storageclasses', singular: 'storageclass', shortNames: ['sc'], kind: 'StorageClass', group: 'storage.k8s.io', version: 'v1', namespaced: false, verbs: RW },
];

/**
 * Finds a type from what a learner typed: plural, singular, short name or Kind, any case, optionally
 * qualified by group (`deployments.apps`, `deploy.apps`) or version and group (`pods.v1.`).
 * Returns undefined for unknown types (kubectl: `the server doesn't have a resource type "x"`).
 */
export function resolveResourceType(typed: string): ResourceType | undefined {
  const lower = typed.toLowerCase();
  const dot = lower.indexOf('.');
  const base = dot < 0 ? lower : lower.slice(0, dot);
  let qualifier = dot < 0 ? undefined : lower.slice(dot + 1);
  if (qualifier !== undefined && /^v\d/.test(qualifier)) qualifier = qualifier.split('.').slice(1).join('.');
  return RESOURCE_TYPES.find((t) =>
    (t.plural === base || t.singular === base || t.shortNames.includes(base) || t.kind.toLowerCase() === base) &&
    (qualifier === undefined || qualifier === t.group));
}

/** The type of a Kind (`Pod` → pods). */
export function resourceTypeOfKind(kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.kind === kind);
}

/** `pod`, `deployment.apps`, `poddisruptionbudget.policy`: how kubectl names a type in `TYPE/NAME` output. */
export function qualifiedSingular(t: ResourceType): string {
  return t.group ? `${t.singular}.${t.group}` : t.singular;
}

/** `pods`, `deployments.apps`: how kubectl names a type in errors such as `pods "x" not found`. */
export function qualifiedPlural(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** apiVersion string of a type: `v1`, `apps/v1`. */
export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/**
 * The objects of `type` visible in `namespace` (all namespaces when undefined), sorted as the API
 * server lists them. Types the simulator does not model return [].
 */
export function listObjects(state: ClusterState, type: ResourceType, namespace: string | undefined): KubeObject[] {
  const all = type.list ? type.list(state) : [];
  if (!type.namespaced || namespace === undefined) return all;
  return all.filter((o) => (o.metadata.namespace ?? 'default') === namespace);
}

/** One object by name, or undefined (kubectl: `Error from server (NotFound): pods "x" not found`). */
export function getObject(state: ClusterState, type: ResourceType, namespace: string, name: string): KubeObject | undefined {
  return listObjects(state, type, type.namespaced ? namespace : undefined).find((o) => o.metadata.name === name);
}
