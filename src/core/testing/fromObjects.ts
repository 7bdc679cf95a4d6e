import type { AnyObject, KubeEvent, Namespace } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { laptopHost } from '../model/laptop.ts';
import { keyOf } from '../model/state.ts';

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
  };
  for (const raw of items) {
    const o = raw as AnyObject;
    const ns = o.metadata.namespace;
    switch (o.kind) {
      case 'Node': state.nodes[o.metadata.name] = o; break;
      case 'Pod': state.pods[keyOf(ns, o.metadata.name)] = o; break;
      case 'Deployment': state.deployments[keyOf(ns, o.metadata.name)] = o; break;
      case 'ReplicaSet': state.replicaSets[keyOf(ns, o.metadata.name)] = o; break;
      case 'Event': state.events[keyOf(ns, o.metadata.name)] = o as KubeEvent; break;
      case 'Namespace': state.namespaces[o.metadata.name] = o as Namespace; break;
      case 'PodDisruptionBudget': state.pdbs[keyOf(ns, o.metadata.name)] = o; break;
      case 'ConfigMap': state.configMaps[keyOf(ns, o.metadata.name)] = o; break;
      case 'Secret': state.secrets[keyOf(ns, o.metadata.name)] = o; break;
      case 'Service': state.services[keyOf(ns, o.metadata.name)] = o; break;
      default: break; // kinds the simulator does not model yet are skipped
    }
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

