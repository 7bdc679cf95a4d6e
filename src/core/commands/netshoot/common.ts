import { CLUSTER_DNS, resolveServiceName, searchCandidates, type ContainerView } from '../../container/view.ts';
import type { ClusterState } from '../../model/state.ts';
import type { CommandContext } from '../types.ts';
import { dnsReachable } from '../../sim/network.ts';

/** /etc/services of netshoot's Alpine for the ports the scenarios use; others print `*`. */
export const SERVICES: Record<string, Record<number, string>> = {
  tcp: { 22: 'ssh', 25: 'smtp', 53: 'domain', 80: 'http', 443: 'https', 3306: 'mysql', 5432: 'postgresql', 8080: 'http-alt' },
  udp: { 53: 'domain', 123: 'ntp' },
};

/** How long musl's resolver waits on a DNS server that never answers (resolv.conf timeout:5 × attempts:2). */
export const MUSL_GIVE_UP_MS = 10_000;
/** bind9's tools (dig, nslookup): three tries of 5 s each before `no servers could be reached`. */
export const BIND_GIVE_UP_MS = 15_000;

/** The pod as one end of a connection. */
export const podEnd = (view: ContainerView) => ({ ip: view.pod.status.podIP ?? '', pod: view.pod });

/**
 * Whether the pod's DNS queries for `host` get an answer (an address needs none); when the
 * network drops them the caller has waited musl's give-up time.
 */
export function dnsAnswersQuietly(ctx: CommandContext, view: ContainerView, host: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host === 'localhost' || host === view.pod.metadata.name) return true;
  if (dnsReachable(ctx.state, podEnd(view), CLUSTER_DNS)) return true;
  ctx.wait(MUSL_GIVE_UP_MS, true);
  return false;
}

/** What CoreDNS answers for a name the way bind9's tools ask it: the FQDN found through the search list (when `search`), and its address. */
export function lookupFqdn(state: ClusterState, view: ContainerView, name: string, search: boolean): { fqdn: string; ip?: string } {
  const bare = name.replace(/\.$/, '');
  const tried = search && !name.endsWith('.') ? searchCandidates(view.pod.metadata.namespace ?? 'default', name) : [bare];
  for (const c of tried) {
    const ip = resolveServiceName(state, c);
    if (ip) return { fqdn: c, ip };
  }
  return { fqdn: bare };
}

/** The Service name CoreDNS gives a ClusterIP in a PTR answer (`svc.ns.svc.cluster.local`), if any. */
export function reverseName(state: ClusterState, ip: string): string | undefined {
  if (ip === CLUSTER_DNS) return 'kube-dns.kube-system.svc.cluster.local';
  if (ip === '10.96.0.1') return 'kubernetes.default.svc.cluster.local';
  const svc = Object.keys(state.services).sort().map((k) => state.services[k]).find((s) => s.spec.clusterIP === ip);
  return svc ? `${svc.metadata.name}.${svc.metadata.namespace ?? 'default'}.svc.cluster.local` : undefined;
}

/** `10.96.0.10` → `10.0.96.10.in-addr.arpa`. */
export const arpa = (ip: string) => `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
