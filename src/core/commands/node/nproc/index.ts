import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';
import { ok } from '../../types.ts';
import { parseTool } from '../args.ts';

const USAGE = `Usage: nproc [OPTION]...
Print the number of processing units available to the current process,
which may be less than the number of online processors

      --all      print the number of installed processors
      --ignore=N  if possible, exclude N processing units
      --help        display this help and exit
`;
const SPECS: FlagSpec[] = [{ name: 'all', type: 'bool', help: '' }, { name: 'ignore', type: 'int', help: '' }];

/** `nproc` (coreutils): logical CPUs of the host. */
export const nproc: Command = {
  name: 'nproc',
  places: ['laptop', 'node', 'debug'],
  summary: 'print the number of processing units available',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('nproc', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    if (p.flags.positionals.length) return { stdout: '', stderr: `nproc: extra operand '${p.flags.positionals[0]}'\nTry 'nproc --help' for more information.\n`, exitCode: 1 };
    return ok(`${Math.max(1, ctx.host.cpu.cores - Math.max(0, Number(p.flags.values.ignore)))}\n`);
  },
};
