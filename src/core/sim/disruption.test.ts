import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, PodDisruptionBudget } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { parseScenario } from '../scenario/parse.ts';
import { Session } from '../session/session.ts';
import { resolveSurgeUnavailable } from './controllers.ts';
import { computeBudgetStatus, isPodReady } from './disruption.ts';
import { evictionAllowed, MULTIPLE_PDBS, PDB_VIOLATION } from './drain.ts';
import { scaledValue } from './intstr.ts';
import { applyAction } from './reduce.ts';

const OLD = 'ip-10-40-1-88';
function start(): Session {
  const parsed = parseScenario('scenarios/pdb-deadlock.yaml', readFileSync('scenarios/pdb-deadlock.yaml', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return Session.start(parsed.scenario);
}
const session = start();
const base = session.state;
const budget = (s: ClusterState, name = 'payment-service-pdb') => s.pdbs[`payments/${name}`];
const payPods = (s: ClusterState) => Object.values(s.pods).filter((p) => p.metadata.labels?.app === 'payment-service');
const on = (s: ClusterState, node: string) => payPods(s).filter((p) => p.spec.nodeName === node);
/** The state with the budget's spec replaced, as `kubectl patch pdb` would leave it (controllers re-run). */
function withSpec(s: ClusterState, spec: PodDisruptionBudget['spec'], name = 'payment-service-pdb'): ClusterState {
  const b = budget(s, name);
  return applyAction(s, { type: 'object/replace', kind: 'PodDisruptionBudget', namespace: 'payments', name, object: { ...b, spec } });
}

describe('rolling-update arithmetic (Deployment controller ResolveFenceposts)', () => {
  const dep = (replicas: number, maxSurge?: number | string, maxUnavailable?: number | string) =>
    ({ spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } } }) as unknown as Deployment;
  it('rounds percentages up for surge and down for unavailable', () => {
    expect(resolveSurgeUnavailable(dep(20))).toEqual({ maxSurge: 5, maxUnavailable: 5 });
    expect(resolveSurgeUnavailable(dep(10))).toEqual({ maxSurge: 3, maxUnavailable: 2 });
    expect(resolveSurgeUnavailable(dep(3, '25%', '25%'))).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(resolveSurgeUnavailable(dep(20, 2, '10%'))).toEqual({ maxSurge: 2, maxUnavailable: 2 });
  });
  it('never leaves both at 0: maxUnavailable becomes 1', () => {
    expect(resolveSurgeUnavailable(dep(3, '10%', '10%'))).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(resolveSurgeUnavailable(dep(5, 0, '10%'))).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });
  it('scales a percentage with integer maths, as Go does', () => {
    expect(scaledValue('29%', 100, false)).toBe(29);
    expect(scaledValue('80%', 20, true)).toBe(16);
    expect(scaledValue('33%', 10, true)).toBe(4);
    expect(scaledValue('33%', 10, false)).toBe(3);
    expect(scaledValue('x%', 10, false)).toBeUndefined();
  });
});

describe('pdb-deadlock: the rollout and the budget as the controllers leave them', () => {
  it('stalls at 10 of 20 available: all 20 pods new, the ten on the old nodes unready', () => {
    const d = base.deployments['payments/payment-service'];
    expect(d.status).toMatchObject({ replicas: 20, updatedReplicas: 20, readyReplicas: 10, availableReplicas: 10, unavailableReplicas: 10 });
    expect(session.run('kubectl rollout status deployment/payment-service -n payments --watch=false').output)
      .toBe('Waiting for deployment "payment-service" rollout to finish: 10 of 20 updated replicas are available...\n');
    const unready = payPods(base).filter((p) => !isPodReady(p)).map((p) => p.spec.nodeName).sort();
    expect(new Set(unready)).toEqual(new Set([OLD, 'ip-10-40-2-145']));
    expect(unready).toHaveLength(10);
  });

  it('computes the budget status from readiness (disruption controller)', () => {
    expect(budget(base).status).toMatchObject({ currentHealthy: 10, desiredHealthy: 15, expectedPods: 20, disruptionsAllowed: 0, observedGeneration: 1 });
    expect(budget(base).status.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([['DisruptionAllowed', 'False', 'InsufficientPods']]);
    // A selector that matches nothing: everything 0, inert.
    expect(budget(base, 'payments-pdb').status).toMatchObject({ currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0 });
  });

  it('scales percentages against the Deployment: minAvailable 80% wants 16, maxUnavailable 30% allows 6 down', () => {
    expect(computeBudgetStatus(base, { ...budget(base), spec: { ...budget(base).spec, minAvailable: '80%' } })).toMatchObject({ desiredHealthy: 16, expectedPods: 20, disruptionsAllowed: 0 });
    const relaxed = { ...budget(base), spec: { selector: budget(base).spec.selector, maxUnavailable: '30%' } };
    expect(computeBudgetStatus(base, relaxed)).toMatchObject({ desiredHealthy: 14, expectedPods: 20, disruptionsAllowed: 0 });
    expect(computeBudgetStatus(base, { ...relaxed, spec: { ...relaxed.spec, maxUnavailable: 12 } })).toMatchObject({ desiredHealthy: 8, disruptionsAllowed: 2 });
  });
});

describe('the eviction API against the budgets (pkg/registry/core/pod/storage/eviction.go)', () => {
  const unready = on(base, OLD)[0];
  const ready = payPods(base).find(isPodReady)!;
  const needs = (d: number, c: number) => `The disruption budget payment-service-pdb needs ${d} healthy pods and has ${c} currently`;

  it('refuses ready and unready pods with 429 while disruptionsAllowed is 0', () => {
    expect(evictionAllowed(base, unready)).toEqual({ ok: false, status: 429, message: PDB_VIOLATION, cause: needs(15, 10) });
    expect(evictionAllowed(base, ready)).toEqual({ ok: false, status: 429, message: PDB_VIOLATION, cause: needs(15, 10) });
  });

  it('lets unready pods go with AlwaysAllow, without spending the budget; ready pods stay guarded', () => {
    const s = withSpec(base, { ...budget(base).spec, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect(budget(s).metadata.generation).toBe(2);
    expect(evictionAllowed(s, unready)).toEqual({ ok: true, pdb: 'payment-service-pdb', decrement: false });
    expect(evictionAllowed(s, ready)).toMatchObject({ ok: false, status: 429 });
  });

  it('lets unready pods go under IfHealthyBudget once currentHealthy >= desiredHealthy (minAvailable 10)', () => {
    const s = withSpec(base, { ...budget(base).spec, minAvailable: 10 });
    expect(budget(s).status).toMatchObject({ desiredHealthy: 10, currentHealthy: 10, disruptionsAllowed: 0 });
    expect(evictionAllowed(s, unready)).toEqual({ ok: true, pdb: 'payment-service-pdb', decrement: false });
    expect(evictionAllowed(s, ready)).toEqual({ ok: false, status: 429, message: PDB_VIOLATION, cause: needs(10, 10) });
  });

  it('spends one disruption per eviction of a ready pod and marks the pod DisruptionTarget', () => {
    let s = withSpec(base, { ...budget(base).spec, minAvailable: 8 });
    expect(budget(s).status.disruptionsAllowed).toBe(2);
    const [a, b, c] = payPods(s).filter(isPodReady);
    s = applyAction(s, { type: 'pod/evict', namespace: 'payments', name: a.metadata.name });
    const evicted = s.pods[`payments/${a.metadata.name}`] as Pod;
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect(evicted.status.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
    expect(budget(s).status).toMatchObject({ currentHealthy: 9, disruptionsAllowed: 1 });
    s = applyAction(s, { type: 'pod/evict', namespace: 'payments', name: b.metadata.name });
    expect(budget(s).status.disruptionsAllowed).toBe(0);
    expect(evictionAllowed(s, c)).toMatchObject({ ok: false, status: 429 });
    // A refused eviction changes nothing.
    const after = applyAction(s, { type: 'pod/evict', namespace: 'payments', name: c.metadata.name });
    expect(after.pods[`payments/${c.metadata.name}`].metadata.deletionTimestamp).toBeUndefined();
  });

  it('refuses any pod under two budgets with 500, whatever they allow', () => {
    let s = withSpec(base, { ...budget(base).spec, minAvailable: 1 });
    s = applyAction(s, { type: 'object/create', object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'second', namespace: 'payments', uid: '', creationTimestamp: '' }, spec: { maxUnavailable: '50%', selector: { matchLabels: { app: 'payment-service' } } }, status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 } } });
    expect(budget(s, 'second').status.disruptionsAllowed).toBe(0);
    expect(evictionAllowed(s, ready)).toEqual({ ok: false, status: 500, message: MULTIPLE_PDBS });
    expect(evictionAllowed(s, unready)).toEqual({ ok: false, status: 500, message: MULTIPLE_PDBS });
  });

  it('ignores budgets for Pending and terminating pods, and for pods no budget selects', () => {
    const fraud = Object.values(base.pods).find((p) => p.metadata.labels?.app === 'fraud-scorer')!;
    expect(evictionAllowed(base, fraud)).toEqual({ ok: true, decrement: false });
    expect(evictionAllowed(base, { ...ready, status: { ...ready.status, phase: 'Pending' } })).toEqual({ ok: true, decrement: false });
    expect(evictionAllowed(base, { ...ready, metadata: { ...ready.metadata, deletionTimestamp: '2026-04-21T10:40:30Z' } })).toEqual({ ok: true, decrement: false });
  });
});
