import { listDirectory, readHostFile, resolvePath, filePaths } from '../../../host/files.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';
import { matching, parseTool } from '../args.ts';

const USAGE = `Usage: ls [OPTION]... [FILE]...
List information about the FILEs (the current directory by default).

  -a, --all                  do not ignore entries starting with .
  -1                         list one file per line
      --help        display this help and exit
`;

const SPECS: FlagSpec[] = [
  { name: 'all', short: 'a', type: 'bool', help: '' },
  { name: 'one', short: '1', type: 'bool', help: '' },
  { name: 'long', short: 'l', type: 'bool', help: '' },
];

/** A minimal `ls`: names of known paths, one per line (what `ls` prints when not on a terminal). */
export const ls: Command = {
  name: 'ls',
  places: ['node', 'debug'],
  summary: 'list directory contents',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('ls', ctx.argv.slice(1), SPECS, USAGE, { badExit: 2 });
    if (!p.ok) return p.result;
    const targets = p.flags.positionals.length ? p.flags.positionals : ['.'];
    let stdout = '';
    let stderr = '';
    targets.forEach((t, i) => {
      const abs = resolvePath(t, ctx.frame.cwd);
      const entries = listDirectory(ctx.state, ctx.host, abs);
      if (entries) {
        if (targets.length > 1) stdout += `${i > 0 ? '\n' : ''}${t}:\n`;
        stdout += entries.map((e) => e + '\n').join('');
      } else if (readHostFile(ctx.state, ctx.host, abs).ok) stdout += t + '\n';
      else stderr += `ls: cannot access '${t}': No such file or directory\n`;
    });
    return { stdout, stderr, exitCode: stderr ? 2 : 0 };
  },
  complete: (_w, partial, ctx) => matching(filePaths(ctx.state, ctx.host), partial),
};
