import type { Host } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';

/**
 * The container runtime's own configuration on a node: containerd 1.7 with the CRI plugin, runc
 * through the systemd cgroup driver (matching kubelet's `cgroupDriver: systemd`), the pause image
 * kubeadm pins, registry hosts under /etc/containerd/certs.d. `/etc/containerd/config.toml` and
 * `crictl info`'s `config` are both rendered from these facts, so they never disagree.
 */
export const CONTAINERD = {
  sandboxImage: 'registry.k8s.io/pause:3.10',
  snapshotter: 'overlayfs',
  runtimeType: 'io.containerd.runc.v2',
  systemdCgroup: true,
  cniBinDir: '/opt/cni/bin',
  cniConfDir: '/etc/cni/net.d',
  registryConfigPath: '/etc/containerd/certs.d',
  maxContainerLogLineSize: 16384,
  maxConcurrentDownloads: 3,
} as const;

/** containerd's version on the node (`1.7.24`), from what kubelet reports in the Node's nodeInfo. */
export function containerdVersion(state: ClusterState, host: Host): string {
  const v = Object.hasOwn(state.nodes, host.name) ? state.nodes[host.name].status?.nodeInfo?.containerRuntimeVersion : undefined;
  return /containerd:\/\/v?([\w.-]+)/.exec(v ?? '')?.[1] ?? '1.7.24';
}

/** `/etc/containerd/config.toml` (config version 2, as containerd 1.7 reads it), the file a node image ships. */
export function containerdConfigToml(): string {
  const c = CONTAINERD;
  return `version = 2
root = "/var/lib/containerd"
state = "/run/containerd"

[grpc]
  address = "/run/containerd/containerd.sock"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${c.sandboxImage}"
  max_container_log_line_size = ${c.maxContainerLogLineSize}
  max_concurrent_downloads = ${c.maxConcurrentDownloads}

[plugins."io.containerd.grpc.v1.cri".containerd]
  default_runtime_name = "runc"
  discard_unpacked_layers = true
  snapshotter = "${c.snapshotter}"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
  runtime_type = "${c.runtimeType}"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
  SystemdCgroup = ${c.systemdCgroup}

[plugins."io.containerd.grpc.v1.cri".cni]
  bin_dir = "${c.cniBinDir}"
  conf_dir = "${c.cniConfDir}"

[plugins."io.containerd.grpc.v1.cri".registry]
  config_path = "${c.registryConfigPath}:/etc/docker/certs.d"
`;
}

/**
 * The CRI plugin's `Status` answer with verbose info, as `crictl info` assembles it (cri-tools
 * util.go outputStatusInfo): `status` (RuntimeReady, NetworkReady), then containerd 1.7's info
 * keys in sorted order — `cniconfig`, `config` (the CRI plugin configuration in its JSON field
 * names; note the deprecated top-level `systemdCgroup` stays false while runc's option is true),
 * `golang`, `lastCNILoadStatus`, `lastCNILoadStatus.default`.
 */
export function criStatusInfo(): Record<string, unknown> {
  const c = CONTAINERD;
  const cond = (type: string) => ({ type, status: true, reason: '', message: '' });
  return {
    status: { conditions: [cond('RuntimeReady'), cond('NetworkReady')] },
    cniconfig: {
      PluginDirs: [c.cniBinDir], PluginConfDir: c.cniConfDir, PluginMaxConfNum: 1, Prefix: 'eth',
      Networks: [{ Config: { Name: 'cni-loopback', CNIVersion: '0.3.1', Plugins: [{ Network: { type: 'loopback', ipam: {}, dns: {} }, Source: '{"type":"loopback"}' }], Source: '{\n"cniVersion": "0.3.1",\n"name": "cni-loopback",\n"plugins": [{\n  "type": "loopback"\n}]\n}' }, IFName: 'lo' }],
    },
    config: {
      containerd: {
        snapshotter: c.snapshotter, defaultRuntimeName: 'runc',
        runtimes: { runc: { runtimeType: c.runtimeType, runtimePath: '', PodAnnotations: null, ContainerAnnotations: null, options: { BinaryName: '', CriuImagePath: '', CriuPath: '', CriuWorkPath: '', IoGid: 0, IoUid: 0, NoNewKeyring: false, NoPivotRoot: false, Root: '', ShimCgroup: '', SystemdCgroup: c.systemdCgroup }, privileged_without_host_devices: false, privileged_without_host_devices_all_devices_allowed: false, baseRuntimeSpec: '', cniConfDir: '', cniMaxConfNum: 0, snapshotter: '', sandboxMode: 'podsandbox' } },
        noPivot: false, disableSnapshotAnnotations: true, discardUnpackedLayers: true, ignoreBlockIONotEnabledErrors: false, ignoreRdtNotEnabledErrors: false,
      },
      cni: { binDir: c.cniBinDir, confDir: c.cniConfDir, maxConfNum: 1, setupSerially: false, confTemplate: '', ipPref: '' },
      registry: { configPath: `${c.registryConfigPath}:/etc/docker/certs.d`, mirrors: null, configs: null, auths: null, headers: null },
      imageDecryption: { keyModel: 'node' },
      disableTCPService: true, streamServerAddress: '127.0.0.1', streamServerPort: '0', streamIdleTimeout: '4h0m0s', enableSelinux: false, selinuxCategoryRange: 1024,
      sandboxImage: c.sandboxImage, statsCollectPeriod: 10, systemdCgroup: false, enableTLSStreaming: false,
      x509KeyPairStreaming: { tlsCertFile: '', tlsKeyFile: '' },
      maxContainerLogSize: c.maxContainerLogLineSize, disableCgroup: false, disableApparmor: false, restrictOOMScoreAdj: false, maxConcurrentDownloads: c.maxConcurrentDownloads,
      disableProcMount: false, unsetSeccompProfile: '', tolerateMissingHugetlbController: true, disableHugetlbController: true, device_ownership_from_security_context: false,
      ignoreImageDefinedVolumes: false, netnsMountsUnderStateDir: false, enableUnprivilegedPorts: true, enableUnprivilegedICMP: true, enableCDI: false, cdiSpecDirs: ['/etc/cdi', '/var/run/cdi'],
      imagePullProgressTimeout: '5m0s', drainExecSyncIOTimeout: '0s', imagePullWithSyncFs: false, ignoreDeprecationWarnings: null,
      containerdRootDir: '/var/lib/containerd', containerdEndpoint: '/run/containerd/containerd.sock', rootDir: '/var/lib/containerd/io.containerd.grpc.v1.cri', stateDir: '/run/containerd/io.containerd.grpc.v1.cri',
    },
    golang: 'go1.22.10',
    lastCNILoadStatus: 'OK',
    'lastCNILoadStatus.default': 'OK',
  };
}

/** /etc/resolv.conf on an Ubuntu node: systemd-resolved's stub, searching the VPC's DNS domain. */
export function nodeResolvConf(region: string): string {
  return [
    '# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).', '# Do not edit.', '#',
    "# This file might be symlinked as /etc/resolv.conf. If you're looking at", '# /etc/resolv.conf and seeing this text, you have followed the symlink.', '#',
    '# This is a dynamic resolv.conf file for connecting local clients to the', '# internal DNS stub resolver of systemd-resolved. This file lists all', '# configured search domains.', '#',
    '# Run "resolvectl status" to see details about the uplink DNS servers', '# currently in use.', '#',
    '# Third party programs should typically not access this file directly, but only', '# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a',
    '# different way, replace this symlink by a static file or a different symlink.', '#', '# See man:systemd-resolved.service(8) for details about the supported modes of',
    '# operation for /etc/resolv.conf.', '', 'nameserver 127.0.0.53', 'options edns0 trust-ad', `search ${region}.compute.internal`, '',
  ].join('\n');
}

/** /etc/hosts as Ubuntu's cloud image writes it. */
export const NODE_ETC_HOSTS = '127.0.0.1 localhost\n\n# The following lines are desirable for IPv6 capable hosts\n::1 ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\nff02::3 ip6-allhosts\n';
