import { clone } from '../clone.ts';
import { freeze, produce } from 'immer';
import type { Deployment, Node, Pod, PodDisruptionBudget, ReplicaSet, Secret } from '../model/k8s.ts';
import { encodeBase64 } from '../base64.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { MINUTE, rfc3339 } from '../time.ts';
import type { Action } from './actions.ts';
import { reconcile, revisionOf, ownedBy } from './controllers.ts';
import { expireEvents } from './events.ts';
import { kubeletNextDue, kubeletStep } from './kubelet.ts';
import { nodeLifecycleNextDue, nodeLifecycleStep } from './nodeLifecycle.ts';
import { defaultContainerProbes, podFromManifest } from './podFactory.ts';
import { deletePod, finishTerminations } from './pods.ts';
import { evictPod } from './drain.ts';
import { hostMemoryHog, memoryRecovered } from './nodePressure.ts';
import { hashString, nextSerial, podSuffix, uid } from './rng.ts';
import { stepControlPlane } from './etcd/controlPlane.ts';
import { addMember, compact, disarmAlarms, eventsStorm, moveLeader, restartMember, startDefrag } from './etcd/ops.ts';
import { isMirrorPod, recreateMirrorPod } from './staticPods.ts';
import { stopContainer } from './kubelet.ts';

/**
 * Applies one action and lets the controllers react, returning the next (frozen) state.
 * The only way ClusterState changes. Unknown targets are ignored: commands check existence
 * first and print the API's NotFound error themselves.
 */
export function applyAction(state: ClusterState, action: Action): ClusterState {
  return produce(state, (draft) => {
    applyDraft(draft, action);
  });
}

/**
 * Applies actions to a state nobody else holds yet (the scenario builder's warm-up), without
 * immer's copy-on-write bookkeeping, then freezes the result. Same rules as applyAction.
 */
export function applyActionsInPlace(state: ClusterState, actions: readonly Action[]): void {
  for (const a of actions) applyDraft(state, a);
}

/** Deep-freezes a state built in place, so later changes must go through applyAction. */
export const freezeState = (state: ClusterState): ClusterState => freeze(state, true);

function kindTable(state: ClusterState, kind: string): Record<string, { metadata: { labels?: Record<string, string>; annotations?: Record<string, string>; resourceVersion?: string } }> | undefined {
  switch (kind) {
    case 'Pod': return state.pods;
    case 'Node': return state.nodes;
    case 'Deployment': return state.deployments;
    case 'ReplicaSet': return state.replicaSets;
    case 'PodDisruptionBudget': return state.pdbs;
    case 'Namespace': return state.namespaces;
    case 'ConfigMap': return state.configMaps;
    case 'Secret': return state.secrets;
    case 'Service': return state.services;
    default: return undefined;
  }
}

const objectKey = (kind: string, namespace: string | undefined, name: string) => (kind === 'Node' || kind === 'Namespace' ? name : keyOf(namespace, name));

function applyDraft(d: ClusterState, a: Action): void {
  switch (a.type) {
    case 'clock/advance':
      advance(d, a.to);
      return;
    case 'node/setUnschedulable': {
      const n = d.nodes[a.node];
      if (!n) return;
      if (a.unschedulable) {
        n.spec.unschedulable = true;
        n.spec.taints = [...(n.spec.taints ?? []).filter((t) => t.key !== 'node.kubernetes.io/unschedulable'), { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: rfc3339(d.now) }];
      } else {
        delete n.spec.unschedulable;
        n.spec.taints = (n.spec.taints ?? []).filter((t) => t.key !== 'node.kubernetes.io/unschedulable');
        if (n.spec.taints.length === 0) delete n.spec.taints;
      }
      n.metadata.resourceVersion = nextSerial(d);
      break;
    }
    case 'node/setTaints': {
      const n = d.nodes[a.node];
      if (!n) return;
      n.spec.taints = a.taints.length ? clone(a.taints) : undefined;
      if (!n.spec.taints) delete n.spec.taints;
      n.metadata.resourceVersion = nextSerial(d);
      break;
    }
    case 'object/setLabels':
    case 'object/setAnnotations': {
      const table = kindTable(d, a.kind);
      const key = objectKey(a.kind, a.namespace, a.name);
      if (!table || !Object.hasOwn(table, key)) return;
      const meta = table[key].metadata;
      const field = a.type === 'object/setLabels' ? 'labels' : 'annotations';
      const changes = a.type === 'object/setLabels' ? a.labels : a.annotations;
      const next = { ...(meta[field] ?? {}) };
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) delete next[k];
        else next[k] = v;
      }
      meta[field] = next;
      meta.resourceVersion = nextSerial(d);
      break;
    }
    case 'object/replace': {
      const table = kindTable(d, a.kind) as Record<string, Deployment | ReplicaSet | Node | Pod | PodDisruptionBudget> | undefined;
      const key = objectKey(a.kind, a.namespace, a.name);
      if (!table || !Object.hasOwn(table, key)) return;
      const before = table[key];
      const after = clone(a.object) as Deployment;
      if (a.kind === 'Secret') foldStringData(after as unknown as Secret);
      if ((a.kind === 'Deployment' || a.kind === 'ReplicaSet') && after.spec?.template?.spec?.containers) {
        after.spec.template.spec.containers = after.spec.template.spec.containers.map(defaultContainerProbes);
      }
      if (JSON.stringify((before as Deployment).spec) !== JSON.stringify(after.spec)) after.metadata.generation = (before.metadata.generation ?? 1) + 1;
      after.metadata.resourceVersion = nextSerial(d);
      table[key] = after as never;
      break;
    }
    case 'pod/delete': {
      const pod = d.pods[keyOf(a.namespace, a.name)];
      // A static pod's mirror comes straight back and its containers never stopped.
      if (pod && isMirrorPod(pod)) recreateMirrorPod(d, pod);
      else if (pod) deletePod(d, pod, a.force ?? false);
      break;
    }
    case 'pod/evict': {
      const pod = d.pods[keyOf(a.namespace, a.name)];
      if (pod) evictPod(d, pod, a.force ?? false);
      break;
    }
    case 'object/delete': {
      const key = keyOf(a.namespace, a.name);
      if (a.kind === 'PodDisruptionBudget') { delete d.pdbs[key]; break; }
      const owner = a.kind === 'Deployment' ? d.deployments[key] : d.replicaSets[key];
      if (!owner) return;
      if (a.kind === 'Deployment') delete d.deployments[key]; else delete d.replicaSets[key];
      // Background cascade: owned ReplicaSets go, and pods owned by any object that went.
      const gone = new Set([owner.metadata.uid]);
      for (const [k, rs] of Object.entries(d.replicaSets)) {
        if (ownedBy(rs, owner.metadata.uid)) { gone.add(rs.metadata.uid); delete d.replicaSets[k]; }
      }
      for (const p of Object.values(d.pods)) if ([...gone].some((u) => ownedBy(p, u))) deletePod(d, p, false);
      break;
    }
    case 'deployment/restart': {
      const dep = d.deployments[keyOf(a.namespace, a.name)];
      if (!dep) return;
      // A new template object (not an edit): the pod-template-hash cache is keyed by identity.
      const t = clone(dep.spec.template);
      t.metadata.annotations = { ...(t.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(d.now) };
      dep.spec.template = t;
      dep.metadata.generation = (dep.metadata.generation ?? 1) + 1;
      break;
    }
    case 'deployment/rollback': {
      const dep = d.deployments[keyOf(a.namespace, a.name)];
      if (!dep) return;
      const rs = Object.values(d.replicaSets).find((r) => ownedBy(r, dep.metadata.uid) && revisionOf(r) === a.revision);
      if (!rs) return;
      const labels = { ...(rs.spec.template.metadata.labels ?? {}) };
      delete labels['pod-template-hash'];
      dep.spec.template = { metadata: { ...clone(rs.spec.template.metadata), labels }, spec: clone(rs.spec.template.spec) };
      delete dep.spec.template.metadata.creationTimestamp;
      dep.metadata.generation = (dep.metadata.generation ?? 1) + 1;
      break;
    }
    case 'pod/addEphemeralContainer': {
      const pod = d.pods[keyOf(a.namespace, a.name)];
      if (!pod) return;
      pod.spec.ephemeralContainers = [...(pod.spec.ephemeralContainers ?? []), { name: a.container, image: a.image, ...(a.target ? { targetContainerName: a.target } : {}), terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent', stdin: true, tty: true } as never];
      pod.status.ephemeralContainerStatuses = [...(pod.status.ephemeralContainerStatuses ?? []), { name: a.container, state: { running: { startedAt: rfc3339(d.now) } }, lastState: {}, ready: false, restartCount: 0, image: a.image, imageID: `docker.io/library/${a.image.split(':')[0]}@sha256:${'0'.repeat(64)}` }];
      pod.metadata.resourceVersion = nextSerial(d);
      break;
    }
    case 'node/createDebugPod': {
      const pod = podFromManifest(d, {
        apiVersion: 'v1', kind: 'Pod',
        metadata: { name: a.podName, namespace: 'default', uid: '', creationTimestamp: '' },
        spec: { nodeName: a.node, hostNetwork: true, hostPID: true, containers: [{ name: 'debugger', image: a.image, stdin: true, tty: true } as never], restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] } as never,
        status: { phase: 'Pending' },
      } as Pod);
      d.pods[keyOf('default', a.podName)] = pod;
      break;
    }
    case 'node/hostMemoryHog':
      hostMemoryHog(d, a);
      break;
    case 'node/memoryRecovered':
      memoryRecovered(d, a.node);
      break;
    case 'runtime/pruneImages': {
      const host = d.hosts[a.host];
      if (!host) return;
      const used = new Set(host.containers.map((c) => c.image));
      host.images = host.images.filter((i) => used.has(i.ref));
      break;
    }
    case 'runtime/stopContainer': {
      const stopped = stopContainer(d, a.host, a.id);
      if (stopped?.podName.startsWith('etcd-') && stopped.namespace === 'kube-system') restartMember(d, a.host);
      break;
    }
    case 'host/setBlockDevice': {
      const dev = d.hosts[a.host]?.blockDevices?.find((b) => b.name === a.device);
      if (dev) Object.assign(dev, a.patch);
      break;
    }
    case 'etcd/moveLeader': moveLeader(d, a.to); break;
    case 'etcd/defrag': startDefrag(d, a.member); break;
    case 'etcd/compact': compact(d, a.revision); break;
    case 'etcd/disarm': disarmAlarms(d); break;
    case 'etcd/memberAdd': addMember(d, a.name, a.peerURL, a.learner); break;
    case 'etcd/eventsStorm': eventsStorm(d, a.source, a.bytes, a.bytesPerMinute, a.reason, a.message); break;
    case 'cluster/addNode':
      d.nodes[a.node.metadata.name] = clone(a.node);
      d.hosts[a.host.name] = clone(a.host);
      break;
    case 'object/create': {
      const o = clone(a.object);
      if (o.kind === 'ConfigMap' || o.kind === 'Secret' || o.kind === 'Namespace') {
        // What the API server fills in on create: identity, time, version, defaults.
        o.metadata.uid ||= uid(d);
        o.metadata.creationTimestamp ||= rfc3339(d.now);
        o.metadata.resourceVersion = nextSerial(d);
        if (o.kind === 'Namespace') {
          o.metadata.labels = { ...o.metadata.labels, 'kubernetes.io/metadata.name': o.metadata.name };
          o.spec = { finalizers: ['kubernetes'] };
          o.status = { phase: 'Active' };
          d.namespaces[o.metadata.name] = o;
          break;
        }
        const table = o.kind === 'ConfigMap' ? d.configMaps : d.secrets;
        if (o.kind === 'Secret') { foldStringData(o); o.type ||= 'Opaque'; }
        table[keyOf(o.metadata.namespace, o.metadata.name)] = o as never;
        break;
      }
      if (o.kind === 'Deployment') d.deployments[keyOf(o.metadata.namespace, o.metadata.name)] = o;
      else if (o.kind === 'PodDisruptionBudget') {
        o.metadata.uid ||= uid(d);
        o.metadata.resourceVersion = nextSerial(d);
        o.metadata.creationTimestamp ||= rfc3339(d.now);
        o.metadata.generation ??= 1;
        o.status ??= { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
        d.pdbs[keyOf(o.metadata.namespace, o.metadata.name)] = o;
      } else d.pods[keyOf(o.metadata.namespace, o.metadata.name)] = podFromManifest(d, o);
      break;
    }
  }
  reconcile(d);
}

/** The API server folds a Secret's write-only `stringData` into `data` (base64); `stringData` wins per key. */
function foldStringData(s: Secret): void {
  if (!s.stringData) return;
  s.data = { ...(s.data ?? {}) };
  for (const [k, v] of Object.entries(s.stringData)) s.data[k] = encodeBase64(v);
  delete s.stringData;
}

/** kubelet's node status report interval when nothing changes (nodeStatusReportFrequency). */
const HEARTBEAT_MS = 5 * MINUTE;

/**
 * Moves the clock to `to`, stepping through every instant something is due (container starts and
 * deaths, back-off reports, graceful terminations) and letting the controllers react at each.
 */
export function advance(d: ClusterState, to: number): void {
  // No reconcile up front: every action, this one included, ends with one (see applyDraft).
  for (let guard = 0; guard < 200_000; guard++) {
    const next = Math.min(kubeletNextDue(d), nodeLifecycleNextDue(d), ...Object.values(d.terminating));
    if (next > to) break;
    d.now = Math.max(d.now, next);
    const started = kubeletStep(d);
    const removed = finishTerminations(d);
    const evicted = nodeLifecycleStep(d);
    if (started || removed || evicted) reconcile(d);
  }
  d.now = Math.max(d.now, to);
  stepControlPlane(d, d.now);
  for (const n of Object.values(d.nodes)) heartbeat(d, n);
  expireEvents(d);
}

/** Node conditions carry the time of kubelet's last status report: within the last five minutes. */
function heartbeat(d: ClusterState, n: Node): void {
  // A node the controller marked Unknown keeps the time of kubelet's last successful post.
  if (n.status.conditions.some((c) => c.type === 'Ready' && c.status !== 'True')) return;
  const phase = hashString(n.metadata.name) % HEARTBEAT_MS;
  const last = d.now - ((d.now - phase) % HEARTBEAT_MS + HEARTBEAT_MS) % HEARTBEAT_MS;
  for (const c of n.status.conditions) {
    if (Date.parse(c.lastTransitionTime ?? '') <= last) c.lastHeartbeatTime = rfc3339(last);
  }
}

/** A name for `kubectl debug node/x`'s pod: `node-debugger-<node>-<5 chars>`. */
export function nodeDebugPodName(state: ClusterState, node: string): string {
  const copy = { rng: state.rng };
  return `node-debugger-${node}-${podSuffix(copy)}`;
}
