import type { ClusterState } from '../../src/core/model/state.ts';
import { splitWords } from '../../src/core/commands/kubectl/testing.ts';
import { VERBS } from '../../src/core/commands/kubectl/verbs/registry.ts';
import { runVerb } from '../../src/core/commands/kubectl/verbs/describe/runVerb.ts';
import { KINDS } from '../../src/core/kinds/registry.ts';
import { leaseFromNode } from '../../src/core/printers/describe/index.ts';

/**
 * Our `kubectl VERB …` on a frozen state: the verb's own output for `line` at `state.now`, without
 * the API latency a scenario may add (which would move the clock between our output and the export).
 */
export function ours(state: ClusterState, line: string): string {
  const [, name, ...args] = splitWords(line);
  const verb = VERBS.find((v) => v.name === name);
  if (!verb) throw new Error(`no kubectl verb ${name}`);
  return runVerb(verb, state, args).stdout;
}

/**
 * Every object of a state, exported the way a learner would get them: our own
 * `kubectl get <type> -A -o json` for each type the simulator models. Added on the side, because
 * the simulator does not store them but real kubectl's describers read them: each node's Lease
 * (kube-node-lease) as kubelet would renew it, and one EndpointSlice per Service with a selector,
 * holding the ready pods it selects, as the EndpointSlice controller would write it.
 */
export function exportState(state: ClusterState): unknown[] {
  const items: Record<string, unknown>[] = [];
  for (const t of KINDS) {
    if (!t.table) continue;
    const out = ours(state, `kubectl get ${t.plural}${t.namespaced ? ' -A' : ''} -o json`);
    items.push(...(JSON.parse(out) as { items: Record<string, unknown>[] }).items);
  }
  for (const n of Object.values(state.nodes)) items.push(leaseFromNode(n, state.now) as unknown as Record<string, unknown>);
  for (const svc of Object.values(state.services)) {
    const sel = svc.spec.selector;
    if (!sel || Object.keys(sel).length === 0) continue;
    const pods = Object.keys(state.pods).sort().map((k) => state.pods[k]).filter((p) => p.metadata.namespace === svc.metadata.namespace && Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v) && p.status.podIP);
    items.push({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: `${svc.metadata.name}-abcde`, namespace: svc.metadata.namespace, labels: { 'kubernetes.io/service-name': svc.metadata.name }, creationTimestamp: svc.metadata.creationTimestamp },
      addressType: 'IPv4',
      endpoints: pods.map((p) => ({ addresses: [p.status.podIP], conditions: { ready: p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false }, nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', name: p.metadata.name, namespace: p.metadata.namespace, uid: p.metadata.uid } })),
      ports: svc.spec.ports.map((p) => ({ name: p.name ?? '', port: typeof p.targetPort === 'number' ? p.targetPort : p.port, protocol: p.protocol })),
    });
  }
  return items;
}
