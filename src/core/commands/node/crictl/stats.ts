import type { Host, PodSandbox, RuntimeContainer } from '../../../model/host.ts';
import type { Pod } from '../../../model/k8s.ts';
import type { ClusterState } from '../../../model/state.ts';
import { containerCpuStat } from '../../../sim/cpu.ts';
import { containerMemoryBytes } from '../../../sim/memory.ts';
import { hashString } from '../../../sim/rng.ts';
import { podSlicePath } from '../../../sim/cgroup.ts';
import { criStatusInfo, CONTAINERD } from '../../../host/containerd.ts';
import { shimPid } from '../../../host/processes.ts';
import { goUnitsSize, tabwrite } from '../format.ts';

/** What crictl's display prints before a stats table: clear the screen, cursor home (display.ClearScreen). */
const CLEAR = '\x1b[2J\x1b[H';

const podOf = (state: ClusterState, uid: string): Pod | undefined => Object.values(state.pods).find((p) => p.metadata.uid === uid);

/** One container's CRI ContainerStats at `at`: CPU time (ns), working set, the writable layer. Zero CPU and memory once it stopped (its cgroup is gone). */
export function containerStats(state: ClusterState, c: RuntimeContainer, at: number) {
  const pod = podOf(state, c.podUid);
  const running = c.state === 'CONTAINER_RUNNING' && pod !== undefined;
  const cpuNs = running ? containerCpuStat(state, pod, c, at).usageUsec * 1000 : 0;
  const mem = running ? Math.floor(containerMemoryBytes(state, pod, c.name) / 4096) * 4096 : 0;
  const h = hashString(`layer/${c.id}`);
  return { cpuNs, mem, disk: 4096 * (3 + (h % 40)), inodes: 8 + (h % 30) };
}

const trunc = (id: string) => id.slice(0, 13);

/**
 * `crictl stats [-a] [--id ID] [-p POD] [ID]` (cri-tools 1.30): samples every container twice a
 * second apart (`-s`), then prints CONTAINER, NAME, CPU % (usage over the sample), MEM (working
 * set), DISK and INODES of the writable layer, sorted by id, after a clear-screen sequence.
 * Without `-a` stopped containers (no CPU, no memory) are left out.
 */
export function statsTable(state: ClusterState, host: Host, opts: { all: boolean; id: string; pod: string; seconds: number }, json: boolean): string {
  const now = state.now;
  const from = now - opts.seconds * 1000;
  const list = host.containers.filter((c) => (!opts.id || c.id.startsWith(opts.id)) && (!opts.pod || c.sandboxId.startsWith(opts.pod)))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (json) {
    const stats = list.map((c) => {
      const s = containerStats(state, c, now);
      const ts = String(now * 1e6);
      return {
        attributes: { id: c.id, metadata: { name: c.name, attempt: c.attempt }, labels: { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': c.podName, 'io.kubernetes.pod.namespace': c.namespace, 'io.kubernetes.pod.uid': c.podUid }, annotations: {} },
        cpu: { timestamp: ts, usageCoreNanoSeconds: { value: String(s.cpuNs) }, usageNanoCores: { value: '0' } },
        memory: { timestamp: ts, workingSetBytes: { value: String(s.mem) }, availableBytes: { value: '0' }, usageBytes: { value: String(s.mem) }, rssBytes: { value: String(Math.floor(s.mem * 0.8)) }, pageFaults: { value: '0' }, majorPageFaults: { value: '0' } },
        writableLayer: { timestamp: ts, fsId: { mountpoint: '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs' }, usedBytes: { value: String(s.disk) }, inodesUsed: { value: String(s.inodes) } },
        swap: null,
      };
    });
    return JSON.stringify({ stats }, null, 2) + '\n';
  }
  const rows = [['CONTAINER', 'NAME', 'CPU %', 'MEM', 'DISK', 'INODES']];
  for (const c of list) {
    const s = containerStats(state, c, now);
    if (!opts.all && s.cpuNs === 0 && s.mem === 0) continue;
    // A container created during the sample has no first reading and is skipped.
    if ((c.startedAt ?? c.createdAt) > from && c.state === 'CONTAINER_RUNNING') continue;
    const before = containerStats(state, c, from);
    const pct = s.cpuNs === 0 ? 0 : ((s.cpuNs - before.cpuNs) / (opts.seconds * 1e9)) * 100;
    rows.push([trunc(c.id), c.name, pct.toFixed(2), goUnitsSize(s.mem, 4), goUnitsSize(s.disk, 4), String(s.inodes)]);
  }
  return CLEAR + tabwrite(rows);
}

/**
 * `crictl statsp [--id ID] [ID]` (cri-tools 1.30): per pod sandbox, POD (its name), POD ID, CPU %
 * and MEM summed over its running containers; sandboxes with neither are left out.
 */
export function podStatsTable(state: ClusterState, host: Host, opts: { id: string; seconds: number }): string {
  const now = state.now;
  const from = now - opts.seconds * 1000;
  const rows = [['POD', 'POD ID', 'CPU %', 'MEM']];
  const list = host.sandboxes.filter((s) => !opts.id || s.id.startsWith(opts.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const sb of list) {
    const mine = host.containers.filter((c) => c.sandboxId === sb.id);
    const sum = (at: number) => mine.reduce((acc, c) => { const s = containerStats(state, c, at); return { cpu: acc.cpu + s.cpuNs, mem: acc.mem + s.mem }; }, { cpu: 0, mem: 0 });
    const n = sum(now);
    if (sb.state !== 'SANDBOX_READY' || (n.cpu === 0 && n.mem === 0)) continue;
    if (sb.createdAt > from) continue;
    const pct = n.cpu === 0 ? 0 : ((n.cpu - sum(from).cpu) / (opts.seconds * 1e9)) * 100;
    rows.push([sb.podName, trunc(sb.id), pct.toFixed(2), goUnitsSize(n.mem, 4)]);
  }
  return CLEAR + tabwrite(rows);
}

const sortedKeys = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** RFC 3339 with nanoseconds, as Go prints a protobuf timestamp converted by crictl. */
const rfcNano = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_m, f: string) => `.${f}${String(hashString(`ns/${ms}`) % 1_000_000).padStart(6, '0')}Z`);

/**
 * `crictl inspectp ID` against containerd 1.7: the CRI PodSandboxStatus (`status`: id, metadata,
 * state, createdAt, the pod IP, namespace options, labels, annotations) and containerd's verbose
 * `info` (pid of the pause process, its image, the cgroup parent of the pod in the systemd
 * driver's form, runtime type and options), two-space indented as crictl prints it.
 */
export function inspectSandbox(state: ClusterState, sb: PodSandbox): string {
  const pod = podOf(state, sb.podUid);
  const ready = sb.state === 'SANDBOX_READY';
  // protojson writes map entries sorted by key.
  const labels = sortedKeys({ ...(pod?.metadata.labels ?? {}), 'io.kubernetes.pod.name': sb.podName, 'io.kubernetes.pod.namespace': sb.namespace, 'io.kubernetes.pod.uid': sb.podUid });
  const annotations = { 'kubernetes.io/config.seen': rfcNano(sb.createdAt - 1000), 'kubernetes.io/config.source': 'api' };
  const cgroupParent = pod ? podSlicePath(pod).split('/').pop()! : '';
  const body = {
    status: {
      id: sb.id,
      metadata: { attempt: sb.attempt, name: sb.podName, namespace: sb.namespace, uid: sb.podUid },
      state: sb.state,
      createdAt: rfcNano(sb.createdAt),
      network: { additionalIps: [], ip: ready ? (pod?.status.podIP ?? '') : '' },
      linux: { namespaces: { options: { ipc: 'POD', network: pod?.spec.hostNetwork ? 'NODE' : 'POD', pid: 'CONTAINER', targetId: '', userNsOptions: null } } },
      labels, annotations, runtimeHandler: '',
    },
    info: {
      pid: ready ? shimPid(sb.id) + 20 : 0,
      processStatus: ready ? 'running' : 'deleted',
      netNamespaceClosed: !ready,
      image: CONTAINERD.sandboxImage,
      snapshotKey: sb.id,
      snapshotter: CONTAINERD.snapshotter,
      runtimeHandler: '',
      runtimeType: CONTAINERD.runtimeType,
      runtimeOptions: { systemd_cgroup: CONTAINERD.systemdCgroup },
      config: {
        metadata: { name: sb.podName, uid: sb.podUid, namespace: sb.namespace, attempt: sb.attempt },
        hostname: sb.podName.slice(0, 63),
        log_directory: `/var/log/pods/${sb.namespace}_${sb.podName}_${sb.podUid}`,
        dns_config: { servers: ['10.96.0.10'], searches: [`${sb.namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] },
        labels, annotations,
        linux: { cgroup_parent: cgroupParent, security_context: { namespace_options: { pid: 1 }, seccomp: { profile_type: 1 } } },
      },
      runtimeSpec: { ociVersion: '1.1.0', process: { user: { uid: 65535, gid: 65535 }, args: ['/pause'], cwd: '/' }, hostname: sb.podName.slice(0, 63), linux: { cgroupsPath: `${cgroupParent}:cri-containerd:${sb.id}` } },
    },
  };
  return JSON.stringify(body, null, 2) + '\n';
}

/** `crictl info`: the runtime's status and verbose info as one JSON document (`-o yaml` is not modelled: JSON). */
export function runtimeInfo(quiet: boolean): string {
  const info = criStatusInfo();
  const body = quiet ? { status: info.status, runtimeHandlers: null } : { status: info.status, runtimeHandlers: null, ...Object.fromEntries(Object.entries(info).filter(([k]) => k !== 'status')) };
  return JSON.stringify(body, null, 2) + '\n';
}
