import type { ReplicaSet } from '../model/k8s.ts';
import { formatLabelSelector } from '../k8s/labels.ts';
import { describeReplicaSet } from '../printers/describe/workloads.ts';
import { ageColumn, col, namespacePods, nameColumn, objectEvents, RW, templateContainers, templateImages } from './common.ts';
import { INT32, LABEL_SELECTOR, objectFields, POD_TEMPLATE_SPEC, struct } from './fields.ts';
import type { KindDef } from './types.ts';

/** apps/v1 ReplicaSet. */
export const replicaSet: KindDef<ReplicaSet> = {
  kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', shortNames: ['rs'], categories: ['all'], group: 'apps', version: 'v1', namespaced: true, verbs: RW,
  table: (s) => s.replicaSets,
  fieldSelectors: ['status.replicas'],
  columns: [
    nameColumn,
    col<ReplicaSet>('DESIRED', (r) => String(r.spec?.replicas ?? 0)),
    col<ReplicaSet>('CURRENT', (r) => String(r.status?.replicas ?? 0)),
    col<ReplicaSet>('READY', (r) => String(r.status?.readyReplicas ?? 0)),
    ageColumn,
    col<ReplicaSet>('CONTAINERS', (r) => templateContainers(r.spec?.template), true),
    col<ReplicaSet>('IMAGES', (r) => templateImages(r.spec?.template), true),
    col<ReplicaSet>('SELECTOR', (r) => formatLabelSelector(r.spec?.selector), true),
  ],
  related: (s, rs, showEvents) => ({ events: objectEvents(s, rs, showEvents), pods: namespacePods(s, rs) }),
  describe: describeReplicaSet,
  writable: { patch: true, delete: true },
  fields: objectFields('ReplicaSet', { spec: struct('ReplicaSetSpec', { replicas: INT32, minReadySeconds: INT32, selector: LABEL_SELECTOR, template: POD_TEMPLATE_SPEC }) }),
};
