import type { PodDisruptionBudget } from '../model/k8s.ts';
import { describePodDisruptionBudget } from '../printers/describe/workloads.ts';
import { ageColumn, col, eventsOnly, nameColumn, RW } from './common.ts';
import { INTSTR, LABEL_SELECTOR, objectFields, STRING, struct } from './fields.ts';
import type { KindDef } from './types.ts';

/** policy/v1 PodDisruptionBudget. */
export const podDisruptionBudget: KindDef<PodDisruptionBudget> = {
  kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', singular: 'poddisruptionbudget', shortNames: ['pdb'], group: 'policy', version: 'v1', namespaced: true, verbs: RW,
  table: (s) => s.pdbs,
  columns: [
    nameColumn,
    col<PodDisruptionBudget>('MIN AVAILABLE', (p) => String(p.spec?.minAvailable ?? 'N/A')),
    col<PodDisruptionBudget>('MAX UNAVAILABLE', (p) => String(p.spec?.maxUnavailable ?? 'N/A')),
    col<PodDisruptionBudget>('ALLOWED DISRUPTIONS', (p) => String(p.status?.disruptionsAllowed ?? 0)),
    ageColumn,
  ],
  related: eventsOnly,
  describe: describePodDisruptionBudget,
  writable: { patch: true, delete: true },
  fields: objectFields('PodDisruptionBudget', { spec: struct('PodDisruptionBudgetSpec', { minAvailable: INTSTR, selector: LABEL_SELECTOR, maxUnavailable: INTSTR, unhealthyPodEvictionPolicy: STRING }) }),
  admit(p) {
    p.metadata.generation ??= 1;
    p.status ??= { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
};
