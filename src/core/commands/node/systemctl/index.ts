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
  start UNIT...                       Start (activate) one or more units
  stop UNIT...                        Stop (deactivate) one or more units
  restart UNIT...                     Start or restart one or more units

Unit File Commands:
  enable [UNIT...|PATH...]            Enable one or more unit files

Manager State Commands:
  daemon-reload                       Reload systemd manager configuration
`;

/** The state word `is-active` prints and `list-units` shows (ACTIVE SUB). */
function activeState(u: SystemdUnit | undefined): [string, string] {
  if (!u) return ['inactive', 'dead'];
  if (u.mainPid > 0) return ['active', 'running'];
  return u.autoRestart ? ['activating', 'auto-restart'] : ['inactive', 'dead'];
}

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
  const exit = running ? undefined : u.lastExit;
  const since = (at: number) => `since ${stamp(at)}; ${systemdRelative(now - at)}`;
  lines.push(running ? `${label('Active:')}active (running) ${since(u.activeSince)}`
    : u.autoRestart && exit ? `${label('Active:')}activating (auto-restart) (Result: exit-code) ${since(exit.at)}`
      : exit ? `${label('Active:')}inactive (dead) ${since(exit.at)}` : `${label('Active:')}inactive (dead)`);
  if (!running && !u.autoRestart) lines[0] = lines[0].replace(/^●/, '○');
  if (Object.hasOwn(DOCS, u.name)) lines.push(`${label('Docs:')}${DOCS[u.name]}`);
  if (exit) {
    const code = `(code=exited, status=${exit.status}/${exit.status === 0 ? 'SUCCESS' : 'FAILURE'})`;
    lines.push(`${label('Process:')}${exit.pid} ExecStart=${u.execStart} ${code}`, `${label('Main PID:')}${exit.pid} ${code}`, `${label('CPU:')}${systemdTimespan(exit.cpuMs)}`);
  }
  if (running) {
    const comm = u.execStart.split(' ')[0].split('/').pop();
    lines.push(`${label('Main PID:')}${u.mainPid} (${comm})`, `${label('Tasks:')}${u.tasks} (limit: ${Math.floor(host.memoryKb.total / 1730)})`,
      `${label('Memory:')}${systemdBytes(u.memoryBytes)}`, `${label('CPU:')}${systemdTimespan(u.cpuMs)}`,
      `${label('CGroup:')}/system.slice/${u.name}`, `${' '.repeat(13)}└─${u.mainPid} ${u.execStart}`);
  }
  const journal = allEntries(host).filter((e) => e.unit === u.name && e.at <= now).slice(-10);
  return lines.join('\n') + '\n' + (journal.length ? '\n' + journal.map((e) => formatEntry(e, host.name) + '\n').join('') : '');
}

/**
 * `systemctl` as learners use it on a node: status, is-active, list-units, and start / stop /
 * restart of kubelet and containerd (sim/services.ts: kubelet's start-up checks decide whether it
 * stays up). daemon-reload, reset-failed and enable of an enabled unit say nothing, as systemd does.
 */
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
      case 'start':
      case 'stop':
      case 'restart': {
        if (names.length === 0) return fail('Too few arguments.\n');
        const missing = names.find((n) => !find(n));
        if (missing) return fail(`Failed to ${verb} ${unitName(missing)}: Unit ${unitName(missing)} not found.\n`, 5);
        for (const n of names) ctx.dispatch({ type: 'host/systemctl', host: ctx.host.name, verb, unit: unitName(n) });
        return ok('');
      }
      case 'daemon-reload':
      case 'reset-failed':
        return ok('');
      case 'enable': {
        if (names.length === 0) return fail('Too few arguments.\n');
        const missing = names.find((n) => !find(n));
        return missing ? fail(`Failed to enable unit: Unit file ${unitName(missing)} does not exist.\n`) : ok('');
      }
      case 'is-active': {
        if (names.length === 0) return fail('Too few arguments.\n');
        const states = names.map((n) => activeState(find(n))[0]);
        return { stdout: quiet ? '' : states.map((s) => s + '\n').join(''), stderr: '', exitCode: states.every((s) => s === 'active') ? 0 : 3 };
      }
      case 'list-units': {
        // Columns as wide as their longest cell, as systemctl sizes them.
        const states = Object.values(units).map((u) => [u, ...activeState(u)] as const);
        const wa = Math.max(6, ...states.map(([, a]) => a.length));
        const ws = Math.max(3, ...states.map(([, , b]) => b.length));
        const rows = states.map(([u, a, b]) => `  ${u.name.padEnd(24)} loaded ${a.padEnd(wa)} ${b.padEnd(ws)} ${u.description}`);
        return ok(`  ${'UNIT'.padEnd(24)} LOAD   ${'ACTIVE'.padEnd(wa)} ${'SUB'.padEnd(ws)} DESCRIPTION\n${rows.join('\n')}\n\nLOAD   = Reflects whether the unit definition was properly loaded.\nACTIVE = The high-level unit activation state, i.e. generalization of SUB.\nSUB    = The low-level unit activation state, values depend on unit type.\n${rows.length} loaded units listed.\n`);
      }
      default:
        return fail(`Unknown command verb ${verb}.\n`);
    }
  },
  complete(words, partial, ctx) {
    if (words.length <= 1) return matching(['status', 'is-active', 'list-units', 'start', 'stop', 'restart', 'daemon-reload', 'enable'], partial);
    return matching(Object.keys(ctx.host.units).flatMap((u) => [u, u.replace(/\.service$/, '')]), partial);
  },
};
