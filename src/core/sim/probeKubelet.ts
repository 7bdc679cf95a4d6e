import type { Container, Pod, Probe } from '../model/k8s.ts';
import type { ClusterState, ContainerRuntimeTrack, ProbeStep } from '../model/state.ts';
import { SECOND } from '../time.ts';
import { recordEvent } from './events.ts';
import type { ContainerOutcome } from './faults/types.ts';
import { containerd, kubeletLog, updatePodConditions } from './kubelet.ts';
import { planProbes, probeFailureOutput, type ProbeType } from './probes.ts';
import { hashString } from './rng.ts';
import { containerFieldPath, statusOf } from './podContainers.ts';

/** How one container run goes under its probes, as startContainer needs it. */
export interface ProbeRun {
  /** ms after start when the process ends because a probe had it killed; undefined: probes never kill it. */
  exitAfterMs?: number;
  exit?: { exitCode: number; reason: string; signal: number };
  startedAtStart: boolean;
  readyAtStart: boolean;
  /** Absolute-time steps for kubelet to report (track.probeSteps). */
  steps: ProbeStep[];
  /** What the process writes when SIGTERM arrives (a graceful shutdown), ms after start. */
  logs: { afterMs: number; stream: 'stdout' | 'stderr'; text: string }[];
}

const stepOrder = { failed: 0, started: 1, ready: 2, kill: 3 } as const;

/**
 * Plans the probes of a container that is starting now, when they matter: the application is a
 * slow starter (a `warmUp` outcome) or the container has a startupProbe. Otherwise undefined, and
 * the container is started and Ready at once, as before probes were modelled (an application that
 * answers at once passes every probe; its first readiness tick is not waited for).
 */
export function probeRun(state: ClusterState, pod: Pod, c: Container, outcome: ContainerOutcome | undefined, attempt: number, track: ContainerRuntimeTrack): ProbeRun | undefined {
  const warm = outcome?.warmUp;
  if (!warm && !c.startupProbe) return undefined;
  const plan = planProbes(c, { healthyAfterMs: warm?.healthyAfterMs ?? 0, lifetimeMs: outcome?.exitAfterMs ?? Infinity, sinceWorkerMs: state.now - (track.probeEpoch ?? state.now) });
  const probeOf = (t: ProbeType): Probe => (t === 'Startup' ? c.startupProbe : t === 'Liveness' ? c.livenessProbe : c.readinessProbe)!;
  const at = (ms: number) => state.now + ms;
  const steps: ProbeStep[] = plan.failures.map((f) => ({ at: at(f.atMs), kind: 'failed', probe: f.type, output: probeFailureOutput(pod, c, probeOf(f.type), warm?.refusal ?? 'connection-refused') }));
  if (plan.startedMs !== undefined && plan.startedMs > 0) steps.push({ at: at(plan.startedMs), kind: 'started' });
  if (plan.readyMs !== undefined && plan.readyMs > 0) steps.push({ at: at(plan.readyMs), kind: 'ready' });
  const run: ProbeRun = { startedAtStart: plan.startedMs === 0, readyAtStart: plan.readyMs === 0, steps, logs: [] };
  if (plan.kill) {
    const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
    steps.push({ at: at(plan.kill.atMs), kind: 'kill', probe: plan.kill.type, gracePeriodSeconds: grace });
    if ((warm?.sigterm ?? 'exit') === 'exit') {
      // A SIGTERM handler closes listeners and exits 128 + 15 within a second or so.
      run.exitAfterMs = plan.kill.atMs + 250 + (hashString(`${pod.metadata.uid}/${c.name}/${attempt}`) % 700);
      run.exit = { exitCode: 143, reason: 'Error', signal: 15 };
      run.logs = (warm?.shutdownLogs ?? []).map((l, i) => ({ afterMs: plan.kill!.atMs + 40 + i * 15, stream: l.stream, text: l.text }));
    } else {
      // SIGTERM ignored: the runtime sends SIGKILL when the grace period runs out (128 + 9).
      run.exitAfterMs = plan.kill.atMs + grace * SECOND;
      run.exit = { exitCode: 137, reason: 'Error', signal: 9 };
    }
  }
  steps.sort((a, b) => a.at - b.at || stepOrder[a.kind] - stepOrder[b.kind]);
  return run;
}

/**
 * Reports one planned probe step at its time, as kubelet 1.31 does: a failed probe is a Warning
 * `Unhealthy` event (`Liveness probe failed: …`) and a prober.go line; a passing startup or
 * readiness probe changes the container status (SyncLoop (probe) line); a kill is the Normal
 * `Killing` event `Container NAME failed liveness probe, will be restarted`, kubelet's lines
 * about it and containerd's SIGTERM. Returns true when readiness changed (controllers react).
 */
export function reportProbeStep(state: ClusterState, pod: Pod, c: Container, track: ContainerRuntimeTrack, step: ProbeStep): boolean {
  const host = state.hosts[pod.spec.nodeName!];
  const ns = pod.metadata.namespace;
  const podKey = `${ns}/${pod.metadata.name}`;
  const status = statusOf(pod, c.name)!;
  const ev = (type: 'Normal' | 'Warning', reason: string, message: string) => recordEvent(state, {
    object: { kind: 'Pod', namespace: ns, name: pod.metadata.name, uid: pod.metadata.uid, fieldPath: containerFieldPath(pod, c.name) },
    type, reason, message, component: 'kubelet', host: host.name,
  });
  const syncLoop = (probe: string, result: string) => kubeletLog(host, state.now, 'I', 'kubelet.go:2562', `"SyncLoop (probe)" probe="${probe}" status="${result}" pod="${podKey}"`);
  switch (step.kind) {
    case 'failed':
      kubeletLog(host, state.now, 'I', 'prober.go:107', `"Probe failed" probeType="${step.probe}" pod="${podKey}" podUID="${pod.metadata.uid}" containerName="${c.name}" probeResult="failure" output=${JSON.stringify(step.output)}`);
      ev('Warning', 'Unhealthy', `${step.probe} probe failed: ${step.output}`);
      return false;
    case 'started':
      status.started = true;
      syncLoop('startup', 'started');
      return false;
    case 'ready':
      status.ready = true;
      syncLoop('readiness', 'ready');
      updatePodConditions(state, pod);
      return true;
    case 'kill': {
      const message = `Container ${c.name} failed ${step.probe.toLowerCase()} probe, will be restarted`;
      const cid = `containerd://${track.containerId ?? ''}`;
      syncLoop(step.probe.toLowerCase(), 'unhealthy');
      kubeletLog(host, state.now, 'I', 'kuberuntime_manager.go:1056', `"Message for Container of pod" containerName="${c.name}" containerStatusID="${cid}" pod="${podKey}" containerMessage="${message}"`);
      ev('Normal', 'Killing', message);
      kubeletLog(host, state.now, 'I', 'kuberuntime_container.go:809', `"Killing container with a grace period" pod="${podKey}" podUID="${pod.metadata.uid}" containerName="${c.name}" containerID="${cid}" gracePeriod=${step.gracePeriodSeconds}`);
      containerd(state, host, `StopContainer for \\"${track.containerId}\\" with timeout ${step.gracePeriodSeconds} (s)`);
      containerd(state, host, `Stop container \\"${track.containerId}\\" with signal terminated`);
      status.ready = false;
      updatePodConditions(state, pod);
      return true;
    }
  }
}
