import { clone } from '../clone.ts';
import type { Pod } from '../model/k8s.ts';
import type { ControllerRevision } from '../kinds/controllerrevision.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import type { DaemonSet } from '../kinds/daemonset.ts';
import { objectTable } from '../kinds/common.ts';
import { rfc3339 } from '../time.ts';
import { podTemplateHash } from './controllers.ts';
import { recordEvent } from './events.ts';
import { podFromManifest } from './podFactory.ts';
import { deletePod } from './pods.ts';
import { podSuffix, seeded, uid } from './rng.ts';
import { scaledValue } from './intstr.ts';
import { ownedValues, peekValues, putEntry } from './peek.ts';

/** The store of ControllerRevisions (`state.objects.controllerrevisions`, kinds/controllerrevision.ts). */
export const controllerRevisionTable = objectTable<ControllerRevision>('controllerrevisions');

/** Priority the Priority admission plugin resolves from a template's priorityClassName (the two system classes). */
const SYSTEM_PRIORITY: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

const owns = (ds: DaemonSet) => (o: { metadata: { ownerReferences?: { uid: string; controller?: boolean }[] } }) =>
  (o.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === ds.metadata.uid);

/** A DaemonSet's ControllerRevisions, oldest revision first (what `kubectl rollout history daemonset` lists). */
export function daemonSetRevisions(state: ClusterState, ds: DaemonSet): ControllerRevision[] {
  return Object.values(controllerRevisionTable(state))
    .filter((r) => r.metadata.namespace === ds.metadata.namespace && owns(ds)(r))
    .sort((a, b) => a.revision - b.revision);
}

/** The `controller-revision-hash` of a DaemonSet's current template (the same hash as a Deployment's pod-template-hash). */
export const daemonSetHash = (ds: DaemonSet) => podTemplateHash(ds.spec.template);

/** The DaemonSet's live pods (not being deleted), by node. */
function podsByNode(ds: DaemonSet, owned: Pod[]): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const p of owned) {
    if (p.metadata.namespace !== ds.metadata.namespace || !p.spec.nodeName) continue;
    const list = out.get(p.spec.nodeName);
    if (list) list.push(p); else out.set(p.spec.nodeName, [p]);
  }
  return out;
}

/** Nodes the DaemonSet's pods belong on: every node its template's nodeSelector admits. */
export function daemonSetNodes(state: ClusterState, ds: DaemonSet): string[] {
  const sel = ds.spec.template.spec.nodeSelector ?? {};
  // Names only: the nodes are read as stored (peekValues), not drafted one by one at every reconcile.
  return peekValues(state.nodes)
    .filter((n) => Object.entries(sel).every(([k, v]) => n.metadata.labels?.[k] === v))
    .map((n) => n.metadata.name)
    .sort();
}

const isReady = (p: Pod) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/**
 * Makes sure the current template has a ControllerRevision: a new template gets the next number;
 * a template some older revision already holds (a rollback) gets that revision renumbered as the
 * newest, as the DaemonSet controller does. Ids come from the object's name, not the PRNG, so a
 * DaemonSet that never changes costs the rest of the simulation nothing.
 */
function ensureRevision(state: ClusterState, ds: DaemonSet, hash: string): number {
  const revs = daemonSetRevisions(state, ds);
  const max = revs.reduce((m, r) => Math.max(m, r.revision), 0);
  const same = revs.find((r) => r.metadata.labels?.['controller-revision-hash'] === hash);
  if (same) {
    if (same.revision < max) {
      const table = controllerRevisionTable(state);
      const key = keyOf(ds.metadata.namespace, same.metadata.name);
      table[key] = { ...clone(table[key]), revision: max + 1 };
      return max + 1;
    }
    return same.revision;
  }
  const name = `${ds.metadata.name}-${hash}`;
  const cause = ds.metadata.annotations?.['kubernetes.io/change-cause'];
  controllerRevisionTable(state)[keyOf(ds.metadata.namespace, name)] = {
    apiVersion: 'apps/v1', kind: 'ControllerRevision',
    metadata: {
      name, namespace: ds.metadata.namespace, uid: uid(seeded(`controllerrevision/${ds.metadata.namespace}/${name}`)),
      creationTimestamp: rfc3339(state.now),
      labels: { ...(ds.spec.template.metadata.labels ?? {}), 'controller-revision-hash': hash },
      annotations: { 'deprecated.daemonset.template.generation': String(ds.metadata.generation ?? 1), ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    data: { spec: { template: clone(ds.spec.template) } },
    revision: max + 1,
  };
  return max + 1;
}

/** A DaemonSet pod for `node` from the current template, bound to the node as the controller's affinity makes it. */
function podFor(state: ClusterState, ds: DaemonSet, node: string, hash: string, firstRevision: boolean): Pod {
  const base = ds.metadata.name;
  // The first pod a node ever gets keeps a name stable per node (scenario histories rely on it);
  // later ones draw a suffix as generateName does.
  let name = `${base}-${podSuffix(seeded(`${base}/${node}`))}`;
  if (!firstRevision || Object.hasOwn(state.pods, keyOf(ds.metadata.namespace, name))) {
    do name = `${base}-${podSuffix(state)}`; while (Object.hasOwn(state.pods, keyOf(ds.metadata.namespace, name)));
  }
  const t = ds.spec.template;
  const priorityClass = t.spec.priorityClassName;
  return podFromManifest(state, {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, generateName: `${base}-`, namespace: ds.metadata.namespace, uid: '', creationTimestamp: '',
      labels: { ...(t.metadata.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
      ...(t.metadata.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: base, uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: { ...clone(t.spec), nodeName: node, ...(priorityClass && SYSTEM_PRIORITY[priorityClass] ? { priority: SYSTEM_PRIORITY[priorityClass] } : {}) },
    status: { phase: 'Pending' },
  } as Pod);
}

/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node from the current
 * template, a ControllerRevision per template, and the RollingUpdate strategy: pods of an older
 * revision are deleted while fewer than `maxUnavailable` (default 1) of the DaemonSet's nodes lack
 * an available pod, and a node whose old pod is gone gets a pod of the current revision (maxSurge 0:
 * the old pod must be gone first). OnDelete leaves old pods alone. Rollouts' creates and deletes
 * are reported as `SuccessfulCreate` / `SuccessfulDelete` events on the DaemonSet; the first
 * placement of a DaemonSet that never changed is not (it predates any scenario's events).
 */
export function syncDaemonSets(state: ClusterState): void {
  const table = objectTable<DaemonSet>('daemonsets')(state);
  for (const key of Object.keys(table)) {
    const seen = table[key];
    if (seen.metadata.deletionTimestamp) continue;
    const hash = daemonSetHash(seen);
    const revision = ensureRevision(state, seen, hash);
    const ds = table[key];
    const report = revision > 1;
    const ref = { kind: 'DaemonSet', apiVersion: 'apps/v1', namespace: ds.metadata.namespace, name: ds.metadata.name, uid: ds.metadata.uid };
    const byNode = podsByNode(ds, ownedValues(state.pods, ds.metadata.uid));
    const nodes = daemonSetNodes(state, ds);
    for (const node of nodes) {
      if ((byNode.get(node) ?? []).length > 0 || !Object.hasOwn(state.hosts, node)) continue;
      const pod = podFor(state, ds, node, hash, revision === 1);
      putEntry(state.pods, keyOf(pod.metadata.namespace, pod.metadata.name), pod);
      byNode.set(node, [pod]);
      if (report) recordEvent(state, { object: ref, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, component: 'daemonset-controller' });
    }
    if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') continue;
    const maxUnavailable = Math.max(1, scaledValue(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, nodes.length, false) ?? 1);
    const live = (n: string) => (byNode.get(n) ?? []).filter((p) => !p.metadata.deletionTimestamp);
    let unavailable = nodes.filter((n) => !live(n).some(isReady)).length;
    for (const node of nodes) {
      const old = live(node).filter((p) => p.metadata.labels?.['controller-revision-hash'] !== hash);
      if (old.length === 0) continue;
      // A node already without an available pod costs no more availability; others wait their turn.
      const costs = live(node).some(isReady);
      if (costs && unavailable >= maxUnavailable) continue;
      for (const p of old) {
        deletePod(state, state.pods[keyOf(p.metadata.namespace, p.metadata.name)], false);
        recordEvent(state, { object: ref, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata.name}`, component: 'daemonset-controller' });
      }
      if (costs) unavailable++;
    }
  }
}
