import { strftime } from '../../../time.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';
import { fail, ok } from '../../types.ts';
import { parseTool } from '../args.ts';

const USAGE = `Usage: date [OPTION]... [+FORMAT]
Display the current time in the given FORMAT.

  -d, --date=STRING          display time described by STRING, not 'now'
  -u, --utc, --universal     print or set Coordinated Universal Time (UTC)
  -R, --rfc-email            output date and time in RFC 5322 format.
      --help        display this help and exit
`;
const SPECS: FlagSpec[] = [
  { name: 'utc', short: 'u', type: 'bool', help: '' },
  { name: 'universal', type: 'bool', help: '' },
  { name: 'date', short: 'd', type: 'string', help: '' },
  { name: 'rfc-email', short: 'R', type: 'bool', help: '' },
];

/** `date -d` strings: `now`, `@EPOCH`, ISO dates and times, `N minutes ago`. */
function parseDate(s: string, now: number): number | undefined {
  const t = s.trim();
  if (t === '' || t === 'now') return now;
  if (/^@-?\d+$/.test(t)) return Number(t.slice(1)) * 1000;
  const ago = /^(\d+) (second|minute|hour|day|week)s? ago$/.exec(t);
  if (ago) return now - Number(ago[1]) * { second: 1e3, minute: 6e4, hour: 3.6e6, day: 8.64e7, week: 6.048e8 }[ago[2] as 'second'];
  if (/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?(Z)?$/.test(t)) {
    const ms = Date.parse(t.replace(' ', 'T') + (t.length === 10 ? 'T00:00:00Z' : t.endsWith('Z') ? '' : 'Z'));
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** `date` (coreutils): default `%a %b %e %H:%M:%S %Z %Y`; the node's zone is UTC. */
export const date: Command = {
  name: 'date',
  places: ['laptop', 'node', 'debug'],
  summary: 'print the system date and time',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('date', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    let when = ctx.state.now;
    if (p.flags.given.has('date')) {
      const t = parseDate(String(v.date), ctx.state.now);
      if (t === undefined) return fail(`date: invalid date '${v.date}'\n`);
      when = t;
    }
    const pos = p.flags.positionals;
    const fmt = pos.find((x) => x.startsWith('+'));
    const other = pos.filter((x) => !x.startsWith('+'));
    if (pos.length > 1) return fail(`date: extra operand '${pos[1]}'\nTry 'date --help' for more information.\n`);
    if (other.length) return fail(`date: invalid date '${other[0]}'\n`);
    if (v['rfc-email'] === true) return ok(strftime('%a, %d %b %Y %H:%M:%S +0000', when) + '\n');
    return ok(strftime(fmt ? fmt.slice(1) : '%a %b %e %H:%M:%S %Z %Y', when) + '\n');
  },
};
