import type { Container, Pod } from '../model/k8s.ts';
import type { Host } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { rfc3339, SECOND } from '../time.ts';
import { recordEvent } from './events.ts';
import { stageVerdict } from './faults/stages.ts';
import { containerd, kubeletLog, removePodRuntime, stopPod, trackKeysOf, updatePodConditions } from './kubelet.ts';
import { frozenKubelets } from './nodeLifecycle.ts';
import { hashString } from './rng.ts';
import { unmountFailure, UNMOUNT_RETRY_MS, logUnmountFailure } from './unmount.ts';
import { containerFieldPath, initContainersOf, isSidecar, statusOf } from './podContainers.ts';
import { dropEntry, markEntry, peekValues, watchedValues } from './peek.ts';

/** The watch (sim/peek.ts watchedValues) on pods being deleted: whatever sets a deletionTimestamp marks the pod for it. */
export const DELETING = 'deleting';

/** The pods being deleted (a deletionTimestamp), in the table's order, without a pass over every pod. */
export const podsDeleting = (pods: Record<string, Pod>): Pod[] => watchedValues(pods, DELETING, (p) => !!p.metadata.deletionTimestamp);

/** How long a well-behaved container takes to exit after SIGTERM (well under the 30 s grace period). */
export const SHUTDOWN_MS = 2 * SECOND;

const hasFinalizers = (p: Pod) => (p.metadata.finalizers ?? []).length > 0;

/**
 * The seconds a container's preStop hook holds back SIGTERM: `lifecycle.preStop.sleep.seconds`, or
 * an exec hook that is a plain `sleep N` (`["sleep","5"]`, `["/bin/sh","-c","sleep 5"]`); 0 without one.
 */
export function preStopSeconds(c: Container): number {
  const hook = (c as { lifecycle?: { preStop?: { sleep?: { seconds?: number }; exec?: { command?: string[] } } } }).lifecycle?.preStop;
  if (!hook) return 0;
  if (hook.sleep?.seconds !== undefined) return hook.sleep.seconds;
  const m = (hook.exec?.command ?? []).join(' ').match(/(?:^|\s)sleep\s+(\d+)(?:\s|$)/);
  return m ? Number(m[1]) : 0;
}

/**
 * Deletes a pod as the API server and kubelet do (1.31). The API server sets deletionTimestamp
 * (now + grace; STATUS `Terminating`); the object goes only when kubelet confirms and no finalizer
 * is left. Force (`--force --grace-period=0`) or a pod never bound to a node: gone at once unless
 * finalizers hold it, whatever kubelet does (a pod on a node whose kubelet is gone stays Terminating
 * until then). kubelet, where it runs, stops the containers: preStop first, then SIGTERM, SIGKILL
 * when the grace period runs out (sim/pods.ts stopContainers).
 */
export function deletePod(state: ClusterState, pod: Pod, force: boolean): void {
  const key = keyOf(pod.metadata.namespace, pod.metadata.name);
  if (pod.metadata.deletionTimestamp && !force) return;
  const graceS = force ? 0 : pod.spec.terminationGracePeriodSeconds ?? 30;
  if ((force || !pod.spec.nodeName) && !hasFinalizers(pod)) {
    stopPod(state, pod);
    dropEntry(state.pods, key);
    delete state.terminating[key];
    if (state.unmounting) delete state.unmounting[key];
    return;
  }
  const first = !pod.metadata.deletionTimestamp;
  pod.metadata.deletionTimestamp = first || force ? rfc3339(state.now + graceS * SECOND) : pod.metadata.deletionTimestamp;
  pod.metadata.deletionGracePeriodSeconds = graceS;
  markEntry(state.pods, key, DELETING);
  if (!pod.spec.nodeName) return;
  const frozen = frozenKubelets(state).get(pod.spec.nodeName);
  if (frozen !== undefined && frozen <= state.now) return; // no kubelet to act on it
  killPod(state, pod, graceS, first);
}

/**
 * kubelet acting on a pod whose deletion it has just seen (at once, or when it comes back after
 * the pod was marked while it was down): `Killing` events the first time, then the containers'
 * stop with `graceS` seconds; a pod with nothing left running is confirmed at once.
 */
export function killPod(state: ClusterState, pod: Pod, graceS: number, first = true): void {
  const key = keyOf(pod.metadata.namespace, pod.metadata.name);
  if (first) {
    for (const c of [...pod.spec.containers, ...initContainersOf(pod).filter(isSidecar)]) {
      recordEvent(state, {
        object: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, fieldPath: containerFieldPath(pod, c.name) },
        type: 'Normal', reason: 'Killing', message: `Stopping container ${c.name}`, component: 'kubelet', host: pod.spec.nodeName,
      });
    }
  }
  stopContainers(state, pod, graceS);
  // Nothing left running (a pod already terminal, a forced kill): kubelet confirms at once.
  if (state.terminating[key] <= state.now) finishTerminations(state);
}

/**
 * kubelet's killPod: for each running container, the preStop hook, then the runtime's StopContainer
 * with the time left (containerd sends SIGTERM, then SIGKILL when it runs out). A process that
 * handles SIGTERM exits within SHUTDOWN_MS (143); one the `terminate` stage says ignores it is
 * killed when the grace period ends (137). The moments go on the runtime containers and the pod
 * into `state.terminating` until the last one exits.
 */
function stopContainers(state: ClusterState, pod: Pod, graceS: number): void {
  const host = state.hosts[pod.spec.nodeName!];
  const key = keyOf(pod.metadata.namespace, pod.metadata.name);
  const graceMs = graceS * SECOND;
  // No more starts or restarts. Tracks exist only for the pod's init and main containers (not a scan of every track).
  for (const k of trackKeysOf(pod)) dropEntry(state.kubelet, k);
  let last = state.now;
  // The main containers first; sidecars (1.29+) once they have stopped, last started first.
  const sidecars = initContainersOf(pod).filter(isSidecar).reverse();
  let sidecarsFrom: number | undefined;
  for (const c of [...pod.spec.containers, ...sidecars]) {
    if (sidecarsFrom === undefined && isSidecar(c)) sidecarsFrom = last;
    const rc = host.containers.find((r) => r.podUid === pod.metadata.uid && r.name === c.name && r.state === 'CONTAINER_RUNNING');
    if (!rc) continue;
    const image = state.images[c.image];
    const behaviour = stageVerdict(state, 'terminate', { state, pod, container: c, host, image, attempt: rc.attempt });
    const offset = isSidecar(c) ? Math.min((sidecarsFrom ?? state.now) - state.now, graceMs) : 0;
    const hookMs = Math.min(offset + preStopSeconds(c) * SECOND, graceMs);
    const termAt = state.now + hookMs;
    const graceful = termAt + SHUTDOWN_MS;
    const plan = graceMs === 0 ? { at: state.now, exitCode: 137 }
      : behaviour?.sigterm === 'ignore' || graceful > state.now + graceMs ? { at: state.now + graceMs, exitCode: 137 }
      : { at: graceful, exitCode: 143 };
    if (rc.stopping && rc.stopping.at <= plan.at) continue; // already going sooner
    rc.stopping = plan;
    const left = Math.max(0, Math.round((graceMs - hookMs) / SECOND));
    kubeletLog(host, state.now, 'I', 'kuberuntime_container.go:809', `"Killing container with a grace period" pod="${key}" podUID="${pod.metadata.uid}" containerName="${c.name}" containerID="containerd://${rc.id}" gracePeriod=${graceS}`);
    stopLines(state, host, rc.id, left, termAt, plan);
    if (plan.at > last) last = plan.at;
  }
  state.terminating[key] = Math.max(last, state.now);
}

/** containerd's CRI lines for one StopContainer (containerd 1.7 container_stop.go), at their own moments. */
function stopLines(state: ClusterState, host: Host, id: string, timeoutS: number, termAt: number, plan: { at: number; exitCode: number }): void {
  const at = (t: number, msg: string) => containerdAt(state, host, t, msg);
  at(termAt, `StopContainer for \\"${id}\\" with timeout ${timeoutS} (s)`);
  if (timeoutS > 0) at(termAt, `Stop container \\"${id}\\" with signal terminated`);
  if (plan.exitCode === 137) at(plan.at, `Kill container \\"${id}\\"`);
}

/** A containerd line at `at` (which may be later than now: the journal shows it once the clock passes it). */
function containerdAt(state: ClusterState, host: Host, at: number, msg: string): void {
  const now = state.now;
  state.now = at;
  containerd(state, host, msg);
  state.now = now;
}

/** Go's protobuf text for containerd's TaskExit event: `exited_at:{seconds:… nanos:…}`. */
function taskExit(id: string, pid: number, exitCode: number, at: number): string {
  const nanos = (at % 1000) * 1_000_000 + (hashString(id) % 1_000_000);
  return `TaskExit event container_id:\\"${id}\\" id:\\"${id}\\" pid:${pid} exit_status:${exitCode} exited_at:{seconds:${Math.floor(at / 1000)} nanos:${nanos}}`;
}

/**
 * Runs what is due for pods kubelet is stopping: containers exit at their planned moment (the
 * TaskExit, the pod's terminal status: phase Failed or Succeeded, each container terminated with its
 * exit code), then the volume teardown (the `unmount` stage may keep failing, retried every
 * 2m2s), then kubelet confirms the deletion: the object goes unless finalizers hold it, in which
 * case it stays in its terminal phase with a grace period of 0. True when any pod changed.
 */
export function finishTerminations(state: ClusterState): boolean {
  let changed = false;
  for (const [key, at] of Object.entries(state.terminating)) {
    if (at > state.now) continue;
    delete state.terminating[key];
    changed = true;
    const pod = Object.hasOwn(state.pods, key) ? state.pods[key] : undefined;
    if (!pod) continue;
    const host = state.hosts[pod.spec.nodeName!];
    exitStoppedContainers(state, pod, host);
    tryConfirm(state, pod, host);
  }
  for (const [key, at] of Object.entries(state.unmounting ?? {})) {
    if (at > state.now) continue;
    const pod = Object.hasOwn(state.pods, key) ? state.pods[key] : undefined;
    delete state.unmounting![key];
    if (!pod) continue;
    changed = tryConfirm(state, pod, state.hosts[pod.spec.nodeName!]) || changed;
  }
  return changed;
}

/** The next moment a terminating pod has something due (an exit, an unmount retry), or Infinity. */
export function terminationsNextDue(state: ClusterState): number {
  let next = Infinity;
  // Read as stored: the clock asks at every due moment, and a draft would trap every key.
  for (const at of peekValues(state.terminating)) if (at < next) next = at;
  for (const at of peekValues(state.unmounting ?? {})) if (at < next) next = at;
  return next;
}

function exitStoppedContainers(state: ClusterState, pod: Pod, host: Host): void {
  for (const rc of host.containers) {
    if (rc.podUid !== pod.metadata.uid || rc.state !== 'CONTAINER_RUNNING' || !rc.stopping) continue;
    const { at, exitCode } = rc.stopping;
    Object.assign(rc, { state: 'CONTAINER_EXITED', finishedAt: at, exitCode, reason: 'Error' });
    delete rc.stopping;
    containerdAt(state, host, at, taskExit(rc.id, rc.pid, exitCode, at));
    containerdAt(state, host, at, `StopContainer for \\"${rc.id}\\" returns successfully`);
    const status = statusOf(pod, rc.name);
    if (status) {
      status.state = { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: rfc3339(rc.startedAt ?? rc.createdAt), finishedAt: rfc3339(at), containerID: `containerd://${rc.id}` } };
      status.ready = false;
      status.started = false;
    }
  }
  // syncTerminatingPod: once nothing runs, the pod is terminal (kubelet_pods.go getPhase with podIsTerminal).
  const statuses = pod.status.containerStatuses ?? [];
  if (statuses.length && statuses.every((s) => s.state.terminated)) {
    pod.status.phase = statuses.every((s) => s.state.terminated!.exitCode === 0) ? 'Succeeded' : 'Failed';
    updatePodConditions(state, pod);
  }
}

/**
 * syncTerminatedPod and the status manager's final delete: volumes first (a failing teardown is
 * retried and logged), then the object goes with grace 0, or stays while finalizers hold it.
 * Returns true when the pod changed.
 */
function tryConfirm(state: ClusterState, pod: Pod, host: Host): boolean {
  const key = keyOf(pod.metadata.namespace, pod.metadata.name);
  const failure = unmountFailure(state, pod, host);
  if (failure) {
    logUnmountFailure(state, pod, host, failure);
    (state.unmounting ??= {})[key] = state.now + UNMOUNT_RETRY_MS;
    return false;
  }
  pod.metadata.deletionGracePeriodSeconds = 0;
  if (hasFinalizers(pod)) return true;
  removePodRuntime(state, pod);
  dropEntry(state.pods, key);
  return true;
}

/**
 * The API server's side once a pod's finalizers are gone: a pod whose kubelet confirmed (grace 0),
 * or one force-deleted, is removed. True when any went.
 */
export function releasePods(state: ClusterState): boolean {
  let removed = false;
  // Read without drafting every pod (reconcile runs this after every change); the few going are fetched.
  for (const seen of podsDeleting(state.pods)) {
    if (hasFinalizers(seen) || seen.metadata.deletionGracePeriodSeconds !== 0) continue;
    const key = keyOf(seen.metadata.namespace, seen.metadata.name);
    if (Object.hasOwn(state.terminating, key) || Object.hasOwn(state.unmounting ?? {}, key)) continue;
    const pod = state.pods[key];
    removePodRuntime(state, pod);
    dropEntry(state.pods, key);
    removed = true;
  }
  return removed;
}
