import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';
import { ok } from '../../types.ts';
import { parseTool } from '../args.ts';

const USAGE = `Usage: hostname [-b] {hostname|-F file}         set host name (from file)
       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name
       hostname                                 display host name
`;
const SPECS: FlagSpec[] = ['fqdn:f', 'short:s', 'ip-address:i', 'all-ip-addresses:I', 'domain:d'].map((x) => ({ name: x.split(':')[0], short: x.split(':')[1], type: 'bool' as const, help: '' }));

/** `hostname` (net-tools/hostname package): the node name, `-i`/`-I` its address. */
export const hostname: Command = {
  name: 'hostname',
  places: ['laptop', 'node', 'debug'],
  summary: 'show the system host name',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('hostname', ctx.argv.slice(1), SPECS, USAGE, { badExit: 1 });
    if (!p.ok) return p.result;
    const v = p.flags.values;
    if (p.flags.positionals.length) return { stdout: '', stderr: 'hostname: you must be root to change the host name\n', exitCode: 1 };
    if (v['all-ip-addresses'] === true) return ok(`${ctx.host.ip} \n`);
    if (v['ip-address'] === true) return ok(`${ctx.host.ip}\n`);
    if (v.domain === true) return ok('\n');
    return ok(`${ctx.host.name}\n`);
  },
};
