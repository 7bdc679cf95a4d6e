import { formatLabelSelector } from '../k8s/labels.ts';
import type { KubeObject, LabelSelector } from '../model/k8s.ts';
import { describeWith, printAnnotations, printLabels, type PrefixWriter } from '../printers/describe/writer.ts';
import { ageColumn, col, eventsOnly, nameColumn, objectTable, RW } from './common.ts';
import type { KindDef } from './types.ts';
import { INT32, INTSTR, LABEL_SELECTOR, objectFields, sliceOf, STRING, struct } from './fields.ts';

/** The NetworkPolicy's Go structs (k8s.io/api/networking/v1), for strict decoding of manifests and patches. */
const PEER = sliceOf(struct('NetworkPolicyPeer', { podSelector: LABEL_SELECTOR, namespaceSelector: LABEL_SELECTOR, ipBlock: struct('IPBlock', { cidr: STRING, except: sliceOf(STRING) }) }));
const PORTS = sliceOf(struct('NetworkPolicyPort', { protocol: STRING, port: INTSTR, endPort: INT32 }));
const NETWORK_POLICY_FIELDS = objectFields('NetworkPolicy', {
  spec: struct('NetworkPolicySpec', {
    podSelector: LABEL_SELECTOR,
    ingress: sliceOf(struct('NetworkPolicyIngressRule', { from: PEER, ports: PORTS })),
    egress: sliceOf(struct('NetworkPolicyEgressRule', { to: PEER, ports: PORTS })),
    policyTypes: sliceOf(STRING),
  }),
});

/** One `ports[]` item of a rule: a port number or named container port, TCP unless said. */
export interface NetworkPolicyPort { protocol?: 'TCP' | 'UDP' | 'SCTP'; port?: number | string; endPort?: number }

/** One peer of a rule (`from[]` / `to[]`): pods by label (in the policy's namespace unless `namespaceSelector`), namespaces, or a CIDR. */
export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

/** An ingress (`from`) or egress (`to`) rule: absent or empty lists mean "any". */
export interface NetworkPolicyRule { from?: NetworkPolicyPeer[]; to?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }

/** networking.k8s.io/v1 NetworkPolicy. */
export interface NetworkPolicy extends KubeObject {
  kind: 'NetworkPolicy';
  spec: {
    podSelector: LabelSelector;
    policyTypes?: ('Ingress' | 'Egress')[];
    ingress?: NetworkPolicyRule[];
    egress?: NetworkPolicyRule[];
  };
}

/** The store of NetworkPolicies (`namespace/name`). */
export const networkPolicies = objectTable<NetworkPolicy>('networkpolicies');

/**
 * The policy's effective types, as the API server defaults `spec.policyTypes` on create: Ingress
 * always, Egress when the policy has egress rules.
 */
export function policyTypesOf(spec: NetworkPolicy['spec']): ('Ingress' | 'Egress')[] {
  if (spec.policyTypes?.length) return spec.policyTypes;
  return spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Go's `time.Time.String()` of a whole-second RFC 3339 stamp in UTC: `2024-06-12 09:30:00 +0000 UTC`. */
function goTimeString(ts: string | undefined): string {
  if (!ts) return '0001-01-01 00:00:00 +0000 UTC';
  const iso = new Date(Date.parse(ts)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

/** kubectl's printNetworkPolicySpecIngressFrom / EgressTo: ports, peers, `----------` between rules. */
function writeRules(w: PrefixWriter, rules: readonly NetworkPolicyRule[] | undefined, dir: 'ingress' | 'egress'): void {
  const indent = '    ';
  const [peerWord, anyPeer] = dir === 'ingress' ? ['From', 'traffic not restricted by source'] : ['To', 'traffic not restricted by destination'];
  if (!rules?.length) {
    w.write(0, `${indent}<none> (Selected pods are isolated for ${dir} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    if (!rule.ports?.length) w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    // Go prints a missing port as `<nil>` (%s of a nil *IntOrString) and ignores endPort.
    for (const p of rule.ports ?? []) w.write(0, `${indent}To Port: ${p.port ?? '<nil>'}/${p.protocol ?? 'TCP'}\n`);
    const peers = (dir === 'ingress' ? rule.from : rule.to) ?? [];
    if (!peers.length) w.write(0, `${indent}${peerWord}: <any> (${anyPeer})\n`);
    for (const peer of peers) {
      w.write(0, `${indent}${peerWord}:\n`);
      if (peer.namespaceSelector) w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      if (peer.podSelector) w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
      if (!peer.namespaceSelector && !peer.podSelector && peer.ipBlock) {
        w.write(1, `${indent}IPBlock:\n`);
        w.write(2, `${indent}CIDR: ${peer.ipBlock.cidr}\n`);
        w.write(2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
      }
    }
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

/** `kubectl describe networkpolicy`, as kubectl 1.33 prints it (describeNetworkPolicy). */
export const describeNetworkPolicy = (np: NetworkPolicy): string => describeWith((w) => {
  w.write(0, `Name:\t${np.metadata.name}\n`);
  w.write(0, `Namespace:\t${np.metadata.namespace ?? 'default'}\n`);
  w.write(0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
  printLabels(w, 'Labels', np.metadata.labels);
  printAnnotations(w, 'Annotations', np.metadata.annotations);
  const spec = np.spec;
  w.write(0, 'Spec:\n');
  w.write(1, 'PodSelector: ');
  const sel = spec.podSelector ?? {};
  const everyPod = !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length;
  w.write(2, everyPod ? '<none> (Allowing the specific traffic to all pods in this namespace)\n' : `${formatLabelSelector(sel)}\n`);
  const types = spec.policyTypes ?? [];
  for (const [type, dir, rules] of [['Ingress', 'ingress', spec.ingress], ['Egress', 'egress', spec.egress]] as const) {
    if (!types.includes(type)) {
      w.write(1, `Not affecting ${dir} traffic\n`);
      continue;
    }
    w.write(1, `Allowing ${dir} traffic:\n`);
    writeRules(w, rules, dir);
  }
  w.write(1, `Policy Types: ${types.length ? types.join(', ') : '<none>'}\n`);
});

/** networking.k8s.io/v1 NetworkPolicy: `get` prints NAME, POD-SELECTOR, AGE (printNetworkPolicy). */
export const networkPolicy: KindDef<NetworkPolicy> = {
  kind: 'NetworkPolicy', plural: 'networkpolicies', singular: 'networkpolicy', shortNames: ['netpol'], group: 'networking.k8s.io', version: 'v1', namespaced: true, verbs: RW,
  table: networkPolicies,
  columns: [nameColumn, col<NetworkPolicy>('POD-SELECTOR', (np) => formatLabelSelector(np.spec?.podSelector)), ageColumn],
  related: eventsOnly,
  describe: describeNetworkPolicy,
  writable: { patch: true, delete: true },
  fields: NETWORK_POLICY_FIELDS,
  admit(np) {
    np.metadata.generation ??= 1;
    np.spec ??= { podSelector: {} };
    np.spec.podSelector ??= {};
    np.spec.policyTypes = policyTypesOf(np.spec);
    // SetDefaults_NetworkPolicyPort: a port without a protocol is TCP.
    for (const rule of [...(np.spec.ingress ?? []), ...(np.spec.egress ?? [])]) for (const p of rule.ports ?? []) p.protocol ??= 'TCP';
  },
  explain: {
    'spec.podSelector': { type: 'LabelSelector', description: 'Selects the pods to which this NetworkPolicy object applies; an empty selector selects all pods in the namespace.' },
    'spec.policyTypes': { type: '[]string', description: 'Rule types the policy relates to: Ingress, Egress, or both. Defaults to Ingress, plus Egress when the policy has egress rules.' },
    'spec.ingress': { type: '[]NetworkPolicyIngressRule', description: 'Ingress rules; traffic to a selected pod is allowed if it matches at least one rule of any policy selecting the pod.' },
    'spec.egress': { type: '[]NetworkPolicyEgressRule', description: 'Egress rules; traffic from a selected pod is allowed if it matches at least one rule of any policy selecting the pod.' },
  },
};
