import type { CpuInfo, Host } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import { cgroupFiles } from './cgroupfs.ts';
import { mountTable, renderMountinfo, renderProcMounts } from './mounts.ts';
import { sysctlFiles } from './sysctl.ts';

/**
 * Renderers of the kernel's dynamic files (/proc, /proc/sys) for one host at `state.now`.
 * Each returns the exact text the Linux 5.x/6.x kernel prints, derived from the Host model.
 */

/** Logical CPUs per physical core: 2 when the CPU advertises `ht` and the count is even (EC2 vCPUs). */
export function threadsPerCore(cpu: CpuInfo): number {
  return cpu.flags.includes('ht') && cpu.cores >= 2 && cpu.cores % 2 === 0 ? 2 : 1;
}

/** Bug list the kernel reports for the CPU's vendor (only used for the `bugs` line). */
function cpuBugs(cpu: CpuInfo): string[] {
  if (cpu.vendorId === 'AuthenticAMD') return ['sysret_ss_attrs', 'null_seg', 'spectre_v1', 'spectre_v2', 'spec_store_bypass'];
  if (cpu.model >= 106) return ['spectre_v1', 'spectre_v2', 'spec_store_bypass', 'swapgs', 'mmio_stale_data', 'eibrs_pbrsb', 'gds', 'bhi'];
  return ['cpu_meltdown', 'spectre_v1', 'spectre_v2', 'spec_store_bypass', 'l1tf', 'mds', 'swapgs', 'itlb_multihit', 'mmio_unknown'];
}

/**
 * `/proc/cpuinfo`: one block per logical CPU, keys padded with tabs exactly as arch/x86's
 * show_cpuinfo() writes them (`processor\t: 0`, `flags\t\t: fpu …`), blocks separated by a blank line.
 */
export function renderCpuinfo(cpu: CpuInfo): string {
  const tpc = threadsPerCore(cpu);
  const physical = Math.max(1, cpu.cores / tpc);
  const amd = cpu.vendorId === 'AuthenticAMD';
  const cpuidLevel = amd ? 16 : cpu.model >= 85 ? 27 : 13;
  const blocks: string[] = [];
  for (let i = 0; i < cpu.cores; i++) {
    const core = i % physical;
    const thread = Math.floor(i / physical);
    const apic = core * tpc + thread;
    const lines = [
      `processor\t: ${i}`,
      `vendor_id\t: ${cpu.vendorId}`,
      `cpu family\t: ${cpu.family}`,
      `model\t\t: ${cpu.model}`,
      `model name\t: ${cpu.modelName}`,
      `stepping\t: ${cpu.stepping}`,
      `microcode\t: ${cpu.microcode}`,
      `cpu MHz\t\t: ${cpu.mhz.toFixed(3)}`,
      `cache size\t: ${cpu.cacheKb} KB`,
      `physical id\t: 0`,
      `siblings\t: ${cpu.cores}`,
      `core id\t\t: ${core}`,
      `cpu cores\t: ${physical}`,
      `apicid\t\t: ${apic}`,
      `initial apicid\t: ${apic}`,
      `fpu\t\t: yes`,
      `fpu_exception\t: yes`,
      `cpuid level\t: ${cpuidLevel}`,
      `wp\t\t: yes`,
      `flags\t\t: ${cpu.flags.join(' ')}`,
      `bugs\t\t: ${cpuBugs(cpu).join(' ')}`,
      `bogomips\t: ${cpu.bogomips.toFixed(2)}`,
      ...(amd ? ['TLB size\t: 2560 4K pages'] : []),
      `clflush size\t: 64`,
      `cache_alignment\t: 64`,
      `address sizes\t: ${cpu.addressSizes}`,
      `power management:`,
    ];
    blocks.push(lines.join('\n') + '\n\n');
  }
  return blocks.join('');
}

/**
 * How the host's memory splits, in KiB, consistently for /proc/meminfo, `free` and `top`.
 * The model gives total, used (by processes) and buff/cache; the rest follows the kernel's
 * accounting: free = total − used − buff/cache, available ≈ total − used, buff/cache =
 * Buffers + Cached + SReclaimable (procps-ng's definition).
 */
export interface MemorySplit {
  total: number; free: number; available: number; used: number;
  buffers: number; cached: number; sReclaimable: number; shmem: number; buffCache: number;
  swapTotal: number; swapFree: number;
}

export function memorySplit(host: Host): MemorySplit {
  const { total, used, buffCache } = host.memoryKb;
  const buffers = Math.round(buffCache * 0.02);
  const sReclaimable = Math.round(buffCache * 0.06);
  return {
    total, used, buffCache, buffers, sReclaimable,
    cached: buffCache - buffers - sReclaimable,
    free: Math.max(0, total - used - buffCache),
    available: Math.max(0, total - used),
    shmem: Math.round(buffCache * 0.01),
    swapTotal: host.swapKb,
    swapFree: host.swapKb,
  };
}

/** `/proc/meminfo`: `Key:` padded to 16 columns, the value right-aligned in 8, then ` kB` (fs/proc/meminfo.c). */
export function renderMeminfo(host: Host): string {
  const m = memorySplit(host);
  const kb = (k: string, v: number) => `${(k + ':').padEnd(16)}${String(v).padStart(8)} kB`;
  const plain = (k: string, v: number) => `${(k + ':').padEnd(16)}${String(v).padStart(8)}`;
  const anon = m.used - Math.round(m.used * 0.1);
  return [
    kb('MemTotal', m.total), kb('MemFree', m.free), kb('MemAvailable', m.available),
    kb('Buffers', m.buffers), kb('Cached', m.cached), kb('SwapCached', 0),
    kb('Active', anon + Math.round(m.cached * 0.4)), kb('Inactive', Math.round(m.cached * 0.6)),
    kb('Active(anon)', anon), kb('Inactive(anon)', 0),
    kb('Active(file)', Math.round(m.cached * 0.4)), kb('Inactive(file)', Math.round(m.cached * 0.6)),
    kb('Unevictable', 0), kb('Mlocked', 0),
    kb('SwapTotal', m.swapTotal), kb('SwapFree', m.swapFree),
    kb('Dirty', 128), kb('Writeback', 0), kb('AnonPages', anon), kb('Mapped', Math.round(m.cached * 0.2)),
    kb('Shmem', m.shmem), kb('KReclaimable', m.sReclaimable), kb('Slab', m.sReclaimable * 2),
    kb('SReclaimable', m.sReclaimable), kb('SUnreclaim', m.sReclaimable),
    kb('KernelStack', 9216), kb('PageTables', Math.round(m.used / 100)),
    kb('CommitLimit', Math.round(m.total / 2) + m.swapTotal), kb('Committed_AS', Math.round(m.used * 1.6)),
    kb('VmallocTotal', 34359738367), kb('VmallocUsed', 38912), kb('VmallocChunk', 0),
    plain('HugePages_Total', 0), plain('HugePages_Free', 0), kb('Hugepagesize', 2048),
  ].join('\n') + '\n';
}

/** Runnable containers on the host: the basis of the simulated load average. */
function runningContainers(host: Host): number {
  return host.containers.filter((c) => c.state === 'CONTAINER_RUNNING').length;
}

/** The 1, 5 and 15 minute load averages (deterministic from the host's running containers). */
export function loadAverage(host: Host): [number, number, number] {
  const base = 0.08 + runningContainers(host) * 0.07;
  return [base + 0.04, base, base - 0.02].map((v) => Math.max(0, Math.round(v * 100) / 100)) as [number, number, number];
}

/** Seconds since boot at `now`, with hundredths, as /proc/uptime's first field. */
export function uptimeSeconds(host: Host, now: number): number {
  return Math.max(0, (now - host.bootAt) / 1000);
}

/** `/proc/loadavg`: `0.52 0.58 0.59 2/345 12345` (runnable/total tasks, last pid). */
export function renderLoadavg(host: Host): string {
  const [a, b, c] = loadAverage(host);
  const tasks = 180 + host.containers.length * 12;
  return `${a.toFixed(2)} ${b.toFixed(2)} ${c.toFixed(2)} 1/${tasks} ${host.nextPid - 1}\n`;
}

/** Compiler banner of a distribution kernel build, keyed by the Ubuntu release it ships with. */
function compilerOf(host: Host): string {
  const v = /Ubuntu (\d+\.\d+)/.exec(host.osPrettyName)?.[1] ?? '';
  if (v.startsWith('20.04')) return '(gcc (Ubuntu 9.4.0-1ubuntu1~20.04.2) 9.4.0, GNU ld (GNU Binutils for Ubuntu) 2.34)';
  if (v.startsWith('24.04')) return '(x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld (GNU Binutils for Ubuntu) 2.42)';
  return '(x86_64-linux-gnu-gcc-11 (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0, GNU ld (GNU Binutils for Ubuntu) 2.38)';
}

/** `/proc/version`: `Linux version <release> (buildd@…) (<compiler>) <build>`. */
export function renderVersion(host: Host): string {
  return `Linux version ${host.kernelRelease} (buildd@lcy02-amd64-045) ${compilerOf(host)} ${host.kernelBuild}\n`;
}

const UBUNTU: Record<string, [string, string]> = {
  '20.04': ['focal', 'Focal Fossa'],
  '22.04': ['jammy', 'Jammy Jellyfish'],
  '24.04': ['noble', 'Noble Numbat'],
};

/** `/etc/os-release` as Ubuntu ships it, from `osPrettyName` (`Ubuntu 22.04.4 LTS`). */
export function renderOsRelease(host: Host): string {
  const m = /^Ubuntu (\d+\.\d+)(\.\d+)?( LTS)?/.exec(host.osPrettyName);
  if (!m || !Object.hasOwn(UBUNTU, m[1])) {
    return `PRETTY_NAME="${host.osPrettyName}"\nNAME="Linux"\nID=linux\n`;
  }
  const [code, words] = UBUNTU[m[1]];
  const version = `${m[1]}${m[2] ?? ''}${m[3] ?? ''} (${words})`;
  return [
    `PRETTY_NAME="${host.osPrettyName}"`, 'NAME="Ubuntu"', `VERSION_ID="${m[1]}"`, `VERSION="${version}"`,
    `VERSION_CODENAME=${code}`, 'ID=ubuntu', 'ID_LIKE=debian', 'HOME_URL="https://www.ubuntu.com/"',
    'SUPPORT_URL="https://help.ubuntu.com/"', 'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
    'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"', `UBUNTU_CODENAME=${code}`,
  ].join('\n') + '\n';
}

/** Every dynamic file the layer renders, by absolute path. */
export function dynamicFiles(state: ClusterState, host: Host): Map<string, () => string> {
  const node = host.kind === 'node';
  return new Map<string, () => string>([
    ...fixedFiles(state, host),
    ...(node ? cgroupFiles(state, host) : []),
    ...(node ? mountFiles(state, host) : []),
    ...(node ? sysctlFiles(host) : []),
  ]);
}

/**
 * The dynamic files but the cgroup tree's (isCgroupPath), by absolute path: what reading /proc/cpuinfo
 * needs, without rendering a cgroup directory for every pod and container on the node.
 */
export function kernelFiles(state: ClusterState, host: Host): Map<string, () => string> {
  const node = host.kind === 'node';
  return new Map<string, () => string>([...fixedFiles(state, host), ...(node ? mountFiles(state, host) : []), ...(node ? sysctlFiles(host) : [])]);
}

/** Whether `abs` is a path cgroupFiles renders: under /sys/fs/cgroup, or a process's /proc/PID/cgroup. */
export const isCgroupPath = (abs: string): boolean => abs.startsWith('/sys/fs/cgroup/') || /^\/proc\/\d+\/cgroup$/.test(abs);

/** The files whose paths are the same on every host of a kind: /proc's, /proc/sys/kernel's, /etc/hostname and /etc/os-release. */
function fixedFiles(state: ClusterState, host: Host): [string, () => string][] {
  const up = uptimeSeconds(host, state.now);
  return [
    ['/proc/cpuinfo', () => renderCpuinfo(host.cpu)],
    ['/proc/meminfo', () => renderMeminfo(host)],
    ['/proc/loadavg', () => renderLoadavg(host)],
    ['/proc/version', () => renderVersion(host)],
    ['/proc/uptime', () => `${up.toFixed(2)} ${(up * host.cpu.cores * 0.93).toFixed(2)}\n`],
    ['/proc/sys/kernel/hostname', () => `${host.name}\n`],
    ['/proc/sys/kernel/osrelease', () => `${host.kernelRelease}\n`],
    ['/proc/sys/kernel/ostype', () => 'Linux\n'],
    ['/proc/sys/kernel/version', () => `${host.kernelBuild}\n`],
    ['/proc/sys/kernel/pid_max', () => '4194304\n'],
    ['/proc/sys/kernel/panic', () => '10\n'],
    ['/proc/sys/kernel/core_pattern', () => '|/usr/share/apport/apport -p%p -s%s -c%c -d%d -P%P -u%u -g%g -- %E\n'],
    // x86 default; it is what makes the kernel log `traps: … trap invalid opcode` lines.
    ['/proc/sys/debug/exception-trace', () => '1\n'],
    ['/etc/hostname', () => `${host.name}\n`],
    ['/etc/os-release', () => renderOsRelease(host)],
  ];
}

/** The kernel's views of the mount table: /proc/mounts (and its /proc/self and /etc/mtab aliases) and /proc/self/mountinfo. */
function mountFiles(state: ClusterState, host: Host): [string, () => string][] {
  const mounts = () => renderProcMounts(mountTable(state, host));
  return [['/proc/mounts', mounts], ['/proc/self/mounts', mounts], ['/etc/mtab', mounts], ['/proc/self/mountinfo', () => renderMountinfo(mountTable(state, host))]];
}
