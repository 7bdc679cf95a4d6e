import { resolvePath } from '../../../host/files.ts';
import { parseTool } from '../../node/args.ts';
import type { Command } from '../../types.ts';
import type { FlagSpec } from '../../flags.ts';

const USAGE = `Usage: tee [OPTION]... [FILE]...
Copy standard input to each FILE, and also to standard output.

  -a, --append              append to the given FILEs, do not overwrite
  -i, --ignore-interrupts   ignore interrupt signals
  -p                        operate in a more appropriate MODE with pipes
      --help        display this help and exit
      --version     output version information and exit
`;

const SPECS: FlagSpec[] = [
  { name: 'append', short: 'a', type: 'bool', help: '' },
  { name: 'ignore-interrupts', short: 'i', type: 'bool', help: '' },
  { name: 'p', short: 'p', type: 'bool', help: '' },
];

/** GNU `tee [-a] FILE…`: stdin to stdout and to each file (through the shell's writable file system). */
export const tee: Command = {
  name: 'tee',
  places: ['laptop', 'node', 'debug'],
  summary: 'read from standard input and write to standard output and files',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('tee', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    let stderr = '';
    for (const f of [...p.flags.positionals, ...(p.flags.afterDashDash ?? [])]) {
      if (f === '/dev/null') continue;
      const abs = resolvePath(f, ctx.frame.cwd);
      const w = ctx.fs?.write(abs, ctx.stdin, p.flags.values.append === true) ?? { ok: false, error: 'Permission denied' };
      if (!w.ok) stderr += `tee: ${f}: ${w.error}\n`;
    }
    return { stdout: ctx.stdin, stderr, exitCode: stderr ? 1 : 0 };
  },
};
