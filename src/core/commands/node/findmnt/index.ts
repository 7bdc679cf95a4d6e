import { resolvePath } from '../../../host/files.ts';
import { mountOf, mountOptions, mountTable, type Mount } from '../../../host/mounts.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';
import { fail, ok } from '../../types.ts';
import { matching, parseTool } from '../args.ts';
import { typeFilter } from '../mount/index.ts';

const USAGE = `
Usage:
 findmnt [options]
 findmnt [options] <device> | <mountpoint>
 findmnt [options] <device> <mountpoint>
 findmnt [options] [--source <device>] [--target <path> | --mountpoint <dir>]

Find a (mounted) filesystem.

Options:
 -A, --all              disable all built-in filters, print all filesystems
 -a, --ascii            use ASCII chars for tree formatting
 -f, --first-only       print the first found filesystem only
 -J, --json             use JSON output format
 -k, --kernel           search in kernel table of mounted
                          filesystems (default)
 -l, --list             use list format output
 -n, --noheadings       don't print column headings
 -o, --output <list>    the output columns to be shown
 -r, --raw              use raw output format
 -S, --source <string>  the device to mount (by name, maj:min, 
                          LABEL=, UUID=, PARTUUID=, PARTLABEL=)
 -T, --target <path>    the path to the filesystem to use
 -M, --mountpoint <dir> the mountpoint directory
 -t, --types <list>     limit the set of filesystems by FS types
 -u, --notruncate       don't truncate text in columns

 -h, --help             display this help
 -V, --version          display version

Available output columns:
      FSROOT  filesystem root
      FSTYPE  filesystem type
  FS-OPTIONS  FS specific mount options
          ID  mount ID
     MAJ:MIN  major:minor device number
     OPTIONS  all mount options
      PARENT  mount parent ID
 PROPAGATION  VFS propagation flags
      SOURCE  source device
      TARGET  mountpoint
 VFS-OPTIONS  VFS specific mount options

For more details see findmnt(8).
`;

const SPECS: FlagSpec[] = [
  { name: 'all', short: 'A', type: 'bool', help: '' },
  { name: 'ascii', short: 'a', type: 'bool', help: '' },
  { name: 'first-only', short: 'f', type: 'bool', help: '' },
  { name: 'json', short: 'J', type: 'bool', help: '' },
  { name: 'kernel', short: 'k', type: 'bool', help: '' },
  { name: 'list', short: 'l', type: 'bool', help: '' },
  { name: 'noheadings', short: 'n', type: 'bool', help: '' },
  { name: 'output', short: 'o', type: 'string', help: '' },
  { name: 'raw', short: 'r', type: 'bool', help: '' },
  { name: 'source', short: 'S', type: 'string', help: '' },
  { name: 'target', short: 'T', type: 'string', help: '' },
  { name: 'mountpoint', short: 'M', type: 'string', help: '' },
  { name: 'types', short: 't', type: 'string', help: '' },
  { name: 'notruncate', short: 'u', type: 'bool', help: '' },
  { name: 'version', short: 'V', type: 'bool', help: '' },
];

/** Each column: its cell, and whether libsmartcols right-aligns it (numbers). */
const COLUMNS: Record<string, { cell: (m: Mount) => string; right?: boolean; number?: boolean }> = {
  TARGET: { cell: (m) => m.target },
  SOURCE: { cell: (m) => (m.root && m.root !== '/' ? `${m.source}[${m.root}]` : m.source) },
  FSTYPE: { cell: (m) => m.fstype },
  OPTIONS: { cell: mountOptions },
  'VFS-OPTIONS': { cell: (m) => m.vfs },
  'FS-OPTIONS': { cell: (m) => m.fs },
  // findmnt pads the numbers (`%3u:%-3u`) except in raw and JSON output.
  'MAJ:MIN': { cell: (m) => m.dev },
  ID: { cell: (m) => String(m.id), right: true, number: true },
  PARENT: { cell: (m) => String(m.parent), right: true, number: true },
  FSROOT: { cell: (m) => m.root ?? '/' },
  PROPAGATION: { cell: (m) => (m.tag.startsWith('shared') ? 'shared' : 'private') },
};

interface Row { mount: Mount; children: Row[] }

/**
 * util-linux `findmnt` (2.37): the kernel's mount table as a tree (each mount under its parent,
 * `├─`/`└─`), or as a list when a source or target is searched for or `-l`/`-r` is given;
 * `-t`, `-S`, `-T` (the mount holding a path), `-M`, `-o` columns, `-n`, `-J`. Columns are as wide
 * as their widest cell, one space apart, the last unpadded (output is not a terminal); nothing
 * found prints nothing and exits 1.
 */
export const findmnt: Command = {
  name: 'findmnt',
  places: ['node'],
  summary: 'find a filesystem',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('findmnt', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    if (v.version === true) return ok('findmnt from util-linux 2.37.2\n');
    const columns = String(v.output || 'TARGET,SOURCE,FSTYPE,OPTIONS').split(',');
    const bad = columns.find((c) => !Object.hasOwn(COLUMNS, c.toUpperCase()));
    if (bad !== undefined) return fail(`findmnt: unknown column: ${bad}\n`);
    const cols = columns.map((c) => c.toUpperCase());
    const table = mountTable(ctx.state, ctx.host);
    const args = p.flags.positionals;
    let source = String(v.source);
    let target = String(v.mountpoint);
    if (args.length === 1) (args[0].startsWith('/') && !args[0].startsWith('/dev/') ? (target = args[0]) : (source = args[0]));
    if (args.length >= 2) [source, target] = args;
    const keepType = typeFilter(String(v.types));
    const cwd = ctx.frame.cwd;
    const within = v.target ? mountOf(table, resolvePath(String(v.target), cwd)) : undefined;
    const match = (m: Mount) => keepType(m.fstype) && (!source || m.source === source || (args.length === 1 && m.target === resolvePath(source, cwd))) &&
      (!target || m.target === resolvePath(target, cwd) || (args.length === 1 && m.source === target)) && (!v.target || m === within);
    const tree = !v.list && !v.raw && !source && !target && !v.target && v['first-only'] !== true;
    let rows: Row[];
    if (tree) rows = treeRows(table, match);
    else rows = table.filter(match).map((m) => ({ mount: m, children: [] }));
    if (v['first-only'] === true) rows = rows.slice(0, 1);
    if (rows.length === 0) return { stdout: '', stderr: '', exitCode: 1 };
    if (v.json === true) return ok(json(rows, cols));
    const flat: { m: Mount; prefix: string }[] = [];
    const ascii = v.ascii === true;
    const walk = (list: Row[], indent: string, top: boolean): void => list.forEach((r, i) => {
      const last = i === list.length - 1;
      flat.push({ m: r.mount, prefix: top ? '' : indent + (last ? (ascii ? '`-' : '└─') : ascii ? '|-' : '├─') });
      walk(r.children, top ? '' : indent + (last ? '  ' : ascii ? '| ' : '│ '), false);
    });
    walk(rows, '', true);
    const majMin = (d: string) => { const [a, b] = d.split(':'); return `${a.padStart(3)}:${b.padEnd(3)}`; };
    const cells = flat.map((f) => cols.map((c, i) => (i === 0 && c === 'TARGET' ? f.prefix : '') + (c === 'MAJ:MIN' && v.raw !== true ? majMin(f.m.dev) : COLUMNS[c].cell(f.m))));
    if (v.raw === true) return ok([...(v.noheadings ? [] : [cols]), ...cells].map((r) => r.join(' ') + '\n').join(''));
    const all = [...(v.noheadings ? [] : [cols]), ...cells];
    const width = cols.map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
    const pad = (s: string, i: number) => (COLUMNS[cols[i]].right ? s.padStart(width[i] - ([...s].length - s.length)) : s + ' '.repeat(width[i] - [...s].length));
    return ok(all.map((r) => r.map((c, i) => (i === r.length - 1 && !COLUMNS[cols[i]].right ? c : pad(c, i))).join(' ') + '\n').join(''));
  },
  complete: (_w, partial, ctx) => matching([...SPECS.map((s) => `--${s.name}`), ...mountTable(ctx.state, ctx.host).map((m) => m.target)], partial),
};

/** findmnt's tree: from the root file system down, a mount that does not match hands its children to the nearest matching ancestor (or the top). */
function treeRows(table: readonly Mount[], match: (m: Mount) => boolean): Row[] {
  const ids = new Set(table.map((m) => m.id));
  const kids = (id: number) => table.filter((m) => m.parent === id && m.id !== id).sort((a, b) => a.id - b.id);
  const build = (m: Mount): Row[] => {
    const below = kids(m.id).flatMap(build);
    return match(m) ? [{ mount: m, children: below }] : below;
  };
  return table.filter((m) => !ids.has(m.parent)).sort((a, b) => a.id - b.id).flatMap(build);
}

/** libsmartcols JSON: three-space indents, column names in lower case, children nested in tree mode. */
function json(rows: Row[], cols: string[]): string {
  const obj = (r: Row, depth: number): string => {
    const pad = ' '.repeat(3 * depth);
    const fields = cols.map((c) => {
      const val = COLUMNS[c].cell(r.mount);
      return `${pad}   ${JSON.stringify(c.toLowerCase())}: ${COLUMNS[c].number ? val : JSON.stringify(val)}`;
    });
    if (r.children.length) fields.push(`${pad}   "children": [\n${r.children.map((k, i) => (i ? obj(k, depth + 2).trimStart() : obj(k, depth + 2))).join(',')}\n${pad}   ]`);
    return `${pad}{\n${fields.join(',\n')}\n${pad}}`;
  };
  return `{\n   "filesystems": [\n${rows.map((r, i) => (i ? obj(r, 2).trimStart() : obj(r, 2))).join(',')}\n   ]\n}\n`;
}
