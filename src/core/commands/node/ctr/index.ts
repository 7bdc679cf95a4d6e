import { CONTAINERD, containerdVersion } from '../../../host/containerd.ts';
import { normalizeImageRef } from '../../../sim/faults/imagePull.ts';
import { criUnavailable } from '../../../sim/services.ts';
import { hashString } from '../../../sim/rng.ts';
import { TabWriter } from '../../../printers/tabwriter.ts';
import type { Command, CommandContext } from '../../types.ts';
import { fail, ok } from '../../types.ts';
import { matching } from '../args.ts';
import { shimPid } from '../../../host/processes.ts';

const USAGE = `NAME:
   ctr - 
        __
  _____/ /______
 / ___/ __/ ___/
/ /__/ /_/ /
\\___/\\__/_/

containerd CLI


USAGE:
   ctr [global options] command [command options] [arguments...]

VERSION:
   VERSION

DESCRIPTION:
   
ctr is an unsupported debug and administrative client for interacting
with the containerd daemon. Because it is unsupported, the commands,
options, and operations are not guaranteed to be backward compatible or
stable from release to release of the containerd project.

COMMANDS:
   containers, c, container  Manage containers
   images, image, i          Manage images
   namespaces, namespace, ns  Manage namespaces
   tasks, t, task            Manage tasks
   version                   Print the client and server versions
   help, h                   Shows a list of commands or help for one command

GLOBAL OPTIONS:
   --debug                      Enable debug output in logs
   --address value, -a value    Address for containerd's GRPC server (default: "/run/containerd/containerd.sock") [$CONTAINERD_ADDRESS]
   --timeout value              Total timeout for ctr commands (default: 0s)
   --connect-timeout value      Timeout for connecting to containerd (default: 0s)
   --namespace value, -n value  Namespace to use with commands (default: "default") [$CONTAINERD_NAMESPACE]
   --help, -h                   show help
   --version, -v                print the version
`;

/** Rows through Go's tabwriter with every cell tab-terminated, as ctr writes them (so the last column is padded too). */
function table(minWidth: number, padding: number, rows: string[][]): string {
  const w = new TabWriter(minWidth, padding);
  for (const r of rows) w.write(`${r.join('\t')}\t\n`);
  return w.toString();
}

/** `12.3 MiB` as containerd's progress.Bytes prints sizes. */
function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${Number(v.toFixed(1))} ${units[i]}`;
}

const MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

/** The image digest containerd records for a ref: the scenario's image digest, else one derived from the image id. */
function digestOf(ctx: CommandContext, ref: string, id: string): string {
  const beh = Object.hasOwn(ctx.state.images, ref) ? ctx.state.images[ref] : undefined;
  if (beh?.digest && /^sha256:[0-9a-f]{64}$/.test(beh.digest)) return beh.digest;
  const h = (n: number) => (hashString(`${id}/${n}`) >>> 0).toString(16).padStart(8, '0');
  return `sha256:${h(1)}${h(2)}${h(3)}${h(4)}${h(5)}${h(6)}${h(7)}${h(8)}`;
}

function containers(ctx: CommandContext, quiet: boolean): string {
  const h = ctx.host;
  const rows = [
    ...h.sandboxes.map((s) => ({ id: s.id, image: CONTAINERD.sandboxImage })),
    ...h.containers.map((c) => ({ id: c.id, image: normalizeImageRef(c.image).full })),
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (quiet) return rows.map((r) => `${r.id}\n`).join('');
  return table(4, 4, [['CONTAINER', 'IMAGE', 'RUNTIME'], ...rows.map((r) => [r.id, r.image, CONTAINERD.runtimeType])]);
}

function images(ctx: CommandContext, quiet: boolean): string {
  const refs: string[][] = [];
  for (const i of ctx.host.images) {
    const full = normalizeImageRef(i.ref).full;
    const digest = digestOf(ctx, i.ref, i.id);
    const repo = full.replace(/:[^:/]+$/, '');
    // The CRI plugin names every image three ways: its tag, its repo digest and its image id.
    for (const name of [full, `${repo}@${digest}`, i.id]) refs.push([name, MANIFEST_LIST, digest, bytes(i.sizeBytes), 'linux/amd64,linux/arm64', 'io.cri-containerd.image=managed']);
  }
  refs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (quiet) return refs.map((r) => `${r[0]}\n`).join('');
  return table(1, 1, [['REF', 'TYPE', 'DIGEST', 'SIZE', 'PLATFORMS', 'LABELS'], ...refs]);
}

function tasks(ctx: CommandContext, quiet: boolean): string {
  const h = ctx.host;
  const rows = [
    ...h.sandboxes.filter((s) => s.state === 'SANDBOX_READY').map((s) => [s.id, String(shimPid(s.id) + 20), 'RUNNING']),
    ...h.containers.filter((c) => c.state === 'CONTAINER_RUNNING').map((c) => [c.id, String(c.pid), 'RUNNING']),
  ].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (quiet) return rows.map((r) => `${r[0]}\n`).join('');
  return table(1, 1, [['TASK', 'PID', 'STATUS'], ...rows]);
}

const GROUPS: Record<string, { names: string[]; run: (ctx: CommandContext, quiet: boolean) => string }> = {
  containers: { names: ['containers', 'c', 'container'], run: containers },
  images: { names: ['images', 'image', 'i'], run: images },
  tasks: { names: ['tasks', 't', 'task'], run: tasks },
};

/**
 * containerd's `ctr` (1.7): `containers|images|tasks ls` (also `list`, `-q`), `namespaces ls` and
 * `version`, reading the same runtime state as crictl. Kubernetes' objects live in the `k8s.io`
 * namespace: without `-n k8s.io` the lists are empty, as on a real node.
 */
export const ctr: Command = {
  name: 'ctr',
  places: ['node'],
  summary: 'containerd CLI',
  run(ctx) {
    const args = ctx.argv.slice(1);
    let namespace = ctx.environment?.CONTAINERD_NAMESPACE ?? 'default';
    while (args.length && args[0].startsWith('-')) {
      const a = args.shift()!;
      if (a === '-n' || a === '--namespace') namespace = args.shift() ?? '';
      else if (a.startsWith('--namespace=') || a.startsWith('-n=')) namespace = a.split('=')[1];
      else if (a === '-a' || a === '--address' || a === '--timeout' || a === '--connect-timeout') args.shift();
      else if (a === '--debug' || a.startsWith('--address=') || a.startsWith('--timeout=')) continue;
      else if (a === '-h' || a === '--help') return ok(USAGE);
      else if (a === '-v' || a === '--version') return ok(`ctr github.com/containerd/containerd v${containerdVersion(ctx.state, ctx.host)}\n`);
      else return fail(`Incorrect Usage: flag provided but not defined: -${a.replace(/^-+/, '').split('=')[0]}\n\n${USAGE}ctr: flag provided but not defined: -${a.replace(/^-+/, '').split('=')[0]}\n`);
    }
    const [group, verb, ...rest] = args;
    if (group === undefined || group === 'help' || group === 'h') return ok(USAGE);
    const down = criUnavailable(ctx.host);
    const dial = () => fail(`ctr: failed to dial "/run/containerd/containerd.sock": connection error: desc = "transport: error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused"\n`);
    if (group === 'version') {
      if (down) return dial();
      const v = containerdVersion(ctx.state, ctx.host);
      const hex = (seed: string, n: number) => Array.from({ length: Math.ceil(n / 8) }, (_, i) => (hashString(`${seed}/${i}`) >>> 0).toString(16).padStart(8, '0')).join('').slice(0, n);
      const rev = hex(`rev/${v}`, 40);
      const id = hex(`uuid/${ctx.host.name}`, 32);
      return ok(`Client:\n  Version:  v${v}\n  Revision: ${rev}\n  Go version: go1.22.10\n\nServer:\n  Version:  v${v}\n  Revision: ${rev}\n  UUID: ${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}\n`);
    }
    if (['namespaces', 'namespace', 'ns'].includes(group)) {
      if (verb !== 'ls' && verb !== 'list') return fail(`ctr: no such command "${verb ?? ''}"\n`);
      if (down) return dial();
      return ok(rest.includes('-q') || rest.includes('--quiet') ? 'k8s.io\n' : table(1, 1, [['NAME', 'LABELS'], ['k8s.io', '']]));
    }
    const g = Object.values(GROUPS).find((x) => x.names.includes(group));
    if (!g) return fail(`ctr: no such command "${group}"\n`);
    if (verb !== 'ls' && verb !== 'list') return fail(verb === undefined ? `ctr: no such command ""\n` : `ctr: no such command "${verb}"\n`);
    const bad = rest.find((r) => r.startsWith('-') && !['-q', '--quiet'].includes(r));
    if (bad) return fail(`Incorrect Usage: flag provided but not defined: -${bad.replace(/^-+/, '')}\n\nctr: flag provided but not defined: -${bad.replace(/^-+/, '')}\n`);
    if (down) return dial();
    const quiet = rest.includes('-q') || rest.includes('--quiet');
    if (namespace !== 'k8s.io') {
      const header = g === GROUPS.containers ? table(4, 4, [['CONTAINER', 'IMAGE', 'RUNTIME']]) : g === GROUPS.images ? table(1, 1, [['REF', 'TYPE', 'DIGEST', 'SIZE', 'PLATFORMS', 'LABELS']]) : table(1, 1, [['TASK', 'PID', 'STATUS']]);
      return ok(quiet ? '' : header);
    }
    return ok(g.run(ctx, quiet));
  },
  complete(words, partial) {
    const rest = words.slice(1).filter((w) => !w.startsWith('-') && w !== 'k8s.io');
    const ns = words.includes('-n') || words.includes('--namespace') ? [] : ['-n', '--namespace'];
    if (rest.length === 0) return matching(['containers', 'images', 'tasks', 'namespaces', 'version', ...ns], partial);
    if (rest.length === 1) return matching(['ls', 'list'], partial);
    return matching(['-q', '--quiet'], partial);
  },
};

