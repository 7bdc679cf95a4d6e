import type { ClusterState } from '../../model/state.ts';
import { klogStamp } from '../../time.ts';
import { hashString } from '../rng.ts';

/**
 * Log lines of the control plane's static pods, appended to the running container of
 * `<component>-<node>` (kubeadm's mirror pod name), where `kubectl logs -n kube-system` and
 * `crictl logs` read them. Formats: etcd 3.5's zap JSON, the API server's klog.
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
  c.logs.push({ at, stream: 'stderr', text });
}

/** Appends one klog line of the API server on `node`: `E0312 14:04:48.123456       1 file.go:71] msg`. */
export function apiserverLog(state: ClusterState, node: string, at: number, severity: 'I' | 'W' | 'E', where: string, msg: string): void {
  const c = staticContainer(state, node, 'kube-apiserver');
  if (!c) return;
  c.logs.push({ at, stream: 'stderr', text: `${severity}${klogStamp(at)}       1 ${where}] ${msg}` });
}

/** Go's time.Duration String() for log fields: `2.532081s`, `245.1ms`. */
export function goDurationText(ms: number): string {
  if (ms >= 1000) return `${trim((ms / 1000).toFixed(6))}s`;
  return `${trim(ms.toFixed(3))}ms`;
}

const trim = (s: string) => s.replace(/\.?0+$/, '');
