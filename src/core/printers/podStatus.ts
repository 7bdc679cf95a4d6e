import type { ContainerStatus, Pod } from '../model/k8s.ts';
import { humanDuration, parseTimestamp } from '../time.ts';

/** The READY, STATUS and RESTARTS cells of one pod row (restarts with the newest last termination, ms). */
interface PodRow { ready: number; total: number; reason: string; restarts: number; lastRestart?: number }

/**
 * One pod's row as the API server's table printer computes it (pkg/printers/internalversion
 * printPod, Kubernetes 1.3x). Init containers first: the first one not done gives `Init:1/2`, its
 * waiting reason (`Init:CrashLoopBackOff`) or its failure (`Init:Error`); native sidecars that
 * started count in READY, and their total with the main containers. Once initialized, the main
 * containers from last to first (their waiting or terminated reason, else the phase), `Running`
 * or `NotReady` when a finished pod still has one running, `Terminating` when deleted.
 */
function podRow(pod: Pod): PodRow {
  // A stored pod is frozen and the row a function of it alone: READY, STATUS and RESTARTS of a
  // thousand-pod list then read one row per pod, not three.
  const known = rows.get(pod);
  if (known) return known;
  const row = computeRow(pod);
  if (Object.isFrozen(pod)) rows.set(pod, row);
  return row;
}
const rows = new WeakMap<Pod, PodRow>();

/** The newer of `a` and the status's last termination (ms), as the restarts column dates it. */
function later(a: number | undefined, s: ContainerStatus): number | undefined {
  const fin = parseTimestamp(s.lastState?.terminated?.finishedAt);
  return fin !== undefined && (a === undefined || fin > a) ? fin : a;
}

function computeRow(pod: Pod): PodRow {
  const init = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
  const sidecar = (name: string) => init.get(name)?.restartPolicy === 'Always';
  let total = pod.spec?.containers?.length ?? pod.status?.containerStatuses?.length ?? 0;
  for (const c of init.values()) if (c.restartPolicy === 'Always') total++;
  let reason: string = pod.status?.reason || pod.status?.phase || 'Unknown';
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let last: number | undefined;
  let lastSidecar: number | undefined;
  let initializing = false;
  const inits = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i];
    restarts += s.restartCount ?? 0;
    last = later(last, s);
    if (sidecar(s.name)) {
      sidecarRestarts += s.restartCount ?? 0;
      lastSidecar = later(lastSidecar, s);
    }
    const st = s.state ?? {};
    if (st.terminated && st.terminated.exitCode === 0) continue;
    if (sidecar(s.name) && s.started) {
      if (s.ready) ready++;
      continue;
    }
    initializing = true;
    if (st.terminated) reason = st.terminated.reason ? `Init:${st.terminated.reason}` : st.terminated.signal ? `Init:Signal:${st.terminated.signal}` : `Init:ExitCode:${st.terminated.exitCode}`;
    else if (st.waiting?.reason && st.waiting.reason !== 'PodInitializing') reason = `Init:${st.waiting.reason}`;
    else reason = `Init:${i}/${init.size}`;
    break;
  }
  const initialized = (pod.status?.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    last = lastSidecar;
    let hasRunning = false;
    const statuses = pod.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const s = statuses[i];
      restarts += s.restartCount ?? 0;
      last = later(last, s);
      const st = s.state ?? {};
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated?.reason) reason = st.terminated.reason;
      else if (st.terminated) reason = st.terminated.signal ? `Signal:${st.terminated.signal}` : `ExitCode:${st.terminated.exitCode}`;
      else if (s.ready && st.running) {
        hasRunning = true;
        ready++;
      }
    }
    // A pod whose main containers finished but one still runs shows Running or NotReady.
    if (reason === 'Completed' && hasRunning) {
      const podReady = (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp) {
    if (pod.status?.reason === 'NodeLost') reason = 'Unknown';
    else if (pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') reason = 'Terminating';
  }
  return { ready, total, reason, restarts, ...(last !== undefined ? { lastRestart: last } : {}) };
}

/** STATUS cell: `Running`, `CrashLoopBackOff`, `Init:0/2`, `Init:CrashLoopBackOff`, `PodInitializing`, `Terminating`… */
export function podStatusReason(pod: Pod): string {
  return podRow(pod).reason;
}

/** READY cell: ready main containers and started, ready sidecars over their total: `2/3`. */
export function podReady(pod: Pod): string {
  const row = podRow(pod);
  return `${row.ready}/${row.total}`;
}

/** RESTARTS cell: the sum of restarts, with `(<age> ago)` of the newest last termination: `12 (4m13s ago)`. */
export function podRestarts(pod: Pod, now: number): string {
  const { restarts, lastRestart } = podRow(pod);
  return restarts > 0 && lastRestart !== undefined ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
}
