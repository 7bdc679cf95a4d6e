import type { Host, KernelMessage } from '../../../model/host.ts';
import type { ClusterState } from '../../../model/state.ts';
import { ctime } from '../../../time.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command, CommandResult, Follow } from '../../types.ts';
import { fail, ok } from '../../types.ts';
import { matching, parseTool } from '../args.ts';

const USAGE = `
Usage:
 dmesg [options]

Display or control the kernel ring buffer.

Options:
 -H, --human                 human readable output
 -k, --kernel                display kernel messages
 -l, --level <list>          restrict output to defined levels
 -T, --ctime                 show human-readable timestamp (may be inaccurate!)
 -w, --follow                wait for new messages
 -x, --decode                decode facility and level to readable string
 -h, --help                  display this help

Supported log levels (priorities):
   emerg - system is unusable
   alert - action must be taken immediately
    crit - critical conditions
     err - error conditions
    warn - warning conditions
  notice - normal but significant condition
    info - informational
   debug - debug-level messages

For more details see dmesg(1).
`;

const SPECS: FlagSpec[] = [
  { name: 'ctime', short: 'T', type: 'bool', help: '' },
  { name: 'human', short: 'H', type: 'bool', help: '' },
  { name: 'level', short: 'l', type: 'string', help: '' },
  { name: 'follow', short: 'w', type: 'bool', help: '' },
  { name: 'kernel', short: 'k', type: 'bool', help: '' },
  { name: 'decode', short: 'x', type: 'bool', help: '' },
];

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];

/**
 * One ring-buffer line as util-linux dmesg prints it: `[ 7063.247407] text` (seconds since boot,
 * `%5lu.%06lu`), or with `-T` `[Wed Jun 12 10:27:21 2024] text`; `-x` prefixes `kern  :info  : `.
 */
export function formatKmsg(k: KernelMessage, bootAt: number, human: boolean, decode = false): string {
  let stamp: string;
  if (human) stamp = `[${ctime(k.at)}]`;
  else {
    const us = Math.max(0, Math.round((k.at - bootAt) * 1000));
    stamp = `[${String(Math.floor(us / 1e6)).padStart(5)}.${String(us % 1e6).padStart(6, '0')}]`;
  }
  const dec = decode ? `kern  :${(LEVELS[k.level] ?? 'info').padEnd(6)}: ` : '';
  return `${dec}${stamp} ${k.text}`;
}

/** `dmesg` (util-linux 2.37+), reading host.kmsg; root needs no privilege check. */
export const dmesg: Command = {
  name: 'dmesg',
  places: ['node', 'debug'],
  summary: 'print the kernel ring buffer',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('dmesg', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    if (p.flags.positionals.length > 0) return fail(`dmesg: bad usage\nTry 'dmesg --help' for more information.\n`);
    let levels: Set<number> | undefined;
    if (p.flags.given.has('level')) {
      levels = new Set();
      for (const name of String(v.level).split(',')) {
        const i = LEVELS.indexOf(name);
        if (i < 0) return fail(`dmesg: unknown level '${name}'\n`);
        levels.add(i);
      }
    }
    const keep = (k: KernelMessage) => !levels || levels.has(k.level);
    const human = v.ctime === true;
    const decode = v.decode === true;
    const bootAt = ctx.host.bootAt;
    const now = ctx.state.now;
    const lines = ctx.host.kmsg.filter((k) => k.at <= now && keep(k)).sort((a, b) => a.at - b.at);
    const result: CommandResult = ok(lines.map((k) => formatKmsg(k, bootAt, human, decode) + '\n').join(''));
    if (v.follow === true) result.follow = followKmsg(ctx.host.name, keep, human, decode);
    return result;
  },
  complete(words, partial) {
    const prev = words[words.length - 1];
    if (prev === '-l' || prev === '--level') return matching(LEVELS, partial);
    return matching(['-T', '-w', '-l', '--ctime', '--follow', '--level', '--human'], partial);
  },
};

function followKmsg(hostName: string, keep: (k: KernelMessage) => boolean, human: boolean, decode: boolean): Follow {
  return {
    poll(state: ClusterState, fromMs, toMs) {
      const h: Host | undefined = Object.hasOwn(state.hosts, hostName) ? state.hosts[hostName] : undefined;
      if (!h) return { stdout: '', stderr: '' };
      const fresh = h.kmsg.filter((k) => k.at > fromMs && k.at <= toMs && keep(k)).sort((a, b) => a.at - b.at);
      return { stdout: fresh.map((k) => formatKmsg(k, h.bootAt, human, decode) + '\n').join(''), stderr: '' };
    },
    onInterrupt: () => ({ stdout: '', stderr: '' }),
  };
}
