import { containerdConfigToml, NODE_ETC_HOSTS, nodeResolvConf } from '../host/containerd.ts';
import type { Host } from '../model/host.ts';
import type { Node } from '../model/k8s.ts';
import { hashString, hex, seeded, uid } from '../sim/rng.ts';
import { kubeletLog } from '../sim/kubelet.ts';
import { quantityNumber } from '../model/quantity.ts';
import { rfc3339, SECOND } from '../time.ts';
import type { ClusterSpec } from './schema.ts';

type NodeSpec = ClusterSpec['nodes'][number];

/** The node defaults with this node's own OS image, kernel or kubelet version laid over them (a node pool mid-upgrade). */
function nodeFacts(spec: ClusterSpec, n: NodeSpec): ClusterSpec['nodeDefaults'] {
  const own = Object.fromEntries(Object.entries({ osImage: n.osImage, kernelRelease: n.kernelRelease, kernelBuild: n.kernelBuild, kubeletVersion: n.kubeletVersion }).filter(([, v]) => v !== undefined));
  return { ...spec.nodeDefaults, ...own };
}

/** Stable per-node ids: the same node name always gets the same machine id, UUIDs and instance id. */
const hexOf = (seed: string, length: number) => hex(seeded(seed), length);
const uuidOf = (seed: string) => uid(seeded(seed));

/**
 * The Node object for a scenario node, with the labels, annotations, conditions and node info a
 * managed (EKS-style) node carries, as `kubectl describe node` shows them.
 */
export function buildNode(spec: ClusterSpec, n: NodeSpec, index: number, createdAt: number): Node {
  const d = nodeFacts(spec, n);
  const created = rfc3339(createdAt);
  const ready = rfc3339(createdAt + 41 * SECOND);
  const condition = (type: string, reason: string, message: string, at: string) => ({ type, status: 'False' as const, lastHeartbeatTime: at, lastTransitionTime: at, reason, message });
  const arch = n.arch ?? 'amd64';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      uid: uuidOf(`node/${n.name}`),
      resourceVersion: String(1000 + index),
      creationTimestamp: created,
      labels: {
        'beta.kubernetes.io/arch': arch,
        'beta.kubernetes.io/instance-type': n.instanceType,
        'beta.kubernetes.io/os': 'linux',
        ...d.labels,
        'failure-domain.beta.kubernetes.io/region': d.region,
        'failure-domain.beta.kubernetes.io/zone': n.zone,
        'kubernetes.io/arch': arch,
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': n.instanceType,
        'topology.kubernetes.io/region': d.region,
        'topology.kubernetes.io/zone': n.zone,
        ...Object.fromEntries((n.roles ?? []).map((r) => [`node-role.kubernetes.io/${r}`, ''])),
        ...(n.labels ?? {}),
      },
      annotations: {
        'alpha.kubernetes.io/provided-node-ip': n.ip,
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      podCIDRs: [`10.244.${index}.0/24`],
      providerID: `aws:///${n.zone}/i-0${hexOf(`instance/${n.name}`, 16)}`,
    },
    status: {
      capacity: { ...d.capacity, ...(n.capacity ?? {}) },
      allocatable: { ...d.allocatable, ...(n.allocatable ?? {}) },
      conditions: [
        condition('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', created),
        condition('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', created),
        condition('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', created),
        { type: 'Ready', status: 'True', lastHeartbeatTime: ready, lastTransitionTime: ready, reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [
        { type: 'InternalIP', address: n.ip },
        { type: 'InternalDNS', address: `${n.name}.${d.region}.compute.internal` },
        { type: 'Hostname', address: n.name },
      ],
      nodeInfo: {
        machineID: hexOf(`machine/${n.name}`, 32),
        systemUUID: `ec2${uuidOf(`sys/${n.name}`).slice(3)}`,
        bootID: uuidOf(`boot/${n.name}`),
        kernelVersion: d.kernelRelease,
        osImage: d.osImage,
        containerRuntimeVersion: d.containerRuntimeVersion,
        kubeletVersion: d.kubeletVersion,
        kubeProxyVersion: d.kubeletVersion,
        operatingSystem: 'linux',
        architecture: arch,
      },
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  };
}

/** The machine behind a node: CPU, memory, disks, systemd units and the boot-time logs. */
export function buildHost(spec: ClusterSpec, n: NodeSpec, createdAt: number): Host {
  const d = nodeFacts(spec, n);
  const cpu = spec.cpuModels[n.cpu];
  const capacity = { ...d.capacity, ...(n.capacity ?? {}) };
  const cores = Number(capacity.cpu ?? '2');
  const bootAt = createdAt - 52 * SECOND;
  const memTotalKb = Math.round(quantityNumber(capacity.memory) / 1024);
  const disk = d.rootDisk;
  const containerdPid = 612 + (hashString(n.name) % 40);
  const kubeletPid = 1820 + (hashString(`k${n.name}`) % 300);
  const flags = cpu.flags.split(/\s+/).filter(Boolean);
  const host: Host = {
    name: n.name,
    kind: 'node',
    ip: n.ip,
    bootAt,
    kernelRelease: d.kernelRelease,
    kernelBuild: d.kernelBuild,
    osPrettyName: d.osImage,
    ...(n.arch && n.arch !== 'amd64' ? { arch: n.arch } : {}),
    cpu: { ...cpu, cores, flags },
    memoryKb: { total: memTotalKb, used: Math.round(memTotalKb * 0.21), buffCache: Math.round(memTotalKb * 0.33) },
    swapKb: 0,
    filesystems: [
      { source: disk.device, fstype: 'ext4', mount: '/', sizeBytes: quantityNumber(disk.size.replace(/([KMGT])$/, '$1i')), usedBytes: quantityNumber(disk.used.replace(/([KMGT])$/, '$1i')), inodes: disk.inodes, inodesUsed: disk.inodesUsed },
      { source: 'tmpfs', fstype: 'tmpfs', mount: '/run', sizeBytes: Math.round(memTotalKb * 1024 * 0.2), usedBytes: 1_900_000, inodes: 819200, inodesUsed: 771 },
      { source: 'tmpfs', fstype: 'tmpfs', mount: '/dev/shm', sizeBytes: Math.round(memTotalKb * 1024 * 0.5), usedBytes: 0, inodes: 2048000, inodesUsed: 1 },
      { source: '/dev/nvme0n1p15', fstype: 'vfat', mount: '/boot/efi', sizeBytes: 104_634_368, usedBytes: 6_291_456, inodes: 0, inodesUsed: 0 },
    ],
    files: {
      '/var/lib/kubelet/config.yaml': [
        'apiVersion: kubelet.config.k8s.io/v1beta1', 'kind: KubeletConfiguration', 'cgroupDriver: systemd', 'clusterDNS:', '- 10.96.0.10', 'clusterDomain: cluster.local',
        'containerRuntimeEndpoint: unix:///run/containerd/containerd.sock', 'evictionHard:', '  memory.available: 100Mi', '  nodefs.available: 10%', '  nodefs.inodesFree: 5%',
        'maxPods: 58', 'serializeImagePulls: false', '',
      ].join('\n'),
      '/etc/containerd/config.toml': containerdConfigToml(),
      '/etc/resolv.conf': nodeResolvConf(d.region),
      '/etc/hosts': NODE_ETC_HOSTS,
      '/etc/crictl.yaml': 'runtime-endpoint: unix:///run/containerd/containerd.sock\nimage-endpoint: unix:///run/containerd/containerd.sock\ntimeout: 10\n',
    },
    units: {
      'containerd.service': { name: 'containerd.service', description: 'containerd container runtime', loadedPath: '/lib/systemd/system/containerd.service', mainPid: containerdPid, activeSince: bootAt + 9 * SECOND, execStart: '/usr/bin/containerd', memoryBytes: 61_440_000, tasks: 58, cpuMs: 0 },
      'kubelet.service': { name: 'kubelet.service', description: 'Kubernetes Kubelet', loadedPath: '/etc/systemd/system/kubelet.service', dropIns: ['/etc/systemd/system/kubelet.service.d/10-kubelet-args.conf'], mainPid: kubeletPid, activeSince: bootAt + 14 * SECOND, execStart: '/usr/bin/kubelet --config /var/lib/kubelet/config.yaml --kubeconfig /var/lib/kubelet/kubeconfig --node-ip=' + n.ip, memoryBytes: 88_000_000, tasks: 17, cpuMs: 0 },
    },
    journal: [],
    kmsg: [],
    containers: [],
    sandboxes: [],
    images: [],
    nextPid: 3000 + (hashString(`p${n.name}`) % 500),
  };
  bootLogs(host, n, cpu.modelName, flags, containerdPid);
  return host;
}

function bootLogs(host: Host, n: NodeSpec, model: string, flags: string[], containerdPid: number): void {
  const k = (ms: number, text: string, level = 6) => {
    host.kmsg.push({ at: host.bootAt + ms, level, text });
    host.journal.push({ at: host.bootAt + Math.max(ms, 2 * SECOND), ident: 'kernel', priority: level, message: text });
  };
  k(0, `Linux version ${host.kernelRelease} (buildd@lcy02-amd64-011) (x86_64-linux-gnu-gcc-12 (Ubuntu 12.3.0-1ubuntu1~22.04) 12.3.0, GNU ld (GNU Binutils for Ubuntu) 2.38) ${host.kernelBuild} (Ubuntu ${host.kernelRelease.replace('-aws', '')}.23~22.04.1-aws 6.8.12)`, 5);
  k(0, `Command line: BOOT_IMAGE=/boot/vmlinuz-${host.kernelRelease} root=PARTUUID=${hexOf(`part/${n.name}`, 8)}-01 ro console=tty1 console=ttyS0 nvme_core.io_timeout=4294967295 panic=-1`);
  k(1, "x86/fpu: Supporting XSAVE feature 0x001: 'x87 floating point registers'");
  k(1, "x86/fpu: Supporting XSAVE feature 0x002: 'SSE registers'");
  k(1, "x86/fpu: Supporting XSAVE feature 0x004: 'AVX registers'");
  if (flags.includes('avx512f')) {
    k(1, "x86/fpu: Supporting XSAVE feature 0x020: 'AVX-512 opmask'");
    k(1, "x86/fpu: Supporting XSAVE feature 0x040: 'AVX-512 Hi256'");
    k(1, "x86/fpu: Supporting XSAVE feature 0x080: 'AVX-512 ZMM_Hi256'");
    k(1, "x86/fpu: Enabled xstate features 0x2e7, context size is 2440 bytes, using 'compacted' format.");
  } else {
    k(1, "x86/fpu: Enabled xstate features 0x7, context size is 832 bytes, using 'compacted' format.");
  }
  k(4, `DMI: Amazon EC2 ${n.instanceType}/, BIOS 1.0 10/16/2017`);
  k(180, `smpboot: CPU0: ${model} (family: 0x${(host.cpu.family).toString(16)}, model: 0x${host.cpu.model.toString(16)}, stepping: 0x${host.cpu.stepping.toString(16)})`);
  k(420, `smp: Brought up 1 node, ${host.cpu.cores} CPUs`);
  k(1900, 'nvme nvme0: 2/0/0 default/read/poll queues');
  k(2400, 'EXT4-fs (nvme0n1p1): mounted filesystem with ordered data mode. Quota mode: none.');
  k(4100, 'ena 0000:00:05.0: Elastic Network Adapter (ENA) v2.8.0g');
  k(9200, 'Initializing XFRM netlink socket');
  k(9300, 'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready');
  const j = (ms: number, ident: string, pid: number | undefined, message: string, unit?: string, priority = 6) =>
    host.journal.push({ at: host.bootAt + ms, ident, unit, pid, priority, message });
  j(9 * SECOND, 'systemd', 1, 'Starting containerd container runtime...');
  j(9 * SECOND + 400, 'containerd', containerdPid, `time="${rfc3339(host.bootAt + 9 * SECOND)}" level=info msg="containerd successfully booted in 0.061034s"`, 'containerd.service');
  j(9 * SECOND + 420, 'systemd', 1, 'Started containerd container runtime.');
  j(14 * SECOND, 'systemd', 1, 'Started Kubernetes Kubelet.');
  const klog = (ms: number, sev: 'I' | 'W' | 'E', where: string, msg: string) => kubeletLog(host, host.bootAt + ms, sev, where, msg);
  klog(14 * SECOND + 300, 'I', 'server.go:486', `"Kubelet version" kubeletVersion="v1.31.4"`);
  klog(14 * SECOND + 310, 'I', 'server.go:488', `"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""`);
  klog(14 * SECOND + 900, 'I', 'kuberuntime_manager.go:262', `"Container runtime initialized" containerRuntime="containerd" version="1.7.24" apiVersion="v1"`);
  klog(15 * SECOND, 'W', 'probe.go:272', `"Flexvolume plugin directory not found. Skipping." path="/usr/libexec/kubernetes/kubelet-plugins/volume/exec/"`);
  klog(16 * SECOND, 'I', 'kubelet_node_status.go:75', `"Attempting to register node" node="${n.name}"`);
  klog(16 * SECOND + 500, 'I', 'kubelet_node_status.go:78', `"Successfully registered node" node="${n.name}"`);
  klog(52 * SECOND + 41 * SECOND, 'I', 'kubelet_node_status.go:493', `"Fast updating node status as it just became ready"`);
}
