import type { KubeObject } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { apiRequest } from '../sim/etcd/latency.ts';
import { col, nameColumn } from './common.ts';
import type { KindDef } from './types.ts';

/** v1 ComponentStatus: what the API server finds when it probes the scheduler, controller manager and etcd. */
export interface ComponentStatus extends KubeObject {
  kind: 'ComponentStatus';
  conditions: { type: 'Healthy'; status: 'True' | 'False' | 'Unknown'; message?: string; error?: string }[];
}

/**
 * The objects, made on each read as kube-apiserver does (they are never stored): the scheduler's
 * and controller manager's healthz answer `ok`; `etcd-0` is unhealthy while etcd does not answer.
 */
function componentStatuses(state: ClusterState): Record<string, ComponentStatus> {
  const etcdError = apiRequest(state, 'read').error;
  const status = (name: string, error?: string): ComponentStatus => ({
    apiVersion: 'v1', kind: 'ComponentStatus', // Never stored: no uid, and the null creationTimestamp the API server's Go struct serializes.
    metadata: { name, uid: undefined as unknown as string, creationTimestamp: null as unknown as string },
    conditions: [error ? { type: 'Healthy', status: 'False', error } : { type: 'Healthy', status: 'True', message: 'ok' }],
  });
  return { 'controller-manager': status('controller-manager'), scheduler: status('scheduler'), 'etcd-0': status('etcd-0', etcdError) };
}

const healthy = (cs: ComponentStatus) => cs.conditions.find((c) => c.type === 'Healthy');

/** v1 ComponentStatus (`kubectl get cs`), deprecated since 1.19 but still served. */
export const componentStatus: KindDef<ComponentStatus> = {
  kind: 'ComponentStatus', plural: 'componentstatuses', singular: 'componentstatus', shortNames: ['cs'], group: '', version: 'v1', namespaced: false,
  verbs: ['get', 'list'],
  deprecation: 'v1 ComponentStatus is deprecated in v1.19+',
  table: componentStatuses,
  // Made at each read, never stored: runDeletions (after every change) has nothing to look for in it.
  derived: true,
  columns: [
    nameColumn,
    col<ComponentStatus>('STATUS', (cs) => (healthy(cs)?.status === 'True' ? 'Healthy' : healthy(cs)?.status === 'False' ? 'Unhealthy' : 'Unknown')),
    col<ComponentStatus>('MESSAGE', (cs) => healthy(cs)?.message ?? ''),
    col<ComponentStatus>('ERROR', (cs) => healthy(cs)?.error ?? ''),
  ],
};
