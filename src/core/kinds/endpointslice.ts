import type { KubeObject, OwnerReference, Pod, Service } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { podSuffix, seeded } from '../sim/rng.ts';
import { ageColumn, col, ensureDefault, nameColumn, objectTable, RW, sortedValues } from './common.ts';
import { peekValue, peekValues } from '../sim/peek.ts';
import { byteCompare, sameJson } from '../compare.ts';
import type { KindDef } from './types.ts';

/** One endpoint of a slice: a pod's address and whether it may take traffic. */
export interface Endpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  nodeName?: string;
  targetRef?: { kind: string; name: string; namespace?: string; uid: string };
}

/** discovery.k8s.io/v1 EndpointSlice. */
export interface EndpointSlice extends KubeObject {
  kind: 'EndpointSlice';
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: Endpoint[] | null;
  ports: { name: string; port: number; protocol: string }[] | null;
}

const podReady = (p: Pod) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/**
 * The endpoints of a Service with a selector, as the EndpointSlice controller derives them: every
 * selected pod that has an IP, in list order, ready or not (readiness is the condition), and the
 * ports with their target port numbers. Undefined for a Service without a selector.
 */
export function serviceEndpoints(state: ClusterState, svc: Service, byNamespace?: () => Map<string, Pod[]>): { endpoints: Endpoint[]; ports: { name: string; port: number; protocol: string }[] } | undefined {
  const sel = svc.spec?.selector ?? {};
  const keys = Object.keys(sel);
  if (!keys.length) return undefined;
  const inNamespace = byNamespace ? byNamespace().get(svc.metadata.namespace as string) ?? [] : sortedValues(state.pods).filter((p) => p.metadata.namespace === svc.metadata.namespace);
  const pods = inNamespace.filter((p) => p.status?.podIP && keys.every((k) => p.metadata.labels?.[k] === sel[k]));
  return {
    endpoints: pods.map((p) => {
      const terminating = !!p.metadata.deletionTimestamp;
      const ready = podReady(p) && !terminating;
      return {
        addresses: [p.status.podIP!],
        conditions: { ready, serving: podReady(p), terminating },
        ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}),
        targetRef: { kind: 'Pod', name: p.metadata.name, namespace: p.metadata.namespace, uid: p.metadata.uid },
      };
    }),
    ports: (svc.spec.ports ?? []).map((p) => ({ name: p.name ?? '', port: typeof p.targetPort === 'number' ? p.targetPort : p.port, protocol: p.protocol ?? 'TCP' })),
  };
}

/**
 * Every pod by namespace in list order (by key), read without drafts: what the endpoints
 * controllers select from, built once per run instead of sorting all pods for each Service.
 */
export function podsByNamespace(state: ClusterState): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const key of Object.keys(state.pods).sort(byteCompare)) {
    const p = peekValue(state.pods, key);
    const ns = p.metadata.namespace as string;
    const list = out.get(ns);
    if (list) list.push(p); else out.set(ns, [p]);
  }
  return out;
}

/** The Service as its dependents' controller owner. */
export const serviceOwner = (svc: Service): OwnerReference => ({ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true });

/** `a,b,c + N more...`: kubectl's cells that list at most three items. */
export function firstThree(items: readonly string[], none: string): string {
  if (!items.length) return none;
  const more = items.length > 3 ? ` + ${items.length - 3} more...` : '';
  return items.slice(0, 3).join(',') + more;
}

/**
 * The EndpointSlice controller: one IPv4 slice per Service with a selector, named
 * `<service>-<5 chars>`, its endpoints following the pods' readiness. A slice whose Service is
 * gone goes with it (garbage collection of the owner reference).
 */
function reconcileSlices(state: ClusterState): void {
  const table = endpointSlice.table!(state);
  const wanted = new Set<string>();
  let byNamespace: Map<string, Pod[]> | undefined;
  for (const svc of peekValues(state.services)) {
    const eps = serviceEndpoints(state, svc, () => (byNamespace ??= podsByNamespace(state)));
    if (!eps) continue;
    const name = `${svc.metadata.name}-${podSuffix(seeded(`endpointslice/${svc.metadata.namespace}/${svc.metadata.name}`))}`;
    const key = `${svc.metadata.namespace}/${name}`;
    wanted.add(key);
    ensureDefault(state, endpointSlice, {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4', endpoints: [], ports: [],
      metadata: {
        name, namespace: svc.metadata.namespace, uid: '', creationTimestamp: svc.metadata.creationTimestamp, generateName: `${svc.metadata.name}-`,
        labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': svc.metadata.name },
        ownerReferences: [serviceOwner(svc)],
      },
    });
    const slice = table[key];
    const endpoints = eps.endpoints.length ? eps.endpoints : null;
    if (!sameJson(slice.endpoints, endpoints)) slice.endpoints = endpoints;
    if (!sameJson(slice.ports, eps.ports)) slice.ports = eps.ports;
  }
  for (const [key, slice] of Object.entries(table)) {
    const owner = slice.metadata.ownerReferences?.find((o) => o.kind === 'Service');
    if (owner && !wanted.has(key)) delete table[key];
  }
}

/** discovery.k8s.io/v1 EndpointSlice. */
export const endpointSlice: KindDef<EndpointSlice> = {
  kind: 'EndpointSlice', plural: 'endpointslices', singular: 'endpointslice', shortNames: [], group: 'discovery.k8s.io', version: 'v1', namespaced: true, verbs: RW,
  table: objectTable('endpointslices'),
  columns: [
    nameColumn,
    col<EndpointSlice>('ADDRESSTYPE', (s) => s.addressType),
    col<EndpointSlice>('PORTS', (s) => firstThree((s.ports ?? []).map((p) => String(p.port)), '<unset>')),
    col<EndpointSlice>('ENDPOINTS', (s) => firstThree((s.endpoints ?? []).flatMap((e) => e.addresses), '<unset>')),
    ageColumn,
  ],
  reconcile: reconcileSlices,
};
