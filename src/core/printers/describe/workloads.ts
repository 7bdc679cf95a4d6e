import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../model/k8s.ts';
import { describePodTemplate } from './containers.ts';
import { describeEvents } from './events.ts';
import type { PodDisruptionBudget, Related } from './types.ts';
import { formatLabelSelector, selectorMatches, selectorString } from '../../k8s/labels.ts';
import { byteCompare, describeWith, intOrString, printAnnotations, printLabels, rfc1123 } from './writer.ts';
import type { Namespace } from '../../model/k8s.ts';

/**
 * `kubectl describe deployment`, kubectl 1.33 layout. `related.replicaSets` are the namespace's
 * ReplicaSets; the ones the Deployment controls are split into the new one (same template, ignoring
 * pod-template-hash) and the old ones, oldest first, as kubectl's deployment util does.
 */
export function describeDeployment(d: Deployment, related: Related, now: number): string {
  const { oldRSs, newRS } = deploymentReplicaSets(d, related.replicaSets ?? []);
  return describeWith((w) => {
    w.write(0, `Name:\t${d.metadata.name}\n`);
    w.write(0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
    w.write(0, `CreationTimestamp:\t${rfc1123(d.metadata.creationTimestamp)}\n`);
    printLabels(w, 'Labels', d.metadata.labels);
    printAnnotations(w, 'Annotations', d.metadata.annotations);
    w.write(0, `Selector:\t${selectorString(d.spec.selector)}\n`);
    const st = d.status ?? {};
    w.write(0, `Replicas:\t${d.spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
    w.write(0, `StrategyType:\t${d.spec.strategy?.type ?? 'RollingUpdate'}\n`);
    w.write(0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
    const ru = d.spec.strategy?.rollingUpdate;
    if (ru) w.write(0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable, '25%')} max unavailable, ${intOrString(ru.maxSurge, '25%')} max surge\n`);
    describePodTemplate(w, d.spec.template);
    const conds = st.conditions ?? [];
    if (conds.length) {
      w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(1, '----\t------\t------\n');
      for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (oldRSs.length || newRS) {
      const fmt = (list: ReplicaSet[]) => list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`).join(', ') || '<none>';
      w.write(0, `OldReplicaSets:\t${fmt(oldRSs)}\n`);
      w.write(0, `NewReplicaSet:\t${fmt(newRS ? [newRS] : [])}\n`);
    }
    if (related.events) describeEvents(w, related.events, now);
  });
}

/** A template's identity without the pod-template-hash label, with object keys in a fixed order. */
function templateKey(t: PodTemplateSpec | undefined): string {
  const labels = { ...(t?.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().filter((k) => k !== 'creationTimestamp').map((k) => [k, norm((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(norm({ ...t, metadata: { ...(t?.metadata ?? {}), labels } }));
}

/** The ReplicaSets a Deployment controls: the new one and the old ones, sorted by creation time then name. */
export function deploymentReplicaSets(d: Deployment, all: readonly ReplicaSet[]): { oldRSs: ReplicaSet[]; newRS?: ReplicaSet } {
  const owned = all
    .filter((rs) => (rs.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === d.metadata.uid))
    .sort((a, b) => Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp) || byteCompare(a.metadata.name, b.metadata.name));
  const key = templateKey(d.spec.template);
  const newRS = owned.find((rs) => templateKey(rs.spec.template) === key);
  return { oldRSs: owned.filter((rs) => rs !== newRS), newRS };
}

/**
 * `kubectl describe replicaset`. `related.pods` are the namespace's pods; those the ReplicaSet
 * controls and its selector matches are counted by phase.
 */
export function describeReplicaSet(rs: ReplicaSet, related: Related, now: number): string {
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of related.pods ?? []) {
    if (!(p.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === rs.metadata.uid)) continue;
    if (!selectorMatches(rs.spec.selector, p.metadata.labels)) continue;
    if (Object.hasOwn(counts, p.status?.phase ?? '')) counts[p.status.phase]++;
  }
  return describeWith((w) => {
    w.write(0, `Name:\t${rs.metadata.name}\n`);
    w.write(0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
    w.write(0, `Selector:\t${formatLabelSelector(rs.spec.selector)}\n`);
    printLabels(w, 'Labels', rs.metadata.labels);
    printAnnotations(w, 'Annotations', rs.metadata.annotations);
    const controller = (rs.metadata.ownerReferences ?? []).find((o) => o.controller);
    if (controller) w.write(0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
    w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired\n`);
    w.write(0, 'Pods Status:\t');
    w.write(0, `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed\n`);
    describePodTemplate(w, rs.spec.template);
    const conds = (rs.status as { conditions?: { type: string; status: string; reason?: string }[] }).conditions ?? [];
    if (conds.length) {
      w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(1, '----\t------\t------\n');
      for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (related.events) describeEvents(w, related.events, now);
  });
}

/** `kubectl describe pdb` (policy/v1). */
export function describePodDisruptionBudget(pdb: PodDisruptionBudget, related: Related, now: number): string {
  return describeWith((w) => {
    w.write(0, `Name:\t${pdb.metadata.name}\n`);
    w.write(0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
    if (pdb.spec.minAvailable !== undefined) w.write(0, `Min available:\t${pdb.spec.minAvailable}\n`);
    else if (pdb.spec.maxUnavailable !== undefined) w.write(0, `Max unavailable:\t${pdb.spec.maxUnavailable}\n`);
    w.write(0, pdb.spec.selector ? `Selector:\t${formatLabelSelector(pdb.spec.selector)}\n` : 'Selector:\t<unset>\n');
    w.write(0, 'Status:\n');
    w.write(2, `Allowed disruptions:\t${pdb.status?.disruptionsAllowed ?? 0}\n`);
    w.write(2, `Current:\t${pdb.status?.currentHealthy ?? 0}\n`);
    w.write(2, `Desired:\t${pdb.status?.desiredHealthy ?? 0}\n`);
    w.write(2, `Total:\t${pdb.status?.expectedPods ?? 0}\n`);
    if (related.events) describeEvents(w, related.events, now);
  });
}

