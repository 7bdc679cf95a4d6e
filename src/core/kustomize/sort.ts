import { groupOf, kindOf, meta, versionOf, type Res } from './types.ts';

/** kustomize's legacy order: these kinds first, in this order… */
const FIRST = ['Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole',
  'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget'];
/** …these last, everything else between. */
const LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

const rank = (kind: string) => (FIRST.includes(kind) ? FIRST.indexOf(kind) - FIRST.length : LAST.includes(kind) ? LAST.indexOf(kind) + 1 : 0);
const gvk = (r: Res) => [groupOf(r.obj) || '~G', versionOf(r.obj) || '~V', kindOf(r.obj) || '~K'].join('_');
const id = (r: Res) => `${gvk(r)}|${String(meta(r.obj).namespace ?? '') || '~X'}|${String(meta(r.obj).name ?? '') || '~N'}`;
const byteLess = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * kustomize's default (legacy) resource order, SortOrderTransformer: by the kind's rank, then by
 * group_version_kind, then by namespace and name (byte order).
 */
export function legacySort(resources: readonly Res[]): Res[] {
  return [...resources].sort((a, b) => rank(kindOf(a.obj)) - rank(kindOf(b.obj)) || byteLess(gvk(a), gvk(b)) || byteLess(id(a), id(b)));
}
