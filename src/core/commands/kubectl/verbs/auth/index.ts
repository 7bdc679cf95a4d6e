import type { KubectlVerb } from '../../verb.ts';
import type { ClusterState } from '../../../../model/state.ts';
import type { BindingObject, PolicyRule, RoleObject } from '../../../../kinds/rbac.ts';
import { getObject, listObjects, resolveKind } from '../../../../kinds/registry.ts';
import { admit, KUBECONFIG_USER } from '../../../../sim/admission.ts';
import { verbHelp } from '../../root/help.ts';

/** What one access review asks (a SelfSubjectAccessReview's resourceAttributes). */
interface Access { verb: string; group: string; resource: string; subresource: string; name?: string; namespace?: string }

const matches = (list: readonly string[] | undefined, value: string) => (list ?? []).some((v) => v === '*' || v === value);

/** Whether one RBAC rule grants the access (rbac/v1 RuleAllows). */
function ruleAllows(rule: PolicyRule, a: Access): boolean {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return matches(rule.verbs, a.verb) && matches(rule.apiGroups, a.group) && matches(rule.resources, resource)
    && (!rule.resourceNames?.length || (a.name !== undefined && rule.resourceNames.includes(a.name)));
}

/** The user's groups as the authenticator gives them: admins are system:masters, service accounts theirs. */
function groupsOf(user: string): string[] {
  if (user === KUBECONFIG_USER) return ['system:masters', 'system:authenticated'];
  const sa = /^system:serviceaccount:([^:]+):/.exec(user);
  return sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`, 'system:authenticated'] : ['system:authenticated'];
}

/** Whether RBAC, from the cluster's (Cluster)Roles and their bindings, lets `user` do `a`. system:masters may do anything. */
export function rbacAllows(state: ClusterState, user: string, a: Access): boolean {
  const groups = groupsOf(user);
  if (groups.includes('system:masters')) return true;
  const bound = (b: BindingObject) => (b.subjects ?? []).some((s) =>
    (s.kind === 'User' && s.name === user) || (s.kind === 'Group' && groups.includes(s.name))
    || (s.kind === 'ServiceAccount' && user === `system:serviceaccount:${s.namespace ?? b.metadata.namespace}:${s.name}`));
  const rulesOf = (b: BindingObject): PolicyRule[] => {
    const kind = resolveKind(b.roleRef.kind === 'Role' ? 'roles' : 'clusterroles');
    const role = kind && getObject(state, kind, b.metadata.namespace ?? '', b.roleRef.name) as RoleObject | undefined;
    return role?.rules ?? [];
  };
  const bindings = [
    ...listObjects(state, resolveKind('clusterrolebindings')!, undefined),
    ...(a.namespace ? listObjects(state, resolveKind('rolebindings')!, a.namespace) : []),
  ] as BindingObject[];
  return bindings.some((b) => bound(b) && rulesOf(b).some((r) => ruleAllows(r, a)));
}

const CAN_I_USAGE = "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n";

/** `kubectl auth can-i VERB TYPE[/NAME]`: yes (exit 0) or no (exit 1), as the API server's access review answers. */
const canI: KubectlVerb = {
  name: 'can-i',
  short: 'Check whether an action is allowed',
  long: "Check whether an action is allowed.\n\n VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with \"/\". NAME is the name of a particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.",
  usage: 'kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]',
  examples: '# Check to see if I can create pods in any namespace\nkubectl auth can-i create pods --all-namespaces\n\n# Check to see if I can list deployments in my current namespace\nkubectl auth can-i list deployments.apps\n\n# Check to see if service account "foo" of namespace "dev" can list pods in the namespace "prod"\n# You must be allowed to use impersonation for the global option "--as"\nkubectl auth can-i list pods --as=system:serviceaccount:dev:foo -n prod\n\n# Check to see if I can do everything in my current namespace ("*" means all)\nkubectl auth can-i \'*\' \'*\'\n\n# Check to see if I can get the job named "bar" in namespace "foo"\nkubectl auth can-i list jobs.batch/bar -n foo\n\n# Check to see if I can read pod logs\nkubectl auth can-i get pods --subresource=log\n\n# Check to see if I can access the URL /logs/\nkubectl auth can-i get /logs/\n\n# Check to see if I can approve certificates.k8s.io\nkubectl auth can-i approve certificates.k8s.io\n\n# List all allowed actions in namespace "foo"\nkubectl auth can-i --list --namespace=foo',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If true, check the specified action in all namespaces.' },
    { name: 'list', type: 'bool', help: 'If true, prints all allowed actions.' },
    { name: 'no-headers', type: 'bool', help: 'If true, prints allowed actions without headers' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'If true, suppress output and just return the exit code.' },
    { name: 'subresource', type: 'string', help: 'SubResource such as pod/log or deployment/scale' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const args = inv.flags.positionals;
    if (args.length !== 2) return { stdout: '', stderr: CAN_I_USAGE, exitCode: 1 };
    const [verb, target] = args;
    const user = inv.flags.raw.as?.at(-1) ?? KUBECONFIG_USER;
    const namespace = v['all-namespaces'] === true ? undefined : inv.namespace;
    let stderr = '';
    let access: Access;
    if (target.startsWith('/')) {
      access = { verb, group: '', resource: target, subresource: '' };
    } else {
      const [typed, name] = target.split('/');
      const def = typed === '*' ? undefined : resolveKind(typed);
      if (typed !== '*' && !def) stderr += `Warning: the server doesn't have a resource type '${typed}'\n\n`;
      access = { verb, group: def?.group ?? typed.split('.').slice(1).join('.'), resource: def?.plural ?? typed.split('.')[0], subresource: String(v.subresource ?? ''), name, namespace: def && !def.namespaced ? undefined : namespace };
    }
    const refused = access.resource.startsWith('/') ? undefined
      : admit(ctx.state, { verb, resource: access.subresource ? `${access.resource}/${access.subresource}` : access.resource, group: access.group, namespace: access.namespace, name: access.name, user });
    const allowed = !refused && rbacAllows(ctx.state, user, access);
    const quiet = v.quiet === true;
    const stdout = quiet ? '' : allowed ? 'yes\n' : 'no\n';
    // The warning about an unknown type comes before the answer.
    return { stdout, stderr, exitCode: allowed ? 0 : 1, ...(stderr && stdout ? { interleaved: stderr + stdout } : {}) };
  },
};

/** `kubectl auth`: its help, and `can-i`. */
export const auth: KubectlVerb = {
  name: 'auth',
  short: 'Inspect authorization',
  long: 'Inspect authorization.',
  usage: 'kubectl auth [flags] [options]',
  flags: [],
  subcommands: [canI],
  run() {
    return { stdout: verbHelp(auth), stderr: '', exitCode: 0 };
  },
};
