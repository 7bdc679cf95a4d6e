/** The shell's paths: `resolvePath(path, cwd, home)` is host/files.ts's. */

/** The home directory bash would give `user`: `/root` for root, `/home/<user>` otherwise. */
export function homeOf(user: string): string {
  return user === 'root' ? '/root' : `/home/${user}`;
}
