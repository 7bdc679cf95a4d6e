import type { Host } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import { dynamicFiles } from './proc.ts';

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

/** Every regular file path the host has: static ones, then rendered ones (static wins on clashes). */
export function filePaths(state: ClusterState, host: Host): string[] {
  return [...new Set([...Object.keys(host.files), ...dynamicFiles(state, host).keys()])];
}

/** Whether `abs` (already resolved) is a directory on the host: a base directory, a mount point or a parent of a known file. */
export function isDirectory(state: ClusterState, host: Host, abs: string): boolean {
  if (BASE_DIRS.includes(abs) || host.filesystems.some((f) => f.mount === abs) || host.dirs?.includes(abs)) return true;
  const prefix = abs === '/' ? '/' : abs + '/';
  return filePaths(state, host).some((p) => p.startsWith(prefix)) || host.filesystems.some((f) => f.mount.startsWith(prefix)) || (host.dirs ?? []).some((p) => p.startsWith(prefix));
}

/**
 * Reads a file on `host` as `open(2)` + `read(2)` would: `{ok:true,text}` for a file,
 * `EISDIR` for a directory, `ENOENT` otherwise. `path` may be relative to `cwd`.
 */
export function readHostFile(state: ClusterState, host: Host, path: string, cwd = '/'): ReadResult {
  const abs = resolvePath(path, cwd);
  if (Object.hasOwn(host.files, abs)) return { ok: true, text: host.files[abs] };
  const render = dynamicFiles(state, host).get(abs);
  if (render) return { ok: true, text: render() };
  if (isDirectory(state, host, abs)) return { ok: false, error: 'EISDIR' };
  return { ok: false, error: 'ENOENT' };
}

/**
 * The names directly inside directory `abs`, sorted as `ls` sorts them in the C locale;
 * `undefined` when `abs` is not a directory.
 */
export function listDirectory(state: ClusterState, host: Host, abs: string): string[] | undefined {
  if (!isDirectory(state, host, abs)) return undefined;
  const prefix = abs === '/' ? '/' : abs + '/';
  const names = new Set<string>();
  const all = [...filePaths(state, host), ...BASE_DIRS, ...host.filesystems.map((f) => f.mount), ...(host.dirs ?? [])];
  for (const p of all) {
    if (!p.startsWith(prefix) || p === prefix) continue;
    const name = p.slice(prefix.length).split('/')[0];
    if (name) names.add(name);
  }
  return [...names].sort();
}
