import type { KubeObject, Namespace, NamespaceCondition, Pod } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { KINDS, kindDef, objectKey } from '../kinds/registry.ts';
import { rfc3339 } from '../time.ts';
import { finalizeVerdicts } from './faults/stages.ts';
import { DELETING, deletePod, podsDeleting, releasePods } from './pods.ts';
import { nextSerial } from './rng.ts';
import { dropEntry, markEntry, noneHolds, peekValues, taintEntries } from './peek.ts';
import { sameJson } from '../compare.ts';
import { storedTable } from '../kinds/common.ts';

const ownedBy = (o: KubeObject, uids: Set<string>) => (o.metadata.ownerReferences ?? []).some((r) => uids.has(r.uid));
const finalizersOf = (o: KubeObject) => o.metadata.finalizers ?? [];

/**
 * The API server's DELETE of a non-pod object, then the garbage collector's background cascade: an
 * object without finalizers goes at once and everything it owns after it (a Deployment's
 * ReplicaSets, then their pods, deleted gracefully); one with finalizers only gets a
 * deletionTimestamp and stays until they are removed (runDeletions then finishes the job). A
 * Namespace turns Terminating and the namespace controller empties it (syncNamespaces).
 */
export function deleteObject(d: ClusterState, kind: string, namespace: string | undefined, name: string): void {
  const def = kindDef(kind);
  if (!def?.table) return;
  const table = def.table(d);
  const key = objectKey(def, namespace, name);
  if (!Object.hasOwn(table, key)) return;
  const obj = table[key];
  if (kind === 'Namespace') {
    const ns = obj as Namespace;
    if (ns.metadata.deletionTimestamp) return;
    ns.metadata.deletionTimestamp = rfc3339(d.now);
    markDeleting(table);
    ns.metadata.deletionGracePeriodSeconds = 0;
    ns.status = { ...ns.status, phase: 'Terminating' };
    ns.metadata.resourceVersion = nextSerial(d);
    return;
  }
  if (finalizersOf(obj).length) {
    if (!obj.metadata.deletionTimestamp) {
      obj.metadata.deletionTimestamp = rfc3339(d.now);
      markDeleting(table);
      obj.metadata.deletionGracePeriodSeconds = 0;
      obj.metadata.resourceVersion = nextSerial(d);
    }
    return;
  }
  dropEntry(table, key);
  cascade(d, new Set([obj.metadata.uid]));
}

/** The garbage collector's background cascade from owners already gone: dependents go (or start going) in turn. */
function cascade(d: ClusterState, gone: Set<string>): void {
  for (let size = 0; size !== gone.size;) {
    size = gone.size;
    for (const def of KINDS) {
      if (!def.table || def.kind === 'Pod') continue;
      const table = def.table(d);
      for (const [k, o] of Object.entries(table)) {
        if (!ownedBy(o, gone) || gone.has(o.metadata.uid)) continue;
        if (finalizersOf(o).length) { deleteObject(d, o.kind, o.metadata.namespace, o.metadata.name); continue; }
        gone.add(o.metadata.uid);
        delete table[k];
      }
    }
  }
  for (const p of Object.values(d.pods)) if (ownedBy(p, gone)) deletePod(d, p, false);
}

/**
 * Mutating admission of a new pod: the finalizers running controllers' webhooks add (the
 * `finalize` stage, phase `admit`).
 */
export function admitFinalizers(d: ClusterState, pod: Pod): void {
  const v = finalizeVerdicts(d, { state: d, object: pod, phase: 'admit' });
  if (!v?.add?.length) return;
  pod.metadata.finalizers = [...new Set([...(pod.metadata.finalizers ?? []), ...v.add])];
  markEntry(d.pods, keyOf(pod.metadata.namespace, pod.metadata.name), FINALIZED);
}

/** The watch (sim/peek.ts) on pods given finalizers: admitFinalizers marks the pods it adds some to. */
export const FINALIZED = 'finalized';

/**
 * After every change: controllers that still run release their finalizers from objects being
 * deleted (the `finalize` stage), objects whose finalizers are all gone are removed (pods once
 * kubelet confirmed or when force-deleted), and the namespace controller works on Terminating
 * namespaces. Returns true when anything changed.
 */
export function runDeletions(d: ClusterState): boolean {
  let changed = false;
  for (const def of KINDS) {
    if (!def.table || def.derived) continue;
    // Most tables hold nothing being deleted: look first without drafting or copying a thing
    // (reconcile runs this at every step of the clock).
    if (!anyDeleting(storedTable(d, def.table), def.kind)) continue;
    const table = def.table(d);
    for (const [k, o] of def.kind === 'Pod' ? writablePodsDeleting(table) : Object.entries(table)) {
      if (!o.metadata.deletionTimestamp) continue;
      const v = finalizersOf(o).length ? finalizeVerdicts(d, { state: d, object: o, phase: 'release' }) : undefined;
      if (v?.remove?.length) {
        o.metadata.finalizers = finalizersOf(o).filter((f) => !v.remove!.includes(f));
        if (!o.metadata.finalizers.length) delete o.metadata.finalizers;
        o.metadata.resourceVersion = nextSerial(d);
        changed = true;
      }
      if (def.kind === 'Pod' || def.kind === 'Namespace' || finalizersOf(o).length) continue;
      delete table[k];
      cascade(d, new Set([o.metadata.uid]));
      changed = true;
    }
  }
  if (collectOutOfService(d)) changed = true;
  if (releasePods(d)) changed = true;
  for (const ns of peekValues(d.namespaces)) if (ns.metadata.deletionTimestamp && syncNamespace(d, d.namespaces[ns.metadata.name])) changed = true;
  return changed;
}

/** Whether any object of the table has a deletionTimestamp, read without drafts or copies. */
function anyDeleting(table: Record<string, KubeObject>, kind: string): boolean {
  // The pods are read through their watch on deletions (sim/peek.ts): theirs is the table that grows to thousands.
  if (kind === 'Pod') return podsDeleting(table as Record<string, Pod>).length > 0;
  // The other tables are looked at again only after a write that may have set one (markDeleting); the events grow to thousands too.
  return !noneHolds(table, DELETING, (o) => !!o.metadata.deletionTimestamp);
}

/** Notes a write that may leave an object of a kind's table (not the pods') with a deletionTimestamp (see anyDeleting). */
export const markDeleting = (table: Record<string, KubeObject>): void => taintEntries(table, DELETING);

/** The pods being deleted, by key, as writable entries of the table (only these are drafted). */
function writablePodsDeleting(table: Record<string, KubeObject>): [string, KubeObject][] {
  return podsDeleting(table as Record<string, Pod>).map((o) => {
    const key = keyOf(o.metadata.namespace, o.metadata.name);
    return [key, table[key]];
  });
}

/**
 * The namespace controller on a Terminating namespace (pkg/controller/namespace/deletion): deletes
 * every object in it (pods gracefully), counts what remains and which finalizers hold it into the
 * namespace's conditions in the controller's words, and once nothing remains removes the
 * `kubernetes` finalizer, after which the namespace is gone. True when it changed something.
 */
function syncNamespace(d: ClusterState, ns: Namespace): boolean {
  const name = ns.metadata.name;
  const remaining = new Map<string, number>();
  const byFinalizer = new Map<string, number>();
  for (const def of KINDS) {
    if (!def.table || !def.namespaced || def.kind === 'Event') continue;
    for (const o of Object.values(def.table(d))) {
      if ((o.metadata.namespace ?? 'default') !== name) continue;
      if (!o.metadata.deletionTimestamp) {
        if (def.kind === 'Pod') deletePod(d, o as Pod, false);
        else deleteObject(d, def.kind, name, o.metadata.name);
      }
    }
    // What is still there after the deletes (objects without finalizers went at once).
    for (const o of Object.values(def.table(d))) {
      if ((o.metadata.namespace ?? 'default') !== name) continue;
      const gvr = `${def.plural}.${def.group}`;
      remaining.set(gvr, (remaining.get(gvr) ?? 0) + 1);
      for (const f of finalizersOf(o)) byFinalizer.set(f, (byFinalizer.get(f) ?? 0) + 1);
    }
  }
  if (remaining.size === 0) {
    const events = kindDef('Event')?.table?.(d);
    for (const [k, e] of Object.entries(events ?? {})) if (e.metadata.namespace === name) delete events![k];
    delete d.namespaces[name];
    return true;
  }
  const sorted = (m: Map<string, number>, fmt: (k: string, n: number) => string) => [...m].map(([k, n]) => fmt(k, n)).sort();
  const bad: Record<string, { reason: string; message: string }> = {
    NamespaceContentRemaining: { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${sorted(remaining, (k, n) => `${k} has ${n} resource instances`).join(', ')}` },
    ...(byFinalizer.size ? { NamespaceFinalizersRemaining: { reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${sorted(byFinalizer, (k, n) => `${k} in ${n} resource instances`).join(', ')}` } } : {}),
  };
  return updateConditions(d, ns, bad);
}

/** The conditions the namespace deleter maintains, with their "all is well" reason and message. */
const NAMESPACE_CONDITIONS: [string, string, string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

/** namespace_condition_updater.go updateConditions: each condition set True with its problem or False with its ok text; times move on status changes. */
function updateConditions(d: ClusterState, ns: Namespace, bad: Record<string, { reason: string; message: string }>): boolean {
  const old = ns.status.conditions ?? [];
  const next: NamespaceCondition[] = NAMESPACE_CONDITIONS.map(([type, okReason, okMessage]) => {
    const problem = Object.hasOwn(bad, type) ? bad[type] : undefined;
    const status = problem ? 'True' : 'False';
    const prev = old.find((c) => c.type === type);
    return { type, status, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : rfc3339(d.now), reason: problem?.reason ?? okReason, message: problem?.message ?? okMessage };
  });
  if (sameJson(next, old)) return false;
  ns.status = { ...ns.status, conditions: next };
  ns.metadata.resourceVersion = nextSerial(d);
  return true;
}

const OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/**
 * Non-graceful node shutdown (GA in 1.28): on a node that is not Ready and carries the
 * `node.kubernetes.io/out-of-service` NoExecute taint, the pod garbage collector force-deletes the
 * pods that do not tolerate it, terminating or not, so StatefulSets can recreate them elsewhere.
 * True when any pod was deleted.
 */
function collectOutOfService(d: ClusterState): boolean {
  let changed = false;
  for (const node of peekValues(d.nodes)) {
    const tainted = (node.spec.taints ?? []).some((t) => t.key === OUT_OF_SERVICE && t.effect === 'NoExecute');
    const ready = node.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
    if (!tainted || ready) continue;
    for (const p of Object.values(d.pods)) {
      if (p.spec.nodeName !== node.metadata.name) continue;
      if ((p.spec.tolerations ?? []).some((t) => t.operator === 'Exists' && (!t.key || t.key === OUT_OF_SERVICE))) continue;
      if (p.metadata.deletionGracePeriodSeconds === 0 && p.metadata.deletionTimestamp) continue;
      deletePod(d, p, true);
      changed = true;
    }
  }
  return changed;
}
