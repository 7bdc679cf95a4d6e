import type { Condition, Pod } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import type { Job } from '../kinds/job.ts';
import { job as jobKind, jobCondition, jobFinished } from '../kinds/job.ts';
import { objectTable, storedTable } from '../kinds/common.ts';
import { MINUTE, parseTimestamp, rfc3339, SECOND } from '../time.ts';
import { admit } from './admission.ts';
import { admitFinalizers, deleteObject } from './deletion.ts';
import { recordEvent } from './events.ts';
import { podFromTemplate } from './podFactory.ts';
import { deletePod } from './pods.ts';
import { nextSerial, uid } from './rng.ts';
import { peekValues, putEntry, storedValues, watchedValues } from './peek.ts';
import { FINALIZED } from './deletion.ts';
import { COMPLETION_INDEX, formatIndexes, matchFailurePolicy, parseIndexes, pendingIndexes, podIndex } from './jobIndexes.ts';

/** The finalizer the Job controller puts on its pods so it counts each one before it goes. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** The Job controller's pod failure back-off: 10 s, doubling per failure since the last success, capped at 10 min. */
const BACKOFF_INITIAL_MS = 10 * SECOND;
const BACKOFF_MAX_MS = 10 * MINUTE;
/** How soon the controller tries again after the API server refused a pod. */
const CREATE_RETRY_MS = 10 * SECOND;

export const jobTable = objectTable<Job>('jobs');

const isTerminal = (p: Pod) => p.status.phase === 'Succeeded' || p.status.phase === 'Failed';
const isReady = (p: Pod) => p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const ownerUid = (p: Pod) => p.metadata.ownerReferences?.find((r) => r.controller)?.uid;
const jobRef = (j: Job) => ({ kind: 'Job', apiVersion: 'batch/v1', namespace: j.metadata.namespace, name: j.metadata.name, uid: j.metadata.uid });

/** When the pod's last container finished (ms), or its creation when none did. */
function finishedAt(p: Pod): number {
  const ends = (p.status.containerStatuses ?? []).map((s) => parseTimestamp(s.state.terminated?.finishedAt) ?? 0);
  return Math.max(parseTimestamp(p.metadata.creationTimestamp) ?? 0, ...ends);
}

/**
 * Whether any pod still carries a Job's tracking finalizer, through a watch (sim/peek.ts
 * watchedValues): finalizers are added to a pod only before it is stored or by admitFinalizers,
 * which marks it; read-only, no index built.
 */
function anyJobPods(state: ClusterState): boolean {
  return watchedValues(state.pods, FINALIZED, (p) => p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false).length > 0;
}

/** Pods of every Job by the Job's uid (read-only views: fetch from state.pods before changing one). */
function podsByJob(state: ClusterState): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const p of storedValues(state.pods)) {
    const owner = p.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Job');
    if (!owner) continue;
    const list = out.get(owner.uid);
    if (list) list.push(p); else out.set(owner.uid, [p]);
  }
  return out;
}

/**
 * When the Job may create its next pod after failures (ms): the back-off from the last failure
 * (10 s × 2^(failures since the last success − 1), at most 10 min); 0 when nothing holds it.
 */
function backoffUntil(pods: Pod[]): number {
  const done = pods.filter(isTerminal).sort((a, b) => finishedAt(a) - finishedAt(b));
  let failures = 0;
  let last = 0;
  for (const p of done) {
    if (p.status.phase === 'Succeeded') failures = 0;
    else { failures++; last = finishedAt(p); }
  }
  if (failures === 0) return 0;
  return last + Math.min(BACKOFF_INITIAL_MS * 2 ** (failures - 1), BACKOFF_MAX_MS);
}

/** A Job condition as the controller writes it (newCondition: probe and transition time now). */
const condition = (state: ClusterState, type: string, reason: string, message: string): Condition =>
  ({ type, status: 'True', lastProbeTime: rfc3339(state.now), lastTransitionTime: rfc3339(state.now), reason, message });

/** The Job's next moment of its own (ms): the active deadline, the end of a failure back-off, the TTL after it finished; Infinity when none. */
function jobNextDue(job: Job, pods: Pod[]): number {
  if (jobFinished(job)) {
    const ttl = job.spec.ttlSecondsAfterFinished;
    const end = parseTimestamp(job.status?.completionTime ?? job.status?.conditions?.find((c) => c.type === 'Failed')?.lastTransitionTime);
    return ttl === undefined || end === undefined ? Infinity : end + ttl * SECOND;
  }
  let next = Infinity;
  const start = parseTimestamp(job.status?.startTime);
  const decided = jobCondition(job, 'FailureTarget') || jobCondition(job, 'SuccessCriteriaMet');
  if (!decided && start !== undefined && job.spec.activeDeadlineSeconds !== undefined) next = start + job.spec.activeDeadlineSeconds * SECOND;
  const hold = backoffUntil(pods);
  if (hold > 0 && hold < next) next = hold;
  return next;
}

/** The earliest moment any Job has something due (ms), or Infinity: the clock stops there. */
export function jobsNextDue(state: ClusterState): number {
  const jobs = peekValues(storedTable(state, jobTable));
  if (!jobs.length) return Infinity;
  const byJob = podsByJob(state);
  let next = Infinity;
  for (const j of jobs) {
    // Moments already passed were acted on when the clock reached them (a past back-off holds nothing).
    const due = jobNextDue(j, byJob.get(j.metadata.uid) ?? []);
    if (due > state.now && due < next) next = due;
  }
  return next;
}

/**
 * Creates a Job as the API server does (identity, time, version, then the kind's defaults):
 * the CronJob controller's creates come through here.
 */
export function createJob(state: ClusterState, job: Job): Job {
  job.metadata.uid ||= uid(state);
  job.metadata.creationTimestamp ||= rfc3339(state.now);
  job.metadata.resourceVersion = nextSerial(state);
  jobKind.admit!(job, state);
  jobTable(state)[keyOf(job.metadata.namespace, job.metadata.name)] = job;
  return job;
}

/**
 * Counts the Job's pods that reached a terminal phase and releases their tracking finalizer. An
 * Indexed Job counts distinct completed indexes. A failed pod goes through the podFailurePolicy:
 * `Ignore` leaves it uncounted (a pod evicted by a drain, say), `FailJob` marks the Job's failure
 * target at once with the rule's message.
 */
function countFinished(state: ClusterState, job: Job, pods: Pod[]): void {
  const status = (job.status ??= {});
  const indexed = job.spec.completionMode === 'Indexed';
  const completed = parseIndexes(status.completedIndexes);
  for (const seen of pods) {
    if (!(seen.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER)) continue;
    const gone = seen.metadata.deletionTimestamp !== undefined && !seen.spec.nodeName;
    if (!isTerminal(seen) && !gone) continue;
    if (seen.status.phase === 'Succeeded' && indexed) completed.add(podIndex(seen) ?? 0);
    else if (seen.status.phase === 'Succeeded') status.succeeded = (status.succeeded ?? 0) + 1;
    else {
      const policy = matchFailurePolicy(job, seen);
      if (policy?.action !== 'Ignore') status.failed = (status.failed ?? 0) + 1;
      if (policy?.action === 'FailJob' && !jobCondition(job, 'FailureTarget')) (status.conditions ??= []).push(condition(state, 'FailureTarget', 'PodFailurePolicy', policy.message));
    }
    releaseFinalizer(state, seen);
  }
  if (indexed && completed.size) {
    status.completedIndexes = formatIndexes(completed);
    status.succeeded = completed.size;
  }
}

function releaseFinalizer(state: ClusterState, seen: Pod): void {
  const pod = state.pods[keyOf(seen.metadata.namespace, seen.metadata.name)];
  const rest = (pod.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
  if (rest.length) pod.metadata.finalizers = rest; else delete pod.metadata.finalizers;
  // A pod deleted before it was bound has no kubelet to confirm it: the API server may remove it now.
  if (pod.metadata.deletionTimestamp && !pod.spec.nodeName) pod.metadata.deletionGracePeriodSeconds = 0;
  pod.metadata.resourceVersion = nextSerial(state);
}

/** Why the Job fails now, in the controller's words, or undefined: the back-off limit first, then the active deadline. */
function failure(state: ClusterState, job: Job, active: Pod[]): { reason: string; message: string } | undefined {
  const limit = job.spec.backoffLimit ?? 6;
  let past = (job.status?.failed ?? 0) > limit;
  if (!past && job.spec.template.spec.restartPolicy === 'OnFailure') {
    const restarts = active.reduce((n, p) => n + (p.status.containerStatuses ?? []).reduce((m, s) => m + s.restartCount, 0), 0);
    past = limit === 0 ? restarts > 0 : restarts >= limit;
  }
  if (past) return { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
  const start = parseTimestamp(job.status?.startTime);
  if (start !== undefined && job.spec.activeDeadlineSeconds !== undefined && state.now >= start + job.spec.activeDeadlineSeconds * SECOND) {
    return { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
  }
  return undefined;
}

/**
 * One Job's sync (pkg/controller/job, 1.31+ with JobPodReplacementPolicy): count finished pods,
 * decide failure (backoffLimit, activeDeadlineSeconds: FailureTarget, the active pods deleted,
 * then Failed once none is left) or success (SuccessCriteriaMet, then Complete with its
 * completionTime), else keep `parallelism` pods running (no more than the completions left),
 * holding new pods back while the failure back-off runs. Reports the status as the controller does.
 */
function syncJob(state: ClusterState, job: Job, all: Pod[]): void {
  const before = JSON.stringify(job.status ?? {});
  const ref = jobRef(job);
  countFinished(state, job, all);
  const status = job.status!;
  if (jobFinished(job)) return finishStatus(state, job, before);
  if (job.spec.suspend) return finishStatus(state, job, before);
  status.startTime ??= rfc3339(state.now);
  // Read again from the table each time: this sync deletes pods, and `all` holds the views from before.
  const live = () => all.map((p) => keyOf(p.metadata.namespace, p.metadata.name)).filter((k) => Object.hasOwn(state.pods, k)).map((k) => state.pods[k]).filter((p) => !isTerminal(p));
  let active = live().filter((p) => !p.metadata.deletionTimestamp);
  const conditions = (status.conditions ??= []);
  if (!jobCondition(job, 'FailureTarget') && !jobCondition(job, 'SuccessCriteriaMet')) {
    const failed = failure(state, job, active);
    const completions = job.spec.completions;
    const succeeded = status.succeeded ?? 0;
    if (failed) conditions.push(condition(state, 'FailureTarget', failed.reason, failed.message));
    else if (completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0) {
      conditions.push(condition(state, 'SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'));
    }
  }
  const target = jobCondition(job, 'FailureTarget') ?? jobCondition(job, 'SuccessCriteriaMet');
  if (target) {
    for (const p of active) deletePod(state, state.pods[keyOf(p.metadata.namespace, p.metadata.name)], false);
    active = [];
    if (live().length === 0) {
      // Every pod is gone or terminal: the terminal condition, and its event.
      if (target.type === 'SuccessCriteriaMet') {
        conditions.push(condition(state, 'Complete', target.reason!, target.message!));
        status.completionTime = rfc3339(state.now);
        recordEvent(state, { object: ref, type: 'Normal', reason: 'Completed', message: 'Job completed', component: 'job-controller' });
      } else {
        conditions.push(condition(state, 'Failed', target.reason!, target.message!));
        recordEvent(state, { object: ref, type: 'Warning', reason: target.reason!, message: target.message!, component: 'job-controller' });
      }
    }
  } else {
    const completions = job.spec.completions;
    const parallelism = job.spec.parallelism ?? 1;
    const want = completions === undefined ? ((status.succeeded ?? 0) > 0 ? 0 : parallelism) : Math.min(parallelism, completions - (status.succeeded ?? 0));
    const retry = state.createRetryAt?.[job.metadata.uid];
    if (active.length < want && backoffUntil(all) <= state.now && (retry === undefined || retry <= state.now)) {
      // An Indexed Job starts the lowest indexes neither completed nor running, one pod each.
      const indexes = job.spec.completionMode === 'Indexed' ? pendingIndexes(job, active) : undefined;
      for (let i = active.length; i < want; i++) {
        const index = indexes?.shift();
        if (indexes && index === undefined) break;
        const pod = index === undefined ? podFromTemplate(state, job, job.spec.template, [JOB_TRACKING_FINALIZER]) : indexedPod(state, job, index);
        const refusal = admit(state, { verb: 'create', resource: 'pods', group: '', namespace: pod.metadata.namespace, name: pod.metadata.name, user: 'system:serviceaccount:kube-system:job-controller', object: pod });
        if (refusal) {
          recordEvent(state, { object: ref, type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${refusal.message}`, component: 'job-controller' });
          (state.createRetryAt ??= {})[job.metadata.uid] = state.now + CREATE_RETRY_MS;
          break;
        }
        admitFinalizers(state, pod);
        putEntry(state.pods, keyOf(pod.metadata.namespace, pod.metadata.name), pod);
        active.push(pod);
        recordEvent(state, { object: ref, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, component: 'job-controller' });
      }
    }
  }
  const stillLive = live();
  status.active = active.length || undefined;
  status.terminating = stillLive.filter((p) => p.metadata.deletionTimestamp).length;
  status.ready = active.filter(isReady).length;
  finishStatus(state, job, before);
}

/**
 * An Indexed Job's pod for one index (the controller's addCompletionIndexAnnotation and hostname):
 * named `<job>-<index>-<5 chars>`, the index in an annotation and a label, hostname `<job>-<index>`.
 */
function indexedPod(state: ClusterState, job: Job, index: number): Pod {
  const pod = podFromTemplate(state, job, job.spec.template, [JOB_TRACKING_FINALIZER], `${job.metadata.name}-${index}-`);
  pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [COMPLETION_INDEX]: String(index) };
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [COMPLETION_INDEX]: String(index) };
  pod.spec.hostname = `${job.metadata.name}-${index}`;
  return pod;
}

/** Writes the status in the API's field order (JobStatus) and bumps resourceVersion when it changed. */
function finishStatus(state: ClusterState, job: Job, before: string): void {
  const s = job.status ?? {};
  job.status = {
    ...(s.conditions?.length ? { conditions: s.conditions } : {}),
    ...(s.startTime ? { startTime: s.startTime } : {}),
    ...(s.completionTime ? { completionTime: s.completionTime } : {}),
    ...(s.active ? { active: s.active } : {}),
    ...(s.succeeded ? { succeeded: s.succeeded } : {}),
    ...(s.failed ? { failed: s.failed } : {}),
    ...(s.startTime ? { terminating: s.terminating ?? 0 } : {}),
    ...(s.completedIndexes ? { completedIndexes: s.completedIndexes } : {}),
    ...(s.startTime ? { uncountedTerminatedPods: {}, ready: s.ready ?? 0 } : {}),
  };
  if (JSON.stringify(job.status) !== before) job.metadata.resourceVersion = nextSerial(state);
}

/**
 * The Job controller over every Job, and the TTL-after-finished controller (a finished Job with
 * `ttlSecondsAfterFinished` is deleted with its pods once that time has passed). Pods that carry
 * the tracking finalizer but whose Job is gone are released, as the controller does for orphans.
 */
export function syncJobs(state: ClusterState): void {
  const table = jobTable(state);
  // No Job and no pod still holding a Job's tracking finalizer: nothing to do (skips a pass over every pod).
  if (!Object.keys(table).length && !anyJobPods(state)) return;
  const byJob = podsByJob(state);
  const uids = new Set<string>();
  for (const key of Object.keys(table)) {
    const job = table[key];
    uids.add(job.metadata.uid);
    if (job.metadata.deletionTimestamp) continue;
    if (jobFinished(job) && jobNextDue(job, []) <= state.now) {
      deleteObject(state, 'Job', job.metadata.namespace, job.metadata.name);
      continue;
    }
    syncJob(state, job, byJob.get(job.metadata.uid) ?? []);
  }
  for (const [owner, pods] of byJob) {
    if (uids.has(owner)) continue;
    for (const p of pods) if ((p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER) && ownerUid(p) === owner) releaseFinalizer(state, p);
  }
}
