import type { Command, CommandContext, CommandResult, Follow, ShellFrame } from '../commands/types.ts';
import type { AndOrList, Pipeline, Redirect, Script, SimpleCommand } from './ast.ts';
import { builtinsByName, type ShellVars } from './builtins/index.ts';
import { expandWord, expandWordString, isPlainWord, type Expander } from './expand.ts';
import { parseLine } from './parser.ts';
import { genericParse } from '../grader/parse.ts';
import type { ParsedCommand } from '../commands/parsed.ts';
import { homeOf, resolvePath } from './paths.ts';

/** What the interpreter needs from the session that runs it. */
export interface ShellEnv {
  /** Finds the command for argv[0] at the current place, or undefined → `bash: foo: command not found` (exit 127). */
  lookup(name: string): Command | undefined;
  /** Builds the CommandContext for one command invocation (the session supplies state, dispatch, host, readFile…). */
  context(argv: string[], stdin: string): CommandContext;
  /** Current shell location (top frame), for $HOSTNAME/$USER/$PWD and prompts. */
  frame(): ShellFrame;
  /** Current virtual time in ms (for `time`). */
  now(): number;
  /** Last exit status ($?), kept by the session between lines. */
  lastExit: number;
  /** Shell variables, kept by the session between lines (a fresh map per line when absent). */
  vars?: Map<string, string>;
  /** Aliases (`alias k=kubectl`), kept by the session between lines (none when absent). */
  aliases?: Map<string, string>;
}

/** One simple command as it ran: expanded argv, its own output before redirection, and when (ms). */
export interface CommandRun {
  argv: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
  at: number;
  /** What the command understood of argv: its own record, else the generic parse (grader/parse.ts). */
  parsed: ParsedCommand;
  /** The command keeps running (a follow): its later output and how it ends come from the session. */
  follows?: boolean;
}

/** The outcome of one line typed at the prompt. */
export interface LineResult {
  /** What the terminal shows, stdout and stderr interleaved in order (stderr not redirected away). */
  output: string;
  /** `$?` after the line (2 for a syntax error; unchanged for an empty line). */
  exitCode: number;
  /** From the last command that asked; the rest of the line is not run after enter/leave. */
  enter?: ShellFrame;
  leave?: boolean;
  /** The screen is to be cleared before `output` is shown (output holds only what came after `clear`). */
  clear?: boolean;
  /** The line's last pipeline keeps running (journalctl -f, possibly piped through grep). */
  follow?: Follow;
  /** New working directory of the top frame, when `cd` changed it. */
  cwd?: string;
  /** Every simple command run, in order, with its own result — for the grader and transcript. */
  runs: CommandRun[];
  /** Set when the line did not parse: bash's message is in `output`. */
  syntaxError?: { incomplete: boolean };
}

/**
 * Runs one line as interactive bash would: parse (syntax errors print bash's message, exit 2),
 * then each and-or list in turn with `&&`/`||` short-circuiting, pipelines feeding stdout to the
 * next stdin, redirections to /dev/null and between stdout/stderr, `$(…)` substitution and
 * `time`. Never throws on input; a command that throws is reported as a failure of that command.
 */
export function runLine(line: string, env: ShellEnv): LineResult {
  const parsed = parseLine(line);
  if (!parsed.ok) return { output: `${parsed.error}\n`, exitCode: 2, runs: [], syntaxError: { incomplete: parsed.incomplete } };
  const run = new LineRun(env);
  run.script(parsed.script, (s) => { run.out += s; }, true);
  return run.result();
}

/** Where a file descriptor points while one command runs. */
type Dest = 'out' | 'err' | 'null';

/** One pipeline stage's output after redirection: `toOut` goes down the pipe, `toErr` to the terminal. */
interface StageOutput {
  toOut: string;
  toErr: string;
  /** Both streams in write order, when the command gave them and nothing was redirected. */
  interleaved?: string;
  exitCode: number;
  follow?: Follow;
  /** The command, when it is a plain place command (a follow can be piped through it later). */
  command?: Command;
  argv: string[];
}

class LineRun {
  out = '';
  runs: CommandRun[] = [];
  lastExit: number;
  vars: Map<string, string>;
  aliases: Map<string, string>;
  cwd: string;
  private readonly startCwd: string;
  private enter?: ShellFrame;
  private leave = false;
  private clear = false;
  private follow?: Follow;
  private stopped = false;

  constructor(private readonly env: ShellEnv) {
    this.lastExit = env.lastExit;
    this.vars = env.vars ?? new Map();
    this.aliases = env.aliases ?? new Map();
    this.cwd = this.startCwd = env.frame().cwd;
  }

  result(): LineResult {
    const r: LineResult = { output: this.out, exitCode: this.lastExit, runs: this.runs };
    if (this.enter) r.enter = this.enter;
    if (this.leave) r.leave = true;
    if (this.clear) r.clear = true;
    if (this.follow) r.follow = this.follow;
    if (this.cwd !== this.startCwd) r.cwd = this.cwd;
    return r;
  }

  private get home(): string {
    return this.vars.get('HOME') ?? homeOf(this.env.frame().user);
  }

  script(script: Script, sink: (s: string) => void, top: boolean): void {
    for (const list of script.lists) {
      if (this.stopped) return;
      this.andOr(list, sink, top);
    }
  }

  private andOr(list: AndOrList, sink: (s: string) => void, top: boolean): void {
    let status = this.pipeline(list.first, sink, top);
    for (const { op, pipeline } of list.rest) {
      if (this.stopped) return;
      if ((op === '&&') === (status === 0)) status = this.pipeline(pipeline, sink, top);
    }
  }

  private pipeline(p: Pipeline, sink: (s: string) => void, top: boolean): number {
    const t0 = this.env.now();
    let stdin = '';
    const stages: StageOutput[] = [];
    for (let i = 0; i < p.commands.length && !this.stopped; i++) {
      const stage = this.simple(p.commands[i], stdin, top);
      stages.push(stage);
      const last = i === p.commands.length - 1;
      if (last && top && stage.interleaved !== undefined) {
        this.out += stage.interleaved; // at the top level the sink is the terminal itself
      } else if (last) {
        sink(stage.toOut);
        this.out += stage.toErr;
      } else if (p.pipes[i] === '|&') {
        stdin = stage.toOut + stage.toErr;
      } else {
        stdin = stage.toOut;
        this.out += stage.toErr;
      }
    }
    const lastStage = stages[stages.length - 1];
    let status = lastStage ? lastStage.exitCode : 0;
    if (p.negated) status = status === 0 ? 1 : 0;
    this.lastExit = status;
    if (p.timed) this.out += timeReport(this.env.now() - t0, stages.flatMap((s) => s.argv));
    if (top) this.follow = this.followOf(stages, p);
    return status;
  }

  /**
   * The line's follow: a follow-mode stage (journalctl -f) whose later stages are all place
   * commands keeps running, its new output piped through those stages at each poll.
   */
  private followOf(stages: StageOutput[], p: Pipeline): Follow | undefined {
    const k = stages.findIndex((s) => s.follow);
    if (k < 0 || stages.length !== p.commands.length) return undefined;
    const upstream = stages[k].follow!;
    const downstream = stages.slice(k + 1);
    if (downstream.length === 0) return upstream;
    if (downstream.some((s) => !s.command)) return undefined;
    const env = this.env;
    return {
      poll(state, fromMs, toMs, dispatch) {
        const r = upstream.poll(state, fromMs, toMs, dispatch);
        let data = r.stdout;
        let stderr = r.stderr;
        let exitCode = 0;
        for (const s of downstream) {
          // Nothing new upstream: a filter would print nothing (and grep would only fail).
          if (data === '') break;
          const res = safeRun(s.command!, env.context(s.argv, data), s.argv);
          data = res.stdout;
          stderr += res.stderr;
          exitCode = res.exitCode;
        }
        return { stdout: data, stderr, ...(r.done ? { done: { exitCode: downstream.length ? exitCode : r.done.exitCode } } : {}) };
      },
      onInterrupt: upstream.onInterrupt,
    };
  }

  private expander(): Expander {
    return {
      home: this.home,
      param: (name) => this.param(name),
      substitute: (script) => {
        let captured = '';
        this.script(script, (s) => { captured += s; }, false);
        return captured;
      },
    };
  }

  private param(name: string): string {
    if (name === '?') return String(this.lastExit);
    const set = this.vars.get(name);
    if (set !== undefined) return set;
    const frame = this.env.frame();
    switch (name) {
      case 'HOSTNAME': return hostnameOf(frame);
      case 'USER':
      case 'LOGNAME': return frame.user;
      case 'HOME': return this.home;
      case 'PWD': return this.cwd;
      case 'SHELL': return '/bin/bash';
      case '0': return 'bash';
      case '#': return '0';
      case '$': return String(pidOf(frame.host));
      default: return '';
    }
  }

  /** Runs one simple command: expansion, aliases, redirections, then the builtin or place command. */
  private simple(cmd: SimpleCommand, stdin: string, top: boolean): StageOutput {
    const x = this.expander();
    let argv = cmd.words.flatMap((w) => expandWord(w, x));
    if (argv.length === 0) {
      // `NAME=value` alone sets a shell variable; its status is that of the last substitution.
      const runsBefore = this.runs.length;
      for (const a of cmd.assignments) this.vars.set(a.name, expandWordString(a.value, x));
      const status = this.runs.length > runsBefore ? this.lastExit : 0;
      return { toOut: '', toErr: '', exitCode: cmd.redirects.length ? 0 : status, argv };
    }
    if (cmd.words.length && isPlainWord(cmd.words[0]) && this.aliases.has(argv[0])) argv = [...this.aliasWords(argv[0], x), ...argv.slice(1)];

    const fds = this.redirect(cmd.redirects, x, argv);
    if ('error' in fds) return { toOut: fds.toOut, toErr: fds.toErr, exitCode: 1, argv };
    const at = this.env.now();
    const name = argv[0];
    let result: CommandResult & { cwd?: string };
    let command: Command | undefined;
    const builtin = builtinsByName.get(name);
    if (builtin) {
      result = this.runBuiltin(builtin, argv, fds.stdin ?? stdin);
    } else {
      command = name.includes('/') ? undefined : this.env.lookup(name);
      if (command) result = safeRun(command, this.context(argv, fds.stdin ?? stdin), argv);
      else if (this.env.frame().place === 'debug') result = { stdout: '', stderr: `sh: ${name}: not found\n`, exitCode: 127 }; // busybox ash
      else if (name.includes('/')) result = { stdout: '', stderr: `bash: ${name}: No such file or directory\n`, exitCode: 127 };
      else result = { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
    }
    const parsed = result.parsed ?? genericParse(argv, command?.flags);
    this.runs.push({ argv, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, at, parsed, ...(result.follow ? { follows: true } : {}) });
    if (result.cwd !== undefined) this.cwd = result.cwd;
    if (top) {
      if (result.clear) { this.clear = true; this.out = ''; }
      if (result.enter) { this.enter = result.enter; this.stopped = true; }
      if (result.leave) { this.leave = true; this.stopped = true; }
    }
    const routed = route(result.stdout, result.stderr, fds.one, fds.two);
    const plain = fds.one === 'out' && fds.two === 'err';
    return { ...routed, ...(plain && result.interleaved !== undefined ? { interleaved: result.interleaved } : {}), exitCode: result.exitCode, follow: result.follow, command, argv };
  }

  private aliasWords(name: string, x: Expander): string[] {
    const parsed = parseLine(this.aliases.get(name) ?? '');
    const first = parsed.ok ? parsed.script.lists[0]?.first.commands[0] : undefined;
    return first ? first.words.flatMap((w) => expandWord(w, x)) : [name];
  }

  private runBuiltin(b: NonNullable<ReturnType<typeof builtinsByName.get>>, argv: string[], stdin: string) {
    const shell: ShellVars = { vars: this.vars, aliases: this.aliases, lastExit: this.lastExit, cwd: this.cwd, home: this.home, frame: this.env.frame() };
    try {
      return b.run({ argv, stdin, shell, ctx: this.context(argv, stdin) });
    } catch (e) {
      return crashed(argv, e);
    }
  }

  /** The session's context, seen from this line's working directory when a `cd` earlier on the line moved it. */
  private context(argv: string[], stdin: string): CommandContext {
    const base = this.env.context(argv, stdin);
    if (this.cwd === this.startCwd) return base;
    const cwd = this.cwd;
    const home = this.home;
    return new Proxy(base, {
      get(target, prop) {
        if (prop === 'frame') return { ...target.frame, cwd };
        if (prop === 'readFile') return (path: string) => target.readFile(resolvePath(cwd, path, home));
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  }

  /**
   * Applies redirections in order, as bash does. Only /dev/null, /dev/stdout, /dev/stderr and
   * fd duplication are writable (the learner has no business writing files on the simulated
   * machines); any other output file is refused with `Permission denied`. `< FILE` reads it.
   */
  private redirect(redirects: Redirect[], x: Expander, argv: string[]):
    | { one: Dest; two: Dest; stdin?: string }
    | { error: true; toOut: string; toErr: string } {
    let one: Dest = 'out';
    let two: Dest = 'err';
    let stdin: string | undefined;
    const fail = (msg: string) => {
      const r = route('', msg, one, two);
      return { error: true as const, ...r };
    };
    for (const r of redirects) {
      const target = expandWordString(r.target, x);
      const fileDest = (): Dest | undefined =>
        target === '/dev/null' ? 'null' : target === '/dev/stdout' ? one : target === '/dev/stderr' ? two : undefined;
      switch (r.op) {
        case '<': {
          if (target === '/dev/null') { stdin = ''; break; }
          const f = this.context(argv, '').readFile(target);
          if (f.ok) { stdin = f.text; break; }
          return fail(`bash: ${target}: ${f.error === 'ENOENT' ? 'No such file or directory' : f.error === 'EACCES' ? 'Permission denied' : 'Is a directory'}\n`);
        }
        case '<&':
          break;
        case '>&':
          if (/^\d+$/.test(target)) {
            const src: Dest | undefined = target === '1' ? one : target === '2' ? two : undefined;
            if (!src) return fail(`bash: ${target}: Bad file descriptor\n`);
            if ((r.fd ?? 1) === 1) one = src;
            else if (r.fd === 2) two = src;
            break;
          }
          if (target === '-') {
            if ((r.fd ?? 1) === 1) one = 'null';
            else if (r.fd === 2) two = 'null';
            break;
          }
          {
            // `>&file` means `&>file`.
            const d = fileDest();
            if (!d) return fail(`bash: ${target}: Permission denied\n`);
            one = d;
            two = d;
          }
          break;
        case '&>':
        case '&>>': {
          const d = fileDest();
          if (!d) return fail(`bash: ${target}: Permission denied\n`);
          one = d;
          two = d;
          break;
        }
        default: {
          const d = fileDest();
          if (!d) return fail(`bash: ${target}: Permission denied\n`);
          if ((r.fd ?? 1) === 1) one = d;
          else if (r.fd === 2) two = d;
        }
      }
    }
    return { one, two, stdin };
  }
}

/** Sends a command's stdout/stderr where its file descriptors point. Stdout first, then stderr. */
function route(stdout: string, stderr: string, one: Dest, two: Dest): { toOut: string; toErr: string } {
  let toOut = '';
  let toErr = '';
  if (one === 'out') toOut += stdout;
  else if (one === 'err') toErr += stdout;
  if (two === 'out') toOut += stderr;
  else if (two === 'err') toErr += stderr;
  return { toOut, toErr };
}

function safeRun(command: Command, ctx: CommandContext, argv: string[]): CommandResult {
  try {
    return command.run(ctx);
  } catch (e) {
    return crashed(argv, e);
  }
}

/** A command that threw (a bug, never a learner's mistake) fails visibly instead of breaking the terminal. */
function crashed(argv: string[], e: unknown): CommandResult {
  const msg = e instanceof Error ? e.message : String(e);
  return { stdout: '', stderr: `${argv[0]}: internal error: ${msg}\n`, exitCode: 1 };
}

/** `$HOSTNAME`: the pod's name inside a pod debug container, else the machine's name. */
function hostnameOf(frame: ShellFrame): string {
  if (frame.debug && !frame.debug.nodeDebug) return frame.debug.pod.split('/').pop() ?? frame.host;
  return frame.host;
}

/** A stable fake PID for `$$`, derived from the host name. */
function pidOf(host: string): number {
  let h = 0;
  for (const c of host) h = (h * 31 + c.charCodeAt(0)) % 30000;
  return 1000 + h;
}

/**
 * bash's `time` report, printed on the shell's stderr after the pipeline's output:
 * `\nreal\t0m12.034s\nuser\t0m0.101s\nsys\t0m0.023s\n`. `real` is the virtual time the pipeline
 * took; user/sys are small made-up CPU times derived from the argv (deterministic, never random).
 */
export function timeReport(realMs: number, argv: string[]): string {
  const n = argv.reduce((sum, a) => sum + a.length, 0);
  const user = argv.length ? 2 + ((n * 37) % 190) : 0;
  const sys = argv.length ? 1 + ((n * 13) % 60) : 0;
  return `\nreal\t${clock(realMs)}\nuser\t${clock(user)}\nsys\t${clock(sys)}\n`;
}

function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const m = Math.floor(total / 60000);
  const s = Math.floor((total % 60000) / 1000);
  return `${m}m${s}.${String(total % 1000).padStart(3, '0')}s`;
}
