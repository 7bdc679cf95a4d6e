import type { Pod } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { keyOf } from '../../../../model/state.ts';
import type { Action } from '../../../../sim/actions.ts';
import { evictionAllowed, planDrain, type DrainOptions, type EvictionAnswer } from '../../../../sim/drain.ts';
import type { Follow } from '../../../types.ts';
import { goDuration } from '../../../../time.ts';

/** kubectl's fixed pause between two eviction attempts refused with 429 (pkg/drain/drain.go). */
export const RETRY_MS = 5000;

/**
 * What one eviction (or delete, with --disable-eviction) of `pod` asks the simulation to do. The
 * eviction goes through the API server's checks in the core (`pod/evict`); a delete asks no budget.
 */
export function removeAction(pod: Pod, force: boolean, useEviction: boolean): Action {
  const namespace = pod.metadata.namespace ?? 'default';
  return useEviction
    ? { type: 'pod/evict', namespace, name: pod.metadata.name, ...(force ? { force } : {}) }
    : { type: 'pod/delete', namespace, name: pod.metadata.name, force, reason: 'delete' };
}

/** The eviction API's answer for `pod` now; a plain delete (--disable-eviction) always goes. */
export const answerFor = (state: ClusterState, pod: Pod, useEviction: boolean): EvictionAnswer =>
  (useEviction ? evictionAllowed(state, pod) : { ok: true, decrement: false });

/** `pods/"NAME" -n "NS"`, as kubectl names a pod in eviction errors. */
export const podRef = (p: Pod) => `pods/"${p.metadata.name}" -n "${p.metadata.namespace}"`;

/** A refused eviction that kubectl does not retry (anything but 429): `error when evicting pods/"x" -n "ns": MESSAGE`. */
export const fatalEvictionError = (p: Pod, message: string) => `error when evicting ${podRef(p)}: ${message}`;

/** kubectl's aggregate error text: one error alone, several as `[a, b]`. */
export const aggregate = (errs: string[]) => (errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);

/**
 * The closing lines of a node whose drain failed (pkg/cmd/drain deleteOrEvictPodsSimple and
 * RunDrain): the pods still there, the `unable to drain node` line, the nodes left, and the errors
 * as kubectl's error handler prints an aggregate (one per line).
 */
export function drainFailure(state: ClusterState, node: string, plan: DrainOptions, errors: string[], later: string[]): string {
  const err = aggregate(errors);
  const pending = planDrain(state, node, plan).pods;
  let out = '';
  if (pending.length) out += `There are pending pods in node "${node}" when an error occurred: ${err}\n${pending.map((q) => `pod/${q.metadata.name}\n`).join('')}`;
  out += `error: unable to drain node "${node}" due to error: ${err}, continuing command...\n`;
  out += `There are pending nodes to be drained:\n${[node, ...later].map((n) => ` ${n}\n`).join('')}${errors.map((e) => `${e}\n`).join('')}`;
  return out;
}

/** How a drain that hit a PodDisruptionBudget goes on: the node, its blocked pods and the deadline. */
export interface RetryJob {
  node: string;
  /** Pods refused with 429, retried every 5 s. */
  blocked: Pod[];
  /** Pods evicted whose objects are still there (graceful deletion under way). */
  going: Pod[];
  /** Errors kubectl does not retry (a 500 for a pod under two budgets), reported once all pods are done. */
  failed?: string[];
  /** When the first attempt was made (ms); retries fall at start + k·5 s. */
  start: number;
  /** --timeout in ms; 0 waits for ever. */
  timeoutMs: number;
  force: boolean;
  useEviction: boolean;
  /** --dry-run=server: evictions are asked, never carried out. */
  dryRun?: boolean;
  plan: DrainOptions;
  /** Nodes named after this one, left undrained (listed in the closing error). */
  later: string[];
}

const exists = (state: ClusterState, p: Pod) => Object.hasOwn(state.pods, keyOf(p.metadata.namespace, p.metadata.name));

/**
 * The Follow of a drain blocked by a PodDisruptionBudget, as kubectl's evictPods loop behaves:
 * every 5 s print `evicting pod ns/name` and try again; a 429 prints the `will retry after 5s`
 * line; another refusal ends that pod with an error; once the deadline (--timeout) has passed, the
 * next attempt reports `global timeout reached` and the drain fails with the pending pods listed.
 * Evictions happen through `dispatch` when the host passes it (without it, a retry that would
 * succeed is simply tried again at the next poll). Ctrl-C prints nothing: kubectl drain installs
 * no interrupt handler, so the shell shows `^C` and the exit status is 130.
 */
export function retryFollow(job: RetryJob): Follow {
  let blocked = [...job.blocked];
  let going = [...job.going];
  const failed = [...(job.failed ?? [])];
  let attempt = 1;
  const verb = job.useEviction ? 'evicted' : 'deleted';
  const suffix = job.dryRun ? ' (server dry run)' : '';
  return {
    poll(state, _from, to, dispatch) {
      let stdout = '';
      let stderr = '';
      const reportGone = (s: ClusterState) => {
        for (const p of going.filter((g) => !exists(s, g))) stdout += `pod/${p.metadata.name} ${verb}\n`;
        going = going.filter((g) => exists(s, g));
      };
      reportGone(state);
      for (let at = job.start + attempt * RETRY_MS; at <= to && blocked.length; at = job.start + attempt * RETRY_MS) {
        attempt++;
        const still: Pod[] = [];
        for (const pod of blocked) {
          stdout += `evicting pod ${pod.metadata.namespace}/${pod.metadata.name}${suffix}\n`;
          if (job.timeoutMs > 0 && at - job.start >= job.timeoutMs) {
            const err = `error when evicting ${podRef(pod)}: global timeout reached: ${goDuration(job.timeoutMs)}`;
            return { stdout, stderr: stderr + drainFailure(state, job.node, job.plan, [...failed, err], job.later), done: { exitCode: 1 } };
          }
          const live = state.pods[keyOf(pod.metadata.namespace, pod.metadata.name)];
          if (!live) continue;
          const answer = answerFor(state, live, job.useEviction);
          if (answer.ok) {
            if (job.dryRun) continue;
            if (dispatch) { dispatch(removeAction(live, job.force, job.useEviction)); going.push(live); continue; }
          } else if (answer.status === 429) {
            stderr += `error when evicting ${podRef(pod)} (will retry after 5s): ${answer.message}\n`;
          } else {
            failed.push(fatalEvictionError(pod, answer.message));
            continue;
          }
          still.push(pod);
        }
        blocked = still;
      }
      if (blocked.length === 0 && going.length === 0) {
        if (failed.length) return { stdout, stderr: stderr + drainFailure(state, job.node, job.plan, failed, job.later), done: { exitCode: 1 } };
        if (job.later.length) {
          // Later nodes are not drained by a follow (it cannot wait inside a poll): say so as kubectl lists leftovers.
          stderr += `There are pending nodes to be drained:\n${job.later.map((n) => ` ${n}\n`).join('')}`;
          return { stdout: stdout + `node/${job.node} drained${suffix}\n`, stderr, done: { exitCode: 1 } };
        }
        return { stdout: stdout + `node/${job.node} drained${suffix}\n`, stderr, done: { exitCode: 0 } };
      }
      return { stdout, stderr };
    },
  };
}
