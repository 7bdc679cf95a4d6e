import { containerPrompt, frameToolset } from '../container/toolsets.ts';
import { clone } from '../clone.ts';
import { commandNames, findCommand } from '../commands/registry.ts';
import type { Command, CommandContext, CommandResult, Follow, PagerRequest, Place, ShellFrame } from '../commands/types.ts';
import { gradeRound, buildReport, disputeVerdict } from '../grader/grade.ts';
import { outcomeOf, type CommandRecord } from '../grader/match.ts';
import type { Report, RoundResult } from '../grader/types.ts';
import type { ClusterState } from '../model/state.ts';
import { buildState, roundStartActions } from '../scenario/build.ts';
import type { Round, Scenario } from '../scenario/types.ts';
import { commandContext, LAPTOP, nodeFrame } from './context.ts';
import { probeState } from './probe.ts';
import { hostPrompt } from './prompt.ts';
import { complete as completeLine } from '../shell/complete.ts';
import { runLine, type CommandRun, type ShellEnv } from '../shell/interpreter.ts';
import type { Action } from '../sim/actions.ts';
import { applyAction } from '../sim/reduce.ts';
import { chrootCommand } from './chroot.ts';
import { sshCommand } from './ssh.ts';
import { shellFs } from './fs.ts';
import { parseLine } from '../shell/parser.ts';
import { newShellState, type ShellState } from '../shell/state.ts';
import { JobTable } from './jobs.ts';

/** A new interactive shell, with the aliases Ubuntu's skeleton ~/.bashrc defines. */
function loginShell(): ShellState {
  const s = newShellState();
  for (const [k, v] of [['ll', 'ls -alF'], ['la', 'ls -A'], ['l', 'ls -CF']]) s.aliases.set(k, v);
  return s;
}
import type { Input, SessionSnapshot, TranscriptEntry } from './types.ts';

/** Most moments one clock move steps a follow through (`watch -n 0.1` left running for hours jumps past the rest). */
const MAX_FOLLOW_STEPS = 20_000;

/** A line that waits at least this long (virtual ms) is shown as running before its output appears. */
export const PENDING_MS = 1000;


/** How a session is shown. */
export interface SessionOptions {
  /** Its output goes to a terminal (the browser): see Session.tty. */
  tty?: boolean;
}

/** Built worlds per scenario: the state is frozen, so sessions of one scenario share it. */
const initialStates = new WeakMap<Scenario, ClusterState>();
function initialState(scenario: Scenario): ClusterState {
  let s = initialStates.get(scenario);
  if (!s) initialStates.set(scenario, (s = buildState(scenario)));
  return s;
}

/**
 * A learner's session: the scenario plus an append-only input log, with everything else (cluster
 * state, shell location, transcript, grades) folded from that log. The browser terminal, the CLI
 * and the tests drive it the same way; `Session.replay(scenario, session.inputs)` rebuilds it
 * exactly, which is how a reload resumes. Times are virtual ms since epoch; an input's time may
 * not go backwards (it is clamped to `now`).
 */
export class Session {
  readonly scenario: Scenario;
  private _state: ClusterState;
  private readonly _inputs: Input[] = [];
  private readonly frames: ShellFrame[] = [LAPTOP];
  private readonly _history: string[] = [];
  private readonly _transcript: TranscriptEntry[] = [];
  private readonly records: CommandRecord[] = [];
  private readonly _results: RoundResult[] = [];
  private readonly hintsUsed = new Map<string, number>();
  private lastExit = 0;
  /**
   * Variables, functions, aliases and options of each shell on the location stack (the laptop's
   * first), carried between lines: `ssh` and `kubectl debug -it` start a new shell with its own.
   */
  private readonly shells = [loginShell()];
  /** Lines of a command not finished yet (an open `for`, quote or here-document): bash's `> ` prompt. */
  private continued?: string;
  /** The running follow; `records` are the commands of its line that keep printing (their output grows, their outcome is set when it ends). */
  private follow?: { follow: Follow; since: number; entry: TranscriptEntry; records: CommandRecord[] };
  /**
   * A line that spent a long virtual time waiting (kubectl behind a slow etcd, sleep): its output is
   * held until the next input, so the terminal can show it working for a scaled-down moment and
   * Ctrl-C can abandon it (`^C`, exit 130, nothing shown). `records` are its command records.
   */
  /** Virtual ms the line being run has waited on remote services (CommandContext.wait with busy). */
  private busyMs = 0;
  /** Background jobs of every shell on the stack (`cmd &`). */
  private readonly jobTable = new JobTable();
  /** Where background output goes while a line runs (the line's terminal output), else undefined. */
  private lineSink?: (s: string) => void;
  private pending?: { entry: TranscriptEntry; output: string; exitCode: number; busyMs: number; records: CommandRecord[] };

  /**
   * Whether the session's output is shown on a terminal (the browser's xterm), as isatty(1):
   * pagers (less, journalctl) page there and print like cat elsewhere (the CLI, tests). Only what
   * is shown differs; the state and grade of a replay are the same either way.
   */
  readonly tty: boolean;

  /** `state`: where the session stands (a restore's); the scenario's start when absent. */
  private constructor(scenario: Scenario, options: SessionOptions = {}, state?: ClusterState) {
    this.scenario = scenario;
    // A restore brings its own state: building the start (tens of ms on a fresh page) would be thrown away.
    this._state = state ?? initialState(scenario);
    this.tty = options.tty ?? false;
  }

  /** A new session at the scenario's start. Throws only if the scenario itself cannot be built. */
  static start(scenario: Scenario, options?: SessionOptions): Session {
    return new Session(scenario, options);
  }

  /** Rebuilds a session from its input log (reload, replay of a script, a shared session). */
  static replay(scenario: Scenario, inputs: readonly Input[], options?: SessionOptions): Session {
    const s = new Session(scenario, options);
    for (const input of inputs) s.apply(input);
    return s;
  }

  /**
   * The session as plain data, to rebuild it later without replaying its inputs (a reload from a
   * snapshot plus the log's tail; src/ui/replay). Undefined while a command is still running (a
   * follow, a held slow line, an open editor): their callbacks are code, not data, so a snapshot is
   * only taken between commands. The snapshot shares the session's objects and holds Maps, Sets and
   * Infinity: copy it with a structured clone (postMessage, IndexedDB, structuredClone), never
   * JSON, before the session moves on.
   */
  snapshot(): SessionSnapshot | undefined {
    // Background jobs (`cmd &`) hold running code too: a session that started one is not snapshotted (replayed in full).
    if (this.follow || this.pending || this.jobTable.used) return undefined;
    return {
      inputs: this._inputs.length,
      state: this._state,
      frames: this.frames,
      shells: this.shells,
      history: this._history,
      transcript: this._transcript,
      records: this.records,
      results: this._results,
      hintsUsed: [...this.hintsUsed],
      lastExit: this.lastExit,
      ...(this.continued === undefined ? {} : { continued: this.continued }),
    };
  }

  /**
   * The session that `Session.replay(scenario, inputs)` would build, from a snapshot taken after
   * exactly those inputs (`snapshot.inputs === inputs.length`, else it throws), with the options the
   * session was made with (`tty`). Takes ownership of
   * the snapshot's objects. The caller checks that the snapshot belongs to this scenario, variant
   * and log (src/ui/replay/snapshots.ts): a snapshot of another log restores another session.
   */
  static restore(scenario: Scenario, inputs: readonly Input[], snapshot: SessionSnapshot, options?: SessionOptions): Session {
    if (snapshot.inputs !== inputs.length) throw new Error(`a snapshot after ${snapshot.inputs} inputs cannot restore a log of ${inputs.length}`);
    const s = new Session(scenario, options, snapshot.state);
    s._inputs.push(...inputs);
    s.frames.splice(0, s.frames.length, ...snapshot.frames);
    s.shells.splice(0, s.shells.length, ...snapshot.shells);
    s._history.push(...snapshot.history);
    s._transcript.push(...snapshot.transcript);
    s.records.push(...snapshot.records);
    s._results.push(...snapshot.results);
    for (const [round, n] of snapshot.hintsUsed) s.hintsUsed.set(round, n);
    s.lastExit = snapshot.lastExit;
    s.continued = snapshot.continued;
    return s;
  }

  get inputs(): readonly Input[] { return this._inputs; }
  get state(): ClusterState { return this._state; }
  /** Virtual time, ms since epoch. */
  get now(): number { return this._state.now; }
  get transcript(): readonly TranscriptEntry[] { return this._transcript; }
  get results(): readonly RoundResult[] { return this._results; }
  /** Index of the round being played; equals the number of rounds once all are answered. */
  get roundIndex(): number { return this._results.length; }
  get finished(): boolean { return this._results.length >= this.scenario.rounds.length; }
  /** True while a command keeps running (journalctl -f, a retrying drain) until Ctrl-C. */
  get following(): boolean { return this.follow !== undefined || this.pending !== undefined; }
  /**
   * True while a background job runs (`kubectl port-forward … &`): the terminal keeps ticking at
   * the prompt, and `tick` returns what the jobs printed meanwhile.
   */
  get jobsRunning(): boolean { return this.jobTable.running; }
  /**
   * Virtual ms the current line spent waiting, while its output is held (see PENDING_MS); the
   * browser shows the terminal busy for a scaled-down share of it. Undefined otherwise.
   */
  get pendingMs(): number | undefined { return this.pending?.busyMs; }
  /** Commands run so far, with where and when, for the grader and the report's timeline. */
  get commandLog(): readonly CommandRecord[] { return this.records; }

  private get frame(): ShellFrame { return this.frames[this.frames.length - 1]; }
  private get shell(): ShellState { return this.shells[this.shells.length - 1]; }

  /** The prompt for the current location: `learner@laptop:~$ `, `root@ip-10-42-3-208:~# `, `/ # `. */
  prompt(): string {
    if (this.continued !== undefined) return '> ';
    const f = this.frame;
    const toolset = frameToolset(f);
    if (toolset) return containerPrompt(toolset, f.debug!.pod.split('/')[1], f.cwd);
    return hostPrompt(f);
  }

  /** Runs a typed line at virtual time `at`. Output uses `\n` line ends. */
  run(line: string, at: number = this.now): { output: string; following: boolean; clear?: boolean } {
    const e = this.apply({ type: 'command', at: Math.max(at, this.now), line });
    return { output: e?.output ?? '', following: this.following, clear: e?.cleared };
  }

  /** Lets the clock move to `at`; while following, returns what the command printed meanwhile. */
  tick(at: number): { output: string; following: boolean } {
    if (this.pending) {
      const entry = this.pending.entry;
      this.apply({ type: 'tick', at: Math.max(at, this.now) });
      return { output: entry.output, following: this.following };
    }
    if (at <= this.now) return { output: '', following: this.following };
    // A follow's entry, or at the prompt the last entry (where background jobs' output lands).
    const entry = this.follow?.entry ?? (this.jobTable.running ? this._transcript[this._transcript.length - 1] : undefined);
    const before = entry?.output.length ?? 0;
    this.apply({ type: 'tick', at });
    return { output: entry ? entry.output.slice(before) : '', following: this.following };
  }

  /**
   * The file a command waits on in the learner's editor (kubectl edit), while it does: the browser
   * shows it full screen, the CLI takes vi's ex commands (script.ts). Undefined otherwise.
   */
  get editing(): { file: string; text: string; program: string } | undefined {
    const e = this.follow?.follow.editor;
    return e && { file: e.file, text: e.text, program: e.program };
  }

  /**
   * The text a pager shows full screen (less, more, journalctl on a terminal), while it does; the
   * browser shows it read only, and Ctrl-C or `q` (the `interrupt` input) leaves it. Undefined otherwise.
   */
  get paging(): PagerRequest | undefined {
    return this.follow?.follow.pager;
  }

  /**
   * The editor was left with `text` in the file (the opening text when it quit without writing):
   * the command reads it back and prints what it does with it (`deployment.apps/web edited`), or
   * opens the file again with kubectl's error comments. Returns that output.
   */
  saveEdit(text: string, at: number = this.now): { output: string; following: boolean } {
    const entry = this.follow?.entry;
    if (!entry || !this.editing) return { output: '', following: this.following };
    const before = entry.output.length;
    this.apply({ type: 'edit', at: Math.max(at, this.now), text });
    return { output: entry.output.slice(before), following: this.following };
  }

  /** Ctrl-C: ends a following command (`^C` and what the tool prints when interrupted). */
  interrupt(at: number = this.now): { output: string } {
    if (this.pending) {
      const entry = this.pending.entry;
      this.apply({ type: 'interrupt', at: Math.max(at, this.now) });
      return { output: entry.output };
    }
    if (!this.follow) return { output: '' };
    const entry = this.follow.entry;
    const before = entry.output.length;
    this.apply({ type: 'interrupt', at: Math.max(at, this.now) });
    return { output: entry.output.slice(before) };
  }

  /** Submits the answer to the current round; returns its grade. Undefined when all rounds are done. */
  submitAnswer(text: string, at: number = this.now): RoundResult | undefined {
    const round = this.scenario.rounds[this.roundIndex];
    if (!round) return undefined;
    this.apply({ type: 'answer', at: Math.max(at, this.now), round: round.id, text });
    return this._results[this._results.length - 1];
  }

  /**
   * What the current round's answer would score if submitted now, without submitting it (the
   * interviewer's live view, calibration). Undefined when all rounds are done.
   */
  preview(text: string): RoundResult | undefined {
    const round = this.scenario.rounds[this.roundIndex];
    return round && this.grade(round, text, this.now);
  }

  /**
   * "I did say this": marks a verdict of an answered round as disputed, with the sentence of the
   * answer the learner points to. The score does not change; the dispute is kept with the attempt
   * (an input, so it survives reload) and appears in the report and its exports. Returns the
   * round's result, or undefined when the round is not answered or has no such verdict.
   */
  dispute(roundId: string, verdict: string, sentence: string, at: number = this.now): RoundResult | undefined {
    const r = this._results.find((x) => x.round === roundId);
    if (!r || !r.verdicts.some((v) => v.id === verdict)) return undefined;
    this.apply({ type: 'dispute', at: Math.max(at, this.now), round: roundId, verdict, sentence });
    return this._results.find((x) => x.round === roundId);
  }

  /** Unlocks the next hint of the current round; undefined when none is left. */
  hint(at: number = this.now): { text: string; cost: number } | undefined {
    const round = this.scenario.rounds[this.roundIndex];
    if (!round) return undefined;
    const used = this.hintsUsed.get(round.id) ?? 0;
    if (used >= round.rubric.hints.length) return undefined;
    this.apply({ type: 'hint', at: Math.max(at, this.now), round: round.id });
    return round.rubric.hints[used];
  }

  /** Hints unlocked so far in a round, in order. */
  hintsFor(roundId: string): { text: string; cost: number }[] {
    const round = this.scenario.rounds.find((r) => r.id === roundId);
    return round ? round.rubric.hints.slice(0, this.hintsUsed.get(roundId) ?? 0) : [];
  }

  /** Tab completion for the line before `cursor`. */
  complete(line: string, cursor: number): { start: number; candidates: string[] } {
    try {
      return completeLine(line, cursor, {
        commandNames: () => [...commandNames(this.frame.place), ...(this.frame.place === 'laptop' ? ['ssh'] : [])],
        lookup: (name) => this.lookup(name),
        ctx: { state: this._state, frame: this.frame, host: this._state.hosts[this.frame.host], jobs: this.context([], '').jobs, listener: (port) => this.jobTable.listener(port, this.frames.length) },
      });
    } catch {
      return { start: cursor, candidates: [] };
    }
  }

  /**
   * Folds one input exactly as `replay` does (no clamping of `at`): a live session's server and
   * interviewer apply the candidate's inputs one by one as they arrive, and end in the same state
   * as `Session.replay(scenario, inputs)`.
   */
  append(input: Input): void {
    this.apply(input);
  }

  /** The graded report (all rounds answered so far). */
  report(): Report {
    return buildReport(this.scenario, this._results, this.records);
  }

  // ---- the fold -------------------------------------------------------------------------

  private apply(input: Input): TranscriptEntry | undefined {
    this._inputs.push(input);
    if (this.pending) {
      const p = this.pending;
      this.pending = undefined;
      if (input.type === 'interrupt') {
        // Abandoned while waiting: the learner saw nothing of it.
        p.entry.output = '^C\n';
        this.lastExit = 130;
        for (const r of p.records) { r.stdout = ''; r.stderr = ''; r.outcome = 'interrupted'; }
        return p.entry;
      }
      p.entry.output = p.output;
      this.lastExit = p.exitCode;
    }
    switch (input.type) {
      case 'tick':
        this.advanceTo(input.at);
        return undefined;
      case 'interrupt': {
        this.advanceTo(input.at);
        const f = this.follow;
        if (!f) return undefined;
        this.follow = undefined;
        const extra = f.follow.onInterrupt?.(this._state) ?? { stdout: '', stderr: '' };
        f.entry.output += f.follow.pager ? `${extra.stdout}${extra.stderr}` : `^C\n${extra.stdout}${extra.stderr}`;
        this.notify(f.entry);
        this.lastExit = extra.exitCode ?? (f.follow.pager ? 0 : 130);
        // Leaving a pager ends its command as it should end: the learner has seen the text.
        for (const r of f.records) { r.stdout += extra.stdout; r.stderr += extra.stderr; r.exitCode = this.lastExit; r.outcome = f.follow.pager ? outcomeOf(this.lastExit) : 'interrupted'; }
        return f.entry;
      }
      case 'edit':
        this.advanceTo(input.at);
        this.editorExited(input.text);
        return this.follow?.entry;
      case 'hint':
        this.advanceTo(input.at);
        this.hintsUsed.set(input.round, (this.hintsUsed.get(input.round) ?? 0) + 1);
        return undefined;
      case 'answer': {
        this.advanceTo(input.at);
        const round = this.scenario.rounds[this.roundIndex];
        if (!round || round.id !== input.round) return undefined;
        this._results.push(this.grade(round, input.text, input.at));
        // The next round may begin with a twist (the curveball): it happens in the cluster now.
        for (const action of roundStartActions(this.scenario.rounds[this.roundIndex]?.onStart)) this.dispatch(action);
        return undefined;
      }
      case 'command':
        return this.command(input.line, input.at);
      case 'dispute': {
        const i = this._results.findIndex((x) => x.round === input.round);
        if (i >= 0 && this._results[i].verdicts.some((v) => v.id === input.verdict)) this._results[i] = disputeVerdict(this._results[i], input.verdict, input.sentence, input.at);
        return undefined;
      }
    }
  }

  private grade(round: Round, answer: string, at: number): RoundResult {
    return gradeRound({
      scenario: this.scenario, round, answer, at, records: this.records, state: this._state,
      hintsUsed: this.hintsUsed.get(round.id) ?? 0,
      probe: (line, on) => probeState(this._state, line, on),
    });
  }

  private advanceTo(at: number): void {
    // A follow or job that looks at the cluster at set moments (watch, get -w) sees it at each of
    // them, however the ticks that brought the clock here were grouped.
    for (let step = 0; step < MAX_FOLLOW_STEPS; step++) {
      const fg = this.follow?.follow.nextAt?.();
      const bg = this.jobTable.nextAt();
      const due = fg === undefined ? bg : bg === undefined ? fg : Math.min(fg, bg);
      if (due === undefined || due >= at) break;
      if (due > this._state.now) this.dispatch({ type: 'clock/advance', to: due });
      this.pollJobs();
      if (fg !== undefined && fg <= this._state.now) this.pollFollow();
    }
    if (at > this._state.now) this.dispatch({ type: 'clock/advance', to: at });
    this.pollJobs();
    if (this.follow) this.pollFollow();
  }

  /** Polls the background jobs: their output goes where the terminal is (a running line, a follow, or above the prompt). */
  private pollJobs(): void {
    if (!this.jobTable.running) return;
    const out = this.jobTable.poll(this._state, (a) => this.dispatch(a));
    if (!out) return;
    if (this.lineSink) this.lineSink(out);
    else if (this.follow) this.follow.entry.output += out;
    else if (this.pending) this.pending.output += out;
    else {
      const last = this._transcript[this._transcript.length - 1];
      if (last) last.output += out;
    }
  }

  /** bash's notices of ended jobs, printed before the prompt that follows line `entry`. */
  private notify(entry: TranscriptEntry): void {
    entry.output += this.jobTable.notices(this.frames.length, this._transcript.indexOf(entry));
  }

  private pollFollow(): void {
    const f = this.follow;
    if (!f) return;
    const out = f.follow.poll(this._state, f.since, this._state.now, (a) => this.dispatch(a));
    f.since = this._state.now;
    f.entry.output += out.stdout + out.stderr;
    for (const r of f.records) { r.stdout += out.stdout; r.stderr += out.stderr; }
    if (out.done) {
      this.follow = undefined;
      this.notify(f.entry);
      this.lastExit = out.done.exitCode;
      // A follow that ended by itself: `streamed` when it succeeded (a rollout status that waited).
      for (const r of f.records) { r.exitCode = out.done.exitCode; r.outcome = outcomeOf(out.done.exitCode, { streamed: true, stderr: r.stderr }); }
    }
  }

  /** The running command's editor exited with `text`: the command goes on (or reopens the file). */
  private editorExited(text: string): void {
    const f = this.follow;
    const editor = f?.follow.editor;
    if (!f || !editor) return;
    const out = editor.exited(text, this._state, (a) => this.dispatch(a));
    f.entry.output += out.stdout + out.stderr;
    for (const r of f.records) { r.stdout += out.stdout; r.stderr += out.stderr; }
    if (out.reopen) {
      f.follow = { ...f.follow, editor: out.reopen };
      return;
    }
    this.follow = undefined;
    this.notify(f.entry);
    this.lastExit = out.exitCode ?? 0;
    for (const r of f.records) { r.exitCode = this.lastExit; r.outcome = outcomeOf(this.lastExit); }
  }

  /** The clock moves while a line runs (sleep, a slow API server): background jobs print meanwhile. */
  private advanceJobsTo(to: number): void {
    for (let step = 0; step < MAX_FOLLOW_STEPS; step++) {
      const due = this.jobTable.nextAt();
      if (due === undefined || due >= to) break;
      if (due > this._state.now) this.dispatch({ type: 'clock/advance', to: due });
      this.pollJobs();
    }
    this.dispatch({ type: 'clock/advance', to });
    this.pollJobs();
  }

  private dispatch(action: Action): void {
    this._state = applyAction(this._state, action);
  }

  private lookup(name: string): Command | undefined {
    if (name === 'ssh' && this.frame.place === 'laptop') return this.ssh;
    if (name === 'chroot' && this.frame.place === 'debug' && this.frame.debug?.nodeDebug) return this.chroot;
    return findCommand(this.frame.place, name, frameToolset(this.frame));
  }

  /** Runs one line in another place and comes back (ssh NODE CMD, chroot /host CMD): its output and status; its commands are recorded there. */
  private runIn(frame: ShellFrame, line: string, recorded: string): CommandResult {
    this.frames.push(frame);
    this.shells.push(loginShell());
    try {
      const r = runLine(line, this.shellEnv());
      for (const run of r.runs) this.records.push({ ...recordOf(run, frame.place, frame.host, this.roundIndex, recorded), typed: this._transcript.length - 1 });
      return { stdout: r.output, stderr: '', exitCode: r.exitCode };
    } finally {
      this.frames.pop();
      this.shells.pop();
    }
  }

  // `ssh NODE CMD`: run CMD on the node without a tty, then come back.
  private readonly ssh = sshCommand((node, line) => this.runIn(nodeFrame(node), line, `ssh ${node} ${line}`));

  // `chroot /host CMD` in the node debugger: CMD runs among the node's tools, then the container's shell is back.
  private readonly chroot = chrootCommand((frame, line) => this.runIn(frame, line, line));

  private shellEnv(): ShellEnv {
    const session = this;
    return {
      lookup: (name) => session.lookup(name),
      context: (argv, stdin) => session.context(argv, stdin),
      frame: () => session.frame,
      now: () => session._state.now,
      lastExit: session.lastExit,
      vars: session.shell.vars,
      tty: session.tty,
      aliases: session.shell.aliases,
      shell: session.shell,
      fs: shellFs(() => session._state, session.frame, (a) => session.dispatch(a)),
    };
  }

  private context(argv: string[], stdin: string): CommandContext {
    const session = this;
    return commandContext(argv, stdin, this.frame, {
      state: () => session._state,
      dispatch: (action) => session.dispatch(action),
      wait: (ms, busy) => {
        if (ms <= 0) return;
        // A list being started with `&` waits on its own time, not the terminal's.
        if (session.jobTable.spawning) return session.jobTable.addWait(ms);
        if (busy) session.busyMs += ms;
        session.advanceJobsTo(session._state.now + ms);
      },
      history: this._history,
      jobs: this.jobTable.control(this.frames.length, () => this._transcript.length - 1, () => session._state.now, () => (session._state.hosts[session.frame.host]?.nextPid ?? 4000) + 100),
      listener: (port) => {
        const l = session.jobTable.listener(port, session.frames.length);
        // What the serving job prints on a connection (`Handling connection for 8080`) reaches the terminal then.
        return l && { port, serve: (state, method, path) => { const r = l.serve(state, method, path); if (r.log) session.lineSink?.(r.log); return r; } };
      },
    });
  }

  private command(typed: string, at: number): TranscriptEntry {
    if (this.follow) this.apply({ type: 'interrupt', at });
    this.advanceTo(at);
    const entry: TranscriptEntry = { at: this.now, prompt: this.prompt(), line: typed, output: '' };
    this.busyMs = 0;
    this._transcript.push(entry);
    // A line that leaves the command open (`for …; do`, `cat <<EOF`, an open quote) waits for more, as bash does.
    const line = this.continued === undefined ? typed : `${this.continued}\n${typed}`;
    const parsed = parseLine(line);
    // Only an open compound command or here-document continues; an open quote, `$(` or a trailing
    // `|`/`&&` is reported at once (bash would wait): a stray character must not swallow the lines after it.
    if (!parsed.ok && parsed.incomplete && !/looking for matching/.test(parsed.error) && !/(\|\|?|&&|\\)\s*$/.test(line) && line.length < 100_000) {
      this.continued = line;
      return entry;
    }
    this.continued = undefined;
    if (line.trim() !== '') this._history.push(line);
    const frame = this.frame;
    let result;
    try {
      const env = this.shellEnv();
      result = runLine(line, env, (write) => { this.lineSink = write; }, parsed);
    } catch (e) {
      // A bug of ours must not take the terminal down: say so the way a shell would.
      entry.output = `bash: internal error: ${(e as Error).message}\n`;
      this.lastExit = 1;
      return entry;
    } finally {
      this.lineSink = undefined;
    }
    const records: CommandRecord[] = result.runs.map((r) => ({ ...recordOf(r, frame.place, frame.host, this.roundIndex, line), typed: this._transcript.length - 1 }));
    this.records.push(...records);
    entry.output = result.output;
    if (result.clear) entry.cleared = true;
    this.lastExit = result.exitCode;
    if (result.cwd) this.frames[this.frames.length - 1] = { ...this.frame, cwd: result.cwd };
    if (result.leave) {
      if (this.frames.length > 1) {
        this.jobTable.hangUp(this.frames.length);
        const left = this.frames.pop()!;
        this.shells.pop();
        if (left.place === 'node' && !left.debug) entry.output += `logout\nConnection to ${left.host} closed.\n`;
        if (left.onLeave) {
          for (const a of left.onLeave.actions) this.dispatch(a);
          // What leaving set in motion is due now (a debug container's shell gone): kubelet notices at once.
          if (left.onLeave.actions.length) this.dispatch({ type: 'clock/advance', to: this._state.now });
          entry.output += left.onLeave.output;
        }
      }
    } else if (result.enter) {
      this.frames.push(clone(result.enter));
      this.shells.push(loginShell());
    }
    if (!result.follow) this.notify(entry);
    if (result.follow) {
      const following = records.filter((r, i) => result.runs[i].follows);
      // What a pager shows is what the learner saw (the grader reads it), though it never reaches the screen's scrollback.
      const pager = result.follow.pager;
      if (pager) for (const r of following) r.stdout = pager.text;
      this.follow = { follow: result.follow, since: this.now, entry, records: following };
    }
    else if (this.busyMs >= PENDING_MS && !result.enter && !result.leave) {
      this.pending = { entry, output: entry.output, exitCode: this.lastExit, busyMs: this.busyMs, records };
      entry.output = '';
    }
    return entry;
  }
}

/** A command run as the grader keeps it: where, in which round, from which line, and how it ended. */
function recordOf(run: CommandRun, place: Place, host: string, round: number, line: string): CommandRecord {
  return { at: run.at, place, host, argv: run.argv, stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode, round, line, parsed: run.parsed, outcome: outcomeOf(run.exitCode) };
}

export type { CommandResult };
