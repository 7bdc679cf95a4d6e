import { resolvePath } from '../../../host/files.ts';
import { fileMeta, modeBits, type FileMeta } from '../../../host/meta.ts';
import { mountOf, mountTable, type Mount } from '../../../host/mounts.ts';
import { hashString } from '../../../sim/rng.ts';
import type { FlagSpec } from '../../flags.ts';
import type { Command } from '../../types.ts';
import { matching, parseTool } from '../args.ts';
import { filePaths } from '../../../host/files.ts';
import { strftime } from '../../../time.ts';

const USAGE = `Usage: stat [OPTION]... FILE...
Display file or file system status.

Mandatory arguments to long options are mandatory for short options too.
  -L, --dereference     follow links
  -f, --file-system     display file system status instead of file status
      --cached=MODE     specify how to use cached attributes;
                          useful on remote file systems. See MODE below
  -c  --format=FORMAT   use the specified FORMAT instead of the default;
                          output a newline after each use of FORMAT
      --printf=FORMAT   like --format, but interpret backslash escapes,
                          and do not output a mandatory trailing newline;
                          if you want a newline, include \\n in FORMAT
  -t, --terse           print the information in terse form
      --help        display this help and exit
      --version     output version information and exit
`;

const SPECS: FlagSpec[] = [
  { name: 'dereference', short: 'L', type: 'bool', help: '' },
  { name: 'file-system', short: 'f', type: 'bool', help: '' },
  { name: 'format', short: 'c', type: 'string', help: '' },
  { name: 'printf', type: 'string', help: '' },
  { name: 'terse', short: 't', type: 'bool', help: '' },
  { name: 'cached', type: 'string', help: '' },
  { name: 'version', type: 'bool', help: '' },
];

/** What stat(2) and statfs(2) return for one path, in the units stat prints. */
export interface StatInfo {
  name: string;
  meta: FileMeta;
  inode: number;
  /** Device numbers of the file system holding the file. */
  major: number;
  minor: number;
  /** Preferred I/O size (`IO Block`). */
  ioBlock: number;
  /** Times in ms and their nanosecond remainders. */
  atime: number; mtime: number; ctime: number; nanos: number;
  /** Birth time, undefined where the file system keeps none (/proc, /sys). */
  birth?: number;
  uid: number;
}

/** statfs(2): the file system's type magic and name as GNU stat names it, and its counters. */
export interface FsInfo {
  name: string; magic: string; type: string; fsid: string; namelen: number; bsize: number;
  blocks: number; bfree: number; bavail: number; files: number; ffree: number;
}

/** GNU stat's names for a file system's magic number (coreutils stat.c human_fstype). */
const FS_TYPES: Record<string, [string, string]> = {
  ext4: ['ef53', 'ext2/ext3'], tmpfs: ['1021994', 'tmpfs'], devtmpfs: ['1021994', 'tmpfs'], cgroup2: ['63677270', 'cgroup2fs'], proc: ['9fa0', 'proc'],
  sysfs: ['62656572', 'sysfs'], overlay: ['794c7630', 'overlayfs'], vfat: ['4d44', 'msdos'], nsfs: ['6e736673', 'nsfs'], devpts: ['1cd1', 'devpts'],
  bpf: ['cafe4a11', 'bpf_fs'], mqueue: ['19800202', 'mqueue'], hugetlbfs: ['958458f6', 'hugetlbfs'], securityfs: ['73636673', 'securityfs'],
  debugfs: ['64626720', 'debugfs'], tracefs: ['74726163', 'tracefs'], configfs: ['62656570', 'configfs'], fusectl: ['65735543', 'fusectl'], pstore: ['6165676c', 'pstorefs'],
};

/** `2024-06-12 10:30:00.123456789 +0000`, as stat's %x/%y/%z/%w print (UTC). */
function stamp(ms: number, nanos: number): string {
  return `${strftime('%F %T', ms)}.${String(nanos).padStart(9, '0')} +0000`;
}

/** The type words of %F. */
const fileType = (m: FileMeta) => (m.dir ? 'directory' : m.size === 0 ? 'regular empty file' : 'regular file');

/** The numeric uid a name stands for on the nodes and laptop. */
const uidOf = (name: string) => (name === 'root' ? 0 : 1000);

/** Shell-quotes a name as %N does by default (quotes only when needed). */
const quoteName = (n: string) => (/^[\w./@%+=:,-]+$/.test(n) ? n : `'${n.replaceAll("'", "'\\''")}'`);

/** Applies printf-style flags and width (`%-10s`, `%04a`, `%5u`) to a directive's value. */
function applyWidth(value: string, flags: string, width: string, precision: string, numeric: boolean): string {
  let v = precision !== '' && !numeric ? value.slice(0, Number(precision)) : value;
  const w = Number(width || 0);
  if (v.length >= w) return v;
  if (flags.includes('-')) return v.padEnd(w);
  if (flags.includes('0') && numeric) return v.startsWith('-') ? '-' + v.slice(1).padStart(w - 1, '0') : v.padStart(w, '0');
  v = v.padStart(w);
  return v;
}

/** Expands a stat FORMAT for one file (or, with `fs`, its file system). Unknown directives print as typed, like stat's `?`. */
export function expand(format: string, s: StatInfo, fs: FsInfo | undefined, fsMode: boolean): string {
  return format.replace(/%([-#+ 0']*)(\d*)(?:\.(\d*))?([a-zA-Z%])?/g, (all, flags: string, width: string, precision: string | undefined, conv: string | undefined) => {
    if (conv === undefined) return all;
    if (conv === '%') return '%';
    const octal = (n: number) => n.toString(8);
    let v: string | undefined;
    let numeric = true;
    if (fsMode && fs) {
      const map: Record<string, string> = {
        n: fs.name, i: fs.fsid, l: String(fs.namelen), t: fs.magic, T: fs.type, s: String(fs.bsize), S: String(fs.bsize),
        b: String(fs.blocks), f: String(fs.bfree), a: String(fs.bavail), c: String(fs.files), d: String(fs.ffree),
      };
      v = map[conv];
      numeric = !['n', 'T', 't', 'i'].includes(conv);
    } else {
      const m = s.meta;
      const bits = modeBits(m.mode);
      const map: Record<string, string> = {
        n: s.name, N: quoteName(s.name), s: String(m.size), b: String(Math.ceil(m.size / 4096) * 8), B: '512', o: String(s.ioBlock),
        f: ((m.dir ? 0o40000 : 0o100000) | bits).toString(16), F: fileType(m), a: octal(bits), A: m.mode, u: String(s.uid), U: m.owner,
        g: String(s.uid), G: m.owner, h: String(m.links), i: String(s.inode), d: String(s.major * 256 + s.minor), D: (s.major * 256 + s.minor).toString(16),
        x: stamp(s.atime, s.nanos), X: String(Math.floor(s.atime / 1000)), y: stamp(s.mtime, s.nanos), Y: String(Math.floor(s.mtime / 1000)),
        z: stamp(s.ctime, s.nanos), Z: String(Math.floor(s.ctime / 1000)), w: s.birth === undefined ? '-' : stamp(s.birth, s.nanos), W: s.birth === undefined ? '0' : String(Math.floor(s.birth / 1000)),
        m: fs?.name ?? '/', t: '0', T: '0', r: '0', R: '0', Hd: String(s.major), Ld: String(s.minor),
      };
      v = map[conv];
      numeric = !['n', 'N', 'F', 'A', 'U', 'G', 'x', 'y', 'z', 'w', 'm', 'f', 'D'].includes(conv);
    }
    if (v === undefined) return `?`;
    return applyWidth(v, flags, width, precision ?? '', numeric);
  });
}

/** stat's default layout for a file (coreutils 9.x): the device as `major,minor`. */
const FILE_FORMAT = '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\nDevice: %MAJ,%MIN\tInode: %-11i Links: %h\nAccess: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n Birth: %w\n';
const FS_FORMAT = '  File: "%n"\n    ID: %-8i Namelen: %-7l Type: %T\nBlock size: %-10s Fundamental block size: %S\nBlocks: Total: %-10b Free: %-10f Available: %a\nInodes: Total: %-10c Free: %d\n';
const TERSE = '%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n';
const TERSE_FS = '%n %i %l %t %s %S %b %f %a %c %d\n';

/** Interprets the backslash escapes of --printf (`\n`, `\t`, `\\`, octal). */
function unescape(s: string): string {
  return s.replace(/\\(0[0-7]{0,3}|[0-7]{1,3}|.)/g, (_a, e: string) => {
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"' } as Record<string, string>)[e] ?? `\\${e}`;
  });
}

/** statfs(2) of the mount holding a path: disks from the host's file systems, tmpfs from its size, pseudo file systems empty. */
function fsInfo(ctx: Parameters<Command['run']>[0], m: Mount, name: string): FsInfo {
  const [magic, type] = FS_TYPES[m.fstype] ?? ['0', 'UNKNOWN'];
  const disk = ctx.host.filesystems.find((f) => f.mount === m.target);
  const size = disk?.sizeBytes ?? (/size=(\d+)k/.exec(m.fs) ? Number(/size=(\d+)k/.exec(m.fs)![1]) * 1024 : 0);
  const used = disk?.usedBytes ?? 0;
  const blocks = Math.floor(size / 4096);
  const bfree = blocks - Math.ceil(used / 4096);
  const reserved = m.fstype === 'ext4' ? Math.floor(blocks * 0.05) : 0;
  const fsid = ['ext4', 'vfat'].includes(m.fstype) ? (hashString(`fsid/${m.source}`) >>> 0).toString(16) + (hashString(`fsid2/${m.source}`) >>> 0).toString(16).padStart(8, '0') : '0';
  return {
    name, magic, type, fsid, namelen: m.fstype === 'vfat' ? 1530 : 255, bsize: 4096,
    blocks, bfree: Math.max(0, bfree), bavail: Math.max(0, bfree - reserved),
    files: disk?.inodes ?? (m.fstype === 'tmpfs' ? Math.floor(size / 8192) : 0), ffree: disk ? disk.inodes - disk.inodesUsed : m.fstype === 'tmpfs' ? Math.floor(size / 8192) - 20 : 0,
  };
}

/**
 * GNU `stat` (coreutils 9.x) of the host's files: the default multi-line layout, `-c`/`--format`,
 * `--printf` with escapes, `-t` terse, and `-f` for the file system (`stat -fc %T /sys/fs/cgroup`
 * → `cgroup2fs` on a cgroup v2 node). Metadata comes from the same place as `ls -l`; device numbers,
 * file system type and counters from the host's mount table.
 */
export const stat: Command = {
  name: 'stat',
  places: ['node', 'debug', 'laptop'],
  summary: 'display file or file system status',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('stat', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    if (v.version === true) return { stdout: 'stat (GNU coreutils) 9.4\n', stderr: '', exitCode: 0 };
    const files = [...p.flags.positionals, ...(p.flags.afterDashDash ?? [])];
    if (files.length === 0) return { stdout: '', stderr: "stat: missing operand\nTry 'stat --help' for more information.\n", exitCode: 1 };
    const fsMode = v['file-system'] === true;
    const given = p.flags.given;
    const format = given.has('printf') ? unescape(String(v.printf)) : given.has('format') ? `${String(v.format)}\n` : v.terse === true ? (fsMode ? TERSE_FS : TERSE) : fsMode ? FS_FORMAT : FILE_FORMAT;
    const mounts = ctx.host.kind === 'node' ? mountTable(ctx.state, ctx.host) : [];
    let stdout = '';
    let stderr = '';
    for (const name of files) {
      const abs = resolvePath(name, ctx.frame.cwd);
      const meta = fileMeta(ctx.state, ctx.host, abs, { user: ctx.frame.user, place: ctx.frame.place, cwd: ctx.frame.cwd });
      if (!meta) {
        stderr += fsMode ? `stat: cannot read file system information for '${name}': No such file or directory\n` : `stat: cannot statx '${name}': No such file or directory\n`;
        continue;
      }
      const m = mountOf(mounts, abs);
      const kernel = abs === '/proc' || abs.startsWith('/proc/') || abs === '/sys' || abs.startsWith('/sys/');
      const [major, minor] = (m?.dev ?? '259:1').split(':').map(Number);
      const h = hashString(`inode/${abs}`) >>> 0;
      const info: StatInfo = {
        name, meta, inode: abs === '/' ? 2 : kernel && abs.startsWith('/proc') ? 4026531840 + (h % 99999) : 1000 + (h % 4_000_000),
        major, minor, ioBlock: abs.startsWith('/proc') ? 1024 : 4096,
        atime: meta.mtime, mtime: meta.mtime, ctime: meta.mtime, nanos: kernel ? 0 : h % 1_000_000_000,
        birth: kernel ? undefined : meta.mtime, uid: uidOf(meta.owner),
      };
      const fs = m ? fsInfo(ctx, m, name) : undefined;
      const fmt = format === FILE_FORMAT ? FILE_FORMAT.replace('%MAJ', String(major)).replace('%MIN', String(minor)) : format;
      stdout += expand(fmt, info, fs, fsMode);
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
  complete: (_w, partial, ctx) => matching(filePaths(ctx.state, ctx.host), partial),
};
