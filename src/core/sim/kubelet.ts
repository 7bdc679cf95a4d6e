import type { Container, ContainerStatus, Pod } from '../model/k8s.ts';
import type { Host, RuntimeContainer } from '../model/host.ts';
import type { ClusterState, ContainerRuntimeTrack } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { goDuration, klogStamp, MINUTE, rfc3339, SECOND } from '../time.ts';
import { resolveEnv } from './env.ts';
import { type EventReport, recordEvent } from './events.ts';
import { containerOutcome, stageVerdict } from './faults/stages.ts';
import type { FaultContext } from './faults/types.ts';
import { ensureImage } from './imagePull.ts';
import { podBlocked, preparePod } from './podSandbox.ts';
import { frozenKubelets } from './nodeLifecycle.ts';
import { hashString, hex, nextRandom } from './rng.ts';
import { controlPlaneLagMs } from './etcd/latency.ts';
import { probeRun, reportProbeStep } from './probeKubelet.ts';
import { appendKlog } from '../host/journal.ts';
import { allContainers, containerFieldPath, findContainer, incompleteInit, initContainersOf, initDone, isSidecar, readinessContainers, statusOf } from './podContainers.ts';
import { dropEntry, peekAt, putEntry } from './peek.ts';

/** Kubelet's crash-loop back-off: 10 s, doubling per crash, capped at 5 min (kubelet's defaults). */
export const BACKOFF_INITIAL_MS = 10 * SECOND;
export const BACKOFF_MAX_MS = 5 * MINUTE;
/** A container that ran this long without crashing resets its back-off. */
export const BACKOFF_RESET_MS = 10 * MINUTE;
/** How often kubelet re-reports a pod held in back-off (BackOff event, pod_workers error line). */
export const BACKOFF_REPORT_MS = 15 * SECOND;
/** From binding to the container start: sandbox, image check, create. */
export const CREATE_MS = 2 * SECOND;

const trackKey = (pod: Pod, c: string) => `${keyOf(pod.metadata.namespace, pod.metadata.name)}/${c}`;
const podRef = (pod: Pod) => `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;

/** The next instant kubelet has something to do for one container, or Infinity. */
export function trackNextDue(t: ContainerRuntimeTrack): number {
  let next = t.until;
  if (t.nextBackOffReport !== undefined && t.nextBackOffReport < next) next = t.nextBackOffReport;
  if (t.unreadyAt !== undefined && t.unreadyAt < next) next = t.unreadyAt;
  if (t.probeReportDue !== undefined && t.probeReportDue < next) next = t.probeReportDue;
  const step = t.probeSteps?.[0];
  if (step && step.at < next) next = step.at;
  return next;
}

/** The next instant kubelet has something to do for any container, or Infinity. */
export function kubeletNextDue(state: ClusterState): number {
  let next = Infinity;
  const frozen = frozenKubelets(state);
  for (const [key, t] of Object.entries(state.kubelet)) {
    if (frozen.size && onFrozenNode(state, key, frozen)) continue; // the node stage: a stopped kubelet does nothing
    const due = trackNextDue(t);
    if (due < next) next = due;
  }
  return next;
}

/**
 * Told of the pods kubelet admits while the clock runs (sim/reduce.ts advance sets it), so the
 * clock's queue learns their containers' moments without scanning every track.
 */
let onAdmit: ((pod: Pod) => void) | undefined;
/** Sets (or clears) the listener for admitted pods; returns the previous one. */
export function listenAdmissions(f: ((pod: Pod) => void) | undefined): ((pod: Pod) => void) | undefined {
  const prev = onAdmit;
  onAdmit = f;
  return prev;
}

/** kubelet resumed syncing the pod (it came back after being down): its containers' moments are due again. */
export function resyncPod(pod: Pod): void {
  onAdmit?.(pod);
}

/** The kubelet track keys of a pod's containers (`namespace/pod/container`). */
export const trackKeysOf = (pod: Pod): string[] => allContainers(pod).map((c) => trackKey(pod, c.name));

/** Whether the track's pod is on a node whose kubelet stopped syncing before now. */
export function onFrozenNode(state: ClusterState, key: string, frozen: Map<string, number>): boolean {
  const [ns, name] = key.split('/');
  const since = frozen.get(state.pods[keyOf(ns, name)]?.spec.nodeName ?? '');
  return since !== undefined && since <= state.now;
}

/**
 * A pod was bound to a node: kubelet schedules the containers' start and runs the pod-level
 * stages (volumes, sandbox: podSandbox.ts); when one fails the containers wait for its retry.
 */
export function admitPod(state: ClusterState, pod: Pod): void {
  const host = state.hosts[pod.spec.nodeName!];
  pod.status.hostIP = host.ip;
  pod.status.hostIPs = [{ ip: host.ip }];
  pod.status.startTime = rfc3339(state.now);
  // With init containers every container waits as PodInitializing until its turn (kubelet_pods.go
  // convertToAPIContainerStatuses' default waiting state), else as ContainerCreating.
  const init = initContainersOf(pod);
  const waiting = (c: Container): ContainerStatus => ({
    name: c.name, state: { waiting: { reason: init.length ? 'PodInitializing' : 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: c.image, imageID: '', started: false,
  });
  if (init.length) pod.status.initContainerStatuses = init.map(waiting);
  pod.status.containerStatuses = pod.spec.containers.map(waiting);
  // Behind a slow etcd every API write on the way (pod, binding, status) queues: pods start late.
  const lag = controlPlaneLagMs(state);
  // Init containers one at a time (the first now); the main containers once they are all done.
  for (const c of init.length ? init.slice(0, 1) : pod.spec.containers) {
    putEntry(state.kubelet, trackKey(pod, c.name), { phase: 'creating', until: state.now + CREATE_MS + lag, backoffMs: 0, loggedUntil: state.now, probeEpoch: state.now });
  }
  preparePod(state, pod, host);
  updatePodConditions(state, pod);
  onAdmit?.(pod);
}

/**
 * Runs everything due at `state.now` for every container. Returns true when a container started
 * or died (what the controllers react to); back-off reports alone change no status. The clock
 * (sim/reduce.ts advance) calls stepTrack only for the containers that are due instead.
 */
export function kubeletStep(state: ClusterState): boolean {
  let changed = false;
  const frozen = frozenKubelets(state);
  for (const key of Object.keys(state.kubelet)) if (stepTrack(state, key, frozen)) changed = true;
  return changed;
}

/**
 * Runs what is due at `state.now` for one container track (`namespace/pod/container`): its start
 * or exit, readiness loss, planned probe results, batched probe failures and back-off reports;
 * nothing on a node whose kubelet stopped (`frozen`, from nodeLifecycle.ts frozenKubelets).
 * Drops the track of a pod that is gone. Returns true when the container started, died or changed
 * readiness. May move the other containers of the same pod (a pod-level stage's retry).
 */
export function stepTrack(state: ClusterState, key: string, frozen: Map<string, number> = frozenKubelets(state)): boolean {
  const track = Object.hasOwn(state.kubelet, key) ? state.kubelet[key] : undefined;
  if (!track) return false;
  let changed = false;
  const [ns, name, cname] = key.split('/');
  const pod = state.pods[keyOf(ns, name)];
  const container = pod ? findContainer(pod, cname)?.container : undefined;
  if (!pod || !container || pod.metadata.deletionTimestamp) {
    dropEntry(state.kubelet, key); // bookkeeping of a pod that is gone
    return false;
  }
  if (frozen.size && onFrozenNode(state, key, frozen)) return false;
  if (track.until <= state.now) {
    if (track.phase === 'running') exitContainer(state, pod, container, track);
    else startContainer(state, pod, container, track);
    changed = true;
  }
  if (track.phase === 'running' && track.unreadyAt !== undefined && track.unreadyAt <= state.now) {
    becomeUnready(state, pod, container, track);
    changed = true;
  }
  while (track.phase === 'running' && track.probeSteps?.length && track.probeSteps[0].at <= state.now) {
    if (reportProbeStep(state, pod, container, track, track.probeSteps.shift()!)) changed = true;
  }
  if (track.phase === 'running' && track.probeReportDue !== undefined && track.probeReportDue <= state.now) reportProbeFailure(state, pod, container, track);
  if (track.phase === 'backoff' && track.nextBackOffReport !== undefined && track.nextBackOffReport <= state.now) {
    reportBackOff(state, pod, container, track);
  }
  return changed;
}

const podContainerRef = (pod: Pod, container: Container) => ({ kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, fieldPath: containerFieldPath(pod, container.name) });

/**
 * kubelet's container start, stage by stage (kuberuntime_container.go startContainer): the image
 * (pull stage), the config (config stage), create and start (start stage), then the run and its
 * probes. A stage that fails leaves the container waiting with that stage's reason and retries.
 */
function startContainer(state: ClusterState, pod: Pod, container: Container, track: ContainerRuntimeTrack): void {
  const host = state.hosts[pod.spec.nodeName!];
  if (track.podStage) {
    // The pod's volumes or sandbox failed: retry them; the containers follow once they pass.
    if (preparePod(state, pod, host)) for (const c of allContainers(pod)) { const t = state.kubelet[trackKey(pod, c.name)]; if (t) t.until = state.now + CREATE_MS; }
    return updatePodConditions(state, pod);
  }
  const status = statusOf(pod, container.name)!;
  const first = track.phase === 'creating';
  // Nothing counts as a restart until a process actually starts again.
  const attempt = first ? status.restartCount : status.restartCount + 1;
  const image = state.images[container.image];
  const ctx: FaultContext = { state, pod, container, host, image, attempt };
  const ev = (reason: string, message: string) => recordEvent(state, { object: podContainerRef(pod, container), type: 'Normal', reason, message, component: 'kubelet', host: host.name });
  const repo = container.image.replace(/:[^:/]+$/, ''); // drop the tag, keep a registry port
  const imageId = `${repo}@${image?.digest ?? `sha256:${hex(state, 64)}`}`;
  const pulled = ensureImage(ctx, track);
  if (pulled !== true) return holdWaiting(ctx, track, pulled.reason, pulled.message);
  const config = stageVerdict(state, 'config', ctx);
  if (config) return holdWaiting(ctx, track, 'CreateContainerConfigError', config.message);
  const refused = stageVerdict(state, 'start', ctx);
  if (refused?.reason === 'CreateContainerError') return holdWaiting(ctx, track, refused.reason, refused.message);
  status.restartCount = attempt;
  const env = resolveEnv(state, pod, container);
  const vars = env.ok ? env.vars : [];
  const outcome = refused ? undefined : containerOutcome(ctx);
  const id = hex(state, 64);
  host.nextPid += 1 + Math.floor(nextRandom(state) * 400);
  const sandbox = host.sandboxes.find((s) => s.podUid === pod.metadata.uid);
  const logs: RuntimeContainer['logs'] = [];
  const probes = refused ? undefined : probeRun(state, pod, container, outcome, attempt, track);
  const lifetime = probes?.exitAfterMs ?? (outcome ? outcome.exitAfterMs : Infinity);
  for (const line of [...(refused || outcome?.noImageLogs ? [] : image?.startupLogs ?? []), ...(outcome?.logs ?? []), ...(probes?.logs ?? [])].sort((a, b) => a.afterMs - b.afterMs)) {
    if (line.afterMs >= lifetime) continue;
    const at = state.now + line.afterMs;
    logs.push({ at, stream: line.stream, text: line.text.replaceAll('{ts}', rfc3339(at)).replaceAll('{klog}', klogStamp(at)).replaceAll('{pod}', pod.metadata.name).replaceAll('{node}', host.name).replaceAll('{ip}', host.ip) });
  }
  host.containers.push({
    id, sandboxId: sandbox?.id ?? '', podUid: pod.metadata.uid, podName: pod.metadata.name, namespace: pod.metadata.namespace!, name: container.name,
    attempt, image: container.image, imageId: image?.digest ?? '', createdAt: state.now, startedAt: state.now, state: 'CONTAINER_RUNNING', pid: host.nextPid, logs, env: vars,
  });
  // kubelet keeps one dead container per container (MaxPerPodContainer=1); older ones are removed.
  const dead = host.containers.filter((c) => c.podUid === pod.metadata.uid && c.name === container.name && c.state === 'CONTAINER_EXITED');
  for (const old of dead.slice(0, -1)) host.containers.splice(host.containers.indexOf(old), 1);
  containerd(state, host, `CreateContainer within sandbox \\"${sandbox?.id ?? ''}\\" for container &ContainerMetadata{Name:${container.name},Attempt:${attempt},}`);
  if (refused) return failStart(ctx, track, id, refused.message);
  containerd(state, host, `StartContainer for \\"${id}\\" returns successfully`);
  ev('Created', `Created container ${container.name}`);
  ev('Started', `Started container ${container.name}`);
  pleg(host, state.now, pod, 'ContainerStarted', id);
  status.state = { running: { startedAt: rfc3339(state.now) } };
  // An init container (not a sidecar) reads ready only once it exited 0 (prober_manager UpdatePodStatus).
  const init = findContainer(pod, container.name)?.init === true;
  status.ready = init && !isSidecar(container) ? false : probes ? probes.readyAtStart : !outcome || outcome.readyWhileRunning === true || (outcome.unready !== undefined && outcome.unready.afterMs > 0);
  status.started = probes ? probes.startedAtStart : true;
  status.containerID = `containerd://${id}`;
  status.imageID = imageId;
  // The pod stays Pending while it initializes (getPhase's pendingInitialization), sidecars running or not.
  if (!init) pod.status.phase = 'Running';
  track.phase = 'running';
  track.until = state.now + lifetime;
  track.containerId = id;
  track.exit = probes?.exit ?? (outcome && Number.isFinite(lifetime) ? { exitCode: outcome.exitCode, reason: outcome.reason, signal: outcome.signal } : undefined);
  track.probeSteps = probes?.steps;
  track.nextBackOffReport = undefined;
  track.unreadyAt = outcome?.unready && outcome.unready.afterMs > 0 ? state.now + outcome.unready.afterMs : undefined;
  track.nextProbeReport = outcome?.unready && outcome.unready.afterMs === 0 ? state.now + probePeriodMs(container) : undefined;
  track.probeReportDue = track.nextProbeReport;
  track.probeFailure = outcome?.unready?.probeOutput;
  track.loggedUntil = state.now;
  updatePodConditions(state, pod);
  if (init && isSidecar(container)) startNext(state, pod); // a started sidecar lets the next one go
}

/** How long kubelet takes from one init container's end to the next container's start (its next sync). */
const NEXT_INIT_MS = 1 * SECOND;

/**
 * kubelet's computeInitContainerActions: after an init container exited 0 (or a sidecar started),
 * the next init container is created; after the last, the main containers. Creates the tracks of
 * whatever is next and has none; nothing while an earlier init container is still going.
 */
function startNext(state: ClusterState, pod: Pod): void {
  const begin = (c: Container) => {
    if (Object.hasOwn(state.kubelet, trackKey(pod, c.name))) return;
    putEntry(state.kubelet, trackKey(pod, c.name), { phase: 'creating', until: state.now + NEXT_INIT_MS, backoffMs: 0, loggedUntil: state.now, probeEpoch: state.now });
  };
  for (const c of initContainersOf(pod)) {
    if (initDone(c, statusOf(pod, c.name))) continue;
    begin(c);
    return onAdmit?.(pod);
  }
  for (const c of pod.spec.containers) begin(c);
  onAdmit?.(pod);
}

/**
 * RunContainerError: the container was created but the OCI runtime could not start its process
 * (an entry point that is not there). kubelet reports `Failed` with the runtime's error; the
 * container is terminated with exit code 128, reason `StartError`, never started (1970 in
 * describe), and the crash-loop back-off applies before the next attempt.
 */
function failStart(ctx: FaultContext, track: ContainerRuntimeTrack, id: string, message: string): void {
  const { state, pod, container, host } = ctx;
  const status = statusOf(pod, container.name)!;
  const rc = host.containers.find((c) => c.id === id)!;
  Object.assign(rc, { state: 'CONTAINER_EXITED', finishedAt: state.now, exitCode: 128, reason: 'StartError' });
  containerd(state, host, `StartContainer for \\"${id}\\" failed`, `error="${goQuote(message)}"`, 'error');
  recordEvent(state, { object: podContainerRef(pod, container), type: 'Normal', reason: 'Created', message: `Created container ${container.name}`, component: 'kubelet', host: host.name });
  recordEvent(state, { object: podContainerRef(pod, container), type: 'Warning', reason: 'Failed', message: `Error: ${message}`, component: 'kubelet', host: host.name });
  status.containerID = `containerd://${id}`;
  status.lastState = { terminated: { exitCode: 128, reason: 'StartError', message, startedAt: rfc3339(0), finishedAt: rfc3339(state.now), containerID: `containerd://${id}` } };
  status.state = { waiting: { reason: 'RunContainerError', message } };
  status.ready = false;
  status.started = false;
  track.containerId = id;
  track.backoffMs = track.backoffMs === 0 ? BACKOFF_INITIAL_MS : Math.min(track.backoffMs * 2, BACKOFF_MAX_MS);
  track.phase = 'backoff';
  track.probeSteps = undefined;
  track.until = state.now + track.backoffMs;
  track.nextBackOffReport = state.now + BACKOFF_REPORT_MS < track.until ? state.now + BACKOFF_REPORT_MS : undefined;
  updatePodConditions(state, pod);
}

/** How often kubelet's pod worker retries a container a stage refused (its back-off after a sync error). */
export const CONFIG_RETRY_MS = 10 * SECOND;

/**
 * A stage refused the container before any process ran (ErrImagePull, ImagePullBackOff,
 * CreateContainerConfigError, CreateContainerError): kubelet creates nothing, leaves it waiting
 * with that reason, reports a `Failed` event (`Error: <message>` for config and create errors, the
 * bare reason for image errors) and the pod worker's error line, and retries on its next sync.
 */
function holdWaiting(ctx: FaultContext, track: ContainerRuntimeTrack, reason: string, message: string): void {
  const { state, pod, container, host } = ctx;
  const status = statusOf(pod, container.name)!;
  let texts = holdTexts.get(track);
  if (!texts || texts.pod !== pod || texts.name !== container.name || texts.reason !== reason || texts.message !== message || texts.event.host !== host.name) {
    const imageError = reason === 'ErrImagePull' || reason === 'ImagePullBackOff';
    texts = {
      pod, name: container.name, reason, message,
      event: { object: podContainerRef(pod, container), type: 'Warning', reason: 'Failed', message: `Error: ${imageError ? reason : message}`, component: 'kubelet', host: host.name },
      line: `"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"${container.name}\\" with ${reason}: \\"${goQuote(goQuote(message))}\\"" pod="${pod.metadata.namespace}/${pod.metadata.name}" podUID="${pod.metadata.uid}"`,
    };
    holdTexts.set(track, texts);
  }
  recordEvent(state, texts.event);
  kubeletLog(host, state.now, 'E', 'pod_workers.go:1301', texts.line, CONFIG_RETRY_MS);
  status.state = { waiting: { reason, message } };
  status.ready = false;
  status.started = false;
  track.until = state.now + CONFIG_RETRY_MS;
  track.nextBackOffReport = undefined;
  updatePodConditions(state, pod);
}

/** What a held container's retry says, by track: the same every 10 s while the stage refuses it for the same reason (as backOffTexts). */
const holdTexts = new WeakMap<ContainerRuntimeTrack, { pod: Pod; name: string; reason: string; message: string; event: EventReport; line: string }>();

function exitContainer(state: ClusterState, pod: Pod, container: Container, track: ContainerRuntimeTrack): void {
  const host = state.hosts[pod.spec.nodeName!];
  const status = statusOf(pod, container.name)!;
  const rc = host.containers.find((c) => c.id === track.containerId);
  const exit = track.exit ?? { exitCode: 0, reason: 'Completed' };
  const startedAt = rc?.startedAt ?? state.now;
  if (rc) {
    rc.state = 'CONTAINER_EXITED';
    rc.finishedAt = state.now;
    rc.exitCode = exit.exitCode;
    rc.reason = exit.reason;
  }
  const comm = (state.images[container.image]?.binary ?? container.name).split('/').pop()!;
  // The outcome is a pure function of the attempt, so it is derived again rather than stored.
  const outcome = containerOutcome({ state, pod, container, host, image: state.images[container.image], attempt: status.restartCount });
  const sandbox = host.sandboxes.find((s) => s.podUid === pod.metadata.uid);
  const lines = outcome?.kernelLines?.({ pid: rc?.pid ?? 0, comm, at: state.now, state, containerId: track.containerId ?? '', priorOomKills: sandbox?.oomKills ?? 0 }) ?? [];
  lines.forEach((text, i) => {
    // One printk after another: a few microseconds apart, as dmesg shows them.
    const at = state.now - (lines.length - i) * 0.021;
    host.kmsg.push({ at, level: 6, text });
    host.journal.push({ at, ident: 'kernel', priority: 6, message: text });
  });
  if (exit.reason === 'OOMKilled') {
    if (sandbox) sandbox.oomKills = (sandbox.oomKills ?? 0) + 1;
    containerd(state, host, `TaskOOM event container_id:\\"${track.containerId}\\"`);
  }
  containerd(state, host, `shim disconnected`, `id=${track.containerId} namespace=k8s.io`);
  containerd(state, host, `cleaning up after shim disconnected`, `id=${track.containerId} namespace=k8s.io`);
  const terminated = { exitCode: exit.exitCode, reason: exit.reason, startedAt: rfc3339(startedAt), finishedAt: rfc3339(state.now), containerID: `containerd://${track.containerId}` };
  const logExit = () => {
    kubeletLog(host, state.now, 'I', 'kuberuntime_container.go:779', `"Container exited" pod="${pod.metadata.namespace}/${pod.metadata.name}" containerName="${container.name}" exitCode=${exit.exitCode}`);
    pleg(host, state.now, pod, 'ContainerDied', track.containerId ?? '');
  };
  // A sidecar is always restarted; another init container as OnFailure unless the pod says Never
  // (an init failure under Never fails the pod: Init:Error).
  const init = findContainer(pod, container.name)?.init === true;
  const podPolicy = pod.spec.restartPolicy ?? 'Always';
  const policy = init ? (isSidecar(container) ? 'Always' : podPolicy === 'Never' ? 'Never' : 'OnFailure') : podPolicy;
  if (policy === 'Never' || (policy === 'OnFailure' && exit.exitCode === 0)) {
    // Not restarted (computePodActions): the container stays terminated, lastState as it was.
    status.state = { terminated };
    status.ready = init && exit.exitCode === 0;
    status.started = false;
    Object.assign(track, { phase: 'exited', until: Infinity, probeSteps: undefined, nextBackOffReport: undefined, unreadyAt: undefined, probeReportDue: undefined });
    logExit();
    if (init && exit.exitCode === 0) startNext(state, pod);
    else if (init) failInit(state, pod, host);
    else settleTerminalPod(state, pod, host);
    return updatePodConditions(state, pod);
  }
  const ran = state.now - startedAt;
  track.backoffMs = ran >= BACKOFF_RESET_MS || track.backoffMs === 0 ? BACKOFF_INITIAL_MS : Math.min(track.backoffMs * 2, BACKOFF_MAX_MS);
  status.lastState = { terminated };
  status.state = crashLoopWaiting(pod, container, track);
  status.ready = false;
  status.started = false;
  track.phase = 'backoff';
  track.probeSteps = undefined;
  track.until = state.now + track.backoffMs;
  track.nextBackOffReport = state.now;
  logExit();
  updatePodConditions(state, pod);
}

/**
 * kubelet's getPhase once no container of the pod will run again: Succeeded when every one exited
 * 0, Failed otherwise; the pod's sandbox is stopped (crictl pods: NotReady).
 */
function settleTerminalPod(state: ClusterState, pod: Pod, host: Host): void {
  const statuses = pod.status.containerStatuses ?? [];
  if (!statuses.every((s) => s.state.terminated)) return;
  // Sidecars do not count (1.29+): the phase is the main containers'; then kubelet stops the sidecars.
  pod.status.phase = statuses.every((s) => s.state.terminated!.exitCode === 0) ? 'Succeeded' : 'Failed';
  stopSidecars(state, pod, host);
  const sandbox = host.sandboxes.find((x) => x.podUid === pod.metadata.uid);
  if (sandbox) sandbox.state = 'SANDBOX_NOTREADY';
}

/** An init container failed under `restartPolicy: Never`: the pod fails and nothing else starts. */
function failInit(state: ClusterState, pod: Pod, host: Host): void {
  pod.status.phase = 'Failed';
  stopSidecars(state, pod, host);
  const sandbox = host.sandboxes.find((x) => x.podUid === pod.metadata.uid);
  if (sandbox) sandbox.state = 'SANDBOX_NOTREADY';
}

/**
 * The main containers are done: kubelet stops the sidecars, last started first (1.29+), each
 * SIGTERMed and ending as a process that handles it (exit 0, Completed); no restart follows.
 */
function stopSidecars(state: ClusterState, pod: Pod, host: Host): void {
  for (const c of [...initContainersOf(pod)].reverse()) {
    if (!isSidecar(c)) continue;
    const key = trackKey(pod, c.name);
    const track = Object.hasOwn(state.kubelet, key) ? state.kubelet[key] : undefined;
    const status = statusOf(pod, c.name);
    if (!track || !status) continue;
    const rc = track.phase === 'running' ? host.containers.find((r) => r.id === track.containerId) : undefined;
    if (rc) Object.assign(rc, { state: 'CONTAINER_EXITED', finishedAt: state.now, exitCode: 0, reason: 'Completed' });
    if (rc) status.state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: rfc3339(rc.startedAt ?? state.now), finishedAt: rfc3339(state.now), containerID: `containerd://${rc.id}` } };
    status.ready = false;
    status.started = false;
    Object.assign(track, { phase: 'exited', until: Infinity, probeSteps: undefined, nextBackOffReport: undefined, unreadyAt: undefined, probeReportDue: undefined });
  }
}

const probePeriodMs = (c: Container) => (c.readinessProbe?.periodSeconds ?? 10) * SECOND;

/** The readiness probe starts failing: the container stays up, the pod leaves the Ready state. */
function becomeUnready(state: ClusterState, pod: Pod, container: Container, track: ContainerRuntimeTrack): void {
  const status = statusOf(pod, container.name)!;
  status.ready = false;
  track.unreadyAt = undefined;
  track.nextProbeReport = state.now;
  track.probeReportDue = state.now;
  updatePodConditions(state, pod);
}

/**
 * Failed readiness probes as kubelet reports them: one `Unhealthy` event per probe period
 * (aggregated into a count) and a prober log line each. Reported in batches of PROBE_BATCH_MS so a
 * long warm-up does not step through every 5 s probe; each line still carries its own time.
 */
function reportProbeFailure(state: ClusterState, pod: Pod, container: Container, track: ContainerRuntimeTrack): void {
  const host = state.hosts[pod.spec.nodeName!];
  const output = track.probeFailure ?? '';
  const period = probePeriodMs(container);
  const from = track.nextProbeReport ?? state.now;
  const times = from <= state.now ? Math.floor((state.now - from) / period) + 1 : 0;
  let texts = probeTexts.get(track);
  if (!texts || texts.pod !== pod || texts.name !== container.name || texts.output !== output || texts.event.host !== host.name) {
    texts = {
      pod, name: container.name, output,
      line: `"Probe failed" probeType="Readiness" pod="${pod.metadata.namespace}/${pod.metadata.name}" podUID="${pod.metadata.uid}" containerName="${container.name}" probeResult="failure" output="${output}"`,
      event: { object: podContainerRef(pod, container), type: 'Warning', reason: 'Unhealthy', message: `Readiness probe failed: ${output}`, component: 'kubelet', host: host.name },
    };
    probeTexts.set(track, texts);
  }
  // One record for the batch's lines (the journal renders each at its own time when read).
  kubeletLog(host, from, 'I', 'prober.go:107', texts.line, period, times);
  recordEvent(state, texts.event, times);
  track.nextProbeReport = from + times * period;
  track.probeReportDue = state.now + PROBE_BATCH_MS;
}

/** What a batch of failed probes says, by track: built once, shared by every batch's records (as backOffTexts). */
const probeTexts = new WeakMap<ContainerRuntimeTrack, { pod: Pod; name: string; output: string; line: string; event: EventReport }>();

/** How far apart the simulation writes batches of probe failures (ms); the counts stay exact. */
const PROBE_BATCH_MS = 30 * SECOND;

/** The waiting state of a container held in crash-loop back-off, as kubelet words it. */
const crashLoopWaiting = (pod: Pod, container: Container, track: ContainerRuntimeTrack) => ({
  waiting: { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(track.backoffMs)} restarting failed container=${container.name} pod=${podRef(pod)}` },
});

/**
 * What a back-off report says, by track: a crash loop re-reports every 15 s with the same event
 * and journal line until its next restart, so they are built once and every record shares them.
 */
const backOffTexts = new WeakMap<ContainerRuntimeTrack, { pod: Pod; name: string; backoffMs: number; event: EventReport; line: string }>();

function backOffReport(pod: Pod, container: Container, track: ContainerRuntimeTrack, host: Host): { event: EventReport; line: string } {
  const hit = backOffTexts.get(track);
  if (hit && hit.pod === pod && hit.name === container.name && hit.backoffMs === track.backoffMs && hit.event.host === host.name) return hit;
  const texts = {
    pod, name: container.name, backoffMs: track.backoffMs,
    event: {
      object: podContainerRef(pod, container),
      type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${container.name} in pod ${podRef(pod)}`, component: 'kubelet', host: host.name,
    } satisfies EventReport,
    line: `"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"${container.name}\\" with CrashLoopBackOff: \\"back-off ${goDuration(track.backoffMs)} restarting failed container=${container.name} pod=${podRef(pod)}\\"" pod="${pod.metadata.namespace}/${pod.metadata.name}" podUID="${pod.metadata.uid}"`,
  };
  backOffTexts.set(track, texts);
  return texts;
}

function reportBackOff(state: ClusterState, pod: Pod, container: Container, track: ContainerRuntimeTrack): void {
  const host = state.hosts[pod.spec.nodeName!];
  const status = statusOf(pod, container.name)!;
  // The sync after a RunContainerError finds the container exited: from then on it is a crash loop.
  if (status.state.waiting?.reason === 'RunContainerError') status.state = crashLoopWaiting(pod, container, track);
  const report = backOffReport(pod, container, track, host);
  recordEvent(state, report.event);
  kubeletLog(host, state.now, 'E', 'pod_workers.go:1301', report.line, BACKOFF_REPORT_MS);
  const next = state.now + BACKOFF_REPORT_MS;
  track.nextBackOffReport = next < track.until ? next : undefined;
}

/** Recomputes the pod's conditions from its container statuses, as kubelet's status manager does. */
export function updatePodConditions(state: ClusterState, pod: Pod): void {
  const now = rfc3339(state.now);
  // Readiness counts the sidecars, then the main containers (status/generate.go, 1.29+).
  const statuses: ContainerStatus[] = readinessContainers(pod).map((c) => statusOf(pod, c.name)).filter((s) => s !== undefined);
  const allReady = statuses.length > 0 && statuses.every((s) => s.ready);
  // Once initialized, a pod stays so (a sidecar that later crashes does not undo it: GeneratePodInitializedCondition).
  const wasInitialized = (pod.status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  const incomplete = wasInitialized ? [] : incompleteInit(pod);
  const terminal = pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed';
  const sandboxReady = pod.spec.nodeName !== undefined && statuses.length > 0 && !terminal && !podBlocked(state, pod);
  // A pod whose containers all completed reads PodCompleted (GeneratePodReadyCondition, status/generate.go).
  const completed = pod.status.phase === 'Succeeded';
  const want: Record<string, 'True' | 'False'> = {
    PodReadyToStartContainers: sandboxReady ? 'True' : 'False',
    Initialized: incomplete.length ? 'False' : 'True',
    Ready: allReady ? 'True' : 'False',
    ContainersReady: allReady ? 'True' : 'False',
    PodScheduled: pod.spec.nodeName ? 'True' : 'False',
  };
  const old = pod.status.conditions ?? [];
  // Conditions kubelet does not own (DisruptionTarget from an eviction or preemption) stay, first.
  const foreign = old.filter((c) => !Object.hasOwn(want, c.type));
  pod.status.conditions = [...foreign, ...Object.entries(want).map(([type, status]) => {
    const prev = old.find((c) => c.type === type);
    const readiness = type === 'Ready' || type === 'ContainersReady';
    const reason = completed && (readiness || type === 'Initialized') ? 'PodCompleted' : status === 'False' && readiness ? 'ContainersNotReady'
      : status === 'False' && type === 'Initialized' ? 'ContainersNotInitialized' : undefined;
    const message = reason === 'ContainersNotReady' ? `containers with unready status: [${statuses.filter((s) => !s.ready).map((s) => s.name).join(' ')}]`
      : reason === 'ContainersNotInitialized' ? `containers with incomplete status: [${incomplete.join(' ')}]` : undefined;
    return {
      type, status, lastProbeTime: null,
      lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    };
  })];
}

/** kubelet's sync loop noticing a container event from PLEG (kubelet.go, logged at --v=2 as EKS and kubeadm run it). */
function pleg(host: Host, at: number, pod: Pod, type: 'ContainerStarted' | 'ContainerDied', data: string): void {
  kubeletLog(host, at, 'I', 'kubelet.go:2473', `"SyncLoop (PLEG): event for pod" pod="${pod.metadata.namespace}/${pod.metadata.name}" event={"ID":"${pod.metadata.uid}","Type":"${type}","Data":"${data}"}`);
}

/** Appends a containerd journal line in containerd 1.7's logrus format. */
export function containerd(state: ClusterState, host: Host, msg: string, fields = '', level: 'info' | 'error' = 'info'): void {
  const unit = host.units['containerd.service'];
  // Lines logged in the same millisecond keep their order: each later one gets a larger sub-millisecond part.
  let same = 0;
  // Read without drafting the entries (peekAt): only the journal array itself changes here.
  for (let i = host.journal.length - 1; i >= 0; i--) {
    const e = peekAt(host.journal, i);
    if (e.at !== state.now) break;
    if (e.ident === 'containerd') same++;
  }
  const nanos = String(Math.min(same, 9) * 100_000 + (hashString(`${state.now}${msg}`) % 100_000)).padStart(6, '0');
  const ts = rfc3339(state.now).replace('Z', `.${String(state.now % 1000).padStart(3, '0')}${nanos}Z`);
  // Frozen as written (a journal record is never edited in place): a long move's freeze skips it.
  host.journal.push(Object.freeze({ at: state.now, ident: 'containerd', unit: 'containerd.service', pid: unit?.mainPid, priority: level === 'error' ? 3 : 6, message: `time="${ts}" level=${level} msg="${msg}"${fields ? ` ${fields}` : ''}` }));
}

/** Go's %q for the strings kubelet and containerd log: backslashes and double quotes escaped. */
export function goQuote(s: string): string {
  return s.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
}

/** Appends a kubelet journal line at `at` (ms) with klog's header: `E0612 10:27:21.123456    1869 file.go:123] msg`. */
export function kubeletLog(host: Host, at: number, severity: 'I' | 'W' | 'E', where: string, msg: string, every = 0, count = 1): void {
  const pid = host.units['kubelet.service']?.mainPid ?? 1869;
  // Kept unformatted (host/journal.ts renders the header when read); `count` lines `every` ms apart when repeated.
  appendKlog(host, { at, ident: 'kubelet', unit: 'kubelet.service', pid, priority: severity === 'E' ? 3 : severity === 'W' ? 4 : 6, klog: { severity, where, msg } }, every, count);
}

/**
 * `crictl stop ID` (a full id or a unique prefix): the process gets SIGTERM and exits 0; kubelet
 * notices at once and restarts it after the usual back-off. Returns the container, or undefined
 * when no running container matches.
 */
export function stopContainer(state: ClusterState, hostName: string, id: string): RuntimeContainer | undefined {
  const host = state.hosts[hostName];
  const rc = host?.containers.find((c) => c.state === 'CONTAINER_RUNNING' && (c.id === id || (id.length > 0 && c.id.startsWith(id))));
  if (!rc) return undefined;
  const track = state.kubelet[`${rc.namespace}/${rc.podName}/${rc.name}`];
  if (track && track.containerId === rc.id) {
    track.until = state.now;
    track.exit = { exitCode: 0, reason: 'Completed' };
  }
  return rc;
}

/** Stops a pod's containers at once (a forced deletion): running ones are SIGKILLed (137); bookkeeping and runtime objects go. */
export function stopPod(state: ClusterState, pod: Pod): void {
  const host = pod.spec.nodeName ? state.hosts[pod.spec.nodeName] : undefined;
  for (const c of allContainers(pod)) dropEntry(state.kubelet, trackKey(pod, c.name));
  if (host) {
    for (const rc of host.containers) {
      if (rc.podUid !== pod.metadata.uid || rc.state !== 'CONTAINER_RUNNING') continue;
      Object.assign(rc, { state: 'CONTAINER_EXITED', finishedAt: state.now, exitCode: 137, reason: 'Error' });
    }
  }
  removePodRuntime(state, pod);
}

/** The runtime removes a deleted pod's containers and sandbox (kubelet's garbage collection, soon after). */
export function removePodRuntime(state: ClusterState, pod: Pod): void {
  const host = pod.spec.nodeName ? state.hosts[pod.spec.nodeName] : undefined;
  if (!host) return;
  host.containers = host.containers.filter((r) => r.podUid !== pod.metadata.uid);
  host.sandboxes = host.sandboxes.filter((s) => s.podUid !== pod.metadata.uid);
}
