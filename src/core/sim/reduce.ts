import { autoscalersNextDue, syncAutoscalers } from './hpa.ts';
import { jobsNextDue } from './jobs.ts';
import { cronJobsNextDue } from './cronJobs.ts';
import { containerdPull } from './imagePull.ts';
import { clone } from '../clone.ts';
import { freeze, Immer, isDraft, original } from 'immer';
import type { Deployment, KubeObject, Node, Pod } from '../model/k8s.ts';
import { KINDS, kindDef, objectKey } from '../kinds/registry.ts';
import { syncClaims } from './volumes.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { MINUTE, parseTimestamp, rfc3339 } from '../time.ts';
import type { Action } from './actions.ts';
import { accountJournal } from '../host/journal.ts';
import { pacedCreatesNextDue, reconcile, revisionOf, ownedBy } from './controllers.ts';
import { carryEventIndex, expireEvents } from './events.ts';
import { listenAdmissions, onFrozenNode, stepTrack, trackKeysOf, trackNextDue } from './kubelet.ts';
import { DueQueue } from './dueQueue.ts';
import { inTableOrder, keptKeys, peekValue, peekValues, putEntry, peekItems } from './peek.ts';
import { controllerView, quietUntil } from './quiet.ts';
import { frozenKubelets, nodeFaults, nodeLifecycleNextDue, nodeLifecycleStep } from './nodeLifecycle.ts';
import { controlUnit, servicesNextDue, servicesStep } from './services.ts';
import { defaultContainerProbes, defaultPullPolicy, defaultTemplateSpec, podFromManifest } from './podFactory.ts';
import { deletePod, finishTerminations, terminationsNextDue } from './pods.ts';
import { deleteObject, markDeleting } from './deletion.ts';
import { evictPod } from './drain.ts';
import { hostMemoryHog, memoryRecovered } from './nodePressure.ts';
import { hashString, nextSerial, podSuffix, uid } from './rng.ts';
import { stepControlPlane } from './etcd/controlPlane.ts';
import { advanceFaults } from './faults/stages.ts';
import { addMember, compact, disarmAlarms, eventsStorm, moveLeader, restartMember, startDefrag } from './etcd/ops.ts';
import { isMirrorPod, recreateMirrorPod } from './staticPods.ts';
import { stopContainer } from './kubelet.ts';

/**
 * Applies one action and lets the controllers react, returning the next (frozen) state.
 * The only way ClusterState changes. Unknown targets are ignored: commands check existence
 * first and print the API's NotFound error themselves.
 */
export function applyAction(state: ClusterState, action: Action): ClusterState {
  if (action.type === 'clock/advance' && action.to - state.now >= LONG_ADVANCE_MS) return advanceUnshared(state, action.to);
  let events: object = state.events;
  let drafted: object | undefined;
  const next = unfrozen.produce(state, (draft) => {
    events = draft.events;
    drafted = draft;
    applyDraft(draft, action);
  });
  // A state that was not frozen through (a restored snapshot) is frozen whole, as immer would.
  if (Object.isFrozen(state)) freezeChanged(next, state);
  else freeze(next, true);
  carryEventIndex(events, next);
  if (lastRun && lastRun.state === drafted) lastRun.state = next;
  return next;
}

/**
 * immer without its deep freeze of the result: that walk reads every entry of every table the
 * action copied (each of ten thousand pods when one pod changed); freezeChanged freezes the same
 * objects reading only what changed.
 */
const unfrozen = new Immer({ autoFreeze: false });

/**
 * Deep-freezes whatever `next` does not share with `prev`, a frozen-through state it was produced
 * from: an entry still identical to the previous one at the same place is frozen already and is
 * not read. The result is frozen through, as immer's auto-freeze leaves it.
 */
function freezeChanged(next: unknown, prev: unknown): void {
  if (typeof next !== 'object' || next === null || Object.isFrozen(next)) return;
  if (!Array.isArray(next) && Object.getPrototypeOf(next) !== Object.prototype) {
    freeze(next, true); // Maps, Sets: immer's own freeze
    return;
  }
  Object.freeze(next);
  const before = typeof prev === 'object' && prev !== null ? (prev as Record<string, unknown>) : undefined;
  const here = next as Record<string, unknown>;
  if (Array.isArray(next)) {
    for (let i = 0; i < next.length; i++) if (before?.[i] !== next[i]) freezeChanged(next[i], before?.[i]);
    return;
  }
  // The pods and tracks are read through their kept keys (sim/peek.ts), not enumerated.
  const keys = keptKeys(here);
  if (keys) {
    for (const k of keys) if (!before || before[k] !== here[k]) freezeChanged(here[k], before?.[k]);
    return;
  }
  for (const k in here) if (!before || before[k] !== here[k]) freezeChanged(here[k], before?.[k]);
}

/**
 * The state the controllers last ran on (sim/controllers.ts reconcile) and whether they settled
 * there: a clock move that starts on that very state knows the controllers have nothing to do
 * until a pod changes as they see it or the clock makes them act (sim/quiet.ts). Every action
 * but a clock move ends with a reconcile, and a clock move notes where it left the controllers,
 * so the note always describes the last state produced from it. Derived data beside the state,
 * as the event index is; any other state reads as unsettled, which only costs one reconcile.
 */
let lastRun: { state: object; settled: boolean } | undefined;

/** Runs the controllers and remembers whether they settled on `d` (see lastRun). */
function reconcileNoting(d: ClusterState): boolean {
  const settled = reconcile(d);
  lastRun = { state: d, settled };
  return settled;
}

/** Whether the controllers last ran on this very state (or its draft's base) and settled. */
function settledOn(d: ClusterState): boolean {
  const base = isDraft(d) ? original(d) : d;
  return lastRun !== undefined && (lastRun.state === base || lastRun.state === d) && lastRun.settled;
}

/**
 * Applies actions to a state nobody else holds yet (the scenario builder's warm-up), without
 * immer's copy-on-write bookkeeping, then freezes the result. Same rules as applyAction.
 */
export function applyActionsInPlace(state: ClusterState, actions: readonly Action[]): void {
  for (const a of actions) applyDraft(state, a);
}

/**
 * Virtual ms from which a clock move runs on a private copy of the state instead of an immer draft:
 * the loop then reads and writes plain objects (a long move steps thousands of due moments, each
 * walking drafts of pods, events and journals), at the price of one copy and one freeze.
 */
const LONG_ADVANCE_MS = 10 * MINUTE;

/** `clock/advance` to `to` on an unshared deep copy: the same steps in the same order as under a draft, frozen at the end. */
function advanceUnshared(state: ClusterState, to: number): ClusterState {
  const own = copyPlain(state);
  if (settledOn(state)) lastRun = { ...lastRun!, state: own };
  applyDraft(own, { type: 'clock/advance', to });
  carryEventIndex(own.events, own);
  return freezeState(own);
}

/**
 * Arrays of append-only records nobody edits in place once frozen: a host's journal (appendKlog
 * replaces a frozen record that grows) and a container's log lines. The copy shares their frozen
 * records (a restored snapshot's are not frozen yet: those are copied), so neither the copy nor
 * the freeze afterwards walks the tens of thousands a long history holds.
 */
const RECORD_ARRAYS = new Set(['journal', 'logs']);

/** A deep copy of plain data (objects and arrays), keeping `undefined` fields as they are; RECORD_ARRAYS copied one level deep. */
function copyPlain<T>(v: T, key = ''): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return (RECORD_ARRAYS.has(key) ? v.map((x) => (Object.isFrozen(x) ? x : copyPlain(x))) : v.map((x) => copyPlain(x))) as T;
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = copyPlain((v as Record<string, unknown>)[k], k);
  return out as T;
}

/** Deep-freezes a state built in place, so later changes must go through applyAction. */
export const freezeState = (state: ClusterState): ClusterState => freeze(state, true);

/** The table of a kind (kinds/registry.ts) and the key of one object in it; undefined for kinds without one. */
function tableOf(d: ClusterState, kind: string, namespace: string | undefined, name: string): { table: Record<string, KubeObject>; key: string } | undefined {
  const def = kindDef(kind);
  return def?.table ? { table: def.table(d), key: objectKey(def, namespace, name) } : undefined;
}

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
      const at = tableOf(d, a.kind, a.namespace, a.name);
      if (!at || !Object.hasOwn(at.table, at.key)) return;
      const meta = at.table[at.key].metadata;
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
      const at = tableOf(d, a.kind, a.namespace, a.name);
      if (!at || !Object.hasOwn(at.table, at.key)) return;
      const before = at.table[at.key] as Deployment;
      const after = clone(a.object) as Deployment;
      kindDef(a.kind)?.admit?.(after, d);
      // A pod template's containers get the API server's probe defaults (validated upstream for workloads).
      const containers: unknown = after.spec?.template?.spec?.containers;
      if (Array.isArray(containers) && containers.every((c) => c && typeof c === 'object')) {
        after.spec.template.spec.containers = after.spec.template.spec.containers.map(defaultContainerProbes);
      }
      if (JSON.stringify(before.spec) !== JSON.stringify(after.spec)) after.metadata.generation = (before.metadata.generation ?? 1) + 1;
      after.metadata.resourceVersion = nextSerial(d);
      // Through putEntry: a replaced pod may now be deleting, unbound or owned otherwise (sim/peek.ts).
      putEntry(at.table, at.key, after);
      markDeleting(at.table);
      break;
    }
    case 'pod/delete':
      deletePodAt(d, a.namespace, a.name, a.force ?? false);
      break;
    case 'pod/evict': {
      const pod = d.pods[keyOf(a.namespace, a.name)];
      if (pod) evictPod(d, pod, a.force ?? false);
      break;
    }
    case 'object/delete':
      if (a.kind === 'Pod') deletePodAt(d, a.namespace ?? 'default', a.name, a.force ?? false);
      else deleteObject(d, a.kind, a.namespace, a.name);
      break;
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
      pod.spec.ephemeralContainers = [...(pod.spec.ephemeralContainers ?? []), { name: a.container, image: a.image, ...(a.target ? { targetContainerName: a.target } : {}), terminationMessagePolicy: 'File', imagePullPolicy: defaultPullPolicy(a.image), stdin: true, tty: true } as never];
      pod.status.ephemeralContainerStatuses = [...(pod.status.ephemeralContainerStatuses ?? []), { name: a.container, state: { running: { startedAt: rfc3339(d.now) } }, lastState: {}, ready: false, restartCount: 0, image: a.image, imageID: `docker.io/library/${a.image.split(':')[0]}@sha256:${'0'.repeat(64)}` }];
      pod.metadata.resourceVersion = nextSerial(d);
      break;
    }
    case 'node/createDebugPod': {
      const pod = podFromManifest(d, nodeDebugPod(a.node, a.podName, a.image, a.container ?? 'debugger', a.profile ?? 'legacy'));
      putEntry(d.pods, keyOf('default', a.podName), pod);
      break;
    }
    case 'pod/shellExited': {
      const pod = d.pods[keyOf(a.namespace, a.name)];
      const track = d.kubelet[`${a.namespace}/${a.name}/${a.container}`];
      if (pod?.spec.nodeName && track?.containerId) stopContainer(d, pod.spec.nodeName, track.containerId);
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
    case 'runtime/pullImage': {
      const host = d.hosts[a.host];
      if (host) containerdPull(d, host, { state: d, host, ref: a.ref, image: d.images[a.ref], credentials: a.credentials });
      break;
    }
    case 'runtime/removeImage': {
      const host = d.hosts[a.host];
      if (host) host.images = host.images.filter((i) => i.ref !== a.ref);
      break;
    }
    case 'runtime/stopContainer': {
      const stopped = stopContainer(d, a.host, a.id);
      if (stopped?.podName.startsWith('etcd-') && stopped.namespace === 'kube-system') restartMember(d, a.host);
      break;
    }
    case 'host/writeFile': {
      const host = d.hosts[a.host];
      if (!host) return;
      const files = a.container ? ((host.containerFiles ??= {})[a.container] ??= {}) : host.files;
      files[a.path] = (a.append && Object.hasOwn(files, a.path) ? files[a.path] : '') + a.text;
      break;
    }
    case 'host/mkdir': {
      const host = d.hosts[a.host];
      if (!host) return;
      if (a.container) ((host.containerFiles ??= {})[a.container] ??= {})[`${a.path}/.`] = '';
      else if (!(host.dirs ??= []).includes(a.path)) host.dirs.push(a.path);
      break;
    }
    case 'host/remove': {
      const host = d.hosts[a.host];
      if (!host) return;
      const files = a.container ? host.containerFiles?.[a.container] : host.files;
      for (const p of Object.keys(files ?? {})) if (p === a.path || p.startsWith(`${a.path}/`)) delete files![p];
      if (!a.container && host.dirs) host.dirs = host.dirs.filter((p) => p !== a.path && !p.startsWith(`${a.path}/`));
      break;
    }
    case 'host/login': {
      const host = d.hosts[a.host];
      if (host) host.lastLogin = { at: a.at, from: a.from };
      // No controller reads a login: where they settled on the state before, they still have (ssh skips a full reconcile).
      if (settledOn(d)) { lastRun = { state: d, settled: true }; return; }
      break;
    }
    case 'host/systemctl': controlUnit(d, a.host, a.verb, a.unit); break;
    case 'host/netfilter': {
      const host = d.hosts[a.host];
      if (host) (host.netfilter ??= []).push(clone(a.edit));
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
      markDeleting(d.nodes);
      d.hosts[a.host.name] = clone(a.host);
      break;
    case 'object/apply': {
      const o = a.object;
      const at = tableOf(d, o.kind, o.metadata.namespace, o.metadata.name);
      if (!at) return;
      if (!Object.hasOwn(at.table, at.key)) { applyDraft(d, { type: 'object/create', object: o }); return; }
      const before = clone(at.table[at.key]);
      const { metadata, apiVersion: _a, kind: _k, ...fields } = clone(o);
      const after = { ...before, ...fields, metadata: { ...before.metadata, labels: { ...(before.metadata.labels ?? {}), ...(metadata.labels ?? {}) }, annotations: { ...(before.metadata.annotations ?? {}), ...(metadata.annotations ?? {}) } } } as KubeObject;
      if (!Object.keys(after.metadata.labels ?? {}).length) delete after.metadata.labels;
      if (!Object.keys(after.metadata.annotations ?? {}).length) delete after.metadata.annotations;
      applyDraft(d, { type: 'object/replace', kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, object: after });
      return;
    }
    case 'object/create': {
      const o = clone(a.object);
      // Pods get the kubelet's bookkeeping; Deployments come whole from the scenario's history.
      if (o.kind === 'Pod') { putEntry(d.pods, keyOf(o.metadata.namespace, o.metadata.name), podFromManifest(d, o as Pod)); break; }
      if (o.kind === 'Deployment') {
        // Without a uid it comes through the API (kubectl create/apply): identity and apps/v1 defaults, as the API server sets them.
        if (!o.metadata.uid) admitDeployment(d, o as Deployment);
        d.deployments[keyOf(o.metadata.namespace, o.metadata.name)] = o as Deployment;
        markDeleting(d.deployments);
        break;
      }
      const def = kindDef(o.kind);
      if (!def?.table) return;
      // What the API server fills in on create: identity, time, version, then the kind's defaults.
      o.metadata.uid ||= uid(d);
      o.metadata.creationTimestamp ||= rfc3339(d.now);
      o.metadata.resourceVersion = nextSerial(d);
      def.admit?.(o, d);
      def.table(d)[objectKey(def, o.metadata.namespace, o.metadata.name)] = o;
      // A manifest may arrive with a deletionTimestamp (runDeletions reads the table again).
      markDeleting(def.table(d));
      break;
    }
  }
  reconcileNoting(d);
}

/** The API server's part of creating a Deployment: identity, generation 1, SetDefaults_Deployment (apps/v1) and its pod template's defaults. */
function admitDeployment(d: ClusterState, o: Deployment): void {
  o.metadata.uid = uid(d);
  o.metadata.creationTimestamp = rfc3339(d.now);
  o.metadata.resourceVersion = nextSerial(d);
  o.metadata.generation = 1;
  const spec = o.spec;
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  // kubectl's generators send `strategy: {}`: the type and the rolling update's bounds are defaulted each on its own.
  const strategy = (spec.strategy ??= { type: 'RollingUpdate' });
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') strategy.rollingUpdate = { maxSurge: '25%', maxUnavailable: '25%', ...strategy.rollingUpdate };
  spec.template.spec = defaultTemplateSpec(spec.template.spec);
  o.status = {};
}

/** Deletes a pod gracefully (at once when forced); a static pod's mirror comes straight back and its containers never stopped. */
function deletePodAt(d: ClusterState, namespace: string, name: string, force: boolean): void {
  const pod = d.pods[keyOf(namespace, name)];
  if (pod && isMirrorPod(pod)) recreateMirrorPod(d, pod);
  else if (pod) deletePod(d, pod, force);
}

/** kubelet's node status report interval when nothing changes (nodeStatusReportFrequency). */
const HEARTBEAT_MS = 5 * MINUTE;

/**
 * Moves the clock to `to`, stepping through every instant something is due (container starts and
 * deaths, back-off reports, probe results, graceful terminations) and letting the controllers react
 * at each. The due moments come from a min-heap (sim/dueQueue.ts) filled once from the tracks as
 * they stand and kept up to date as kubelet works, so a container with nothing due costs nothing;
 * the containers due at one instant run in the order of `state.kubelet`, as a full pass would.
 * Called first in its action (the tracks are read from the draft's base, without proxies).
 */
export function advance(d: ClusterState, to: number): void {
  // No reconcile up front: every action, this one included, ends with one (see applyDraft).
  const from = d.now;
  const queue = new DueQueue();
  const tracks = isDraft(d.kubelet) ? (original(d.kubelet) as ClusterState['kubelet']) : d.kubelet;
  // In the tracks' order, read through their kept keys where there are some (sim/peek.ts).
  for (const key of keptKeys(tracks) ?? Object.keys(tracks)) queue.push(trackNextDue(tracks[key]), key);
  // A pod's containers are queued again after anything touched the pod: a step of one container
  // may move its siblings (a pod-level stage's retry), and admission creates them.
  const touched: Pod[] = [];
  const requeue = () => {
    for (const pod of touched.splice(0)) {
      for (const key of trackKeysOf(pod)) if (Object.hasOwn(d.kubelet, key)) queue.push(trackNextDue(d.kubelet[key]), key);
    }
  };
  const previous = listenAdmissions((pod) => touched.push(pod));
  // Whether the controllers settled at their last run (on this state, or in this move).
  let settled = settledOn(d);
  // Up to when the controllers follow no clock (sim/quiet.ts quietUntil), as last worked out; only
  // a controller run changes what that reads, so it holds until then or until that moment passes.
  let quietTill: number | undefined;
  const clockSensitive = () => {
    if (quietTill === undefined || !(d.now <= quietTill)) quietTill = quietUntil(d);
    return !(d.now <= quietTill);
  };
  const reconcileNow = () => {
    quietTill = undefined;
    return reconcileNoting(d);
  };
  try {
    // Node verdicts follow the rules and the nodes' units alone (not the time): one read serves
    // every step until servicesStep starts or stops a unit (the rules change only by actions).
    let verdicts: { faults: ReturnType<typeof nodeFaults>; frozen: Map<string, number> } | undefined;
    // The next unit restart, likewise: only servicesStep changes units while the clock runs, so it
    // is read again after a step that ran it, not at every step (a pass over every host).
    let unitsDue: number | undefined;
    // The next paced ReplicaSet create: only the controllers write those moments, so it is read
    // again after a reconcile or once the clock has reached it (a pass over every ReplicaSet's entry).
    let pacedDue: number | undefined;
    for (let guard = 0; guard < 200_000; guard++) {
      const nextTermination = terminationsNextDue(d);
      if (!verdicts) {
        const faults = nodeFaults(d);
        verdicts = { faults, frozen: frozenKubelets(d, faults) };
      }
      const { faults, frozen } = verdicts;
      // Jobs (deadlines, failure back-off, TTL), CronJob schedules and ReplicaSet creates the rate
      // limiter let through (createPacedAt): their controllers run at those moments.
      if (pacedDue === undefined || pacedDue <= d.now) pacedDue = pacedCreatesNextDue(d);
      const batch = Math.min(jobsNextDue(d), cronJobsNextDue(d), pacedDue);
      unitsDue ??= servicesNextDue(d);
      const others = Math.min(nodeLifecycleNextDue(d, faults), nextTermination, unitsDue, autoscalersNextDue(d), batch);
      let next = Math.min(nextDue(d, queue, frozen), others);
      // Instants before anything but a container is due, where every due container only reports
      // (a back-off or a batch of probe failures: an event bumped, a journal line), change nothing
      // the other sources or the controllers read: they are run here without the checks below.
      if (!faults.length && !frozen.size) {
        while (next < others && next <= to) {
          const due = new Set<string>();
          while (queue.peekAt() <= next) due.add(queue.pop()!);
          if (![...due].every((key) => reportsOnly(d, key, next))) {
            for (const key of due) queue.push(next, key);
            break;
          }
          d.now = Math.max(d.now, next);
          const order = due.size > 1 ? inTableOrder(d.kubelet, [...due].filter((k) => Object.hasOwn(d.kubelet, k))) : [...due];
          for (const key of order) {
            stepTrack(d, key, frozen);
            if (Object.hasOwn(d.kubelet, key)) queue.push(trackNextDue(d.kubelet[key]), key);
          }
          next = Math.min(nextDue(d, queue, frozen), others);
        }
      }
      if (next > to) break;
      d.now = Math.max(d.now, next);
      const due = new Set<string>();
      while (queue.peekAt() <= d.now) due.add(queue.pop()!);
      // Several containers due at once run in the tracks' own order, as a pass over them all would
      // (kept beside the table: every track is added and removed through putEntry/dropEntry).
      const order = due.size > 1 ? inTableOrder(d.kubelet, [...due].filter((k) => Object.hasOwn(d.kubelet, k))) : [...due];
      // A step that changed a pod only where no controller looks (a pull retried, a back-off
      // re-reported) needs no reconcile once the controllers have settled and none is on the clock.
      let started = false;
      let quiet = false;
      for (const key of order) {
        const [ns, name] = key.split('/');
        const podKey = keyOf(ns, name);
        const before = controllerView(peekValue(d.pods, podKey));
        if (stepTrack(d, key, frozen)) {
          if (controllerView(peekValue(d.pods, podKey)) !== before) started = true;
          else quiet = true;
        }
        const pod = Object.hasOwn(d.pods, podKey) ? d.pods[podKey] : undefined;
        if (pod) touched.push(pod);
        requeue();
      }
      const removed = finishTerminations(d);
      const evicted = nodeLifecycleStep(d, faults);
      const unitsRan = unitsDue <= d.now;
      const kubeletUp = unitsRan && servicesStep(d);
      if (unitsRan) {
        verdicts = undefined;
        unitsDue = undefined;
      }
      const scaled = syncAutoscalers(d);
      if (started || removed || evicted || kubeletUp || scaled || batch <= d.now || (quiet && (!settled || faults.length > 0 || clockSensitive()))) {
        settled = reconcileNow();
        pacedDue = undefined;
      }
      requeue();
    }
    lastRun = { state: d, settled };
  } finally {
    listenAdmissions(previous);
  }
  d.now = Math.max(d.now, to);
  stepControlPlane(d, d.now);
  advanceFaults(d, from, d.now);
  for (const n of peekValues(d.nodes)) heartbeat(d, n);
  // The PV controller's periodic resync goes on while nothing else happens (its repeated events).
  syncClaims(d);
  expireEvents(d);
  // journald's files follow what was logged (host/journal.ts): rotation, vacuum, the disk's used bytes.
  for (const name of Object.keys(d.hosts)) {
    const h = peekValue(d.hosts, name);
    if (h.journal.length - 1 > (h.journald?.counted ?? -1)) accountJournal(d.hosts[name]);
  }
}

/**
 * Whether stepping the track `key` at `now` can only report (sim/kubelet.ts stepTrack returns
 * false): no start or exit, no readiness change, no planned probe result due.
 */
function reportsOnly(d: ClusterState, key: string, now: number): boolean {
  const t = Object.hasOwn(d.kubelet, key) ? d.kubelet[key] : undefined;
  if (!t) return true;
  if (t.until <= now) return false;
  return t.phase !== 'running' || ((t.unreadyAt === undefined || t.unreadyAt > now) && !(t.probeSteps?.length && t.probeSteps[0].at <= now));
}

/**
 * The earliest moment in the queue that still holds. An entry whose track is gone or frozen is dropped; one
 * whose track has moved is queued again at the track's own moment (so a track moved later by code
 * that did not requeue it still runs on time).
 */
function nextDue(d: ClusterState, queue: DueQueue, frozen: Map<string, number>): number {
  while (queue.size) {
    const at = queue.peekAt();
    const key = queue.pop()!;
    // Read as stored: a draft of the track (and a copy of the table) only where a step writes.
    const track = Object.hasOwn(d.kubelet, key) ? peekValue(d.kubelet, key) : undefined;
    // A track on a node whose kubelet has stopped is never due (the next advance looks again).
    if (!track || (frozen.size && onFrozenNode(d, key, frozen))) continue;
    const due = trackNextDue(track);
    queue.push(due, key);
    if (due === at) return at;
  }
  return Infinity;
}

/** Node conditions carry the time of kubelet's last status report: within the last five minutes. */
function heartbeat(d: ClusterState, seen: Node): void {
  // A node the controller marked Unknown keeps the time of kubelet's last successful post.
  // A kubelet that reports NotReady itself (Ready False) still posts its status and renews its Lease.
  // As stored (peekItems): a node this action already drafted would have every condition drafted by a scan.
  const conditions = peekItems(seen.status.conditions);
  if (conditions.some((c) => c.type === 'Ready' && c.status === 'Unknown')) return;
  const phase = hashString(seen.metadata.name) % HEARTBEAT_MS;
  const last = d.now - ((d.now - phase) % HEARTBEAT_MS + HEARTBEAT_MS) % HEARTBEAT_MS;
  const at = rfc3339(last);
  // `seen` is read as stored: the node is drafted only when a report changes a condition.
  // parseTimestamp (memoised; NaN where Date.parse gives NaN): every node's conditions are read at every clock move.
  const since = (c: Node['status']['conditions'][number]) => parseTimestamp(c.lastTransitionTime) ?? NaN;
  const stale = (c: Node['status']['conditions'][number]) => since(c) <= last && c.lastHeartbeatTime !== at;
  if (!conditions.some(stale)) return;
  for (const c of d.nodes[seen.metadata.name].status.conditions) {
    if (since(c) <= last) c.lastHeartbeatTime = at;
  }
}

/**
 * The pod `kubectl debug node/X` creates (debug.go generateNodeDebugPod and the profile's Apply,
 * 1.33): one container with stdin and a tty, pinned to the node, restartPolicy Never, tolerating
 * every taint; legacy, general and sysadmin add the host's network, PID and IPC namespaces and
 * the node's root (`host-root`, hostPath /) at /host; netadmin only the namespaces; sysadmin runs
 * privileged, netadmin adds NET_ADMIN and NET_RAW, restricted drops everything.
 */
function nodeDebugPod(node: string, name: string, image: string, container: string, profile: string): Pod {
  const hostNamespaces = ['legacy', 'general', 'sysadmin', 'netadmin'].includes(profile);
  const hostRoot = ['legacy', 'general', 'sysadmin'].includes(profile);
  const securityContext = profile === 'sysadmin' ? { privileged: true }
    : profile === 'netadmin' ? { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } }
    : profile === 'restricted' ? { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }
    : undefined;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', uid: '', creationTimestamp: '' },
    spec: {
      nodeName: node,
      ...(hostNamespaces ? { hostNetwork: true, hostPID: true, hostIPC: true } : {}),
      containers: [{ name: container, image, stdin: true, tty: true, terminationMessagePolicy: 'File', ...(securityContext ? { securityContext } : {}), ...(hostRoot ? { volumeMounts: [{ name: 'host-root', mountPath: '/host' }] } : {}) } as never],
      restartPolicy: 'Never',
      tolerations: [{ operator: 'Exists' }],
      ...(hostRoot ? { volumes: [{ name: 'host-root', hostPath: { path: '/', type: '' } }] } : {}),
    } as never,
    status: { phase: 'Pending' },
  } as Pod;
}

/** A name for `kubectl debug node/x`'s pod: `node-debugger-<node>-<5 chars>`. */
export function nodeDebugPodName(state: ClusterState, node: string): string {
  const copy = { rng: state.rng };
  return `node-debugger-${node}-${podSuffix(copy)}`;
}
