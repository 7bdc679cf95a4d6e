import type { Host } from '../../../model/host.ts';
import type { ClusterState } from '../../../model/state.ts';
import { filePaths, readHostFile, resolvePath } from '../../../host/files.ts';
import { journalFiles } from '../../../host/journal.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';
import { gnuHuman } from '../format.ts';
import { matching, parseTool } from '../args.ts';
import { containerLogText } from '../../../sim/etcd/logs.ts';

const USAGE = `Usage: du [OPTION]... [FILE]...
Summarize device usage of the set of FILEs, recursively for directories.

  -a, --all             write counts for all files, not just directories
      --apparent-size   print apparent sizes rather than device usage
  -c, --total           produce a grand total
  -d, --max-depth=N     print the total for a directory (or file, with --all)
                          only if it is N or fewer levels below the command
                          line argument;  --max-depth=0 is the same as
                          --summarize
  -h, --human-readable  print sizes in human readable format (e.g., 1K 234M 2G)
  -k                    like --block-size=1K
  -m                    like --block-size=1M
  -s, --summarize       display only a total for each argument
  -x, --one-file-system    skip directories on different file systems
      --help        display this help and exit
`;

const SPECS: FlagSpec[] = [
  { name: 'all', short: 'a', type: 'bool', help: '' }, { name: 'apparent-size', type: 'bool', help: '' }, { name: 'total', short: 'c', type: 'bool', help: '' },
  { name: 'max-depth', short: 'd', type: 'string', help: '' }, { name: 'human-readable', short: 'h', type: 'bool', help: '' }, { name: 'k', short: 'k', type: 'bool', help: '' },
  { name: 'm', short: 'm', type: 'bool', help: '' }, { name: 'summarize', short: 's', type: 'bool', help: '' }, { name: 'one-file-system', short: 'x', type: 'bool', help: '' },
];

const MiB = 1024 * 1024;
const block = (n: number) => Math.max(4096, Math.ceil(n / 4096) * 4096);

/**
 * Where the root file system's used bytes are, as leaf files (path → bytes): the host's files,
 * containerd's content store (the images' compressed blobs) and overlayfs snapshots (unpacked,
 * about twice that), the pods' logs under /var/log/pods, journald's files (host/journal.ts: what
 * `journalctl --disk-usage` adds up), and the operating system under /usr holding the rest, so
 * that `du -s /` adds up to what `df` says is used.
 */
export function diskUsage(state: ClusterState, host: Host): Map<string, number> {
  const leaves = new Map<string, number>();
  for (const p of filePaths(state, host)) {
    if (p.startsWith('/proc/') || p.startsWith('/sys/') || p.startsWith('/run/') || p.startsWith('/dev/')) continue;
    const r = readHostFile(state, host, p);
    if (r.ok) leaves.set(p, r.text.length);
  }
  for (const img of host.images) {
    const hex = img.id.replace(/^sha256:/, '');
    leaves.set(`/var/lib/containerd/io.containerd.content.v1.content/blobs/sha256/${hex}`, img.sizeBytes);
    leaves.set(`/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/${hex.slice(0, 12)}/fs`, img.sizeBytes * 2);
  }
  for (const c of host.containers) {
    const bytes = c.logs.reduce((s, l) => s + containerLogText(l).length + 45, 0);
    leaves.set(`/var/log/pods/${c.namespace}_${c.podName}_${c.podUid}/${c.name}/${c.attempt}.log`, bytes);
  }
  for (const f of journalFiles(host)) leaves.set(f.path, f.bytes);
  const root = host.filesystems.find((f) => f.mount === '/');
  const accounted = [...leaves.values()].reduce((s, b) => s + block(b), 0);
  if (root) leaves.set('/usr/lib/x86_64-linux-gnu', Math.max(0, root.usedBytes - accounted - 4096 * 64));
  return leaves;
}

/** Every directory's total under `top` (post-order, as du walks), from the leaves. */
function walk(leaves: Map<string, number>, top: string, apparent: boolean, withFiles: boolean): { path: string; bytes: number; depth: number }[] | undefined {
  const size = (b: number) => (apparent ? b : block(b));
  const under = [...leaves].filter(([p]) => p === top || p.startsWith(top === '/' ? '/' : `${top}/`));
  if (under.length === 0) return undefined;
  if (under.length === 1 && under[0][0] === top) return [{ path: top, bytes: size(under[0][1]), depth: 0 }];
  const dirs = new Map<string, number>();
  const files: { path: string; bytes: number }[] = [];
  for (const [p, b] of under) {
    files.push({ path: p, bytes: size(b) });
    let d = p.slice(0, p.lastIndexOf('/')) || '/';
    for (;;) {
      dirs.set(d, (dirs.get(d) ?? (apparent ? 4096 : 4096)) + size(b));
      if (d === top || d === '/') break;
      d = d.slice(0, d.lastIndexOf('/')) || '/';
    }
  }
  const rel = (p: string) => (p === top ? 0 : p.slice(top === '/' ? 0 : top.length).split('/').filter(Boolean).length);
  const rows = [...[...dirs].map(([path, bytes]) => ({ path, bytes, depth: rel(path) })), ...(withFiles ? files.map((f) => ({ ...f, depth: rel(f.path) })) : [])];
  // du prints children before their parent; siblings in directory-read order (here: by name).
  rows.sort((a, b) => (a.path.startsWith(b.path === '/' ? '/' : b.path + '/') ? -1 : b.path.startsWith(a.path === '/' ? '/' : a.path + '/') ? 1 : a.path < b.path ? -1 : 1));
  return rows;
}

/**
 * `du` (GNU coreutils 9.1) over diskUsage: `-s`, `-h`, `-c`, `-d N`/`--max-depth`, `-a`,
 * `--apparent-size`, `-k`/`-m`, `-x`. Sizes in 1K blocks unless told otherwise. An argument the
 * shell left unexpanded (`/var/lib/containerd/*` where the shell's file listing has no such
 * directory) is matched here against the same tree, so the pipeline people type works.
 */
export const du: Command = {
  name: 'du',
  places: ['node'],
  summary: 'estimate file space usage',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('du', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    const depthArg = v['max-depth'];
    const maxDepth = v.summarize === true ? 0 : typeof depthArg === 'string' && depthArg !== '' ? Number(depthArg) : Infinity;
    if (!Number.isInteger(maxDepth) && maxDepth !== Infinity) return { stdout: '', stderr: `du: invalid maximum depth '${String(depthArg)}'\nTry 'du --help' for more information.\n`, exitCode: 1 };
    const leaves = diskUsage(ctx.state, ctx.host);
    const fmt = (b: number) => (v['human-readable'] === true ? gnuHuman(b) : v.m === true ? String(Math.ceil(b / MiB)) : String(Math.ceil(b / 1024)));
    const dirsAll = new Set<string>();
    for (const k of leaves.keys()) for (let d = k; d.includes('/'); d = d.slice(0, d.lastIndexOf('/'))) dirsAll.add(d || '/');
    const args: string[] = [];
    for (const a of p.flags.positionals.length ? p.flags.positionals : ['.']) {
      if (!a.includes('*')) { args.push(a); continue; }
      const re = new RegExp(`^${resolvePath(a, ctx.frame.cwd).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
      const hits = [...dirsAll].filter((d) => re.test(d)).sort();
      args.push(...(hits.length ? hits : [a]));
    }
    let out = '';
    let err = '';
    let total = 0;
    for (const a of args) {
      const abs = resolvePath(a, ctx.frame.cwd);
      const rows = walk(leaves, abs, v['apparent-size'] === true, v.all === true);
      if (!rows) {
        if (dirsAll.has(abs) || readHostFile(ctx.state, ctx.host, abs).ok) { out += `${fmt(4096)}\t${a}\n`; total += 4096; continue; }
        err += `du: cannot access '${a}': No such file or directory\n`;
        continue;
      }
      const shown = (path: string) => (path === abs ? a : a.replace(/\/$/, '') + path.slice(abs === '/' ? 0 : abs.length));
      for (const r of rows) if (r.depth <= maxDepth) out += `${fmt(r.bytes)}\t${shown(r.path)}\n`;
      total += rows.find((r) => r.path === abs)?.bytes ?? 0;
    }
    if (v.total === true) out += `${fmt(total)}\ttotal\n`;
    return { stdout: out, stderr: err, exitCode: err ? 1 : 0 };
  },
  complete(_words, partial) {
    return matching(['-sh', '-h', '-c', '--max-depth=1', '-d', '--apparent-size', '-x', '/var/lib/containerd', '/var/log', '/var'], partial);
  },
};
