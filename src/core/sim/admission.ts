import type { ParsedCommand } from '../commands/parsed.ts';
import { resolveKind } from '../kinds/registry.ts';
import type { ClusterState } from '../model/state.ts';
import type { Pod } from '../model/k8s.ts';
import { applyLimitRangeDefaults } from '../kinds/limitrange.ts';
import { qosClass } from './podFactory.ts';
import { stageVerdict } from './faults/stages.ts';
import type { ApiRefusal, ApiRequest } from './faults/types.ts';

/** The user the learner's kubeconfig authenticates as (kubeadm's and EKS's admin context). */
export const KUBECONFIG_USER = 'kubernetes-admin';

/**
 * The API server's decision on one request after authentication: authorization and admission
 * (the `api` stage: RBAC refusals, quota, webhooks). Undefined when it is let through.
 */
export function admit(state: ClusterState, request: ApiRequest): ApiRefusal | undefined {
  const pod = request.verb === 'create' && request.resource === 'pods' ? (request.object as Pod | undefined) : undefined;
  // Mutating admission first (LimitRanger's defaults), then validation: the scenario's faults and
  // the built-in ResourceQuota check see the pod as it would be stored.
  if (pod?.spec && applyLimitRangeDefaults(state, pod)) pod.status = { ...pod.status, qosClass: qosClass(pod.spec) };
  return stageVerdict(state, 'api', { state, request });
}

/** The API verb a kubectl verb sends for a resource (`get` without a name lists). */
function apiVerb(path: readonly string[], named: boolean): string {
  switch (path[0]) {
    case 'get': case 'describe': case 'top': case 'events': return named ? 'get' : 'list';
    case 'logs': return 'get';
    case 'delete': case 'drain': return 'delete';
    case 'create': case 'exec': case 'debug': case 'run': case 'expose': return 'create';
    case 'scale': case 'patch': case 'label': case 'annotate': case 'set': case 'rollout': case 'cordon': case 'uncordon': case 'taint': return 'patch';
    default: return named ? 'get' : 'list';
  }
}

/** The subresource a kubectl verb reaches (`pods/log`, `pods/exec`, `deployments/scale`), if any. */
function subresource(path: readonly string[]): string | undefined {
  return ({ logs: 'log', exec: 'exec', scale: 'scale' } as Record<string, string | undefined>)[path[0]];
}

/**
 * The requests behind one kubectl command line, checked in order: the first refusal is what kubectl
 * prints (`Error from server (Forbidden): …`). `--as` impersonates another user.
 */
export function admitKubectl(state: ClusterState, record: ParsedCommand): ApiRefusal | undefined {
  const user = record.flags.as?.at(-1) ?? KUBECONFIG_USER;
  for (const r of record.resources ?? []) {
    const type = resolveKind(r.resource);
    const sub = subresource(record.verb);
    const request: ApiRequest = {
      verb: apiVerb(record.verb, r.name !== undefined),
      resource: sub ? `${r.resource}/${sub}` : r.resource,
      group: type?.group ?? '',
      namespace: type && !type.namespaced ? undefined : record.namespace === '*' ? undefined : record.namespace,
      name: r.name,
      user,
    };
    const refusal = admit(state, request);
    if (refusal) return refusal;
  }
  return undefined;
}

/**
 * The authorizer's refusal in kube-apiserver's words: `pods "web-1" is forbidden: User "jane"
 * cannot get resource "pods" in API group "" in the namespace "shop"` (`at the cluster scope` for
 * cluster-wide requests; `cannot list` without a name).
 */
export function forbidden(request: ApiRequest): ApiRefusal {
  const base = request.resource.split('/')[0];
  const qualified = request.group ? `${base}.${request.group}` : base;
  const what = request.name ? `${qualified} "${request.name}"` : qualified;
  const where = request.namespace ? `in the namespace "${request.namespace}"` : 'at the cluster scope';
  return { code: 403, reason: 'Forbidden', message: `${what} is forbidden: User "${request.user}" cannot ${request.verb} resource "${request.resource}" in API group "${request.group}" ${where}` };
}
