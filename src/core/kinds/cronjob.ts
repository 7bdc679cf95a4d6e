import type { KubeObject, ObjectMeta } from '../model/k8s.ts';
import { formatLabelSelector, selectorString } from '../k8s/labels.ts';
import { describePodTemplate } from '../printers/describe/containers.ts';
import { describeEvents } from '../printers/describe/events.ts';
import type { Related } from '../printers/describe/types.ts';
import { describeWith, printAnnotations, printLabels, rfc1123 } from '../printers/describe/writer.ts';
import { ageOf } from '../printers/columns.ts';
import { ageColumn, col, nameColumn, objectEvents, objectTable, RW, templateContainers, templateImages } from './common.ts';
import { BOOL, INT32, INT64, objectFields, OBJECT_META, STRING, struct } from './fields.ts';
import { defaultTemplateSpec } from '../sim/podFactory.ts';
import { JOB_SPEC, type JobSpec } from './job.ts';
import type { KindDef } from './types.ts';

/** batch/v1 CronJob, trimmed to what get, describe and its controller (sim/cronJobs.ts) read. */
export interface CronJob extends KubeObject {
  kind: 'CronJob';
  spec: {
    schedule: string;
    timeZone?: string;
    startingDeadlineSeconds?: number;
    concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
    suspend?: boolean;
    jobTemplate: { metadata?: Partial<ObjectMeta>; spec: JobSpec };
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
  };
  status?: {
    active?: { apiVersion: string; kind: string; name: string; namespace?: string; resourceVersion?: string; uid: string }[];
    lastScheduleTime?: string;
    lastSuccessfulTime?: string;
  };
}

/** `printBoolPtr`: True/False, `<unset>` when absent. */
const boolPtr = (v: boolean | undefined) => (v === undefined ? '<unset>' : v ? 'True' : 'False');

/** `kubectl describe cronjob` (kubectl 1.33 describeCronJob with describeJobTemplate and printActiveJobs). */
function describeCronJob(cj: CronJob, related: Related, now: number): string {
  const s = cj.spec;
  const t = s.jobTemplate.spec;
  const orUnset = (v: number | undefined, suffix = '') => (v === undefined ? '<unset>' : `${v}${suffix}`);
  return describeWith((w) => {
    w.write(0, `Name:\t${cj.metadata.name}\n`);
    w.write(0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
    printLabels(w, 'Labels', cj.metadata.labels);
    printAnnotations(w, 'Annotations', cj.metadata.annotations);
    w.write(0, `Schedule:\t${s.schedule}\n`);
    w.write(0, `Concurrency Policy:\t${s.concurrencyPolicy ?? ''}\n`);
    w.write(0, `Suspend:\t${boolPtr(s.suspend)}\n`);
    w.write(0, `Successful Job History Limit:\t${orUnset(s.successfulJobsHistoryLimit)}\n`);
    w.write(0, `Failed Job History Limit:\t${orUnset(s.failedJobsHistoryLimit)}\n`);
    w.write(0, `Starting Deadline Seconds:\t${orUnset(s.startingDeadlineSeconds, 's')}\n`);
    w.write(0, `Selector:\t${t.selector ? selectorString(t.selector) : '<unset>'}\n`);
    w.write(0, `Parallelism:\t${orUnset(t.parallelism)}\n`);
    w.write(0, `Completions:\t${orUnset(t.completions)}\n`);
    if (t.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${t.activeDeadlineSeconds}s\n`);
    describePodTemplate(w, t.template);
    w.write(0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123(cj.status.lastScheduleTime) : '<unset>'}\n`);
    const active = cj.status?.active ?? [];
    w.write(0, `Active Jobs:\t${active.length ? active.map((j) => j.name).join(', ') : '<none>'}\n`);
    if (related.events) describeEvents(w, related.events, now);
  });
}

/**
 * What the API server fills in on a CronJob create (SetDefaults_CronJob): concurrencyPolicy Allow,
 * not suspended, three successful and one failed Job kept; the job template's pod template gets no
 * Job defaults (its parallelism and completions stay unset).
 */
function admitCronJob(cj: CronJob): void {
  const s = cj.spec;
  s.concurrencyPolicy ??= 'Allow';
  s.suspend ??= false;
  s.successfulJobsHistoryLimit ??= 3;
  s.failedJobsHistoryLimit ??= 1;
  s.jobTemplate.metadata ??= {};
  const template = s.jobTemplate.spec?.template;
  if (template?.spec) template.spec = defaultTemplateSpec(template.spec);
  cj.status ??= {};
}

/** batch/v1 CronJob: creates a Job on a cron schedule (sim/cronJobs.ts is its controller). */
export const cronJob: KindDef<CronJob> = {
  kind: 'CronJob', plural: 'cronjobs', singular: 'cronjob', shortNames: ['cj'], categories: ['all'], group: 'batch', version: 'v1', namespaced: true, verbs: RW,
  table: objectTable<CronJob>('cronjobs'),
  columns: [
    nameColumn,
    col<CronJob>('SCHEDULE', (c) => c.spec.schedule),
    col<CronJob>('TIMEZONE', (c) => c.spec.timeZone ?? '<none>'),
    col<CronJob>('SUSPEND', (c) => boolPtr(c.spec.suspend)),
    col<CronJob>('ACTIVE', (c) => String(c.status?.active?.length ?? 0)),
    col<CronJob>('LAST SCHEDULE', (c, _s, now) => (c.status?.lastScheduleTime ? ageOf(c.status.lastScheduleTime, now) : '<none>')),
    ageColumn,
    col<CronJob>('CONTAINERS', (c) => templateContainers(c.spec.jobTemplate.spec.template), true),
    col<CronJob>('IMAGES', (c) => templateImages(c.spec.jobTemplate.spec.template), true),
    col<CronJob>('SELECTOR', (c) => formatLabelSelector(c.spec.jobTemplate.spec.selector), true),
  ],
  related: (state, cj, showEvents) => ({ events: objectEvents(state, cj, showEvents) }),
  describe: describeCronJob,
  admit: admitCronJob,
  writable: { patch: true, delete: true },
  fields: objectFields('CronJob', {
    spec: struct('CronJobSpec', {
      schedule: STRING, timeZone: STRING, startingDeadlineSeconds: INT64, concurrencyPolicy: STRING, suspend: BOOL,
      jobTemplate: struct('JobTemplateSpec', { metadata: OBJECT_META, spec: JOB_SPEC }), successfulJobsHistoryLimit: INT32, failedJobsHistoryLimit: INT32,
    }),
  }),
};
