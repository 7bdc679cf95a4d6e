import type { Node, Pod } from '../model/k8s.ts';
import { markEntry, peekValue, peekValues } from './peek.ts';
import { DELETING } from './pods.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { goDuration, MINUTE, rfc3339, SECOND } from '../time.ts';
import { markUnknown, NODE_GRACE_MS } from './etcd/controlPlane.ts';
import { recordEvent } from './events.ts';
import { stageVerdict } from './faults/stages.ts';
import type { NodeFault } from './faults/types.ts';
import { kubeletLog } from './kubelet.ts';
import { anyServiceDown } from './services.ts';
import { pressureNextDue, pressureStep } from './nodePressure.ts';

/** kubelet's PLEG health threshold: no relist for this long and the runtime counts as not healthy. */
export const PLEG_THRESHOLD_MS = 3 * MINUTE;
/** The not-ready/unreachable NoExecute tolerations every pod gets (DefaultTolerationSeconds). */
export const EVICTION_AFTER_MS = 300 * SECOND;
const NOT_READY = 'node.kubernetes.io/not-ready';

/**
 * Each node's `node` stage verdict now (only nodes some rule troubles). It changes only with the
 * scenario's rules and the nodes' units, so the clock reads it once per step and hands it to
 * frozenKubelets, nodeLifecycleNextDue and nodeLifecycleStep.
 */
export function nodeFaults(state: ClusterState): [Node, NodeFault][] {
  const out: [Node, NodeFault][] = [];
  if (state.faults.length === 0 && !anyServiceDown(state)) return out;
  // Asked at every step of the clock: judge the nodes as stored; only a faulty one is drafted.
  for (const seen of peekValues(state.nodes)) {
    const name = seen.metadata.name;
    const host = Object.hasOwn(state.hosts, name) ? peekValue(state.hosts, name) : undefined;
    const fault = host && stageVerdict(state, 'node', { state, node: seen, host });
    if (fault) out.push([state.nodes[name], fault]);
  }
  return out;
}

/**
 * Nodes whose kubelet no longer syncs pods, with the moment it stopped: stopped outright, or its
 * pod lifecycle event generator stuck. Their containers keep whatever state they had; kubelet
 * starts, restarts and reports nothing there (kubelet.ts skips them).
 */
export function frozenKubelets(state: ClusterState, faults = nodeFaults(state)): Map<string, number> {
  const out = new Map<string, number>();
  for (const [node, f] of faults) {
    const since = Math.min(f.kubeletStoppedAt ?? Infinity, f.plegUnhealthySince ?? Infinity, f.runtimeDownSince ?? Infinity);
    if (Number.isFinite(since)) out.set(node.metadata.name, since);
  }
  return out;
}

/** Whether the node's machine is down now (powered off): connections to it time out. */
export function machineDown(state: ClusterState, nodeName: string): boolean {
  const f = nodeFaults(state).find(([n]) => n.metadata.name === nodeName)?.[1];
  return f?.machineDownAt !== undefined && f.machineDownAt <= state.now;
}

/** kubelet's maxWaitForContainerRuntime: no successful runtime status for this long and it reports the runtime down. */
export const RUNTIME_THRESHOLD_MS = 30 * SECOND;

/** When the node's Ready condition leaves True because of its fault, and how. */
function notReadyAt(f: NodeFault): { at: number; how: 'unknown' | 'pleg' | 'runtime' } | undefined {
  if (f.kubeletStoppedAt !== undefined) return { at: f.kubeletStoppedAt + NODE_GRACE_MS, how: 'unknown' };
  if (f.runtimeDownSince !== undefined) return { at: f.runtimeDownSince + RUNTIME_THRESHOLD_MS, how: 'runtime' };
  if (f.plegUnhealthySince !== undefined) return { at: f.plegUnhealthySince + PLEG_THRESHOLD_MS, how: 'pleg' };
  return undefined;
}

/** The next moment a node fault changes something (NotReady, the evictions), or Infinity. */
export function nodeLifecycleNextDue(state: ClusterState, faults = nodeFaults(state)): number {
  let next = Infinity;
  for (const [node, f] of faults) {
    if (f.pressure) next = Math.min(next, pressureNextDue(node, f.pressure));
    const nr = notReadyAt(f);
    if (!nr) continue;
    const ready = node.status.conditions.find((c) => c.type === 'Ready')?.status === 'True';
    const due = ready ? nr.at : evictionDue(state, node, nr.at);
    if (due < next) next = due;
  }
  return next;
}

/** The taint manager's eviction moment for the node's pods, or Infinity once they are all marked. */
function evictionDue(state: ClusterState, node: Node, notReady: number): number {
  const pending = Object.values(state.pods).some((p) => p.spec.nodeName === node.metadata.name && !p.metadata.deletionTimestamp && !toleratesForever(p));
  return pending ? notReady + EVICTION_AFTER_MS : Infinity;
}

/**
 * Applies what is due at `state.now`: a stopped kubelet's node turns Unknown after the node
 * monitor grace period (`Kubelet stopped posting node status.`, the unreachable taints); a stuck
 * PLEG makes kubelet report Ready=False (`PLEG is not healthy: …`) and the controller adds the
 * not-ready taints; 300 s later the taint manager marks the node's pods for deletion. Their
 * kubelet never confirms, so they stay Terminating while their ReplicaSets replace them elsewhere.
 * A node short of disk or process ids gets its pressure condition, taint and eviction (sim/nodePressure.ts).
 * Returns true when pods were marked or evicted (the controllers react).
 */
export function nodeLifecycleStep(state: ClusterState, faults = nodeFaults(state)): boolean {
  let changed = false;
  for (const [node, f] of faults) {
    if (f.pressure && pressureNextDue(node, f.pressure) <= state.now) changed = pressureStep(state, node, f.pressure) || changed;
    const nr = notReadyAt(f);
    if (!nr || state.now < nr.at) continue;
    const ready = node.status.conditions.find((c) => c.type === 'Ready');
    if (ready?.status === 'True') {
      if (nr.how === 'unknown') markUnknown(state, node, nr.at);
      else if (nr.how === 'runtime') kubeletNotReady(state, node, nr.at, 'container runtime is down', `"Container runtime sanity check failed" err="rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory\\""`);
      else {
        const message = `PLEG is not healthy: pleg was last seen active ${goDuration(nr.at - f.plegUnhealthySince!)} ago; threshold is ${goDuration(PLEG_THRESHOLD_MS)}`;
        kubeletNotReady(state, node, nr.at, message, `"Skipping pod synchronization" err="${message}"`);
      }
      markPodsNotReady(state, node, nr.at);
    }
    if (state.now >= nr.at + EVICTION_AFTER_MS) changed = evictPods(state, node) || changed;
  }
  return changed;
}

/** kubelet's own verdict (a stuck PLEG, its runtime down): Ready False with KubeletNotReady and `message`, its journal line, then the controller's not-ready taints. */
function kubeletNotReady(state: ClusterState, node: Node, at: number, message: string, logLine: string): void {
  const ready = node.status.conditions.find((c) => c.type === 'Ready')!;
  Object.assign(ready, { status: 'False', reason: 'KubeletNotReady', message, lastHeartbeatTime: rfc3339(at), lastTransitionTime: rfc3339(at) });
  const taints = (node.spec.taints ?? []).filter((t) => t.key !== NOT_READY);
  node.spec.taints = [...taints, { key: NOT_READY, effect: 'NoSchedule', timeAdded: rfc3339(at) }, { key: NOT_READY, effect: 'NoExecute', timeAdded: rfc3339(at) }];
  const host = state.hosts[node.metadata.name];
  if (host) kubeletLog(host, at, 'E', 'kubelet.go:2412', logLine);
  recordEvent(state, { object: { kind: 'Node', name: node.metadata.name, uid: node.metadata.uid }, type: 'Normal', reason: 'NodeNotReady', message: `Node ${node.metadata.name} status is now: NodeNotReady`, component: 'kubelet', host: node.metadata.name });
}

/** The node lifecycle controller's MarkPodsNotReady: every pod on the node loses its Ready condition. */
function markPodsNotReady(state: ClusterState, node: Node, at: number): void {
  for (const pod of Object.values(state.pods)) {
    if (pod.spec.nodeName !== node.metadata.name) continue;
    const ready = pod.status.conditions?.find((c) => c.type === 'Ready');
    if (ready && ready.status === 'True') Object.assign(ready, { status: 'False', lastTransitionTime: rfc3339(at) });
  }
}

/**
 * A pod that tolerates the not-ready/unreachable NoExecute taints without tolerationSeconds (a
 * DaemonSet's pods, anything with `operator: Exists` and no key) is never evicted by them.
 */
function toleratesForever(pod: Pod): boolean {
  return (pod.spec.tolerations ?? []).some((t) => t.tolerationSeconds === undefined && (!t.effect || t.effect === 'NoExecute')
    && (t.operator === 'Exists' ? !t.key || t.key === NOT_READY || t.key === 'node.kubernetes.io/unreachable' : false));
}

/** The taint manager's NoExecute eviction: the pods get a deletionTimestamp no kubelet will act on. */
function evictPods(state: ClusterState, node: Node): boolean {
  let marked = false;
  for (const pod of Object.values(state.pods)) {
    if (pod.spec.nodeName !== node.metadata.name || pod.metadata.deletionTimestamp || toleratesForever(pod)) continue;
    const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
    pod.metadata.deletionTimestamp = rfc3339(state.now + grace * SECOND);
    (pod.metadata as { deletionGracePeriodSeconds?: number }).deletionGracePeriodSeconds = grace;
    markEntry(state.pods, keyOf(pod.metadata.namespace, pod.metadata.name), DELETING);
    recordEvent(state, {
      object: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
      type: 'Normal', reason: 'TaintManagerEviction', message: `Marking for deletion Pod ${keyOf(pod.metadata.namespace, pod.metadata.name)}`, component: 'taint-eviction-controller',
    });
    marked = true;
  }
  return marked;
}
