import { listDirectory, resolvePath, filePaths } from '../../../host/files.ts';
import { fileMeta } from '../../../host/meta.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command, CommandContext } from '../../types.ts';
import { matching, parseTool } from '../args.ts';
import { strftime } from '../../../time.ts';

const USAGE = `Usage: ls [OPTION]... [FILE]...
List information about the FILEs (the current directory by default).
Sort entries alphabetically if none of -cftuvSUX nor --sort is specified.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all                  do not ignore entries starting with .
  -A, --almost-all           do not list implied . and ..
  -d, --directory            list directories themselves, not their contents
  -F, --classify             append indicator (one of */=>@|) to entries
  -h, --human-readable       with -l and -s, print sizes like 1K 234M 2G etc.
  -i, --inode                print the index number of each file
  -l                         use a long listing format
  -n, --numeric-uid-gid      like -l, but list numeric user and group IDs
  -r, --reverse              reverse order while sorting
  -R, --recursive            list subdirectories recursively
  -S                         sort by file size, largest first
  -t                         sort by time, newest first
  -1                         list one file per line
      --help        display this help and exit
      --version     output version information and exit
`;

const SPECS: FlagSpec[] = [
  { name: 'all', short: 'a', type: 'bool', help: '' },
  { name: 'almost-all', short: 'A', type: 'bool', help: '' },
  { name: 'directory', short: 'd', type: 'bool', help: '' },
  { name: 'classify', short: 'F', type: 'bool', help: '' },
  { name: 'human-readable', short: 'h', type: 'bool', help: '' },
  { name: 'inode', short: 'i', type: 'bool', help: '' },
  { name: 'long', short: 'l', type: 'bool', help: '' },
  { name: 'numeric-uid-gid', short: 'n', type: 'bool', help: '' },
  { name: 'reverse', short: 'r', type: 'bool', help: '' },
  { name: 'recursive', short: 'R', type: 'bool', help: '' },
  { name: 'size-sort', short: 'S', type: 'bool', help: '' },
  { name: 'time-sort', short: 't', type: 'bool', help: '' },
  { name: 'one', short: '1', type: 'bool', help: '' },
  { name: 'color', type: 'string', help: '' },
  { name: 'version', type: 'bool', help: '' },
];

const SIX_MONTHS = 182.5 * 86_400_000;

/** One entry as `ls -l` describes it. Owner and times are the machine's conventions: files we model carry no metadata of their own. */
interface Entry { name: string; dir: boolean; size: number; mtime: number; owner: string; mode: string; links: number }

/**
 * GNU `ls` (coreutils 9.4) of the host's files: names one per line (stdout is not a terminal
 * here), `-a`/`-A`, `-d`, `-l` with mode, links, owner, group, size, date and name and a `total`
 * line in 1K blocks, `-h` sizes, sorting by name (C locale), `-t`, `-S`, `-r`, `-R`.
 * Missing paths: `ls: cannot access 'x': No such file or directory`, exit 2.
 */
export const ls: Command = {
  name: 'ls',
  places: ['laptop', 'node', 'debug'],
  summary: 'list directory contents',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('ls', ctx.argv.slice(1), SPECS, USAGE, { badExit: 2 });
    if (!p.ok) return p.result;
    const v = p.flags.values;
    if (v.version === true) return { stdout: 'ls (GNU coreutils) 9.4\n', stderr: '', exitCode: 0 };
    const long = v.long === true || v['numeric-uid-gid'] === true;
    const targets = [...p.flags.positionals, ...(p.flags.afterDashDash ?? [])];
    const operands = targets.length ? targets : ['.'];
    let stderr = '';
    const files: Entry[] = [];
    const dirs: { label: string; abs: string }[] = [];
    for (const t of operands) {
      const abs = resolvePath(t, ctx.frame.cwd);
      const e = entryOf(ctx, abs, t);
      if (!e) { stderr += `ls: cannot access '${t}': No such file or directory\n`; continue; }
      if (e.dir && v.directory !== true) dirs.push({ label: t, abs });
      else files.push(e);
    }
    const fmt = (list: Entry[]) => format(ctx, sortEntries(list, v), long, v);
    let stdout = files.length ? fmt(files) : '';
    const showLabel = operands.length > 1 || v.recursive === true;
    const queue = [...dirs];
    let first = files.length === 0;
    while (queue.length) {
      const { label, abs } = queue.shift()!;
      const names = listDirectory(ctx.state, ctx.host, abs) ?? [];
      const shown = names.filter((n) => v.all === true || v['almost-all'] === true || !n.startsWith('.'));
      const entries = shown.map((n) => entryOf(ctx, abs === '/' ? `/${n}` : `${abs}/${n}`, n)!).filter(Boolean);
      if (v.all === true) entries.unshift({ ...entryOf(ctx, abs, '.')!, name: '.' }, { ...entryOf(ctx, resolvePath('..', abs), '..')!, name: '..' });
      if (showLabel) stdout += `${first ? '' : '\n'}${label}:\n`;
      first = false;
      if (long) stdout += `total ${total(entries, v['human-readable'] === true)}\n`;
      const sorted = sortEntries(entries, v);
      stdout += format(ctx, sorted, long, v);
      if (v.recursive === true) {
        const subs = sorted.filter((e) => e.dir && e.name !== '.' && e.name !== '..').map((e) => ({ label: `${label === '/' ? '' : label}/${e.name}`, abs: abs === '/' ? `/${e.name}` : `${abs}/${e.name}` }));
        queue.unshift(...subs);
      }
    }
    return { stdout, stderr, exitCode: stderr ? 2 : 0 };
  },
  complete: (_w, partial, ctx) => matching(filePaths(ctx.state, ctx.host), partial),
};

function entryOf(ctx: CommandContext, abs: string, name: string): Entry | undefined {
  const meta = fileMeta(ctx.state, ctx.host, abs, { user: ctx.frame.user, place: ctx.frame.place, cwd: ctx.frame.cwd });
  return meta && { name, ...meta };
}

function sortEntries(list: Entry[], v: Record<string, unknown>): Entry[] {
  const byName = (a: Entry, b: Entry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const sorted = [...list].sort((a, b) => {
    if (v['size-sort'] === true && a.size !== b.size) return b.size - a.size;
    if (v['time-sort'] === true && a.mtime !== b.mtime) return b.mtime - a.mtime;
    return byName(a, b);
  });
  return v.reverse === true ? sorted.reverse() : sorted;
}

function total(entries: Entry[], human: boolean): string {
  const kb = entries.reduce((n, e) => n + Math.ceil(e.size / 4096) * 4, 0);
  return human ? humanSize(kb * 1024) : String(kb);
}

/** GNU's `-h`: 1024-based, one decimal below 10 (rounded up), unit letter without B. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  const units = ['K', 'M', 'G', 'T', 'P'];
  let v = bytes;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return v < 10 ? `${(Math.ceil(v * 10) / 10).toFixed(1)}${units[u]}` : `${Math.ceil(v)}${units[u]}`;
}

function stamp(ms: number, now: number): string {
  // ls -l: `Jun 12 10:30` within six months, `Jun 12  2023` otherwise.
  const recent = now - ms < SIX_MONTHS && ms <= now + 3_600_000;
  return strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', ms);
}

function format(ctx: CommandContext, list: Entry[], long: boolean, v: Record<string, unknown>): string {
  const classify = (e: Entry) => (v.classify === true ? (e.dir ? '/' : e.mode.includes('x') ? '*' : '') : '');
  if (!long) return list.map((e) => `${e.name}${classify(e)}\n`).join('');
  const numeric = v['numeric-uid-gid'] === true;
  const rows = list.map((e) => {
    const owner = numeric ? (e.owner === 'root' ? '0' : '1000') : e.owner;
    const size = v['human-readable'] === true ? humanSize(e.size) : String(e.size);
    return [e.mode, String(e.links), owner, owner, size, stamp(e.mtime, ctx.state.now), e.name + classify(e)];
  });
  const w = (i: number) => Math.max(0, ...rows.map((r) => r[i].length));
  return rows.map((r) => `${r[0]} ${r[1].padStart(w(1))} ${r[2].padEnd(w(2))} ${r[3].padEnd(w(3))} ${r[4].padStart(w(4))} ${r[5]} ${r[6]}\n`).join('');
}
