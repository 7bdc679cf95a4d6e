import { networkPolicies, policyTypesOf, type NetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyRule } from '../kinds/networkpolicy.ts';
import { selectorMatches } from '../k8s/labels.ts';
import type { Pod } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { sortedValues } from '../kinds/common.ts';
import type { NetworkContext, NetworkDrop } from './faults/types.ts';

/**
 * NetworkPolicy semantics (networking.k8s.io/v1), as a policy-enforcing CNI (Calico, Cilium)
 * applies them; a CNI without enforcement (Flannel) is not modelled:
 * - a pod selected by a policy whose policyTypes include Ingress (Egress) is isolated for that
 *   direction; a pod no such policy selects allows everything in that direction;
 * - an isolated pod's connection is allowed when at least one rule of any policy selecting it
 *   matches (policies only add allows, never deny);
 * - a connection needs both ends: egress from the client and ingress to the server;
 * - a peer's `podSelector` alone means pods of the policy's own namespace; a `namespaceSelector`
 *   (with or without a `podSelector`) reaches into the namespaces it selects, by their labels
 *   (every namespace carries `kubernetes.io/metadata.name`); `ipBlock` matches addresses;
 * - ports: empty means every port; a port matches by number (or `endPort` range) or by the named
 *   container port of the destination pod, with the protocol (TCP unless said).
 * Host-network pods are not policed (their traffic is the node's).
 */

/** A namespace's labels as the API server keeps them: its own plus `kubernetes.io/metadata.name`. */
function namespaceLabels(state: ClusterState, ns: string): Record<string, string> {
  const obj = Object.hasOwn(state.namespaces, ns) ? state.namespaces[ns] : undefined;
  return { ...(obj?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns };
}

const ipNumber = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** Whether an IPv4 address lies in a CIDR block (`10.0.0.0/8`). */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText ?? 32);
  const size = 2 ** (32 - bits);
  return Math.floor(ipNumber(ip) / size) === Math.floor(ipNumber(base) / size);
}

/** Whether `peer`, written in a policy of namespace `policyNs`, covers the other end of the connection. */
function peerMatches(state: ClusterState, peer: NetworkPolicyPeer, policyNs: string, other: { ip: string; pod?: Pod }): boolean {
  if (peer.ipBlock) return inCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(other.ip, c));
  const pod = other.pod;
  if (!pod) return false;
  const ns = pod.metadata.namespace ?? 'default';
  if (peer.namespaceSelector) {
    if (!selectorMatches(peer.namespaceSelector, namespaceLabels(state, ns))) return false;
  } else if (ns !== policyNs) return false;
  return !peer.podSelector || selectorMatches(peer.podSelector, pod.metadata.labels);
}

/** Whether a rule's ports cover the connection; named ports resolve against the destination pod's containers. */
function portMatches(rule: NetworkPolicyRule, ctx: NetworkContext): boolean {
  if (!rule.ports?.length) return true;
  return rule.ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== ctx.protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') {
      return (ctx.to.pod?.spec.containers ?? []).some((c) => (c.ports ?? []).some((cp) => cp.name === p.port && cp.containerPort === ctx.port && (cp.protocol ?? 'TCP') === ctx.protocol));
    }
    return p.endPort !== undefined ? ctx.port >= p.port && ctx.port <= p.endPort : ctx.port === p.port;
  });
}

/** The policies of `pod`'s namespace that select it for `type`. */
function selecting(state: ClusterState, pod: Pod, type: 'Ingress' | 'Egress'): NetworkPolicy[] {
  const ns = pod.metadata.namespace ?? 'default';
  return sortedValues(networkPolicies(state)).filter((np) =>
    (np.metadata.namespace ?? 'default') === ns && policyTypesOf(np.spec).includes(type) && selectorMatches(np.spec.podSelector ?? {}, pod.metadata.labels));
}

/** One direction's verdict: undefined when allowed, else the drop naming the isolating policies. */
function directionDrop(state: ClusterState, pod: Pod | undefined, type: 'Ingress' | 'Egress', ctx: NetworkContext): NetworkDrop | undefined {
  if (!pod || pod.spec.hostNetwork) return undefined;
  const policies = selecting(state, pod, type);
  if (!policies.length) return undefined;
  const other = type === 'Egress' ? ctx.to : ctx.from;
  const allowed = policies.some((np) => {
    const rules = (type === 'Egress' ? np.spec.egress : np.spec.ingress) ?? [];
    return rules.some((r) => {
      const peers = (type === 'Egress' ? r.to : r.from) ?? [];
      return portMatches(r, ctx) && (!peers.length || peers.some((peer) => peerMatches(state, peer, np.metadata.namespace ?? 'default', other)));
    });
  });
  if (allowed) return undefined;
  const names = policies.map((np) => `${np.metadata.namespace}/${np.metadata.name}`).join(', ');
  return { by: `NetworkPolicy ${type.toLowerCase()} isolation (${names})`, direction: type === 'Egress' ? 'egress' : 'ingress' };
}

/** The NetworkPolicy verdict on one connection: undefined when both ends' policies allow it. */
export function networkPolicyDrop(ctx: NetworkContext): NetworkDrop | undefined {
  return directionDrop(ctx.state, ctx.from.pod, 'Egress', ctx) ?? directionDrop(ctx.state, ctx.to.pod, 'Ingress', ctx);
}
