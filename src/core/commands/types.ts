import type { Toolset } from '../container/toolsets.ts';
import type { ClusterState } from '../model/state.ts';
import type { Host } from '../model/host.ts';
import type { Action } from '../sim/actions.ts';
import type { FlagSpec } from './flags.ts';
import type { CommandOutcome, ParsedCommand } from './parsed.ts';

export type { CommandOutcome, ParsedCommand };

/** Where a shell is: the learner's laptop (kubectl), a node over ssh, or a debug container. */
export type Place = 'laptop' | 'node' | 'debug';

/**
 * One level of the shell's location stack. `ssh worker-3` pushes a `node` frame, `kubectl debug -it`
 * a `debug` frame; `exit` pops. The prompt is derived from the top frame.
 */
export interface ShellFrame {
  place: Place;
  /** Host name in ClusterState.hosts (`laptop`, a node name). For `debug`, the pod's node. */
  host: string;
  user: string;
  cwd: string;
  /**
   * For `debug` frames: the pod (`namespace/name`), the ephemeral container and its target. With
   * `nodeDebug` the pod is kubectl debug node/X's (host namespaces; `hostRoot`: the node's root at
   * /host); a `node` frame carrying it is `chroot /host` inside that container.
   */
  debug?: { pod: string; container: string; target?: string; image: string; nodeDebug?: boolean; hostRoot?: boolean };
  /**
   * What happens when this frame is left (`exit`): actions the session dispatches and what is
   * printed after (`kubectl run --rm -it` deleting its pod: `pod "x" deleted`).
   */
  onLeave?: { actions: Action[]; output: string };
}

/** What a command returns. Commands never write to a terminal and never throw on a learner's mistake. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /**
   * Both streams in the order they were written, for a command that mixes them (kubectl drain).
   * The terminal shows this when neither stream is redirected; pipes still get stdout alone.
   */
  interleaved?: string;
  /** Enter a new shell location (ssh, kubectl debug -it, kubectl exec -it … sh). */
  enter?: ShellFrame;
  /** Leave the current location (exit). */
  leave?: boolean;
  /** Clear the screen (clear, Ctrl-L). */
  clear?: boolean;
  /**
   * A command that keeps running as the virtual clock moves (journalctl -f, kubectl drain retrying,
   * kubectl logs -f) until Ctrl-C. Its first output is stdout/stderr above.
   */
  follow?: Follow;
  /**
   * What the command understood of its argv (docs/shapes.md §1), filled by commands that parse
   * their own verbs; others get the generic parse of grader/parse.ts from `Command.flags`.
   */
  parsed?: ParsedCommand;
}

/** A long-running command's continuation. */
export interface Follow {
  /**
   * Output produced between two instants (ms), reading the state as it is at `toMs`. `dispatch`,
   * when the host passes it, lets a retrying command act again (kubectl drain re-trying an eviction).
   */
  poll(state: ClusterState, fromMs: number, toMs: number, dispatch?: (action: Action) => void): { stdout: string; stderr: string; done?: { exitCode: number } };
  /**
   * The next virtual time (ms) at which this follow looks at the cluster by itself (`watch -n 2`,
   * `kubectl get -w`). The session steps the clock to each such moment and polls there, so what is
   * printed depends on virtual time alone, never on how the ticks that moved the clock were grouped.
   */
  nextAt?(): number | undefined;
  /** Printed after the terminal's `^C` when interrupted (usually nothing). Exit code 130 unless given. */
  onInterrupt?: (state: ClusterState) => { stdout: string; stderr: string; exitCode?: number };
  /**
   * The editor this command is waiting on (kubectl edit): while set, the terminal shows the file
   * full screen instead of the prompt, and the session's `edit` input hands the saved text back.
   */
  editor?: EditorRequest;
  /**
   * Servers this command keeps open on the machine's loopback while it runs (port-forward's
   * local ports, kubectl proxy's 8001): `curl localhost:PORT` reaches them, in the background too.
   */
  listening?: Listener[];
  /**
   * Text this command shows in a pager (less, more, journalctl on a terminal): while set, the
   * terminal shows it full screen, read only, until `q`; leaving prints nothing and exits 0.
   */
  pager?: PagerRequest;
}

/** What a pager shows: the text and the name on its prompt line (`less FILE`'s file name). */
export interface PagerRequest {
  text: string;
  /** less's first prompt (the file name, or empty for standard input). */
  title: string;
  /** The pager program (`less`, `more`): the status line follows its style. */
  program: string;
}

/**
 * A server a command keeps running on the machine's loopback while it runs (port-forward's
 * tunnel, kubectl proxy): `serve` answers one HTTP request read from the cluster as it is now.
 */
export interface Listener {
  port: number;
  /**
   * One request (`GET /path`): the HTTP status and body, or `error` when the connection fails
   * after it was accepted (curl's `(52) Empty reply from server`); `log` is what the serving
   * command prints meanwhile (port-forward's `Handling connection for 8080`).
   */
  serve(state: ClusterState, method: string, path: string): { status: number; body: string; contentType?: string; log?: string; error?: string };
}

/** One job of the shell's job table, as `jobs` lists it. */
export interface JobView {
  /** Job number (`%1`). */
  n: number;
  pid: number;
  /** The command as typed, without the `&`. */
  text: string;
  /** `Running`, or how it ended: `Done`, `Exit 1`, `Terminated`, `Killed`, `Interrupt`. */
  status: string;
  /** `$?` it ended with (143 after SIGTERM); undefined while running. */
  exitCode?: number;
  /** `+` the current job, `-` the previous one, ` ` otherwise. */
  mark: '+' | '-' | ' ';
}

/**
 * The shell's jobs as bash's job control builtins see them (jobs.c): jobs are started by `&`,
 * run as the virtual clock moves, and are reaped (their `Done` notice printed) before a prompt.
 */
export interface JobControl {
  /**
   * Starts a list ended by `&` as a job: `run` executes it at once with its time kept apart (a
   * `sleep` in it delays the job's end, not the clock); its output and its follow (a streaming
   * command) are the job's. Returns the job's number, PID and what it printed at once (its
   * output is held until its end when it waited first).
   */
  spawn(text: string, run: () => { output: string; exitCode: number; follow?: Follow }): { n: number; pid: number; output: string };
  /** The current shell's jobs, oldest first (finished ones until they are reported). */
  list(): JobView[];
  /** A job by spec (`%1`, `%%`, `%+`, `%-`, `%name`, `%?text`) or by PID; undefined when none. */
  find(spec: string): JobView | undefined;
  /** Sends a signal (15 SIGTERM, 9 SIGKILL, 2 SIGINT…) to a job; the job ends. */
  signal(n: number, signal: number): void;
  /**
   * `fg`: takes the job out of the table and returns what runs in the foreground: its follow
   * (undefined when it has already ended, with its status).
   */
  foreground(n: number): { follow?: Follow; exitCode: number };
  /**
   * `wait [n…]`: the jobs' notices and the last one's status once they have all ended (every job
   * when `ns` is empty; `$?` 0 then), or a follow that ends then when some still run. Ctrl-C
   * ends the wait, not the jobs.
   */
  waitFor(ns: number[]): { output: string; exitCode: number; follow?: Follow };
  /** Marks a finished job as reported (`wait` printed its status), so no notice follows. */
  reap(n: number): void;
}

/**
 * A file a command opened in the learner's editor and waits on, as kubectl edit launches
 * `$KUBE_EDITOR`/`$EDITOR` (vi by default) on a temporary file and reads it back when the editor exits.
 */
export interface EditorRequest {
  /** The temporary file's path, as the editor's status line names it (`/tmp/kubectl-edit-1234567890.yaml`). */
  file: string;
  /** The text the editor opens with. */
  text: string;
  /** The editor program (`vi`, `vim`, `nano`): the terminal picks its key bindings from it. */
  program: string;
  /**
   * The editor exited with `text` in the file (the opening text when it quit without writing).
   * Returns what the command printed then, and either a new file to edit (`reopen`: kubectl's
   * retry after an invalid edit) or the command's end (`exitCode`).
   */
  exited(text: string, state: ClusterState, dispatch: (action: Action) => void): { stdout: string; stderr: string; reopen?: EditorRequest; exitCode?: number };
}

/**
 * Everything a command may read or do. `state` always reflects the latest dispatched action.
 * Mutations go through `dispatch` only (explicit events), so the grader and replay see them.
 */
export interface CommandContext {
  /** argv[0] is the command's name as typed. */
  readonly argv: string[];
  /** Standard input (the previous pipeline stage's stdout), '' when none. */
  readonly stdin: string;
  readonly state: ClusterState;
  readonly frame: ShellFrame;
  /** The host of the current frame. */
  readonly host: Host;
  /** Apply a cluster action (see sim/actions.ts) now. */
  dispatch(action: Action): void;
  /**
   * Let virtual time pass while the command runs (sleep, a slow API server); ms. `busy` marks a
   * wait on a remote service (the API server, etcd): a line that spends a second or more that way
   * is shown as running in the terminal before its output appears (Session.pendingMs).
   */
  wait(ms: number, busy?: boolean): void;
  /** Shell history, oldest first (for `history`). */
  readonly history: readonly string[];
  /**
   * The pipeline this command runs in, as `ps` would see its processes: each stage's command line
   * (words after quote removal) and which one is this command. Absent where no shell runs it.
   */
  readonly pipeline?: { readonly stages: readonly string[]; readonly index: number };
  /**
   * Reads a file on the current host (static files, /proc, /sys, logs), as `cat` would.
   * Errors carry the errno name so each tool words it its own way.
   */
  readFile(path: string): { ok: true; text: string } | { ok: false; error: 'ENOENT' | 'EISDIR' | 'EACCES' };
  /** Variables the shell exported (`export NS=x`), as a program's environment carries them (`env`). */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Runs another program as a child (`xargs kubectl …`, `sudo crictl ps`, `watch kubectl get pods`,
   * `env X=1 cmd`): a place command or a program the shell also has as a binary (echo, printf,
   * true, false, sleep, test). Undefined result when no such program exists here (each caller
   * words that its own way). Absent where no shell runs the command.
   */
  exec?(argv: string[], stdin: string, env?: Record<string, string>): CommandResult | undefined;
  /** Runs a command line through a new shell at the same place, as `sh -c LINE` (watch): output and status. */
  sh?(line: string): CommandResult;
  /** Whether a program by this name is installed here (`which`, `command -v`). */
  installed?(name: string): boolean;
  /**
   * The shell's job table (bash job control): what `&`, `jobs`, `fg`, `bg`, `kill` and `wait`
   * work on. Absent where no interactive shell runs the command.
   */
  readonly jobs?: JobControl;
  /**
   * Connects to a port on this machine's loopback (`curl localhost:8080`): the listener a
   * background job opened there (`kubectl port-forward`, `kubectl proxy`), or undefined when
   * nothing listens (connection refused).
   */
  listener?(port: number): Listener | undefined;
  /**
   * Whether standard output is the terminal (not a pipe, a file or `$(…)`), as isatty(1): pagers
   * (less, journalctl) page only then.
   */
  readonly tty?: boolean;
  /**
   * The machine's writable file system as the shell's redirections see it (tee, cp, mkdir, rm):
   * paths absolute; failures carry the errno text (`Permission denied`). Absent where nothing may be written.
   */
  readonly fs?: {
    write(path: string, text: string, append: boolean): { ok: true } | { ok: false; error: string };
    list(dir: string): string[] | undefined;
    mkdir?(path: string): { ok: true } | { ok: false; error: string };
    remove?(path: string): { ok: true } | { ok: false; error: string };
  };
}

/** A command of the simulated shell: one folder, one registry line (commands/registry.ts). */
export interface Command {
  name: string;
  /** Where it exists; elsewhere the shell answers `bash: NAME: command not found`. */
  places: Place[];
  /**
   * In a pod container's shell, the images' toolsets that carry this implementation
   * (container/toolsets.ts: busybox's `nc` or OpenBSD's); absent means every image has it.
   */
  toolsets?: readonly Toolset[];
  /** One line for `help`-style listings and completion hints. */
  summary: string;
  run(ctx: CommandContext): CommandResult;
  /** Tab-completion candidates for the word being typed, given the words before it. */
  complete?(words: string[], partial: string, ctx: Pick<CommandContext, 'state' | 'frame' | 'host'>): string[];
  /**
   * The command's flag table, for a tool without sub-commands (df, grep, journalctl): the generic
   * parse record is read with it, and the scenario validator checks rubric flags against it.
   */
  flags?: readonly FlagSpec[];
  /**
   * For a tool with sub-commands (kubectl, etcdctl, crictl): every verb path with the flags it
   * accepts (global ones included), for the scenario validator.
   */
  verbs?: () => readonly { path: readonly string[]; flags: readonly FlagSpec[] }[];
}

export const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
export const fail = (stderr: string, exitCode = 1, stdout = ''): CommandResult => ({ stdout, stderr, exitCode });
