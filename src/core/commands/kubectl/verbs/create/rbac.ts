import type { BindingObject, Subject } from '../../../../kinds/rbac.ts';
import { getObject, resolveKind } from '../../../../kinds/registry.ts';
import { issueToken } from '../../../../sim/tokens.ts';
import { parseDuration } from '../../../../time.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { FlagSpec } from '../../../flags.ts';
import { fail, GENERATOR_FLAGS, generatorStart, printCreated, requestMeta } from './output.ts';

const RBAC = 'rbac.authorization.k8s.io';
const SUBJECT_FLAGS = [
  { name: 'clusterrole', type: 'string', help: 'ClusterRole this ClusterRoleBinding should reference' },
  { name: 'user', type: 'stringArray', help: 'Usernames to bind to the clusterrole. The flag can be repeated to add multiple users.' },
  { name: 'group', type: 'stringArray', help: 'Groups to bind to the clusterrole. The flag can be repeated to add multiple groups.' },
  { name: 'serviceaccount', type: 'stringArray', help: 'Service accounts to bind to the clusterrole, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.' },
  ...GENERATOR_FLAGS,
] as FlagSpec[];

/**
 * `kubectl create rolebinding|clusterrolebinding NAME --role|--clusterrole=R [--user U] [--group G]
 * [--serviceaccount NS:NAME]` (kubectl 1.33 create_rolebinding.go / create_clusterrolebinding.go):
 * subjects users, then groups, then service accounts; prints `rolebinding.rbac.authorization.k8s.io/NAME created`.
 */
function createBinding(kind: 'RoleBinding' | 'ClusterRoleBinding', inv: KubectlInvocation, ctx: CommandContext): CommandResult {
  const start = generatorStart(inv);
  if (!start.ok) return start.result;
  const v = inv.flags.values;
  const clusterRole = String(v.clusterrole ?? '');
  const role = kind === 'RoleBinding' ? String(v.role ?? '') : '';
  if ((clusterRole === '') === (role === '')) return fail(kind === 'RoleBinding' ? 'error: exactly one of clusterrole or role must be specified\n' : 'error: exactly one of clusterrole must be specified\n');
  const subjects: Subject[] = [
    // Go's Subject field order (kind, apiGroup, name, namespace), for -o json.
    ...(v.user as string[]).map((name) => ({ kind: 'User' as const, apiGroup: RBAC, name })),
    ...(v.group as string[]).map((name) => ({ kind: 'Group' as const, apiGroup: RBAC, name })),
  ];
  for (const sa of v.serviceaccount as string[]) {
    const [namespace, name, ...rest] = sa.split(':');
    if (!namespace || !name || rest.length) return fail('error: serviceaccount must be <namespace>:<name>\n');
    subjects.push({ kind: 'ServiceAccount', name, namespace });
  }
  const def = resolveKind(kind)!;
  const namespace = kind === 'RoleBinding' ? inv.namespace : undefined;
  const name = start.name;
  const qualified = `${def.plural}.${RBAC}`;
  const roleRef = { apiGroup: RBAC, kind: role ? 'Role' as const : 'ClusterRole' as const, name: role || clusterRole };
  const ref = `${def.singular}.${RBAC}/${name}`;
  // The request as kubectl builds it, printed without asking the server.
  if (start.opts.dryRun === 'client') return printCreated(start.opts, ref, { kind, apiVersion: `${RBAC}/v1`, metadata: requestMeta(inv, name, kind === 'RoleBinding'), ...(subjects.length ? { subjects } : {}), roleRef });
  if (getObject(ctx.state, def, namespace ?? '', name)) return fail(`Error from server (AlreadyExists): ${qualified} "${name}" already exists\n`);
  const binding: BindingObject = {
    apiVersion: `${RBAC}/v1`, kind,
    metadata: { name, ...(namespace ? { namespace } : {}), uid: '', creationTimestamp: '' },
    roleRef,
    ...(subjects.length ? { subjects } : {}),
  };
  if (start.opts.dryRun === 'none') ctx.dispatch({ type: 'object/create', object: binding });
  const stored = getObject(ctx.state, def, namespace ?? '', name) ?? binding;
  return printCreated(start.opts, ref, stored);
}

/** One of the two binding generators: kubectl's help texts, the flags, and `createBinding`. */
const bindingVerb = (kind: 'RoleBinding' | 'ClusterRoleBinding', text: { short: string; examples: string; usage: string }, flags: FlagSpec[]): KubectlVerb =>
  ({ name: kind.toLowerCase(), ...text, long: `${text.short}.`, flags, run: (inv, ctx) => createBinding(kind, inv, ctx) });

export const createRoleBinding = bindingVerb('RoleBinding', {
  short: 'Create a role binding for a particular role or cluster role',
  examples: '# Create a role binding for user1, user2, and group1 using the admin cluster role\nkubectl create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1\n\n# Create a role binding for service account monitoring:sa-dev using the admin role\nkubectl create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev',
  usage: 'kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
}, [{ name: 'role', type: 'string', help: 'Role this RoleBinding should reference' }, ...SUBJECT_FLAGS.map((f) => (f.name === 'clusterrole' ? { ...f, help: 'ClusterRole this RoleBinding should reference' } : f))]);

export const createClusterRoleBinding = bindingVerb('ClusterRoleBinding', {
  short: 'Create a cluster role binding for a particular cluster role',
  examples: '# Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role\nkubectl create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1',
  usage: 'kubectl create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
}, [...SUBJECT_FLAGS]);

/**
 * `kubectl create token SA [--duration=D] [--audience=A]` (kubectl 1.33 create_token.go): asks the
 * TokenRequest API for a bound token (1h unless --duration says otherwise) and prints it.
 */
export const createToken: KubectlVerb = {
  name: 'token',
  short: 'Request a service account token',
  long: 'Request a service account token.',
  examples: '# Request a token to authenticate to the kube-apiserver as the service account "myapp" in the current namespace\nkubectl create token myapp\n\n# Request a token for a service account in a custom namespace\nkubectl create token myapp --namespace myns\n\n# Request a token with a custom expiration\nkubectl create token myapp --duration 10m',
  usage: 'kubectl create token SERVICE_ACCOUNT_NAME [options]',
  flags: [
    { name: 'audience', type: 'stringArray', help: 'Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences.' },
    { name: 'duration', type: 'string', default: '0s', help: 'Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime.' },
    { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  ],
  run(inv, ctx) {
    const args = inv.flags.positionals;
    if (args.length !== 1) return fail(`error: exactly one NAME is required, got ${args.length}\nSee 'kubectl create token -h' for help and examples\n`);
    const raw = String(inv.flags.values.duration);
    const ms = parseDuration(raw);
    if (ms === undefined || ms < 0) return fail(`error: invalid argument "${raw}" for "--duration" flag: time: invalid duration "${raw}"\nSee 'kubectl create token --help' for usage.\n`);
    if (ms > 0 && ms < 600_000) return fail(`error: failed to create token: TokenRequest.authentication.k8s.io "${args[0]}" is invalid: spec.expirationSeconds: Invalid value: ${Math.floor(ms / 1000)}: may not specify a duration less than 10 minutes\n`);
    const token = issueToken(ctx.state, inv.namespace, args[0], ms > 0 ? Math.floor(ms / 1000) : 3600, inv.flags.values.audience as string[]);
    if (!token) return fail(`error: failed to create token: serviceaccounts "${args[0]}" not found\n`);
    return { stdout: `${token}\n`, stderr: '', exitCode: 0 };
  },
};
