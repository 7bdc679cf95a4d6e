import type { KubeObject, Pod } from '../model/k8s.ts';
import { canonicalQuantity } from '../model/quantity.ts';
import type { ClusterState } from '../model/state.ts';
import type { PrefixWriter } from '../printers/describe/writer.ts';
import { byteCompare, describeWith } from '../printers/describe/writer.ts';
import { rfc3339 } from '../time.ts';
import { col, nameColumn, objectTable, RW, sortedValues } from './common.ts';
import type { KindDef } from './types.ts';

/** One `spec.limits[]` item of a LimitRange (type Container here; Pod and PVC items print the same way). */
export interface LimitRangeItem {
  type: string;
  max?: Record<string, string>;
  min?: Record<string, string>;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}

/** core/v1 LimitRange. */
export interface LimitRange extends KubeObject {
  kind: 'LimitRange';
  spec: { limits: LimitRangeItem[] };
}

const limitRanges = objectTable<LimitRange>('limitranges');

/** The LimitRange objects of a namespace, in list order. */
export const limitRangesIn = (state: ClusterState, namespace: string): LimitRange[] =>
  (state.objects && Object.hasOwn(state.objects, 'limitranges') ? sortedValues(limitRanges(state)) : []).filter((l) => l.metadata.namespace === namespace);

/**
 * `describeLimitRangeSpec`: one row per item and resource (kubectl walks a Go map here, so its
 * row order varies from run to run; we print resources sorted), `-` where the item sets nothing.
 */
export function describeLimitRangeRows(w: PrefixWriter, lr: LimitRange, prefix: string): void {
  for (const item of lr.spec.limits) {
    const maps = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
    const resources = [...new Set(maps.flatMap((m) => Object.keys(m ?? {})))].sort(byteCompare);
    for (const r of resources) {
      const cells = maps.map((m) => (m?.[r] !== undefined ? canonicalQuantity(m[r]) : '-'));
      w.write(0, `${prefix}${item.type}\t${r}\t${cells.join('\t')}\n`);
    }
  }
}

/**
 * The LimitRanger admission plugin on a pod create (kube-apiserver 1.31): a container that sets no
 * request or limit for a resource gets the Container item's `defaultRequest` / `default` (a missing
 * request falls back to the limit, as the API server's defaulting does), and the pod is annotated
 * `kubernetes.io/limit-ranger: LimitRanger plugin set: cpu, memory request for container app; …`.
 * Mutates `pod`; returns whether anything was set.
 */
export function applyLimitRangeDefaults(state: ClusterState, pod: Pod): boolean {
  const notes: string[] = [];
  for (const lr of limitRangesIn(state, pod.metadata.namespace ?? 'default')) {
    for (const item of lr.spec.limits) {
      if (item.type !== 'Container') continue;
      for (const c of pod.spec.containers) {
        const setRequests: string[] = [];
        const setLimits: string[] = [];
        // Requests first: an unset request takes the container's own limit (API defaulting, before
        // admission), else the item's defaultRequest (which itself defaults to `default`).
        const requestSources = { ...(item.default ?? {}), ...(item.defaultRequest ?? {}) };
        for (const r of Object.keys(requestSources).sort(byteCompare)) {
          if (c.resources?.requests?.[r] !== undefined) continue;
          c.resources = { ...c.resources, requests: { ...c.resources?.requests, [r]: c.resources?.limits?.[r] ?? requestSources[r] } };
          setRequests.push(r);
        }
        for (const r of Object.keys(item.default ?? {}).sort(byteCompare)) {
          if (c.resources?.limits?.[r] !== undefined) continue;
          c.resources = { ...c.resources, limits: { ...c.resources?.limits, [r]: item.default![r] } };
          setLimits.push(r);
        }
        // Stored as the API server serializes ResourceRequirements: limits, then requests.
        if (setRequests.length || setLimits.length) c.resources = { ...(c.resources?.limits ? { limits: c.resources.limits } : {}), ...(c.resources?.requests ? { requests: c.resources.requests } : {}) };
        if (setRequests.length) notes.push(`${setRequests.join(', ')} request for container ${c.name}`);
        if (setLimits.length) notes.push(`${setLimits.join(', ')} limit for container ${c.name}`);
      }
    }
  }
  if (!notes.length) return false;
  pod.metadata.annotations = { ...pod.metadata.annotations, 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}` };
  return true;
}

/** core/v1 LimitRange; its defaults are applied to pods at admission (sim/admission.ts). */
export const limitRange: KindDef<LimitRange> = {
  kind: 'LimitRange', plural: 'limitranges', singular: 'limitrange', shortNames: ['limits'], group: '', version: 'v1', namespaced: true, verbs: RW,
  table: limitRanges,
  // No table handler in the API server: its default convertor prints NAME and CREATED AT.
  columns: [nameColumn, col<LimitRange>('CREATED AT', (l) => rfc3339(Date.parse(l.metadata.creationTimestamp)))],
  related: () => ({}),
  // As kubectl's LimitRangeDescriber prints it (1.33): no events section.
  describe: (lr) => describeWith((w) => {
    w.write(0, `Name:\t${lr.metadata.name}\n`);
    w.write(0, `Namespace:\t${lr.metadata.namespace ?? ''}\n`);
    w.write(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    describeLimitRangeRows(w, lr, '');
  }),
  writable: { patch: true, delete: true },
  explain: {
    'spec.limits': { type: '[]LimitRangeItem', description: 'Limits is the list of LimitRangeItem objects that are enforced.' },
  },
};
