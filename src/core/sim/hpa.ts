import type { Condition, Pod } from '../model/k8s.ts';
import type { AutoscalerMemory, ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { formatQuantity, parseQuantity } from '../model/quantity.ts';
import { selectorMatcher } from '../k8s/labels.ts';
import { horizontalPodAutoscaler, type HorizontalPodAutoscaler, type HpaMetricSpec, type HpaMetricStatus, type HpaScalingRules } from '../kinds/horizontalpodautoscaler.ts';
import { cpuRequestMilli } from './cpu.ts';
import { metricsApiDown, podUsage } from './metrics.ts';
import { recordEvent } from './events.ts';
import { nextSerial } from './rng.ts';
import { rfc3339 } from '../time.ts';
import { storedObjects } from '../kinds/registry.ts';
import { storedTable } from '../kinds/common.ts';

/**
 * kube-controller-manager's HorizontalPodAutoscaler controller (1.33), on the virtual clock: every
 * HPA is synced every SYNC_MS (`--horizontal-pod-autoscaler-sync-period`), reads its target's pods'
 * usage from the resource metrics API (sim/metrics.ts, the same figures `kubectl top` prints),
 * proposes `ceil(current × usage / target)` outside the 10 % tolerance, stabilises and limits the
 * proposal (5 minutes of recommendations for scale-down, at most double or +4 per sync up; or the
 * object's `behavior`), scales the Deployment and reports conditions and events in the
 * controller's own words. Only Resource metrics (cpu, memory) of Deployments are modelled.
 */

/** `--horizontal-pod-autoscaler-sync-period`, ms. */
export const SYNC_MS = 15_000;
/** `--horizontal-pod-autoscaler-tolerance`: no change while usage is within 10 % of the target. */
const TOLERANCE = 0.1;
/** `--horizontal-pod-autoscaler-downscale-stabilization`, ms. */
const DOWNSCALE_WINDOW_MS = 300_000;

/** A quantity in milli-units (a CPU request in millicores, memory in thousandths of a byte), as `MilliValue()`. */
const milliValue = (q: string) => Number(parseQuantity(q)?.milli ?? 0n);

const autoscalers = (state: ClusterState) => storedObjects<HorizontalPodAutoscaler>(state, 'HorizontalPodAutoscaler');

/** The next moment the controller syncs, ms; Infinity while the cluster has no HPA. */
export function autoscalersNextDue(state: ClusterState): number {
  // Asked at every step of the clock: read as stored, without drafting the store.
  if (!Object.keys(storedTable(state, horizontalPodAutoscaler.table!)).length) return Infinity;
  const synced = state.autoscaling?.syncedAt;
  return synced === undefined ? Math.ceil(state.now / SYNC_MS) * SYNC_MS : synced + SYNC_MS;
}

/** Syncs every HPA when a sync is due; true when one changed its target's replicas (the controllers then reconcile). */
export function syncAutoscalers(state: ClusterState): boolean {
  if (autoscalersNextDue(state) > state.now) return false;
  const memory = (state.autoscaling ??= { syncedAt: state.now, recommendations: {}, scaleUps: {}, scaleDowns: {} });
  memory.syncedAt = Math.floor(state.now / SYNC_MS) * SYNC_MS;
  let scaled = false;
  for (const h of autoscalers(state)) {
    if (reconcileAutoscaler(state, memory, h)) scaled = true;
  }
  return scaled;
}

/** `setCondition`: replaces the condition of that type (its transition time moves only when its status does), or appends it. */
function setCondition(h: HorizontalPodAutoscaler, now: string, type: string, status: 'True' | 'False', reason: string, message: string): void {
  const conditions = ((h.status ??= {}).conditions ??= []);
  let c = conditions.find((x) => x.type === type);
  if (!c) conditions.push((c = { type, status }));
  if (c.status !== status || !c.lastTransitionTime) c.lastTransitionTime = now;
  Object.assign(c, { status, reason, message } satisfies Partial<Condition>);
}

interface Proposal { replicas: number; status: HpaMetricStatus; name: string }

/** The replica calculator for one Resource metric (`GetResourceReplicas`); an error reads as the controller words it. */
function resourceReplicas(state: ClusterState, pods: Pod[], current: number, spec: HpaMetricSpec): Proposal | { error: string } {
  const resource = spec.resource.name;
  const target = spec.resource.target;
  const fail = (why: string) => ({ error: `failed to get ${resource} ${target.type === 'Utilization' ? 'utilization' : 'usage'}: ${why}` });
  if (metricsApiDown(state)) return fail(`unable to get metrics for resource ${resource}: unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)`);
  if (!pods.length) return fail('no pods returned by selector while calculating replica count');
  const requests = new Map<Pod, number>();
  for (const p of pods) {
    let sum = 0;
    for (const c of p.spec.containers) {
      const request = c.resources?.requests?.[resource];
      if (request === undefined) return fail(`missing request for ${resource} in container ${c.name} of Pod ${p.metadata.name}`);
      sum += resource === 'cpu' ? cpuRequestMilli(c) : milliValue(request);
    }
    requests.set(p, sum);
  }
  const usage = new Map<Pod, number>();
  const unready: Pod[] = [];
  const missing: Pod[] = [];
  for (const p of pods) {
    if (p.metadata.deletionTimestamp || p.status?.phase === 'Failed') continue;
    const ready = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    if (p.status?.phase === 'Pending' || (resource === 'cpu' && !ready)) {
      unready.push(p);
      continue;
    }
    const u = podUsage(state, p);
    if (!u) missing.push(p);
    else usage.set(p, resource === 'cpu' ? u.total.cpuMilli : u.total.memBytes * 1000);
  }
  if (!usage.size) return fail('did not receive metrics for targeted pods (pods might be unready)');
  const ratioOf = (m: Map<Pod, number>) => {
    let used = 0;
    let requested = 0;
    for (const [p, v] of m) [used, requested] = [used + v, requested + requests.get(p)!];
    const utilization = Math.floor((used * 100) / requested);
    return { ratio: target.type === 'Utilization' ? utilization / target.averageUtilization! : used / m.size / milliValue(target.averageValue!), utilization, average: Math.floor(used / m.size) };
  };
  const first = ratioOf(usage);
  const status: HpaMetricStatus = { type: 'Resource', resource: { name: resource, current: { ...(target.type === 'Utilization' ? { averageUtilization: first.utilization } : {}), averageValue: formatQuantity({ milli: BigInt(first.average), format: 'DecimalSI' }) } } };
  const name = target.type === 'Utilization' ? `${resource} resource utilization (percentage of request)` : `${resource} resource`;
  const proposal = (replicas: number) => ({ replicas, status, name });
  const withUnready = unready.length > 0 && first.ratio > 1;
  if (!withUnready && !missing.length) return proposal(Math.abs(1 - first.ratio) <= TOLERANCE ? current : Math.ceil(first.ratio * usage.size));
  // Pods without a reading count as using all of their request on the way down and nothing on the way up; unready ones as nothing.
  for (const p of missing) usage.set(p, first.ratio < 1 ? requests.get(p)! : 0);
  if (withUnready) for (const p of unready) usage.set(p, 0);
  const next = ratioOf(usage).ratio;
  if (Math.abs(1 - next) <= TOLERANCE || (first.ratio < 1 && next > 1) || (first.ratio > 1 && next < 1)) return proposal(current);
  const replicas = Math.ceil(next * usage.size);
  return proposal((next < 1 && replicas > current) || (next > 1 && replicas < current) ? current : replicas);
}

/**
 * One HPA's sync (`reconcileAutoscaler`); true when it changed the Deployment's replicas. The
 * status is worked out on a copy and written back only when it differs (`updateStatusIfNeeded`),
 * so a sync that changes nothing is no update: `kubectl get hpa -w` prints a line only on a change.
 */
function reconcileAutoscaler(state: ClusterState, memory: AutoscalerMemory, stored: HorizontalPodAutoscaler): boolean {
  const h = { ...stored, status: JSON.parse(JSON.stringify(stored.status ?? {})) } as HorizontalPodAutoscaler;
  const now = rfc3339(state.now);
  const ns = h.metadata.namespace ?? 'default';
  const object = { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2', namespace: ns, name: h.metadata.name, uid: h.metadata.uid };
  const warn = (reason: string, message: string) => recordEvent(state, { object, type: 'Warning', reason, message, component: 'horizontal-pod-autoscaler' });
  const status = h.status!;
  const before = JSON.stringify(stored.status ?? {});
  const changed = <T>(result: T): T => {
    // A status write is an update: its resourceVersion moves, as `kubectl get -w` would show.
    if (JSON.stringify(status) !== before) {
      stored.status = status;
      stored.metadata.resourceVersion = nextSerial(state);
    }
    return result;
  };
  const key = keyOf(ns, h.spec.scaleTargetRef.name);
  const target = h.spec.scaleTargetRef.kind === 'Deployment' && Object.hasOwn(state.deployments, key) ? state.deployments[key] : undefined;
  if (!target) {
    const why = `deployments/scale.apps "${h.spec.scaleTargetRef.name}" not found`;
    warn('FailedGetScale', why);
    setCondition(h, now, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${why}`);
    return changed(false);
  }
  setCondition(h, now, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
  const current = target.spec.replicas;
  const min = h.spec.minReplicas ?? 1;
  (memory.recommendations[h.metadata.uid] ??= [{ replicas: current, at: state.now }]);
  let desired = 0;
  let reason = '';
  let metrics: HpaMetricStatus[] | undefined;
  if (current === 0 && min !== 0) {
    setCondition(h, now, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
  } else if (current > h.spec.maxReplicas) {
    [desired, reason] = [h.spec.maxReplicas, 'Current number of replicas above Spec.MaxReplicas'];
  } else if (current < min) {
    [desired, reason] = [min, 'Current number of replicas below Spec.MinReplicas'];
  } else {
    const matches = selectorMatcher(target.spec.selector);
    const pods = Object.values(state.pods).filter((p) => p.metadata.namespace === ns && matches(p.metadata.labels));
    const proposals = (h.spec.metrics ?? []).map((m) => ({ m, r: resourceReplicas(state, pods, current, m) }));
    metrics = proposals.map(({ r }) => ('error' in r ? ({ type: '' } satisfies HpaMetricStatus) : r.status));
    const failed = proposals.filter((p): p is { m: HpaMetricSpec; r: { error: string } } => 'error' in p.r);
    for (const f of failed) warn('FailedGetResourceMetric', f.r.error);
    const good = proposals.flatMap(({ r }) => ('error' in r ? [] : [r]));
    const best = good.reduce<Proposal | undefined>((a, r) => (!a || r.replicas > a.replicas ? r : a), undefined);
    if (failed.length && (failed.length === proposals.length || (best?.replicas ?? 0) < current)) {
      const first = failed[0];
      setCondition(h, now, 'ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${first.r.error}`);
      warn('FailedComputeMetricsReplicas', `invalid metrics (${failed.length} invalid out of ${proposals.length}), first error is: failed to get ${first.m.resource.name} resource metric value: ${first.r.error}`);
      Object.assign(status, { currentReplicas: current, currentMetrics: metrics });
      return changed(false);
    }
    setCondition(h, now, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${best!.name}`);
    desired = best!.replicas;
    reason = desired > current ? `${best!.name} above target` : desired < current ? 'All metrics below target' : '';
    desired = h.spec.behavior ? withBehavior(state, memory, h, now, current, desired, min) : withDefaults(state, memory, h, now, current, desired, min);
  }
  const rescale = desired !== current && !(current === 0 && min !== 0);
  if (rescale) {
    target.spec.replicas = desired;
    target.metadata.generation = (target.metadata.generation ?? 1) + 1;
    target.metadata.resourceVersion = nextSerial(state);
    setCondition(h, now, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`);
    recordEvent(state, { object, type: 'Normal', reason: 'SuccessfulRescale', message: `New size: ${desired}; reason: ${reason}`, component: 'horizontal-pod-autoscaler' });
    if (h.spec.behavior) (desired > current ? (memory.scaleUps[h.metadata.uid] ??= []) : (memory.scaleDowns[h.metadata.uid] ??= [])).push({ change: Math.abs(desired - current), at: state.now });
    status.lastScaleTime = now;
  }
  Object.assign(status, { currentReplicas: current, desiredReplicas: rescale ? desired : current, ...(metrics ? { currentMetrics: metrics } : {}) });
  return changed(rescale);
}

/** Recommendations younger than `windowMs`, with this one kept for the next sync. */
function remember(state: ClusterState, memory: AutoscalerMemory, uid: string, replicas: number, windowMs: number) {
  const recent = (memory.recommendations[uid] ?? []).filter((r) => r.at > state.now - windowMs);
  memory.recommendations[uid] = [...recent, { replicas, at: state.now }];
  return recent;
}

/** Limits a proposal with the controller's defaults (`normalizeDesiredReplicas`): 5 minutes of scale-down stabilisation, up by at most double or 4. */
function withDefaults(state: ClusterState, memory: AutoscalerMemory, h: HorizontalPodAutoscaler, now: string, current: number, proposed: number, min: number): number {
  const stabilized = Math.max(proposed, ...remember(state, memory, h.metadata.uid, proposed, DOWNSCALE_WINDOW_MS).map((r) => r.replicas));
  if (stabilized !== proposed) setCondition(h, now, 'AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
  else setCondition(h, now, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
  const upLimit = Math.max(2 * current, 4);
  const [max, maxReason, maxMessage] = h.spec.maxReplicas > upLimit
    ? [upLimit, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']
    : [h.spec.maxReplicas, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
  return limit(h, now, stabilized, min, max, ['TooFewReplicas', 'the desired replica count is less than the minimum replica count'], [maxReason, maxMessage]);
}

/** Clamps to [min, max] and reports ScalingLimited as the controller does. */
function limit(h: HorizontalPodAutoscaler, now: string, desired: number, min: number, max: number, low: [string, string], high: [string, string]): number {
  if (desired < min) setCondition(h, now, 'ScalingLimited', 'True', ...low);
  else if (desired > max) setCondition(h, now, 'ScalingLimited', 'True', ...high);
  else setCondition(h, now, 'ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range');
  return Math.min(max, Math.max(min, desired));
}

/** Replicas added (or removed) within the last `seconds`. */
const changedWithin = (events: { change: number; at: number }[] | undefined, state: ClusterState, seconds: number) =>
  (events ?? []).filter((e) => e.at > state.now - seconds * 1000).reduce((n, e) => n + e.change, 0);

/** The most a rule set lets the count reach in one direction (`calculateScale{Up,Down}LimitWithScalingRules`). */
function rateLimit(state: ClusterState, memory: AutoscalerMemory, uid: string, current: number, rules: HpaScalingRules, up: boolean): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pickMin = (rules.selectPolicy === 'Min') === up;
  const proposals = (rules.policies ?? []).map((p) => {
    const start = current - changedWithin(memory.scaleUps[uid], state, p.periodSeconds) + changedWithin(memory.scaleDowns[uid], state, p.periodSeconds);
    if (p.type === 'Pods') return up ? start + p.value : start - p.value;
    return up ? Math.ceil(start * (1 + p.value / 100)) : Math.floor(start * (1 - p.value / 100));
  });
  if (!proposals.length) return current;
  return pickMin ? Math.min(...proposals) : Math.max(...proposals);
}

/** Limits a proposal with the object's `behavior` (`normalizeDesiredReplicasWithBehaviors`). */
function withBehavior(state: ClusterState, memory: AutoscalerMemory, h: HorizontalPodAutoscaler, now: string, current: number, proposed: number, min: number): number {
  const up = h.spec.behavior?.scaleUp ?? {};
  const down = h.spec.behavior?.scaleDown ?? {};
  const upWindow = (up.stabilizationWindowSeconds ?? 0) * 1000;
  const downWindow = (down.stabilizationWindowSeconds ?? DOWNSCALE_WINDOW_MS / 1000) * 1000;
  const recent = remember(state, memory, h.metadata.uid, proposed, Math.max(upWindow, downWindow));
  const upFloor = Math.min(proposed, ...recent.filter((r) => r.at > state.now - upWindow).map((r) => r.replicas));
  const downCeiling = Math.max(proposed, ...recent.filter((r) => r.at > state.now - downWindow).map((r) => r.replicas));
  const stabilized = Math.min(Math.max(current, upFloor), downCeiling);
  if (stabilized === proposed) setCondition(h, now, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
  else if (proposed > current) setCondition(h, now, 'AbleToScale', 'True', 'ScaleUpStabilized', 'recent recommendations were lower than current one, applying the lowest recent recommendation');
  else setCondition(h, now, 'AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
  if (stabilized > current) {
    const upLimit = rateLimit(state, memory, h.metadata.uid, current, up, true);
    const high: [string, string] = h.spec.maxReplicas > upLimit ? ['ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate'] : ['TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
    return limit(h, now, stabilized, min, Math.min(h.spec.maxReplicas, upLimit), ['TooFewReplicas', 'the desired replica count is less than the minimum replica count'], high);
  }
  if (stabilized < current) {
    const downLimit = rateLimit(state, memory, h.metadata.uid, current, down, false);
    const low: [string, string] = min < downLimit ? ['ScaleDownLimit', 'the desired replica count is decreasing faster than the maximum scale rate'] : ['TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
    return limit(h, now, stabilized, Math.max(min, downLimit), h.spec.maxReplicas, low, ['TooManyReplicas', 'the desired replica count is more than the maximum replica count']);
  }
  return limit(h, now, stabilized, min, h.spec.maxReplicas, ['TooFewReplicas', 'the desired replica count is less than the minimum replica count'], ['TooManyReplicas', 'the desired replica count is more than the maximum replica count']);
}
