import { frameToolset, NOT_FOUND } from '../container/toolsets.ts';
import type { Command, CommandContext, CommandResult, Follow, ShellFrame } from '../commands/types.ts';
import type { AndOrList, Command as AstCommand, CompoundCommand, FunctionDef, Pipeline, Redirect, Script, SimpleCommand, Word } from './ast.ts';
import { ArithError, evalArith } from './arith.ts';
import { builtinsByName, type Builtin, type ShellVars } from './builtins/index.ts';
import { CondError, evalCond } from './cond.ts';
import { expandPattern, expandWord, expandWordString, ExpansionError, globRegex, hasGlob, isPlainWord, matchPattern, type Expander } from './expand.ts';
import { parseExpansionText, parseLine, type ParseResult } from './parser.ts';
import { homeOf, shellPath } from './paths.ts';
import { defaultPath, locate } from './path.ts';
import { newShellState, type ShellFs, type ShellState } from './state.ts';
import { genericParse } from '../grader/parse.ts';
import type { ParsedCommand } from '../commands/parsed.ts';

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
  /** Functions, arrays, exports and options kept between lines (fresh per line when absent). */
  shell?: ShellState;
  /** Where redirections write and globs list; without it, writing a file is `Permission denied` and globs match nothing. */
  fs?: ShellFs;
  /** The line's output is shown on a terminal (CommandContext.tty for a command writing to it). */
  tty?: boolean;
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

/** Deepest function-call nesting, as bash with `FUNCNEST` set refuses deeper calls. */
export const FUNCNEST = 200;
/** Most loop iterations one line may run; beyond it the loop is stopped as if interrupted (a real one would spin until Ctrl-C). */
export const MAX_ITERATIONS = 10_000;
/** Most virtual time (ms) loops of one line may let pass (`while true; do …; sleep 5; done`), same treatment. */
export const MAX_LOOP_WAIT_MS = 30 * 60_000;
/** Most output one line may produce (bytes) before it is stopped. */
export const MAX_OUTPUT = 4_000_000;

/**
 * Runs one line as interactive bash would: parse (syntax errors print bash's message, exit 2),
 * then each list in turn: pipelines, `&&`/`||`, compound commands and functions, redirections
 * to files and here-documents, every expansion. Never throws on input; a command that throws is
 * reported as a failure of that command. `parsed`: the line's parseLine result when the caller
 * already has it (the session parses each typed line to see whether it continues).
 */
export function runLine(line: string, env: ShellEnv, onTerminal?: (write: (s: string) => void) => void, parsed: ParseResult = parseLine(line)): LineResult {
  if (!parsed.ok) return { output: `${parsed.error}\n`, exitCode: 2, runs: [], syntaxError: { incomplete: parsed.incomplete } };
  const run = new LineRun(env);
  const term: Sink = (s) => run.write(s);
  run.term = term;
  // Background jobs write to the same terminal while the line runs (a `sleep` in the foreground).
  onTerminal?.(term);
  try {
    run.script(parsed.script, { in: input(''), out: term, err: term }, true);
  } catch (e) {
    if (e instanceof Stop) { /* the line ends here */ } else if (e instanceof RangeError) {
      run.write('bash: maximum nesting level exceeded\n');
      run.lastExit = 2;
    } else throw e;
  }
  return run.result();
}

/** Where a stream goes while one command runs. */
type Sink = (s: string) => void;
/** Standard input as a cursor: successive `read`s in a loop consume it line by line. */
interface Input {
  text: string;
  pos: number;
}
interface IO {
  in: Input;
  out: Sink;
  err: Sink;
}
const input = (text: string): Input => ({ text, pos: 0 });
/** What is left to read on stdin. */
const rest = (i: Input): string => (i.pos === 0 ? i.text : i.text.slice(i.pos));

/** break / continue / return unwinding through the interpreter's own frames. */
class Jump {
  constructor(readonly kind: 'break' | 'continue' | 'return', readonly n: number, readonly status?: number) {}
}
/** Ends the whole line (exit, entering another shell, a budget exhausted). */
class Stop {}

const FLAG_OPTIONS: Record<string, string> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob' };

/** The interpreter's services for builtins that work on the shell itself (eval, source, local, read…). */
export interface Interp {
  state: ShellState;
  positional: string[];
  /** Runs shell source as part of this line (eval, source); returns its status. */
  runSource(src: string, io: IO): number;
  /** `local NAME[=value]` inside a function; false outside one. */
  local(name: string, value?: string): boolean;
  /** How `type`/`command -v` see a name. */
  kind(name: string): { kind: 'alias'; value: string } | { kind: 'keyword' } | { kind: 'function'; source: string } | { kind: 'builtin' } | { kind: 'file'; path: string } | undefined;
  /** Reads a file as `<` would (session files and process substitutions included). */
  readFile(path: string): ReturnType<CommandContext['readFile']>;
  /** Evaluates arithmetic with bash's errors (thrown as ExpansionError). */
  arith(expr: string): string;
  /** Sets `$1…` (set -- a b). */
  setPositional(args: string[]): void;
  jump(kind: 'break' | 'continue' | 'return', n: number): never;
  inFunction(): boolean;
  loopDepth(): number;
}

/** Builtins that are also programs on disk (/usr/bin/echo …), so xargs, sudo and watch can run them. */
const BINARIES = new Set(['echo', 'printf', 'true', 'false', 'sleep', 'pwd']);

/** Words the shell itself answers beyond its builtins list (keywords and interpreter builtins), for Tab completion. */
export function shellWords(): string[] {
  return [...KEYWORDS, ...SPECIAL_BUILTINS.keys()].filter((w) => /^[a-z]/.test(w));
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]', 'coproc']);

/** One stage's facts the line's follow needs: a follow-mode command and the filters after it. */
interface StageInfo {
  follow?: Follow;
  command?: Command;
  argv: string[];
}

class LineRun {
  private termOut = '';
  runs: CommandRun[] = [];
  lastExit: number;
  readonly st: ShellState;
  cwd: string;
  private readonly startCwd: string;
  private enter?: ShellFrame;
  private leave = false;
  private clear = false;
  private follow?: Follow;
  /** The pipeline whose stage is running (CommandContext.pipeline). */
  private currentPipeline?: { stages: string[]; index: number };
  private positional: string[] = [];
  private scopes: Map<string, string | undefined>[] = [];
  private loops = 0;
  private iterations = 0;
  private loopWaitMs = 0;
  private readonly procFiles = new Map<string, string>();
  private bgJobs = 0;
  /** The terminal itself: a command writing there has a tty (CommandContext.tty). */
  term?: Sink;
  /** Whether the command being invoked writes its stdout to the terminal. */
  private ttyOut = false;
  /** Set while a background job's list runs: the streaming command it leaves running. */
  private capture?: { follow?: Follow };

  constructor(private readonly env: ShellEnv) {
    this.lastExit = env.lastExit;
    const base = env.shell ?? newShellState();
    this.st = { ...base, vars: env.vars ?? base.vars, aliases: env.aliases ?? base.aliases };
    this.cwd = this.startCwd = env.frame().cwd;
  }

  write(s: string): void {
    if (this.termOut.length > MAX_OUTPUT) return;
    this.termOut += s;
    if (this.termOut.length > MAX_OUTPUT) this.termOut += '^C\n';
  }

  result(): LineResult {
    const r: LineResult = { output: this.termOut, exitCode: this.lastExit, runs: this.runs };
    if (this.enter) r.enter = this.enter;
    if (this.leave) r.leave = true;
    if (this.clear) r.clear = true;
    if (this.follow) r.follow = this.follow;
    if (this.cwd !== this.startCwd) r.cwd = this.cwd;
    return r;
  }

  private get home(): string {
    return this.st.vars.get('HOME') ?? homeOf(this.env.frame().user);
  }

  script(script: Script, io: IO, top: boolean): number {
    for (const list of script.lists) this.andOr(list, io, top);
    return this.lastExit;
  }

  private andOr(list: AndOrList, io: IO, top: boolean): void {
    if (list.background) {
      const control = this.env.context([], '').jobs;
      if (control) return this.spawn(list, control);
      // No job control here (a script's shell): the list runs to its end before the line goes on.
      this.bgJobs++;
      io.err(`[${this.bgJobs}] ${pidOf(this.env.frame().host) + 17 * this.bgJobs}\n`);
    }
    let status = this.pipeline(list.first, io, top && !list.background);
    for (const { op, pipeline } of list.rest) {
      if ((op === '&&') === (status === 0)) status = this.pipeline(pipeline, io, top && !list.background);
    }
    if (list.background) this.lastExit = 0;
    else if (status !== 0 && this.st.options.has('errexit') && top && list.rest.length === 0 && !list.first.negated) throw new Stop();
  }

  /**
   * `LIST &` under job control: the list runs as a job (its waits delay the job, not the clock;
   * its streaming command keeps running in the background), bash prints `[N] PID`, and the job's
   * first output follows on the terminal. `$!` is the job's PID, `$?` 0.
   */
  private spawn(list: AndOrList, control: NonNullable<CommandContext['jobs']>): void {
    const enter = this.enter;
    const leave = this.leave;
    const job = control.spawn((list.source ?? listText(list)).replace(/\s+/g, ' ').trim(), () => {
      let out = '';
      const sink: Sink = (s) => { out += s; };
      const bgIO: IO = { in: input(''), out: sink, err: sink };
      const saved = this.capture;
      this.capture = {};
      let exitCode = 0;
      try {
        exitCode = this.pipeline(list.first, bgIO, false);
        for (const { op, pipeline } of list.rest) if ((op === '&&') === (exitCode === 0)) exitCode = this.pipeline(pipeline, bgIO, false);
      } catch (e) {
        if (!(e instanceof Stop) && !(e instanceof Jump)) throw e;
      } finally {
        // A background job cannot take the terminal (ssh, exec -it) nor end the shell.
        this.enter = enter;
        this.leave = leave;
      }
      const follow = this.capture.follow;
      this.capture = saved;
      return { output: out, exitCode, ...(follow ? { follow } : {}) };
    });
    this.write(`[${job.n}] ${job.pid}\n${job.output}`);
    // `$!` outlives the line: it is kept in the session's shell state, not this line's copy.
    (this.env.shell ?? this.st).lastBackgroundPid = job.pid;
    this.lastExit = 0;
  }

  private pipeline(p: Pipeline, io: IO, top: boolean): number {
    const t0 = this.env.now();
    let stdin = io.in;
    const infos: StageInfo[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1;
      let buf = '';
      const pipeOut: Sink = (s) => { buf += s; };
      const stageIO: IO = {
        in: stdin,
        out: last ? io.out : pipeOut,
        err: !last && p.pipes[i] === '|&' ? pipeOut : io.err,
      };
      const info: StageInfo = { argv: [] };
      // Every stage of a pipeline runs at once in a real shell: ps sees its siblings (grep too).
      this.currentPipeline = { stages: p.commands.map(stageText), index: i };
      statuses.push(this.command(p.commands[i], stageIO, info, p.commands.length > 1));
      this.currentPipeline = undefined;
      infos.push(info);
      stdin = input(buf);
    }
    let status = statuses[statuses.length - 1] ?? 0;
    if (this.st.options.has('pipefail')) status = [...statuses].reverse().find((s) => s !== 0) ?? 0;
    if (p.negated) status = status === 0 ? 1 : 0;
    this.lastExit = status;
    if (p.timed) io.err(timeReport(this.env.now() - t0, infos.flatMap((s) => s.argv)));
    if (top) this.follow = this.followOf(infos);
    else if (this.capture) this.capture.follow = this.followOf(infos) ?? this.capture.follow;
    return status;
  }

  /**
   * The line's follow: a follow-mode stage (journalctl -f) whose later stages are all place
   * commands keeps running, its new output piped through those stages at each poll.
   */
  private followOf(stages: StageInfo[]): Follow | undefined {
    const k = stages.findIndex((s) => s.follow);
    if (k < 0) return undefined;
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
      ...(upstream.editor ? { editor: upstream.editor } : {}),
    };
  }

  // ---- commands -----------------------------------------------------------------------------

  private command(cmd: AstCommand, io: IO, info: StageInfo, inPipe: boolean): number {
    try {
      if (cmd.type === 'SimpleCommand') return this.simple(cmd, io, info);
      if (cmd.type === 'Function') {
        this.st.functions.set(cmd.name, cmd);
        return (this.lastExit = 0);
      }
      return this.compound(cmd, io, inPipe);
    } catch (e) {
      if (e instanceof ExpansionError) {
        // An interactive bash abandons the rest of the line after an expansion error.
        io.err(`bash: ${e.message}\n`);
        this.lastExit = 1;
        throw new Stop();
      }
      throw e;
    }
  }

  private compound(cmd: CompoundCommand, outer: IO, inPipe: boolean): number {
    const r = this.redirect(cmd.redirects, outer, []);
    if ('error' in r) return (this.lastExit = 1);
    const io = r.io;
    try {
      const b = cmd.body;
      switch (b.kind) {
        case 'group':
          return this.script(b.body, io, false);
        case 'subshell':
          return this.subshell(() => this.script(b.body, io, false));
        case 'if': {
          for (const c of b.clauses) {
            if (this.condition(c.cond, io) === 0) return this.script(c.then, io, false);
          }
          if (b.else) return this.script(b.else, io, false);
          return (this.lastExit = 0);
        }
        case 'while':
        case 'until': {
          let status = 0;
          this.loop(() => {
            const c = this.condition(b.cond, io);
            if ((c === 0) !== (b.kind === 'while')) return false;
            status = this.script(b.body, io, false);
            return true;
          });
          return (this.lastExit = status);
        }
        case 'for': {
          const items = b.words ? b.words.flatMap((w) => this.expand(w)) : [...this.positional];
          let status = 0;
          let k = 0;
          this.loop(() => {
            if (k >= items.length) return false;
            this.setVar(b.name, items[k++]);
            status = this.script(b.body, io, false);
            return true;
          });
          return (this.lastExit = status);
        }
        case 'arithFor': {
          let status = 0;
          this.arith(b.init);
          this.loop(() => {
            if (b.cond.trim() !== '' && this.arith(b.cond) === '0') return false;
            status = this.script(b.body, io, false);
            this.arith(b.step);
            return true;
          });
          return (this.lastExit = status);
        }
        case 'case': {
          const subject = expandWordString(b.word, this.expander());
          let status = 0;
          let fall = false;
          for (let k = 0; k < b.items.length; k++) {
            const item = b.items[k];
            if (!fall && !item.patterns.some((p) => matchPattern(subject, expandPattern(p, this.expander())))) continue;
            status = this.script(item.body, io, false);
            if (item.term === ';;') break;
            fall = item.term === ';&';
          }
          return (this.lastExit = status);
        }
        case 'cond':
          return (this.lastExit = this.condCommand(b.words, io));
        case 'arith': {
          try {
            return (this.lastExit = this.arith(b.expr) === '0' ? 1 : 0);
          } catch (e) {
            if (e instanceof ExpansionError) { io.err(`bash: ((: ${e.message}\n`); return (this.lastExit = 1); }
            throw e;
          }
        }
      }
    } finally {
      r.close();
    }
  }

  /** A list run as an `if`/`while` condition: `set -e` does not apply to it. */
  private condition(s: Script, io: IO): number {
    const had = this.st.options.delete('errexit');
    try {
      return this.script(s, io, false);
    } finally {
      if (had) this.st.options.add('errexit');
    }
  }

  /** `( … )` and pipeline members: variable and directory changes do not outlive them. */
  private subshell(run: () => number): number {
    const vars = new Map(this.st.vars);
    const cwd = this.cwd;
    try {
      return run();
    } catch (e) {
      if (e instanceof Stop && !this.enter && !this.leave) return this.lastExit;
      throw e;
    } finally {
      this.st.vars.clear();
      for (const [k, v] of vars) this.st.vars.set(k, v);
      this.cwd = cwd;
    }
  }

  /** Runs a loop body until `step` returns false, honouring break/continue and the line's budgets. */
  private loop(step: () => boolean): void {
    this.loops++;
    try {
      for (;;) {
        if (++this.iterations > MAX_ITERATIONS || this.loopWaitMs > MAX_LOOP_WAIT_MS) {
          this.write('^C\n');
          this.lastExit = 130;
          throw new Stop();
        }
        const t0 = this.env.now();
        try {
          if (!step()) return;
        } catch (e) {
          if (e instanceof Jump && e.kind !== 'return') {
            if (e.n > 1) throw new Jump(e.kind, e.n - 1);
            if (e.kind === 'break') return;
            continue;
          }
          throw e;
        } finally {
          this.loopWaitMs += this.env.now() - t0;
        }
      }
    } finally {
      this.loops--;
    }
  }

  private condCommand(words: Word[], io: IO): number {
    const x = this.expander();
    const args: string[] = [];
    const patterns: boolean[] = [];
    let prev = '';
    for (const w of words) {
      const isOp = isPlainWord(w) && ['&&', '||', '(', ')', '!', '==', '=', '!=', '=~', '<', '>'].includes(w.raw);
      if (isOp) { args.push(w.raw); patterns.push(false); prev = w.raw; continue; }
      // Right of == / != the word is a pattern (quoted parts literal); of =~ a regex.
      if (prev === '==' || prev === '=' || prev === '!=') { args.push(expandPattern(w, x)); patterns.push(true); }
      else if (prev === '=~') { args.push(expandWordString(w, x)); patterns.push(false); }
      else { args.push(expandWordString(w, x)); patterns.push(false); }
      prev = '';
    }
    try {
      const r = evalCond(args, this.condEnv(true), true, patterns);
      if (r.match) this.st.arrays.set('BASH_REMATCH', r.match);
      return r.value ? 0 : 1;
    } catch (e) {
      if (e instanceof CondError) { io.err(`bash: ${e.message}\n`); return 2; }
      throw e;
    }
  }

  /** What `test` and `[[ ]]` ask about files and numbers. */
  condEnv(extended: boolean) {
    return {
      fileType: (path: string): 'f' | 'd' | undefined => {
        if (path === '') return undefined;
        const abs = shellPath(this.cwd, path, this.home);
        if (abs === '/' || abs === this.home || abs === '/tmp') return 'd';
        const r = this.readFile(abs);
        return r.ok ? 'f' : r.error === 'EISDIR' ? 'd' : undefined;
      },
      isSet: (name: string) => this.param(name) !== undefined,
      integer: (s: string): bigint | string => {
        if (extended) {
          try {
            return BigInt(this.arith(s));
          } catch (e) {
            return e instanceof Error ? e.message : String(e);
          }
        }
        const t = s.trim();
        return /^[-+]?\d+$/.test(t) ? BigInt(t) : `${s}: integer expression expected`;
      },
    };
  }

  // ---- simple commands ------------------------------------------------------------------

  private expand(w: Word): string[] {
    return expandWord(w, this.expander());
  }

  /** Runs one simple command: expansion, aliases, redirections, then function, builtin or place command. */
  private simple(cmd: SimpleCommand, io: IO, info: StageInfo): number {
    const x = this.expander();
    let argv = cmd.words.flatMap((w) => expandWord(w, x));
    if (argv.length === 0) {
      // `NAME=value` alone sets a shell variable; its status is that of the last substitution.
      const runsBefore = this.runs.length;
      this.lastExit = 0;
      for (const a of cmd.assignments) this.assign(a.name, a, x);
      const status = this.runs.length > runsBefore ? this.lastExit : 0;
      if (cmd.redirects.length) {
        const r = this.redirect(cmd.redirects, io, argv);
        if ('error' in r) return (this.lastExit = 1);
        r.close();
      }
      return (this.lastExit = status);
    }
    if (cmd.words.length && isPlainWord(cmd.words[0]) && this.st.aliases.has(argv[0])) argv = [...this.aliasWords(argv[0], x), ...argv.slice(1)];
    info.argv = argv;
    // `NAME=value cmd`: the assignment holds for that command only.
    const saved = cmd.assignments.map((a) => [a.name, this.st.vars.get(a.name)] as const);
    for (const a of cmd.assignments) this.assign(a.name, a, x);
    // …and is in that command's environment (`KUBE_EDITOR=nano kubectl edit …`), as bash exports it.
    const exportedNow = cmd.assignments.map((a) => a.name).filter((n) => !this.st.exported.has(n));
    for (const n of exportedNow) this.st.exported.add(n);
    if (this.st.options.has('xtrace')) io.err(`+ ${argv.map(traceQuote).join(' ')}\n`);

    const r = this.redirect(cmd.redirects, io, argv);
    if ('error' in r) {
      restore(this.st.vars, saved);
      for (const n of exportedNow) this.st.exported.delete(n);
      return (this.lastExit = 1);
    }
    try {
      return (this.lastExit = this.invoke(argv, r.io, info));
    } finally {
      r.close();
      restore(this.st.vars, saved);
      for (const n of exportedNow) this.st.exported.delete(n);
    }
  }

  private assign(name: string, a: { value: Word; append?: boolean; array?: Word[] }, x: Expander): void {
    if (a.array) {
      const items = a.array.flatMap((w) => expandWord(w, x));
      this.st.arrays.set(name, a.append ? [...(this.st.arrays.get(name) ?? []), ...items] : items);
      return;
    }
    const v = expandWordString(a.value, x);
    this.setVar(name, a.append ? (this.param(name) ?? '') + v : v);
  }

  private setVar(name: string, value: string): void {
    if (this.st.arrays.has(name)) {
      const arr = [...this.st.arrays.get(name)!];
      arr[0] = value;
      this.st.arrays.set(name, arr);
    }
    this.st.vars.set(name, value);
  }

  /** Calls a function, builtin or command with argv already expanded. */
  private invoke(argv: string[], io: IO, info: StageInfo): number {
    const at = this.env.now();
    const name = argv[0];
    const fn = this.st.functions.get(name);
    if (fn) return this.call(fn, argv, io);
    const special = this.special(argv, io);
    if (special !== undefined) return special;
    let result: CommandResult & { cwd?: string };
    const builtin = builtinsByName.get(name);
    if (builtin) result = this.runBuiltin(builtin, argv, rest(io.in));
    else {
      const command = this.resolveCommand(name);
      info.command = command;
      if (command) {
        const cargv = name.includes('/') ? [name.slice(name.lastIndexOf('/') + 1), ...argv.slice(1)] : argv;
        this.ttyOut = this.env.tty === true && io.out === this.term;
        try {
          result = safeRun(command, this.context(cargv, rest(io.in)), cargv);
        } finally {
          this.ttyOut = false;
        }
      } else result = this.notFound(name);
    }
    const parsed = result.parsed ?? genericParse(argv, info.command?.flags);
    this.runs.push({ argv, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, at, parsed, ...(result.follow ? { follows: true } : {}) });
    if (result.cwd !== undefined) this.cwd = result.cwd;
    if (result.clear) { this.clear = true; this.termOut = ''; }
    if (result.follow) info.follow = result.follow;
    if (result.interleaved !== undefined && io.out === io.err) io.out(result.interleaved);
    else {
      if (result.stdout) io.out(result.stdout);
      if (result.stderr) io.err(result.stderr);
    }
    if (result.enter) { this.enter = result.enter; this.lastExit = result.exitCode; throw new Stop(); }
    if (result.leave) { this.leave = true; this.lastExit = result.exitCode; throw new Stop(); }
    return result.exitCode;
  }

  /** A place command by name, or by a path to where it is installed (`/usr/bin/ls`, `/usr/local/bin/kubectl`). */
  private resolveCommand(name: string): Command | undefined {
    if (!name.includes('/')) return this.env.lookup(name);
    const base = name.slice(name.lastIndexOf('/') + 1);
    const command = this.env.lookup(base);
    if (!command) return undefined;
    const abs = shellPath(this.cwd, name, this.home);
    return locate(this.env.frame().place, base).includes(abs) ? command : undefined;
  }

  private notFound(name: string): CommandResult {
    const toolset = frameToolset(this.env.frame());
    if (toolset) return { stdout: '', stderr: NOT_FOUND[toolset](name), exitCode: 127 }; // the image's shell: busybox ash, zsh
    if (name.includes('/')) {
      const f = this.readFile(name);
      if (f.ok) return { stdout: '', stderr: `bash: ${name}: Permission denied\n`, exitCode: 126 };
      if (f.error === 'EISDIR') return { stdout: '', stderr: `bash: ${name}: Is a directory\n`, exitCode: 126 };
      return { stdout: '', stderr: `bash: ${name}: No such file or directory\n`, exitCode: 127 };
    }
    return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
  }

  private call(fn: FunctionDef, argv: string[], io: IO): number {
    if (this.scopes.length >= FUNCNEST) {
      io.err(`bash: ${fn.name}: maximum function nesting level exceeded (${FUNCNEST})\n`);
      return 1;
    }
    const savedPos = this.positional;
    this.positional = argv.slice(1);
    this.scopes.push(new Map());
    const loops = this.loops;
    this.loops = 0;
    try {
      return this.compound(fn.body, io, false);
    } catch (e) {
      if (e instanceof Jump && e.kind === 'return') return (this.lastExit = e.status ?? this.lastExit);
      throw e;
    } finally {
      this.loops = loops;
      const scope = this.scopes.pop()!;
      restore(this.st.vars, [...scope]);
      this.positional = savedPos;
    }
  }

  private interp(): Interp {
    return {
      state: this.st,
      positional: this.positional,
      runSource: (src, io) => {
        const parsed = parseLine(src);
        if (!parsed.ok) { io.err(`${parsed.error}\n`); return 2; }
        return this.script(parsed.script, io, false);
      },
      local: (name, value) => {
        const scope = this.scopes[this.scopes.length - 1];
        if (!scope) return false;
        if (!scope.has(name)) scope.set(name, this.st.vars.get(name));
        if (value !== undefined) this.st.vars.set(name, value);
        else if (!this.st.vars.has(name)) this.st.vars.set(name, '');
        return true;
      },
      kind: (name) => this.kindOf(name),
      readFile: (path) => this.readFile(path),
      arith: (expr) => this.arith(expr),
      setPositional: (args) => { this.positional = args; },
      jump: (kind, n) => { throw new Jump(kind, n); },
      inFunction: () => this.scopes.length > 0,
      loopDepth: () => this.loops,
    };
  }

  private kindOf(name: string): ReturnType<Interp['kind']> {
    const alias = this.st.aliases.get(name);
    if (alias !== undefined) return { kind: 'alias', value: alias };
    if (KEYWORDS.has(name)) return { kind: 'keyword' };
    const fn = this.st.functions.get(name);
    if (fn) return { kind: 'function', source: fn.source };
    if (builtinsByName.has(name) || SPECIAL_BUILTINS.has(name)) return { kind: 'builtin' };
    const cmd = this.resolveCommand(name);
    if (cmd) {
      const where = locate(this.env.frame().place, name.slice(name.lastIndexOf('/') + 1));
      return { kind: 'file', path: name.includes('/') ? name : where[0] };
    }
    return undefined;
  }

  /** Builtins that change the interpreter itself; undefined when argv[0] is not one. */
  private special(argv: string[], io: IO): number | undefined {
    const fn = SPECIAL_BUILTINS.get(argv[0]);
    if (!fn) return undefined;
    const at = this.env.now();
    let out = '';
    let err = '';
    const capture: IO = { in: io.in, out: (s) => { out += s; io.out(s); }, err: (s) => { err += s; io.err(s); } };
    let status = 1;
    try {
      status = fn(argv, capture, this.interp(), this.condEnv(false));
    } finally {
      this.runs.push({ argv, stdout: out, stderr: err, exitCode: status, at, parsed: genericParse(argv, undefined) });
    }
    return status;
  }

  private aliasWords(name: string, x: Expander): string[] {
    const parsed = parseLine(this.st.aliases.get(name) ?? '');
    const first = parsed.ok ? parsed.script.lists[0]?.first.commands[0] : undefined;
    return first && first.type === 'SimpleCommand' ? first.words.flatMap((w) => expandWord(w, x)) : [name];
  }

  private runBuiltin(b: Builtin, argv: string[], stdin: string) {
    const shell: ShellVars = { vars: this.st.vars, aliases: this.st.aliases, lastExit: this.lastExit, cwd: this.cwd, home: this.home, frame: this.env.frame(), exported: this.st.exported };
    try {
      return b.run({ argv, stdin, shell, ctx: this.context(argv, stdin) });
    } catch (e) {
      return crashed(argv, e);
    }
  }

  readFile(path: string): ReturnType<CommandContext['readFile']> {
    const proc = this.procFiles.get(path);
    if (proc !== undefined) return { ok: true, text: proc };
    return this.context([], '').readFile(path);
  }

  /** The session's context, seen from this line's working directory and its process substitutions. */
  private context(argv: string[], stdin: string, extraEnv?: Record<string, string>): CommandContext {
    const base = this.env.context(argv, stdin);
    const pipeline = this.currentPipeline;
    const cwd = this.cwd;
    const home = this.home;
    const procFiles = this.procFiles;
    const env = { ...this.environment(), ...extraEnv };
    const exec = (a: string[], input: string, e?: Record<string, string>) => this.execProgram(a, input, e);
    const fs = this.env.fs;
    const installed = (name: string) => this.resolveCommand(name) !== undefined;
    const tty = this.ttyOut;
    const sh = (line: string): CommandResult => {
      // `sh -c`: a new shell that inherits only the exported variables.
      const child = newShellState();
      for (const [k, v] of Object.entries(env)) child.vars.set(k, v);
      const r = runLine(line, { ...this.env, lastExit: 0, vars: child.vars, aliases: child.aliases, shell: child });
      return { stdout: r.output, stderr: '', exitCode: r.exitCode };
    };
    return new Proxy(base, {
      get(target, prop) {
        if (prop === 'frame') return cwd === target.frame.cwd ? target.frame : { ...target.frame, cwd };
        if (prop === 'environment') return env;
        if (prop === 'exec') return exec;
        if (prop === 'fs') return fs;
        if (prop === 'installed') return installed;
        if (prop === 'sh') return sh;
        if (prop === 'pipeline') return pipeline;
        if (prop === 'tty') return tty;
        if (prop === 'readFile') return (path: string) => procFiles.has(path) ? { ok: true, text: procFiles.get(path)! } : target.readFile(shellPath(cwd, path, home));
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  }

  /**
   * A child program started by another (xargs, sudo, watch, env): a place command or one of the
   * builtins that also exist as binaries. Recorded as a run, as the shell records its own commands.
   */
  private execProgram(argv: string[], stdin: string, extraEnv?: Record<string, string>): CommandResult | undefined {
    const name = argv[0];
    if (name === undefined) return undefined;
    const at = this.env.now();
    let result: CommandResult | undefined;
    let command: Command | undefined;
    const builtin = BINARIES.has(name) ? builtinsByName.get(name) : undefined;
    if (builtin) result = this.runBuiltin(builtin, argv, stdin);
    else if (name === 'test' || name === '[') {
      let err = '';
      const status = SPECIAL_BUILTINS.get(name)!(argv, { in: input(stdin), out: () => {}, err: (s) => { err += s; } }, this.interp(), this.condEnv(false));
      result = { stdout: '', stderr: err.replace(/^bash: /gm, ''), exitCode: status };
    } else {
      command = this.resolveCommand(name);
      if (!command) return undefined;
      const cargv = name.includes('/') ? [name.slice(name.lastIndexOf('/') + 1), ...argv.slice(1)] : argv;
      result = safeRun(command, this.context(cargv, stdin, extraEnv), cargv);
    }
    this.runs.push({ argv, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, at, parsed: result.parsed ?? genericParse(argv, command?.flags) });
    return result;
  }

  /** Exported variables, as a child program's environment would carry them. */
  private environment(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of this.st.exported) {
      const v = this.param(name);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }

  /**
   * Applies redirections in order, as bash does: files are opened (and `>` truncates) before the
   * command runs; what the command writes to them is stored when it ends (`close`).
   */
  private redirect(redirects: Redirect[], io: IO, argv: string[]): { io: IO; close: () => void } | { error: true } {
    if (redirects.length === 0) return { io, close: () => {} };
    let out = io.out;
    let err = io.err;
    let stdin = io.in;
    const files: { path: string; text: string; append: boolean }[] = [];
    const x = this.expander();
    const fail = (msg: string) => {
      err(msg);
      return { error: true as const };
    };
    const fds = new Map<number, Sink>();
    const sinkFor = (fd: number): Sink | undefined => (fd === 1 ? out : fd === 2 ? err : fds.get(fd));
    const setFd = (fd: number, s: Sink) => { if (fd === 1) out = s; else if (fd === 2) err = s; else fds.set(fd, s); };
    const openFile = (target: string, append: boolean): Sink | { error: string } => {
      if (target === '/dev/null') return () => {};
      if (target === '/dev/stdout') return out;
      if (target === '/dev/stderr') return err;
      if (target === '/dev/tty') return (s) => this.write(s);
      const abs = shellPath(this.cwd, target, this.home);
      if (!this.env.fs) return { error: 'Permission denied' };
      const opened = this.env.fs.write(abs, '', true);
      if (!opened.ok) return { error: opened.error };
      const f = { path: abs, text: '', append };
      files.push(f);
      return (s) => { f.text += s; };
    };
    for (const r of redirects) {
      let target: string;
      if (r.op === '<<' || r.op === '<<-') {
        stdin = input(expandWordString(r.target, x));
        continue;
      }
      const fields = r.op === '<<<' ? [expandWordString(r.target, x)] : expandWord(r.target, x);
      if (fields.length !== 1) return fail(`bash: ${r.target.raw}: ambiguous redirect\n`);
      target = fields[0];
      switch (r.op) {
        case '<<<':
          stdin = input(`${target}\n`);
          break;
        case '<':
        case '<>': {
          if (target === '/dev/null') { stdin = input(''); break; }
          const f = this.readFile(target);
          if (f.ok) { stdin = input(f.text); break; }
          return fail(`bash: ${target}: ${f.error === 'ENOENT' ? 'No such file or directory' : f.error === 'EACCES' ? 'Permission denied' : 'Is a directory'}\n`);
        }
        case '<&':
          break;
        case '>&':
          if (/^\d+$/.test(target)) {
            const src = sinkFor(Number(target));
            if (!src) return fail(`bash: ${target}: Bad file descriptor\n`);
            setFd(r.fd ?? 1, src);
            break;
          }
          if (target === '-') { setFd(r.fd ?? 1, () => {}); break; }
          if (r.fd !== undefined && r.fd !== 1) return fail(`bash: ${target}: ambiguous redirect\n`);
          {
            // `>&file` means `&>file`.
            const s = openFile(target, false);
            if (typeof s !== 'function') return fail(`bash: ${target}: ${s.error}\n`);
            out = s;
            err = s;
          }
          break;
        case '&>':
        case '&>>': {
          const s = openFile(target, r.op === '&>>');
          if (typeof s !== 'function') return fail(`bash: ${target}: ${s.error}\n`);
          out = s;
          err = s;
          break;
        }
        default: {
          const s = openFile(target, r.op === '>>');
          if (typeof s !== 'function') return fail(`bash: ${target}: ${s.error}\n`);
          setFd(r.fd ?? 1, s);
        }
      }
    }
    void argv;
    return {
      io: { in: stdin, out, err },
      close: () => {
        for (const f of files) this.env.fs?.write(f.path, f.text, f.append);
      },
    };
  }

  // ---- expansion ------------------------------------------------------------------------

  private expander(): Expander {
    return {
      home: this.home,
      param: (name) => {
        const v = this.param(name);
        if (v === undefined && this.st.options.has('nounset') && !/^[@*#?$!0-]$/.test(name)) throw new ExpansionError(`${name}: unbound variable`);
        return v;
      },
      setVar: (name, value) => this.setVar(name, value),
      array: (name) => this.st.arrays.get(name),
      positional: () => this.positional,
      substitute: (script) => {
        let captured = '';
        const status = this.subshell(() => this.script(script, { in: input(''), out: (s) => { captured += s; }, err: (s) => this.write(s) }, false));
        this.lastExit = status;
        return captured;
      },
      arith: (expr) => this.arith(expr),
      procSub: (script) => {
        // bash hands the reader /dev/fd/63, then 62, … for each substitution on the line.
        let captured = '';
        this.subshell(() => this.script(script, { in: input(''), out: (s) => { captured += s; }, err: (s) => this.write(s) }, false));
        const path = `/dev/fd/${63 - this.procFiles.size}`;
        this.procFiles.set(path, captured);
        return path;
      },
      glob: (pattern) => (this.st.options.has('noglob') ? [] : this.glob(pattern)),
    };
  }

  /** `$((expr))` after parameter and command expansion of its text. */
  arith(expr: string): string {
    let text = expr;
    if (/[$`]/.test(expr)) {
      const w = parseExpansionText(expr);
      if (w) text = expandWordString(w, this.expander());
    }
    try {
      const vars = { get: (n: string) => this.param(n), set: (n: string, v: string) => this.setVar(n, v) };
      return String(evalArith(text, vars));
    } catch (e) {
      if (e instanceof ArithError) throw new ExpansionError(e.message);
      throw e;
    }
  }

  /** Pathname expansion against the host's files (written ones included), sorted as bash does in the C locale. */
  private glob(pattern: string): string[] {
    const fs = this.env.fs;
    if (!fs || !hasGlob(pattern)) return [];
    const absolute = pattern.startsWith('/');
    const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0);
    let paths: string[] = [absolute ? '/' : ''];
    for (let i = absolute ? 1 : 0; i < segs.length; i++) {
      const seg = segs[i];
      const next: string[] = [];
      for (const p of paths) {
        const dir = p === '' ? this.cwd : shellPath(this.cwd, p, this.home);
        if (!hasGlob(seg)) {
          const lit = seg.replace(/\\(.)/g, '$1');
          const candidate = p === '' ? lit : p === '/' ? `/${lit}` : `${p}/${lit}`;
          if (i === segs.length - 1 ? this.exists(candidate) : fs.list(shellPath(this.cwd, candidate, this.home))) next.push(candidate);
          continue;
        }
        const re = globRegex(seg, true);
        for (const name of fs.list(dir) ?? []) {
          if (name.startsWith('.') && !seg.startsWith('.')) continue;
          if (re.test(name)) next.push(p === '' ? name : p === '/' ? `/${name}` : `${p}/${name}`);
        }
      }
      paths = next;
      if (paths.length === 0) return [];
    }
    return paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private exists(path: string): boolean {
    const r = this.readFile(path);
    return r.ok || r.error === 'EISDIR';
  }

  private param(name: string): string | undefined {
    if (name === '?') return String(this.lastExit);
    if (/^[1-9]\d*$/.test(name)) return this.positional[Number(name) - 1];
    if (name === '#') return String(this.positional.length);
    if (name === '@' || name === '*') return this.positional.join(' ');
    const set = this.st.vars.get(name);
    if (set !== undefined) return set;
    const arr = this.st.arrays.get(name);
    if (arr) return arr[0];
    const frame = this.env.frame();
    switch (name) {
      case 'HOSTNAME': return hostnameOf(frame);
      case 'USER':
      case 'LOGNAME': return frame.user;
      case 'HOME': return this.home;
      case 'PWD': return this.cwd;
      case 'SHELL': return frame.place === 'debug' ? '/bin/sh' : '/bin/bash';
      case 'PATH': return defaultPath(frame.place);
      case 'TERM': return 'xterm-256color';
      case 'LANG': return frame.place === 'laptop' ? 'en_US.UTF-8' : 'C.UTF-8';
      case 'IFS': return ' \t\n';
      case 'UID': return frame.user === 'root' ? '0' : '1000';
      case 'EUID': return frame.user === 'root' ? '0' : '1000';
      case 'BASH_VERSION': return '5.2.21(1)-release';
      case 'RANDOM': return String((this.env.now() / 7 + this.runs.length * 7919) % 32768 | 0);
      case 'SECONDS': return String(Math.floor((this.env.now() % 86_400_000) / 1000));
      case '0': return frame.place === 'debug' ? 'sh' : 'bash';
      case '$': return String(pidOf(frame.host));
      case '!': return (this.env.shell ?? this.st).lastBackgroundPid !== undefined ? String((this.env.shell ?? this.st).lastBackgroundPid) : this.bgJobs ? String(pidOf(frame.host) + 17 * this.bgJobs) : undefined;
      case '-': return 'himBHs';
      default: return undefined;
    }
  }
}

function restore(vars: Map<string, string>, saved: readonly (readonly [string, string | undefined])[]): void {
  for (const [name, value] of [...saved].reverse()) {
    if (value === undefined) vars.delete(name);
    else vars.set(name, value);
  }
}

function traceQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
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
  if (e instanceof RangeError) return { stdout: '', stderr: `${argv[0]}: maximum nesting level exceeded\n`, exitCode: 1 };
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

// ---- builtins that work on the interpreter --------------------------------------------------

type SpecialBuiltin = (argv: string[], io: IO, sh: Interp, cond: ReturnType<LineRun['condEnv']>) => number;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `n` for break/continue/return/shift, with bash's complaints. */
function count(argv: string[], io: IO, dflt: number): number | undefined {
  const a = argv[1];
  if (a === undefined) return dflt;
  if (!/^-?\d+$/.test(a)) {
    io.err(`bash: ${argv[0]}: ${a}: numeric argument required\n`);
    return undefined;
  }
  return Number(a);
}

const SPECIAL_BUILTINS = new Map<string, SpecialBuiltin>([
  [':', () => 0],
  ['break', (argv, io, sh) => loopJump('break', argv, io, sh)],
  ['continue', (argv, io, sh) => loopJump('continue', argv, io, sh)],
  ['return', (argv, io, sh) => {
    if (!sh.inFunction()) { io.err('bash: return: can only `return\' from a function or sourced script\n'); return 1; }
    const n = count(argv, io, -1);
    throw new Jump('return', 1, n === undefined ? 2 : n < 0 ? undefined : n & 255);
  }],
  ['shift', (argv, io, sh) => {
    const n = count(argv, io, 1);
    if (n === undefined) return 1;
    if (n > sh.positional.length) return 1;
    sh.setPositional(sh.positional.slice(n));
    return 0;
  }],
  ['eval', (argv, io, sh) => sh.runSource(argv.slice(1).join(' '), io)],
  ['source', (argv, io, sh) => source(argv, io, sh)],
  ['.', (argv, io, sh) => source(argv, io, sh)],
  ['local', (argv, io, sh) => {
    let status = 0;
    for (const a of argv.slice(1)) {
      if (a.startsWith('-')) continue;
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!NAME.test(name)) { io.err(`bash: local: \`${a}': not a valid identifier\n`); status = 1; continue; }
      if (!sh.local(name, eq < 0 ? undefined : a.slice(eq + 1))) { io.err('bash: local: can only be used in a function\n'); return 1; }
    }
    return status;
  }],
  ['unset', (argv, io, sh) => {
    let fns = false;
    let status = 0;
    for (const a of argv.slice(1)) {
      if (a === '-f') { fns = true; continue; }
      if (a === '-v') continue;
      if (!NAME.test(a)) { io.err(`bash: unset: \`${a}': not a valid identifier\n`); status = 1; continue; }
      if (fns) sh.state.functions.delete(a);
      else { sh.state.vars.delete(a); sh.state.arrays.delete(a); sh.state.exported.delete(a); }
    }
    return status;
  }],
  ['set', (argv, io, sh) => setBuiltin(argv, io, sh)],
  ['let', (argv, io, sh) => {
    if (argv.length < 2) { io.err('bash: let: expression expected\n'); return 1; }
    let last = '0';
    for (const e of argv.slice(1)) {
      try { last = sh.arith(e); } catch (err) {
        if (err instanceof ExpansionError) { io.err(`bash: let: ${err.message}\n`); return 1; }
        throw err;
      }
    }
    return last === '0' ? 1 : 0;
  }],
  ['type', (argv, io, sh) => typeBuiltin(argv, io, sh)],
  ['command', (argv, io, sh) => {
    const args = argv.slice(1);
    if (args[0] === '-v' || args[0] === '-V') {
      let status = 0;
      for (const n of args.slice(1)) {
        const k = sh.kind(n);
        if (!k) { if (args[0] === '-V') io.err(`bash: command: ${n}: not found\n`); status = 1; continue; }
        if (args[0] === '-V') { typeBuiltin(['type', n], io, sh); continue; }
        io.out(k.kind === 'file' ? `${k.path}\n` : k.kind === 'alias' ? `alias ${n}='${k.value}'\n` : `${n}\n`);
      }
      return status;
    }
    return sh.runSource(args.map(shellQuote).join(' '), io);
  }],
  ['builtin', (argv, io, sh) => sh.runSource(argv.slice(1).map(shellQuote).join(' '), io)],
  ['declare', (argv, io, sh) => declare(argv, io, sh)],
  ['typeset', (argv, io, sh) => declare(argv, io, sh)],
  ['readonly', (argv, io, sh) => declare(argv, io, sh)],
  ['test', (argv, io, _sh, cond) => testBuiltin(argv.slice(1), io, cond, 'test')],
  ['[', (argv, io, _sh, cond) => {
    if (argv[argv.length - 1] !== ']') { io.err("bash: [: missing `]'\n"); return 2; }
    return testBuiltin(argv.slice(1, -1), io, cond, '[');
  }],
  ['read', (argv, io, sh) => read(argv, io, sh)],
  ['mapfile', (argv, io, sh) => mapfile(argv, io, sh)],
  ['readarray', (argv, io, sh) => mapfile(argv, io, sh)],
  ['shopt', () => 0],
  ['trap', () => 0],
  ['complete', () => 0],
  ['compgen', () => 1],
  ['hash', () => 0],
  ['umask', (argv, io) => { if (argv.length === 1) io.out('0022\n'); return 0; }],
  ['getopts', () => 1],
]);

function loopJump(kind: 'break' | 'continue', argv: string[], io: IO, sh: Interp): number {
  const n = count(argv, io, 1);
  if (n === undefined) return 1;
  if (n < 1) { io.err(`bash: ${kind}: ${argv[1]}: loop count out of range\n`); return 1; }
  if (sh.loopDepth() === 0) return 0; // bash: only meaningful in a loop (and silent at the prompt)
  return sh.jump(kind, Math.min(n, sh.loopDepth()));
}

function source(argv: string[], io: IO, sh: Interp): number {
  const file = argv[1];
  if (file === undefined) { io.err(`bash: ${argv[0]}: filename argument required\n${argv[0]}: usage: ${argv[0]} filename [arguments]\n`); return 2; }
  const f = sh.readFile(file);
  if (!f.ok) { io.err(`bash: ${file}: ${f.error === 'EISDIR' ? 'is a directory' : 'No such file or directory'}\n`); return 1; }
  return sh.runSource(f.text, io);
}

function setBuiltin(argv: string[], io: IO, sh: Interp): number {
  const args = argv.slice(1);
  if (args.length === 0) {
    const names = [...sh.state.vars.keys()].sort();
    io.out(names.map((n) => `${n}=${shellQuote(sh.state.vars.get(n)!)}\n`).join(''));
    return 0;
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { sh.setPositional(args.slice(i + 1)); return 0; }
    if (a === '-o' || a === '+o') {
      const opt = args[++i];
      if (opt === undefined) {
        for (const o of ['errexit', 'noglob', 'nounset', 'pipefail', 'xtrace']) io.out(`${o.padEnd(15)}\t${sh.state.options.has(o) ? 'on' : 'off'}\n`);
        return 0;
      }
      if (!['errexit', 'nounset', 'xtrace', 'pipefail', 'noglob', 'vi', 'emacs', 'history', 'monitor', 'noclobber'].includes(opt)) { io.err(`bash: set: ${opt}: invalid option name\n`); return 1; }
      if (a === '-o') sh.state.options.add(opt); else sh.state.options.delete(opt);
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      for (const c of a.slice(1)) {
        const opt = FLAG_OPTIONS[c];
        if (!opt && !'vhmBHCPTabknt'.includes(c)) { io.err(`bash: set: ${a[0]}${c}: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n`); return 2; }
        if (opt) { if (a[0] === '-') sh.state.options.add(opt); else sh.state.options.delete(opt); }
      }
      continue;
    }
    sh.setPositional(args.slice(i));
    return 0;
  }
  return 0;
}

function typeBuiltin(argv: string[], io: IO, sh: Interp): number {
  let status = 0;
  const flags = argv.slice(1).filter((a) => /^-[aftpP]+$/.test(a)).join('');
  const names = argv.slice(1).filter((a) => !/^-[aftpP]+$/.test(a));
  for (const n of names) {
    const k = sh.kind(n);
    if (!k) {
      if (!flags.includes('t') && !flags.includes('p')) io.err(`bash: type: ${n}: not found\n`);
      status = 1;
      continue;
    }
    if (flags.includes('t')) { io.out(`${k.kind}\n`); continue; }
    if (flags.includes('p') || flags.includes('P')) { if (k.kind === 'file') io.out(`${k.path}\n`); continue; }
    switch (k.kind) {
      case 'alias': io.out(`${n} is aliased to \`${k.value}'\n`); break;
      case 'keyword': io.out(`${n} is a shell keyword\n`); break;
      case 'function': io.out(`${n} is a function\n${formatFunction(k.source)}\n`); break;
      case 'builtin': io.out(`${n} is a shell builtin\n`); break;
      case 'file': io.out(`${n} is ${k.path}\n`); break;
    }
  }
  return status;
}

/** A function as `type`/`declare -f` print it: bash re-indents the body; we keep it as typed. */
function formatFunction(source: string): string {
  const m = /^(?:function\s+)?([^\s(]+)\s*(?:\(\s*\))?\s*([\s\S]*)$/.exec(source.trim());
  if (!m) return source;
  return `${m[1]} () \n${m[2]}`;
}

function declare(argv: string[], io: IO, sh: Interp): number {
  const flags = argv.slice(1).filter((a) => /^[-+][a-zA-Z]+$/.test(a)).join('');
  const rest = argv.slice(1).filter((a) => !/^[-+][a-zA-Z]+$/.test(a));
  if (flags.includes('f') || flags.includes('F')) {
    const names = rest.length ? rest : [...sh.state.functions.keys()].sort();
    let status = 0;
    for (const n of names) {
      const fn = sh.state.functions.get(n);
      if (!fn) { status = 1; continue; }
      io.out(flags.includes('F') ? `declare -f ${n}\n` : `${formatFunction(fn.source)}\n`);
    }
    return status;
  }
  if (rest.length === 0) {
    for (const n of [...sh.state.vars.keys()].sort()) io.out(`declare ${sh.state.exported.has(n) ? '-x' : '--'} ${n}=${JSON.stringify(sh.state.vars.get(n))}\n`);
    return 0;
  }
  let status = 0;
  for (const a of rest) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) { io.err(`bash: ${argv[0]}: \`${a}': not a valid identifier\n`); status = 1; continue; }
    const value = eq < 0 ? undefined : a.slice(eq + 1);
    if (flags.includes('p')) {
      const v = sh.state.vars.get(name);
      if (v === undefined) { io.err(`bash: declare: ${name}: not found\n`); status = 1; } else io.out(`declare -- ${name}=${JSON.stringify(v)}\n`);
      continue;
    }
    if (flags.includes('a') && value === undefined) { if (!sh.state.arrays.has(name)) sh.state.arrays.set(name, []); continue; }
    if (!sh.local(name, value) && value !== undefined) sh.state.vars.set(name, value);
    if (flags.includes('x')) sh.state.exported.add(name);
  }
  return status;
}

function testBuiltin(args: string[], io: IO, cond: ReturnType<LineRun['condEnv']>, name: string): number {
  try {
    return evalCond(args, cond, false).value ? 0 : 1;
  } catch (e) {
    if (e instanceof CondError) { io.err(`bash: ${name}: ${e.message}\n`); return 2; }
    throw e;
  }
}

/** `read [-r] [-a ARR] [-p PROMPT] [-d DELIM] NAME…`: one line of stdin split on blanks. */
function read(argv: string[], io: IO, sh: Interp): number {
  let raw = false;
  let arrayName: string | undefined;
  let delim = '\n';
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-r') raw = true;
    else if (a === '-a') arrayName = argv[++i];
    else if (a === '-p' || a === '-t' || a === '-n' || a === '-u') i++;
    else if (a === '-d') delim = argv[++i] || '\0';
    else if (a === '-s' || a === '-e') continue;
    else if (/^-/.test(a)) { io.err(`bash: read: ${a}: invalid option\nread: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n`); return 2; }
    else names.push(a);
  }
  // Each `read` in a loop takes the next line of the same input.
  const consumed = consumeLine(io.in, delim);
  if (consumed === undefined) {
    for (const n of names.length ? names : ['REPLY']) sh.state.vars.set(n, '');
    return 1;
  }
  let line = consumed.line;
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  if (arrayName) {
    sh.state.arrays.set(arrayName, line.split(/[ \t]+/).filter(Boolean));
    return consumed.eof ? 1 : 0;
  }
  const targets = names.length ? names : ['REPLY'];
  let rest = targets.length === 1 && targets[0] === 'REPLY' && names.length === 0 ? line : line.replace(/^[ \t]+/, '');
  targets.forEach((n, k) => {
    if (k === targets.length - 1) { sh.state.vars.set(n, names.length ? rest.replace(/[ \t]+$/, '') : rest); return; }
    const m = /^([^ \t]*)[ \t]*/.exec(rest)!;
    sh.state.vars.set(n, m[1]);
    rest = rest.slice(m[0].length);
  });
  return consumed.eof ? 1 : 0;
}

function consumeLine(c: Input, delim: string): { line: string; eof: boolean } | undefined {
  if (c.pos >= c.text.length) return undefined;
  const end = c.text.indexOf(delim, c.pos);
  if (end < 0) {
    const line = c.text.slice(c.pos);
    c.pos = c.text.length;
    return { line, eof: true };
  }
  const line = c.text.slice(c.pos, end);
  c.pos = end + delim.length;
  return { line, eof: false };
}

function mapfile(argv: string[], io: IO, sh: Interp): number {
  const strip = argv.includes('-t');
  const name = argv.slice(1).filter((a) => !a.startsWith('-')).pop() ?? 'MAPFILE';
  const lines = rest(io.in).split('\n');
  io.in.pos = io.in.text.length;
  if (lines[lines.length - 1] === '') lines.pop();
  sh.state.arrays.set(name, strip ? lines : lines.map((l) => `${l}\n`));
  return 0;
}

/** Quotes a word so the shell reads it back as the same single word. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A pipeline stage's command line as `ps` shows the process: literal and quoted words without
 * their quotes, anything needing expansion as typed; a compound stage by its shell (`bash`).
 */
/** A list's text rebuilt from its words, for a job whose source was not kept. */
function listText(list: AndOrList): string {
  const pipe = (p: Pipeline) => p.commands.map(stageText).join(' | ');
  return [pipe(list.first), ...list.rest.map((r) => `${r.op} ${pipe(r.pipeline)}`)].join(' ');
}

function stageText(cmd: AstCommand): string {
  if (cmd.type !== 'SimpleCommand') return 'bash';
  return cmd.words.map((w) => (w.parts.every((p) => p.type === 'Literal' || p.type === 'SingleQuoted' || p.type === 'Escaped')
    ? w.parts.map((p) => (p as { value: string }).value).join('')
    : w.raw)).join(' ');
}
