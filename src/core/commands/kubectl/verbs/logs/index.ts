import type { Container, ContainerStatus, Pod } from '../../../../model/k8s.ts';
import type { RuntimeContainer } from '../../../../model/host.ts';
import type { ClusterState } from '../../../../model/state.ts';
import type { CommandContext, CommandResult, Follow } from '../../../types.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { hashString } from '../../../../sim/rng.ts';
import { defaultContainer, resolvePodTarget, type TargetError } from './target.ts';

const USAGE_ERROR = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n";

/**
 * `kubectl logs`, kubectl 1.33 with kubelet's rules: the current or previous (`-p`) instance of a
 * container, read from the runtime record on the pod's node (Host.containers), `--tail`,
 * `--timestamps` (RFC 3339 with nanoseconds), `--prefix`, `--all-containers`, `-f` (a Follow that
 * prints lines as the clock moves until the container exits) and `deploy/x` (the first pod).
 */
export const verb: KubectlVerb = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  usage: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
  examples: '  # Return snapshot logs from pod nginx with only one container\n  kubectl logs nginx\n\n  # Return snapshot of previous terminated ruby container logs from pod web-1\n  kubectl logs -p -c ruby web-1\n\n  # Display only the most recent 20 lines of output in pod nginx\n  kubectl logs --tail=20 nginx',
  flags: [
    { name: 'container', short: 'c', type: 'string', help: 'Print the logs of this container' },
    { name: 'previous', short: 'p', type: 'bool', help: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { name: 'follow', short: 'f', type: 'bool', help: 'Specify if the logs should be streamed.' },
    { name: 'tail', type: 'int', default: -1, help: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.' },
    { name: 'timestamps', type: 'bool', help: 'Include timestamps on each line in the log output' },
    { name: 'all-containers', type: 'bool', help: 'Get all containers\' logs in the pod(s).' },
    { name: 'prefix', type: 'bool', help: 'Prefix each log line with the log source (pod name and container name)' },
    { name: 'ignore-errors', type: 'bool', help: 'If watching / following pod logs, allow for any errors that occur to be non-fatal' },
    { name: 'pod-running-timeout', type: 'string', default: '20s', help: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
  ],
  run: runLogs,
};

interface Stream {
  container: string;
  lines: RuntimeContainer['logs'];
  /** The runtime container being read, for -f. */
  id?: string;
}

function runLogs(opts: KubectlInvocation, ctx: CommandContext): CommandResult {
  const v = opts.flags.values;
  const args = opts.flags.positionals;
  if (args.length === 0 || args.length > 2) return { stdout: '', stderr: USAGE_ERROR, exitCode: 1 };
  const tail = Number(v.tail ?? -1);
  if (tail < -1) return { stdout: '', stderr: 'error: --tail must be greater than or equal to -1\n', exitCode: 1 };
  const state = ctx.state;
  const target = resolvePodTarget(state, opts.namespace, args[0]);
  if (!target.ok) return { stdout: '', stderr: targetError(target.error, opts.namespace), exitCode: 1 };
  const pod = target.pod;
  let stderr = target.podCount > 1 ? `Found ${target.podCount} pods, using pod/${pod.metadata.name}\n` : '';
  const previous = v.previous === true;
  const names: string[] = [];
  if (v['all-containers'] === true) {
    names.push(...((pod.spec as { initContainers?: Container[] }).initContainers ?? []).map((c) => c.name), ...(pod.spec.containers ?? []).map((c) => c.name), ...(pod.spec.ephemeralContainers ?? []).map((c) => c.name));
  } else {
    let name = String(v.container ?? '') || args[1] || '';
    if (!name) {
      const d = defaultContainer(pod);
      name = d.name;
      stderr += d.notice;
    }
    if (!containerOf(pod, name)) return { stdout: '', stderr: `${stderr}error: container ${name} is not valid for pod ${pod.metadata.name}\n`, exitCode: 1 };
    names.push(name);
  }
  let stdout = '';
  const streams: Stream[] = [];
  for (const name of names) {
    const s = openStream(state, pod, name, previous);
    if (!s.ok) return { stdout, stderr: `${stderr}Error from server (BadRequest): ${s.message}\n`, exitCode: 1 };
    const lines = tail >= 0 ? s.stream.lines.slice(Math.max(0, s.stream.lines.length - tail)) : s.stream.lines;
    stdout += lines.map((l, i) => formatLine(pod, s.stream, l, i, v)).join('');
    streams.push(s.stream);
  }
  // kubectl writes the `Defaulted container` notice before it streams: a terminal shows it first.
  const result: CommandResult = { stdout, stderr, exitCode: 0, ...(stderr ? { interleaved: stderr + stdout } : {}) };
  if (v.follow === true && !previous) result.follow = followLogs(pod, streams, v);
  return result;
}

function targetError(e: TargetError, namespace: string): string {
  switch (e.kind) {
    case 'unknown-type': return `error: the server doesn't have a resource type "${e.typed}"\n`;
    case 'syntax': return `error: ${e.message}\n`;
    case 'not-found': return `error: error from server (NotFound): ${e.plural} "${e.name}" not found in namespace "${namespace}"\n`;
    case 'no-selector': return `error: cannot get the logs from ${e.goType}: selector for ${e.goType} not implemented\n`;
    case 'no-pods': return 'error: timed out waiting for the condition\n';
  }
}

function containerOf(pod: Pod, name: string): Container | undefined {
  const all = [...(pod.spec.containers ?? []), ...((pod.spec as { initContainers?: Container[] }).initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])];
  return all.find((c) => c.name === name);
}

function statusOf(pod: Pod, name: string): ContainerStatus | undefined {
  const st = pod.status as Pod['status'] & { initContainerStatuses?: ContainerStatus[] };
  return [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? []), ...(st?.ephemeralContainerStatuses ?? [])].find((s) => s.name === name);
}

const stripRuntime = (id: string | undefined) => (id ? id.replace(/^[a-z]+:\/\//, '') : '');

/**
 * Which runtime container kubelet reads for `kubectl logs` (its validateContainerLogStatus), and
 * its lines. Errors are kubelet's texts, printed by kubectl after `Error from server (BadRequest): `.
 */
export function openStream(state: ClusterState, pod: Pod, name: string, previous: boolean): { ok: true; stream: Stream } | { ok: false; message: string } {
  const p = `"${pod.metadata.name}"`;
  const c = `"${name}"`;
  if (!pod.spec.nodeName) return { ok: false, message: `pod ${pod.metadata.name} does not have a host assigned` };
  const status = statusOf(pod, name);
  if (!status) return { ok: false, message: `container ${c} in pod ${p} is not available` };
  const st = status.state ?? {};
  const last = status.lastState ?? {};
  let id: string;
  if (previous) {
    if (!last.terminated) return { ok: false, message: `previous terminated container ${c} in pod ${p} not found` };
    id = stripRuntime(last.terminated.containerID) || previousAttempt(state, pod, name, stripRuntime(status.containerID))?.id || '';
  } else if (st.running) {
    id = stripRuntime(status.containerID);
  } else if (st.terminated) {
    id = stripRuntime(st.terminated.containerID ?? status.containerID) || stripRuntime(last.terminated?.containerID);
    if (!id) return { ok: false, message: `container ${c} in pod ${p} is terminated` };
  } else if (last.terminated) {
    id = stripRuntime(last.terminated.containerID) || previousAttempt(state, pod, name, '')?.id || '';
  } else if (st.waiting) {
    const reason = st.waiting.reason;
    const why = reason === 'ErrImagePull' ? "image can't be pulled" : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
    return { ok: false, message: `container ${c} in pod ${p} is waiting to start: ${why}` };
  } else {
    return { ok: false, message: `container ${c} in pod ${p} is waiting to start - no logs yet` };
  }
  const host = Object.hasOwn(state.hosts, pod.spec.nodeName) ? state.hosts[pod.spec.nodeName] : undefined;
  const rc = host?.containers.find((r) => r.id === id || (id.length >= 12 && r.id.startsWith(id)));
  return { ok: true, stream: { container: name, lines: rc ? rc.logs.filter((l) => l.at <= state.now) : [], id: rc?.id } };
}

/** The newest exited runtime container of this pod's container other than `current`. */
function previousAttempt(state: ClusterState, pod: Pod, name: string, current: string): RuntimeContainer | undefined {
  const host = pod.spec.nodeName && Object.hasOwn(state.hosts, pod.spec.nodeName) ? state.hosts[pod.spec.nodeName] : undefined;
  return (host?.containers ?? [])
    .filter((r) => r.podUid === pod.metadata.uid && r.name === name && r.state === 'CONTAINER_EXITED' && r.id !== current)
    .sort((a, b) => b.attempt - a.attempt)[0];
}

/**
 * RFC 3339 with nanoseconds as the CRI log records it (Go's RFC3339Nano drops trailing zeros).
 * The sub-millisecond digits are derived from the line, so output is stable across runs.
 */
export function rfc3339Nano(ms: number, salt: string): string {
  const base = new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
  const nanos = String((ms % 1000) * 1_000_000 + (hashString(salt) % 1_000_000)).padStart(9, '0').replace(/0+$/, '');
  return `${base}${nanos ? '.' + nanos : ''}Z`;
}

function formatLine(pod: Pod, s: Stream, l: RuntimeContainer['logs'][number], i: number, v: Record<string, unknown>): string {
  let out = '';
  if (v.prefix === true) out += `[pod/${pod.metadata.name}/${s.container}] `;
  if (v.timestamps === true) out += `${rfc3339Nano(l.at, `${s.id ?? ''}:${l.at}:${i}`)} `;
  return `${out}${l.text}\n`;
}

/** `-f`: lines written after the command started, until every followed container has exited. */
function followLogs(pod: Pod, streams: Stream[], v: Record<string, unknown>): Follow {
  return {
    poll(state, fromMs, toMs) {
      let stdout = '';
      let alive = 0;
      const host = pod.spec.nodeName && Object.hasOwn(state.hosts, pod.spec.nodeName) ? state.hosts[pod.spec.nodeName] : undefined;
      for (const s of streams) {
        const rc = host?.containers.find((r) => r.id === s.id);
        if (!rc) continue;
        rc.logs.forEach((l, i) => {
          if (l.at > fromMs && l.at <= toMs) stdout += formatLine(pod, s, l, i, v);
        });
        if (rc.state !== 'CONTAINER_EXITED') alive++;
      }
      return alive ? { stdout, stderr: '' } : { stdout, stderr: '', done: { exitCode: 0 } };
    },
  };
}
