import type { Condition, KubeObject, LabelSelector, Pod, PodTemplateSpec } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { formatLabelSelector, selectorString } from '../k8s/labels.ts';
import { describePodTemplate } from '../printers/describe/containers.ts';
import { describeEvents } from '../printers/describe/events.ts';
import { describeWith, printAnnotations, printLabels, rfc1123 } from '../printers/describe/writer.ts';
import { humanDuration, parseTimestamp } from '../time.ts';
import { ageColumn, col, nameColumn, objectEvents, objectTable, RW, templateContainers, templateImages } from './common.ts';
import { ANY, BOOL, INT32, INT64, LABEL_SELECTOR, objectFields, POD_TEMPLATE_SPEC, STRING, struct } from './fields.ts';
import type { KindDef } from './types.ts';
import { capIndexesList } from '../sim/jobIndexes.ts';
import { defaultTemplateSpec } from '../sim/podFactory.ts';

/** batch/v1 JobSpec, trimmed to what get, describe and the Job controller (sim/jobs.ts) read. */
export interface JobSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  backoffLimit?: number;
  selector?: LabelSelector;
  manualSelector?: boolean;
  template: PodTemplateSpec;
  ttlSecondsAfterFinished?: number;
  completionMode?: 'NonIndexed' | 'Indexed';
  /** Rules over failed pods (restartPolicy Never): fail the Job at once, ignore the failure, or count it. */
  podFailurePolicy?: { rules: PodFailurePolicyRule[] };
  suspend?: boolean;
  podReplacementPolicy?: string;
}

/** One podFailurePolicy rule: the action for a failed pod matching its exit codes or pod conditions. */
export interface PodFailurePolicyRule {
  action: 'FailJob' | 'Ignore' | 'Count' | 'FailIndex';
  onExitCodes?: { containerName?: string; operator: 'In' | 'NotIn'; values: number[] };
  onPodConditions?: { type: string; status?: string }[];
}

/** batch/v1 Job. */
export interface Job extends KubeObject {
  kind: 'Job';
  spec: JobSpec;
  status?: {
    conditions?: Condition[];
    startTime?: string;
    completionTime?: string;
    active?: number;
    succeeded?: number;
    failed?: number;
    terminating?: number;
    /** Indexed Jobs: the indexes that succeeded, as ranges (`0-2,4`). */
    completedIndexes?: string;
    ready?: number;
    uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
  };
}

/** The Job's condition of that type when it is True. */
export const jobCondition = (job: Job, type: string): Condition | undefined =>
  job.status?.conditions?.find((c) => c.type === type && c.status === 'True');

/** Whether the Job is finished: its Complete or Failed condition is True. */
export const jobFinished = (job: Job): boolean => !!(jobCondition(job, 'Complete') || jobCondition(job, 'Failed'));

/** STATUS, as printJob words it (1.31+): the first of Complete, Failed, Terminating, Suspended, FailureTarget, else Running. */
function jobStatus(job: Job): string {
  if (jobCondition(job, 'Complete')) return 'Complete';
  if (jobCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (jobCondition(job, 'Suspended')) return 'Suspended';
  if (jobCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** COMPLETIONS: `succeeded/completions`, or `n/1` (`n/1 of P` with parallelism above 1) for a work queue without completions. */
function completionsCell(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec.completions !== undefined) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** DURATION: from startTime to completionTime, or to now while running; empty before the start. */
function durationCell(job: Job, now: number): string {
  const start = parseTimestamp(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseTimestamp(job.status?.completionTime) ?? now;
  return humanDuration(end - start);
}

/** The pods the Job controls (owner uid), in list order: its describer's and the controller's view. */
export const jobPods = (state: ClusterState, job: Job): Pod[] =>
  Object.values(state.pods).filter((p) => p.metadata.namespace === job.metadata.namespace && (p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === job.metadata.uid));

/** `kubectl describe job` (kubectl 1.33 describeJob). */
function describeJob(job: Job, related: { events?: Parameters<typeof describeEvents>[1] }, now: number): string {
  const s = job.spec;
  const st = job.status ?? {};
  return describeWith((w) => {
    w.write(0, `Name:\t${job.metadata.name}\n`);
    w.write(0, `Namespace:\t${job.metadata.namespace ?? ''}\n`);
    w.write(0, `Selector:\t${selectorString(s.selector)}\n`);
    printLabels(w, 'Labels', job.metadata.labels);
    printAnnotations(w, 'Annotations', job.metadata.annotations);
    const controller = (job.metadata.ownerReferences ?? []).find((o) => o.controller);
    if (controller) w.write(0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
    if (s.parallelism !== undefined) w.write(0, `Parallelism:\t${s.parallelism}\n`);
    w.write(0, `Completions:\t${s.completions ?? '<unset>'}\n`);
    if (s.completionMode) w.write(0, `Completion Mode:\t${s.completionMode}\n`);
    if (s.suspend !== undefined) w.write(0, `Suspend:\t${s.suspend}\n`);
    if (s.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${s.backoffLimit}\n`);
    if (s.ttlSecondsAfterFinished !== undefined) w.write(0, `TTL Seconds After Finished:\t${s.ttlSecondsAfterFinished}\n`);
    if (st.startTime) w.write(0, `Start Time:\t${rfc1123(st.startTime)}\n`);
    if (st.completionTime) w.write(0, `Completed At:\t${rfc1123(st.completionTime)}\n`);
    if (st.startTime && st.completionTime) w.write(0, `Duration:\t${durationCell(job, now)}\n`);
    if (s.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${s.activeDeadlineSeconds}s\n`);
    const counts = `${st.active ?? 0} Active${st.ready === undefined ? '' : ` (${st.ready} Ready)`} / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`;
    w.write(0, `Pods Statuses:\t${counts}\n`);
    if (s.completionMode === 'Indexed') w.write(0, `Completed Indexes:\t${capIndexesList(st.completedIndexes)}\n`);
    describePodTemplate(w, s.template);
    if (related.events) describeEvents(w, related.events, now);
  });
}

/** The API server's `batch.kubernetes.io/controller-uid` selector label and the template labels it adds (generateSelector). */
export function jobSelectorLabels(job: Job): Record<string, string> {
  return {
    'batch.kubernetes.io/controller-uid': job.metadata.uid,
    'batch.kubernetes.io/job-name': job.metadata.name,
    'controller-uid': job.metadata.uid,
    'job-name': job.metadata.name,
  };
}

/**
 * What the API server fills in on a Job create (SetDefaults_Job and the strategy's generateSelector):
 * parallelism and completions 1 when neither is set, backoffLimit 6, NonIndexed, not suspended,
 * podReplacementPolicy TerminatingOrFailed, a selector on the Job's uid with those labels on the
 * template, and the Job's own labels from the template when it has none.
 */
function admitJob(job: Job): void {
  const s = job.spec;
  if (s.parallelism === undefined && s.completions === undefined) s.completions = 1;
  s.parallelism ??= 1;
  s.backoffLimit ??= 6;
  s.completionMode ??= 'NonIndexed';
  s.suspend ??= false;
  s.podReplacementPolicy ??= 'TerminatingOrFailed';
  if (!s.manualSelector) {
    const labels = jobSelectorLabels(job);
    s.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': job.metadata.uid } };
    s.template = { ...s.template, metadata: { ...(s.template.metadata ?? {}), labels: { ...labels, ...(s.template.metadata?.labels ?? {}) } } };
  }
  if (!job.metadata.labels || !Object.keys(job.metadata.labels).length) job.metadata.labels = { ...(s.template.metadata?.labels ?? {}) };
  s.template.spec = defaultTemplateSpec(s.template.spec);
  job.status ??= {};
}

export const JOB_SPEC = struct('JobSpec', {
  parallelism: INT32, completions: INT32, activeDeadlineSeconds: INT64, podFailurePolicy: ANY, successPolicy: ANY, backoffLimit: INT32,
  backoffLimitPerIndex: INT32, maxFailedIndexes: INT32, selector: LABEL_SELECTOR, manualSelector: BOOL, template: POD_TEMPLATE_SPEC,
  ttlSecondsAfterFinished: INT32, completionMode: STRING, suspend: BOOL, podReplacementPolicy: STRING, managedBy: STRING,
});

/** batch/v1 Job: runs pods to completion (sim/jobs.ts is its controller). */
export const job: KindDef<Job> = {
  kind: 'Job', plural: 'jobs', singular: 'job', shortNames: [], categories: ['all'], group: 'batch', version: 'v1', namespaced: true, verbs: RW,
  table: objectTable<Job>('jobs'),
  fieldSelectors: ['status.successful'],
  columns: [
    nameColumn,
    col<Job>('STATUS', jobStatus),
    col<Job>('COMPLETIONS', completionsCell),
    col<Job>('DURATION', (j, _s, now) => durationCell(j, now)),
    ageColumn,
    col<Job>('CONTAINERS', (j) => templateContainers(j.spec.template), true),
    col<Job>('IMAGES', (j) => templateImages(j.spec.template), true),
    col<Job>('SELECTOR', (j) => formatLabelSelector(j.spec.selector), true),
  ],
  related: (state, j, showEvents) => ({ events: objectEvents(state, j, showEvents) }),
  describe: describeJob,
  admit: admitJob,
  writable: { patch: true, delete: true },
  fields: objectFields('Job', { spec: JOB_SPEC }),
};
