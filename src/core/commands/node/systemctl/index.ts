import type { Host, SystemdUnit } from '../../../model/host.ts';
import { formatEntry } from '../journalctl/index.ts';
import { allEntries } from '../journalctl/index.ts';
import type { Command } from '../../types.ts';
import { fail, ok } from '../../types.ts';
import { matching } from '../args.ts';
import { systemdBytes, systemdRelative, systemdTimespan } from '../format.ts';
import { strftime } from '../../../time.ts';

const USAGE = `systemctl [OPTIONS...] COMMAND ...

Query or send control commands to the system manager.

Unit Commands:
  list-units [PATTERN...]             List units currently in memory
  is-active PATTERN...                Check whether units are active
  status [PATTERN...|PID...]          Show runtime status of one or more units
`;

const DOCS: Record<string, string> = { 'kubelet.service': 'https://kubernetes.io/docs/', 'containerd.service': 'https://containerd.io' };
const unitName = (u: string) => (u.includes('.') ? u : `${u}.service`);

/** systemd's timestamp: `Wed 2024-06-12 07:12:03 UTC`. */
const stamp = (ms: number): string => strftime('%a %F %T %Z', ms);

/** systemd 249 (Ubuntu ≤ 22.04) says `vendor preset`; 252+ says `preset`. */
const presetWord = (h: Host) => (/Ubuntu 2[0-2]\./.test(h.osPrettyName) ? 'vendor preset' : 'preset');

/** `systemctl status UNIT` in systemd's layout, then the unit's last 10 journal lines. */
export function unitStatus(host: Host, u: SystemdUnit, now: number): string {
  const label = (l: string) => l.padStart(12) + ' ';
  const lines = [`● ${u.name} - ${u.description}`, `${label('Loaded:')}loaded (${u.loadedPath}; enabled; ${presetWord(host)}: enabled)`];
  if (u.dropIns?.length) {
    const dir = u.dropIns[0].slice(0, u.dropIns[0].lastIndexOf('/'));
    lines.push(`${label('Drop-In:')}${dir}`, ...u.dropIns.map((d, i) => `${' '.repeat(13)}${i === u.dropIns!.length - 1 ? '└─' : '├─'}${d.slice(d.lastIndexOf('/') + 1)}`));
  }
  const running = u.mainPid > 0;
  lines.push(running ? `${label('Active:')}active (running) since ${stamp(u.activeSince)}; ${systemdRelative(now - u.activeSince)}` : `${label('Active:')}inactive (dead)`);
  if (Object.hasOwn(DOCS, u.name)) lines.push(`${label('Docs:')}${DOCS[u.name]}`);
  if (running) {
    const comm = u.execStart.split(' ')[0].split('/').pop();
    lines.push(`${label('Main PID:')}${u.mainPid} (${comm})`, `${label('Tasks:')}${u.tasks} (limit: ${Math.floor(host.memoryKb.total / 1730)})`,
      `${label('Memory:')}${systemdBytes(u.memoryBytes)}`, `${label('CPU:')}${systemdTimespan(u.cpuMs)}`,
      `${label('CGroup:')}/system.slice/${u.name}`, `${' '.repeat(13)}└─${u.mainPid} ${u.execStart}`);
  }
  const journal = allEntries(host).filter((e) => e.unit === u.name && e.at <= now).slice(-10);
  return lines.join('\n') + '\n' + (journal.length ? '\n' + journal.map((e) => formatEntry(e, host.name) + '\n').join('') : '');
}

/** `systemctl` for the read-only verbs learners use on a node: status, is-active, list-units. */
export const systemctl: Command = {
  name: 'systemctl',
  places: ['node'],
  summary: 'Control the systemd system and service manager',
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => !['--no-pager', '-l', '--full', '--no-legend', '-q', '--quiet'].includes(a));
    const quiet = ctx.argv.includes('-q') || ctx.argv.includes('--quiet');
    if (args.includes('--help') || args.includes('-h')) return ok(USAGE);
    // getopt: a lone `-` is an operand (here an unknown verb), not an option.
    const badOpt = args.find((a) => a.startsWith('-') && a !== '-');
    if (badOpt) return fail(badOpt.startsWith('--') ? `systemctl: unrecognized option '${badOpt}'\n` : `systemctl: invalid option -- '${badOpt[1]}'\n`);
    const [verb = 'list-units', ...names] = args;
    const units = ctx.host.units;
    const find = (n: string) => (Object.hasOwn(units, unitName(n)) ? units[unitName(n)] : undefined);
    switch (verb) {
      case 'status': {
        if (names.length === 0) return ok(`● ${ctx.host.name}\n    State: running\n    Units: ${Object.keys(units).length} loaded (incl. loaded aliases)\n     Jobs: 0 queued\n   Failed: 0 units\n`);
        let out = '';
        let err = '';
        for (const n of names) {
          const u = find(n);
          if (u) out += (out ? '\n' : '') + unitStatus(ctx.host, u, ctx.state.now);
          else err += `Unit ${unitName(n)} could not be found.\n`;
        }
        const inactive = names.some((n) => (find(n)?.mainPid ?? 0) <= 0);
        return { stdout: out, stderr: err, exitCode: err ? 4 : inactive ? 3 : 0 };
      }
      case 'is-active': {
        if (names.length === 0) return fail('Too few arguments.\n');
        const states = names.map((n) => ((find(n)?.mainPid ?? 0) > 0 ? 'active' : 'inactive'));
        return { stdout: quiet ? '' : states.map((s) => s + '\n').join(''), stderr: '', exitCode: states.every((s) => s === 'active') ? 0 : 3 };
      }
      case 'list-units': {
        const rows = Object.values(units).map((u) => `  ${u.name.padEnd(24)} loaded ${u.mainPid > 0 ? 'active running' : 'inactive dead  '} ${u.description}`);
        return ok(`  UNIT                     LOAD   ACTIVE SUB     DESCRIPTION\n${rows.join('\n')}\n\nLOAD   = Reflects whether the unit definition was properly loaded.\nACTIVE = The high-level unit activation state, i.e. generalization of SUB.\nSUB    = The low-level unit activation state, values depend on unit type.\n${rows.length} loaded units listed.\n`);
      }
      default:
        return fail(`Unknown command verb ${verb}.\n`);
    }
  },
  complete(words, partial, ctx) {
    if (words.length <= 1) return matching(['status', 'is-active', 'list-units'], partial);
    return matching(Object.keys(ctx.host.units).flatMap((u) => [u, u.replace(/\.service$/, '')]), partial);
  },
};
