import type { KubeObject } from '../model/k8s.ts';
import { describeEvents } from '../printers/describe/events.ts';
import { describeWith, printAnnotations, printLabels } from '../printers/describe/writer.ts';
import { ageColumn, col, ensureDefault, nameColumn, objectTable, peekTable, RW } from './common.ts';
import { peekValues } from '../sim/peek.ts';
import type { KindDef } from './types.ts';

/** core/v1 ServiceAccount, trimmed to what `get sa` and `describe sa` read. */
export interface ServiceAccount extends KubeObject {
  kind: 'ServiceAccount';
  secrets?: { name: string }[];
  imagePullSecrets?: { name: string }[];
  automountServiceAccountToken?: boolean;
}

const names = (list: { name: string }[] | undefined) => (list?.length ? list.map((s) => s.name).join(', ') : '<none>');

/** core/v1 ServiceAccount; the serviceaccount controller gives every namespace its `default` one. */
export const serviceAccount: KindDef<ServiceAccount> = {
  kind: 'ServiceAccount', plural: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], group: '', version: 'v1', namespaced: true, verbs: RW,
  table: objectTable('serviceaccounts'),
  columns: [nameColumn, col<ServiceAccount>('SECRETS', (sa) => String(sa.secrets?.length ?? 0)), ageColumn],
  describe: (sa, related, now) => describeWith((w) => {
    w.write(0, `Name:\t${sa.metadata.name}\n`);
    w.write(0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
    printLabels(w, 'Labels', sa.metadata.labels);
    printAnnotations(w, 'Annotations', sa.metadata.annotations);
    w.write(0, `Image pull secrets:\t${names(sa.imagePullSecrets)}\n`);
    w.write(0, `Mountable secrets:\t${names(sa.secrets)}\n`);
    w.write(0, 'Tokens:\t<none>\n');
    if (related.events) describeEvents(w, related.events, now);
  }),
  writable: { patch: true, delete: true },
  reconcile(d) {
    // Read as stored: this runs after every change, and drafting every namespace and table entry each time added up.
    const table = peekTable(d, serviceAccount.table!);
    for (const ns of peekValues(d.namespaces)) {
      if (Object.hasOwn(table, `${ns.metadata.name}/default`)) continue;
      ensureDefault(d, serviceAccount, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns.metadata.name, uid: '', creationTimestamp: ns.metadata.creationTimestamp } });
    }
  },
};
