import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The real tools on this machine, for tests that run ours and theirs on the same input and
 * compare (coreutils, procps, util-linux, iproute2, jq, bash). A test whose tool is missing
 * skips, saying so in its title.
 */
export function realTool(name: string): string | undefined {
  for (const dir of ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin']) {
    const p = `${dir}/${name}`;
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** Runs a real program with a fixed environment (C.UTF-8 locale as on the nodes, UTC); returns its output streams and status. */
export function runReal(file: string, args: string[], opts: { input?: string; cwd?: string; env?: Record<string, string> } = {}): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(file, args, {
    input: opts.input ?? '',
    cwd: opts.cwd,
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8', TZ: 'UTC', HOME: '/home/learner', ...opts.env },
    timeout: 10_000,
  });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status ?? -1 };
}
