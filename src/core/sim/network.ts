import { sortedValues } from '../kinds/common.ts';
import type { Pod, Service } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { stageVerdict } from './faults/stages.ts';
import type { NetworkDrop } from './faults/types.ts';

/**
 * What one connection attempt meets on the pod network, as a client sees it:
 * - `open`: something accepts it;
 * - `refused`: an RST or ICMP unreachable comes back at once (nothing listens on a pod's port; a
 *   Service without ready endpoints, which kube-proxy rejects);
 * - `dropped`: the packets vanish (a NetworkPolicy, a CNI fault): the client waits for its own
 *   timeout. `drop` says what dropped them.
 */
export interface DialResult {
  outcome: 'open' | 'refused' | 'dropped';
  drop?: NetworkDrop;
  /** For a drop: the end the packets were addressed to after kube-proxy's translation (the first backend tried). */
  to?: { ip: string; pod?: Pod; port: number };
}

const isReady = (p: Pod) => !p.metadata.deletionTimestamp && !!p.status.podIP && !!p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

/** The ready pods behind a Service (its endpoints), in list order. */
function backends(state: ClusterState, svc: Service): Pod[] {
  const sel = svc.spec.selector;
  if (!sel) return [];
  return sortedValues(state.pods).filter((p) => p.metadata.namespace === svc.metadata.namespace && isReady(p)
    && Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v));
}

/** The pod holding an IP (not host-network ones: theirs is the node's), if any. */
function podAt(state: ClusterState, ip: string): Pod | undefined {
  return sortedValues(state.pods).find((p) => p.status.podIP === ip && !p.spec.hostNetwork && !p.metadata.deletionTimestamp);
}

/** Whether a running container of the pod listens on `port` (its declared container ports). */
const listens = (pod: Pod, port: number) => pod.status.phase === 'Running' && pod.spec.containers.some((c) => (c.ports ?? []).some((p) => p.containerPort === port));

/**
 * One connection from `from` (a pod, or a node's address when `pod` is absent) to `ip:port`.
 * A Service's ClusterIP is translated by kube-proxy to one of its ready pods (the target port);
 * the `network` fault stage (NetworkPolicy enforcement first, then the scenario's faults) may drop
 * the packets; the client reaches the destination when at least one backend lets it through.
 * A Service without a selector (endpoints outside the cluster) and any other address outside the
 * pods answer when nothing drops the packets.
 */
export function dial(state: ClusterState, from: { ip: string; pod?: Pod }, ip: string, port: number, protocol: 'TCP' | 'UDP' = 'TCP'): DialResult {
  const check = (to: { ip: string; pod?: Pod }, toPort: number) => stageVerdict(state, 'network', { state, from, to, port: toPort, protocol });
  const svc = sortedValues(state.services).find((s) => s.spec.clusterIP === ip);
  if (svc) {
    // Scenarios list a Service's ports by number; kube-dns's 53 serves both UDP and TCP.
    const sp = (svc.spec.ports ?? []).find((p) => p.port === port);
    if (!sp) return { outcome: 'refused' };
    if (!svc.spec.selector) {
      const drop = check({ ip }, port);
      return drop ? { outcome: 'dropped', drop, to: { ip, port } } : { outcome: 'open' };
    }
    const pods = backends(state, svc);
    if (!pods.length) return { outcome: 'refused' };
    const target = typeof sp.targetPort === 'number' ? sp.targetPort : sp.port;
    let first: DialResult | undefined;
    for (const p of pods) {
      const d = check({ ip: p.status.podIP!, pod: p }, target);
      if (!d) return { outcome: 'open' };
      first ??= { outcome: 'dropped', drop: d, to: { ip: p.status.podIP!, pod: p, port: target } };
    }
    return first!;
  }
  const pod = podAt(state, ip);
  const drop = check({ ip, pod }, port);
  if (drop) return { outcome: 'dropped', drop, to: { ip, pod, port } };
  if (pod) return { outcome: listens(pod, port) ? 'open' : 'refused' };
  return { outcome: 'open' };
}

/**
 * Whether a pod's DNS queries reach the cluster DNS (`kube-dns`, 10.96.0.10) on UDP 53: the
 * queries go to a CoreDNS pod, so an egress policy that allows no DNS makes every lookup time out.
 * A cluster without a kube-dns Service answers from its built-in table (nothing to police).
 */
export function dnsReachable(state: ClusterState, from: { ip: string; pod?: Pod }, dnsIp: string): boolean {
  const svc = sortedValues(state.services).find((s) => s.spec.clusterIP === dnsIp);
  if (!svc) return !stageVerdict(state, 'network', { state, from, to: { ip: dnsIp }, port: 53, protocol: 'UDP' });
  return dial(state, from, dnsIp, 53, 'UDP').outcome === 'open';
}
