import type { ClusterState } from '../model/state.ts';
import type { Host } from '../model/host.ts';
import type { Command, CommandContext, ShellFrame } from '../commands/types.ts';
import { runLine, type LineResult, type ShellEnv } from './interpreter.ts';
import { shellPath } from './paths.ts';
import { newShellState, type ShellFs } from './state.ts';

/**
 * A tiny stand-in for the session, for tests of the shell and of text tools: a flat file map,
 * a clock that `sleep`/ctx.wait move, history, `$?`, variables and aliases kept between lines.
 * Not used by product code. State and host are empty shells: commands under test must not need them.
 */
export interface FakeShell {
  /** The files as they are now (written ones included). */
  files: Map<string, string>;
  run(line: string): LineResult;
  /** Virtual time, ms. */
  now: number;
  frame: ShellFrame;
  env: ShellEnv;
}

/**
 * `writable`: paths under which redirections may create files (none: every write is refused with
 * `Permission denied`, as before the shell had a file system). Directories are implied by files
 * and by `dirs`.
 */
export function fakeShell(opts: { commands?: Command[]; files?: Record<string, string>; frame?: Partial<ShellFrame>; now?: number; writable?: string[]; dirs?: string[] } = {}): FakeShell {
  const commands = new Map((opts.commands ?? []).map((c) => [c.name, c]));
  const files = new Map(Object.entries(opts.files ?? {}));
  const history: string[] = [];
  const shell: FakeShell = {
    files,
    now: opts.now ?? 0,
    frame: { place: 'laptop', host: 'laptop', user: 'learner', cwd: '/home/learner', ...opts.frame },
    env: undefined as unknown as ShellEnv,
    run(line) {
      history.push(line);
      const r = runLine(line, shell.env);
      shell.env.lastExit = r.exitCode;
      if (r.cwd) shell.frame = { ...shell.frame, cwd: r.cwd };
      return r;
    },
  };
  const readFile = (path: string): ReturnType<CommandContext['readFile']> => {
    const abs = shellPath(shell.frame.cwd, path);
    const text = files.get(abs);
    if (text !== undefined) return { ok: true, text };
    if (isDir(abs)) return { ok: false, error: 'EISDIR' };
    return { ok: false, error: 'ENOENT' };
  };
  const dirs = new Set(['/', ...(opts.dirs ?? [])]);
  const isDir = (abs: string) => dirs.has(abs) || [...files.keys(), ...dirs].some((f) => f.startsWith(abs.endsWith('/') ? abs : `${abs}/`));
  const fs: ShellFs | undefined = opts.writable && {
    write(path, text, append) {
      if (isDir(path)) return { ok: false, error: 'Is a directory' };
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      if (!isDir(parent)) return { ok: false, error: 'No such file or directory' };
      if (!opts.writable!.some((w) => path.startsWith(`${w}/`))) return { ok: false, error: 'Permission denied' };
      files.set(path, (append ? files.get(path) ?? '' : '') + text);
      return { ok: true };
    },
    list(dir) {
      if (!isDir(dir)) return undefined;
      const prefix = dir === '/' ? '/' : `${dir}/`;
      const names = new Set<string>();
      for (const p of [...files.keys(), ...dirs]) if (p.startsWith(prefix) && p !== prefix) names.add(p.slice(prefix.length).split('/')[0]);
      return [...names].sort();
    },
  };
  shell.env = {
    lastExit: 0,
    vars: new Map(),
    aliases: new Map(),
    shell: newShellState(),
    ...(fs ? { fs } : {}),
    lookup: (name) => commands.get(name),
    frame: () => shell.frame,
    now: () => shell.now,
    context: (argv, stdin) => ({
      argv,
      stdin,
      get state() { return { now: shell.now } as ClusterState; },
      frame: shell.frame,
      host: { files: Object.fromEntries(files) } as unknown as Host,
      dispatch() {},
      wait(ms) { shell.now += ms; },
      history,
      readFile,
    }),
  };
  return shell;
}
