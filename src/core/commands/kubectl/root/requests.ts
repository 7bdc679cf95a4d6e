import type { ParsedCommand } from '../../parsed.ts';
import { listObjects, resolveKind } from '../../../kinds/registry.ts';
import type { ClusterState } from '../../../model/state.ts';
import { admit } from '../../../sim/admission.ts';
import { authenticatedUser, impersonatedUser, impersonationRefusal, KUBECONFIG_USER, type Attributes, type UserInfo } from '../../../sim/authz.ts';
import type { ApiRefusal } from '../../../sim/faults/types.ts';
import { authenticateToken } from '../../../sim/tokens.ts';

/**
 * The API requests behind one kubectl command line, in the order kubectl sends them, and the API
 * server's answer to the first one it refuses. kubectl's resource builder fetches a named object
 * before it writes it (patch, label, scale, set, rollout, cordon), so a user who may patch but not
 * get is refused the get; `logs` and `exec` read the pod before its subresource.
 */

/** One request as the authorizer sees it, before the user is known. */
type Req = Omit<Attributes, 'path'>;

const CREATE_TYPES: Record<string, string> = {
  configmap: 'configmaps', cm: 'configmaps', secret: 'secrets', namespace: 'namespaces', ns: 'namespaces',
  poddisruptionbudget: 'poddisruptionbudgets', pdb: 'poddisruptionbudgets', deployment: 'deployments', deploy: 'deployments',
  serviceaccount: 'serviceaccounts', sa: 'serviceaccounts', role: 'roles', clusterrole: 'clusterroles',
  rolebinding: 'rolebindings', clusterrolebinding: 'clusterrolebindings', job: 'jobs', cronjob: 'cronjobs', service: 'services', svc: 'services',
  quota: 'resourcequotas', priorityclass: 'priorityclasses', ingress: 'ingresses',
};

/** The requests for one verb on one resource (`sub` names the subresource, `verb` the API verb). */
function requestsFor(state: ClusterState, path: readonly string[], resource: string, name: string | undefined, namespace: string | undefined, positionals: readonly string[]): Req[] {
  const def = resolveKind(resource);
  if (!def) return [];
  const ns = def.namespaced ? namespace : undefined;
  const req = (verb: string, subresource = '', n: string | undefined = name): Req => ({ verb, group: def.group, resource: def.plural, subresource, namespace: ns, name: n });
  const read = name !== undefined ? req('get') : req('list');
  const [verb, sub] = path;
  switch (verb) {
    case 'get': case 'describe': case 'events': return [read];
    case 'top': return [{ ...read, group: 'metrics.k8s.io' }];
    case 'logs': return def.plural === 'pods' ? [read, req('get', 'log')] : [read];
    case 'exec': case 'attach': return [read, req('create', verb)];
    case 'port-forward': return [read, req('create', 'portforward')];
    case 'debug':
      if (def.plural === 'nodes') return [read, { verb: 'create', group: '', resource: 'pods', subresource: '', namespace }];
      return [read, req('patch', 'ephemeralcontainers')];
    case 'delete': {
      if (name !== undefined) return [req('delete')];
      // `--all` / `-l`: kubectl lists, then deletes each object by name (the first is the first refused).
      const first = listObjects(state, def, ns)[0];
      return first ? [read, req('delete', '', first.metadata.name)] : [read];
    }
    case 'scale': return [read, req('patch', 'scale')];
    case 'rollout': return sub === 'status' || sub === 'history' ? [read] : [read, req('patch')];
    case 'cordon': case 'uncordon': case 'taint': case 'patch': case 'label': case 'annotate': case 'set': return [read, req('patch')];
    case 'drain': return [read, req('patch'), { verb: 'list', group: '', resource: 'pods', subresource: '' }, { verb: 'create', group: '', resource: 'pods', subresource: 'eviction' }];
    case 'expose': return [read, { verb: 'create', group: '', resource: 'services', subresource: '', namespace }];
    case 'autoscale': return [read, { verb: 'create', group: 'autoscaling', resource: 'horizontalpodautoscalers', subresource: '', namespace }];
    default: return positionals.length || name !== undefined ? [read] : [];
  }
}

/** `kubectl create TYPE NAME` and `kubectl run`: one create (`create token SA`: the serviceaccounts/token subresource). */
function createRequests(path: readonly string[], positionals: readonly string[], namespace: string | undefined): Req[] {
  if (path[0] === 'run') return [{ verb: 'create', group: '', resource: 'pods', subresource: '', namespace }];
  const type = path[1];
  if (type === 'token') {
    return [{ verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token', namespace, name: positionals[0] }];
  }
  const def = type ? resolveKind(CREATE_TYPES[type] ?? type) : undefined;
  return def ? [{ verb: 'create', group: def.group, resource: def.plural, subresource: '', namespace: def.namespaced ? namespace : undefined }] : [];
}

/** Every request the command line sends, in order. */
export function kubectlRequests(state: ClusterState, record: ParsedCommand): Req[] {
  const namespace = record.namespace === '*' ? undefined : record.namespace;
  if (record.verb[0] === 'create' || record.verb[0] === 'run') return createRequests(record.verb, record.args, namespace);
  return (record.resources ?? []).flatMap((r) => requestsFor(state, record.verb, r.resource, r.name, namespace, record.args));
}

/** The authenticator's 401, which kubectl prints as `error: You must be logged in to the server (Unauthorized)`. */
export const UNAUTHORIZED: ApiRefusal = { code: 401, reason: 'Unauthorized', message: 'Unauthorized' };

/** A refusal as kubectl prints it on stderr. */
export const refusalText = (r: ApiRefusal) =>
  r.code === 401 ? 'error: You must be logged in to the server (Unauthorized)\n' : `Error from server (${r.reason}): ${r.message}\n`;

/**
 * The user a command acts as: the kubeconfig's admin (or the ServiceAccount a `--token` authenticates),
 * or whom `--as` (with `--as-group`) impersonates, after the impersonation filter let them do so.
 */
export function actingUser(state: ClusterState, record: ParsedCommand): { user: UserInfo } | { refusal: ApiRefusal } {
  const token = record.flags.token?.at(-1);
  const acting = token ? authenticateToken(state, token) : authenticatedUser(KUBECONFIG_USER);
  if (!acting) return { refusal: UNAUTHORIZED };
  const as = record.flags.as?.at(-1);
  if (as === undefined || as === '') return { user: acting };
  const groups = record.flags['as-group'] ?? [];
  const refusal = impersonationRefusal(state, acting, as, groups);
  return refusal ? { refusal } : { user: impersonatedUser(as, groups) };
}

/**
 * Authorization and admission for one kubectl command line: impersonation, then each request in
 * order through `admit` (RBAC, then the api stage's faults and admission plugins); the first
 * refusal is what kubectl prints as `Error from server (Forbidden): …`.
 */
export function admitKubectl(state: ClusterState, record: ParsedCommand): ApiRefusal | undefined {
  const who = actingUser(state, record);
  if ('refusal' in who) return who.refusal;
  for (const r of kubectlRequests(state, record)) {
    const refusal = admitAs(state, who.user, r);
    if (refusal) return refusal;
  }
  return undefined;
}

function admitAs(state: ClusterState, user: UserInfo, r: Req): ApiRefusal | undefined {
  return admit(state, { verb: r.verb, resource: r.subresource ? `${r.resource}/${r.subresource}` : r.resource, group: r.group, namespace: r.namespace, name: r.name, user: user.name, groups: user.groups });
}

/**
 * One more request of the command line, decided when the verb knows it (the objects of `-f` files
 * are read after the line is parsed): the API server's refusal for the acting user, or undefined.
 */
export function admitRequest(state: ClusterState, record: ParsedCommand, r: Req): ApiRefusal | undefined {
  const who = actingUser(state, record);
  return 'refusal' in who ? who.refusal : admitAs(state, who.user, r);
}

export type { Req as ApiRequest };
