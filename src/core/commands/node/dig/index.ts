import type { Host } from '../../../model/host.ts';
import type { ClusterState } from '../../../model/state.ts';
import { coreDnsReply, dig as runDig, stubResolverReply, type DigEnv } from '../../../net/dig.ts';
import { dial } from '../../../sim/network.ts';
import type { Command } from '../../types.ts';
import { matching } from '../args.ts';

/** The node's resolv.conf stub (systemd-resolved), as Ubuntu configures it. */
export const NODE_STUB_RESOLVER = '127.0.0.53';

/** The machines' names as the VPC's DNS answers them: every node (`wk-1`, `ip-10-0-2-21`) → its address. */
export function machineNames(state: ClusterState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of Object.values(state.hosts)) {
    if (h.kind !== 'node') continue;
    out[h.name] = h.ip;
    out[`ip-${h.ip.replace(/\./g, '-')}`] = h.ip;
  }
  return out;
}

/**
 * How dig's queries fare from a node: the stub resolver answers machine names and knows nothing
 * of cluster.local; CoreDNS is reached through its Service (kube-proxy's rules on the node) or a
 * CoreDNS pod's address, subject to the pod network (sim/network.ts `dial`); anything else does
 * not answer (no other DNS server exists in this closed network).
 */
export function nodeDigEnv(state: ClusterState, host: Host): DigEnv {
  const names = machineNames(state);
  const coreDnsIps = new Set(Object.values(state.pods).filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns' && p.status.podIP).map((p) => p.status.podIP!));
  const dnsSvc = Object.values(state.services).find((s) => s.metadata.namespace === 'kube-system' && s.metadata.name === 'kube-dns')?.spec.clusterIP ?? '10.96.0.10';
  return {
    now: state.now, resolvConfServer: NODE_STUB_RESOLVER, search: [],
    lookupServer: (n) => (Object.hasOwn(names, n) ? names[n] : undefined),
    ask(server, qname, qtype) {
      if (server === NODE_STUB_RESOLVER) return stubResolverReply(names, qname, qtype);
      if (server !== dnsSvc && !coreDnsIps.has(server)) return 'timeout';
      const d = dial(state, { ip: host.ip }, server, 53, 'UDP');
      return d.outcome === 'open' ? coreDnsReply(state, qname, qtype) : d.outcome === 'refused' ? 'refused' : 'timeout';
    },
  };
}

/** `dig` on a node (dnsutils, bind9 9.18): src/core/net/dig.ts answering through the node's resolvers. */
export const dig: Command = {
  name: 'dig',
  places: ['node'],
  summary: 'DNS lookup utility',
  run(ctx) {
    const r = runDig(ctx.argv.slice(1), nodeDigEnv(ctx.state, ctx.host));
    if (r.waitedMs) ctx.wait(r.waitedMs, true);
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  },
  complete(_words, partial, ctx) {
    return matching(['+short', '+noall', '+answer', '+search', '-x', '@10.96.0.10', ...Object.keys(machineNames(ctx.state))], partial);
  },
};
