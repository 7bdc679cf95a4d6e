import type { ShellFrame } from '../commands/types.ts';
import type { RuntimeContainer } from '../model/host.ts';
import type { Container, Pod } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { isDirectory, listDirectory, readHostFile, resolvePath } from '../host/files.ts';
import type { Host } from '../model/host.ts';

/**
 * What a shell inside a pod's container sees (a `debug` frame: `kubectl debug -it --image=busybox
 * --target=app`, or `kubectl exec -it … -- sh`): its own image's filesystem, the pod's network
 * (cluster DNS from /etc/resolv.conf), and, with `--target`, the target container's processes,
 * whose PID 1 exposes the application's environment and root filesystem under /proc/1.
 *
 * The PID namespace is the target container's *current* process: while the target crash-loops
 * there is nothing to join between two attempts, so /proc/1 is then the debug shell itself.
 */
export interface ContainerView {
  pod: Pod;
  /** The container the shell runs in (ephemeral or regular). */
  self: { name: string; image: string };
  /** The application process visible as PID 1, when the target is running; undefined otherwise. */
  app?: { container: Container; runtime: RuntimeContainer; binary: string; user: string; distroless: boolean };
  /** Static files of this view: absolute path → content. */
  files: Map<string, string>;
  /**
   * For `kubectl debug node/X`: the node whose host namespaces the pod shares (its processes under
   * /proc, its name and network) and, when the profile mounts it, its root filesystem at /host.
   */
  node?: { state: ClusterState; host: Host; root: boolean };
}

const BUSYBOX_DIRS = ['/bin', '/dev', '/etc', '/home', '/lib', '/lib64', '/proc', '/root', '/sys', '/tmp', '/usr', '/usr/sbin', '/var', '/var/spool', '/var/www'];
const BUSYBOX_APPLETS = ['cat', 'env', 'hostname', 'id', 'ls', 'nc', 'nslookup', 'ps', 'sh', 'tr', 'wget', 'grep', 'head', 'tail', 'sort', 'wc', 'cut', 'awk', 'uniq', 'echo', 'date', 'uname', 'sleep', 'whoami', 'printenv', 'df', 'free', 'top', 'uptime', 'nproc', 'ip', 'dmesg', 'busybox'];

/** The cluster's DNS suffix and the kube-dns Service address every pod's resolv.conf names. */
export const CLUSTER_DOMAIN = 'cluster.local';
export const CLUSTER_DNS = '10.96.0.10';

/** The view for the top frame, or undefined when the frame is not inside a pod container. */
export function containerView(state: ClusterState, frame: ShellFrame): ContainerView | undefined {
  const d = frame.debug;
  if (frame.place !== 'debug' || !d) return undefined;
  if (!Object.hasOwn(state.pods, d.pod)) return undefined;
  const pod = state.pods[d.pod];
  // A node debugger in the host namespaces sees the node; under baseline or restricted it is an ordinary pod.
  if (d.nodeDebug && pod.spec.hostNetwork) return nodeDebugView(state, frame);
  const ns = pod.metadata.namespace ?? 'default';
  const regular = pod.spec.containers.find((c) => c.name === d.container);
  // `kubectl exec` into a regular container: the process tree is its own. An ephemeral one sees the
  // target's, and so does a container of a pod that shares its process namespace (`debug --copy-to`).
  const targetName = regular && !d.target ? regular.name : d.target;
  const target = targetName ? pod.spec.containers.find((c) => c.name === targetName) : undefined;
  const host = pod.spec.nodeName && Object.hasOwn(state.hosts, pod.spec.nodeName) ? state.hosts[pod.spec.nodeName] : undefined;
  const runtime = target && host?.containers.find((r) => r.podUid === pod.metadata.uid && r.name === target.name && r.state === 'CONTAINER_RUNNING');
  const image = target && Object.hasOwn(state.images, target.image) ? state.images[target.image] : undefined;
  const app = target && runtime ? { container: target, runtime, binary: image?.binary ?? `/${target.name}`, user: image?.shell === false ? '65532' : 'root', distroless: image?.shell === false } : undefined;

  const files = new Map<string, string>();
  const hostsFile = `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod.status.podIP ?? ''}\t${pod.metadata.name}\n`;
  const resolv = `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${CLUSTER_DNS}\noptions ndots:5\n`;
  const base: Record<string, string> = {
    '/etc/hosts': hostsFile,
    '/etc/resolv.conf': resolv,
    '/etc/hostname': `${pod.metadata.name}\n`,
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
    '/etc/group': 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\nwheel:x:10:root\nmail:x:12:\nwww-data:x:33:\nnogroup:x:65534:\n',
  };
  for (const [p, t] of Object.entries(base)) files.set(p, t);
  for (const a of BUSYBOX_APPLETS) files.set(`/bin/${a}`, '\x7fELF\x02\x01\x01');
  const serviceAccount = (root: string) => {
    files.set(`${root}/var/run/secrets/kubernetes.io/serviceaccount/namespace`, ns);
    files.set(`${root}/var/run/secrets/kubernetes.io/serviceaccount/ca.crt`, '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIXk2cV1q3x0wwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\n-----END CERTIFICATE-----\n');
    files.set(`${root}/var/run/secrets/kubernetes.io/serviceaccount/token`, 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjRkR3NfQ2xvdWQifQ.eyJhdWQiOlsiaHR0cHM6Ly9rdWJlcm5ldGVzLmRlZmF1bHQuc3ZjIl19.c2lnbmF0dXJl');
  };
  if (app) {
    const env = app.runtime.env ?? [];
    const environ = [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', pod.metadata.name], ...env, ...(app.distroless ? [['SSL_CERT_FILE', '/etc/ssl/certs/ca-certificates.crt']] : []), ['HOME', app.distroless ? '/home/nonroot' : '/root']]
      .map(([k, v]) => `${k}=${v}\0`).join('');
    files.set('/proc/1/environ', environ);
    files.set('/proc/1/cmdline', `${app.binary}\0`);
    files.set('/proc/1/comm', `${app.binary.split('/').pop()!.slice(0, 15)}\n`);
    const root = '/proc/1/root';
    if (app.distroless) {
      files.set(`${root}/etc/passwd`, 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n');
      files.set(`${root}/etc/group`, 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n');
      files.set(`${root}/etc/os-release`, 'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\nHOME_URL="https://github.com/GoogleContainerTools/distroless"\n');
      files.set(`${root}/etc/nsswitch.conf`, 'hosts: files dns\n');
      files.set(`${root}/etc/ssl/certs/ca-certificates.crt`, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
      files.set(`${root}/home/nonroot/.keep`, '');
      files.set(`${root}/tmp/.keep`, '');
    }
    files.set(`${root}${app.binary}`, '\x7fELF\x02\x01\x01');
    files.set(`${root}/etc/hosts`, hostsFile);
    files.set(`${root}/etc/resolv.conf`, resolv);
    files.set(`${root}/etc/hostname`, `${pod.metadata.name}\n`);
    serviceAccount(root);
  } else {
    // No target process to join: the debug shell is PID 1 of its own namespace.
    files.set('/proc/1/environ', `PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\0HOSTNAME=${pod.metadata.name}\0TERM=xterm\0HOME=/root\0`);
    files.set('/proc/1/cmdline', 'sh\0');
    files.set('/proc/1/comm', 'sh\n');
  }
  // What the session wrote inside this container (`> /tmp/x`), over the image's files.
  for (const [p, t] of Object.entries(host?.containerFiles?.[containerKey(d.pod, d.container)] ?? {})) files.set(p, t);
  return { pod, self: { name: d.container, image: d.image }, app, files };
}

/**
 * The node debugger's container (kubectl debug node/X, legacy/general/sysadmin profiles): the
 * debug image's own filesystem, the node's root mounted at /host, and the host's PID, network
 * and UTS namespaces: /proc lists the node's processes, the hostname is the node's, and kubelet
 * gives a host-network pod the node's /etc/hosts and /etc/resolv.conf.
 */
function nodeDebugView(state: ClusterState, frame: ShellFrame): ContainerView | undefined {
  const d = frame.debug!;
  const pod = state.pods[d.pod];
  const host = Object.hasOwn(state.hosts, frame.host) ? state.hosts[frame.host] : undefined;
  if (!host) return undefined;
  const files = new Map<string, string>();
  const nodeFile = (p: string) => { const r = readHostFile(state, host, p); return r.ok ? r.text : ''; };
  files.set('/etc/hosts', `# Kubernetes-managed hosts file (host network).\n${nodeFile('/etc/hosts')}`);
  files.set('/etc/resolv.conf', nodeFile('/etc/resolv.conf'));
  files.set('/etc/hostname', `${host.name}\n`);
  files.set('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
  for (const a of BUSYBOX_APPLETS) files.set(`/bin/${a}`, '\x7fELF\x02\x01\x01');
  for (const [p, t] of Object.entries(host.containerFiles?.[containerKey(d.pod, d.container)] ?? {})) files.set(p, t);
  return { pod, self: { name: d.container, image: d.image }, files, node: { state, host, root: d.hostRoot !== false } };
}

/** A path of a node debugger's view that is the node's own: under /host (without the prefix), or /proc (the host's PID namespace). */
function nodePath(view: ContainerView, abs: string): string | undefined {
  if (!view.node) return undefined;
  if (view.node.root && (abs === '/host' || abs.startsWith('/host/'))) return abs.slice('/host'.length) || '/';
  if (abs === '/proc' || abs.startsWith('/proc/')) return abs;
  return undefined;
}

/** The key of a pod container's written files in Host.containerFiles: `namespace/pod/container`. */
export function containerKey(pod: string, container: string): string {
  return `${pod}/${container}`;
}

/** Reads a file in the view, as `open(2)` + `read(2)`; `/proc/1/root/…` without a target is `/…`. */
export function readContainerFile(view: ContainerView, path: string, cwd: string): { ok: true; text: string } | { ok: false; error: 'ENOENT' | 'EISDIR' | 'EACCES' } {
  let abs = resolvePath(path, cwd);
  const onNode = nodePath(view, abs);
  if (onNode !== undefined) return readHostFile(view.node!.state, view.node!.host, onNode);
  if (!view.app && (abs === '/proc/1/root' || abs.startsWith('/proc/1/root/'))) abs = abs.slice('/proc/1/root'.length) || '/';
  const text = view.files.get(abs);
  if (text !== undefined && !abs.endsWith('/.')) return { ok: true, text };
  return isContainerDir(view, abs) ? { ok: false, error: 'EISDIR' } : { ok: false, error: 'ENOENT' };
}

function isContainerDir(view: ContainerView, abs: string): boolean {
  const onNode = nodePath(view, abs);
  if (onNode !== undefined) return isDirectory(view.node!.state, view.node!.host, onNode);
  if (abs === '/' || BUSYBOX_DIRS.includes(abs) || abs === '/proc/1' || abs === '/proc/1/root') return true;
  const prefix = `${abs}/`;
  return [...view.files.keys()].some((p) => p.startsWith(prefix));
}

/** Names inside directory `path` (sorted, hidden ones last-filtered by the caller), or undefined. */
export function listContainerDir(view: ContainerView, path: string, cwd: string): string[] | undefined {
  let abs = resolvePath(path, cwd);
  if (!view.app && (abs === '/proc/1/root' || abs.startsWith('/proc/1/root/'))) abs = abs.slice('/proc/1/root'.length) || '/';
  if (!isContainerDir(view, abs)) return undefined;
  const onNode = nodePath(view, abs);
  if (onNode !== undefined) return listDirectory(view.node!.state, view.node!.host, onNode);
  const prefix = abs === '/' ? '/' : `${abs}/`;
  const names = new Set<string>();
  for (const p of [...view.files.keys(), ...BUSYBOX_DIRS, ...(abs === '/proc' ? ['/proc/1'] : []), ...(abs === '/proc/1' ? ['/proc/1/root'] : [])]) {
    if (!p.startsWith(prefix) || p === prefix) continue;
    const name = p.slice(prefix.length).split('/')[0];
    if (name && name !== '.' && !(abs === '/proc/1/root' && name === 'proc')) names.add(name);
  }
  if (abs === '/proc/1/root' && view.app) ['dev', 'proc', 'sys'].forEach((n) => names.add(n));
  if (abs === '/' && view.node?.root) names.add('host');
  return [...names].sort();
}

/**
 * Cluster DNS as CoreDNS answers a pod: `<service>.<namespace>.svc.cluster.local` for every
 * Service; nothing else exists (external names get NXDOMAIN in this closed cluster).
 * Returns the ClusterIP, or undefined for NXDOMAIN.
 */
export function resolveServiceName(state: ClusterState, fqdn: string): string | undefined {
  const name = fqdn.replace(/\.$/, '').toLowerCase();
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (name === `kube-dns.kube-system${suffix}`) return CLUSTER_DNS;
  if (name === `kubernetes.default${suffix}`) return '10.96.0.1';
  if (!name.endsWith(suffix)) return undefined;
  const parts = name.slice(0, -suffix.length).split('.');
  if (parts.length !== 2) return undefined;
  const key = keyOf(parts[1], parts[0]);
  return Object.hasOwn(state.services, key) ? state.services[key].spec.clusterIP : undefined;
}

/** The names a resolver tries for `name` with the pod's search list and ndots:5, in order. */
export function searchCandidates(namespace: string, name: string): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  const dots = name.split('.').length - 1;
  const expanded = search.map((s) => `${name}.${s}`);
  return dots >= 5 ? [name, ...expanded] : [...expanded, name];
}
