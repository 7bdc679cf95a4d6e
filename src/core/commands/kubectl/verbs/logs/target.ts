import type { Container, KubeObject, LabelSelector, Pod } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { goSort } from '../../../../printers/describe/goSort.ts';
import { selectorMatches } from '../../../../k8s/labels.ts';
import { parseTimestamp } from '../../../../time.ts';
import { getObject, listObjects, qualifiedPlural, resolveKind } from '../../../../kinds/registry.ts';
import { splitResourceTypeName } from '../get/query.ts';

/** Why a `POD` / `TYPE/NAME` argument did not lead to a pod. */
export type TargetError =
  | { kind: 'unknown-type'; typed: string }
  | { kind: 'syntax'; message: string }
  | { kind: 'not-found'; plural: string; name: string }
  | { kind: 'no-selector'; goType: string }
  | { kind: 'no-pods' };

/** A TargetError as kubectl exec, attach and port-forward print it (stderr, with its newline). */
export function targetErrorText(e: TargetError): string {
  if (e.kind === 'not-found') return `Error from server (NotFound): ${e.plural} "${e.name}" not found\n`;
  if (e.kind === 'unknown-type') return `error: the server doesn't have a resource type "${e.typed}"\n`;
  if (e.kind === 'syntax') return `error: ${e.message}\n`;
  if (e.kind === 'no-selector') return `error: cannot attach to ${e.goType}: selector for ${e.goType} not implemented\n`;
  return 'error: timed out waiting for the condition\n';
}

/**
 * Resolves the pod argument of `kubectl logs` / `kubectl exec`: a pod name, `pod/x`, or a
 * controller (`deploy/x`, `rs/x`) whose pods are ranked as kubectl's GetFirstPod ranks them for
 * logs (podutils.ByLogging: scheduled, running, ready longest, most restarts, oldest) and the first
 * taken. `podCount` is how many pods the controller's selector matched; `pods` are they all, in the
 * API server's list order (for `--all-pods`).
 */
export function resolvePodTarget(state: ClusterState, namespace: string, arg: string): { ok: true; pod: Pod; podCount: number; pods: Pod[] } | { ok: false; error: TargetError } {
  const split = splitResourceTypeName(arg);
  if (!split) {
    const pod = getObject(state, podType(), namespace, arg) as Pod | undefined;
    return pod ? { ok: true, pod, podCount: 1, pods: [pod] } : { ok: false, error: { kind: 'not-found', plural: 'pods', name: arg } };
  }
  if (!split.ok) return { ok: false, error: { kind: 'syntax', message: split.error } };
  const { typed, name } = split;
  const type = resolveKind(typed);
  if (!type) return { ok: false, error: { kind: 'unknown-type', typed } };
  const obj = getObject(state, type, namespace, name);
  if (!obj) return { ok: false, error: { kind: 'not-found', plural: qualifiedPlural(type), name } };
  if (type.kind === 'Pod') return { ok: true, pod: obj as Pod, podCount: 1, pods: [obj as Pod] };
  const spec = (obj as KubeObject & { spec?: { selector?: LabelSelector | Record<string, string> } }).spec;
  // A Service's selector is a plain label map; the workloads' a LabelSelector.
  const selector = type.kind === 'Service' && spec?.selector ? { matchLabels: spec.selector as Record<string, string> } : spec?.selector as LabelSelector | undefined;
  if (!selector || !['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'Service'].includes(type.kind)) {
    return { ok: false, error: { kind: 'no-selector', goType: `*v1.${type.kind}` } };
  }
  const pods = (listObjects(state, podType(), namespace) as Pod[]).filter((p) => selectorMatches(selector, p.metadata.labels));
  if (!pods.length) return { ok: false, error: { kind: 'no-pods' } };
  const all = [...pods];
  goSort(pods, byLogging);
  return { ok: true, pod: pods[0], podCount: pods.length, pods: all };
}

function podType() {
  return resolveKind('pods')!;
}

const isReady = (p: Pod) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const readyTime = (p: Pod) => parseTimestamp((p.status?.conditions ?? []).find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime);
const maxRestarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

/** podutils.ByLogging's order: the pod kubectl prefers to read logs from comes first. */
function byLogging(a: Pod, b: Pod): boolean {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  if (an !== bn && (!an || !bn)) return an !== '';
  const pa = PHASE_RANK[a.status?.phase ?? ''] ?? 3;
  const pb = PHASE_RANK[b.status?.phase ?? ''] ?? 3;
  if (pa !== pb) return pa < pb;
  if (isReady(a) !== isReady(b)) return isReady(a);
  if (isReady(a) && isReady(b)) {
    const ra = readyTime(a);
    const rb = readyTime(b);
    if (ra !== rb) return rb === undefined || (ra !== undefined && ra < rb);
  }
  const ma = maxRestarts(a);
  const mb = maxRestarts(b);
  if (ma !== mb) return ma > mb;
  const ca = parseTimestamp(a.metadata.creationTimestamp);
  const cb = parseTimestamp(b.metadata.creationTimestamp);
  if (ca !== cb) return cb === undefined || (ca !== undefined && ca < cb);
  return false;
}

/** Every container name of a pod as kubectl lists them: `a, b, debugger-x (ephem), init (init)`. */
export function allContainerNames(pod: Pod): string {
  const names = (pod.spec.containers ?? []).map((c) => c.name);
  for (const c of pod.spec.ephemeralContainers ?? []) names.push(`${c.name} (ephem)`);
  for (const c of (pod.spec as { initContainers?: Container[] }).initContainers ?? []) names.push(`${c.name} (init)`);
  return names.join(', ');
}

/**
 * The container kubectl picks when `-c` is not given: the `kubectl.kubernetes.io/default-container`
 * annotation if it names one, else the first, with the `Defaulted container` notice (stderr) when
 * the pod has more than one to choose from.
 */
export function defaultContainer(pod: Pod): { name: string; notice: string } {
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && (pod.spec.containers ?? []).some((c) => c.name === annotated)) return { name: annotated, notice: '' };
  const first = pod.spec.containers?.[0]?.name ?? '';
  const several = (pod.spec.containers ?? []).length > 1 || (pod.spec.ephemeralContainers ?? []).length > 0 || ((pod.spec as { initContainers?: Container[] }).initContainers ?? []).length > 0;
  return { name: first, notice: several ? `Defaulted container "${first}" out of: ${allContainerNames(pod)}\n` : '' };
}
