import type { KubeObject } from '../model/k8s.ts';
import { kindDef, objectKey } from '../kinds/registry.ts';
import type { ClusterState } from '../model/state.ts';
import { laptopHost } from '../model/laptop.ts';

/**
 * Builds a ClusterState from plain API objects (a `kind: List`'s items), e.g. the reference
 * fixture `shared/reference/fixtures/cluster.json`. Only the laptop host exists; node hosts are
 * added by callers that need them. Used by tests of printers and verbs; scenarios are built by
 * scenario/build.ts instead.
 */
export function stateFromObjects(items: readonly unknown[], now: number, serverVersion = 'v1.31.4'): ClusterState {
  const state: ClusterState = {
    now,
    rng: 42,
    serverVersion,
    serial: 1000,
    clusterName: 'kubernetes',
    namespaces: {},
    nodes: {},
    pods: {},
    deployments: {},
    replicaSets: {},
    pdbs: {},
    events: {},
    hosts: { laptop: laptopHost(now) },
    images: {},
    faults: [],
    kubelet: {},
    terminating: {},
    configMaps: {},
    secrets: {},
    services: {},
    objects: {},
  };
  for (const raw of items) {
    const o = raw as KubeObject;
    const def = kindDef(o.kind);
    // Kinds the simulator does not model yet are skipped.
    if (def?.table) def.table(state)[objectKey(def, o.metadata.namespace, o.metadata.name)] = o;
  }
  for (const o of Object.values(state.pods)) {
    const ns = o.metadata.namespace ?? 'default';
    if (!Object.hasOwn(state.namespaces, ns)) {
      state.namespaces[ns] = {
        apiVersion: 'v1', kind: 'Namespace',
        metadata: { name: ns, uid: `ns-${ns}`, creationTimestamp: new Date(now - 100 * 86400000).toISOString().replace('.000Z', 'Z') },
        status: { phase: 'Active' },
      };
    }
  }
  return state;
}

