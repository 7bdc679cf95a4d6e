import type { Condition, Deployment, Pod, PodDisruptionBudget, ReplicaSet } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { rfc3339 } from '../time.ts';
import { recordEvent } from './events.ts';
import { scaledValue } from './intstr.ts';
import { selectorMatcher } from '../k8s/labels.ts';
import { peekValues, storedValues } from './peek.ts';
import { nextSerial } from './rng.ts';
import { sameJson } from '../compare.ts';

/**
 * The disruption controller (kube-controller-manager, pkg/controller/disruption): keeps each
 * PodDisruptionBudget's status in step with the pods it selects, which is what the eviction API
 * reads. Health is the pod's Ready condition; a pod being deleted, or just let go by the eviction
 * API, is not healthy.
 */

/** A pod counts as healthy for a budget when it is Ready and not on its way out. */
export const isPodReady = (p: Pod) => p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/**
 * The pods a budget selects: same namespace, matching selector. A nil selector selects nothing
 * and `{}` everything (policy/v1). Terminating and finished pods are included, as in the real
 * controller: they count toward `expectedPods` for an integer minAvailable but never as healthy.
 * Read-only views (peekValues): fetch a pod from state.pods before changing it.
 */
export function podsForBudget(state: ClusterState, pdb: PodDisruptionBudget): Pod[] {
  if (!pdb.spec.selector) return [];
  const matches = selectorMatcher(pdb.spec.selector);
  const ns = pdb.metadata.namespace;
  return storedValues(state.pods).filter((p) => p.metadata.namespace === ns && matches(p.metadata.labels));
}

/**
 * Sum of the scale of the controllers behind `pods` (a Deployment's replicas for pods of its
 * ReplicaSets, a bare ReplicaSet's otherwise), as getExpectedScale does for percentages and
 * maxUnavailable. Pods without a controller are skipped (the real controller reports them as
 * `UnmanagedPods`).
 */
function expectedScale(state: ClusterState, pods: Pod[]): number {
  const scale = new Map<string, number>();
  for (const p of pods) {
    const ref = (p.metadata.ownerReferences ?? []).find((r) => r.controller);
    if (!ref || ref.kind !== 'ReplicaSet') continue;
    const rs: ReplicaSet | undefined = state.replicaSets[keyOf(p.metadata.namespace, ref.name)];
    if (!rs) continue;
    const depRef = (rs.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === 'Deployment');
    const dep: Deployment | undefined = depRef ? state.deployments[keyOf(rs.metadata.namespace, depRef.name)] : undefined;
    if (dep) scale.set(dep.metadata.uid, dep.spec.replicas);
    else scale.set(rs.metadata.uid, rs.spec.replicas);
  }
  return [...scale.values()].reduce((a, b) => a + b, 0);
}

/**
 * expectedPods and desiredHealthy for a budget, as getExpectedPodCount computes them: an integer
 * minAvailable is wanted as is, out of the pods found; a percentage minAvailable, or any
 * maxUnavailable, is scaled against the controllers' replicas, rounding up.
 */
export function expectedAndDesired(state: ClusterState, pdb: PodDisruptionBudget, pods: Pod[]): { expected: number; desired: number } {
  const { minAvailable, maxUnavailable } = pdb.spec;
  if (maxUnavailable !== undefined) {
    const expected = expectedScale(state, pods);
    return { expected, desired: Math.max(0, expected - (scaledValue(maxUnavailable, expected, true) ?? 0)) };
  }
  if (typeof minAvailable === 'number') return { expected: pods.length, desired: minAvailable };
  if (typeof minAvailable === 'string') {
    const expected = expectedScale(state, pods);
    return { expected, desired: scaledValue(minAvailable, expected, true) ?? 0 };
  }
  return { expected: pods.length, desired: 0 };
}

/** The status the controller would write now (conditions aside). */
export function computeBudgetStatus(state: ClusterState, pdb: PodDisruptionBudget): Omit<PodDisruptionBudget['status'], 'conditions' | 'observedGeneration'> {
  const pods = podsForBudget(state, pdb);
  const { expected, desired } = expectedAndDesired(state, pdb, pods);
  const disrupted = pdb.status.disruptedPods ?? {};
  // The eviction API records the pods it let go; until they show a deletionTimestamp they are not healthy.
  const stillDisrupted: Record<string, string> = {};
  for (const p of pods) if (!p.metadata.deletionTimestamp && Object.hasOwn(disrupted, p.metadata.name)) stillDisrupted[p.metadata.name] = disrupted[p.metadata.name];
  const healthy = pods.filter((p) => !p.metadata.deletionTimestamp && !Object.hasOwn(stillDisrupted, p.metadata.name) && isPodReady(p)).length;
  const allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
  return { ...(Object.keys(stillDisrupted).length ? { disruptedPods: stillDisrupted } : {}), disruptionsAllowed: allowed, currentHealthy: healthy, desiredHealthy: desired, expectedPods: expected };
}

/**
 * Sets the DisruptionAllowed condition from disruptionsAllowed (pdbhelper.UpdateDisruptionAllowedCondition):
 * True/SufficientPods when at least one disruption is allowed, False/InsufficientPods otherwise.
 */
export function setDisruptionAllowedCondition(pdb: PodDisruptionBudget, now: number): void {
  const allowed = pdb.status.disruptionsAllowed > 0;
  const status = allowed ? 'True' : 'False';
  const prev = pdb.status.conditions?.find((c) => c.type === 'DisruptionAllowed');
  const next: Condition = {
    lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : rfc3339(now),
    message: '', observedGeneration: pdb.status.observedGeneration, reason: allowed ? 'SufficientPods' : 'InsufficientPods', status, type: 'DisruptionAllowed',
  };
  pdb.status.conditions = [...(pdb.status.conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed'), next];
}

/** One pass of the controller over every budget; writes (and bumps resourceVersion) only on change. */
export function syncDisruptionBudgets(state: ClusterState): void {
  for (const pdb of Object.values(state.pdbs)) {
    const computed = computeBudgetStatus(state, pdb);
    const s = pdb.status;
    const same = s.currentHealthy === computed.currentHealthy && s.desiredHealthy === computed.desiredHealthy && s.expectedPods === computed.expectedPods &&
      s.disruptionsAllowed === computed.disruptionsAllowed && sameJson(s.disruptedPods ?? {}, computed.disruptedPods ?? {}) &&
      s.observedGeneration === pdb.metadata.generation && (s.conditions?.length ?? 0) > 0;
    if (same) continue;
    const firstLook = s.observedGeneration !== pdb.metadata.generation;
    pdb.status = { ...computed, observedGeneration: pdb.metadata.generation, conditions: s.conditions };
    setDisruptionAllowedCondition(pdb, state.now);
    pdb.metadata.resourceVersion = nextSerial(state);
    if (firstLook && podsForBudget(state, pdb).length === 0) {
      // What `describe pdb` shows for a budget whose selector matches nothing.
      recordEvent(state, { object: { kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', namespace: pdb.metadata.namespace, name: pdb.metadata.name, uid: pdb.metadata.uid }, type: 'Normal', reason: 'NoPods', message: 'No matching pods found', component: 'controllermanager' });
    }
  }
}
