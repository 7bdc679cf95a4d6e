import { z } from 'zod';
import type { EtcdCluster, EtcdMember } from '../model/etcd.ts';
import type { BlockDevice, Host } from '../model/host.ts';
import type { ImageBehaviour } from '../model/state.ts';
import { quantityNumber } from '../model/quantity.ts';
import { FSYNC_BUCKETS_S } from '../sim/etcd/latency.ts';
import { hashString } from '../sim/rng.ts';
import { staticPodManifest, type StaticPodSpec } from '../sim/staticPods.ts';
import { parseDuration } from '../time.ts';
import type { Pod } from '../model/k8s.ts';

/**
 * The `cluster.controlPlane` section: a self-managed (kubeadm) control plane whose nodes carry
 * the `control-plane` role and run etcd, kube-apiserver, kube-controller-manager and
 * kube-scheduler as static pods; the etcd cluster's starting figures; and the disks (`disks:` on
 * a node) etcd's data lives on. See scenarios/README.md.
 */

const bytes = z.string().refine((s) => quantityNumber(s) > 0, { message: 'expected a size such as 420Mi or 1.2Gi' });
const ms = z.string().refine((s) => parseDuration(s) !== undefined, { message: 'expected a duration such as 4ms or 250ms' });

/** A node's extra block device (`disks:` on a node entry), with its steady I/O figures. */
export const diskSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9]*$/, { message: 'expected a kernel device name such as nvme1n1 or xvdf' }),
  mount: z.string().startsWith('/', { message: 'expected an absolute mount point such as /var/lib/etcd' }),
  size: z.string(),
  fsyncP50: ms,
  fsyncP99: ms,
  writesPerSec: z.number().nonnegative(),
  writeKBps: z.number().nonnegative(),
  writeMBps: z.number().positive(),
  utilPct: z.number().min(0).max(100),
}).strict();

/** What a history step `setDisk` may change on a device. */
export const diskPatchSchema = z.object({
  fsyncP50: ms.optional(),
  fsyncP99: ms.optional(),
  writesPerSec: z.number().nonnegative().optional(),
  writeKBps: z.number().nonnegative().optional(),
  writeMBps: z.number().positive().optional(),
  utilPct: z.number().min(0).max(100).optional(),
}).strict();

export const controlPlaneSchema = z.object({
  /** The API server endpoint kubelets and kubectl use (a load balancer in front of the three). */
  endpoint: z.string().regex(/^https:\/\/[\d.]+:\d+$/, { message: 'expected https://IP:PORT, e.g. https://10.0.1.10:6443' }),
  etcd: z.object({
    version: z.string().regex(/^3\.\d+\.\d+$/, { message: 'expected an etcd version such as 3.5.15' }),
    leader: z.string(),
    liveBytes: bytes,
    historyBytes: bytes,
    dbSize: bytes,
    quotaBackendBytes: bytes.optional(),
    revision: z.number().int().positive(),
    raftTerm: z.number().int().positive(),
    raftIndex: z.number().int().positive(),
  }).strict(),
}).strict();

export type ControlPlaneSpec = z.infer<typeof controlPlaneSchema>;
export type DiskSpec = z.infer<typeof diskSchema>;

/** A device's BlockDevice from its scenario entry (reads light, flushes about as often as writes). */
export function blockDeviceOf(d: DiskSpec): BlockDevice {
  const p50 = parseDuration(d.fsyncP50)!;
  return {
    name: d.name, readsPerSec: 0.6, writesPerSec: d.writesPerSec, readKBps: 14.2, writeKBps: d.writeKBps,
    readAwaitMs: 0.4 + p50 / 20, writeAwaitMs: p50 * 0.9, flushesPerSec: Math.round(d.writesPerSec * 0.55 * 100) / 100,
    fsyncP50Ms: p50, fsyncP99Ms: parseDuration(d.fsyncP99)!, writeMBps: d.writeMBps, utilPct: d.utilPct,
  };
}

/** The patch a `setDisk` history step makes to a BlockDevice. */
export function blockDevicePatch(p: z.infer<typeof diskPatchSchema>): Partial<Omit<BlockDevice, 'name'>> {
  const out: Partial<Omit<BlockDevice, 'name'>> = {};
  if (p.fsyncP50) { out.fsyncP50Ms = parseDuration(p.fsyncP50)!; out.writeAwaitMs = out.fsyncP50Ms * 0.9; out.readAwaitMs = 0.4 + out.fsyncP50Ms / 20; }
  if (p.fsyncP99) out.fsyncP99Ms = parseDuration(p.fsyncP99)!;
  if (p.writesPerSec !== undefined) { out.writesPerSec = p.writesPerSec; out.flushesPerSec = Math.round(p.writesPerSec * 0.55 * 100) / 100; }
  if (p.writeKBps !== undefined) out.writeKBps = p.writeKBps;
  if (p.writeMBps !== undefined) out.writeMBps = p.writeMBps;
  if (p.utilPct !== undefined) out.utilPct = p.utilPct;
  return out;
}

/** The root disk every node has (`iostat` lists it): light, fast. */
export function rootBlockDevice(device: string): BlockDevice {
  const name = device.replace(/^\/dev\//, '').replace(/p\d+$/, '');
  return { name, readsPerSec: 1.1, writesPerSec: 6.4, readKBps: 31.5, writeKBps: 88.7, readAwaitMs: 0.52, writeAwaitMs: 1.1, flushesPerSec: 1.2, fsyncP50Ms: 0.9, fsyncP99Ms: 3.1, writeMBps: 250, utilPct: 0.9 };
}

/** 16 hex digits from a seed, never starting with 0 (etcdctl prints ids with %x, unpadded). */
const hex16 = (seed: string) => {
  const h = hashString(seed).toString(16).padStart(8, '0') + hashString(`${seed}#`).toString(16).padStart(8, '0');
  return (h[0] === '0' ? '8' : h[0]) + h.slice(1);
};

interface CpNode { name: string; ip: string }

/** The etcd member id of a control-plane node (real etcd derives it from the peer URLs, so it changes with the IP). */
export const etcdMemberId = (n: CpNode) => hex16(`etcd-member/${n.name}/${n.ip}`);

/** The etcd cluster at the start of the history: one member per control-plane node. */
export function buildEtcd(cp: ControlPlaneSpec, nodes: readonly CpNode[], etcdDevice: (node: string) => string, at: number): EtcdCluster {
  const e = cp.etcd;
  const live = quantityNumber(e.liveBytes);
  const history = quantityNumber(e.historyBytes);
  const members: EtcdMember[] = nodes.map((n) => ({
    id: etcdMemberId(n),
    name: n.name, host: n.name, device: etcdDevice(n.name),
    peerURL: `https://${n.ip}:2380`, clientURL: `https://${n.ip}:2379`,
    started: true, isLearner: false,
    dbSizeBytes: quantityNumber(e.dbSize) + (hashString(n.name) % 4) * 4096, dbInUseBytes: live + history,
    startedAt: at,
    counters: { slowApplies: 0, leaderChanges: 1, heartbeatFailures: 0, proposalsFailed: 0 },
    walFsync: { buckets: FSYNC_BUCKETS_S.map(() => 0), count: 0, sumSeconds: 0 },
  }));
  const leader = members.find((m) => m.name === e.leader);
  return {
    clusterId: hex16(`etcd-cluster/${nodes.map((n) => n.name).join(',')}`),
    version: e.version, members, leader: leader?.id,
    raftTerm: e.raftTerm, raftIndex: e.raftIndex, revision: e.revision, compactRevision: e.revision - 41_000,
    liveBytes: live, historyBytes: history,
    quotaBackendBytes: e.quotaBackendBytes ? quantityNumber(e.quotaBackendBytes) : 2 * 1024 ** 3,
    alarms: [], steppedAt: at, apiServerURL: cp.endpoint, clientCertAuth: true,
  };
}

/** Image behaviours of the control-plane components, so their containers log as they start. */
export function controlPlaneImages(serverVersion: string, etcdVersion: string): ImageBehaviour[] {
  const img = (ref: string, binary: string, cpu: number, mem: number, logs: string[]): ImageBehaviour => ({
    ref, digest: `sha256:${hex16(ref)}${hex16(`${ref}/2`)}${hex16(`${ref}/3`)}${hex16(`${ref}/4`)}`, sizeBytes: 30_000_000 + (hashString(ref) % 60_000_000), binary, shell: false,
    startupLogs: logs.map((text, i) => ({ afterMs: i * 40, stream: 'stderr' as const, text })), memoryMi: mem, cpuMillicores: cpu,
  });
  return [
    img(`registry.k8s.io/etcd:${etcdVersion}-0`, '/usr/local/bin/etcd', 190, 460, [
      `{"level":"info","ts":"{ts}","caller":"embed/etcd.go:128","msg":"configuring peer listeners","listen-peer-urls":["https://{ip}:2380"]}`,
      `{"level":"info","ts":"{ts}","caller":"embed/etcd.go:311","msg":"starting an etcd server","etcd-version":"${etcdVersion}","name":"{node}","data-dir":"/var/lib/etcd","quota-backend-bytes":2147483648}`,
      `{"level":"info","ts":"{ts}","caller":"embed/etcd.go:857","msg":"serving metrics","address":"http://127.0.0.1:2381"}`,
    ]),
    img(`registry.k8s.io/kube-apiserver:${serverVersion}`, '/usr/local/bin/kube-apiserver', 260, 980, [
      `I0000 00:00:00.000000       1 options.go:228] external host was not specified, using {ip}`,
      `I0000 00:00:00.000000       1 server.go:142] Version: ${serverVersion}`,
    ]),
    img(`registry.k8s.io/kube-controller-manager:${serverVersion}`, '/usr/local/bin/kube-controller-manager', 30, 95, [`I0000 00:00:00.000000       1 serving.go:386] Generated self-signed cert in-memory`]),
    img(`registry.k8s.io/kube-scheduler:${serverVersion}`, '/usr/local/bin/kube-scheduler', 6, 40, [`I0000 00:00:00.000000       1 serving.go:386] Generated self-signed cert in-memory`]),
  ];
}

/** The four kubeadm static pods of a control-plane node, as mirror pods. */
export function controlPlanePods(node: CpNode, nodeUid: string, all: readonly CpNode[], serverVersion: string, etcdVersion: string, endpoint: string): Pod[] {
  const cluster = all.map((n) => `${n.name}=https://${n.ip}:2380`).join(',');
  const specs: StaticPodSpec[] = [
    {
      component: 'etcd', node: node.name, image: `registry.k8s.io/etcd:${etcdVersion}-0`, requests: { cpu: '100m', memory: '100Mi' },
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${node.ip}:2379` },
      livenessPort: 2381, livenessPath: '/livez', livenessHost: '127.0.0.1', livenessScheme: 'HTTP',
      command: ['etcd', `--advertise-client-urls=https://${node.ip}:2379`, '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true', '--data-dir=/var/lib/etcd',
        '--experimental-initial-corrupt-check=true', '--experimental-watch-progress-notify-interval=5s', `--initial-advertise-peer-urls=https://${node.ip}:2380`, `--initial-cluster=${cluster}`,
        '--key-file=/etc/kubernetes/pki/etcd/server.key', `--listen-client-urls=https://127.0.0.1:2379,https://${node.ip}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${node.ip}:2380`, `--name=${node.name}`, '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt', '--peer-client-cert-auth=true',
        '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key', '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt', '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'],
    },
    {
      component: 'kube-apiserver', node: node.name, image: `registry.k8s.io/kube-apiserver:${serverVersion}`, requests: { cpu: '250m' },
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${node.ip}:6443` },
      livenessPort: 6443, livenessPath: '/livez', livenessHost: node.ip, livenessScheme: 'HTTPS',
      command: ['kube-apiserver', `--advertise-address=${node.ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC', '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--enable-admission-plugins=NodeRestriction', '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt', '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
        '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key', '--etcd-servers=https://127.0.0.1:2379', '--secure-port=6443', '--service-cluster-ip-range=10.96.0.0/12',
        `--service-account-issuer=https://kubernetes.default.svc.cluster.local`, '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key'],
    },
    {
      component: 'kube-controller-manager', node: node.name, image: `registry.k8s.io/kube-controller-manager:${serverVersion}`, requests: { cpu: '200m' },
      livenessPort: 10257, livenessPath: '/healthz', livenessHost: '127.0.0.1', livenessScheme: 'HTTPS',
      command: ['kube-controller-manager', '--bind-address=127.0.0.1', '--cluster-cidr=10.244.0.0/16', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true', '--node-monitor-grace-period=40s', '--use-service-account-credentials=true'],
    },
    {
      component: 'kube-scheduler', node: node.name, image: `registry.k8s.io/kube-scheduler:${serverVersion}`, requests: { cpu: '100m' },
      livenessPort: 10259, livenessPath: '/healthz', livenessHost: '127.0.0.1', livenessScheme: 'HTTPS',
      command: ['kube-scheduler', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
    },
  ];
  void endpoint;
  return specs.map((s) => staticPodManifest(s, nodeUid));
}

/** Files kubeadm leaves on a control-plane node: the static pod manifests and the etcd PKI. */
export function controlPlaneFiles(node: CpNode, pods: readonly Pod[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const p of pods) {
    const c = p.spec.containers[0];
    const component = p.metadata.labels!.component;
    files[`/etc/kubernetes/manifests/${component}.yaml`] = [
      'apiVersion: v1', 'kind: Pod', 'metadata:',
      ...Object.entries(p.metadata.annotations ?? {}).filter(([k]) => k.startsWith('kubeadm')).flatMap(([k, v], i) => [...(i === 0 ? ['  annotations:'] : []), `    ${k}: ${v}`]),
      '  labels:', `    component: ${component}`, '    tier: control-plane', `  name: ${component}`, '  namespace: kube-system', 'spec:', '  containers:', '  - command:',
      ...(c.command ?? []).map((a) => `    - ${a}`),
      `    image: ${c.image}`, '    imagePullPolicy: IfNotPresent', `    name: ${component}`, '    resources:', '      requests:',
      ...Object.entries(c.resources?.requests ?? {}).map(([k, v]) => `        ${k}: ${v}`),
      ...(component === 'etcd' ? ['    volumeMounts:', '    - mountPath: /var/lib/etcd', '      name: etcd-data', '    - mountPath: /etc/kubernetes/pki/etcd', '      name: etcd-certs'] : []),
      '  hostNetwork: true', '  priority: 2000001000', '  priorityClassName: system-node-critical', '  securityContext:', '    seccompProfile:', '      type: RuntimeDefault',
      ...(component === 'etcd' ? ['  volumes:', '  - hostPath:', '      path: /etc/kubernetes/pki/etcd', '      type: DirectoryOrCreate', '    name: etcd-certs', '  - hostPath:', '      path: /var/lib/etcd', '      type: DirectoryOrCreate', '    name: etcd-data'] : []),
      'status: {}', '',
    ].join('\n');
  }
  const pem = (what: string) => `-----BEGIN ${what}-----\n${btoaLike(`${node.name}/${what}`)}\n-----END ${what}-----\n`;
  for (const f of ['ca', 'server', 'peer', 'healthcheck-client']) {
    files[`/etc/kubernetes/pki/etcd/${f}.crt`] = pem('CERTIFICATE');
    files[`/etc/kubernetes/pki/etcd/${f}.key`] = pem('RSA PRIVATE KEY');
  }
  // etcd-client's etcdctl, installed by the team on control-plane nodes (kubeadm does not ship it).
  files['/usr/local/bin/etcdctl'] = '\x7fELF';
  files['/etc/kubernetes/pki/apiserver-etcd-client.crt'] = pem('CERTIFICATE');
  files['/etc/kubernetes/pki/apiserver-etcd-client.key'] = pem('RSA PRIVATE KEY');
  return files;
}

/** A stable base64-looking body for a fake PEM block. */
function btoaLike(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  let h = hashString(seed);
  for (let i = 0; i < 64; i++) { h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0; out += alphabet[h % 64]; }
  return out;
}

/** Adds the node's block devices (root disk plus `disks:`) to its host, and mounts the extra ones. */
export function addDisks(host: Host, rootDevice: string, disks: readonly DiskSpec[]): void {
  host.blockDevices = [rootBlockDevice(rootDevice), ...disks.map(blockDeviceOf)];
  for (const d of disks) {
    const size = quantityNumber(d.size.replace(/([KMGT])$/, '$1i'));
    host.filesystems.push({ source: `/dev/${d.name}`, fstype: 'ext4', mount: d.mount, sizeBytes: size, usedBytes: Math.round(size * 0.031), inodes: 6_553_600, inodesUsed: 57 });
  }
}
