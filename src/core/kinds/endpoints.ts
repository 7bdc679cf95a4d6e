import type { KubeObject } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { ageColumn, col, ensureDefault, nameColumn, objectTable, RW } from './common.ts';
import { firstThree, podsByNamespace, serviceEndpoints } from './endpointslice.ts';
import { peekValues } from '../sim/peek.ts';
import type { Pod } from '../model/k8s.ts';
import type { KindDef } from './types.ts';
import { sameJson } from '../compare.ts';

interface EndpointAddress { ip: string; nodeName?: string; targetRef?: { kind: string; name: string; namespace?: string; uid: string } }

/** core/v1 Endpoints (deprecated in favour of EndpointSlices, still kept by the endpoints controller). */
export interface Endpoints extends KubeObject {
  kind: 'Endpoints';
  subsets?: { addresses?: EndpointAddress[]; notReadyAddresses?: EndpointAddress[]; ports?: { name?: string; port: number; protocol: string }[] }[];
}

/** The endpoints controller: an Endpoints object named as each Service with a selector; ready pods in `addresses`, the others in `notReadyAddresses`. */
function reconcileEndpoints(state: ClusterState): void {
  const table = endpoints.table!(state);
  let byNamespace: Map<string, Pod[]> | undefined;
  for (const svc of peekValues(state.services)) {
    const eps = serviceEndpoints(state, svc, () => (byNamespace ??= podsByNamespace(state)));
    if (!eps) continue;
    ensureDefault(state, endpoints, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: svc.metadata.name, namespace: svc.metadata.namespace, uid: '', creationTimestamp: svc.metadata.creationTimestamp, labels: { ...svc.metadata.labels } } });
    const address = (e: (typeof eps.endpoints)[number]): EndpointAddress => ({ ip: e.addresses[0], ...(e.nodeName ? { nodeName: e.nodeName } : {}), ...(e.targetRef ? { targetRef: e.targetRef } : {}) });
    const ready = eps.endpoints.filter((e) => e.conditions.ready).map(address);
    const notReady = eps.endpoints.filter((e) => !e.conditions.ready).map(address);
    const subsets = eps.endpoints.length ? [{ ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports: eps.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol })) }] : undefined;
    const ep = table[`${svc.metadata.namespace}/${svc.metadata.name}`];
    if (!sameJson(ep.subsets, subsets)) {
      if (subsets) ep.subsets = subsets; else delete ep.subsets;
    }
  }
}

/** core/v1 Endpoints. */
export const endpoints: KindDef<Endpoints> = {
  kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', shortNames: ['ep'], group: '', version: 'v1', namespaced: true, verbs: RW,
  table: objectTable('endpoints'),
  columns: [
    nameColumn,
    col<Endpoints>('ENDPOINTS', (e) => firstThree((e.subsets ?? []).flatMap((s) => (s.ports ?? []).flatMap((p) => (s.addresses ?? []).map((a) => `${a.ip}:${p.port}`))), '<none>')),
    ageColumn,
  ],
  reconcile: reconcileEndpoints,
};
