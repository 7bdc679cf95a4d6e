import type { Host } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import { cgroupItems, cgroupRenderer, itemPath, type CgroupItem } from './cgroupfs.ts';
import { dynamicFiles, isCgroupPath, kernelFiles } from './proc.ts';

/**
 * The file layer of a simulated host: static files from `host.files`, kernel-rendered files under
 * /proc and /proc/sys, and directories implied by every known path. What `cat`, `less`, `ls` and
 * shell redirections read; the session hands `readHostFile` to every command as `ctx.readFile`.
 */

export type ReadResult = { ok: true; text: string } | { ok: false; error: 'ENOENT' | 'EISDIR' | 'EACCES' };

/** Directories that always exist on a Linux node, whether or not a file below them is modelled. */
const BASE_DIRS = ['/', '/proc', '/proc/sys', '/proc/sys/kernel', '/etc', '/var', '/var/log', '/var/lib', '/var/lib/kubelet',
  '/run', '/tmp', '/root', '/home', '/usr', '/usr/bin', '/usr/local', '/usr/local/bin', '/bin', '/sbin', '/dev', '/sys', '/opt'];

/**
 * Resolves `path` against `cwd` the way the kernel does: `.`/`..` segments, repeated slashes.
 * Returns an absolute path without a trailing slash (except `/`).
 */
export function resolvePath(path: string, cwd = '/'): string {
  const parts: string[] = [];
  const full = path.startsWith('/') ? path : `${cwd}/${path}`;
  for (const seg of full.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/**
 * One host's file layer at one state, computed once: every regular file path (static ones, then
 * rendered ones; static wins on clashes), every directory with its children's names sorted as `ls`
 * sorts them in the C locale, and the cgroup tree's pieces, whose files render when read. A
 * directory is a base directory, a mount point, a directory the session made, or a proper
 * ancestor of any of those or of a file.
 */
interface FileTree {
  paths: readonly string[];
  children: Map<string, readonly string[]>;
  cgroup: readonly CgroupItem[];
}

/**
 * Trees of frozen states, by state then host object. States are immutable once frozen (immer), so
 * a tree stays right for as long as its state lives; `find /` or `du` asks for thousands of
 * directories of the same state, which without this re-rendered the whole of /proc and /sys each time.
 */
const trees = new WeakMap<ClusterState, WeakMap<Host, FileTree>>();

/**
 * The paths and listings last built per host name, with what they came from: the host's static
 * files, mounts and made directories (frozen objects, compared by identity) and where the cgroup
 * tree's pieces sit. The clock moves at every command and makes a new state, but the paths rarely
 * change with it: when their sources are the same, so are the paths and the listings, and the new
 * state's tree shares them instead of building them again.
 */
const lastShapes = new Map<string, { files: object; filesystems: object; dirs: object | undefined; kind: string; cgroup: readonly string[]; paths: readonly string[]; children: Map<string, readonly string[]> }>();

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function buildTree(state: ClusterState, host: Host, frozen: boolean): FileTree {
  const cgroup = host.kind === 'node' ? cgroupItems(state, host) : [];
  const shape = cgroup.map(itemPath);
  const last = frozen ? lastShapes.get(host.name) : undefined;
  if (last && last.files === host.files && last.filesystems === host.filesystems && last.dirs === host.dirs && last.kind === host.kind && sameStrings(last.cgroup, shape)) {
    return { paths: last.paths, children: last.children, cgroup };
  }
  const paths = [...new Set([...Object.keys(host.files), ...dynamicFiles(state, host).keys()])];
  const dirs = [...BASE_DIRS, ...host.filesystems.map((f) => f.mount), ...(host.dirs ?? [])];
  const children = directoryChildren([...paths, ...dirs], dirs);
  if (frozen) lastShapes.set(host.name, { files: host.files, filesystems: host.filesystems, dirs: host.dirs, kind: host.kind, cgroup: shape, paths, children });
  return { paths, children, cgroup };
}

/** Every directory implied by `entries` (the `dirs` among them are directories even when empty), with its children's names, sorted. */
function directoryChildren(entries: readonly string[], dirs: readonly string[]): Map<string, readonly string[]> {
  const names = new Map<string, Set<string>>();
  for (const d of dirs) if (!names.has(d)) names.set(d, new Set());
  for (const p of entries) {
    // Every '/' of p ends a proper ancestor whose child on the way to p is the next segment.
    for (let i = p.indexOf('/'); i !== -1; i = p.indexOf('/', i + 1)) {
      const dir = i === 0 ? '/' : p.slice(0, i);
      let kids = names.get(dir);
      if (!kids) names.set(dir, (kids = new Set()));
      const end = p.indexOf('/', i + 1);
      const name = p.slice(i + 1, end === -1 ? undefined : end);
      if (name) kids.add(name);
    }
  }
  const children = new Map<string, readonly string[]>();
  for (const [dir, kids] of names) children.set(dir, [...kids].sort());
  return children;
}

/** The file tree of `host` at `state`; cached when the state is frozen (a live session's always is). */
function fileTree(state: ClusterState, host: Host): FileTree {
  if (!Object.isFrozen(state) || !Object.isFrozen(host)) return buildTree(state, host, false);
  let byHost = trees.get(state);
  if (!byHost) trees.set(state, (byHost = new WeakMap()));
  let tree = byHost.get(host);
  if (!tree) byHost.set(host, (tree = buildTree(state, host, true)));
  return tree;
}

/** kernelFiles of frozen states, by state then host: what a read outside the cgroup tree needs (see fileTree). */
const kernels = new WeakMap<ClusterState, WeakMap<Host, Map<string, () => string>>>();

function kernelRenderers(state: ClusterState, host: Host): Map<string, () => string> {
  if (!Object.isFrozen(state) || !Object.isFrozen(host)) return kernelFiles(state, host);
  let byHost = kernels.get(state);
  if (!byHost) kernels.set(state, (byHost = new WeakMap()));
  let files = byHost.get(host);
  if (!files) byHost.set(host, (files = kernelFiles(state, host)));
  return files;
}

/** Every regular file path the host has: static ones, then rendered ones (static wins on clashes). */
export function filePaths(state: ClusterState, host: Host): string[] {
  return [...fileTree(state, host).paths];
}

/** Whether `abs` (already resolved) is a directory on the host: a base directory, a mount point or a parent of a known file. */
export function isDirectory(state: ClusterState, host: Host, abs: string): boolean {
  return fileTree(state, host).children.has(abs);
}

/**
 * Reads a file on `host` as `open(2)` + `read(2)` would: `{ok:true,text}` for a file,
 * `EISDIR` for a directory, `ENOENT` otherwise. `path` may be relative to `cwd`.
 */
export function readHostFile(state: ClusterState, host: Host, path: string, cwd = '/'): ReadResult {
  const abs = resolvePath(path, cwd);
  if (Object.hasOwn(host.files, abs)) return { ok: true, text: host.files[abs] };
  // A file of /proc or /etc is found without building the whole tree (every pod's cgroup files).
  const render = isCgroupPath(abs) ? cgroupRenderer(fileTree(state, host).cgroup, abs) : kernelRenderers(state, host).get(abs);
  if (render) return { ok: true, text: render() };
  if (isDirectory(state, host, abs)) return { ok: false, error: 'EISDIR' };
  return { ok: false, error: 'ENOENT' };
}

/**
 * The names directly inside directory `abs`, sorted as `ls` sorts them in the C locale;
 * `undefined` when `abs` is not a directory.
 */
export function listDirectory(state: ClusterState, host: Host, abs: string): string[] | undefined {
  const kids = fileTree(state, host).children.get(abs);
  return kids ? [...kids] : undefined;
}
