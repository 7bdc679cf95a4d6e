import type { ClusterState } from '../model/state.ts';
import type { Host } from '../model/host.ts';
import type { Command, CommandContext, ShellFrame } from '../commands/types.ts';
import { runLine, type LineResult, type ShellEnv } from './interpreter.ts';
import { resolvePath } from '../host/files.ts';

/**
 * A tiny stand-in for the session, for tests of the shell and of text tools: a flat file map,
 * a clock that `sleep`/ctx.wait move, history, `$?`, variables and aliases kept between lines.
 * Not used by product code. State and host are empty shells: commands under test must not need them.
 */
export interface FakeShell {
  run(line: string): LineResult;
  /** Virtual time, ms. */
  now: number;
  frame: ShellFrame;
  env: ShellEnv;
}

export function fakeShell(opts: { commands?: Command[]; files?: Record<string, string>; frame?: Partial<ShellFrame>; now?: number } = {}): FakeShell {
  const commands = new Map((opts.commands ?? []).map((c) => [c.name, c]));
  const files = new Map(Object.entries(opts.files ?? {}));
  const history: string[] = [];
  const shell: FakeShell = {
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
    const abs = resolvePath(path, shell.frame.cwd, '/root');
    const text = files.get(abs);
    if (text !== undefined) return { ok: true, text };
    if ([...files.keys()].some((f) => f.startsWith(abs.endsWith('/') ? abs : `${abs}/`))) return { ok: false, error: 'EISDIR' };
    return { ok: false, error: 'ENOENT' };
  };
  shell.env = {
    lastExit: 0,
    vars: new Map(),
    aliases: new Map(),
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
