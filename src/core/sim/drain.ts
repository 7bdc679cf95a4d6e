import type { Pod, PodDisruptionBudget } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { rfc3339 } from '../time.ts';
import { isPodReady, setDisruptionAllowedCondition } from './disruption.ts';
import { selectorMatches } from '../k8s/labels.ts';
import { deletePod } from './pods.ts';
import { nextSerial } from './rng.ts';
import { byteCompare } from '../compare.ts';

/**
 * The rules of draining a node, apart from the `kubectl drain` command (as kubectl keeps them in
 * pkg/drain, apart from pkg/cmd/drain): which pods a drain may remove, and whether the eviction
 * API lets one go. A fault, a controller and the learner's command share this one implementation.
 */

/** The budgets of the cluster, in the API server's list order. */
export function pdbsOf(state: ClusterState): PodDisruptionBudget[] {
  return Object.keys(state.pdbs).sort().map((k) => state.pdbs[k]);
}

/**
 * The eviction subresource's answer (POST pods/NAME/eviction): let go, or refused with the HTTP
 * status and message the API server sends. 429 (TooManyRequests) is what clients retry; 500 is
 * the multiple-budget refusal, which kubectl drain does not retry.
 */
export type EvictionAnswer =
  | { ok: true; pdb?: string; decrement: boolean }
  | { ok: false; status: 429 | 500; message: string; cause?: string };

/** The API server's 429 message when a budget allows no disruption (pkg/registry/core/pod/storage/eviction.go). */
export const PDB_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";
/** The API server's 500 message for a pod selected by more than one budget (same file). */
export const MULTIPLE_PDBS = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

/** Budgets of the pod's namespace whose selector matches it. */
export function budgetsFor(pod: Pod, pdbs: readonly PodDisruptionBudget[]): PodDisruptionBudget[] {
  return pdbs.filter((b) => b.metadata.namespace === pod.metadata.namespace && b.spec.selector !== undefined && selectorMatches(b.spec.selector, pod.metadata.labels));
}

/**
 * Whether the eviction API lets `pod` go now, with the rules of the API server (1.27+):
 * - Pending, finished or already deleting pods go without looking at any budget;
 * - a pod under two or more budgets is refused with 500, whatever they allow;
 * - no budget: evicted;
 * - a pod that is not Ready goes when its budget has `unhealthyPodEvictionPolicy: AlwaysAllow`,
 *   or (the default, IfHealthyBudget) when currentHealthy >= desiredHealthy > 0 — without using up
 *   a disruption;
 * - otherwise the budget must allow a disruption (then one is used up), else 429 with the cause
 *   `The disruption budget NAME needs D healthy pods and has C currently`.
 * `pdbs` defaults to the cluster's.
 */
export function evictionAllowed(state: ClusterState, pod: Pod, pdbs: readonly PodDisruptionBudget[] = pdbsOf(state)): EvictionAnswer {
  if (pod.metadata.deletionTimestamp || pod.status.phase === 'Pending' || pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') return { ok: true, decrement: false };
  const covering = budgetsFor(pod, pdbs);
  if (covering.length > 1) return { ok: false, status: 500, message: MULTIPLE_PDBS };
  if (covering.length === 0) return { ok: true, decrement: false };
  const b = covering[0];
  const name = b.metadata.name;
  if (!isPodReady(pod)) {
    if (b.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow') return { ok: true, pdb: name, decrement: false };
    if (b.status.currentHealthy >= b.status.desiredHealthy && b.status.desiredHealthy > 0) return { ok: true, pdb: name, decrement: false };
  }
  if ((b.status.observedGeneration ?? 0) < (b.metadata.generation ?? 1)) {
    return { ok: false, status: 429, message: PDB_VIOLATION, cause: `The disruption budget ${name} is still being processed by the server.` };
  }
  if (b.status.disruptionsAllowed <= 0) {
    return { ok: false, status: 429, message: PDB_VIOLATION, cause: `The disruption budget ${name} needs ${b.status.desiredHealthy} healthy pods and has ${b.status.currentHealthy} currently` };
  }
  return { ok: true, pdb: name, decrement: true };
}

/**
 * Performs an eviction inside a reducer: asks evictionAllowed, and when allowed uses up one
 * disruption of the budget (recording the pod in status.disruptedPods), marks the pod with the
 * DisruptionTarget condition and deletes it (gracefully, or at once with `force`: a grace period
 * of 0). Returns the answer either way.
 */
export function evictPod(state: ClusterState, pod: Pod, force = false): EvictionAnswer {
  const answer = evictionAllowed(state, pod);
  if (!answer.ok) return answer;
  if (answer.decrement && answer.pdb) {
    const b = state.pdbs[keyOf(pod.metadata.namespace, answer.pdb)];
    b.status.disruptionsAllowed -= 1;
    b.status.disruptedPods = { ...(b.status.disruptedPods ?? {}), [pod.metadata.name]: rfc3339(state.now) };
    if (b.status.disruptionsAllowed === 0) setDisruptionAllowedCondition(b, state.now);
    b.metadata.resourceVersion = nextSerial(state);
  }
  if (!pod.metadata.deletionTimestamp && pod.status.phase !== 'Pending') {
    pod.status.conditions = [...(pod.status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
      { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(state.now), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' }];
  }
  deletePod(state, pod, force);
  return answer;
}

/** What `kubectl drain` may do with the pods on a node (kubectl pkg/drain/filters.go). */
export interface DrainOptions {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
  /** --pod-selector, already parsed: pods it does not match are left alone. */
  podSelector?: (pod: Pod) => boolean;
}

/** Pods to remove, the warnings to print and the errors that stop the drain. */
export interface DrainPlan {
  pods: Pod[];
  /** `ignoring DaemonSet-managed Pods: kube-system/kube-proxy-x; …` (without `Warning: `), '' when none. */
  warnings: string;
  /** One message per rule broken, e.g. `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ns/a, ns/b`. */
  errors: string[];
}

const controllerOf = (pod: Pod) => (pod.metadata.ownerReferences ?? []).find((r) => (r as { controller?: boolean }).controller);
const finished = (pod: Pod) => pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed';

/**
 * Decides, as kubectl's GetPodsForDeletion does, what a drain does with each pod bound to `node`:
 * skip pods already being deleted and static (mirror) pods; DaemonSet pods need
 * --ignore-daemonsets (then they stay and a warning says so); pods with emptyDir volumes need
 * --delete-emptydir-data; pods no controller owns need --force. Finished pods always go.
 */
export function planDrain(state: ClusterState, node: string, opts: DrainOptions): DrainPlan {
  const pods = Object.values(state.pods)
    .filter((p) => p.spec.nodeName === node && (!opts.podSelector || opts.podSelector(p)))
    .sort((a, b) => byteCompare(`${a.metadata.namespace}/${a.metadata.name}`, `${b.metadata.namespace}/${b.metadata.name}`));
  const warn = new Map<string, string[]>();
  const fail = new Map<string, string[]>();
  const note = (m: Map<string, string[]>, msg: string, p: Pod) => m.set(msg, [...(m.get(msg) ?? []), `${p.metadata.namespace}/${p.metadata.name}`]);
  const keep: Pod[] = [];
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (p.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
    const owner = controllerOf(p);
    if (owner?.kind === 'DaemonSet') {
      if (finished(p)) { keep.push(p); continue; }
      if (opts.ignoreDaemonSets) note(warn, 'ignoring DaemonSet-managed Pods', p);
      else note(fail, 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)', p);
      continue;
    }
    if (!finished(p) && (p.spec.volumes ?? []).some((v) => v.emptyDir !== undefined)) {
      if (!opts.deleteEmptyDirData) { note(fail, 'cannot delete Pods with local storage (use --delete-emptydir-data to override)', p); continue; }
      note(warn, 'deleting Pods with local storage', p);
    }
    if (!owner && !finished(p)) {
      if (!opts.force) { note(fail, 'cannot delete Pods that declare no controller (use --force to override)', p); continue; }
      note(warn, 'deleting Pods that declare no controller', p);
    }
    keep.push(p);
  }
  const join = (m: Map<string, string[]>) => [...m].map(([msg, names]) => `${msg}: ${names.join(', ')}`);
  return { pods: keep, warnings: join(warn).join('; '), errors: join(fail) };
}
