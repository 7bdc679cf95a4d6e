// The kind registry before kinds/apiservice.ts: apiservice reaches sim/network, whose fault stages load the
// registry, which lists apiservice; entered from here first, that cycle would read apiService before it exists.
import '../kinds/registry.ts';
import type { Namespace, Service } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { clusterRole } from '../kinds/clusterrole.ts';
import { clusterRoleBinding } from '../kinds/clusterrolebinding.ts';
import { ensureDefault } from '../kinds/common.ts';
import { daemonSet } from '../kinds/daemonset.ts';
import { addLocalApiServices } from '../kinds/apiservice.ts';
import { namespace } from '../kinds/namespace.ts';
import { priorityClass } from '../kinds/priorityclass.ts';
import type { PolicyRule } from '../kinds/rbac.ts';
import { AGGREGATE_TO_ADMIN, AGGREGATE_TO_EDIT, AGGREGATE_TO_VIEW } from './bootstrapRoles.ts';
import { service } from '../kinds/service.ts';
import { daemonHostNetwork, type ClusterSpec } from './schema.ts';
import { seeded, uid } from '../sim/rng.ts';

/**
 * The objects every real 1.31 cluster has, made for every scenario (scenario/build.ts calls this
 * after the scenario's own objects, so a scenario that defines one of the same name wins):
 * the four system namespaces, the `kubernetes` Service, the system PriorityClasses, the built-in
 * user-facing ClusterRoles with the cluster-admin binding, the API server's Local APIServices, and a DaemonSet object for each of the
 * scenario's `daemonSets` (kube-proxy). Per-namespace objects (the `default` ServiceAccount, the
 * `kube-root-ca.crt` ConfigMap), the EndpointSlices and the node Leases come from their kinds'
 * controllers (kinds/<kind>.ts `reconcile`, lease.ts), so they follow namespaces, pods and nodes.
 * `createdAt` (RFC 3339) is when the control plane came up.
 */
export function addClusterDefaults(state: ClusterState, spec: ClusterSpec, createdAt: string): void {
  const meta = (name: string, ns?: string, labels?: Record<string, string>, annotations?: Record<string, string>) =>
    ({ name, ...(ns ? { namespace: ns } : {}), uid: '', creationTimestamp: createdAt, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) });
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    ensureDefault<Namespace>(state, namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { ...meta(ns, undefined, { 'kubernetes.io/metadata.name': ns }), uid: uid(seeded(`namespace/${ns}`)) }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  ensureDefault<Service>(state, service, {
    apiVersion: 'v1', kind: 'Service', metadata: meta('kubernetes', 'default', { component: 'apiserver', provider: 'kubernetes' }),
    spec: {
      type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }],
      sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  });
  const systemClass = (name: string, value: number, description: string) =>
    ensureDefault(state, priorityClass, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: meta(name), value, globalDefault: false, description, preemptionPolicy: 'PreemptLowerPriority' });
  systemClass('system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.');
  systemClass('system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.');
  addBuiltinRoles(state, meta);
  addLocalApiServices(state, createdAt);
  for (const ds of spec.daemonSets) {
    const labels = { 'k8s-app': ds.name };
    const resources = { ...(ds.limits ? { limits: { ...ds.limits } } : {}), ...(ds.requests ? { requests: { ...ds.requests } } : {}) };
    ensureDefault(state, daemonSet, {
      apiVersion: 'apps/v1', kind: 'DaemonSet',
      metadata: {
        ...meta(ds.name, ds.namespace, labels, { 'deprecated.daemonset.template.generation': '1', ...(ds.changeCause ? { 'kubernetes.io/change-cause': ds.changeCause } : {}) }),
        uid: `ds-${ds.name}`, generation: 1,
      },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: ds.name, image: ds.image, resources }], ...(daemonHostNetwork(ds) ? { hostNetwork: true } : {}), priorityClassName: ds.priorityClassName ?? 'system-node-critical', tolerations: [{ operator: 'Exists' }] } as never,
        },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
        revisionHistoryLimit: 10,
      },
      status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 },
    });
  }
}

const BOOTSTRAP = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };
const AGGREGATE = 'rbac.authorization.k8s.io/aggregate-to-';

/**
 * cluster-admin (everything) bound to the `system:masters` group; the aggregated admin, edit and
 * view roles (no rules of their own: an aggregationRule that the clusterrole-aggregation controller
 * in kinds/clusterrole.ts fills from the `system:aggregate-to-*` roles and any ClusterRole carrying
 * their label); the roles every authenticated user is bound to.
 */
function addBuiltinRoles(state: ClusterState, meta: (name: string, ns?: string, labels?: Record<string, string>, annotations?: Record<string, string>) => { name: string; uid: string; creationTimestamp: string }): void {
  const role = (name: string, rules: PolicyRule[] | null, labels: Record<string, string> = {}, aggregateFrom?: string) =>
    ensureDefault(state, clusterRole, {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(name, undefined, { ...BOOTSTRAP, ...labels }, AUTOUPDATE), rules,
      ...(aggregateFrom ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [`${AGGREGATE}${aggregateFrom}`]: 'true' } }] } } : {}),
    });
  role('cluster-admin', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }]);
  role('admin', null, {}, 'admin');
  role('edit', null, { [`${AGGREGATE}admin`]: 'true' }, 'edit');
  role('view', null, { [`${AGGREGATE}edit`]: 'true' }, 'view');
  role('system:aggregate-to-admin', AGGREGATE_TO_ADMIN, { [`${AGGREGATE}admin`]: 'true' });
  role('system:aggregate-to-edit', AGGREGATE_TO_EDIT, { [`${AGGREGATE}edit`]: 'true' });
  role('system:aggregate-to-view', AGGREGATE_TO_VIEW, { [`${AGGREGATE}view`]: 'true' });
  // What every authenticated user may do: ask about their own access, read discovery and health.
  role('system:basic-user', [
    { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
    { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
  ]);
  role('system:discovery', [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }]);
  role('system:public-info-viewer', [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }]);
  const bind = (name: string, groups: string[]) => ensureDefault(state, clusterRoleBinding, {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(name, undefined, BOOTSTRAP, AUTOUPDATE),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: groups.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group' as const, name: g })),
  });
  bind('cluster-admin', ['system:masters']);
  bind('system:basic-user', ['system:authenticated']);
  bind('system:discovery', ['system:authenticated']);
  bind('system:public-info-viewer', ['system:authenticated', 'system:unauthenticated']);
}
