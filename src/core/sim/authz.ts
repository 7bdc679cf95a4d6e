import type { BindingObject, PolicyRule, RoleObject, Subject } from '../kinds/rbac.ts';
import { getObject, listObjects, resolveKind } from '../kinds/registry.ts';
import type { ClusterState } from '../model/state.ts';
import type { ApiRefusal } from './faults/types.ts';

/**
 * The API server's authorization step (kube-apiserver `--authorization-mode=Node,RBAC`, 1.31):
 * who the request is from (the authenticator's user and groups, or the user `--as` impersonates),
 * whether the privileged-groups authorizer or RBAC lets them do it, and the Forbidden text
 * (apiserver responsewriters.forbiddenMessage) when not.
 */

/** The user the learner's kubeconfig authenticates as (kubeadm's and EKS's admin context). */
export const KUBECONFIG_USER = 'kubernetes-admin';

/** An authenticated (or impersonated) user: name and groups, as the authenticator hands them on. */
export interface UserInfo {
  name: string;
  groups: readonly string[];
}

/** What one request asks (authorizer.Attributes): a resource request, or a non-resource `path`. */
export interface Attributes {
  verb: string;
  /** API group, `` for core. */
  group: string;
  /** Resource plural, without the subresource (`pods`). */
  resource: string;
  /** `log`, `exec`, `scale`, `token`, or ``. */
  subresource: string;
  namespace?: string;
  name?: string;
  /** Non-resource URL (`/healthz`) when the request is not for a resource. */
  path?: string;
}

const AUTHENTICATED = 'system:authenticated';
const SA_PREFIX = 'system:serviceaccount:';

/** `system:serviceaccount:ci:deployer` → `{namespace: ci, name: deployer}`, or undefined for other users. */
export function serviceAccountOf(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const [namespace, name, ...rest] = user.slice(SA_PREFIX.length).split(':');
  return namespace && name && rest.length === 0 ? { namespace, name } : undefined;
}

/**
 * The groups the authenticator gives a user: the kubeconfig admin is in `system:masters`; a service
 * account's token puts it in `system:serviceaccounts` and `system:serviceaccounts:<ns>`; everyone
 * authenticated is in `system:authenticated`.
 */
export function authenticatedUser(name: string): UserInfo {
  if (name === KUBECONFIG_USER) return { name, groups: ['system:masters', AUTHENTICATED] };
  return impersonatedUser(name, []);
}

/**
 * The user an `--as NAME [--as-group G…]` request acts as (apiserver's impersonation filter):
 * the named groups, or a service account's fixed groups when none are named, plus
 * `system:authenticated`.
 */
export function impersonatedUser(name: string, groups: readonly string[]): UserInfo {
  const sa = serviceAccountOf(name);
  const base = groups.length > 0 || !sa ? [...groups] : ['system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`];
  if (name !== 'system:anonymous' && !base.includes(AUTHENTICATED)) base.push(AUTHENTICATED);
  return { name, groups: base };
}

const matches = (list: readonly string[] | undefined, value: string) => (list ?? []).some((v) => v === '*' || v === value);

/** Whether one RBAC rule grants the access (rbac/v1 RuleAllows: verbs, groups, `resource/subresource`, names, or URL). */
export function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (!matches(rule.verbs, a.verb)) return false;
  if (a.path !== undefined) return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path!.startsWith(u.slice(0, -1))));
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resourceOk = (rule.resources ?? []).some((r) => r === '*' || r === resource || (a.subresource !== '' && r === `*/${a.subresource}`));
  return resourceOk && matches(rule.apiGroups, a.group) && (!rule.resourceNames?.length || (a.name !== undefined && rule.resourceNames.includes(a.name)));
}

/** Whether a binding's subject is this user (a ServiceAccount subject without a namespace means the binding's own). */
function appliesTo(user: UserInfo, s: Subject, bindingNamespace: string | undefined): boolean {
  switch (s.kind) {
    case 'User': return s.name === user.name;
    case 'Group': return user.groups.includes(s.name);
    case 'ServiceAccount': return user.name === `${SA_PREFIX}${s.namespace ?? bindingNamespace ?? ''}:${s.name}`;
    default: return false;
  }
}

/** What the user's bindings grant: every rule in force, and the errors RBAC met (a binding naming a role that does not exist). */
export interface GrantedRules {
  rules: { rule: PolicyRule; namespaced: boolean }[];
  errors: string[];
}

/**
 * The rules that apply to `user` in `namespace` (rbac's VisitRulesFor): every ClusterRoleBinding's,
 * then the RoleBindings of that namespace (cluster-scoped requests see only the former). A binding
 * whose role is missing contributes the error `role.rbac.authorization.k8s.io "x" not found`.
 */
export function rulesFor(state: ClusterState, user: UserInfo, namespace: string | undefined): GrantedRules {
  const out: GrantedRules = { rules: [], errors: [] };
  const visit = (b: BindingObject, namespaced: boolean) => {
    if (!(b.subjects ?? []).some((s) => appliesTo(user, s, b.metadata.namespace))) return;
    const isRole = b.roleRef.kind === 'Role';
    // Looked up per call: the kind registry imports modules that import this one.
    const role = getObject(state, resolveKind(isRole ? 'roles' : 'clusterroles')!, isRole ? b.metadata.namespace ?? '' : '', b.roleRef.name) as RoleObject | undefined;
    if (!role) out.errors.push(`${isRole ? 'role' : 'clusterrole'}.rbac.authorization.k8s.io "${b.roleRef.name}" not found`);
    for (const rule of role?.rules ?? []) out.rules.push({ rule, namespaced });
  };
  for (const b of listObjects(state, resolveKind('clusterrolebindings')!, undefined) as BindingObject[]) visit(b, false);
  if (namespace) for (const b of listObjects(state, resolveKind('rolebindings')!, namespace) as BindingObject[]) visit(b, true);
  return out;
}

/** The authorizers' decision: allowed, or not with RBAC's reason (`RBAC: clusterrole… not found`, often empty). */
export interface Decision {
  allowed: boolean;
  reason: string;
}

/**
 * The decision on one request: members of `system:masters` may do anything (the privileged-groups
 * authorizer); anyone else as the Roles and ClusterRoles bound to them allow (RBAC allows only,
 * never denies: what no rule grants is refused).
 */
export function authorize(state: ClusterState, user: UserInfo, a: Attributes): Decision {
  if (user.groups.includes('system:masters')) return { allowed: true, reason: '' };
  const granted = rulesFor(state, user, a.path === undefined ? a.namespace : undefined);
  if (granted.rules.some(({ rule }) => ruleAllows(rule, a))) return { allowed: true, reason: '' };
  // utilerrors.NewAggregate prints one error bare and several as `[a, b]`.
  const errors = granted.errors.length === 1 ? granted.errors[0] : granted.errors.length ? `[${granted.errors.join(', ')}]` : '';
  return { allowed: false, reason: errors ? `RBAC: ${errors}` : '' };
}

/**
 * The Forbidden status for a refused request, as kube-apiserver writes it and kubectl prints it
 * after `Error from server (Forbidden): `: `deployments.apps "web" is forbidden: User "jane"
 * cannot patch resource "deployments" in API group "apps" in the namespace "shop"` (no name for
 * lists and creates; `at the cluster scope` without a namespace; `: RBAC: …` when RBAC met errors).
 */
export function forbiddenStatus(user: string, a: Attributes, reason = ''): ApiRefusal {
  let detail: string;
  if (a.path !== undefined) detail = `User "${user}" cannot ${a.verb} path "${a.path}"`;
  else {
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    const where = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
    detail = `User "${user}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${where}`;
  }
  if (reason) detail += `: ${reason}`;
  if (a.path !== undefined) return { code: 403, reason: 'Forbidden', message: `forbidden: ${detail}` };
  const qualified = a.group ? `${a.resource}.${a.group}` : a.resource;
  return { code: 403, reason: 'Forbidden', message: `${a.name ? `${qualified} "${a.name}"` : qualified} is forbidden: ${detail}` };
}

/**
 * The impersonation filter: the acting user must be allowed to `impersonate` the user (or the
 * service account, in its namespace) and each group asked for; the first refusal is returned
 * (`users "jane" is forbidden: User "dev" cannot impersonate resource "users" in API group "" at
 * the cluster scope`).
 */
export function impersonationRefusal(state: ClusterState, acting: UserInfo, as: string, groups: readonly string[]): ApiRefusal | undefined {
  const sa = serviceAccountOf(as);
  const asks: Attributes[] = [
    sa ? { verb: 'impersonate', group: '', resource: 'serviceaccounts', subresource: '', namespace: sa.namespace, name: sa.name }
      : { verb: 'impersonate', group: '', resource: 'users', subresource: '', name: as },
    ...groups.map((g) => ({ verb: 'impersonate', group: '', resource: 'groups', subresource: '', name: g })),
  ];
  for (const a of asks) {
    const d = authorize(state, acting, a);
    if (!d.allowed) return forbiddenStatus(acting.name, a, d.reason);
  }
  return undefined;
}
