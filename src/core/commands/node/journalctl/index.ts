import { paged } from '../../pager.ts';
import type { Host, JournalEntry, JournalLine, KernelMessage } from '../../../model/host.ts';
import { journalDiskUsage, journalLines } from '../../../host/journal.ts';
import { systemdBytes } from '../format.ts';
import type { ClusterState } from '../../../model/state.ts';
import { journalStamp, rfc3339 } from '../../../time.ts';
import type { Command, CommandResult, Follow } from '../../types.ts';
import { fail, ok } from '../../types.ts';
import type { FlagSpec } from '../../flags.ts';
import { matching, parseTool } from '../args.ts';
import { parseSystemdTime } from './time.ts';

const USAGE = `journalctl [OPTIONS...] [MATCHES...]

Query the journal.

Options:
  -S --since=DATE            Show entries not older than the specified date
  -U --until=DATE            Show entries not newer than the specified date
  -b --boot[=ID]             Show current boot or the specified boot
  -u --unit=UNIT             Show logs from the specified unit
  -p --priority=RANGE        Show entries with the specified priority
  -e --pager-end             Immediately jump to the end in the pager
  -f --follow                Follow the journal
  -n --lines[=INTEGER]       Number of journal entries to show
  -r --reverse               Show the newest entries first
  -o --output=STRING         Change journal output mode (short, short-iso, cat, ...)
  -x --catalog               Add message explanations where available
     --no-pager              Do not pipe output into a pager
  -k --dmesg                 Show kernel message log from the current boot
     --disk-usage            Show total disk usage of all journal files
  -h --help                  Show this help text
`;

const SPECS: FlagSpec[] = [
  { name: 'unit', short: 'u', type: 'stringArray', help: 'unit' },
  { name: 'lines', short: 'n', type: 'string', help: 'lines' },
  { name: 'no-pager', type: 'bool', help: '' },
  { name: 'since', short: 'S', type: 'string', help: '' },
  { name: 'until', short: 'U', type: 'string', help: '' },
  { name: 'dmesg', short: 'k', type: 'bool', help: '' },
  { name: 'follow', short: 'f', type: 'bool', help: '' },
  { name: 'priority', short: 'p', type: 'string', help: '' },
  { name: 'output', short: 'o', type: 'string', help: '' },
  { name: 'reverse', short: 'r', type: 'bool', help: '' },
  { name: 'catalog', short: 'x', type: 'bool', help: '' },
  { name: 'pager-end', short: 'e', type: 'bool', help: '' },
  { name: 'boot', short: 'b', type: 'bool', help: '' },
  { name: 'utc', type: 'bool', help: '' },
  { name: 'all', short: 'a', type: 'bool', help: '' },
  { name: 'quiet', short: 'q', type: 'bool', help: '' },
  { name: 'disk-usage', type: 'bool', help: '' },
];

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

/** `-p err`, `-p 3`, `-p warning..err`: the allowed priority range [min, max], or undefined. */
function parsePriority(text: string): [number, number] | undefined {
  const one = (t: string) => (/^[0-7]$/.test(t) ? Number(t) : LEVELS.indexOf(t) >= 0 ? LEVELS.indexOf(t) : t === 'warn' ? 4 : undefined);
  const [a, b] = text.split('..');
  const x = one(a);
  if (x === undefined) return undefined;
  if (b === undefined) return [0, x];
  const y = one(b);
  return y === undefined ? undefined : [Math.min(x, y), Math.max(x, y)];
}

/**
 * The journal entry journald imports for each kernel message, one object per message for as long
 * as the message lives, so the formatted lines below stay cached across commands and states.
 */
const imported = new WeakMap<KernelMessage, JournalLine>();

/** Kernel ring-buffer lines as journald imports them (identifier `kernel`). */
function kernelEntries(host: Host): JournalLine[] {
  return host.kmsg.map((k) => {
    let e = imported.get(k);
    if (!e) imported.set(k, (e = { at: k.at, ident: 'kernel', priority: k.level, message: k.text }));
    return e;
  });
}

/**
 * Merged journals by the host's journal array, for frozen hosts only (a state built in place may
 * still grow its arrays): the same journal and ring buffer give the same merge.
 */
const merges = new WeakMap<readonly JournalEntry[], { kmsg: readonly KernelMessage[]; merged: readonly JournalLine[] }>();

/**
 * The host's journal line by line (host/journal.ts journalLines) merged with imported kernel lines
 * (a kernel line present in both counts once), oldest first. Callers must not modify the array:
 * it is shared while the host's journal is unchanged.
 */
export function allEntries(host: Host): readonly JournalLine[] {
  const hit = merges.get(host.journal);
  if (hit && hit.kmsg === host.kmsg) return hit.merged;
  const lines = journalLines(host);
  const seen = new Set<string>();
  for (const j of lines) if (j.ident === 'kernel') seen.add(`${j.at}|${j.message}`);
  // Kernel lines are imported into the journal's files: a vacuum took the older ones too.
  const since = host.journald?.since ?? -Infinity;
  const merged = [...lines, ...kernelEntries(host).filter((k) => k.at >= since && !seen.has(`${k.at}|${k.message}`))];
  merged.sort((a, b) => a.at - b.at);
  if (Object.isFrozen(host.journal) && Object.isFrozen(host.kmsg)) merges.set(host.journal, { kmsg: host.kmsg, merged });
  return merged;
}

/**
 * `short` lines already formatted, by host name then entry: entries never change once logged, and
 * `journalctl -u kubelet` reformatted hundreds of them (a date each) at every call.
 */
const shortLines = new Map<string, WeakMap<JournalLine, string>>();

/**
 * One entry in journalctl's `short` format: `Jun 12 10:27:21 worker-7 kubelet[1234]: msg`;
 * `short-iso` uses `2024-06-12T10:27:21+0000`; `cat` prints the message only.
 */
export function formatEntry(e: JournalLine, host: string, mode = 'short'): string {
  if (mode === 'cat') return e.message;
  if (mode !== 'short-iso') {
    let cache = shortLines.get(host);
    if (!cache) shortLines.set(host, (cache = new WeakMap()));
    let line = cache.get(e);
    if (line === undefined) cache.set(e, (line = entryLine(e, host, journalStamp(e.at))));
    return line;
  }
  return entryLine(e, host, rfc3339(e.at).replace('Z', '+0000'));
}

/**
 * Joined rather than concatenated: `join` returns one flat string, where `+` would keep a tree of
 * the line's pieces (the message itself is one) for every later `join` of the output to walk again.
 */
const entryLine = (e: JournalLine, host: string, stamp: string) => [stamp, ' ', host, ' ', e.ident, e.pid !== undefined ? `[${e.pid}]` : '', ': ', e.message].join('');

const unitName = (u: string) => (u.includes('.') ? u : `${u}.service`);

/** `journalctl` as systemd ≥ 250 prints it (no `-- Logs begin at` header), reading the host journal. */
export const journalctl: Command = {
  name: 'journalctl',
  places: ['node'], // not in a busybox pod shell
  summary: 'Query the systemd journal',
  flags: SPECS,
  run(ctx) {
    // `-n` without a number means 10, as the optional argument does in journalctl.
    const args = ctx.argv.slice(1).flatMap((a, i, all) => (a === '-n' && !/^\d+$/.test(all[i + 1] ?? '') ? ['-n', '10'] : [a]));
    const p = parseTool('journalctl', args, SPECS, USAGE, { systemd: true });
    if (!p.ok) return p.result;
    const v = p.flags.values;
    // journalctl's one-shot actions ignore the filters: journald's files added up (host/journal.ts).
    if (v['disk-usage'] === true) return ok(`Archived and active journals take up ${systemdBytes(journalDiskUsage(ctx.host))} in the file system.\n`);
    const now = ctx.state.now;
    const time = (flag: string): number | undefined | null => {
      if (!p.flags.given.has(flag)) return undefined;
      return parseSystemdTime(String(v[flag]), now) ?? null;
    };
    const since = time('since');
    if (since === null) return fail(`Failed to parse timestamp: ${v.since}\n`);
    const until = time('until');
    if (until === null) return fail(`Failed to parse timestamp: ${v.until}\n`);
    let prio: [number, number] = [0, 7];
    if (p.flags.given.has('priority')) {
      const r = parsePriority(String(v.priority));
      if (!r) return fail(`Unknown log level ${v.priority}\n`);
      prio = r;
    }
    const mode = p.flags.given.has('output') ? String(v.output) : 'short';
    if (!['short', 'short-iso', 'short-precise', 'cat', 'with-unit', 'short-full'].includes(mode)) return fail(`Unknown output format '${mode}'.\n`);
    let lines: number | undefined;
    if (p.flags.given.has('lines')) {
      const raw = String(v.lines).replace(/^\+/, '');
      if (!/^\d+$/.test(raw) && raw !== 'all') return fail(`Failed to parse lines '${v.lines}'\n`);
      lines = raw === 'all' ? undefined : Number(raw);
    }
    const units = (v.unit as string[]).map(unitName);
    const kernelOnly = v.dmesg === true;
    const matches = p.flags.positionals;
    for (const m of matches) if (!/^[A-Z_]+=/.test(m) && !m.startsWith('/')) return fail(`Failed to add match '${m}': Invalid argument\n`);
    const bootAt = ctx.host.bootAt;
    const wanted = (e: JournalEntry) =>
      (units.length === 0 || (e.unit !== undefined && units.includes(e.unit))) &&
      (!kernelOnly || e.ident === 'kernel') &&
      ((!kernelOnly && v.boot !== true) || e.at >= bootAt) &&
      e.priority >= prio[0] && e.priority <= prio[1] &&
      matches.every((m) => {
        const [k, val] = m.split('=');
        if (k === '_SYSTEMD_UNIT') return e.unit === val;
        if (k === 'SYSLOG_IDENTIFIER') return e.ident === val;
        if (k === '_PID') return String(e.pid) === val;
        return false;
      });
    const host = ctx.host.name;
    let list = allEntries(ctx.host).filter((e) => e.at <= now && wanted(e) && (since === undefined || e.at >= since) && (until === undefined || e.at <= until));
    const follow = v.follow === true;
    if (lines !== undefined || follow) list = list.slice(Math.max(0, list.length - (lines ?? 10)));
    if (v.reverse === true && !follow) list = [...list].reverse();
    const out = list.length === 0 ? (follow ? '' : '-- No entries --\n') : list.map((e) => formatEntry(e, host, mode) + '\n').join('');
    const result: CommandResult = ok(out);
    if (follow) result.follow = followJournal(host, wanted, mode);
    // On a terminal journalctl pipes into less unless told not to (or following).
    return v['no-pager'] === true ? result : paged(ctx, result, 'less', '');
  },
  complete(words, partial, ctx) {
    const prev = words[words.length - 1];
    if (prev === '-u' || prev === '--unit') return matching(Object.keys(ctx.host.units).flatMap((u) => [u, u.replace(/\.service$/, '')]), partial);
    if (prev === '-p' || prev === '--priority') return matching(LEVELS, partial);
    return matching(['--unit', '--since', '--until', '--follow', '--lines', '--no-pager', '--dmesg', '--priority', '--reverse', '--boot', '--output', '--disk-usage'], partial);
  },
};

/** `journalctl -f`: prints entries that arrive in (from, to]; Ctrl-C ends it with nothing printed. */
function followJournal(hostName: string, wanted: (e: JournalEntry) => boolean, mode: string): Follow {
  return {
    poll(state: ClusterState, fromMs, toMs) {
      const h = Object.hasOwn(state.hosts, hostName) ? state.hosts[hostName] : undefined;
      if (!h) return { stdout: '', stderr: '' };
      const fresh = allEntries(h).filter((e) => e.at > fromMs && e.at <= toMs && wanted(e));
      return { stdout: fresh.map((e) => formatEntry(e, hostName, mode) + '\n').join(''), stderr: '' };
    },
    onInterrupt: () => ({ stdout: '', stderr: '' }),
  };
}
