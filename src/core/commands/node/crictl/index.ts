import type { Host, RuntimeContainer } from '../../../model/host.ts';
import type { ClusterState } from '../../../model/state.ts';
import { klogStamp, rfc3339 } from '../../../time.ts';
import { parseFlags, type FlagError, type FlagSpec, type ParsedFlags } from '../../flags.ts';
import { parsedFromFlags } from '../../parsed.ts';
import type { Command, CommandContext, CommandResult, Follow } from '../../types.ts';
import { fail, ok } from '../../types.ts';
import { goUnitsDuration, goUnitsSize, tabwrite } from '../format.ts';
import { matching } from '../args.ts';
import { inspectContainer } from './inspect.ts';
import { podSlicePath } from '../../../sim/cgroup.ts';
import { pullVerdict } from '../../../sim/imagePull.ts';
import { decodeBase64 } from '../../../base64.ts';
import { normalizeImageRef } from '../../../sim/faults/imagePull.ts';
import { criUnavailable } from '../../../sim/services.ts';
import { containerdVersion } from '../../../host/containerd.ts';
import { inspectSandbox, podStatsTable, runtimeInfo, statsTable } from './stats.ts';
import { containerLogText } from '../../../sim/etcd/logs.ts';

/**
 * `crictl` (cri-tools 1.30+, urfave/cli) against containerd: ps, pods, images, inspect, logs, stop,
 * rmi, version. Tables use Go's tabwriter (minwidth 20, padding 3); IDs are cut to 13
 * characters; CREATED is go-units HumanDuration + " ago"; lists are newest first.
 * Errors end as logrus fatal lines (`FATA[0000] …`, exit 1), as crictl's main does.
 */

interface Sub {
  name: string;
  usage: string;
  args: string;
  flags: FlagSpec[];
  run(ctx: CommandContext, f: ParsedFlags): CommandResult;
}

const HELP: FlagSpec = { name: 'help', short: 'h', type: 'bool', help: 'show help' };
const trunc = (id: string) => id.replace(/^sha256:/, '').slice(0, 13);
const fatal = (msg: string) => fail(`FATA[0000] ${msg}\n`);
const ago = (now: number, at: number) => `${goUnitsDuration(now - at)} ago`;
const STATE: Record<RuntimeContainer['state'], string> = { CONTAINER_CREATED: 'Created', CONTAINER_RUNNING: 'Running', CONTAINER_EXITED: 'Exited' };

function safeRegex(src: string): RegExp | undefined {
  try { return new RegExp(src); } catch { return undefined; }
}

/** Finds a container by full id or unique prefix, as containerd resolves truncated ids. */
export function findContainer(host: Host, id: string): RuntimeContainer | undefined {
  if (!id) return undefined;
  return host.containers.find((c) => c.id === id) ?? host.containers.find((c) => c.id.startsWith(id));
}

/** What crictl prints when containerd does not know the id: the cri-client klog line, then the fatal error. */
function notFound(ctx: CommandContext, id: string, what: string): CommandResult {
  const rpc = `rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`;
  const klog = `E${klogStamp(ctx.state.now)} ${String(ctx.host.nextPid).padStart(7)} remote_runtime.go:432] "ContainerStatus from runtime service failed" err=${JSON.stringify(rpc)} containerID="${id}"\n`;
  return fail(`${klog}FATA[0000] ${what} "${id}": ${rpc}\n`);
}

const ps: Sub = {
  name: 'ps', usage: 'List containers', args: '[command options]',
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Show all containers' },
    { name: 'name', type: 'string', help: 'filter by container name regular expression pattern' },
    { name: 'pod', short: 'p', type: 'string', help: 'Filter by pod id' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Only display container IDs' },
    { name: 'state', short: 's', type: 'string', help: 'Filter by container state' },
    { name: 'namespace', type: 'string', help: 'Filter by pod namespace regular expression pattern' },
    { name: 'no-trunc', type: 'bool', help: 'Show output without truncating the ID' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Show the most recently created container' },
    { name: 'output', short: 'o', type: 'string', help: 'Output format, One of: json|yaml|table' },
    { name: 'image', type: 'string', help: 'Filter by container image' },
  ],
  run(ctx, f) {
    const v = f.values;
    const state = String(v.state).toLowerCase();
    if (state && !['created', 'running', 'exited', 'unknown'].includes(state)) return fatal('listing containers: --state should be one of created, running, exited or unknown');
    const nameRe = safeRegex(String(v.name));
    const nsRe = safeRegex(String(v.namespace));
    if (!nameRe || !nsRe) return fatal(`listing containers: invalid regular expression`);
    let list = ctx.host.containers.filter((c) => {
      if (state) { if (state === 'unknown' || STATE[c.state].toLowerCase() !== state) return false; }
      else if (v.all !== true && v.latest !== true && c.state !== 'CONTAINER_RUNNING') return false;
      return nameRe.test(c.name) && nsRe.test(c.namespace) && (!v.pod || c.sandboxId.startsWith(String(v.pod))) && (!v.image || c.image.includes(String(v.image)));
    }).sort((a, b) => b.createdAt - a.createdAt);
    if (v.latest === true) list = list.slice(0, 1);
    if (v.quiet === true) return ok(list.map((c) => c.id + '\n').join(''));
    if (v.output === 'json') return ok(JSON.stringify({ containers: list.map((c) => ({ id: c.id, podSandboxId: c.sandboxId, metadata: { name: c.name, attempt: c.attempt }, image: { image: c.imageId }, imageRef: c.imageId, state: c.state, createdAt: String(c.createdAt * 1e6), labels: { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': c.podName, 'io.kubernetes.pod.namespace': c.namespace, 'io.kubernetes.pod.uid': c.podUid } })) }, null, 2) + '\n');
    const full = v['no-trunc'] === true;
    const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE']];
    for (const c of list) {
      rows.push([full ? c.id : trunc(c.id), full ? c.imageId : trunc(c.imageId), ago(ctx.state.now, c.createdAt), STATE[c.state], c.name, String(c.attempt), full ? c.sandboxId : trunc(c.sandboxId), c.podName, c.namespace]);
    }
    return ok(tabwrite(rows));
  },
};

const pods: Sub = {
  name: 'pods', usage: 'List pods', args: '[command options]',
  flags: [
    { name: 'name', type: 'string', help: 'filter by pod name regular expression pattern' },
    { name: 'namespace', type: 'string', help: 'filter by pod namespace regular expression pattern' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'list only pod IDs' },
    { name: 'state', short: 's', type: 'string', help: 'filter by pod state' },
    { name: 'no-trunc', type: 'bool', help: 'Show output without truncating the ID' },
    { name: 'id', type: 'string', help: 'filter by pod id' },
  ],
  run(ctx, f) {
    const v = f.values;
    const nameRe = safeRegex(String(v.name));
    const nsRe = safeRegex(String(v.namespace));
    if (!nameRe || !nsRe) return fatal('listing pod sandboxes: invalid regular expression');
    const st = String(v.state).toLowerCase();
    const list = ctx.host.sandboxes.filter((s) => nameRe.test(s.podName) && nsRe.test(s.namespace) && (!v.id || s.id.startsWith(String(v.id))) &&
      (!st || (st === 'ready') === (s.state === 'SANDBOX_READY'))).sort((a, b) => b.createdAt - a.createdAt);
    if (v.quiet === true) return ok(list.map((s) => s.id + '\n').join(''));
    const full = v['no-trunc'] === true;
    const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
    for (const s of list) rows.push([full ? s.id : trunc(s.id), ago(ctx.state.now, s.createdAt), s.state === 'SANDBOX_READY' ? 'Ready' : 'NotReady', s.podName, s.namespace, String(s.attempt), '(default)']);
    return ok(tabwrite(rows));
  },
};

/** Splits `registry/repo:tag` into repository and tag (`<none>` without one). */
function splitRef(ref: string): [string, string] {
  const at = ref.lastIndexOf(':');
  return at > ref.lastIndexOf('/') ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, '<none>'];
}

const images: Sub = {
  name: 'images', usage: 'List images', args: '[command options] [REPOSITORY[:TAG]]',
  flags: [
    { name: 'quiet', short: 'q', type: 'bool', help: 'Only show image IDs' },
    { name: 'no-trunc', type: 'bool', help: 'Show output without truncating the ID' },
    { name: 'digests', type: 'bool', help: 'Show digests' },
  ],
  run(ctx, f) {
    const filter = f.positionals[0];
    const full = (ref: string) => normalizeImageRef(ref).full;
    const list = ctx.host.images.filter((i) => !filter || full(i.ref) === full(filter) || splitRef(full(i.ref))[0] === splitRef(full(filter))[0]);
    if (f.values.quiet === true) return ok(list.map((i) => i.id + '\n').join(''));
    const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
    // containerd keeps names normalized: Docker Hub's short names under docker.io/.
    for (const i of [...list].sort((a, b) => (full(a.ref) < full(b.ref) ? -1 : full(a.ref) > full(b.ref) ? 1 : 0))) {
      const [repo, tag] = splitRef(full(i.ref));
      rows.push([repo, tag, f.values['no-trunc'] === true ? i.id : trunc(i.id), goUnitsSize(i.sizeBytes)]);
    }
    return ok(tabwrite(rows));
  },
};

const inspect: Sub = {
  name: 'inspect', usage: 'Display the status of one or more containers', args: '[command options] CONTAINER-ID [CONTAINER-ID...]',
  flags: [{ name: 'output', short: 'o', type: 'string', help: 'Output format, One of: json|yaml|go-template|table' }],
  run(ctx, f) {
    if (f.positionals.length === 0) return fatal('ID cannot be empty');
    let out = '';
    for (const id of f.positionals) {
      const c = findContainer(ctx.host, id);
      if (!c) return { ...notFound(ctx, id, 'getting the status of the container'), stdout: out };
      const pod = Object.values(ctx.state.pods).find((p) => p.metadata.uid === c.podUid);
      // The systemd driver's form of the cgroup path: `<pod slice>:cri-containerd:<id>`.
      out += inspectContainer(c, pod ? `${podSlicePath(pod).split('/').pop()}:cri-containerd:${c.id}` : undefined);
    }
    return ok(out);
  },
};

function logLines(c: RuntimeContainer, from: number, to: number, stamps: boolean) {
  const lines = c.logs.filter((l) => l.at > from && l.at <= to);
  const fmt = (l: RuntimeContainer['logs'][number]) => (stamps ? `${rfc3339(l.at).replace('Z', '')}.${String(l.at % 1000).padStart(3, '0')}000000Z ` : '') + containerLogText(l) + '\n';
  return lines.map((l) => ({ stream: l.stream, text: fmt(l) }));
}

const logs: Sub = {
  name: 'logs', usage: 'Fetch the logs of a container', args: '[command options] CONTAINER-ID',
  flags: [
    { name: 'follow', short: 'f', type: 'bool', help: 'Follow log output' },
    { name: 'tail', type: 'int', default: -1, help: 'Number of lines to show from the end of the logs. Defaults to all' },
    { name: 'timestamps', short: 't', type: 'bool', help: 'Show timestamps' },
    { name: 'previous', short: 'p', type: 'bool', help: 'Print the logs for the previous instance of the container in a pod if it exists' },
    { name: 'since', type: 'string', help: 'Show logs since timestamp' },
  ],
  run(ctx, f) {
    const id = f.positionals[0] ?? '';
    if (!id) return fatal('ID cannot be empty');
    const c = findContainer(ctx.host, id);
    if (!c) return notFound(ctx, id, 'failed to get container status');
    const stamps = f.values.timestamps === true;
    let lines = logLines(c, -Infinity, ctx.state.now, stamps);
    const tail = Number(f.values.tail);
    if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
    const r = ok(lines.filter((l) => l.stream === 'stdout').map((l) => l.text).join(''));
    r.stderr = lines.filter((l) => l.stream === 'stderr').map((l) => l.text).join('');
    if (f.values.follow === true && c.state === 'CONTAINER_RUNNING') r.follow = followLogs(ctx.host.name, c.id, stamps);
    return r;
  },
};

function followLogs(hostName: string, id: string, stamps: boolean): Follow {
  return {
    poll(state: ClusterState, from, to) {
      const h = Object.hasOwn(state.hosts, hostName) ? state.hosts[hostName] : undefined;
      const c = h?.containers.find((x) => x.id === id);
      if (!c) return { stdout: '', stderr: '', done: { exitCode: 0 } };
      const lines = logLines(c, from, to, stamps);
      const done = c.state === 'CONTAINER_EXITED' ? { exitCode: 0 } : undefined;
      return { stdout: lines.filter((l) => l.stream === 'stdout').map((l) => l.text).join(''), stderr: lines.filter((l) => l.stream === 'stderr').map((l) => l.text).join(''), done };
    },
    onInterrupt: () => ({ stdout: '', stderr: '' }),
  };
}

const rmi: Sub = {
  name: 'rmi', usage: 'Remove one or more images', args: '[command options] IMAGE-ID [IMAGE-ID...]',
  flags: [
    { name: 'prune', short: 'q', type: 'bool', help: 'Remove all unused images' },
    { name: 'all', short: 'a', type: 'bool', help: 'Remove all images' },
  ],
  run(ctx, f) {
    if (f.values.prune !== true) {
      if (f.positionals.length === 0) return fatal('No IDs provided or nothing to delete per filter');
      const arg = f.positionals[0];
      const img = ctx.host.images.find((i) => i.ref === arg || normalizeImageRef(i.ref).full === normalizeImageRef(arg).full || i.id.replace('sha256:', '').startsWith(arg.replace('sha256:', '')));
      if (!img) return fatal(`no such image ${arg}`);
      if (ctx.host.containers.some((c) => c.image === img.ref)) return fatal(`unable to remove the image(s): error of removing image "${img.id}": rpc error: code = Unknown desc = image "${img.ref}": in use by a container`);
      ctx.dispatch({ type: 'runtime/removeImage', host: ctx.host.name, ref: img.ref });
      return ok(`Deleted: ${normalizeImageRef(img.ref).full}\n`);
    }
    const before = ctx.host.images;
    const hostName = ctx.host.name;
    ctx.dispatch({ type: 'runtime/pruneImages', host: hostName });
    const after = Object.hasOwn(ctx.state.hosts, hostName) ? ctx.state.hosts[hostName].images : before;
    const kept = new Set(after.map((i) => i.id));
    return ok(before.filter((i) => !kept.has(i.id)).map((i) => `Deleted: ${i.ref}\n`).join(''));
  },
};

const version: Sub = {
  name: 'version', usage: 'Display runtime version information', args: '',
  flags: [],
  run: (ctx) => ok(`Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v${containerdVersion(ctx.state, ctx.host)}\nRuntimeApiVersion:  v1\n`),
};

const OUTPUT: FlagSpec = { name: 'output', short: 'o', type: 'string', help: 'Output format, One of: json|yaml|table' };
const SECONDS: FlagSpec = { name: 'seconds', short: 's', type: 'int', default: 1, help: 'Sample duration for CPU usage in seconds' };
const WATCH: FlagSpec = { name: 'watch', short: 'w', type: 'bool', help: 'Watch pod resources' };
const LABEL: FlagSpec = { name: 'label', type: 'stringArray', help: 'Filter by key=value label' };

/** The sample crictl sleeps between its two readings; a non-positive one never sees the counters move. */
function sample(ctx: CommandContext, f: ParsedFlags): number | CommandResult {
  const seconds = Number(f.values.seconds);
  if (!(seconds > 0)) return fatal('get container stats: cpu stat is not updated during sample');
  ctx.wait(seconds * 1000);
  return seconds;
}

const stats: Sub = {
  name: 'stats', usage: 'List container(s) resource usage statistics', args: '[command options] [ID]',
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Show all containers (default shows just running)' },
    { name: 'id', type: 'string', help: 'Filter by container id' },
    { name: 'pod', short: 'p', type: 'string', help: 'Filter by pod id' },
    LABEL, OUTPUT, SECONDS, WATCH,
  ],
  run(ctx, f) {
    const v = f.values;
    const id = String(v.id || f.positionals[0] || '');
    const json = v.output === 'json';
    const seconds = json ? 1 : sample(ctx, f);
    if (typeof seconds !== 'number') return seconds;
    return ok(statsTable(ctx.state, ctx.host, { all: v.all === true, id, pod: String(v.pod), seconds }, json));
  },
};

const statsp: Sub = {
  name: 'statsp', usage: "List pod statistics. Stats represent a structured API that will fulfill the Kubelet's /stats/summary endpoint.", args: '[command options] [ID]',
  flags: [{ name: 'id', type: 'string', help: 'Filter by pod id' }, LABEL, OUTPUT, SECONDS, WATCH],
  run(ctx, f) {
    const seconds = sample(ctx, f);
    if (typeof seconds !== 'number') return seconds;
    return ok(podStatsTable(ctx.state, ctx.host, { id: String(f.values.id || f.positionals[0] || ''), seconds }));
  },
};

const info: Sub = {
  name: 'info', usage: 'Display information of the container runtime', args: '[command options]',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: 'json', help: 'Output format, One of: json|yaml|go-template' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Do not show verbose information' },
    { name: 'template', type: 'string', help: 'The template string is only used when output is go-template; The Template format is golang template' },
  ],
  run: (_ctx, f) => ok(runtimeInfo(f.values.quiet === true)),
};

const inspectp: Sub = {
  name: 'inspectp', usage: 'Display the status of one or more pods', args: '[command options] POD-ID [POD-ID...]',
  flags: [
    { name: 'output', short: 'o', type: 'string', help: 'Output format, One of: json|yaml|go-template|table' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Do not show verbose information' },
    { name: 'template', type: 'string', help: 'The template string is only used when output is go-template; The Template format is golang template' },
  ],
  run(ctx, f) {
    if (f.positionals.length === 0) return fatal('ID cannot be empty');
    let out = '';
    for (const id of f.positionals) {
      const sb = ctx.host.sandboxes.find((s) => s.id === id) ?? ctx.host.sandboxes.find((s) => s.id.startsWith(id));
      if (!sb) return { ...fatal(`getting the pod sandbox status of "${id}": rpc error: code = NotFound desc = an error occurred when try to find sandbox "${id}": not found`), stdout: out };
      out += inspectSandbox(ctx.state, sb);
    }
    return ok(out);
  },
};

/** `crictl stop ID…`: SIGTERM to each container (kubelet restarts it); prints each ID as given. */
const stop: Sub = {
  name: 'stop', usage: 'Stop one or more running containers', args: '[command options] CONTAINER-ID [CONTAINER-ID...]',
  flags: [{ name: 'timeout', short: 't', type: 'int', default: 0, help: 'Seconds to wait to kill the container after a graceful stop is requested' }],
  run(ctx, f) {
    if (f.positionals.length === 0) return fatal('ID cannot be empty');
    let stdout = '';
    for (const id of f.positionals) {
      const c = findContainer(ctx.host, id);
      if (!c) return { ...notFound(ctx, id, 'stopping the container'), stdout };
      if (c.state === 'CONTAINER_RUNNING') ctx.dispatch({ type: 'runtime/stopContainer', host: ctx.host.name, id: c.id });
      stdout += `${id}\n`;
    }
    return ok(stdout);
  },
};

/**
 * `crictl pull [--creds USER[:PASS] | --auth B64 | --username U] IMAGE` (cri-tools 1.30 image.go):
 * containerd pulls on this node with exactly the credentials given, none otherwise: not the pull
 * Secrets kubelet uses. Success prints `Image is up to date for <image id>` and leaves the image
 * cached on this node; a refusal prints the CRI client's klog line and `FATA[…] pulling image: …`.
 */
const pull: Sub = {
  name: 'pull', usage: 'Pull an image from a registry', args: '[command options] NAME[:TAG|@DIGEST]',
  flags: [
    { name: 'auth', type: 'string', help: "Use AUTH_STRING for accessing the registry. AUTH_STRING is a base64 encoded 'USERNAME[:PASSWORD]'" },
    { name: 'creds', type: 'string', help: 'Use USERNAME[:PASSWORD] for accessing the registry' },
    { name: 'pod-config', type: 'string', help: 'Use pod-config.[json|yaml] to override the pull context' },
    { name: 'username', short: 'u', type: 'string', help: 'Use USERNAME for accessing the registry. The password will be requested on the command line' },
  ],
  run(ctx, f) {
    const ref = f.positionals[0] ?? '';
    if (!ref) return fatal('Image name cannot be empty');
    const v = f.values;
    const split = (s: string) => { const i = s.indexOf(':'); return i < 0 ? { username: s, password: '' } : { username: s.slice(0, i), password: s.slice(i + 1) }; };
    let credentials: { username: string; password: string }[] = [];
    if (v.creds) credentials = [split(String(v.creds))];
    else if (v.auth) {
      const plain = decodeBase64(String(v.auth));
      if (plain === undefined) return fatal('pulling image: illegal base64 data at input byte 0');
      credentials = [split(plain)];
    } else if (v.username) credentials = [{ username: String(v.username), password: '' }];
    const host = ctx.host;
    const failure = pullVerdict({ state: ctx.state, host, ref, image: ctx.state.images[ref], credentials });
    ctx.dispatch({ type: 'runtime/pullImage', host: host.name, ref, credentials });
    if (failure) {
      const rpc = `rpc error: code = ${failure.code} desc = ${failure.error}`;
      const klog = `E${klogStamp(ctx.state.now)} ${String(host.nextPid).padStart(7)} remote_image.go:180] "PullImage from image service failed" err=${JSON.stringify(rpc)} image=${JSON.stringify(ref)}\n`;
      return fail(`${klog}FATA[0001] pulling image: ${rpc}\n`);
    }
    const after = Object.hasOwn(ctx.state.hosts, host.name) ? ctx.state.hosts[host.name] : host;
    return ok(`Image is up to date for ${after.images.find((i) => i.ref === ref)?.id ?? ''}\n`);
  },
};

const SUBS = [ps, pods, images, inspect, inspectp, info, logs, pull, rmi, stats, statsp, stop, version];

const TOP_USAGE = `NAME:
   crictl - client for CRI

USAGE:
   crictl [global options] command [command options]

VERSION:
   v1.30.0

COMMANDS:
   version             Display runtime version information
   images, image, img  List images
   inspect             Display the status of one or more containers
   inspectp            Display the status of one or more pods
   logs                Fetch the logs of a container
   ps                  List containers
   pull                Pull an image from a registry
   rmi                 Remove one or more images
   pods                List pods
   info                Display information of the container runtime
   stop                Stop one or more running containers
   stats               List container(s) resource usage statistics
   statsp              List pod statistics. Stats represent a structured API that will fulfill the Kubelet's /stats/summary endpoint.
   help, h             Shows a list of commands or help for one command

GLOBAL OPTIONS:
   --runtime-endpoint value, -r value  Endpoint of CRI container runtime service (default: uses in order the first successful one of [unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]). Default is now deprecated and the endpoint should be set instead. [$CONTAINER_RUNTIME_ENDPOINT]
   --help, -h                          show help
   --version, -v                       print the version
`;

function subHelp(s: Sub): string {
  const names = [...s.flags.map((f) => `--${f.name}${f.type === 'bool' ? '' : ' value'}${f.short ? `, -${f.short}${f.type === 'bool' ? '' : ' value'}` : ''}`), '--help, -h'];
  const helps = [...s.flags.map((f) => f.help), 'show help'];
  const w = Math.max(...names.map((n) => n.length));
  const opts = names.map((n, i) => `   ${n.padEnd(w)}  ${helps[i]}`).join('\n');
  return `NAME:\n   crictl ${s.name} - ${s.usage}\n\nUSAGE:\n   crictl ${s.name} ${s.args}\n\nOPTIONS:\n${opts}\n`;
}

/** Go's flag package names an undefined flag with one dash: `--bogus` → `-bogus`. */
function flagName(e: FlagError): string {
  if (e.code === 'unknown-flag') return `-${e.flag.replace(/^-+/, '')}`;
  if (e.code === 'unknown-shorthand') return `-${e.char}`;
  return 'flag' in e ? e.flag : '';
}

function flagFailure(s: Sub, e: FlagError): CommandResult {
  let msg: string;
  if (e.code === 'unknown-flag' || e.code === 'unknown-shorthand') msg = `flag provided but not defined: ${flagName(e)}`;
  else if (e.code === 'missing-argument') msg = `flag needs an argument: -${e.flag.replace(/^-+/, '')}`;
  else msg = `invalid value "${e.value}" for flag -${e.flag.replace(/^-+(\w, --)?/, '')}: parse error`;
  return fail(`Incorrect Usage: ${msg}\n\n${subHelp(s)}FATA[0000] ${msg}\n`);
}

export const crictl: Command = {
  name: 'crictl',
  places: ['node'],
  summary: 'client for CRI',
  run(ctx) {
    const args = ctx.argv.slice(1);
    // Global options before the sub-command: only --runtime-endpoint/-r (accepted, ignored) and help/version.
    while (args[0] === '-r' || args[0] === '--runtime-endpoint' || args[0]?.startsWith('--runtime-endpoint=')) args.splice(0, args[0].includes('=') ? 1 : 2);
    const word = args[0];
    if (word === undefined || word === '--help' || word === '-h' || word === 'help' || word === 'h') {
      if ((word === 'help' || word === 'h') && args[1]) {
        const s = SUBS.find((x) => x.name === args[1]);
        return s ? ok(subHelp(s)) : fail(`No help topic for '${args[1]}'\n`, 3);
      }
      return ok(TOP_USAGE);
    }
    if (word === '--version' || word === '-v') return ok('crictl version v1.30.0\n');
    if (word.startsWith('-')) return fail(`Incorrect Usage: flag provided but not defined: -${word.replace(/^-+/, '').split('=')[0]}\n\n${TOP_USAGE}FATA[0000] flag provided but not defined: -${word.replace(/^-+/, '').split('=')[0]}\n`);
    const name = word === 'image' || word === 'img' ? 'images' : word;
    const sub = SUBS.find((s) => s.name === name);
    if (!sub) return fail(`No help topic for '${word}'\n`, 3);
    const parsed = parseFlags(args.slice(1), [...sub.flags, HELP]);
    if (!parsed.ok) return flagFailure(sub, parsed.error);
    if (parsed.flags.values.help === true) return ok(subHelp(sub));
    // crictl checks the runtime's socket before any call: nothing answers while containerd is stopped.
    const down = criUnavailable(ctx.host);
    if (down) return { ...fatal(down), parsed: parsedFromFlags('crictl', [sub.name], parsed.flags) };
    return { ...sub.run(ctx, parsed.flags), parsed: parsedFromFlags('crictl', [sub.name], parsed.flags) };
  },
  verbs: () => SUBS.map((s) => ({ path: [s.name], flags: [...s.flags, HELP] })),
  complete(words, partial, ctx) {
    if (words.length <= 1) return matching(SUBS.map((s) => s.name), partial);
    const sub = words[1];
    if (sub === 'logs' || sub === 'inspect') return matching(ctx.host.containers.map((c) => c.id.slice(0, 13)), partial);
    if (sub === 'inspectp' || sub === 'statsp') return matching(ctx.host.sandboxes.map((s) => s.id.slice(0, 13)), partial);
    if (sub === 'stats' && !partial.startsWith('-')) return matching(ctx.host.containers.map((c) => c.id.slice(0, 13)), partial);
    if (sub === 'ps' && (words[words.length - 1] === '--pod' || words[words.length - 1] === '-p')) return matching(ctx.host.sandboxes.map((s) => s.id.slice(0, 13)), partial);
    const s = SUBS.find((x) => x.name === sub);
    return matching((s?.flags ?? []).map((f) => `--${f.name}`), partial);
  },
};
