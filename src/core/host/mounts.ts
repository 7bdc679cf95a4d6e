import type { Filesystem, Host } from '../model/host.ts';
import type { Pod } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { quantityNumber } from '../model/quantity.ts';
import { memoryLimitBytes } from '../sim/memory.ts';
import { hashString } from '../sim/rng.ts';

/**
 * The mount table of a simulated host, as the kernel keeps it in /proc/self/mountinfo: the pseudo
 * file systems systemd mounts at boot (sysfs, proc, devtmpfs, cgroup2 on /sys/fs/cgroup, …), the
 * host's disks (`host.filesystems`), and what kubelet and containerd mount for the pods on the
 * node: per pod a tmpfs for each projected or Secret volume (sized to the pod's memory limit, else
 * the node's allocatable memory, as kubelet's memory-backed volumes are), the network namespace
 * bind (`nsfs` on /run/netns/cni-…) and the sandbox's /dev/shm; an overlay root file system per
 * ready sandbox (the pause container) and per created or running container. `mount`, `findmnt`,
 * `stat -f` and /proc/mounts read it; nothing stores it.
 */
export interface Mount {
  id: number;
  parent: number;
  /** `major:minor` of the backing device (0:N for virtual file systems). */
  dev: string;
  target: string;
  /** The directory of the file system mounted here (`/` but for binds; `net:[…]` for a network namespace). */
  root?: string;
  /** Per-mount options (`rw,nosuid,nodev,noexec,relatime`). */
  vfs: string;
  /** Propagation tag (`shared:5`), empty for a private mount. */
  tag: string;
  fstype: string;
  source: string;
  /** The file system's own (super block) options, `rw` first. */
  fs: string;
}

const K = (bytes: number) => `${Math.round(bytes / 1024)}k`;
const NSX = 'rw,nosuid,nodev,noexec,relatime';

/** The stable id of a runtime object's netns / snapshot, from its name. */
const uuidFrom = (s: string) => {
  const h = (n: number) => (hashString(`${s}/${n}`) >>> 0).toString(16).padStart(8, '0');
  const x = h(1) + h(2) + h(3) + h(4);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
};

/** Options a disk's file system is mounted with (Ubuntu's cloud images: ext4 root with discard). */
function diskOptions(f: Filesystem): { vfs: string; fs: string } {
  if (f.fstype === 'vfat') return { vfs: 'rw,relatime', fs: 'rw,fmask=0077,dmask=0077,codepage=437,iocharset=iso8859-1,shortname=mixed,errors=remount-ro' };
  if (f.source === 'shm') return { vfs: NSX, fs: `rw,size=${K(f.sizeBytes)},inode64` };
  if (f.fstype === 'tmpfs') return { vfs: f.mount === '/dev/shm' ? 'rw,nosuid,nodev' : NSX, fs: f.mount === '/dev/shm' ? 'rw,inode64' : `rw,size=${K(f.sizeBytes)},mode=755,inode64` };
  if (f.mount === '/') return { vfs: 'rw,relatime', fs: 'rw,discard,errors=remount-ro' };
  return { vfs: 'rw,relatime', fs: 'rw' };
}

/** `major:minor` of a block device name: NVMe namespaces are major 259, numbered in order. */
function deviceNumber(source: string, index: number): string {
  if (/^\/dev\/(root|nvme0n1p1)$/.test(source)) return '259:1';
  if (/^\/dev\/nvme0n1p15$/.test(source)) return '259:3';
  if (source.startsWith('/dev/')) return `259:${4 + index}`;
  return `0:${40 + index}`;
}

/** The pods whose sandbox is ready on `host`, oldest sandbox first (the order kubelet set them up). */
function podsOn(state: ClusterState, host: Host): { pod: Pod; sandboxId: string }[] {
  const out: { pod: Pod; sandboxId: string; at: number }[] = [];
  for (const sb of host.sandboxes) {
    if (sb.state !== 'SANDBOX_READY') continue;
    const pod = Object.values(state.pods).find((p) => p.metadata.uid === sb.podUid);
    if (pod) out.push({ pod, sandboxId: sb.id, at: sb.createdAt });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The size kubelet gives a memory-backed volume: the pod's memory limit when every container has one, else the node's allocatable memory. */
function memoryVolumeSize(state: ClusterState, host: Host, pod: Pod): number {
  const limits = pod.spec.containers.map(memoryLimitBytes);
  if (limits.every((l) => l !== undefined)) return limits.reduce((a, b) => a! + b!, 0)!;
  const node = state.nodes[host.name];
  return node ? quantityNumber(node.status.allocatable.memory) : host.memoryKb.total * 1024;
}

const SNAPSHOTS = '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots';

/** An overlay root file system for container or sandbox `id`: the image's layers below, one writable snapshot on top. */
function overlayOptions(id: string, layers: number): string {
  const top = 40 + (hashString(`snap/${id}`) % 900);
  const base = 1 + (hashString(`image/${id}`) % 30);
  const lower = Array.from({ length: layers }, (_, i) => `${SNAPSHOTS}/${base + layers - 1 - i}/fs`).join(':');
  return `rw,lowerdir=${lower},upperdir=${SNAPSHOTS}/${top}/fs,workdir=${SNAPSHOTS}/${top}/work`;
}

/** Builds the host's mount table at `state.now`, in mount order. */
export function mountTable(state: ClusterState, host: Host): Mount[] {
  const mounts: Mount[] = [];
  let nextId = 22;
  let minor = 21;
  const add = (m: Omit<Mount, 'id' | 'dev'> & { dev?: string }) => {
    const full = { ...m, id: nextId++, dev: m.dev ?? `0:${minor++}` };
    mounts.push(full);
    return full.id;
  };
  const root = host.filesystems.find((f) => f.mount === '/');
  const run = host.filesystems.find((f) => f.mount === '/run');
  const memKb = host.memoryKb.total;
  // Mount ids follow a systemd boot: the early pseudo file systems, then the root, then the rest.
  const sys = add({ parent: 1, target: '/sys', vfs: NSX, tag: 'shared:7', fstype: 'sysfs', source: 'sysfs', fs: 'rw' });
  add({ parent: 1, target: '/proc', vfs: NSX, tag: 'shared:12', fstype: 'proc', source: 'proc', fs: 'rw' });
  const dev = add({ parent: 1, target: '/dev', vfs: 'rw,nosuid,relatime', tag: 'shared:2', fstype: 'devtmpfs', source: 'udev', fs: `rw,size=${Math.round(memKb / 2)}k,nr_inodes=${Math.round(memKb / 8)},mode=755,inode64`, dev: '0:5' });
  add({ parent: dev, target: '/dev/pts', vfs: 'rw,nosuid,noexec,relatime', tag: 'shared:3', fstype: 'devpts', source: 'devpts', fs: 'rw,gid=5,mode=620,ptmxmode=000' });
  const runId = add({ parent: 1, target: '/run', vfs: NSX, tag: 'shared:5', fstype: 'tmpfs', source: 'tmpfs', fs: `rw,size=${K(run?.sizeBytes ?? memKb * 205)},mode=755,inode64` });
  const rootId = add({ parent: 1, target: '/', vfs: 'rw,relatime', tag: 'shared:1', fstype: root?.fstype ?? 'ext4', source: root?.source ?? '/dev/root', fs: 'rw,discard,errors=remount-ro', dev: '259:1' });
  for (const m of mounts) if (m.parent === 1 && m.id !== rootId) m.parent = rootId;
  mounts.find((m) => m.id === rootId)!.parent = 1;
  add({ parent: sys, target: '/sys/kernel/security', vfs: NSX, tag: 'shared:8', fstype: 'securityfs', source: 'securityfs', fs: 'rw', dev: '0:6' });
  const shm = host.filesystems.find((f) => f.mount === '/dev/shm');
  if (shm) add({ parent: dev, target: '/dev/shm', vfs: 'rw,nosuid,nodev', tag: 'shared:4', fstype: 'tmpfs', source: 'tmpfs', fs: 'rw,inode64' });
  add({ parent: runId, target: '/run/lock', vfs: NSX, tag: 'shared:6', fstype: 'tmpfs', source: 'tmpfs', fs: 'rw,size=5120k,inode64' });
  add({ parent: sys, target: '/sys/fs/cgroup', vfs: NSX, tag: 'shared:9', fstype: 'cgroup2', source: 'cgroup2', fs: 'rw,nsdelegate,memory_recursiveprot' });
  add({ parent: sys, target: '/sys/fs/pstore', vfs: NSX, tag: 'shared:10', fstype: 'pstore', source: 'pstore', fs: 'rw' });
  add({ parent: sys, target: '/sys/fs/bpf', vfs: NSX, tag: 'shared:11', fstype: 'bpf', source: 'bpf', fs: 'rw,mode=700' });
  add({ parent: dev, target: '/dev/hugepages', vfs: 'rw,relatime', tag: 'shared:13', fstype: 'hugetlbfs', source: 'hugetlbfs', fs: 'rw,pagesize=2M' });
  add({ parent: dev, target: '/dev/mqueue', vfs: NSX, tag: 'shared:14', fstype: 'mqueue', source: 'mqueue', fs: 'rw' });
  add({ parent: sys, target: '/sys/kernel/debug', vfs: NSX, tag: 'shared:15', fstype: 'debugfs', source: 'debugfs', fs: 'rw', dev: '0:7' });
  add({ parent: sys, target: '/sys/kernel/tracing', vfs: NSX, tag: 'shared:16', fstype: 'tracefs', source: 'tracefs', fs: 'rw', dev: '0:12' });
  add({ parent: sys, target: '/sys/fs/fuse/connections', vfs: NSX, tag: 'shared:17', fstype: 'fusectl', source: 'fusectl', fs: 'rw' });
  add({ parent: sys, target: '/sys/kernel/config', vfs: NSX, tag: 'shared:18', fstype: 'configfs', source: 'configfs', fs: 'rw' });
  host.filesystems.forEach((f, i) => {
    if (['/', '/run', '/dev/shm'].includes(f.mount)) return;
    // A disk mounted below another mount hangs from the deepest one that holds it.
    const parent = [...mounts].reverse().find((m) => f.mount.startsWith(m.target === '/' ? '/' : `${m.target}/`))?.id ?? rootId;
    const o = diskOptions(f);
    add({ parent, target: f.mount, vfs: o.vfs, tag: `shared:${30 + i}`, fstype: f.fstype, source: f.source, fs: o.fs, dev: deviceNumber(f.source, i) });
  });
  for (const { pod, sandboxId } of podsOn(state, host)) {
    const uid = pod.metadata.uid;
    const size = K(memoryVolumeSize(state, host, pod));
    for (const v of pod.spec.volumes ?? []) {
      const plugin = v.projected !== undefined ? 'projected' : v.secret !== undefined ? 'secret' : undefined;
      if (!plugin) continue;
      add({ parent: rootId, target: `/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~${plugin}/${v.name}`, vfs: 'rw,relatime', tag: `shared:${200 + (nextId % 800)}`, fstype: 'tmpfs', source: 'tmpfs', fs: `rw,size=${size},inode64` });
    }
    add({ parent: runId, target: `/run/netns/cni-${uuidFrom(`netns/${sandboxId}`)}`, vfs: 'rw', tag: `shared:${200 + (nextId % 800)}`, fstype: 'nsfs', source: 'nsfs', fs: 'rw', dev: '0:4', root: `net:[${4026532000 + (hashString(`ns/${sandboxId}`) % 999)}]` });
    add({ parent: runId, target: `/run/containerd/io.containerd.grpc.v1.cri/sandboxes/${sandboxId}/shm`, vfs: NSX, tag: `shared:${200 + (nextId % 800)}`, fstype: 'tmpfs', source: 'shm', fs: 'rw,size=65536k,inode64' });
    add({ parent: runId, target: `/run/containerd/io.containerd.runtime.v2.task/k8s.io/${sandboxId}/rootfs`, vfs: 'rw,relatime', tag: `shared:${200 + (nextId % 800)}`, fstype: 'overlay', source: 'overlay', fs: overlayOptions(sandboxId, 1) });
    for (const c of host.containers) {
      if (c.sandboxId !== sandboxId || c.state === 'CONTAINER_EXITED') continue;
      add({ parent: runId, target: `/run/containerd/io.containerd.runtime.v2.task/k8s.io/${c.id}/rootfs`, vfs: 'rw,relatime', tag: `shared:${200 + (nextId % 800)}`, fstype: 'overlay', source: 'overlay', fs: overlayOptions(c.id, 3 + (hashString(c.image) % 4)) });
    }
  }
  return mounts;
}

/** The options `mount` and `findmnt` show: the per-mount ones, then the file system's own without its `rw`/`ro` (libmount's merge). */
export function mountOptions(m: Mount): string {
  const extra = m.fs.split(',').filter((o) => o !== 'rw' && o !== 'ro');
  return [m.vfs, ...extra].join(',');
}

/** /proc/self/mountinfo (proc(5)): `id parent major:minor root target options [tag] - fstype source super-options`. */
export function renderMountinfo(mounts: readonly Mount[]): string {
  return mounts.map((m) => `${m.id} ${m.parent} ${m.dev} ${m.root ?? '/'} ${m.target} ${m.vfs}${m.tag ? ` ${m.tag}` : ''} - ${m.fstype} ${m.source} ${m.fs}\n`).join('');
}

/** /proc/mounts (= /proc/self/mounts): `source target fstype options 0 0`, options as the kernel merges them. */
export function renderProcMounts(mounts: readonly Mount[]): string {
  return mounts.map((m) => `${m.source} ${m.target} ${m.fstype} ${mountOptions(m)} 0 0\n`).join('');
}

/** The mount a path lives on: the one with the longest target that is a prefix of it (the last such when stacked). */
export function mountOf(mounts: readonly Mount[], abs: string): Mount | undefined {
  let best: Mount | undefined;
  for (const m of mounts) {
    const inside = m.target === '/' || abs === m.target || abs.startsWith(`${m.target}/`);
    if (inside && (!best || m.target.length >= best.target.length)) best = m;
  }
  return best;
}
