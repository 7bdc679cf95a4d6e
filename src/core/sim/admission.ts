import type { ClusterState } from '../model/state.ts';
import type { Pod } from '../model/k8s.ts';
import { applyLimitRangeDefaults } from '../kinds/limitrange.ts';
import { qosClass } from './podFactory.ts';
import { stageVerdict } from './faults/stages.ts';
import type { ApiRefusal, ApiRequest } from './faults/types.ts';
import { authorize, forbiddenStatus } from './authz.ts';
import { validatingWebhooks } from './webhooks.ts';

export { KUBECONFIG_USER } from './authz.ts';

/**
 * The API server's decision on one request after authentication: authorization (RBAC over the
 * cluster's Roles and bindings, for requests that carry the user's groups) and admission (the
 * `api` stage: faults, quota; then the validating admission webhooks of sim/webhooks.ts, which
 * `options.webhooks: false` leaves out for questions about authorization alone, like `auth can-i`).
 * Undefined when it is let through.
 *
 * Controllers (ReplicaSet, Job) send their writes as their own ServiceAccounts
 * (`system:serviceaccount:kube-system:replicaset-controller`) without groups, so RBAC is not
 * evaluated for them, only admission. The choice is faithful to what a learner can do: RBAC only
 * adds permissions, so no Role or binding the learner makes can take anything from a controller;
 * the one way a real cluster refuses one (removing the bootstrap `system:controller:*` roles, which
 * kube-apiserver restores at its next start) is not in the store to remove.
 */
export function admit(state: ClusterState, request: ApiRequest, options: { webhooks?: boolean } = {}): ApiRefusal | undefined {
  if (request.groups) {
    const [resource, subresource = ''] = request.resource.split('/', 2);
    const attributes = { verb: request.verb, group: request.group, resource, subresource, namespace: request.namespace, name: request.name };
    const decision = authorize(state, { name: request.user, groups: request.groups }, attributes);
    if (!decision.allowed) return forbiddenStatus(request.user, attributes, decision.reason);
  }
  const pod = request.verb === 'create' && request.resource === 'pods' ? (request.object as Pod | undefined) : undefined;
  // Mutating admission first (LimitRanger's defaults), then validation: the scenario's faults and
  // the built-in ResourceQuota check see the pod as it would be stored.
  if (pod?.spec && applyLimitRangeDefaults(state, pod)) pod.status = { ...pod.status, qosClass: qosClass(pod.spec) };
  return stageVerdict(state, 'api', { state, request }) ?? (options.webhooks === false ? undefined : validatingWebhooks(state, request));
}

/**
 * The authorizer's refusal in kube-apiserver's words: `pods "web-1" is forbidden: User "jane"
 * cannot get resource "pods" in API group "" in the namespace "shop"` (`at the cluster scope` for
 * cluster-wide requests; no name for lists and creates).
 */
export function forbidden(request: ApiRequest): ApiRefusal {
  const [resource, subresource = ''] = request.resource.split('/', 2);
  return forbiddenStatus(request.user, { verb: request.verb, group: request.group, resource, subresource, namespace: request.namespace, name: request.name });
}
