import type { Filesystem } from '../../../model/host.ts';
import { isDirectory, readHostFile, resolvePath } from '../../../host/files.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';

import { gnuHuman } from '../format.ts';
import { matching, parseTool } from '../args.ts';

const USAGE = `Usage: df [OPTION]... [FILE]...
Show information about the file system on which each FILE resides,
or all file systems by default.

  -a, --all             include pseudo, duplicate, inaccessible file systems
  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)
  -H, --si              print sizes in powers of 1000 (e.g., 1.1G)
  -i, --inodes          list inode information instead of block usage
  -k                    like --block-size=1K
  -T, --print-type      print file system type
      --help        display this help and exit
`;

const SPECS: FlagSpec[] = [
  { name: 'human-readable', short: 'h', type: 'bool', help: '' },
  { name: 'si', short: 'H', type: 'bool', help: '' },
  { name: 'inodes', short: 'i', type: 'bool', help: '' },
  { name: 'print-type', short: 'T', type: 'bool', help: '' },
  { name: 'all', short: 'a', type: 'bool', help: '' },
  { name: 'k', short: 'k', type: 'bool', help: '' },
  { name: 'local', short: 'l', type: 'bool', help: '' },
];

/** Blocks reserved for root: ext4 keeps 5% back, which is why Size ≠ Used + Avail. */
function availBytes(f: Filesystem): number {
  const reserved = f.fstype === 'ext4' ? Math.floor(f.sizeBytes * 0.05) : 0;
  return Math.max(0, f.sizeBytes - f.usedBytes - reserved);
}

/** coreutils' percentage: used / (used + avail), rounded up; `-` when both are zero. */
function pct(used: number, avail: number): string {
  const total = used + avail;
  return total === 0 ? '-' : `${Math.ceil((used * 100) / total - 1e-9)}%`;
}

/**
 * `df` as GNU coreutils 9.x prints it: Filesystem and Mounted on left-aligned, numbers
 * right-aligned, one space apart, with coreutils' minimum widths (Filesystem 14, Type 4,
 * numbers 5, Use% 4, IUse% 5).
 */
export const df: Command = {
  name: 'df',
  places: ['node', 'debug'],
  summary: 'report file system space usage',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('df', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    const human = v.si === true ? 1000 : v['human-readable'] === true ? 1024 : undefined;
    const inodes = v.inodes === true;
    const withType = v['print-type'] === true;
    const fss = ctx.host.filesystems;
    let errors = '';
    let chosen: Filesystem[] = fss.filter((f) => v.all === true || f.sizeBytes > 0);
    if (p.flags.positionals.length > 0) {
      chosen = [];
      for (const arg of p.flags.positionals) {
        const abs = resolvePath(arg, ctx.frame.cwd);
        const exists = readHostFile(ctx.state, ctx.host, abs).ok || isDirectory(ctx.state, ctx.host, abs);
        const fs = fss.filter((f) => abs === f.mount || abs.startsWith(f.mount === '/' ? '/' : f.mount + '/')).sort((a, b) => b.mount.length - a.mount.length)[0];
        if (!exists || !fs) { errors += `df: ${arg}: No such file or directory\n`; continue; }
        chosen.push(fs);
      }
    }
    const size = (b: number) => (human ? gnuHuman(b, human as 1024 | 1000) : String(Math.ceil(b / 1024)));
    const num = (n: number) => (human ? gnuHuman(n, human as 1024 | 1000) : String(n));
    const header = ['Filesystem', ...(withType ? ['Type'] : []),
      ...(inodes ? ['Inodes', 'IUsed', 'IFree', 'IUse%'] : [human ? 'Size' : '1K-blocks', 'Used', human ? 'Avail' : 'Available', 'Use%']), 'Mounted on'];
    const rows = [header];
    for (const f of chosen) {
      const cells = inodes
        ? [num(f.inodes), num(f.inodesUsed), num(f.inodes - f.inodesUsed), pct(f.inodesUsed, f.inodes - f.inodesUsed)]
        : [size(f.sizeBytes), size(f.usedBytes), size(availBytes(f)), pct(f.usedBytes, availBytes(f))];
      rows.push([f.source, ...(withType ? [f.fstype] : []), ...cells, f.mount]);
    }
    const mins = [14, ...(withType ? [4] : []), 5, 5, 5, inodes ? 5 : 4, 0];
    const right = rows[0].map((_, i) => i > (withType ? 1 : 0) && i < rows[0].length - 1);
    const widths = rows[0].map((_, i) => Math.max(mins[i], ...rows.map((r) => r[i].length)));
    const out = rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' ') + '\n').join('');
    if (errors) return { stdout: chosen.length ? out : '', stderr: errors, exitCode: 1 };
    return { stdout: out, stderr: '', exitCode: 0 };
  },
  complete(_words, partial, ctx) {
    return matching([...ctx.host.filesystems.map((f) => f.mount), '-h', '-i', '-T', '-hT'], partial);
  },
};

