import type { Container, KubeObject, Pod } from '../model/k8s.ts';
import { addQuantity, formatQuantity, parseQuantity, zeroQuantity, type Quantity } from '../model/quantity.ts';
import type { ClusterState } from '../model/state.ts';
import { describeWith } from '../printers/describe/writer.ts';
import type { ApiRefusal } from '../sim/faults/types.ts';
import { ageColumn, col, nameColumn, objectTable, RW, sortedValues } from './common.ts';
import type { KindDef } from './types.ts';

/** core/v1 ResourceQuota: `spec.hard`, and `status.hard`/`status.used` as the quota controller keeps them. */
export interface ResourceQuota extends KubeObject {
  kind: 'ResourceQuota';
  spec: { hard?: Record<string, string>; scopes?: string[] };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

/** The compute resources a quota tracks for pods (`cpu`/`memory` are requests, as the API server reads them). */
export const QUOTA_TRACKED = ['pods', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory'] as const;

const byteCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `cpu` and `memory` mean `requests.cpu` and `requests.memory` (the quota evaluator's aliases). */
const canonical = (k: string) => (k === 'cpu' || k === 'memory' ? `requests.${k}` : k);

/**
 * One container's figure for a quota resource, or undefined when it sets none. A request that is
 * not set takes the limit, as the API server's defaulting does.
 */
function containerFigure(c: Container, resource: string): Quantity | undefined {
  const [kind, what] = canonical(resource).split('.') as ['requests' | 'limits', 'cpu' | 'memory'];
  const text = kind === 'requests' ? c.resources?.requests?.[what] ?? c.resources?.limits?.[what] : c.resources?.limits?.[what];
  return parseQuantity(text);
}

/** What one pod counts for a quota resource: 1 for `pods`, else the sum over its containers. */
export function podUsage(pod: Pod, resource: string): Quantity {
  if (resource === 'pods') return parseQuantity(1)!;
  return pod.spec.containers.reduce((sum, c) => {
    const q = containerFigure(c, resource);
    return q ? (sum.milli === 0n ? q : addQuantity(sum, q)) : sum;
  }, zeroQuantity(resource.endsWith('memory') ? 'BinarySI' : 'DecimalSI'));
}

/** Pods that count against a namespace's quota: not finished and not being deleted. */
const countedPods = (state: ClusterState, namespace: string) =>
  Object.values(state.pods).filter((p) => (p.metadata.namespace ?? 'default') === namespace && !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');

/** The sum of `resource` over the pods counted in `namespace` (the quota controller's `status.used`). */
export function namespaceUsage(state: ClusterState, namespace: string, resource: string, except?: Pod): Quantity {
  let sum = zeroQuantity(resource.endsWith('memory') ? 'BinarySI' : 'DecimalSI');
  for (const p of countedPods(state, namespace)) {
    if (except && p.metadata.name === except.metadata.name) continue;
    const q = podUsage(p, resource);
    sum = sum.milli === 0n ? q : addQuantity(sum, q);
  }
  return sum;
}

const entry = (r: string, q: Quantity) => `${r}=${formatQuantity(q)}`;

/**
 * The ResourceQuota admission plugin's verdict on a new pod (kube-apiserver 1.31): a container
 * that sets no figure for a tracked cpu/memory resource is refused with `failed quota: NAME: must
 * specify requests.cpu for: app`; a pod that would take `used` past `hard` with `exceeded quota:
 * NAME, requested: requests.cpu=2, used: requests.cpu=8, limited: requests.cpu=8` (only the
 * resources it exceeds, sorted by name). Undefined when it fits.
 */
export function quotaRefusal(state: ClusterState, quota: { name: string; namespace: string; hard: Record<string, string | number> }, pod: Pod): ApiRefusal | undefined {
  const forbidden = (why: string): ApiRefusal => ({ code: 403, reason: 'Forbidden', message: `pods "${pod.metadata.name}" is forbidden: ${why}` });
  const hard = Object.keys(quota.hard).filter((k) => (QUOTA_TRACKED as readonly string[]).includes(k)).sort(byteCompare);
  const unset = hard.filter((r) => r !== 'pods').map((r) => [r, pod.spec.containers.filter((c) => !containerFigure(c, r)).map((c) => c.name)] as const).filter(([, cs]) => cs.length);
  if (unset.length) return forbidden(`failed quota: ${quota.name}: must specify ${unset.map(([r, cs]) => `${r} for: ${cs.join(',')}`).join('; ')}`);
  const over = hard.flatMap((r) => {
    const used = namespaceUsage(state, quota.namespace, r, pod);
    const want = podUsage(pod, r);
    const limit = parseQuantity(quota.hard[r])!;
    return used.milli + want.milli > limit.milli ? [{ r, used, want, limit }] : [];
  });
  if (!over.length) return undefined;
  const list = (pick: (o: (typeof over)[number]) => Quantity) => over.map((o) => entry(o.r, pick(o))).join(',');
  return forbidden(`exceeded quota: ${quota.name}, requested: ${list((o) => o.want)}, used: ${list((o) => o.used)}, limited: ${list((o) => o.limit)}`);
}

const quotas = objectTable<ResourceQuota>('resourcequotas');

/** The ResourceQuota objects of a namespace. */
export const quotasIn = (state: ClusterState, namespace: string): ResourceQuota[] =>
  (state.objects && Object.hasOwn(state.objects, 'resourcequotas') ? sortedValues(quotas(state)) : []).filter((q) => q.metadata.namespace === namespace);

/** `REQUEST`/`LIMIT` cells: `resource: used/hard` for each tracked resource, limits.* in the second. */
function usageCell(q: ResourceQuota, limits: boolean): string {
  const hard = q.status?.hard ?? {};
  return Object.keys(hard).sort(byteCompare)
    .filter((r) => r.startsWith('limits.') === limits)
    .map((r) => `${r}: ${q.status?.used?.[r] ?? '0'}/${hard[r]}`).join(', ');
}

/** `resource`, used and hard per tracked resource, sorted by name (the describers' rows). */
export const quotaRows = (q: ResourceQuota): [string, string, string][] =>
  Object.keys(q.status?.hard ?? {}).sort(byteCompare).map((r) => [r, q.status?.used?.[r] ?? '0', q.status!.hard![r]]);

/** The quota controller: `status.hard` mirrors the spec, `status.used` sums the namespace's pods. */
function syncQuotas(state: ClusterState): void {
  if (!state.objects || !Object.hasOwn(state.objects, 'resourcequotas')) return;
  const table = quotas(state);
  for (const key of Object.keys(table)) {
    const q = table[key];
    const hard = Object.fromEntries(Object.entries(q.spec.hard ?? {}).map(([k, v]) => [k, formatQuantity(parseQuantity(v)!)]));
    const used = Object.fromEntries(Object.keys(hard).map((k) => [k, formatQuantity(namespaceUsage(state, q.metadata.namespace ?? 'default', k))]));
    const same = (a: Record<string, string> | undefined, b: Record<string, string>) => a && Object.keys(b).every((k) => a[k] === b[k]) && Object.keys(a).length === Object.keys(b).length;
    if (!same(q.status?.hard, hard) || !same(q.status?.used, used)) q.status = { hard, used };
  }
}

/** core/v1 ResourceQuota; creates of pods that would pass it are refused at admission (sim/admission.ts). */
export const resourceQuota: KindDef<ResourceQuota> = {
  kind: 'ResourceQuota', plural: 'resourcequotas', singular: 'resourcequota', shortNames: ['quota'], group: '', version: 'v1', namespaced: true, verbs: RW,
  table: quotas,
  columns: [nameColumn, ageColumn, col<ResourceQuota>('REQUEST', (q) => usageCell(q, false)), col<ResourceQuota>('LIMIT', (q) => usageCell(q, true))],
  related: () => ({}),
  // As kubectl's ResourceQuotaDescriber prints it (1.33): no events section.
  describe: (q) => describeWith((w) => {
    w.write(0, `Name:\t${q.metadata.name}\n`);
    w.write(0, `Namespace:\t${q.metadata.namespace ?? ''}\n`);
    w.write(0, 'Resource\tUsed\tHard\n');
    w.write(0, '--------\t----\t----\n');
    for (const [r, used, hard] of quotaRows(q)) w.write(0, `${r}\t${used}\t${hard}\n`);
  }),
  writable: { patch: true, delete: true },
  reconcile: syncQuotas,
  explain: {
    'spec.hard': { type: 'map[string]Quantity', description: 'hard is the set of desired hard limits for each named resource.' },
    'status.used': { type: 'map[string]Quantity', description: 'Used is the current observed total usage of the resource in the namespace.' },
  },
};
