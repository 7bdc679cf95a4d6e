import type { Pod } from '../model/k8s.ts';
import type { Job, PodFailurePolicyRule } from '../kinds/job.ts';

/**
 * Indexed Jobs and pod failure policies (pkg/controller/job indexed_job_utils.go and
 * pod_failure_policy.go, 1.31): what the Job controller reads from a finished pod beyond its phase.
 */

/** The annotation and label an Indexed Job's pod carries its completion index in. */
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

/** The pod's completion index, or undefined for a pod of a NonIndexed Job. */
export function podIndex(p: Pod): number | undefined {
  const v = p.metadata.annotations?.[COMPLETION_INDEX];
  return v === undefined || !/^\d+$/.test(v) ? undefined : Number(v);
}

/** `status.completedIndexes` as the controller writes it: sorted, runs of three or more as ranges: `0-2,5`. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j === i) parts.push(String(sorted[i]));
    else if (j === i + 1) parts.push(String(sorted[i]), String(sorted[j]));
    else parts.push(`${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The indexes a `completedIndexes` string lists (`0-2,5` → 0,1,2,5). */
export function parseIndexes(text: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',').filter(Boolean)) {
    const [a, b = a] = part.split('-').map(Number);
    for (let i = a; i <= b; i++) out.add(i);
  }
  return out;
}

/**
 * kubectl describe's `Completed Indexes` value (capIndexesListOrNone): `<none>` when empty; a list
 * longer than 50 characters cut at the last comma before that, followed by `, ...`.
 */
export function capIndexesList(text: string | undefined): string {
  if (!text) return '<none>';
  if (text.length <= 50) return text;
  const cut = text.slice(0, 50).lastIndexOf(',');
  return `${text.slice(0, cut)}, ...`;
}

/** The indexes (lowest first) the controller should start pods for: not completed, none active. */
export function pendingIndexes(job: Job, active: Pod[]): number[] {
  const completed = parseIndexes(job.status?.completedIndexes);
  const running = new Set(active.map(podIndex));
  const out: number[] = [];
  for (let i = 0; i < (job.spec.completions ?? 1); i++) if (!completed.has(i) && !running.has(i)) out.push(i);
  return out;
}

/**
 * The first podFailurePolicy rule a failed pod matches (matchPodFailurePolicy): `onExitCodes` on a
 * container that terminated non-zero (`containerName` narrows it; `In`/`NotIn` the listed codes),
 * or `onPodConditions` on a condition of that type and status (default True). Returns the action and
 * the controller's message, or undefined when no rule matches (the failure counts as usual).
 */
export function matchFailurePolicy(job: Job, pod: Pod): { action: PodFailurePolicyRule['action']; message: string } | undefined {
  const rules = job.spec.podFailurePolicy?.rules ?? [];
  const ref = `${pod.metadata.namespace}/${pod.metadata.name}`;
  for (const [i, rule] of rules.entries()) {
    const codes = rule.onExitCodes;
    if (codes) {
      const statuses = [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])];
      const hit = statuses.find((s) => {
        const code = s.state.terminated?.exitCode;
        if (code === undefined || code === 0 || (codes.containerName && codes.containerName !== s.name)) return false;
        return codes.operator === 'In' ? codes.values.includes(code) : !codes.values.includes(code);
      });
      if (hit) return { action: rule.action, message: `Container ${hit.name} for pod ${ref} failed with exit code ${hit.state.terminated!.exitCode} matching ${rule.action} rule at index ${i}` };
    }
    for (const want of rule.onPodConditions ?? []) {
      const c = (pod.status.conditions ?? []).find((x) => x.type === want.type && x.status === (want.status ?? 'True'));
      if (c) return { action: rule.action, message: `Pod ${ref} has condition ${c.type} matching ${rule.action} rule at index ${i}` };
    }
  }
  return undefined;
}
