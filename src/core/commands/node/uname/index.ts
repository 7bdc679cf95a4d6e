import { machineName } from '../../../model/host.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';
import { fail, ok } from '../../types.ts';
import { parseTool } from '../args.ts';

const USAGE = `Usage: uname [OPTION]...
Print certain system information.  With no OPTION, same as -s.

  -a, --all                print all information, in the following order,
                             except omit -p and -i if unknown:
  -s, --kernel-name        print the kernel name
  -n, --nodename           print the network node hostname
  -r, --kernel-release     print the kernel release
  -v, --kernel-version     print the kernel version
  -m, --machine            print the machine hardware name
  -p, --processor          print the processor type (non-portable)
  -i, --hardware-platform  print the hardware platform (non-portable)
  -o, --operating-system   print the operating system
      --help        display this help and exit
`;

const ORDER = ['kernel-name', 'nodename', 'kernel-release', 'kernel-version', 'machine', 'processor', 'hardware-platform', 'operating-system'];
const SPECS: FlagSpec[] = [
  { name: 'all', short: 'a', type: 'bool', help: '' },
  ...ORDER.map((name) => ({ name, short: name === 'kernel-version' ? 'v' : name === 'hardware-platform' ? 'i' : name === 'operating-system' ? 'o' : name === 'nodename' ? 'n' : name === 'kernel-release' ? 'r' : name === 'machine' ? 'm' : name === 'processor' ? 'p' : 's', type: 'bool' as const, help: '' })),
];

/**
 * `uname` (coreutils). Ubuntu's build reports the processor and hardware platform as
 * `x86_64`, so `-a` shows it three times; other distributions print `unknown` and `-a` omits them.
 */
export const uname: Command = {
  name: 'uname',
  places: ['laptop', 'node', 'debug'],
  summary: 'print system information',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('uname', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    if (p.flags.positionals.length) return fail(`uname: extra operand '${p.flags.positionals[0]}'\nTry 'uname --help' for more information.\n`);
    const h = ctx.host;
    const ubuntu = h.osPrettyName.startsWith('Ubuntu');
    const value: Record<string, string> = {
      'kernel-name': 'Linux', nodename: h.name, 'kernel-release': h.kernelRelease, 'kernel-version': h.kernelBuild,
      machine: machineName(h), processor: ubuntu ? machineName(h) : 'unknown', 'hardware-platform': ubuntu ? machineName(h) : 'unknown', 'operating-system': 'GNU/Linux',
    };
    const v = p.flags.values;
    let want = ORDER.filter((k) => v[k] === true || (v.all === true && !(value[k] === 'unknown')));
    if (want.length === 0) want = ['kernel-name'];
    return ok(want.map((k) => value[k]).join(' ') + '\n');
  },
};
