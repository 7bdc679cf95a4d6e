import { clone } from '../clone.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import type { CronJob } from '../kinds/cronjob.ts';
import type { Job } from '../kinds/job.ts';
import { jobCondition, jobFinished } from '../kinds/job.ts';
import { objectTable, storedTable } from '../kinds/common.ts';
import { byteCompare } from '../compare.ts';
import { MINUTE, parseTimestamp, rfc3339, SECOND } from '../time.ts';
import { lastFireBetween, nextFire, parseCron, type CronSchedule } from './cron.ts';
import { deleteObject } from './deletion.ts';
import { recordEvent } from './events.ts';
import { createJob, jobTable } from './jobs.ts';
import { nextSerial } from './rng.ts';
import { peekValues } from './peek.ts';

export const cronJobTable = objectTable<CronJob>('cronjobs');

/** The annotation the CronJob controller stamps on each Job with its scheduled time (1.28+). */
export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

const schedules = new Map<string, CronSchedule | string>();
/** The CronJob's parsed schedule (cached by text), or the parser's error. */
function scheduleOf(cj: CronJob): CronSchedule | string {
  let s = schedules.get(cj.spec.schedule);
  if (s === undefined) schedules.set(cj.spec.schedule, (s = parseCron(cj.spec.schedule)));
  return s;
}

const cronRef = (cj: CronJob) => ({ kind: 'CronJob', apiVersion: 'batch/v1', namespace: cj.metadata.namespace, name: cj.metadata.name, uid: cj.metadata.uid });

/** The Jobs a CronJob controls, oldest start first (the history clean-up's order). */
function jobsOf(state: ClusterState, cj: CronJob): Job[] {
  const start = (j: Job) => parseTimestamp(j.status?.startTime) ?? parseTimestamp(j.metadata.creationTimestamp) ?? 0;
  return Object.values(jobTable(state))
    .filter((j) => j.metadata.namespace === cj.metadata.namespace && (j.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === cj.metadata.uid))
    .sort((a, b) => start(a) - start(b) || byteCompare(a.metadata.name, b.metadata.name));
}

/** The next moment any CronJob's schedule fires after now (ms), or Infinity: the clock stops there. */
export function cronJobsNextDue(state: ClusterState): number {
  let next = Infinity;
  for (const cj of peekValues(storedTable(state, cronJobTable))) {
    const s = scheduleOf(cj);
    if (typeof s === 'string' || cj.spec.suspend || cj.metadata.deletionTimestamp) continue;
    next = Math.min(next, nextFire(s, state.now, cj.spec.timeZone));
  }
  return next;
}

/** A Job from the CronJob's template, named `<cronjob>-<scheduled minutes since the epoch>` (getJobFromTemplate2). */
function jobFor(cj: CronJob, at: number): Job {
  const t = cj.spec.jobTemplate;
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: {
      name: `${cj.metadata.name}-${Math.floor(at / MINUTE)}`, namespace: cj.metadata.namespace, uid: '', creationTimestamp: '',
      ...(t.metadata?.labels ? { labels: { ...t.metadata.labels } } : {}),
      annotations: { ...(t.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: rfc3339(at) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: clone(t.spec),
  };
}

/** Deletes finished Jobs beyond a history limit, oldest first, as cleanupFinishedJobs does. */
function trimHistory(state: ClusterState, cj: CronJob, jobs: Job[], limit: number | undefined, type: 'Complete' | 'Failed'): void {
  if (limit === undefined) return;
  const finished = jobs.filter((j) => jobCondition(j, type));
  for (const j of finished.slice(0, Math.max(0, finished.length - limit))) {
    deleteObject(state, 'Job', j.metadata.namespace, j.metadata.name);
    recordEvent(state, { object: cronRef(cj), type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted job ${j.metadata.name}`, component: 'cronjob-controller' });
  }
}

/**
 * One CronJob's sync (pkg/controller/cronjob, controllerv2): finished Jobs leave `status.active`
 * (`SawCompletedJob`), the last successful time follows the newest completion, the history limits
 * trim old Jobs, and when the schedule has fired since the last scheduled time (only the most
 * recent missed time counts, within startingDeadlineSeconds) a Job is created, unless suspended
 * or forbidden by concurrencyPolicy: Forbid skips while a Job is active, Replace deletes the
 * active ones first.
 */
function syncCronJob(state: ClusterState, cj: CronJob): void {
  const before = JSON.stringify(cj.status ?? {});
  const status = (cj.status ??= {});
  const ref = cronRef(cj);
  let jobs = jobsOf(state, cj);
  for (const j of jobs) {
    const listed = (status.active ?? []).some((a) => a.uid === j.metadata.uid);
    if (listed && jobFinished(j)) {
      status.active = status.active!.filter((a) => a.uid !== j.metadata.uid);
      recordEvent(state, { object: ref, type: 'Normal', reason: 'SawCompletedJob', message: `Saw completed job: ${j.metadata.name}, condition: ${jobCondition(j, 'Complete') ? 'Complete' : 'Failed'}`, component: 'cronjob-controller' });
    } else if (jobFinished(j) && j.status?.completionTime && (parseTimestamp(j.status.completionTime) ?? 0) > (parseTimestamp(status.lastSuccessfulTime) ?? -Infinity)) {
      status.lastSuccessfulTime = j.status.completionTime;
    }
  }
  // Jobs deleted by someone else leave the active list too.
  const uids = new Set(jobs.map((j) => j.metadata.uid));
  if (status.active) status.active = status.active.filter((a) => uids.has(a.uid));
  trimHistory(state, cj, jobs, cj.spec.successfulJobsHistoryLimit, 'Complete');
  trimHistory(state, cj, jobs, cj.spec.failedJobsHistoryLimit, 'Failed');
  jobs = jobsOf(state, cj);
  const schedule = scheduleOf(cj);
  const since = parseTimestamp(status.lastScheduleTime) ?? parseTimestamp(cj.metadata.creationTimestamp) ?? state.now;
  const fire = typeof schedule === 'string' || cj.spec.suspend ? undefined : lastFireBetween(schedule, since, state.now, cj.spec.timeZone);
  const tooLate = fire && cj.spec.startingDeadlineSeconds !== undefined && fire.at < state.now - cj.spec.startingDeadlineSeconds * SECOND;
  const forbidden = cj.spec.concurrencyPolicy === 'Forbid' && (status.active ?? []).length > 0;
  // Told once, at the scheduled moment the controller wakes for (several passes may run at that instant).
  if (fire && !tooLate && forbidden && fire.at === state.now && !toldAt(state, cj, 'JobAlreadyActive')) {
    recordEvent(state, { object: ref, type: 'Normal', reason: 'JobAlreadyActive', message: 'Not starting job because prior execution is running and concurrency policy is Forbid', component: 'cronjob-controller' });
  }
  if (fire && !tooLate && !forbidden) {
    if (cj.spec.concurrencyPolicy === 'Replace') {
      for (const a of status.active ?? []) {
        deleteObject(state, 'Job', cj.metadata.namespace, a.name);
        recordEvent(state, { object: ref, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted job ${a.name}`, component: 'cronjob-controller' });
      }
      status.active = [];
    }
    const wanted = jobFor(cj, fire.at);
    if (!Object.hasOwn(jobTable(state), keyOf(wanted.metadata.namespace, wanted.metadata.name))) {
      const made = createJob(state, wanted);
      recordEvent(state, { object: ref, type: 'Normal', reason: 'SuccessfulCreate', message: `Created job ${made.metadata.name}`, component: 'cronjob-controller' });
      (status.active ??= []).push({ apiVersion: 'batch/v1', kind: 'Job', name: made.metadata.name, namespace: made.metadata.namespace, resourceVersion: made.metadata.resourceVersion, uid: made.metadata.uid });
    }
    status.lastScheduleTime = rfc3339(fire.at);
  }
  cj.status = {
    ...(status.active?.length ? { active: status.active } : {}),
    ...(status.lastScheduleTime ? { lastScheduleTime: status.lastScheduleTime } : {}),
    ...(status.lastSuccessfulTime ? { lastSuccessfulTime: status.lastSuccessfulTime } : {}),
  };
  if (JSON.stringify(cj.status) !== before) cj.metadata.resourceVersion = nextSerial(state);
}

/** Whether the controller already reported `reason` about the CronJob at this very moment. */
function toldAt(state: ClusterState, cj: CronJob, reason: string): boolean {
  const now = rfc3339(state.now);
  return peekValues(state.events).some((e) => e.involvedObject.uid === cj.metadata.uid && e.reason === reason && e.lastTimestamp === now);
}

/** The CronJob controller over every CronJob not being deleted. */
export function syncCronJobs(state: ClusterState): void {
  const table = cronJobTable(state);
  for (const key of Object.keys(table)) if (!table[key].metadata.deletionTimestamp) syncCronJob(state, table[key]);
}
