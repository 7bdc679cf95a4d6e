import type { Pod } from '../model/k8s.ts';
import { describePod } from '../printers/describe/pod.ts';
import { podReady, podRestarts, podStatusReason } from '../printers/podStatus.ts';
import { ageColumn, col, nameColumn, objectEvents, RW } from './common.ts';
import { objectFields, POD_SPEC } from './fields.ts';
import type { KindDef } from './types.ts';
import { POD_EXPLAIN } from './podExplain.ts';

/** core/v1 Pod. */
export const pod: KindDef<Pod> = {
  kind: 'Pod', plural: 'pods', singular: 'pod', shortNames: ['po'], categories: ['all'], group: '', version: 'v1', namespaced: true, verbs: RW,
  table: (s) => s.pods,
  fieldSelectors: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  columns: [
    nameColumn,
    col<Pod>('READY', (p) => podReady(p)),
    col<Pod>('STATUS', (p) => podStatusReason(p)),
    col<Pod>('RESTARTS', (p, _s, now) => podRestarts(p, now)),
    ageColumn,
    col<Pod>('IP', (p) => p.status?.podIPs?.[0]?.ip || p.status?.podIP || '<none>', true),
    col<Pod>('NODE', (p) => p.spec?.nodeName || '<none>', true),
    col<Pod>('NOMINATED NODE', () => '<none>', true),
    col<Pod>('READINESS GATES', () => '<none>', true),
  ],
  // A mirror pod's events name the static pod's uid (the config.mirror annotation).
  related: (s, p, showEvents) => ({ events: objectEvents(s, p, showEvents, undefined, [p.metadata.annotations?.['kubernetes.io/config.mirror'] ?? p.metadata.uid]) }),
  describe: describePod,
  writable: { patch: true, delete: true },
  fields: objectFields('Pod', { spec: POD_SPEC }),
  explain: POD_EXPLAIN,
};
