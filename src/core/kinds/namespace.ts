import type { Namespace } from '../model/k8s.ts';
import { describeNamespace } from '../printers/describe/workloads.ts';
import { ageColumn, col, nameColumn, RW_NO_COLLECTION } from './common.ts';
import type { KindDef } from './types.ts';

/** core/v1 Namespace. */
export const namespace: KindDef<Namespace> = {
  kind: 'Namespace', plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], group: '', version: 'v1', namespaced: false, verbs: RW_NO_COLLECTION,
  table: (s) => s.namespaces,
  fieldSelectors: ['status.phase'],
  columns: [nameColumn, col<Namespace>('STATUS', (n) => n.status?.phase ?? ''), ageColumn],
  // kubectl's namespace describer reads quotas and limit ranges, not events.
  related: () => ({}),
  describe: (ns) => describeNamespace(ns),
  admit(ns) {
    ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
    ns.spec ??= { finalizers: ['kubernetes'] };
    ns.status ??= { phase: 'Active' };
  },
};
