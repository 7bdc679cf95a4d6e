import type { KubeObject, LabelSelector, Pod, PodTemplateSpec } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { selectorMatches, selectorString } from '../k8s/labels.ts';
import { describePodTemplate } from '../printers/describe/containers.ts';
import { describeEvents } from '../printers/describe/events.ts';
import { describeWith, printAnnotations, printLabels, rfc1123 } from '../printers/describe/writer.ts';
import { ageColumn, col, namespacePods, nameColumn, objectEvents, objectTable, RW, templateContainers, templateImages } from './common.ts';
import { ANY, INT32, LABEL_SELECTOR, objectFields, POD_TEMPLATE_SPEC, STRING, struct } from './fields.ts';
import type { KindDef } from './types.ts';

/** apps/v1 StatefulSet, trimmed to what get, describe and its controller (sim/statefulSets.ts) read. */
export interface StatefulSet extends KubeObject {
  kind: 'StatefulSet';
  spec: {
    replicas: number;
    selector: LabelSelector;
    serviceName: string;
    template: PodTemplateSpec;
    podManagementPolicy: 'OrderedReady' | 'Parallel';
    updateStrategy: { type: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition: number } };
    revisionHistoryLimit?: number;
    persistentVolumeClaimRetentionPolicy?: { whenDeleted: string; whenScaled: string };
  };
  status: {
    observedGeneration?: number;
    replicas: number;
    readyReplicas?: number;
    currentReplicas?: number;
    updatedReplicas?: number;
    availableReplicas: number;
    currentRevision?: string;
    updateRevision?: string;
    collisionCount?: number;
  };
}

/** The pods a StatefulSet's selector picks in its namespace (kubectl's describer counts these). */
export const statefulSetPods = (state: ClusterState, s: StatefulSet): Pod[] =>
  namespacePods(state, s).filter((p) => selectorMatches(s.spec.selector, p.metadata.labels));

/** apps/v1 StatefulSet. */
export const statefulSet: KindDef<StatefulSet> = {
  kind: 'StatefulSet', plural: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], categories: ['all'], group: 'apps', version: 'v1', namespaced: true, verbs: RW,
  table: objectTable('statefulsets'),
  columns: [
    nameColumn,
    col<StatefulSet>('READY', (s) => `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`),
    ageColumn,
    col<StatefulSet>('CONTAINERS', (s) => templateContainers(s.spec?.template), true),
    col<StatefulSet>('IMAGES', (s) => templateImages(s.spec?.template), true),
  ],
  related: (s, sts, showEvents) => ({ events: objectEvents(s, sts, showEvents), pods: statefulSetPods(s, sts) }),
  // kubectl describe statefulset (1.33): pods counted by phase through the selector.
  describe: (s, related, now) => {
    const counts: Record<string, number> = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
    for (const p of related.pods ?? []) if (Object.hasOwn(counts, p.status?.phase ?? '')) counts[p.status.phase]++;
    return describeWith((w) => {
      w.write(0, `Name:\t${s.metadata.name}\n`);
      w.write(0, `Namespace:\t${s.metadata.namespace ?? ''}\n`);
      w.write(0, `CreationTimestamp:\t${rfc1123(s.metadata.creationTimestamp)}\n`);
      w.write(0, `Selector:\t${selectorString(s.spec.selector)}\n`);
      printLabels(w, 'Labels', s.metadata.labels);
      printAnnotations(w, 'Annotations', s.metadata.annotations);
      w.write(0, `Replicas:\t${s.spec.replicas} desired | ${s.status?.replicas ?? 0} total\n`);
      w.write(0, `Update Strategy:\t${s.spec.updateStrategy.type}\n`);
      if (s.spec.updateStrategy.rollingUpdate) w.write(1, `Partition:\t${s.spec.updateStrategy.rollingUpdate.partition}\n`);
      w.write(0, `Pods Status:\t${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed\n`);
      describePodTemplate(w, s.spec.template);
      w.write(0, 'Volume Claims:\t<none>\n');
      if (related.events) describeEvents(w, related.events, now);
    });
  },
  writable: { patch: true, delete: true },
  fields: objectFields('StatefulSet', { spec: struct('StatefulSetSpec', { replicas: INT32, selector: LABEL_SELECTOR, template: POD_TEMPLATE_SPEC, volumeClaimTemplates: ANY, serviceName: STRING, podManagementPolicy: STRING, updateStrategy: ANY, revisionHistoryLimit: INT32, minReadySeconds: INT32, persistentVolumeClaimRetentionPolicy: ANY, ordinals: ANY }) }),
};
