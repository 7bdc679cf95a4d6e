import type { Command, CommandResult } from '../types.ts';
import { CLUSTER_DNS, CLUSTER_DOMAIN, type ContainerView } from '../../container/view.ts';
import type { ClusterState } from '../../model/state.ts';
import { coreDnsReply, dig as runDig, type DigEnv } from '../../net/dig.ts';
import { dial } from '../../sim/network.ts';
import { lookupHost } from '../busybox/net.ts';
import { noView, viewOf } from '../busybox/common.ts';
import { podEnd } from './common.ts';

/**
 * How dig's queries fare from a pod: resolv.conf names the cluster DNS and the pod's search list;
 * CoreDNS (its Service or a CoreDNS pod) answers through the pod network, so a NetworkPolicy that
 * drops DNS makes dig time out; no other DNS server exists in this closed network.
 */
function podDigEnv(state: ClusterState, view: ContainerView): DigEnv {
  const ns = view.pod.metadata.namespace ?? 'default';
  const coreDnsIps = new Set(Object.values(state.pods).filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns' && p.status.podIP).map((p) => p.status.podIP!));
  return {
    now: state.now, resolvConfServer: CLUSTER_DNS, search: [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN],
    lookupServer: (name) => lookupHost(state, view, name),
    ask(server, qname, qtype) {
      if (server !== CLUSTER_DNS && !coreDnsIps.has(server)) return 'timeout';
      const d = dial(state, podEnd(view), server, 53, 'UDP');
      return d.outcome === 'open' ? coreDnsReply(state, qname, qtype) : d.outcome === 'refused' ? 'refused' : 'timeout';
    },
  };
}

/** netshoot's `dig` (bind9): src/core/net/dig.ts answering through the pod's resolv.conf and network. */
export const dig: Command = {
  name: 'dig',
  places: ['debug'],
  toolsets: ['netshoot'],
  summary: 'DNS lookup utility',
  run(ctx): CommandResult {
    const view = viewOf(ctx);
    if (!view) return noView('dig');
    const r = runDig(ctx.argv.slice(1), podDigEnv(ctx.state, view));
    if (r.waitedMs) ctx.wait(r.waitedMs, true);
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  },
};
