import { resolvePath as resolveFsPath } from '../host/files.ts';

/**
 * Path arithmetic for the simulated shell's working directory, as bash's `cd` does it logically
 * (no symlinks): `..` and `.` are folded, `~` is the home directory.
 */

/** Resolves `path` against `cwd` (both POSIX); `~` and `~/x` use `home`. Always returns an absolute path. */
export function resolvePath(cwd: string, path: string, home = '/root'): string {
  const expanded = path === '~' || path.startsWith('~/') ? home + path.slice(1) : path;
  return resolveFsPath(expanded, cwd);
}

/** The home directory bash would give `user`: `/root` for root, `/home/<user>` otherwise. */
export function homeOf(user: string): string {
  return user === 'root' ? '/root' : `/home/${user}`;
}
