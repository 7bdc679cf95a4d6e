import type { Host } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import { utf8Length } from '../commands/text/wc/index.ts';
import { listDirectory, readHostFile } from './files.ts';

/**
 * What `stat(2)` says about a path on a simulated host, as `ls -l` and `stat` print it. Files we
 * model carry no metadata of their own, so it follows the machine's conventions: root owns
 * everything but the learner's home (and, on the laptop, /tmp files); binaries are executable;
 * kernel files (/proc, /sys) are empty, read-only unless the kernel lets root write them (cgroup
 * knobs such as `cpu.max`, `memory.max`); directories in /proc and /sys have size 0.
 */
export interface FileMeta {
  dir: boolean;
  size: number;
  /** ms since epoch. */
  mtime: number;
  owner: string;
  /** `ls -l` mode string: `-rw-r--r--`, `drwxr-xr-x`. */
  mode: string;
  links: number;
}

/** cgroup v2 files root may write (the controllers' knobs); the rest are read-only statistics. */
const CGROUP_WRITABLE = /\/(cgroup\.(procs|threads|subtree_control|max\.depth|max\.descendants|freeze|kill|type)|cpu\.(max|max\.burst|weight|weight\.nice|idle|uclamp\.\w+)|cpuset\.(cpus|mems)|io\.(max|weight)|memory\.(max|high|low|min|oom\.group|swap\.max|swap\.high|reclaim)|pids\.max|\w+\.pressure)$/;

/** Who is looking: the user, and whether on the learner's own laptop. */
export interface Viewer { user: string; place: string; cwd: string }

/** The metadata of `abs` (already resolved), or undefined when it does not exist. */
export function fileMeta(state: ClusterState, host: Host, abs: string, viewer: Viewer): FileMeta | undefined {
  const r = readHostFile(state, host, abs);
  const owner = ownerOf(viewer, abs);
  const kernel = abs.startsWith('/proc/') || abs.startsWith('/sys/') || abs === '/proc' || abs === '/sys';
  if (r.ok) {
    const exec = /^\/(usr\/)?(s?bin|local\/s?bin)\//.test(abs) || /^\x7fELF/.test(r.text);
    const mode = exec ? '-rwxr-xr-x'
      : abs.startsWith('/sys/fs/cgroup/') && CGROUP_WRITABLE.test(abs) ? '-rw-r--r--'
        : kernel ? '-r--r--r--'
          : abs.includes('/.kube/config') || abs.endsWith('.key') ? '-rw-------' : '-rw-r--r--';
    return { dir: false, size: kernel ? 0 : utf8Length(r.text), mtime: mtimeOf(state, host, abs), owner, mode, links: 1 };
  }
  if (r.error !== 'EISDIR' && abs !== '/' && !listDirectory(state, host, abs)) return undefined;
  const subdirs = (listDirectory(state, host, abs) ?? []).filter((n) => !readHostFile(state, host, abs === '/' ? `/${n}` : `${abs}/${n}`).ok).length;
  const mode = abs === '/tmp' ? 'drwxrwxrwt' : abs === '/root' ? 'drwx------' : abs.startsWith('/proc') ? 'dr-xr-xr-x'
    : abs === viewer.cwd && abs.startsWith('/home/') ? 'drwxr-x---' : 'drwxr-xr-x';
  return { dir: true, size: kernel ? 0 : 4096, mtime: mtimeOf(state, host, abs), owner, mode, links: 2 + subdirs };
}

/** The learner owns their home on the laptop; everything else belongs to root. */
function ownerOf(viewer: Viewer, abs: string): string {
  const user = viewer.user;
  return user !== 'root' && (abs === `/home/${user}` || abs.startsWith(`/home/${user}/`) || (viewer.place === 'laptop' && abs.startsWith('/tmp/'))) ? user : 'root';
}

/** Files the session wrote are as new as the clock; /proc is as old as the boot; the rest date from the image build, a month before boot. */
export function mtimeOf(state: ClusterState, host: Host, abs: string): number {
  if (abs.startsWith('/proc') || abs.startsWith('/sys') || abs === '/tmp' || abs === '/run') return host.bootAt;
  if (abs.startsWith('/var/log')) return state.now - 60_000;
  return host.bootAt - 30 * 86_400_000;
}

/** The octal permission bits of an `ls -l` mode string (`drwxrwxrwt` → 0o1777). */
export function modeBits(mode: string): number {
  let bits = 0;
  const m = mode.slice(1);
  for (let i = 0; i < 9; i++) if (m[i] !== '-' && m[i] !== 'S' && m[i] !== 'T') bits |= 1 << (8 - i);
  if (m[8] === 't' || m[8] === 'T') bits |= 0o1000;
  if (m[5] === 's' || m[5] === 'S') bits |= 0o2000;
  if (m[2] === 's' || m[2] === 'S') bits |= 0o4000;
  return bits;
}
