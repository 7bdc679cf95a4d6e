import type { Host } from '../model/host.ts';
import type { ClusterState } from '../model/state.ts';
import type { Process } from './processes.ts';

/**
 * The sockets of a node's network namespace, derived from its process table (`ss`, `lsof -i`,
 * `/proc/net/tcp` read this; nothing stores it). Only processes in the host's network namespace
 * own them: systemd units (kubelet, containerd), hostNetwork pods (kube-proxy, the control
 * plane's static pods) and the learner's sshd session; a pod's own sockets live in its netns and
 * are not here, as on a real node. Listening addresses are those the components bind by default
 * (kubeadm 1.31): kubelet 127.0.0.1:10248 and *:10250, kube-proxy 127.0.0.1:10249 and *:10256,
 * etcd 2379/2380 (+127.0.0.1:2381 metrics), kube-apiserver *:6443, controller-manager
 * 127.0.0.1:10257, scheduler 127.0.0.1:10259. Established connections are the long-lived ones
 * every cluster has: each node's kubelet and kube-proxy to the API server, the control-plane
 * components to theirs, the API server to its local etcd, etcd to its peers.
 */
export interface HostSocket {
  proto: 'tcp' | 'udp' | 'unix';
  /** ss's state names: LISTEN, ESTAB (TCP), UNCONN (UDP). */
  state: 'LISTEN' | 'ESTAB' | 'UNCONN';
  /** IPv6 wildcard listeners (Go's `:port`) print as `*`; `v6` says lsof's TYPE is IPv6. */
  local: { ip: string; port: number | string };
  peer: { ip: string; port: number | string };
  v6: boolean;
  /** Listen backlog (Send-Q of a LISTEN socket). */
  backlog: number;
  pid: number;
  comm: string;
  fd: number;
  inode: number;
}

/** A small deterministic hash, for ephemeral ports and inode numbers that stay put between calls. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** An ephemeral port in Linux's default range (32768–60999), fixed per connection name. */
export const ephemeralPort = (conn: string) => 32768 + (hash(conn) % 28232);

/** The API server address a node's components dial: its own on a control-plane node, else the first control-plane node's. */
export function apiServerIp(state: ClusterState, host: Host): string | undefined {
  const cps = Object.values(state.nodes).filter((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined).map((n) => n.metadata.name).sort();
  if (cps.includes(host.name)) return host.ip;
  const first = cps.find((n) => Object.hasOwn(state.hosts, n));
  return first ? state.hosts[first].ip : undefined;
}

/** The node names whose kubelet/kube-proxy dial `cpIp`, for the API server's accepted connections. */
function clientsOf(state: ClusterState, cpIp: string): Host[] {
  return Object.values(state.hosts).filter((h) => h.kind === 'node' && apiServerIp(state, h) === cpIp).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** containerd's CRI socket, which kubelet and crictl dial. */
export const CONTAINERD_SOCK = '/run/containerd/containerd.sock';

const comp = (p: Process) => p.comm.replace(/^kube-controller$/, 'kube-controller-manager');

/**
 * Every socket of the host's network namespace at `state.now`. `procs` is the process table the
 * caller prints beside it (processTable plus the session's processes), so pids agree with `ps`.
 */
export function socketTable(state: ClusterState, host: Host, procs: readonly Process[]): HostSocket[] {
  const out: HostSocket[] = [];
  const api = apiServerIp(state, host);
  const ip = host.ip;
  const inode = (what: string) => 20000 + (hash(`${host.name}/${what}`) % 900000);
  // One stream connection over a unix socket: the client's end (`*`, unnamed) and the server's (the socket's path).
  const unixConn = (path: string, conn: string, pid: number, comm: string, fd: number, server = false) => {
    const [mine, theirs] = server ? [inode(`${conn}/s`), inode(`${conn}/c`)] : [inode(`${conn}/c`), inode(`${conn}/s`)];
    out.push({ proto: 'unix', state: 'ESTAB', local: { ip: path, port: mine }, peer: { ip: '*', port: theirs }, v6: false, backlog: 0, pid, comm, fd, inode: mine });
  };
  for (const proc of procs) {
    // The kernel's comm of sshd's session process is `sshd`, whatever its title says.
    const p = proc.args.startsWith('sshd:') ? { ...proc, comm: 'sshd' } : proc;
    let fd = 7;
    const listen = (lip: string, port: number, v6 = false) => out.push({ proto: 'tcp', state: 'LISTEN', local: { ip: lip, port }, peer: { ip: v6 ? '*' : '0.0.0.0', port: '*' }, v6, backlog: 4096, pid: p.pid, comm: p.comm, fd: fd++, inode: inode(`${p.pid}/${lip}:${port}`) });
    const estab = (lip: string, lport: number, rip: string, rport: number) => out.push({ proto: 'tcp', state: 'ESTAB', local: { ip: lip, port: lport }, peer: { ip: rip, port: rport }, v6: false, backlog: 0, pid: p.pid, comm: p.comm, fd: fd++, inode: inode(`${p.pid}/${lip}:${lport}>${rip}:${rport}`) });
    const toApi = (who: string) => { if (api) estab(ip, ephemeralPort(`${host.name}/${who}`), api, 6443); };
    switch (comp(p)) {
      case 'kubelet': listen('127.0.0.1', 10248); listen('*', 10250, true); toApi('kubelet'); unixConn('*', 'kubelet-cri', p.pid, p.comm, fd++); break;
      case 'containerd':
        listen('127.0.0.1', 30000 + (hash(`${host.name}/cri-stream`) % 20000));
        for (const path of [CONTAINERD_SOCK, `${CONTAINERD_SOCK}.ttrpc`]) out.push({ proto: 'unix', state: 'LISTEN', local: { ip: path, port: inode(path) }, peer: { ip: '*', port: 0 }, v6: false, backlog: 4096, pid: p.pid, comm: p.comm, fd: fd++, inode: inode(path) });
        if (procs.some((x) => x.comm === 'kubelet')) unixConn(CONTAINERD_SOCK, 'kubelet-cri', p.pid, p.comm, fd++, true);
        break;
      case 'kube-proxy': listen('127.0.0.1', 10249); listen('*', 10256, true); toApi('kube-proxy'); break;
      case 'kube-controller-manager': listen('127.0.0.1', 10257); toApi('kube-controller-manager'); break;
      case 'kube-scheduler': listen('127.0.0.1', 10259); toApi('kube-scheduler'); break;
      case 'etcd': {
        listen('127.0.0.1', 2379); listen(ip, 2379); listen(ip, 2380); listen('127.0.0.1', 2381);
        estab('127.0.0.1', 2379, '127.0.0.1', ephemeralPort(`${host.name}/apiserver-etcd`));
        for (const peer of Object.values(state.hosts)) {
          if (peer.name === host.name || !procsRunEtcd(state, peer)) continue;
          estab(ip, 2380, peer.ip, ephemeralPort(`${peer.name}>${host.name}/etcd-peer`));
          estab(ip, ephemeralPort(`${host.name}>${peer.name}/etcd-peer`), peer.ip, 2380);
        }
        break;
      }
      case 'kube-apiserver': {
        listen('*', 6443, true);
        if (procs.some((x) => x.comm === 'etcd')) estab('127.0.0.1', ephemeralPort(`${host.name}/apiserver-etcd`), '127.0.0.1', 2379);
        for (const c of clientsOf(state, ip)) {
          for (const who of ['kubelet', 'kube-proxy', ...(c.name === host.name ? ['kube-controller-manager', 'kube-scheduler'] : [])]) {
            out.push({ proto: 'tcp', state: 'ESTAB', local: { ip: `[::ffff:${ip}]`, port: 6443 }, peer: { ip: `[::ffff:${c.ip}]`, port: ephemeralPort(`${c.name}/${who}`) }, v6: true, backlog: 0, pid: p.pid, comm: p.comm, fd: fd++, inode: inode(`${c.name}/${who}`) });
          }
        }
        break;
      }
      default:
        if (p.args === 'sshd: root@pts/0' && host.lastLogin) estab(ip, 22, host.lastLogin.from, ephemeralPort(`${host.name}/ssh/${host.lastLogin.at}`));
    }
  }
  return out;
}

/** Whether a node runs etcd (a control-plane node whose etcd container is running). */
function procsRunEtcd(state: ClusterState, host: Host): boolean {
  return host.containers.some((c) => c.name === 'etcd' && c.state === 'CONTAINER_RUNNING') && state.hosts[host.name] === host;
}
