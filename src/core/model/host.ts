/**
 * A machine as a shell on it sees it: a cluster node reached with `ssh`, or the learner's laptop.
 * Everything node-side tools print (journalctl, dmesg, crictl, df, free, /proc files, ps) is read
 * from here; the simulation appends to journals, the kernel ring buffer and the runtime's
 * container list as time passes.
 */
import type { NetfilterEdit } from '../host/netfilter.ts';

/** `/proc/cpuinfo` facts for one CPU model. */
export interface CpuInfo {
  vendorId: string; // GenuineIntel | AuthenticAMD
  modelName: string; // e.g. "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz"
  family: number;
  model: number;
  stepping: number;
  microcode: string; // "0xd0003a5"
  mhz: number; // "cpu MHz"
  cacheKb: number; // "cache size" in KB
  /** logical CPUs */
  cores: number;
  /** Lower-case feature flags, in /proc/cpuinfo order. */
  flags: string[];
  bogomips: number;
  addressSizes: string; // "46 bits physical, 48 bits virtual"
}

/** A mounted filesystem as `df` reports it. Sizes in bytes. */
export interface Filesystem {
  source: string; // /dev/nvme0n1p1, overlay, tmpfs, shm
  fstype: string;
  mount: string;
  sizeBytes: number;
  usedBytes: number;
  inodes: number;
  inodesUsed: number;
}

/**
 * One journald record. `unit` is the systemd unit (`kubelet.service`), absent for kernel lines.
 * The simulation keeps klog lines (kubelet's) unformatted and a line repeated at a fixed period as
 * one record; host/journal.ts renders them when the journal is read (journalEntries), so what a
 * reader sees is one `JournalLine` per line, as if each had been stored.
 */
export interface JournalEntry {
  at: number; // ms since epoch; a repeated record's first line
  ident: string; // syslog identifier: kubelet, containerd, kernel, systemd
  unit?: string;
  pid?: number;
  /** syslog priority 0..7 (3 = err, 4 = warning, 6 = info) */
  priority: number;
  /** The text; absent on a klog record, whose header (severity, stamp, pid) is rendered from `klog`, `at` and `pid`. */
  message?: string;
  /** A klog line as logged: severity letter, `file.go:123` and the message after `] `. */
  klog?: { severity: 'I' | 'W' | 'E'; where: string; msg: string };
  /** The same line `count` times, `every` ms apart from `at` (kubelet's probe failures): count ≥ 1. */
  repeat?: { every: number; count: number };
}

/** A journal line as readers see it: one time, one message. */
export interface JournalLine extends JournalEntry {
  message: string;
}

/** One line of the kernel ring buffer (`dmesg`). */
export interface KernelMessage {
  at: number; // ms since epoch; dmesg prints it relative to Host.bootAt
  level: number; // 0..7
  text: string;
}

export interface SystemdUnit {
  name: string; // kubelet.service
  description: string;
  loadedPath: string; // /lib/systemd/system/kubelet.service
  dropIns?: string[];
  mainPid: number;
  activeSince: number; // ms
  execStart: string; // main process command line
  memoryBytes: number;
  tasks: number;
  cpuMs: number;
  /**
   * While `mainPid` is 0: how the last main process ended (`status` 1 = FAILURE, exited on its
   * own; 0 = SUCCESS, stopped by `systemctl stop`), when (ms) and its pid.
   */
  lastExit?: { pid: number; status: number; at: number; cpuMs: number };
  /** When the unit last stopped running after being up (ms); kept through a crash loop, cleared when it runs again. */
  downSince?: number;
  /** `Restart=always`: set while systemd waits `restartSec` seconds to start it again; `count` is NRestarts. */
  autoRestart?: { restartSec: number; count: number };
}

/** A container as the CRI runtime (containerd) knows it; `crictl ps -a` lists these. */
export interface RuntimeContainer {
  id: string; // 64 hex chars
  sandboxId: string;
  podUid: string;
  podName: string;
  namespace: string;
  name: string;
  attempt: number;
  image: string; // reference as in the pod spec
  imageId: string; // sha256:…
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  state: 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED';
  /** kubelet asked the runtime to stop it (pod deletion): when the process exits and with what code (143 after SIGTERM, 137 after SIGKILL). */
  stopping?: { at: number; exitCode: number };
  pid: number;
  /** The container's stdout/stderr, as `kubectl logs` / `crictl logs` return it. */
  logs: ContainerLogLine[];
  /** The environment kubelet built at creation (`NAME`, value), what `/proc/1/environ` shows. */
  env?: [string, string][];
}

/**
 * One line of a container's output. The API server's lines under a slow etcd (thousands an hour)
 * are kept unformatted: `trace` or `klog` holds what sim/etcd/logs.ts renders them from when they
 * are read (containerLogText), byte for byte what storing the text gave.
 */
export interface ContainerLogLine {
  at: number;
  stream: 'stdout' | 'stderr';
  /** The text; absent on a line kept as `trace` or `klog`. */
  text?: string;
  /** A Lease update's trace, shared by its two lines (the "Update" line, then with `part` 1 its "Txn call completed" line): node, step, time taken (ms), the node's address, the cluster's version. */
  trace?: { node: string; tick: number; ms: number; client: string; version: string };
  /** Which line of `trace` this is: 1 for "Txn call completed", absent for "Update". */
  part?: 1;
  /** A klog line of pid 1 (the API server's), stamped with `at` when read; the object may be shared by many lines. */
  klog?: { severity: 'I' | 'W' | 'E'; where: string; msg: string };
}

export interface PodSandbox {
  id: string;
  podUid: string;
  podName: string;
  namespace: string;
  createdAt: number;
  state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
  attempt: number;
  /** OOM kills in this pod's cgroup so far (the pod slice's memory.events `oom`/`oom_kill`). */
  oomKills?: number;
}

export interface RuntimeImage {
  ref: string; // registry/repo:tag
  id: string; // sha256:…
  sizeBytes: number;
}

/**
 * A block device as the kernel's I/O statistics describe it (`iostat -x`, /proc/diskstats): the
 * steady load on it and how long its requests take. Rates per second, throughput in kB/s,
 * latencies in ms. `fsyncP50Ms`/`fsyncP99Ms` describe flush (fdatasync) latency, the number etcd's
 * WAL waits on before it may acknowledge a write.
 */
export interface BlockDevice {
  name: string; // nvme1n1, xvdf
  readsPerSec: number;
  writesPerSec: number;
  readKBps: number;
  writeKBps: number;
  readAwaitMs: number;
  writeAwaitMs: number;
  flushesPerSec: number;
  fsyncP50Ms: number;
  fsyncP99Ms: number;
  /** Sustained write throughput a defragmentation can use, MB/s. */
  writeMBps: number;
  utilPct: number;
}

export interface Host {
  name: string;
  kind: 'node' | 'laptop';
  ip: string;
  bootAt: number; // ms since epoch
  /** The last interactive login (what the next `ssh` banner's `Last login:` line shows); unset before the session's first. */
  lastLogin?: { at: number; from: string };
  kernelRelease: string; // 5.15.0-1061-aws
  kernelBuild: string; // "#67~20.04.1-Ubuntu SMP Mon Apr 15 14:02:15 UTC 2024"
  osPrettyName: string; // Ubuntu 22.04.4 LTS
  /** The CPU architecture as Go names it (`amd64`, `arm64`); absent: amd64. containerd pulls this platform's manifest. */
  arch?: 'amd64' | 'arm64';
  cpu: CpuInfo;
  memoryKb: { total: number; used: number; buffCache: number };
  swapKb: number;
  filesystems: Filesystem[];
  /** Static files by absolute path. Dynamic ones (/proc/cpuinfo, /proc/meminfo) are rendered by the file layer. */
  files: Record<string, string>;
  units: Record<string, SystemdUnit>;
  journal: JournalEntry[];
  /**
   * journald's files as host/journal.ts accountJournal keeps them: how many records of `journal`
   * are written to files, the archived files oldest first (name, bytes on disk, records of
   * `journal` they hold: none for those from before the simulation) and the active file's
   * content. Absent until the journal first grows: the files the node booted with.
   */
  journald?: {
    counted: number;
    archived: { name: string; bytes: number; records: number }[];
    active: { content: number; records: number };
    /** Serial of the next archived file's name. */
    next: number;
    /** After a vacuum: the time of the oldest line kept (the kernel lines journald imported before it went too). */
    since?: number;
  };
  kmsg: KernelMessage[];
  containers: RuntimeContainer[];
  sandboxes: PodSandbox[];
  images: RuntimeImage[];
  nextPid: number;
  /** Block devices with I/O statistics (`iostat`); absent on machines nobody measures. */
  blockDevices?: BlockDevice[];
  /** Last host part handed out from the node's podCIDR (kubelet's IPAM, simplified). */
  podIpSerial?: number;
  /** Directories made in the session (`mkdir`) that may hold no file yet. */
  dirs?: string[];
  /** Files written inside pod containers (`echo x > /tmp/f` in a debug shell), by `namespace/pod/container`, then absolute path. */
  containerFiles?: Record<string, Record<string, string>>;
  /** What the session changed with iptables (`-A/-I/-D/-N/-X/-F/-P`), in order, laid over kubelet's and kube-proxy's rules (host/netfilter.ts). */
  netfilter?: NetfilterEdit[];
}

/** The machine hardware name the kernel reports (`uname -m`): `aarch64` on arm64, else `x86_64`. */
export function machineName(host: Pick<Host, 'arch'>): string {
  return host.arch === 'arm64' ? 'aarch64' : 'x86_64';
}
