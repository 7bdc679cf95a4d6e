import type { Host } from '../model/host.ts';

/**
 * Kernel parameters under /proc/sys on a Kubernetes node (Ubuntu, kernel 5.15/6.x) beyond the
 * ones proc.ts renders from the host model: the values kubelet requires with
 * `protectKernelDefaults` (vm.overcommit_memory=1, kernel.panic=10, kernel.panic_on_oops=1),
 * what the CNI and kube-proxy need (ip_forward, bridge netfilter), and the usual limits people
 * check in an incident (file handles, inotify, conntrack, somaxconn, swappiness).
 */
export function sysctlFiles(host: Host): [string, () => string][] {
  const memKb = host.memoryKb.total;
  const table: Record<string, string> = {
    'fs/file-max': '9223372036854775807',
    'fs/file-nr': `${3200 + host.containers.length * 180}\t0\t9223372036854775807`,
    'fs/inotify/max_user_instances': '8192',
    'fs/inotify/max_user_watches': '524288',
    'fs/nr_open': '1048576',
    'kernel/panic_on_oops': '1',
    'kernel/keys/root_maxkeys': '1000000',
    'kernel/keys/root_maxbytes': '25000000',
    'kernel/threads-max': String(Math.floor(memKb / 128)),
    'net/bridge/bridge-nf-call-ip6tables': '1',
    'net/bridge/bridge-nf-call-iptables': '1',
    'net/core/somaxconn': '4096',
    'net/ipv4/conf/all/forwarding': '1',
    'net/ipv4/conf/all/rp_filter': '2',
    'net/ipv4/ip_forward': '1',
    'net/ipv4/ip_local_port_range': '32768\t60999',
    'net/ipv4/tcp_keepalive_time': '7200',
    'net/netfilter/nf_conntrack_max': String(Math.max(131072, host.cpu.cores * 32768)),
    'net/netfilter/nf_conntrack_count': String(180 + host.containers.length * 40),
    'net/netfilter/nf_conntrack_tcp_timeout_established': '86400',
    'vm/dirty_ratio': '20',
    'vm/dirty_background_ratio': '10',
    'vm/max_map_count': '262144',
    'vm/min_free_kbytes': String(Math.round(Math.sqrt(memKb * 16))),
    'vm/overcommit_memory': '1',
    'vm/overcommit_ratio': '50',
    'vm/panic_on_oom': '0',
    'vm/swappiness': '60',
  };
  return Object.entries(table).map(([k, v]) => [`/proc/sys/${k}`, () => `${v}\n`]);
}
