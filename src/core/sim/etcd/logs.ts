import type { ContainerLogLine } from '../../model/host.ts';
import type { ClusterState } from '../../model/state.ts';
import { klogStamp, rfc3339 } from '../../time.ts';
import { hashString } from '../rng.ts';

/**
 * Log lines of the control plane's static pods, appended to the running container of
 * `<component>-<node>` (kubeadm's mirror pod name), where `kubectl logs -n kube-system` and
 * `crictl logs` read them. Formats: etcd 3.5's zap JSON, the API server's klog.
 */

/*
 * Lines are frozen as they are written: nothing edits a log line, and the freeze that ends a long
 * clock move (sim/reduce.ts) then skips the hundreds of thousands a slow etcd writes in 72 hours.
 */

/** The running container of a static pod on `node`, if kubelet has started it. */
function staticContainer(state: ClusterState, node: string, component: string) {
  const host = state.hosts[node];
  if (!host) return undefined;
  const pod = `${component}-${node}`;
  for (let i = host.containers.length - 1; i >= 0; i--) {
    const c = host.containers[i];
    if (c.podName === pod && c.namespace === 'kube-system' && c.state === 'CONTAINER_RUNNING') return c;
  }
  return undefined;
}

/** etcd 3.5 zap timestamp: `2026-03-12T14:04:48.123456Z` (microseconds, UTC). */
export function zapTime(at: number): string {
  const micro = String(hashString(`zap/${at}`) % 1000).padStart(3, '0');
  return new Date(at).toISOString().replace('Z', `${micro}Z`);
}

/** Appends one etcd zap JSON line (fields in etcd's order: level, ts, caller, msg, then the rest). */
export function etcdLog(state: ClusterState, node: string, at: number, level: 'info' | 'warn' | 'error', caller: string, msg: string, fields: Record<string, unknown> = {}): void {
  const c = staticContainer(state, node, 'etcd');
  if (!c) return;
  const text = JSON.stringify({ level, ts: zapTime(at), caller, msg, ...fields });
  c.logs.push(Object.freeze({ at, stream: 'stderr', text } as const));
}

/**
 * Appends one klog line of the API server on `node`: `E0312 14:04:48.123456       1 file.go:71] msg`,
 * kept unformatted (a slow etcd has the API server log an error per failed Lease renewal, every
 * node every 10 s): lines with the same severity, place and message share one `klog` object.
 */
export function apiserverLog(state: ClusterState, node: string, at: number, severity: 'I' | 'W' | 'E', where: string, msg: string): void {
  const c = staticContainer(state, node, 'kube-apiserver');
  if (!c) return;
  let klog = klogLines.get(msg);
  if (!klog || klog.severity !== severity || klog.where !== where) klogLines.set(msg, (klog = Object.freeze({ severity, where, msg })));
  c.logs.push(Object.freeze({ at, stream: 'stderr', klog } as const));
}
/** apiserverLog's `klog` objects by message (frozen: they are shared by lines of every state). */
const klogLines = new Map<string, NonNullable<ContainerLogLine['klog']>>();

/** Go's time.Duration String() for log fields: `2.532081s`, `245.1ms`. */
export function goDurationText(ms: number): string {
  if (ms >= 1000) return `${trim((ms / 1000).toFixed(6))}s`;
  return `${trim(ms.toFixed(3))}ms`;
}

const trim = (s: string) => s.replace(/\.?0+$/, '');

/** The text of a container log line: its own, or a trace line rendered as the API server wrote it. */
export function containerLogText(l: ContainerLogLine): string {
  if (l.text !== undefined) return l.text;
  // Joined rather than concatenated: one flat string, not a tree of the pieces for the garbage collector to walk.
  if (l.klog) return [l.klog.severity, klogStamp(l.at), '       1 ', l.klog.where, '] ', l.klog.msg].join('');
  const t = l.trace!;
  const id = hashString(`trace/${t.node}/${t.tick}`);
  const head = ['I', klogStamp(l.at), '       1 trace.go:236] Trace[', String(id), ']: '];
  if (l.part === 1) return [...head, `---"Txn call completed" ${t.ms - 2}ms (${rfc3339(l.at - 1).slice(11, 19)})`].join('');
  return [...head, `"Update" accept:application/vnd.kubernetes.protobuf, */*,audit-id:${auditId(t.node, t.tick)},client:${t.client},api-group:coordination.k8s.io,api-version:v1,name:${t.node},subresource:,namespace:kube-node-lease,protocol:HTTP/2.0,resource:leases,scope:resource,url:/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${t.node},user-agent:kubelet/${t.version} (linux/amd64) kubernetes/48c4e3b,verb:PUT (total time: ${t.ms}ms):`].join('');
}

/**
 * The API server's trace of a Lease update that took `ms` (> 2 s) for `node`'s kubelet, renewed
 * at step `tick` and finished at `end`: its "Update" line and its "Txn call completed" line, kept
 * unformatted (containerLogText renders them when read).
 */
export function apiserverLeaseTrace(state: ClusterState, via: string, end: number, trace: NonNullable<ContainerLogLine['trace']>): void {
  const c = staticContainer(state, via, 'kube-apiserver');
  if (!c) return;
  Object.freeze(trace);
  c.logs.push(Object.freeze({ at: end, stream: 'stderr', trace } as const), Object.freeze({ at: end + 1, stream: 'stderr', trace, part: 1 } as const));
}

/** The audit id of a kubelet request, a UUID drawn from the node and the step. */
export const auditId = (name: string, tick: number): string => {
  const h = (s: string) => hashString(s).toString(16).padStart(8, '0');
  const a = h(`a/${name}/${tick}`) + h(`b/${name}/${tick}`) + h(`c/${name}/${tick}`) + h(`d/${name}/${tick}`);
  return `${a.slice(0, 8)}-${a.slice(8, 12)}-${a.slice(12, 16)}-${a.slice(16, 20)}-${a.slice(20, 32)}`;
};
