import type { CommandContext, CommandResult } from './types.ts';

/**
 * A command's output shown through a pager when its stdout is the terminal (less, more, and
 * journalctl's own `less -FRSXMK`): the text goes to a full-screen read-only view instead of the
 * screen, and leaving it (`q`) prints nothing and exits 0. On a pipe, a file or the CLI (no tty)
 * the output is printed as it is, as the real pagers do. A pager only shows: it changes no state.
 */
export function paged(ctx: CommandContext, result: CommandResult, program: string, title: string): CommandResult {
  if (!ctx.tty || result.follow || result.exitCode !== 0) return result;
  return {
    stdout: '', stderr: result.stderr, exitCode: 0,
    ...(result.parsed ? { parsed: result.parsed } : {}),
    follow: {
      poll: () => ({ stdout: '', stderr: '' }),
      pager: { text: result.stdout, title, program },
      onInterrupt: () => ({ stdout: '', stderr: '', exitCode: 0 }),
    },
  };
}
