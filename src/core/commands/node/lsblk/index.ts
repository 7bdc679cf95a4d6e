import type { Host } from '../../../model/host.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';
import { fail, ok } from '../../types.ts';
import { matching, parseTool } from '../args.ts';

const USAGE = `
Usage:
 lsblk [options] [<device> ...]

List information about block devices.

Options:
 -J, --json           use JSON output format
 -O, --output-all     output all columns
 -a, --all            print all devices
 -b, --bytes          print SIZE in bytes rather than in human readable format
 -d, --nodeps         don't print slaves or holders
 -f, --fs             output info about filesystems
 -l, --list           use list format output
 -n, --noheadings     don't print headings
 -o, --output <list>  output columns
 -p, --paths          print complete device path
 -r, --raw            use raw output format

 -h, --help           display this help
 -V, --version        display version

For more details see lsblk(8).
`;

const SPECS: FlagSpec[] = [
  { name: 'json', short: 'J', type: 'bool', help: '' },
  { name: 'all', short: 'a', type: 'bool', help: '' },
  { name: 'bytes', short: 'b', type: 'bool', help: '' },
  { name: 'nodeps', short: 'd', type: 'bool', help: '' },
  { name: 'fs', short: 'f', type: 'bool', help: '' },
  { name: 'list', short: 'l', type: 'bool', help: '' },
  { name: 'noheadings', short: 'n', type: 'bool', help: '' },
  { name: 'paths', short: 'p', type: 'bool', help: '' },
  { name: 'raw', short: 'r', type: 'bool', help: '' },
  { name: 'output', short: 'o', type: 'string', help: '' },
  { name: 'version', short: 'V', type: 'bool', help: '' },
];

/** One block device as lsblk lists it. */
export interface BlockNode { name: string; major: number; minor: number; size: number; type: 'disk' | 'part'; mount: string; fstype: string; avail?: number; usePct?: number; children: BlockNode[] }

/** util-linux size_to_human_string: 1024-based, one decimal digit when the rounded fraction is not zero (`49.9G`, `4M`, `99.8M`). */
export function lsblkSize(bytes: number): string {
  const units = ['B', 'K', 'M', 'G', 'T', 'P'];
  let exp = 0;
  while (exp < 5 && bytes >= 2 ** (10 * (exp + 1))) exp++;
  if (exp === 0) return `${bytes}B`;
  let dec = Math.floor(bytes / 2 ** (10 * exp));
  let frac = bytes - dec * 2 ** (10 * exp);
  frac = Math.floor(frac / 2 ** (10 * exp - 10));
  frac = Math.floor((frac + 50) / 100);
  if (frac === 10) { dec++; frac = 0; }
  return frac ? `${dec}.${frac}${units[exp]}` : `${dec}${units[exp]}`;
}

/**
 * The host's block devices: the root NVMe disk with its partitions (root, BIOS boot, EFI) sized
 * from the mounted file systems, then every other disk a file system is mounted from (etcd's data
 * disk on control-plane nodes) or that the I/O statistics know.
 */
export function blockDevices(host: Host): BlockNode[] {
  const root = host.filesystems.find((f) => f.mount === '/');
  const efi = host.filesystems.find((f) => f.mount === '/boot/efi');
  const MiB = 1024 * 1024;
  const fsInfo = (f: { sizeBytes: number; usedBytes: number } | undefined) => (f ? { avail: f.sizeBytes - f.usedBytes, usePct: Math.round((f.usedBytes / f.sizeBytes) * 100) } : {});
  const p1 = { name: 'nvme0n1p1', major: 259, minor: 1, size: root?.sizeBytes ?? 50 * 1024 * MiB, type: 'part' as const, mount: '/', fstype: 'ext4', ...fsInfo(root), children: [] };
  const p14 = { name: 'nvme0n1p14', major: 259, minor: 2, size: 4 * MiB, type: 'part' as const, mount: '', fstype: '', children: [] };
  const p15 = { name: 'nvme0n1p15', major: 259, minor: 3, size: efi?.sizeBytes ?? 106 * MiB, type: 'part' as const, mount: efi ? '/boot/efi' : '', fstype: 'vfat', ...fsInfo(efi), children: [] };
  const disks: BlockNode[] = [{ name: 'nvme0n1', major: 259, minor: 0, size: p1.size + p14.size + p15.size + MiB, type: 'disk', mount: '', fstype: '', children: [p1, p14, p15] }];
  let minor = 4;
  const extra = new Set<string>();
  for (const f of host.filesystems) {
    const m = /^\/dev\/((?:nvme[1-9]\d*n\d+|xvd[b-z]|sd[b-z]))$/.exec(f.source);
    if (!m || extra.has(m[1])) continue;
    extra.add(m[1]);
    disks.push({ name: m[1], major: 259, minor: minor++, size: f.sizeBytes, type: 'disk', mount: f.mount, fstype: f.fstype, ...fsInfo(f), children: [] });
  }
  for (const d of host.blockDevices ?? []) {
    if (d.name === 'nvme0n1' || extra.has(d.name)) continue;
    extra.add(d.name);
    disks.push({ name: d.name, major: 259, minor: minor++, size: 20 * 1024 * MiB, type: 'disk', mount: '', fstype: '', children: [] });
  }
  return disks;
}

/**
 * util-linux `lsblk` (2.37): NAME (as a tree, `├─`/`└─`), MAJ:MIN, RM, SIZE, RO, TYPE,
 * MOUNTPOINTS; `-f` for file systems, `-d` disks only, `-l`/`-r`, `-n`, `-b`, `-p`, `-J`.
 * Columns as wide as their widest cell, one space apart, the last one unpadded.
 */
export const lsblk: Command = {
  name: 'lsblk',
  places: ['node'],
  summary: 'list block devices',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('lsblk', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    if (v.version === true) return ok('lsblk from util-linux 2.37.2\n');
    let disks = blockDevices(ctx.host);
    const flat = (list: BlockNode[]): BlockNode[] => list.flatMap((d) => [d, ...flat(d.children)]);
    for (const arg of p.flags.positionals) {
      const name = arg.replace(/^\/dev\//, '');
      if (!flat(disks).some((d) => d.name === name)) return fail(`lsblk: ${arg}: not a block device\n`, 32);
    }
    if (p.flags.positionals.length) disks = flat(disks).filter((d) => p.flags.positionals.some((a) => a.replace(/^\/dev\//, '') === d.name)).map((d) => (d.type === 'part' ? { ...d, children: [] } : d));
    if (v.nodeps === true) disks = disks.map((d) => ({ ...d, children: [] }));
    const name = (d: BlockNode) => (v.paths === true ? `/dev/${d.name}` : d.name);
    const size = (d: BlockNode) => (v.bytes === true ? String(d.size) : lsblkSize(d.size));
    const raw = v.raw === true;
    const COLS: Record<string, { cell: (d: BlockNode) => string; right?: boolean }> = {
      NAME: { cell: name },
      'MAJ:MIN': { cell: (d) => (raw ? `${d.major}:${d.minor}` : `${String(d.major).padStart(3)}:${String(d.minor).padEnd(3)}`) },
      RM: { cell: () => '0', right: true },
      SIZE: { cell: size, right: true },
      RO: { cell: () => '0', right: true },
      TYPE: { cell: (d) => d.type },
      MOUNTPOINTS: { cell: (d) => d.mount },
      MOUNTPOINT: { cell: (d) => d.mount },
      FSTYPE: { cell: (d) => d.fstype },
      FSVER: { cell: (d) => (d.fstype === 'ext4' ? '1.0' : d.fstype === 'vfat' ? 'FAT32' : '') },
      LABEL: { cell: (d) => (d.mount === '/' ? 'cloudimg-rootfs' : d.mount === '/boot/efi' ? 'UEFI' : '') },
      UUID: { cell: (d) => (d.fstype ? uuid(d.name, d.fstype) : '') },
      FSAVAIL: { cell: (d) => (d.avail === undefined ? '' : lsblkSize(d.avail)), right: true },
      'FSUSE%': { cell: (d) => (d.usePct === undefined ? '' : `${d.usePct}%`), right: true },
    };
    const headers = v.output ? String(v.output).split(',').map((c) => c.toUpperCase()) : v.fs === true ? ['NAME', 'FSTYPE', 'FSVER', 'LABEL', 'UUID', 'FSAVAIL', 'FSUSE%', 'MOUNTPOINTS'] : ['NAME', 'MAJ:MIN', 'RM', 'SIZE', 'RO', 'TYPE', 'MOUNTPOINTS'];
    const unknown = headers.find((h) => !Object.hasOwn(COLS, h));
    if (unknown !== undefined) return fail(`lsblk: unknown column: ${unknown}\n`);
    const right = headers.map((h) => COLS[h].right === true);
    const cells = (d: BlockNode): string[] => headers.map((h) => COLS[h].cell(d));
    if (v.json === true) {
      const obj = (d: BlockNode, depth: number): string => {
        const pad = ' '.repeat(3 * depth);
        const c = cells(d);
        const fields = headers.map((h, i) => `${pad}   ${JSON.stringify(h.toLowerCase())}: ${h === 'RM' || h === 'RO' ? (c[i] === '1') : h === 'MOUNTPOINTS' ? `[\n${pad}       ${c[i] ? JSON.stringify(c[i]) : 'null'}\n${pad}   ]` : c[i] === '' ? 'null' : JSON.stringify(h === 'MAJ:MIN' ? `${d.major}:${d.minor}` : c[i])}`);
        if (d.children.length) fields.push(`${pad}   "children": [\n${d.children.map((k, i) => (i ? obj(k, depth + 2).trimStart() : obj(k, depth + 2))).join(',')}\n${pad}   ]`);
        return `${pad}{\n${fields.join(',\n')}\n${pad}}`;
      };
      return ok(`{\n   "blockdevices": [\n${disks.map((d, i) => (i ? obj(d, 2).trimStart() : obj(d, 2))).join(',')}\n   ]\n}\n`);
    }
    const rows: string[][] = [];
    const tree = v.list !== true && !raw;
    for (const d of disks) {
      rows.push(cells(d));
      d.children.forEach((c, i) => {
        const r = cells(c);
        if (tree && headers[0] === 'NAME') r[0] = (i === d.children.length - 1 ? '└─' : '├─') + r[0];
        rows.push(r);
      });
    }
    const all = v.noheadings === true ? rows : [headers, ...rows];
    if (raw) return ok(all.map((r) => r.join(' ') + '\n').join(''));
    const width = headers.map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
    return ok(all.map((r) => r.map((c, i) => (right[i] ? c.padStart(width[i]) : i === r.length - 1 ? c : c + ' '.repeat(width[i] - [...c].length))).join(' ') + '\n').join(''));
  },
  complete: (_w, partial) => matching(SPECS.map((s) => `--${s.name}`), partial),
};

/** A stable file system UUID for a device (vfat's is the short `XXXX-XXXX` form). */
function uuid(name: string, fstype: string): string {
  let h = 2166136261;
  for (const ch of `${name}/${fstype}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const hex = (n: number) => (Math.imul(h, n) >>> 0).toString(16).padStart(8, '0');
  if (fstype === 'vfat') return `${hex(3).slice(0, 4)}-${hex(5).slice(0, 4)}`.toUpperCase();
  const x = hex(7) + hex(11) + hex(13) + hex(17);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
