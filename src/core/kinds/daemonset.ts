import type { KubeObject, LabelSelector, Pod, PodTemplateSpec } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { formatLabelMap, formatLabelSelector } from '../k8s/labels.ts';
import { describePodTemplate } from '../printers/describe/containers.ts';
import { describeEvents } from '../printers/describe/events.ts';
import { describeWith, printAnnotations, printLabels } from '../printers/describe/writer.ts';
import { ageColumn, col, namespacePods, nameColumn, objectEvents, objectTable, RW, templateContainers, templateImages } from './common.ts';
import { ANY, INT32, LABEL_SELECTOR, objectFields, POD_TEMPLATE_SPEC, struct } from './fields.ts';
import type { KindDef } from './types.ts';
import { daemonSetHash } from '../sim/daemonsets.ts';
import { ownedValues, peekValue, peekValues } from '../sim/peek.ts';
import { sameJson } from '../compare.ts';

/** apps/v1 DaemonSet, trimmed to what get, describe and its controller read. */
export interface DaemonSet extends KubeObject {
  kind: 'DaemonSet';
  spec: {
    selector: LabelSelector;
    template: PodTemplateSpec;
    updateStrategy?: { type: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    revisionHistoryLimit?: number;
  };
  status: {
    currentNumberScheduled: number;
    desiredNumberScheduled: number;
    numberMisscheduled: number;
    numberReady: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
    numberUnavailable?: number;
    observedGeneration?: number;
  };
}

const ownedPods = (state: ClusterState, ds: DaemonSet): Pod[] =>
  namespacePods(state, ds).filter((p) => (p.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === ds.metadata.uid));

const isReady = (p: Pod) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/**
 * Nodes a DaemonSet's pods may run on: every node its template's nodeSelector admits (its pods
 * tolerate the node taints they carry). Read as stored (peekValues), for reading only.
 */
const eligibleNodes = (state: ClusterState, ds: DaemonSet) => {
  const sel = ds.spec.template.spec.nodeSelector ?? {};
  return peekValues(state.nodes).filter((n) => Object.entries(sel).every(([k, v]) => n.metadata.labels?.[k] === v));
};

/**
 * The DaemonSet controller's status: desired is the eligible nodes, current the nodes with one of
 * its pods, ready/available those whose pod is Ready, misscheduled pods on nodes it may not use.
 * The controller itself (pods, revisions, rolling updates) is sim/daemonsets.ts.
 */
function reconcileDaemonSets(state: ClusterState): void {
  const table = daemonSet.table!(state);
  if (!Object.keys(table).length) return;
  for (const key of Object.keys(table)) {
    const ds = peekValue(table, key);
    // A pod being deleted still counts until it is gone, as the controller's status does.
    const pods = ownedValues(state.pods, ds.metadata.uid).filter((p) => p.metadata.namespace === ds.metadata.namespace && p.spec.nodeName);
    const eligible = new Set(eligibleNodes(state, ds).map((n) => n.metadata.name));
    const scheduled = pods.filter((p) => eligible.has(p.spec.nodeName!));
    const ready = scheduled.filter(isReady).length;
    const hash = daemonSetHash(ds);
    const updated = scheduled.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash);
    const status: DaemonSet['status'] = {
      currentNumberScheduled: new Set(scheduled.map((p) => p.spec.nodeName)).size,
      desiredNumberScheduled: eligible.size,
      numberMisscheduled: pods.length - scheduled.length,
      numberReady: ready,
      updatedNumberScheduled: new Set(updated.map((p) => p.spec.nodeName)).size,
      numberAvailable: ready,
      ...(eligible.size - ready > 0 ? { numberUnavailable: eligible.size - ready } : {}),
      observedGeneration: ds.metadata.generation ?? 1,
    };
    if (!sameJson(status, ds.status)) table[key].status = status;
  }
}

/** apps/v1 DaemonSet. */
export const daemonSet: KindDef<DaemonSet> = {
  kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], categories: ['all'], group: 'apps', version: 'v1', namespaced: true, verbs: RW,
  table: objectTable('daemonsets'),
  columns: [
    nameColumn,
    col<DaemonSet>('DESIRED', (d) => String(d.status?.desiredNumberScheduled ?? 0)),
    col<DaemonSet>('CURRENT', (d) => String(d.status?.currentNumberScheduled ?? 0)),
    col<DaemonSet>('READY', (d) => String(d.status?.numberReady ?? 0)),
    col<DaemonSet>('UP-TO-DATE', (d) => String(d.status?.updatedNumberScheduled ?? 0)),
    col<DaemonSet>('AVAILABLE', (d) => String(d.status?.numberAvailable ?? 0)),
    col<DaemonSet>('NODE SELECTOR', (d) => formatLabelMap(d.spec?.template?.spec?.nodeSelector) || '<none>'),
    ageColumn,
    col<DaemonSet>('CONTAINERS', (d) => templateContainers(d.spec?.template), true),
    col<DaemonSet>('IMAGES', (d) => templateImages(d.spec?.template), true),
    col<DaemonSet>('SELECTOR', (d) => formatLabelSelector(d.spec?.selector), true),
  ],
  related: (s, ds, showEvents) => ({ events: objectEvents(s, ds, showEvents), pods: ownedPods(s, ds) }),
  describe: (ds, related, now) => {
    const counts: Record<string, number> = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
    for (const p of related.pods ?? []) if (Object.hasOwn(counts, p.status?.phase ?? '')) counts[p.status.phase]++;
    const st = ds.status;
    return describeWith((w) => {
      w.write(0, `Name:\t${ds.metadata.name}\n`);
      w.write(0, `Namespace:\t${ds.metadata.namespace ?? ''}\n`);
      w.write(0, `Selector:\t${formatLabelSelector(ds.spec.selector)}\n`);
      w.write(0, `Node-Selector:\t${formatLabelMap(ds.spec.template.spec.nodeSelector) || '<none>'}\n`);
      printLabels(w, 'Labels', ds.metadata.labels);
      printAnnotations(w, 'Annotations', ds.metadata.annotations);
      w.write(0, `Desired Number of Nodes Scheduled: ${st?.desiredNumberScheduled ?? 0}\n`);
      w.write(0, `Current Number of Nodes Scheduled: ${st?.currentNumberScheduled ?? 0}\n`);
      w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st?.updatedNumberScheduled ?? 0}\n`);
      w.write(0, `Number of Nodes Scheduled with Available Pods: ${st?.numberAvailable ?? 0}\n`);
      w.write(0, `Number of Nodes Misscheduled: ${st?.numberMisscheduled ?? 0}\n`);
      w.write(0, `Pods Status:\t${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed\n`);
      describePodTemplate(w, ds.spec.template);
      if (related.events) describeEvents(w, related.events, now);
    });
  },
  writable: { patch: true, delete: true },
  fields: objectFields('DaemonSet', { spec: struct('DaemonSetSpec', { selector: LABEL_SELECTOR, template: POD_TEMPLATE_SPEC, updateStrategy: ANY, minReadySeconds: INT32, revisionHistoryLimit: INT32 }) }),
  reconcile: reconcileDaemonSets,
};
