import type { CommandContext, CommandResult, CompletionContext, ShellFrame } from '../../commands/types.ts';

/** The shell's own state that builtins read and change, kept by the session between lines. */
export interface ShellVars {
  /** Shell variables set with `NAME=value` or `export`. */
  vars: Map<string, string>;
  /** Aliases set with `alias name=value`. */
  aliases: Map<string, string>;
  /** `$?` before this builtin ran. */
  lastExit: number;
  /** Current working directory (may differ from the frame's after a `cd` earlier on the line). */
  cwd: string;
  home: string;
  frame: ShellFrame;
  /** Names marked for export (`export`, `declare -x`). */
  exported?: Set<string>;
}

/** What a builtin gets: its argv, stdin, the shell's state and the command context (wait, history, readFile). */
export interface BuiltinContext {
  argv: string[];
  stdin: string;
  shell: ShellVars;
  ctx: CommandContext;
}

/** A builtin's result; `cwd` is the new working directory when it changed (cd). */
export interface BuiltinResult extends CommandResult {
  cwd?: string;
}

/**
 * A bash builtin: runs inside the shell rather than as a program, so it can change the shell's
 * own state (cwd, variables, leaving a session). Checked before the place's commands, as bash
 * checks builtins before $PATH.
 */
export interface Builtin {
  name: string;
  summary: string;
  run(b: BuiltinContext): BuiltinResult;
  /** Tab-completion candidates for the word being typed (job specs for fg, signals for kill). */
  complete?(words: string[], partial: string, ctx: CompletionContext): string[];
}

export const done = (stdout = '', exitCode = 0): BuiltinResult => ({ stdout, stderr: '', exitCode });
export const err = (stderr: string, exitCode = 1): BuiltinResult => ({ stdout: '', stderr, exitCode });
