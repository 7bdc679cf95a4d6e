import { resolvePath as resolveFsPath } from '../host/files.ts';

/**
 * Path arithmetic for the simulated shell's working directory, as bash's `cd` does it logically
 * (no symlinks): `..` and `.` are folded, `~` is the home directory.
 */

/**
 * A path as the shell hands it on: `~` and `~/x` expanded to `home`, then resolved against `cwd`
 * by the one path resolver (host/files.ts resolvePath). Always returns an absolute path.
 */
export function shellPath(cwd: string, path: string, home = '/root'): string {
  const expanded = path === '~' || path.startsWith('~/') ? home + path.slice(1) : path;
  return resolveFsPath(expanded, cwd);
}

/** The home directory bash would give `user`: `/root` for root, `/home/<user>` otherwise. */
export function homeOf(user: string): string {
  return user === 'root' ? '/root' : `/home/${user}`;
}
