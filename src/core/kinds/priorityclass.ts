import type { KubeObject } from '../model/k8s.ts';
import { describeEvents } from '../printers/describe/events.ts';
import { describeWith, printAnnotations } from '../printers/describe/writer.ts';
import { ageColumn, col, nameColumn, objectTable, RW } from './common.ts';
import type { KindDef } from './types.ts';

/** scheduling.k8s.io/v1 PriorityClass. */
export interface PriorityClass extends KubeObject {
  kind: 'PriorityClass';
  value: number;
  globalDefault?: boolean;
  description?: string;
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
}

/** scheduling.k8s.io/v1 PriorityClass (the API server creates the two system ones at start). */
export const priorityClass: KindDef<PriorityClass> = {
  kind: 'PriorityClass', plural: 'priorityclasses', singular: 'priorityclass', shortNames: ['pc'], group: 'scheduling.k8s.io', version: 'v1', namespaced: false, verbs: RW,
  table: objectTable('priorityclasses'),
  columns: [
    nameColumn,
    col<PriorityClass>('VALUE', (pc) => String(pc.value)),
    col<PriorityClass>('GLOBAL-DEFAULT', (pc) => String(pc.globalDefault ?? false)),
    ageColumn,
    col<PriorityClass>('PREEMPTIONPOLICY', (pc) => pc.preemptionPolicy ?? ''),
  ],
  describe: (pc, related, now) => describeWith((w) => {
    w.write(0, `Name:\t${pc.metadata.name}\n`);
    w.write(0, `Value:\t${pc.value}\n`);
    w.write(0, `GlobalDefault:\t${pc.globalDefault ?? false}\n`);
    w.write(0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
    w.write(0, `Description:\t${pc.description ?? ''}\n`);
    printAnnotations(w, 'Annotations', pc.metadata.annotations);
    if (related.events) describeEvents(w, related.events, now);
  }),
  writable: { patch: true, delete: true },
  admit(pc) { pc.preemptionPolicy ??= 'PreemptLowerPriority'; pc.globalDefault ??= false; },
};
