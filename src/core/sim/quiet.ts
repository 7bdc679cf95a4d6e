import type { Pod } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { peekValues } from './peek.ts';
import { parseTimestamp } from '../time.ts';

/**
 * What the controllers run by reconcile() (sim/controllers.ts and the kinds' `reconcile` hooks)
 * read of a pod that kubelet may change: deletion, binding, phase, IP, the conditions' statuses
 * and each container's readiness. Restarts, container states, messages and timestamps are left
 * out: no controller reads them (Jobs do, and clockSensitive keeps every reconcile while any Job
 * exists). `gone` for a pod no longer stored.
 */
export function controllerView(pod: Pod | undefined): string {
  if (!pod) return 'gone';
  const s = pod.status;
  let out = `${pod.metadata.deletionTimestamp ?? ''}|${pod.spec.nodeName ?? ''}|${s.phase ?? ''}|${s.podIP ?? ''}|`;
  for (const c of s.conditions ?? []) out += `${c.type}=${c.status},`;
  // The scheduler admits a bound pod without container statuses; readiness is all the others read.
  for (const list of [s.initContainerStatuses, s.containerStatuses]) {
    out += list ? '|' : '|-';
    for (const c of list ?? []) out += c.ready ? 'r' : 'n';
  }
  return out;
}

/** Tables whose controllers act on the clock (deadlines, periodic resyncs) or on what changes with it (usage, the network). */
const CLOCKED_TABLES = ['jobs', 'cronjobs', 'horizontalpodautoscalers', 'persistentvolumeclaims'];

/**
 * Whether a reconcile() run now could change anything although no pod changed as controllers see
 * it (controllerView) since the last run that settled: a Deployment whose progress deadline has
 * passed (the controller flips it to ProgressDeadlineExceeded at its next sync), a ReplicaSet
 * still short of or over its replicas (its create retry is due on the clock), a Namespace being
 * emptied, or a kind whose controller follows the clock (Jobs, CronJobs, HPAs, PVCs, APIServices
 * served by a Service).
 * The clock's loop (sim/reduce.ts) skips the reconcile after a kubelet step only when this is false,
 * so outputs stay those of running it at every step.
 */
export function clockSensitive(state: ClusterState): boolean {
  return !(state.now <= quietUntil(state));
}

/**
 * The last moment (ms) up to which clockSensitive stays false while only the clock and kubelet
 * move (nothing it reads changes until the controllers run): the earliest progress deadline still
 * ahead, Infinity when there is none; -Infinity when clockSensitive is true now.
 */
export function quietUntil(state: ClusterState): number {
  const objects = state.objects;
  if (objects) for (const t of CLOCKED_TABLES) if (Object.hasOwn(objects, t) && Object.keys(objects[t]).length) return -Infinity;
  // An APIService served through a Service is judged over the network (kinds/apiservice.ts); the built-in Local ones are not.
  if (objects && Object.hasOwn(objects, 'apiservices') && peekValues(objects.apiservices).some((a) => (a as { spec?: { service?: unknown } }).spec?.service)) return -Infinity;
  for (const ns of peekValues(state.namespaces)) if (ns.metadata.deletionTimestamp) return -Infinity;
  for (const rs of peekValues(state.replicaSets)) if ((rs.status.replicas ?? 0) !== rs.spec.replicas) return -Infinity;
  let until = Infinity;
  for (const d of peekValues(state.deployments)) {
    const p = d.status.conditions?.find((c) => c.type === 'Progressing');
    if (p?.reason !== 'ReplicaSetUpdated') continue;
    const deadline = (parseTimestamp(p.lastUpdateTime) ?? NaN) + (d.spec.progressDeadlineSeconds ?? 600) * 1000;
    // Passed once now - lastUpdate > the deadline's seconds; an unreadable time never passes (NaN).
    if (state.now > deadline) return -Infinity;
    if (deadline < until) until = deadline;
  }
  return until;
}
