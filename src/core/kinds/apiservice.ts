import type { Condition, KubeObject } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { keyOf } from '../model/state.ts';
import { describeGeneric } from '../printers/describe/generic.ts';
import { rfc3339 } from '../time.ts';
import { ageColumn, col, ensureDefault, eventsOnly, nameColumn, objectTable, peekTable, RW } from './common.ts';
import { endpoints } from './endpoints.ts';
import { dial } from '../sim/network.ts';
import { peekValue } from '../sim/peek.ts';
import type { KindDef } from './types.ts';

/** apiregistration.k8s.io/v1 APIService: a group/version the aggregator serves itself (Local) or proxies to a Service. */
export interface APIService extends KubeObject {
  kind: 'APIService';
  spec: {
    group?: string;
    version?: string;
    service?: { namespace: string; name: string; port?: number } | null;
    insecureSkipTLSVerify?: boolean;
    groupPriorityMinimum: number;
    versionPriority: number;
  };
  status?: { conditions?: Condition[] };
}

/**
 * The group/versions kube-apiserver 1.31 serves itself (`kubectl get apiservice` lists each as
 * Local): `version.group`, the core group as `v1.`. flowcontrol's v1beta3 went away in 1.32.
 */
const LOCAL = ['v1.', 'v1.admissionregistration.k8s.io', 'v1.apiextensions.k8s.io', 'v1.apps', 'v1.authentication.k8s.io', 'v1.authorization.k8s.io',
  'v1.autoscaling', 'v1.batch', 'v1.certificates.k8s.io', 'v1.coordination.k8s.io', 'v1.discovery.k8s.io', 'v1.events.k8s.io',
  'v1.flowcontrol.apiserver.k8s.io', 'v1.networking.k8s.io', 'v1.node.k8s.io', 'v1.policy', 'v1.rbac.authorization.k8s.io', 'v1.scheduling.k8s.io',
  'v1.storage.k8s.io', 'v1beta3.flowcontrol.apiserver.k8s.io', 'v2.autoscaling'];

/**
 * The Local APIServices every cluster has, made as the API server's registration controller does
 * at start-up (`createdAt`, RFC 3339), Available from then on.
 */
export function addLocalApiServices(state: ClusterState, createdAt: string): void {
  const minor = Number(/^v1\.(\d+)/.exec(state.serverVersion)?.[1] ?? 31);
  for (const name of LOCAL) {
    if (name.startsWith('v1beta3.flowcontrol') && minor >= 32) continue;
    const [version, ...rest] = name.split('.');
    const group = rest.join('.');
    ensureDefault<APIService>(state, apiService, {
      apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService',
      metadata: { name, uid: '', creationTimestamp: createdAt, labels: { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' } },
      spec: { ...(group ? { group } : {}), version, groupPriorityMinimum: 18000, versionPriority: 15 },
      status: { conditions: [{ type: 'Available', status: 'True', lastTransitionTime: createdAt, reason: 'Local', message: 'Local APIServices are always available' }] },
    });
  }
}

/**
 * kube-aggregator's AvailableConditionController (1.31) for APIServices backed by a Service: the
 * Service must exist and listen on the port, and its Endpoints must have a ready address on that
 * port's name (else MissingEndpoints); then the discovery request must get through to a backend
 * (FailedDiscoveryCheck when it is refused or dropped, e.g. by a NetworkPolicy). The condition's time moves only when its status does.
 */
function availability(state: ClusterState, a: APIService): Pick<Condition, 'status' | 'reason' | 'message'> {
  const svc = a.spec.service!;
  const where = `service/${svc.name} in "${svc.namespace}"`;
  const key = keyOf(svc.namespace, svc.name);
  const service = Object.hasOwn(state.services, key) ? state.services[key] : undefined;
  if (!service) return { status: 'False', reason: 'ServiceNotFound', message: `${where} is not present` };
  const port = service.spec.ports?.find((p) => p.port === (svc.port ?? 443));
  if (!port) return { status: 'False', reason: 'ServicePortError', message: `${where} is not listening on port ${svc.port ?? 443}` };
  const table = peekTable(state, endpoints.table!);
  const ep = Object.hasOwn(table, key) ? table[key] : undefined;
  if (!ep) return { status: 'False', reason: 'EndpointsNotFound', message: `cannot find endpoints for ${where}` };
  const name = port.name ?? '';
  const active = (ep.subsets ?? []).some((s) => (s.addresses ?? []).length > 0 && (s.ports ?? []).some((p) => (p.name ?? '') === name));
  if (!active) return { status: 'False', reason: 'MissingEndpoints', message: `endpoints for ${where} have no addresses with port name "${name}"` };
  // The discovery check: a GET of /apis/<group>/<version> through the Service's ClusterIP (the
  // aggregator's default routing), from the API server's own network, with a 5 s deadline.
  const url = `https://${service.spec.clusterIP}:${port.port}/apis/${a.spec.group}/${a.spec.version}`;
  const reached = dial(state, { ip: apiServerAddress(state) }, service.spec.clusterIP ?? '', port.port).outcome;
  if (reached !== 'open') {
    const error = reached === 'refused' ? `dial tcp ${service.spec.clusterIP}:${port.port}: connect: connection refused` : 'context deadline exceeded';
    return { status: 'False', reason: 'FailedDiscoveryCheck', message: `failing or missing response from ${url}: Get "${url}": ${error}` };
  }
  return { status: 'True', reason: 'Passed', message: 'all checks passed' };
}

/** Where the API server's calls come from: the first control-plane node's address ('' for a managed control plane outside the cluster). */
function apiServerAddress(state: ClusterState): string {
  const cp = Object.values(state.nodes).filter((n) => Object.hasOwn(n.metadata.labels ?? {}, 'node-role.kubernetes.io/control-plane'))
    .sort((x, y) => (x.metadata.name < y.metadata.name ? -1 : x.metadata.name > y.metadata.name ? 1 : 0))[0];
  return cp?.status.addresses?.find((x) => x.type === 'InternalIP')?.address ?? '';
}

function reconcileApiServices(state: ClusterState): void {
  const table = peekTable(state, apiService.table!);
  for (const name of Object.keys(table)) {
    // Read as stored (peekValue): drafting every local APIService to find none changed cost more than the check.
    const a = peekValue(table, name);
    if (!a.spec.service) continue;
    const next = availability(state, a);
    const old = a.status?.conditions?.find((c) => c.type === 'Available');
    if (old && old.status === next.status && old.reason === next.reason && old.message === next.message) continue;
    const lastTransitionTime = old && old.status === next.status ? old.lastTransitionTime : rfc3339(state.now);
    table[name].status = { conditions: [{ type: 'Available', ...next, lastTransitionTime }] };
  }
}

/** Whether the aggregator serves `group/version` (an APIService by that name is Available); undefined when no such APIService exists. */
export function apiServiceAvailable(state: ClusterState, name: string): boolean | undefined {
  const table = peekTable(state, apiService.table!);
  const a = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!a) return undefined;
  return a.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True') ?? false;
}

/** AVAILABLE as kube-aggregator's table convertor prints it: `True`, `False (MissingEndpoints)`, `Unknown`. */
function availableCell(a: APIService): string {
  const c = a.status?.conditions?.find((x) => x.type === 'Available');
  if (!c) return 'Unknown';
  if (c.status === 'True') return 'True';
  return c.reason ? `${c.status} (${c.reason})` : c.status;
}

/** apiregistration.k8s.io/v1 APIService (cluster-scoped). */
export const apiService: KindDef<APIService> = {
  kind: 'APIService', plural: 'apiservices', singular: 'apiservice', shortNames: [], group: 'apiregistration.k8s.io', version: 'v1', namespaced: false, verbs: RW,
  table: objectTable('apiservices'),
  columns: [
    nameColumn,
    col<APIService>('SERVICE', (a) => (a.spec.service ? `${a.spec.service.namespace}/${a.spec.service.name}` : 'Local')),
    col<APIService>('AVAILABLE', availableCell),
    ageColumn,
  ],
  related: eventsOnly,
  describe: (obj, related, now) => describeGeneric(obj, related, now),
  writable: { patch: true, delete: true },
  reconcile: reconcileApiServices,
  admit(obj) {
    if (obj.spec.service) obj.spec.service.port ??= 443;
  },
};
