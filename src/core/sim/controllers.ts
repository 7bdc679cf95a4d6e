import { isDraft, original } from 'immer';
import { KINDS } from '../kinds/registry.ts';
import { clone } from '../clone.ts';
import type { Deployment, Pod, ReplicaSet } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { rfc3339 } from '../time.ts';
import { admit } from './admission.ts';
import { recordEvent } from './events.ts';
import { selectorMatcher } from '../k8s/labels.ts';
import { podForReplicaSet } from './podFactory.ts';
import { hashString, nextSerial, uid } from './rng.ts';
import { syncClaims } from './volumes.ts';
import { deletePod } from './pods.ts';
import { admitFinalizers, runDeletions } from './deletion.ts';
import { syncStatefulSets } from './statefulSets.ts';
import { schedulePending } from './scheduler.ts';
import { scaledValue } from './intstr.ts';
import { syncDisruptionBudgets } from './disruption.ts';
import { ownedValues, peekValue, peekValues, putEntry } from './peek.ts';
import { syncDaemonSets } from './daemonsets.ts';
import { syncCronJobs } from './cronJobs.ts';
import { syncJobs } from './jobs.ts';
import { byteCompare, sameJson } from '../compare.ts';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The pod-template-hash of a Deployment's template: a 32-bit FNV-1a of the template, its decimal
 * digits mapped onto apimachinery's safe alphabet, as the Deployment controller names ReplicaSets.
 */
export function podTemplateHash(template: Deployment['spec']['template']): string {
  // Inside a reducer the template is an immer draft, a new proxy each time: key by its base object.
  const key = (isDraft(template) ? original(template) : template) as object;
  const cached = hashCache.get(key);
  if (cached) return cached;
  const digits = String(hashString(JSON.stringify(template)));
  const hash = [...digits].map((d) => SAFE[d.charCodeAt(0) % SAFE.length]).join('');
  hashCache.set(key, hash);
  return hash;
}
// Keyed by object identity: reducers never edit a template in place, they assign a new one
// (see deployment/restart in reduce.ts), so a cached hash cannot go stale.
const hashCache = new WeakMap<object, string>();

/**
 * Resolves maxSurge/maxUnavailable (int or percent, default 25% each) against spec.replicas as the
 * Deployment controller's ResolveFenceposts does: surge rounds up, unavailable rounds down, and
 * when both come out 0 maxUnavailable becomes 1 so a rollout can always move.
 */
export function resolveSurgeUnavailable(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const ru = d.spec.strategy.rollingUpdate ?? {};
  const maxSurge = scaledValue(ru.maxSurge ?? '25%', d.spec.replicas, true) ?? 0;
  let maxUnavailable = scaledValue(ru.maxUnavailable ?? '25%', d.spec.replicas, false) ?? 0;
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

export const ownedBy = (o: { metadata: { ownerReferences?: { uid: string }[] } }, ownerUid: string) =>
  (o.metadata.ownerReferences ?? []).some((r) => r.uid === ownerUid);

export const revisionOf = (rs: ReplicaSet) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

function replicaSetsOf(state: ClusterState, d: Deployment): ReplicaSet[] {
  return Object.values(state.replicaSets).filter((rs) => rs.metadata.namespace === d.metadata.namespace && ownedBy(rs, d.metadata.uid));
}

/**
 * Every ReplicaSet by the uid of each owner it names, in table order: replicaSetsOf for all
 * Deployments in one pass. Read-only views (peekValues); stale once a ReplicaSet is written.
 */
function replicaSetsByOwner(state: ClusterState): Map<string, ReplicaSet[]> {
  const out = new Map<string, ReplicaSet[]>();
  for (const rs of peekValues(state.replicaSets)) {
    for (const r of rs.metadata.ownerReferences ?? []) {
      const list = out.get(r.uid);
      if (!list) out.set(r.uid, [rs]);
      else if (list[list.length - 1] !== rs) list.push(rs);
    }
  }
  return out;
}

const ownReplicaSets = (index: Map<string, ReplicaSet[]>, d: Deployment) => (index.get(d.metadata.uid) ?? []).filter((rs) => rs.metadata.namespace === d.metadata.namespace);

/**
 * The ReplicaSet that runs the Deployment's current template when nothing is left to scale: it
 * exists, holds the newest revision and all the replicas, and no older ReplicaSet keeps any.
 * syncDeployment would then only write the status; undefined when it has more to do.
 */
function settledReplicaSet(d: Deployment, all: ReplicaSet[]): ReplicaSet | undefined {
  if (d.spec.paused) return undefined;
  const hash = podTemplateHash(d.spec.template);
  const newRS = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  if (!newRS || newRS.spec.replicas !== d.spec.replicas || revisionOf(newRS) < Math.max(0, ...all.map(revisionOf))) return undefined;
  return all.every((rs) => rs === newRS || rs.spec.replicas === 0) ? newRS : undefined;
}

/**
 * The Deployment controller over every Deployment. A settled one (settledReplicaSet) is read
 * without a draft and only its status is written, when it changed; the others go through
 * syncDeployment on the draft.
 */
function syncDeployments(state: ClusterState): void {
  const index = replicaSetsByOwner(state);
  for (const key of Object.keys(state.deployments)) {
    const seen = peekValue(state.deployments, key);
    const all = ownReplicaSets(index, seen);
    const newRS = settledReplicaSet(seen, all);
    if (newRS) updateDeploymentStatus(state, seen, newRS, all, (s) => { state.deployments[key].status = s; });
    else syncDeployment(state, state.deployments[key]);
  }
}

/** Every Deployment's status from its ReplicaSets as they now stand (after the ReplicaSet controller ran). */
function updateDeploymentStatuses(state: ClusterState): void {
  const index = replicaSetsByOwner(state);
  for (const key of Object.keys(state.deployments)) {
    const seen = peekValue(state.deployments, key);
    const all = ownReplicaSets(index, seen);
    const newRS = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === podTemplateHash(seen.spec.template));
    if (newRS) updateDeploymentStatus(state, seen, newRS, all, (s) => { state.deployments[key].status = s; });
  }
}

function scaleReplicaSet(state: ClusterState, d: Deployment, rs: ReplicaSet, to: number): void {
  if (rs.spec.replicas === to) return;
  const from = rs.spec.replicas;
  rs.spec.replicas = to;
  rs.metadata.resourceVersion = nextSerial(state);
  recordEvent(state, {
    object: { kind: 'Deployment', apiVersion: 'apps/v1', namespace: d.metadata.namespace, name: d.metadata.name, uid: d.metadata.uid },
    type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} to ${to} from ${from}`, component: 'deployment-controller',
  });
}

/**
 * The Deployment controller: one ReplicaSet per template (named by pod-template-hash, revision
 * annotations), rolling updates that respect maxSurge and maxUnavailable, and the status
 * fields `kubectl rollout status` reads.
 */
function syncDeployment(state: ClusterState, d: Deployment): void {
  const hash = podTemplateHash(d.spec.template);
  const all = replicaSetsOf(state, d);
  const maxRevision = Math.max(0, ...all.map(revisionOf));
  let newRS = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  if (!newRS) {
    const name = `${d.metadata.name}-${hash}`;
    const labels = { ...(d.spec.template.metadata.labels ?? {}), 'pod-template-hash': hash };
    const start = all.some((rs) => rs.spec.replicas > 0) ? 0 : d.spec.replicas;
    newRS = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name, namespace: d.metadata.namespace, uid: uid(state), resourceVersion: nextSerial(state), generation: 1, creationTimestamp: rfc3339(state.now), labels,
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas),
          'deployment.kubernetes.io/max-replicas': String(d.spec.replicas + resolveSurgeUnavailable(d).maxSurge),
          'deployment.kubernetes.io/revision': String(maxRevision + 1),
          ...(d.metadata.annotations?.['kubernetes.io/change-cause'] ? { 'kubernetes.io/change-cause': d.metadata.annotations['kubernetes.io/change-cause'] } : {}),
        },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        replicas: 0,
        selector: { matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': hash } },
        template: { metadata: { ...clone(d.spec.template.metadata), labels, creationTimestamp: null }, spec: clone(d.spec.template.spec) },
        minReadySeconds: d.spec.minReadySeconds,
      },
      status: { replicas: 0 },
    };
    state.replicaSets[keyOf(d.metadata.namespace, name)] = newRS;
    // A new template opens a new progress window (the controller's NewReplicaSetCreated), even
    // after the previous rollout ran past its deadline.
    const progressing = d.status.conditions?.find((c) => c.type === 'Progressing');
    if (progressing) Object.assign(progressing, { status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${name}"`, lastUpdateTime: rfc3339(state.now), lastTransitionTime: progressing.status === 'True' ? progressing.lastTransitionTime : rfc3339(state.now) });
    scaleReplicaSet(state, d, newRS, start);
    if (start > 0) {
      // The very first ReplicaSet is announced without "from 0", as the controller words it.
      const ev = Object.values(state.events).find((e) => e.involvedObject.uid === d.metadata.uid && e.message.endsWith(`${newRS!.metadata.name} to ${start} from 0`));
      if (ev) ev.message = `Scaled up replica set ${newRS.metadata.name} to ${start}`;
    }
  } else if (revisionOf(newRS) < maxRevision) {
    // A rollback to an older template makes that ReplicaSet the newest revision again.
    newRS.metadata.annotations = { ...newRS.metadata.annotations, 'deployment.kubernetes.io/revision': String(maxRevision + 1) };
  }
  const old = all.filter((rs) => rs !== newRS).sort((a, b) => revisionOf(a) - revisionOf(b));
  const { maxSurge, maxUnavailable } = resolveSurgeUnavailable(d);
  const total = () => all.reduce((n, rs) => n + rs.spec.replicas, 0);
  if (d.spec.paused) return updateDeploymentStatus(state, d, newRS, all);

  if (newRS.spec.replicas > d.spec.replicas) scaleReplicaSet(state, d, newRS, d.spec.replicas);
  else if (newRS.spec.replicas < d.spec.replicas) {
    const room = d.spec.replicas + maxSurge - total();
    if (room > 0) scaleReplicaSet(state, d, newRS, newRS.spec.replicas + Math.min(room, d.spec.replicas - newRS.spec.replicas));
  }
  // Scale old ReplicaSets down without dropping below replicas - maxUnavailable available pods.
  const minAvailable = d.spec.replicas - maxUnavailable;
  const newUnavailable = newRS.spec.replicas - (newRS.status.availableReplicas ?? 0);
  let budget = total() - minAvailable - newUnavailable;
  for (const rs of old) {
    // Unhealthy old replicas go first: removing them costs no availability.
    const unhealthy = rs.spec.replicas - (rs.status.availableReplicas ?? 0);
    const cut = Math.min(unhealthy, Math.max(0, budget), rs.spec.replicas);
    if (cut > 0) { scaleReplicaSet(state, d, rs, rs.spec.replicas - cut); budget -= cut; }
  }
  const available = all.reduce((n, rs) => n + (rs.status.availableReplicas ?? 0), 0);
  let canRemove = Math.min(available - minAvailable, total() - d.spec.replicas);
  for (const rs of old) {
    if (canRemove <= 0) break;
    const cut = Math.min(rs.spec.replicas, canRemove);
    if (cut > 0) { scaleReplicaSet(state, d, rs, rs.spec.replicas - cut); canRemove -= cut; }
  }
  updateDeploymentStatus(state, d, newRS, all);
}

/**
 * Writes the Deployment's status as the controller computes it. `d` may be a read-only view: the
 * status is built on a copy of its conditions and written through `write` (the draft's own
 * field by default) only when it differs, so a pass over settled Deployments drafts nothing.
 */
function updateDeploymentStatus(state: ClusterState, d: Deployment, newRS: ReplicaSet, all: ReplicaSet[], write = (s: Deployment['status']) => { d.status = s; }): void {
  const now = rfc3339(state.now);
  const replicas = all.reduce((n, rs) => n + rs.status.replicas, 0);
  const ready = all.reduce((n, rs) => n + (rs.status.readyReplicas ?? 0), 0);
  const available = all.reduce((n, rs) => n + (rs.status.availableReplicas ?? 0), 0);
  const updated = newRS.status.replicas;
  const complete = updated === d.spec.replicas && replicas === d.spec.replicas && available === d.spec.replicas;
  // Conditions are flat records of strings: a shallow copy of each is a full copy.
  const conds = (d.status.conditions ?? []).map((c) => ({ ...c }));
  const setCond = (type: string, status: 'True' | 'False', reason: string, message: string) => {
    const prev = conds.find((c) => c.type === type);
    if (prev && prev.status === status && prev.reason === reason) { prev.message = message; return; }
    const next = { type, status, lastUpdateTime: now, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now, reason, message };
    if (prev) Object.assign(prev, next); else conds.push(next);
  };
  const minimum = available >= d.spec.replicas - resolveSurgeUnavailable(d).maxUnavailable;
  setCond('Available', minimum ? 'True' : 'False', minimum ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
    minimum ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.');
  const progressing = conds.find((c) => c.type === 'Progressing');
  const deadline = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
  const rollingOut = all.some((rs) => rs !== newRS && rs.spec.replicas > 0) || progressing?.reason === 'ReplicaSetUpdated' && !complete;
  if (complete) setCond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`);
  else if (!rollingOut && progressing?.reason === 'NewReplicaSetAvailable') { /* a scaling event is not a rollout: progress is not re-judged */ }
  else if (progressing?.reason === 'ProgressDeadlineExceeded') { /* stays until the rollout completes */ }
  else if (progressing && progressing.reason === 'ReplicaSetUpdated' && state.now - Date.parse(progressing.lastUpdateTime ?? now) > deadline)
    setCond('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`);
  else if (!progressing || progressing.reason !== 'ReplicaSetUpdated' || (d.status.updatedReplicas ?? 0) !== updated || (d.status.availableReplicas ?? 0) !== available)
    setCond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${newRS.metadata.name}" is progressing.`);
  conds.sort((a, b) => (a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0));
  const status = {
    observedGeneration: d.metadata.generation,
    replicas,
    updatedReplicas: updated,
    readyReplicas: ready || undefined,
    availableReplicas: available || undefined,
    unavailableReplicas: Math.max(0, d.spec.replicas - available) || undefined,
    conditions: conds,
  };
  if (!sameJson(status, d.status)) write(status);
}

/**
 * Pods a ReplicaSet counts (owned by it, selected by it, not being deleted, not finished: evicted,
 * completed) and how many of them are Ready, read in one pass over its own pods (the owner index,
 * sim/peek.ts), not a pass over every pod per ReplicaSet.
 */
function activePodsOf(state: ClusterState, rs: ReplicaSet): { pods: Pod[]; ready: number } {
  const matches = selectorMatcher(rs.spec.selector);
  const ns = rs.metadata.namespace;
  const pods: Pod[] = [];
  let ready = 0;
  for (const p of ownedValues(state.pods, rs.metadata.uid, false)) {
    if (p.metadata.deletionTimestamp || p.status.phase === 'Failed' || p.status.phase === 'Succeeded' || p.metadata.namespace !== ns || !matches(p.metadata.labels)) continue;
    pods.push(p);
    if (isReady(p)) ready++;
  }
  return { pods, ready };
}

const isReady = (p: Pod) => p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** How soon the ReplicaSet controller tries again after the API server refused a pod (its rate-limited requeue, simplified). */
const CREATE_RETRY_MS = 10_000;

/** kube-controller-manager's burstReplicas: at most this many pod creates (or deletes) per ReplicaSet sync. */
export const BURST_REPLICAS = 500;

/**
 * kube-controller-manager's API client limits (--kube-api-qps 20, --kube-api-burst 30): the
 * ReplicaSet controller's creates go out at most API_BURST at once, then API_QPS a second.
 */
const API_QPS = 20;
const API_BURST = 30;

/**
 * The next moment a ReplicaSet's paced creates resume (createPacedAt), after `state.now`; Infinity
 * when none waits. The clock (sim/reduce.ts) runs the controllers then.
 */
export function pacedCreatesNextDue(state: ClusterState): number {
  let next = Infinity;
  // Read as stored (the clock asks at every due moment; a for…in over the draft trapped every key).
  const paced = state.createPacedAt;
  if (paced) for (const at of peekValues(paced)) if (at > state.now && at < next) next = at;
  return next;
}

/**
 * The ReplicaSet controller: create or delete pods to match spec.replicas; report status.
 * Creates follow manageReplicas: at most BURST_REPLICAS per sync, in slow-start batches of 1, 2,
 * 4, … (slowStartBatch, SlowStartInitialBatchSize 1); a batch with a refused create still makes
 * its other creates (they run concurrently), each refusal is a FailedCreate event, and the batches
 * after it are skipped until the controller retries (CREATE_RETRY_MS). The client's rate limit
 * lets API_BURST creates through at once: a sync that needs more makes those and resumes when
 * the limiter has let the rest through (createRetryAt), so `--replicas=100000` grows the pod list
 * by API_QPS pods a second, as a real cluster does, instead of all at once. Simplified: each
 * resumed sync starts its batches at 1 again, so refusal counts are exact within a sync's first
 * API_BURST creates. Once per reconcile() call per ReplicaSet that had to wait (`burst`).
 */
function syncReplicaSet(state: ClusterState, rs: ReplicaSet, burst: Set<string>): void {
  // `rs` is a read-only view (peekValues): the status is written through the table's draft.
  // `ready` follows `pods` as they change below: creates are counted as made, deletes before they happen.
  const active = activePodsOf(state, rs);
  const pods = active.pods;
  let ready = active.ready;
  const ref = { kind: 'ReplicaSet', apiVersion: 'apps/v1', namespace: rs.metadata.namespace, name: rs.metadata.name, uid: rs.metadata.uid };
  const retry = state.createRetryAt?.[rs.metadata.uid] ?? state.createPacedAt?.[rs.metadata.uid];
  if (pods.length < rs.spec.replicas && !burst.has(rs.metadata.uid) && (retry === undefined || retry <= state.now)) {
    const diff = Math.min(rs.spec.replicas - pods.length, BURST_REPLICAS);
    const allowed = Math.min(diff, API_BURST);
    let attempted = 0;
    let refused = false;
    for (let batch = Math.min(allowed, 1); batch > 0 && !refused; batch = Math.min(2 * batch, allowed - attempted)) {
      for (let i = 0; i < batch; i++) {
        attempted++;
        const pod = podForReplicaSet(state, rs);
        // The API server's admission (the api stage: quota, webhooks) may refuse the create.
        const refusal = admit(state, { verb: 'create', resource: 'pods', group: '', namespace: pod.metadata.namespace, name: pod.metadata.name, user: 'system:serviceaccount:kube-system:replicaset-controller', object: pod });
        if (refusal) {
          recordEvent(state, { object: ref, type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${refusal.message}`, component: 'replicaset-controller' });
          refused = true;
          continue;
        }
        admitFinalizers(state, pod);
        putEntry(state.pods, keyOf(pod.metadata.namespace, pod.metadata.name), pod);
        pods.push(pod);
        if (isReady(pod)) ready++;
        recordEvent(state, { object: ref, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, component: 'replicaset-controller' });
      }
    }
    if (refused) {
      (state.createRetryAt ??= {})[rs.metadata.uid] = state.now + CREATE_RETRY_MS;
      if (state.createPacedAt) delete state.createPacedAt[rs.metadata.uid];
    } else if (attempted < diff) {
      // The rest of this sync's creates wait in the client's rate limiter.
      (state.createPacedAt ??= {})[rs.metadata.uid] = state.now + Math.ceil((attempted * 1000) / API_QPS);
      if (state.createRetryAt) delete state.createRetryAt[rs.metadata.uid];
      burst.add(rs.metadata.uid);
    }
  } else if (pods.length > rs.spec.replicas) {
    // Deletion order as the controller ranks pods: unscheduled, then not ready, then newest.
    const rank = (p: Pod) => (p.spec.nodeName ? 0 : 4) + (isReady(p) ? 0 : 2);
    const victims = [...pods].sort((a, b) => rank(b) - rank(a) || byteCompare(b.metadata.creationTimestamp, a.metadata.creationTimestamp)).slice(0, pods.length - rs.spec.replicas);
    for (const p of victims) {
      if (isReady(p)) ready--;
      deletePod(state, state.pods[keyOf(p.metadata.namespace, p.metadata.name)], false);
      pods.splice(pods.indexOf(p), 1);
      recordEvent(state, { object: ref, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata.name}`, component: 'replicaset-controller' });
    }
  }
  const status = {
    replicas: pods.length,
    fullyLabeledReplicas: pods.length,
    readyReplicas: ready || undefined,
    availableReplicas: ready || undefined,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  if (status.replicas !== rs.status.replicas || status.readyReplicas !== rs.status.readyReplicas || status.availableReplicas !== rs.status.availableReplicas) {
    const live = state.replicaSets[keyOf(rs.metadata.namespace, rs.metadata.name)];
    live.status = status;
    // A status change is news for the Deployment controller: bumping resourceVersion keeps reconcile() going.
    live.metadata.resourceVersion = nextSerial(state);
  }
}

/**
 * Runs the controllers until nothing changes: Deployments → ReplicaSets → StatefulSets → CronJobs →
 * Jobs → scheduler → DaemonSets. Bounded,
 * so a scenario that fights itself cannot hang the terminal. True when the last pass changed
 * nothing (the controllers settled); false when the bound cut them short.
 */
export function reconcile(state: ClusterState): boolean {
  const burst = new Set<string>();
  let settled = false;
  for (let pass = 0; pass < 5 && !settled; pass++) {
    const before = state.serial;
    runDeletions(state);
    syncDeployments(state);
    for (const rs of peekValues(state.replicaSets)) syncReplicaSet(state, rs, burst);
    syncStatefulSets(state);
    syncCronJobs(state);
    syncJobs(state);
    syncClaims(state);
    schedulePending(state);
    syncDaemonSets(state);
    updateDeploymentStatuses(state);
    syncDisruptionBudgets(state);
    settled = state.serial === before;
  }
  // The other kinds' controllers (kinds/<kind>.ts `reconcile`): DaemonSet status, EndpointSlices…
  for (const k of KINDS) k.reconcile?.(state);
  return settled;
}
