import type { KubeObject } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { describeEvents } from '../printers/describe/events.ts';
import { byteCompare, describeWith } from '../printers/describe/writer.ts';
import { ageColumn, col, eventsOnly, objectTable, RW, sortedValues } from './common.ts';
import type { KindDef } from './types.ts';

/** storage.k8s.io/v1 StorageClass. */
export interface StorageClass extends KubeObject {
  kind: 'StorageClass';
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: 'Delete' | 'Retain';
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  allowVolumeExpansion?: boolean;
}

/** The annotation that makes a class the cluster's default (and its pre-GA beta spelling). */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

/** `storageutil.IsDefaultAnnotation`: the annotation's value is exactly `true`. */
export const isDefaultClass = (sc: StorageClass) =>
  sc.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' || sc.metadata.annotations?.[BETA_DEFAULT_ANNOTATION] === 'true';

export const storageClasses = objectTable<StorageClass>('storageclasses');

/**
 * The class a claim without `storageClassName` gets (the DefaultStorageClass admission plugin and,
 * since 1.28, the PV controller's retroactive assignment): the newest default class, by name on a tie.
 */
export function defaultStorageClass(state: ClusterState): StorageClass | undefined {
  const defaults = sortedValues(storageClasses(state)).filter(isDefaultClass);
  return defaults.sort((a, b) => byteCompare(b.metadata.creationTimestamp, a.metadata.creationTimestamp))[0];
}

/** `labels.FormatLabels`: `k=v,k2=v2` sorted by key, `<none>` when empty. */
const formatPairs = (m: Record<string, string> | undefined) => {
  const keys = Object.keys(m ?? {}).sort(byteCompare);
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
};

/** storage.k8s.io/v1 StorageClass. */
export const storageClass: KindDef<StorageClass> = {
  kind: 'StorageClass', plural: 'storageclasses', singular: 'storageclass', shortNames: ['sc'], group: 'storage.k8s.io', version: 'v1', namespaced: false, verbs: RW,
  table: storageClasses,
  columns: [
    col<StorageClass>('NAME', (sc) => (isDefaultClass(sc) ? `${sc.metadata.name} (default)` : sc.metadata.name)),
    col<StorageClass>('PROVISIONER', (sc) => sc.provisioner),
    col<StorageClass>('RECLAIMPOLICY', (sc) => sc.reclaimPolicy ?? 'Delete'),
    col<StorageClass>('VOLUMEBINDINGMODE', (sc) => sc.volumeBindingMode ?? 'Immediate'),
    col<StorageClass>('ALLOWVOLUMEEXPANSION', (sc) => String(sc.allowVolumeExpansion ?? false)),
    ageColumn,
  ],
  related: eventsOnly,
  // As kubectl's StorageClassDescriber prints it (1.33).
  describe: (sc, related, now) => describeWith((w) => {
    w.write(0, `Name:\t${sc.metadata.name}\n`);
    w.write(0, `IsDefaultClass:\t${isDefaultClass(sc) ? 'Yes' : 'No'}\n`);
    w.write(0, `Annotations:\t${formatPairs(sc.metadata.annotations)}\n`);
    w.write(0, `Provisioner:\t${sc.provisioner}\n`);
    w.write(0, `Parameters:\t${formatPairs(sc.parameters)}\n`);
    w.write(0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`);
    w.write(0, 'MountOptions:\t<none>\n');
    if (sc.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (related.events) describeEvents(w, related.events, now);
  }),
  writable: { patch: true, delete: true },
  admit(sc) {
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  explain: {
    provisioner: { type: 'string', description: 'provisioner indicates the type of the provisioner.' },
    volumeBindingMode: { type: 'string', description: 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.' },
  },
};
