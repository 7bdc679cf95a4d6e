import type { KubeObject } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { configMap } from './configmap.ts';
import { deployment } from './deployment.ts';
import { event } from './event.ts';
import { namespace } from './namespace.ts';
import { node } from './node.ts';
import { pod } from './pod.ts';
import { podDisruptionBudget } from './poddisruptionbudget.ts';
import { replicaSet } from './replicaset.ts';
import { secret } from './secret.ts';
import { service } from './service.ts';
import type { KindDef } from './types.ts';
import { clusterRole } from './clusterrole.ts';
import { clusterRoleBinding } from './clusterrolebinding.ts';
import { controllerRevision } from './controllerrevision.ts';
import { daemonSet } from './daemonset.ts';
import { endpoints } from './endpoints.ts';
import { endpointSlice } from './endpointslice.ts';
import { lease } from './lease.ts';
import { priorityClass } from './priorityclass.ts';
import { role } from './role.ts';
import { roleBinding } from './rolebinding.ts';
import { serviceAccount } from './serviceaccount.ts';
import { statefulSet } from './statefulset.ts';
import type { Related } from '../printers/describe/types.ts';
import { eventsOnly, peekTable } from './common.ts';
import { cronJob } from './cronjob.ts';
import { job } from './job.ts';
import { limitRange } from './limitrange.ts';
import { persistentVolume } from './persistentvolume.ts';
import { persistentVolumeClaim } from './persistentvolumeclaim.ts';
import { resourceQuota } from './resourcequota.ts';
import { storageClass } from './storageclass.ts';
import { networkPolicy } from './networkpolicy.ts';
import { horizontalPodAutoscaler } from './horizontalpodautoscaler.ts';
import { ingress } from './ingress.ts';
import { apiService } from './apiservice.ts';
import { componentStatus } from './componentstatus.ts';
import { customResourceDefinition } from './customresourcedefinition.ts';
import { certificateSigningRequest } from './certificatesigningrequest.ts';
import { mutatingWebhookConfiguration, validatingWebhookConfiguration } from './webhookconfiguration.ts';

/** Every kind, in `kubectl api-resources` order (core group first, then by group, then by plural). One line per kind. */
export const KINDS: readonly KindDef[] = [
  componentStatus as KindDef,
  configMap as KindDef,
  endpoints as KindDef,
  event as KindDef,
  limitRange as KindDef,
  namespace as KindDef,
  node as KindDef,
  persistentVolumeClaim as KindDef,
  persistentVolume as KindDef,
  pod as KindDef,
  resourceQuota as KindDef,
  secret as KindDef,
  serviceAccount as KindDef,
  service as KindDef,
  mutatingWebhookConfiguration as KindDef,
  validatingWebhookConfiguration as KindDef,
  customResourceDefinition as KindDef,
  apiService as KindDef,
  controllerRevision as KindDef,
  daemonSet as KindDef,
  deployment as KindDef,
  replicaSet as KindDef,
  statefulSet as KindDef,
  horizontalPodAutoscaler as KindDef,
  cronJob as KindDef,
  job as KindDef,
  certificateSigningRequest as KindDef,
  lease as KindDef,
  endpointSlice as KindDef,
  ingress as KindDef,
  networkPolicy as KindDef,
  podDisruptionBudget as KindDef,
  clusterRoleBinding as KindDef,
  clusterRole as KindDef,
  roleBinding as KindDef,
  role as KindDef,
  priorityClass as KindDef,
  storageClass as KindDef,
];

/**
 * Finds a kind from what a learner typed: plural, singular, short name or Kind, any case, optionally
 * qualified by group (`deployments.apps`, `deploy.apps`) or version and group (`pods.v1.`).
 * Returns undefined for unknown types (kubectl: `the server doesn't have a resource type "x"`).
 */
export function resolveKind(typed: string): KindDef | undefined {
  const lower = typed.toLowerCase();
  const dot = lower.indexOf('.');
  const base = dot < 0 ? lower : lower.slice(0, dot);
  let qualifier = dot < 0 ? undefined : lower.slice(dot + 1);
  if (qualifier !== undefined && /^v\d/.test(qualifier)) qualifier = qualifier.split('.').slice(1).join('.');
  return KINDS.find((t) =>
    (t.plural === base || t.singular === base || t.shortNames.includes(base) || t.kind.toLowerCase() === base) &&
    (qualifier === undefined || qualifier === t.group));
}

/** The kinds of a category (`all`: what `kubectl get all` lists), in discovery order; empty for an unknown category. */
export function kindsInCategory(category: string): KindDef[] {
  return KINDS.filter((t) => t.categories?.includes(category));
}

/** The definition of a Kind (`Pod` → pods), or undefined. */
export function kindDef(kind: string): KindDef | undefined {
  return KINDS.find((t) => t.kind === kind);
}

/** `pod`, `deployment.apps`, `poddisruptionbudget.policy`: how kubectl names a type in `TYPE/NAME` output. */
export function qualifiedSingular(t: KindDef): string {
  return t.group ? `${t.singular}.${t.group}` : t.singular;
}

/** `pods`, `deployments.apps`: how kubectl names a type in errors such as `pods "x" not found`. */
export function qualifiedPlural(t: KindDef): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** apiVersion string of a type: `v1`, `apps/v1`. */
export function apiVersionOf(t: KindDef): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** Where an object of `t` is kept in its table: `namespace/name`, or `name` when cluster-scoped. */
export function objectKey(t: KindDef, namespace: string | undefined, name: string): string {
  return t.namespaced ? keyOf(namespace, name) : name;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A table's keys in list order. A frozen table (every table of a stored state) never changes, so
 * its order is sorted once, not at every `kubectl get` of ten thousand pods.
 */
function sortedKeys(records: Record<string, unknown>): string[] {
  const known = sortedKeyCache.get(records);
  if (known) return known;
  const keys = Object.keys(records).sort(byKey);
  if (Object.isFrozen(records)) sortedKeyCache.set(records, keys);
  return keys;
}
const sortedKeyCache = new WeakMap<object, string[]>();

/**
 * The objects of `type` visible in `namespace` (all namespaces when undefined), sorted as the API
 * server lists them (namespace, then name). Kinds the simulator does not model return [].
 */
export function listObjects(state: ClusterState, type: KindDef, namespace: string | undefined): KubeObject[] {
  if (!type.table) return [];
  const records = type.table(state);
  const all = sortedKeys(records).map((k) => records[k]);
  if (!type.namespaced || namespace === undefined) return all;
  return all.filter((o) => (o.metadata.namespace ?? 'default') === namespace);
}

/**
 * The stored objects of a Kind (`HorizontalPodAutoscaler`), read only, in list order: for
 * controllers that read another kind's objects. Unlike `listObjects` it never creates the kind's
 * table on a draft (reading must not write), and a kind without objects yet gives [].
 */
export function storedObjects<T extends KubeObject = KubeObject>(state: ClusterState, kind: string): T[] {
  const def = kindDef(kind);
  if (!def?.table) return [];
  const records = peekTable(state, def.table);
  return sortedKeys(records).map((k) => records[k] as T);
}

/** One object by name, or undefined (kubectl: `Error from server (NotFound): pods "x" not found`). */
export function getObject(state: ClusterState, type: KindDef, namespace: string, name: string): KubeObject | undefined {
  if (!type.table) return undefined;
  const records = type.table(state);
  const key = objectKey(type, namespace, name);
  return Object.hasOwn(records, key) ? records[key] : undefined;
}

/** What kubectl's describer for the object's kind fetches besides it (by default its events). */
export function relatedOf(state: ClusterState, obj: KubeObject, showEvents: boolean): Related {
  const def = kindDef(obj.kind);
  return (def?.related ?? eventsOnly)(state, obj, showEvents);
}

/** `kubectl describe` of one object, or undefined when its kind has no describer. */
export function describeObject(obj: KubeObject, related: Related, now: number): string | undefined {
  return kindDef(obj.kind)?.describe?.(obj, related, now);
}
