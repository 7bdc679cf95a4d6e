import type { Container, ContainerStatus, Pod } from '../../../../model/k8s.ts';
import type { RuntimeContainer } from '../../../../model/host.ts';
import type { ClusterState } from '../../../../model/state.ts';
import type { CommandContext, CommandResult, Follow } from '../../../types.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { hashString } from '../../../../sim/rng.ts';
import { defaultContainer, resolvePodTarget, type TargetError } from './target.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';
import { listObjects, resolveKind } from '../../../../kinds/registry.ts';
import { parseDuration } from '../../../../time.ts';
import { containerLogText } from '../../../../sim/etcd/logs.ts';

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
  examples: '# Return snapshot logs from pod nginx with only one container\nkubectl logs nginx\n\n# Return snapshot logs from pod nginx, prefixing each line with the source pod and container name\nkubectl logs nginx --prefix\n\n# Return snapshot logs from pod nginx, limiting output to 500 bytes\nkubectl logs nginx --limit-bytes=500\n\n# Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.\nkubectl logs nginx --pod-running-timeout=20s\n\n# Return snapshot logs from pod nginx with multi containers\nkubectl logs nginx --all-containers=true\n\n# Return snapshot logs from all pods in the deployment nginx\nkubectl logs deployment/nginx --all-pods=true\n\n# Return snapshot logs from all containers in pods defined by label app=nginx\nkubectl logs -l app=nginx --all-containers=true\n\n# Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods\nkubectl logs -l app=nginx --max-log-requests=10\n\n# Return snapshot of previous terminated ruby container logs from pod web-1\nkubectl logs -p -c ruby web-1\n\n# Begin streaming the logs from pod nginx, continuing even if errors occur\nkubectl logs nginx -f --ignore-errors=true\n\n# Begin streaming the logs of the ruby container in pod web-1\nkubectl logs -f -c ruby web-1\n\n# Begin streaming the logs from all containers in pods defined by label app=nginx\nkubectl logs -f -l app=nginx --all-containers=true\n\n# Display only the most recent 20 lines of output in pod nginx\nkubectl logs --tail=20 nginx\n\n# Show all logs from pod nginx written in the last hour\nkubectl logs --since=1h nginx\n\n# Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC\nkubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true\n\n# Show logs from a kubelet with an expired serving certificate\nkubectl logs --insecure-skip-tls-verify-backend nginx\n\n# Return snapshot logs from first container of a job named hello\nkubectl logs job/hello\n\n# Return snapshot logs from container nginx-1 of a deployment named nginx\nkubectl logs deployment/nginx -c nginx-1',
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
    { name: 'selector', short: 'l', type: 'string', help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'since', type: 'string', default: '0s', help: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'since-time', type: 'string', help: 'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'max-log-requests', type: 'int', default: 5, help: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.' },
    { name: 'limit-bytes', type: 'int', default: 0, help: 'Maximum bytes of logs to return. Defaults to no limit.' },
    { name: 'all-pods', type: 'bool', help: 'Get logs from all pod(s). Sets prefix to true.' },
    { name: 'insecure-skip-tls-verify-backend', type: 'bool', help: 'Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.' },
  ],
  run: runLogs,
};

interface Stream {
  pod: Pod;
  container: string;
  lines: RuntimeContainer['logs'];
  /** The runtime container being read, for -f. */
  id?: string;
}

/** kubectl's default --tail when a selector picks the pods (selectorTail in logs.go). */
const SELECTOR_TAIL = 10;

const usageError = (message: string): CommandResult => ({ stdout: '', stderr: `error: ${message}\nSee 'kubectl logs -h' for help and examples\n`, exitCode: 1 });
const failed = (stderr: string, stdout = ''): CommandResult => ({ stdout, stderr, exitCode: 1 });

/** RFC 3339 as Go's time.Parse reads it (`--since-time`), ms; undefined when it does not parse. */
function parseRfc3339(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The pods a selector picks, in the API server's list order; or kubectl's error. */
function selectPods(state: ClusterState, namespace: string, text: string): { ok: true; pods: Pod[] } | { ok: false; stderr: string } {
  const sel = parseLabelSelector(text);
  if (!sel.ok) return { ok: false, stderr: `error: ${sel.error}\n` };
  const pods = (listObjects(state, resolveKind('pods')!, namespace) as Pod[]).filter((p) => selectorMatches(sel.selector, p.metadata.labels));
  return { ok: true, pods };
}

/**
 * kubectl 1.33's Complete/Validate/RunLogs: one pod (`POD`, `TYPE/NAME`: the first of its pods, or
 * every one with `--all-pods`) or all the pods of `-l` (tail 10 unless given, one stream per
 * container), read one after the other; `--since`/`--since-time` keep lines kubelet would return
 * (after its tail), `--limit-bytes` cuts each stream, `-f` follows every stream up to
 * `--max-log-requests`.
 */
function runLogs(opts: KubectlInvocation, ctx: CommandContext): CommandResult {
  const v = opts.flags.values;
  const given = opts.flags.given;
  const args = opts.flags.positionals;
  const selector = String(v.selector ?? '');
  if ((args.length === 0 && !selector) || args.length > 2) return failed(USAGE_ERROR);
  if (args.length === 1 && selector) return usageError('only a selector (-l) or a POD name is allowed');
  let sinceMs: number | undefined;
  if (given.has('since')) {
    const text = String(v.since);
    sinceMs = /^[0-9.]+$/.test(text) && Number(text) !== 0 ? undefined : parseDuration(text);
    if (sinceMs === undefined) {
      const why = /^[0-9.]+$/.test(text) ? `time: missing unit in duration "${text}"` : `time: invalid duration "${text}"`;
      return failed(`error: invalid argument "${text}" for "--since" flag: ${why}\nSee 'kubectl logs --help' for usage.\n`);
    }
  }
  let sinceTime: number | undefined;
  const sinceTimeText = String(v['since-time'] ?? '');
  if (sinceTimeText) {
    sinceTime = parseRfc3339(sinceTimeText);
    if (sinceTime === undefined) return failed(`error: parsing time "${sinceTimeText}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTimeText}" as "2006"\n`);
  }
  const state = ctx.state;
  let pods: Pod[];
  let stderr = '';
  if (selector) {
    const picked = selectPods(state, opts.namespace, selector);
    if (!picked.ok) return failed(picked.stderr);
    pods = picked.pods;
    if (!pods.length) stderr += `No resources found in ${opts.namespace} namespace.\n`;
  } else {
    const target = resolvePodTarget(state, opts.namespace, args[0]);
    if (!target.ok) return failed(targetError(target.error, opts.namespace));
    if (v['all-pods'] === true) pods = target.pods;
    else {
      pods = [target.pod];
      if (target.podCount > 1) stderr += `Found ${target.podCount} pods, using pod/${target.pod.metadata.name}\n`;
    }
  }
  // Validate, after the objects were fetched, in kubectl's order.
  const container = String(v.container ?? '') || args[1] || '';
  if (sinceTimeText && given.has('since') && sinceMs !== 0) return failed('error: at most one of `sinceTime` or `sinceSeconds` may be specified\n', '');
  if (v['all-containers'] === true && container) return failed(`error: --all-containers=true should not be specified with container name ${container}\n`);
  const tail = selector && !given.has('tail') ? SELECTOR_TAIL : Number(v.tail ?? -1);
  if (tail < -1) return failed('error: --tail must be greater than or equal to -1\n');
  const limitBytes = Number(v['limit-bytes'] ?? 0);
  if (given.has('limit-bytes') && limitBytes < 1) return failed('error: --limit-bytes must be greater than 0\n');
  const previous = v.previous === true;
  const prefix = v.prefix === true || v['all-pods'] === true;
  const from = sinceTime ?? (sinceMs ? state.now - sinceMs : undefined);

  // The requests: every (pod, container) pair kubectl asks kubelet for.
  const requests: { pod: Pod; name: string }[] = [];
  for (const pod of pods) {
    if (v['all-containers'] === true) {
      for (const c of [...((pod.spec as { initContainers?: Container[] }).initContainers ?? []), ...(pod.spec.containers ?? []), ...(pod.spec.ephemeralContainers ?? [])]) requests.push({ pod, name: c.name });
      continue;
    }
    let name = container;
    if (!name) {
      const d = defaultContainer(pod);
      name = d.name;
      stderr += d.notice;
    }
    if (!containerOf(pod, name)) return failed(`${stderr}error: container ${name} is not valid for pod ${pod.metadata.name}\n`);
    requests.push({ pod, name });
  }
  const follow = v.follow === true && !previous;
  const maxRequests = Number(v['max-log-requests'] ?? 5);
  if (follow && requests.length > maxRequests) {
    return failed(`${stderr}error: you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit\n`);
  }
  let stdout = '';
  const streams: Stream[] = [];
  for (const { pod, name } of requests) {
    const s = openStream(state, pod, name, previous);
    if (!s.ok) {
      const error = `Error from server (BadRequest): ${s.message}\n`;
      return { ...failed(stderr + error, stdout), ...(stdout ? { interleaved: stderr + stdout + error } : {}) };
    }
    const lines = tail >= 0 ? s.stream.lines.slice(Math.max(0, s.stream.lines.length - tail)) : s.stream.lines;
    const text = lines.map((l, i) => (from !== undefined && l.at < from ? '' : formatLine(s.stream, l, i, prefix, v.timestamps === true))).join('');
    stdout += limitBytes > 0 ? text.slice(0, limitBytes) : text;
    streams.push(s.stream);
  }
  // kubectl's notices (Found N pods, Defaulted container) are written before any log line.
  const result: CommandResult = { stdout, stderr, exitCode: 0, ...(stdout && stderr ? { interleaved: stderr + stdout } : {}) };
  if (follow && streams.length) result.follow = followLogs(streams, prefix, v.timestamps === true);
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
  return { ok: true, stream: { pod, container: name, lines: rc ? rc.logs.filter((l) => l.at <= state.now) : [], id: rc?.id } };
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

function formatLine(s: Stream, l: RuntimeContainer['logs'][number], i: number, prefix: boolean, timestamps: boolean): string {
  let out = '';
  if (prefix) out += `[pod/${s.pod.metadata.name}/${s.container}] `;
  if (timestamps) out += `${rfc3339Nano(l.at, `${s.id ?? ''}:${l.at}:${i}`)} `;
  return `${out}${containerLogText(l)}\n`;
}

/** `-f`: lines written after the command started, on every stream, until every followed container has exited. */
function followLogs(streams: Stream[], prefix: boolean, timestamps: boolean): Follow {
  return {
    poll(state, fromMs, toMs) {
      const lines: { at: number; text: string }[] = [];
      let alive = 0;
      for (const s of streams) {
        const node = s.pod.spec.nodeName;
        const host = node && Object.hasOwn(state.hosts, node) ? state.hosts[node] : undefined;
        const rc = host?.containers.find((r) => r.id === s.id);
        if (!rc) continue;
        rc.logs.forEach((l, i) => {
          if (l.at > fromMs && l.at <= toMs) lines.push({ at: l.at, text: formatLine(s, l, i, prefix, timestamps) });
        });
        if (rc.state !== 'CONTAINER_EXITED') alive++;
      }
      // Several streams arrive as they are written (a stable sort keeps each stream's order).
      const stdout = lines.sort((a, b) => a.at - b.at).map((l) => l.text).join('');
      return alive ? { stdout, stderr: '' } : { stdout, stderr: '', done: { exitCode: 0 } };
    },
  };
}
