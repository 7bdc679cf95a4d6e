import type { Host } from '../../../model/host.ts';
import { loadAverage } from '../../../host/proc.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';
import { ok } from '../../types.ts';
import { strftime } from '../../../time.ts';
import { parseTool } from '../args.ts';

const USAGE = `
Usage:
 uptime [options]

Options:
 -p, --pretty   show uptime in pretty format
 -h, --help     display this help and exit
 -s, --since    system up since
 -V, --version  output version information and exit

For more details see uptime(1).
`;
const SPECS: FlagSpec[] = [
  { name: 'pretty', short: 'p', type: 'bool', help: '' },
  { name: 'since', short: 's', type: 'bool', help: '' },
  { name: 'version', short: 'V', type: 'bool', help: '' },
];

const two = (n: number) => String(n).padStart(2, '0');

/**
 * procps-ng's uptime line, shared with `top`: ` 10:30:00 up 3 days,  3:17,  1 user,  load average: 0.52, 0.58, 0.59`.
 */
export function uptimeLine(host: Host, now: number): string {
  const up = Math.floor((now - host.bootAt) / 60000);
  const days = Math.floor(up / 1440);
  const hours = Math.floor((up % 1440) / 60);
  const mins = up % 60;
  let s = ` ${strftime('%T', now)} up `;
  if (days > 0) s += `${days} day${days === 1 ? '' : 's'}, `;
  s += hours > 0 ? `${String(hours).padStart(2)}:${two(mins)}, ` : `${mins} min, `;
  const [a, b, c] = loadAverage(host);
  return `${s} 1 user,  load average: ${a.toFixed(2)}, ${b.toFixed(2)}, ${c.toFixed(2)}`;
}

/** `uptime` (procps-ng 4). */
export const uptime: Command = {
  name: 'uptime',
  places: ['laptop', 'node', 'debug'],
  summary: 'Tell how long the system has been running',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('uptime', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    const h = ctx.host;
    if (v.version === true) return ok('uptime from procps-ng 4.0.2\n');
    if (v.since === true) return ok(new Date(h.bootAt).toISOString().replace('T', ' ').slice(0, 19) + '\n');
    if (v.pretty === true) {
      const up = Math.floor((ctx.state.now - h.bootAt) / 60000);
      const parts: string[] = [];
      const w = Math.floor(up / 10080), d = Math.floor((up % 10080) / 1440), hr = Math.floor((up % 1440) / 60), m = up % 60;
      const add = (n: number, word: string) => { if (n) parts.push(`${n} ${word}${n === 1 ? '' : 's'}`); };
      add(w, 'week'); add(d, 'day'); add(hr, 'hour'); add(m, 'minute');
      return ok(`up ${parts.join(', ') || '0 minutes'}\n`);
    }
    return ok(uptimeLine(h, ctx.state.now) + '\n');
  },
};
