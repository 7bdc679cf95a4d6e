import type { Namespace } from '../model/k8s.ts';
import { describeWith, rfc1123, printAnnotations, printLabels } from '../printers/describe/writer.ts';
import { ageColumn, col, nameColumn, RW_NO_COLLECTION } from './common.ts';
import { describeLimitRangeRows, limitRangesIn, type LimitRange } from './limitrange.ts';
import { quotaRows, quotasIn, type ResourceQuota } from './resourcequota.ts';
import type { KindDef } from './types.ts';

/** core/v1 Namespace. */
export const namespace: KindDef<Namespace> = {
  kind: 'Namespace', plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], group: '', version: 'v1', namespaced: false, verbs: RW_NO_COLLECTION,
  table: (s) => s.namespaces,
  fieldSelectors: ['status.phase'],
  columns: [nameColumn, col<Namespace>('STATUS', (n) => n.status?.phase ?? ''), ageColumn],
  // kubectl's namespace describer reads quotas and limit ranges, not events.
  related: (state, ns) => ({ quotas: quotasIn(state, ns.metadata.name), limitRanges: limitRangesIn(state, ns.metadata.name) }),
  // As kubectl's NamespaceDescriber prints it (1.33): DescribeResourceQuotas, then DescribeLimitRanges.
  describe: (ns, related) => describeWith((w) => {
    w.write(0, `Name:\t${ns.metadata.name}\n`);
    printLabels(w, 'Labels', ns.metadata.labels);
    printAnnotations(w, 'Annotations', ns.metadata.annotations);
    w.write(0, `Status:\t${ns.status?.phase ?? 'Active'}\n`);
    // A Terminating namespace's deletion conditions, as kubectl's namespace describer lists them.
    const conditions = ns.status?.conditions ?? [];
    if (conditions.length) {
      w.write(0, 'Conditions:\n');
      w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions) w.write(1, `${c.type}\t${c.status}\t${rfc1123(c.lastTransitionTime)}\t${c.reason}\t${c.message}\n`);
    }
    w.write(0, '\n');
    const quotas = (related.quotas ?? []) as ResourceQuota[];
    if (!quotas.length) w.write(0, 'No resource quota.\n');
    else {
      w.write(0, 'Resource Quotas\n');
      for (const q of quotas) {
        w.write(1, `Name:\t${q.metadata.name}\n`);
        w.write(1, 'Resource\tUsed\tHard\n');
        w.write(1, '--------\t---\t---\n');
        for (const [r, used, hard] of quotaRows(q)) w.write(1, `${r}\t${used}\t${hard}\n`);
      }
    }
    w.write(0, '\n');
    const limits = (related.limitRanges ?? []) as LimitRange[];
    if (!limits.length) w.write(0, 'No LimitRange resource.\n');
    else {
      w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
      w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
      for (const lr of limits) describeLimitRangeRows(w, lr, ' ');
    }
  }),
  admit(ns) {
    ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
    ns.spec ??= { finalizers: ['kubernetes'] };
    ns.status ??= { phase: 'Active' };
  },
  explain: {
    '': { type: 'Namespace', description: 'Namespace provides a scope for Names. Use of multiple namespaces is optional.' },
    'spec.finalizers': { type: '[]string', description: 'An opaque list of values that must be empty before the namespace is removed from storage. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/' },
    'status.conditions': { type: '[]NamespaceCondition', description: "The latest available observations of the namespace's current state.", typeDescription: 'NamespaceCondition contains details about state of namespace.' },
    'status.phase': { type: 'string', enum: ['Active', 'Terminating'], description: 'Phase is the current lifecycle phase of the namespace. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/' },
  },
};
