import type { Command, CommandContext, CommandResult } from '../../types.ts';
import { filePaths, resolvePath } from '../../../host/files.ts';
import { HELP, matching } from '../args.ts';
import { gnuMessage, parseFlags } from '../../flags.ts';
import { paged } from '../../pager.ts';

const USAGE = `Usage: cat [OPTION]... [FILE]...
Concatenate FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.

  -n, --number             number all output lines
      --help        display this help and exit
`;

const ERRNO = { ENOENT: 'No such file or directory', EISDIR: 'Is a directory', EACCES: 'Permission denied' } as const;

/** Reads each operand (or stdin for none / `-`) in order; errors are reported per file, exit 1 if any. */
function concat(tool: string, ctx: CommandContext, number: boolean): CommandResult {
  const parsed = parseFlags(ctx.argv.slice(1), [{ name: 'number', short: 'n', type: 'bool', help: '' }, HELP]);
  if (!parsed.ok) return { stdout: '', stderr: gnuMessage(tool, parsed.error), exitCode: 1 };
  if (parsed.flags.values.help === true) return { stdout: USAGE.replaceAll('cat', tool), stderr: '', exitCode: 0 };
  const files = [...parsed.flags.positionals, ...(parsed.flags.afterDashDash ?? [])];
  let stdout = '';
  let stderr = '';
  for (const f of files.length ? files : ['-']) {
    if (f === '-') { stdout += ctx.stdin; continue; }
    const r = ctx.readFile(resolvePath(f, ctx.frame.cwd));
    if (r.ok) stdout += r.text;
    else stderr += `${tool}: ${f}: ${ERRNO[r.error]}\n`;
  }
  if (number || parsed.flags.values.number === true) {
    const lines = stdout.split('\n');
    const last = lines.pop();
    stdout = lines.map((l, i) => `${String(i + 1).padStart(6)}\t${l}\n`).join('') + (last ? `${String(lines.length + 1).padStart(6)}\t${last}` : '');
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

const completeFiles = (_w: string[], partial: string, ctx: Parameters<NonNullable<Command['complete']>>[2]) =>
  matching(filePaths(ctx.state, ctx.host), partial);

/** `cat` (GNU coreutils): files through the host file layer, stdin without operands. */
export const cat: Command = { name: 'cat', places: ['laptop', 'node', 'debug'], summary: 'concatenate files and print on the standard output', run: (ctx) => concat('cat', ctx, false), complete: completeFiles };
/**
 * `less [FILE…]`: on the terminal a full-screen pager over the file (or standard input); when its
 * output is not a terminal (a pipe, the CLI) it prints like cat, as the real less does.
 */
export const less: Command = { name: 'less', places: ['laptop', 'node', 'debug'], summary: 'opposite of more', run: (ctx) => pager('less', ctx), complete: completeFiles };
/** `more [FILE…]`: the same pager with more's prompt; like cat when the output is not a terminal. */
export const more: Command = { name: 'more', places: ['laptop', 'node', 'debug'], summary: 'file perusal filter', run: (ctx) => pager('more', ctx), complete: completeFiles };

/**
 * less/more over their operands (stdin for none): what they print when not paging, with their own
 * messages for a file they cannot open (less: `F: No such file or directory`; util-linux more:
 * `more: cannot open F: …`, and a `::::` header per file when given several); both exit 0.
 * The first file's name is the pager's first prompt.
 */
function pager(tool: 'less' | 'more', ctx: CommandContext): CommandResult {
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  let stdout = '';
  let stderr = '';
  for (const f of files.length ? files : ['-']) {
    if (f === '-') { stdout += ctx.stdin; continue; }
    const r = ctx.readFile(resolvePath(f, ctx.frame.cwd));
    if (!r.ok) {
      if (r.error === 'EISDIR') stdout += tool === 'less' ? '' : `\n*** ${f}: directory ***\n\n`;
      if (r.error === 'EISDIR' && tool === 'less') stderr += `${f} is a directory\n`;
      else if (r.error !== 'EISDIR') stderr += tool === 'less' ? `${f}: ${ERRNO[r.error]}\n` : `more: cannot open ${f}: ${ERRNO[r.error]}\n`;
      continue;
    }
    stdout += tool === 'more' && files.length > 1 ? `::::::::::::::\n${f}\n::::::::::::::\n${r.text}` : r.text;
  }
  return paged(ctx, { stdout, stderr, exitCode: 0 }, tool, files[0] && files[0] !== '-' ? files[0] : '');
}
