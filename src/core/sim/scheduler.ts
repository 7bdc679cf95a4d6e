import { isDraft, original } from 'immer';
import type { Node, Pod, Toleration } from '../model/k8s.ts';
import { keyOf } from '../model/state.ts';
import { peekValues, storedValues, watchedValues } from './peek.ts';
import type { ClusterState } from '../model/state.ts';
import { rfc3339 } from '../time.ts';
import { recordEvent } from './events.ts';
import { stageVerdict } from './faults/stages.ts';
import { admitPod } from './kubelet.ts';
import { milliCpu, quantityNumber } from '../model/quantity.ts';
import { bindDelayedClaims, claimProblem, volumeConflict } from './volumes.ts';
import { byteCompare } from '../compare.ts';

/**
 * Why a node was filtered out, in kube-scheduler's words for the FailedScheduling message, and
 * whether preemption could help there (`resolvable`: evicting lower-priority pods could make room;
 * otherwise UnschedulableAndUnresolvable: taints, affinity, cordons).
 */
interface Rejection { reasons: string[]; resolvable: boolean }

export function tolerates(tolerations: readonly Toleration[] | undefined, taint: { key: string; value?: string; effect: string }): boolean {
  return (tolerations ?? []).some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

function affinityMatches(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  // Terms are ORed; the expressions of one term are ANDed.
  return terms.some((term) => (term.matchExpressions ?? []).every((e) => {
    const has = Object.hasOwn(labels, e.key);
    const v = labels[e.key];
    switch (e.operator) {
      case 'In': return has && (e.values ?? []).includes(v);
      case 'NotIn': return !has || !(e.values ?? []).includes(v);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      case 'Gt': return has && Number(v) > Number(e.values?.[0]);
      case 'Lt': return has && Number(v) < Number(e.values?.[0]);
    }
  }));
}

/**
 * The pod's effective requests (cpu in millicores, memory in bytes), as resourcehelper
 * PodRequests computes them (1.29+): the main containers and sidecars summed, at least the
 * largest init container plus the sidecars started before it.
 */
export function podRequests(pod: Pod): { cpu: number; memory: number } {
  // Keyed by the containers list as stored (a draft's base): a pod's container requests are
  // immutable in the API (a change replaces the pod object, and with it the list).
  const containers = pod.spec.containers;
  const key = (isDraft(containers) ? original(containers) : containers) as object | undefined;
  const cached = key && requestsCache.get(key);
  if (cached) return cached;
  const req = (c: (typeof containers)[number]) => ({ cpu: milliCpu(c.resources?.requests?.cpu), memory: quantityNumber(c.resources?.requests?.memory) });
  let cpu = 0;
  let memory = 0;
  for (const c of containers) {
    cpu += req(c).cpu;
    memory += req(c).memory;
  }
  const sidecars = { cpu: 0, memory: 0 };
  const init = { cpu: 0, memory: 0 };
  for (const c of pod.spec.initContainers ?? []) {
    const r = req(c);
    if (c.restartPolicy === 'Always') {
      cpu += r.cpu;
      memory += r.memory;
      sidecars.cpu += r.cpu;
      sidecars.memory += r.memory;
    }
    const during = c.restartPolicy === 'Always' ? sidecars : { cpu: r.cpu + sidecars.cpu, memory: r.memory + sidecars.memory };
    init.cpu = Math.max(init.cpu, during.cpu);
    init.memory = Math.max(init.memory, during.memory);
  }
  const r = { cpu: Math.max(cpu, init.cpu), memory: Math.max(memory, init.memory) };
  if (key) requestsCache.set(key, r);
  return r;
}
const requestsCache = new WeakMap<object, { cpu: number; memory: number }>();

export const isNodeReady = (node: Node) => node.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');

/** A bound pod counts against its node until it has finished (Succeeded or Failed). */
const countsOnNode = (p: Pod) => p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed';

/** Pods bound to a node and not finished, as the scheduler and `describe node` count them. */
export function podsOnNode(state: ClusterState, node: string): Pod[] {
  return Object.values(state.pods).filter((p) => p.spec.nodeName === node && countsOnNode(p));
}

/** What the pods bound to one node ask for, how many there are, and how many each owner has there. */
interface NodeUsage { pods: number; cpu: number; memory: number; byOwner: Map<string, number> }

/** One pass over the pods: usage per node, kept up to date as the scheduler binds. */
function usageByNode(state: ClusterState): Map<string, NodeUsage> {
  const usage = new Map<string, NodeUsage>();
  for (const p of storedValues(state.pods)) if (p.spec.nodeName && countsOnNode(p)) addUsage(usage, p.spec.nodeName, p);
  return usage;
}

function addUsage(usage: Map<string, NodeUsage>, node: string, p: Pod): void {
  let u = usage.get(node);
  if (!u) usage.set(node, (u = { pods: 0, cpu: 0, memory: 0, byOwner: new Map() }));
  const r = podRequests(p);
  u.pods += 1;
  u.cpu += r.cpu;
  u.memory += r.memory;
  const owner = p.metadata.ownerReferences?.[0]?.uid;
  if (owner) u.byOwner.set(owner, (u.byOwner.get(owner) ?? 0) + 1);
}

const NO_USAGE: NodeUsage = { pods: 0, cpu: 0, memory: 0, byOwner: new Map() };

/**
 * The filter plugins in kube-scheduler 1.31's order, each stopping the node at its first failure:
 * NodeUnschedulable, TaintToleration (a NotReady node is filtered by its not-ready/unreachable taints) (the first untolerated NoSchedule/NoExecute taint, shown as
 * `{key: value}`), NodeAffinity (nodeSelector and required affinity), NodeResourcesFit (every
 * resource short, by requests, never usage), then the `schedule` stage's faults.
 */
function reject(state: ClusterState, pod: Pod, node: Node, used: NodeUsage): Rejection | undefined {
  if (node.spec.unschedulable) return unresolvable('node(s) were unschedulable');
  for (const t of node.spec.taints ?? []) {
    if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod.spec.tolerations, t)) return unresolvable(`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`);
  }
  // A NotReady node normally carries the not-ready/unreachable taints above; this only guards one that does not.
  if (!isNodeReady(node)) return unresolvable('node(s) were not ready');
  if (!affinityMatches(pod, node)) return unresolvable("node(s) didn't match Pod's node affinity/selector");
  const want = podRequests(pod);
  const short: string[] = [];
  if (used.pods + 1 > Number(node.status.allocatable.pods ?? Infinity)) short.push('Too many pods');
  if (used.cpu + want.cpu > milliCpu(node.status.allocatable.cpu)) short.push('Insufficient cpu');
  if (used.memory + want.memory > quantityNumber(node.status.allocatable.memory)) short.push('Insufficient memory');
  if (short.length) return { reasons: short, resolvable: true };
  if (volumeConflict(state, pod, node)) return unresolvable('node(s) had volume node affinity conflict');
  const fault = stageVerdict(state, 'schedule', { state, pod, node });
  return fault ? unresolvable(fault) : undefined;
}

/** A filter failure preemption cannot help with (module-level: the filters run per pod × node). */
function unresolvable(reason: string): Rejection {
  return { reasons: [reason], resolvable: false };
}

/** `n reason` entries sorted as Go's sort.Strings sorts them (count first, byte order). */
const histogram = (counts: Map<string, number>) => [...counts].map(([r, n]) => `${n} ${r}`).sort().join(', ');

/**
 * kube-scheduler's FitError text (1.31): the filter reasons, then what preemption found per node:
 * `0/6 nodes are available: 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: },
 * 4 Insufficient cpu. preemption: 0/6 nodes are available: 2 Preemption is not helpful for
 * scheduling, 4 No preemption victims found for incoming pod.` Preemption itself is not modelled:
 * a node short of resources never has a lower-priority victim here.
 */
export function fitErrorMessage(total: number, rejections: readonly Rejection[], preFilter?: string): string {
  if (total === 0) return 'no nodes available to schedule pods';
  // A PreFilter refusal concerns the pod, not a node: its text replaces the per-node histogram.
  if (preFilter) return `0/${total} nodes are available: ${preFilter}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
  const filter = new Map<string, number>();
  const preemption = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const r of rejections) {
    for (const reason of r.reasons) bump(filter, reason);
    bump(preemption, r.resolvable ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling');
  }
  return `0/${total} nodes are available: ${histogram(filter)}. preemption: 0/${total} nodes are available: ${histogram(preemption)}.`;
}

/**
 * The watch (sim/peek.ts watchedValues) on pods the scheduler still has to bind or hand to kubelet:
 * not being deleted, and unbound or without container statuses. Every new pod holds; none goes
 * back once bound and admitted (nodeName and the statuses are never removed, a deletion is final).
 */
const UNSETTLED = 'unsettled';
const unsettled = (p: Pod) => !p.metadata.deletionTimestamp && !(p.spec.nodeName && p.status.containerStatuses);

/**
 * kube-scheduler, reduced to what the scenarios need: filter nodes (Ready, cordon, NoSchedule and
 * NoExecute taints, nodeSelector, required node affinity, cpu/memory requests), then score by
 * spreading the owner's pods and by least requested cpu, ties broken by name. Binds the pod and
 * hands it to kubelet, or records FailedScheduling with the real message shape. What each node
 * already runs is summed once per pass (not once per node per pending pod).
 */
export function schedulePending(state: ClusterState): void {
  let nodes: Node[] | undefined;
  let usage: Map<string, NodeUsage> | undefined;
  // Filter results by scheduling key (see schedulingKey): one entry per node, in `nodes` order.
  // A bind changes only its node's usage, so it refilters that one node for each key.
  const verdicts = new Map<string, Verdict>();
  for (const seen of watchedValues(state.pods, UNSETTLED, unsettled)) {
    // Bound to a node without a kubelet host: it waits there (read without making a draft of the pod).
    if (seen.spec.nodeName && !Object.hasOwn(state.hosts, seen.spec.nodeName)) continue;
    // Pods created already bound (DaemonSet pods, node debuggers) go straight to their kubelet.
    if (seen.spec.nodeName) {
      admitPod(state, state.pods[keyOf(seen.metadata.namespace, seen.metadata.name)]);
      continue;
    }
    // Read as stored: drafting every node for every pass cost more than the filters.
    nodes ??= peekValues(state.nodes).sort((a, b) => byteCompare(a.metadata.name, b.metadata.name));
    usage ??= usageByNode(state);
    const key = schedulingKey(seen);
    let verdict = verdicts.get(key);
    if (!verdict) {
      const preFilter = claimProblem(state, seen);
      const byNode = preFilter ? [] : nodes.map((node) => reject(state, seen, node, usage!.get(node.metadata.name) ?? NO_USAGE));
      verdicts.set(key, (verdict = { pod: seen, byNode, preFilter }));
    }
    const ref = { kind: 'Pod', namespace: seen.metadata.namespace, name: seen.metadata.name, uid: seen.metadata.uid };
    let best = -1;
    let bestScore = Infinity;
    const owner = seen.metadata.ownerReferences?.[0]?.uid;
    // The lowest score wins, the first node in name order on a tie.
    for (let i = 0; i < verdict.byNode.length; i++) {
      if (verdict.byNode[i]) continue;
      const score = spreadScore(nodes[i], usage.get(nodes[i].metadata.name) ?? NO_USAGE, owner);
      if (score < bestScore) { best = i; bestScore = score; }
    }
    if (best < 0) {
      const message = fitErrorMessage(nodes.length, verdict.byNode.filter((r): r is Rejection => r !== undefined), verdict.preFilter);
      if (seen.status.conditions?.find((c) => c.type === 'PodScheduled')?.message !== message) {
        const pod = state.pods[keyOf(seen.metadata.namespace, seen.metadata.name)];
        pod.status.conditions = [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: rfc3339(state.now), reason: 'Unschedulable', message }];
        recordEvent(state, { object: ref, type: 'Warning', reason: 'FailedScheduling', message, component: 'default-scheduler' });
      }
      continue;
    }
    const pod = state.pods[keyOf(seen.metadata.namespace, seen.metadata.name)];
    const node = nodes[best];
    bindDelayedClaims(state, pod, node);
    pod.spec.nodeName = node.metadata.name;
    if (countsOnNode(pod)) addUsage(usage, node.metadata.name, pod);
    // A pod with claims may have bound volumes that other pods' filters read: filter afresh.
    if ((pod.spec.volumes ?? []).some((v) => v.persistentVolumeClaim)) verdicts.clear();
    else {
      const used = usage.get(node.metadata.name) ?? NO_USAGE;
      for (const v of verdicts.values()) if (!v.preFilter) v.byNode[best] = reject(state, v.pod, node, used);
    }
    recordEvent(state, { object: ref, type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node.metadata.name}`, component: 'default-scheduler' });
    admitPod(state, pod);
  }
}

/** The filters' result for one scheduling key: per node (in name order) its rejection, undefined where the pod fits. */
interface Verdict { pod: Pod; byNode: (Rejection | undefined)[]; preFilter?: string }

/** Score of a feasible node, lower is better: the owner's pods already there first, then requested cpu over allocatable. */
function spreadScore(node: Node, on: NodeUsage, owner: string | undefined): number {
  const siblings = owner ? on.byOwner.get(owner) ?? 0 : 0;
  return siblings * 10 + on.cpu / Math.max(1, milliCpu(node.status.allocatable.cpu));
}

/** Scheduling keys of stored (frozen) pods, computed once per pod object. */
const schedulingKeys = new WeakMap<Pod, string>();

/**
 * What the filters read of a pending pod: its namespace and labels (fault rules select by them),
 * node selector, affinity, tolerations, effective requests and the claims its volumes name. Pods
 * with one key get the same verdict from the same nodes and usage, so a ReplicaSet's thousand
 * Pending pods are filtered once per pass, not once each.
 */
function schedulingKey(pod: Pod): string {
  const known = schedulingKeys.get(pod);
  if (known !== undefined) return known;
  const { cpu, memory } = podRequests(pod);
  const claims = (pod.spec.volumes ?? []).map((v) => v.persistentVolumeClaim?.claimName ?? null);
  const key = JSON.stringify([pod.metadata.namespace ?? 'default', pod.metadata.labels ?? {}, pod.spec.nodeSelector ?? null, pod.spec.affinity ?? null, pod.spec.tolerations ?? null, cpu, memory, claims]);
  if (Object.isFrozen(pod)) schedulingKeys.set(pod, key);
  return key;
}
