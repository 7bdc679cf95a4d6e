import type { KubeObject } from '../model/k8s.ts';
import { describeEvents } from '../printers/describe/events.ts';
import { byteCompare, describeWith, printAnnotations, printLabels } from '../printers/describe/writer.ts';
import { ageColumn, col, eventsOnly, nameColumn, objectTable, RW } from './common.ts';
import type { KindDef } from './types.ts';

/** core/v1 PersistentVolume, as the EBS CSI driver provisions one (a CSI source pinned to one zone). */
export interface PersistentVolume extends KubeObject {
  kind: 'PersistentVolume';
  spec: {
    capacity: { storage: string };
    accessModes: string[];
    persistentVolumeReclaimPolicy: 'Delete' | 'Retain';
    storageClassName?: string;
    volumeMode?: string;
    claimRef?: { apiVersion: string; kind: string; namespace: string; name: string; uid: string; resourceVersion?: string };
    csi?: { driver: string; volumeHandle: string; fsType?: string; volumeAttributes?: Record<string, string> };
    nodeAffinity?: { required: { nodeSelectorTerms: { matchExpressions: { key: string; operator: string; values: string[] }[] }[] } };
  };
  status: { phase: 'Available' | 'Bound' | 'Released' | 'Failed' | 'Pending'; reason?: string; message?: string; lastPhaseTransitionTime?: string };
}

const SHORT_MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

/** `GetAccessModesAsString`: `RWO,ROX`, in kubectl's fixed order, each once. */
export function accessModesText(modes: readonly string[] | undefined): string {
  const order = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
  return order.filter((m) => modes?.includes(m)).map((m) => SHORT_MODES[m]).join(',');
}

export const persistentVolumes = objectTable<PersistentVolume>('persistentvolumes');

/** The zones a volume's node affinity allows (`topology.kubernetes.io/zone In [...]`), or undefined when it has none. */
export function volumeZones(pv: PersistentVolume): string[] | undefined {
  const terms = pv.spec.nodeAffinity?.required.nodeSelectorTerms;
  if (!terms) return undefined;
  return terms.flatMap((t) => t.matchExpressions.filter((e) => e.key === 'topology.kubernetes.io/zone' && e.operator === 'In').flatMap((e) => e.values));
}

/** core/v1 PersistentVolume (cluster-scoped). */
export const persistentVolume: KindDef<PersistentVolume> = {
  kind: 'PersistentVolume', plural: 'persistentvolumes', singular: 'persistentvolume', shortNames: ['pv'], group: '', version: 'v1', namespaced: false, verbs: RW,
  table: persistentVolumes,
  columns: [
    nameColumn,
    col<PersistentVolume>('CAPACITY', (pv) => pv.spec.capacity.storage),
    col<PersistentVolume>('ACCESS MODES', (pv) => accessModesText(pv.spec.accessModes)),
    col<PersistentVolume>('RECLAIM POLICY', (pv) => pv.spec.persistentVolumeReclaimPolicy),
    col<PersistentVolume>('STATUS', (pv) => (pv.metadata.deletionTimestamp ? 'Terminating' : pv.status.phase)),
    col<PersistentVolume>('CLAIM', (pv) => (pv.spec.claimRef ? `${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}` : '')),
    col<PersistentVolume>('STORAGECLASS', (pv) => pv.spec.storageClassName ?? ''),
    col<PersistentVolume>('VOLUMEATTRIBUTESCLASS', () => '<unset>'),
    col<PersistentVolume>('REASON', (pv) => pv.status.reason ?? ''),
    ageColumn,
    col<PersistentVolume>('VOLUMEMODE', (pv) => pv.spec.volumeMode ?? '<unset>', true),
  ],
  related: eventsOnly,
  // As kubectl's PersistentVolumeDescriber prints a CSI volume (1.33).
  describe: (pv, related, now) => describeWith((w) => {
    w.write(0, `Name:\t${pv.metadata.name}\n`);
    printLabels(w, 'Labels', pv.metadata.labels);
    printAnnotations(w, 'Annotations', pv.metadata.annotations);
    w.write(0, `Finalizers:\t[${(pv.metadata.finalizers ?? []).join(' ')}]\n`);
    w.write(0, `StorageClass:\t${pv.spec.storageClassName ?? ''}\n`);
    w.write(0, `Status:\t${pv.metadata.deletionTimestamp ? 'Terminating' : pv.status.phase}\n`);
    w.write(0, `Claim:\t${pv.spec.claimRef ? `${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}` : ''}\n`);
    w.write(0, `Reclaim Policy:\t${pv.spec.persistentVolumeReclaimPolicy}\n`);
    w.write(0, `Access Modes:\t${accessModesText(pv.spec.accessModes)}\n`);
    if (pv.spec.volumeMode) w.write(0, `VolumeMode:\t${pv.spec.volumeMode}\n`);
    w.write(0, `Capacity:\t${pv.spec.capacity.storage}\n`);
    const terms = pv.spec.nodeAffinity?.required.nodeSelectorTerms;
    if (!terms) w.write(0, 'Node Affinity:\t<none>\n');
    else {
      w.write(0, 'Node Affinity:\t\n');
      w.write(1, 'Required Terms:\t\n');
      terms.forEach((t, i) => {
        const exprs = t.matchExpressions.map((e) => `${e.key} ${e.operator.toLowerCase()} [${e.values.join(' ')}]`);
        w.write(2, `Term ${i}:\t${exprs.length ? exprs.join('\n') : '<none>'}\n`);
      });
    }
    w.write(0, `Message:\t${pv.status.message ?? ''}\n`);
    w.write(0, 'Source:\n');
    if (pv.spec.csi) {
      // printCSIPersistentVolumeSource writes at LEVEL_2, the attribute values too (after the tab).
      const c = pv.spec.csi;
      w.write(2, 'Type:\tCSI (a Container Storage Interface (CSI) volume source)\n');
      w.write(2, `Driver:\t${c.driver}\n`);
      w.write(2, `FSType:\t${c.fsType ?? ''}\n`);
      w.write(2, `VolumeHandle:\t${c.volumeHandle}\n`);
      w.write(2, 'ReadOnly:\tfalse\n');
      const attrs = Object.keys(c.volumeAttributes ?? {}).sort(byteCompare);
      w.write(2, 'VolumeAttributes:\t');
      if (!attrs.length) w.write(0, '<none>\n');
      attrs.forEach((k, i) => w.write(2, `${i ? '\t' : ''}${k}=${c.volumeAttributes![k]}\n`));
    }
    if (related.events) describeEvents(w, related.events, now);
  }),
  writable: { patch: true, delete: true },
};
