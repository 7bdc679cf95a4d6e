import type { KubeObject } from '../../../../model/k8s.ts';
import type { PolicyRule } from '../../../../kinds/rbac.ts';
import { KINDS } from '../../../../kinds/registry.ts';
import type { FlagSpec } from '../../../flags.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { sliceValues } from './deployment.ts';
import { fail, GENERATOR_FLAGS, generatorStart, requestMeta } from './output.ts';
import { sendCreate } from './send.ts';

const RBAC = 'rbac.authorization.k8s.io';

/** The verbs kubectl knows for resources; others only earn a warning (create_role.go validResourceVerbs). */
const RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
/** The verbs a non-resource URL rule may hold (create_clusterrole.go validNonResourceVerbs). */
const NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
/** Verbs kubectl allows only on some group/resources (`bind` on roles, `impersonate` on users…): `group/resource` keys. */
const SPECIAL_VERBS: Record<string, string[]> = {
  use: ['policy/podsecuritypolicies', 'extensions/podsecuritypolicies'],
  bind: [`${RBAC}/roles`, `${RBAC}/clusterroles`],
  escalate: [`${RBAC}/roles`, `${RBAC}/clusterroles`],
  impersonate: ['/users', '/serviceaccounts', '/groups', 'authentication.k8s.io/userextras'],
};

/** One `--resource` word: `rs.apps/status` → resource `rs`, group `apps`, subresource `status`. */
interface ResourceWord { resource: string; group: string; sub: string }

/** `--resource` words as create_role.go's Complete splits them; a bare `*` stands for all and ends the list. */
function resourceWords(values: readonly string[]): ResourceWord[] {
  const out: ResourceWord[] = [];
  for (const word of sliceValues(values)) {
    const slash = word.indexOf('/');
    const head = slash < 0 ? word : word.slice(0, slash);
    const dot = head.indexOf('.');
    const r = { resource: dot < 0 ? head : head.slice(0, dot), group: dot < 0 ? '' : head.slice(dot + 1), sub: slash < 0 ? '' : word.slice(slash + 1) };
    if (r.resource === '*' && dot < 0 && slash < 0) return [r];
    out.push(r);
  }
  return out;
}

/**
 * The discovery RESTMapper's ResourceFor over the kind registry: plural, singular or short name,
 * any case, in the group when one is given. Undefined for a type the API server does not serve.
 */
function mapResource(r: ResourceWord): { resource: string; group: string } | undefined {
  const base = r.resource.toLowerCase();
  const def = KINDS.find((t) => (t.plural === base || t.singular === base || t.shortNames.includes(base)) && (r.group === '' || t.group === r.group.toLowerCase()));
  return def && { resource: def.plural, group: def.group };
}

/** kubectl's NoResourceMatch text (printed without `error: `). */
const noMatch = (r: ResourceWord) => `the server doesn't have a resource type "${r.resource}"${r.group ? ` in group "${r.group}"` : ''}\n`;

/** Dedups in order (arrayContains loops); `*` among the verbs replaces them all. */
function verbsOf(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of sliceValues(values)) {
    if (v === '*') return ['*'];
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

const unique = (xs: readonly string[]) => xs.filter((x, i) => xs.indexOf(x) === i);

/** `Warning: 'frob' is not a standard resource verb` lines for stderr, as Validate prints them. */
const verbWarnings = (verbs: readonly string[]) => verbs.filter((v) => !RESOURCE_VERBS.includes(v)).map((v) => `Warning: '${v}' is not a standard resource verb\n`).join('');

/**
 * validateResource: each resource must name something (`/status` does not), the special verbs
 * must fit it, and it must be served; a bare `*` ends the checks. Returns the error as printed.
 */
function resourceError(words: readonly ResourceWord[], verbs: readonly string[]): string | undefined {
  for (const r of words) {
    if (r.resource === '') return 'error: resource must be specified if apiGroup/subresource specified\n';
    if (r.resource === '*') return undefined;
    const mapped = mapResource(r) ?? r;
    let special = false;
    for (const v of verbs) {
      if (!Object.hasOwn(SPECIAL_VERBS, v)) continue;
      if (!SPECIAL_VERBS[v].includes(`${mapped.group}/${mapped.resource}`)) return `error: can not perform '${v}' on '${mapped.resource}' in group '${mapped.group}'\n`;
      special = true;
    }
    if (!special && !mapResource(r)) return noMatch(r);
  }
  return undefined;
}

/**
 * generateResourcePolicyRules: one rule per API group (groups sorted), its resources in the order
 * typed (mapped to plurals, subresource kept), the same verbs and names; then one rule for the
 * non-resource URLs. Fields in Go's PolicyRule order for `-o json`.
 */
function policyRules(words: readonly ResourceWord[], verbs: string[], names: string[], urls: string[]): PolicyRule[] {
  const byGroup = new Map<string, string[]>();
  for (const r of words) {
    const mapped = mapResource(r) ?? r;
    const resource = r.sub ? `${mapped.resource}/${r.sub}` : mapped.resource;
    const list = byGroup.get(mapped.group) ?? [];
    if (!list.includes(resource)) list.push(resource);
    byGroup.set(mapped.group, list);
  }
  const groups = [...byGroup.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rules: PolicyRule[] = groups.map((g) => ({ verbs, apiGroups: [g], resources: byGroup.get(g)!, ...(names.length ? { resourceNames: names } : {}) }));
  if (urls.length) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}

/** An RBAC object's name is a path segment (ValidatePathSegmentName), not a DNS name: `Foo` is fine. */
function pathSegmentErrors(name: string): string[] {
  const why = name === '.' || name === '..' ? [`may not be '${name}'`] : [];
  for (const bad of ['/', '%']) if (name.includes(bad)) why.push(`may not contain '${bad}'`);
  return why.map((w) => `metadata.name: Invalid value: "${name}": ${w}`);
}

/** Sends a Role or ClusterRole; API errors pass through as `Error from server (…)`, as kubectl prints them. */
const sendRole = (inv: KubectlInvocation, ctx: CommandContext, opts: Parameters<typeof sendCreate>[2], request: Record<string, unknown>, name: string) =>
  sendCreate(inv, ctx, opts, request as unknown as KubeObject, { what: null, fieldErrors: () => pathSegmentErrors(name) });

/** Validate's warnings go out before the create: ahead of stdout on the terminal, too. */
const withWarnings = (warnings: string, r: CommandResult): CommandResult =>
  (warnings ? { ...r, stderr: warnings + r.stderr, interleaved: warnings + (r.interleaved ?? r.stdout + r.stderr) } : r);

const RULE_FLAGS: FlagSpec[] = [
  { name: 'verb', type: 'stringArray', help: 'Verb that applies to the resources contained in the rule' },
  { name: 'resource', type: 'stringArray', help: 'Resource that the rule applies to' },
  { name: 'resource-name', type: 'stringArray', help: 'Resource in the white list that the rule applies to, repeat this flag for multiple items' },
  ...GENERATOR_FLAGS,
];

/**
 * `kubectl create role NAME --verb=V… --resource=R[.GROUP][/SUB]… [--resource-name=N…]` (kubectl
 * 1.33 create_role.go): a Role with one rule per API group. Resources resolve through the kind
 * registry as kubectl's RESTMapper resolves them (`rs` → replicasets in apps); prints
 * `role.rbac.authorization.k8s.io/NAME created`.
 */
export const createRole: KubectlVerb = {
  name: 'role',
  short: 'Create a role with single rule',
  long: 'Create a role with single rule.',
  examples: '# Create a role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods\nkubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods\n\n# Create a role named "pod-reader" with ResourceName specified\nkubectl create role pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod\n\n# Create a role named "foo" with API Group specified\nkubectl create role foo --verb=get,list,watch --resource=rs.apps\n\n# Create a role named "foo" with SubResource specified\nkubectl create role foo --verb=get,list,watch --resource=pods,pods/status',
  usage: 'kubectl create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
  flags: RULE_FLAGS,
  run(inv, ctx) {
    const start = generatorStart(inv);
    if (!start.ok) return start.result;
    const v = inv.flags.values;
    const verbs = verbsOf(v.verb as string[]);
    const words = resourceWords(v.resource as string[]);
    if (verbs.length === 0) return fail('error: at least one verb must be specified\n');
    const warnings = verbWarnings(verbs);
    const err = words.length === 0 ? 'error: at least one resource must be specified\n' : resourceError(words, verbs);
    if (err) return { stdout: '', stderr: warnings + err, exitCode: 1 };
    const request = { kind: 'Role', apiVersion: `${RBAC}/v1`, metadata: requestMeta(inv, start.name, true), rules: policyRules(words, verbs, unique(v['resource-name'] as string[]), []) };
    return withWarnings(warnings, sendRole(inv, ctx, start.opts, request, start.name));
  },
};

/**
 * `--aggregation-rule=k=v[,k=v]` (a MapStringString: each occurrence adds pairs, blanks trimmed),
 * keys sorted as Go's JSON encoder writes a map; or pflag's error for a pair without `=`.
 */
function aggregationLabels(inv: KubectlInvocation): Record<string, string> | CommandResult {
  const labels: Record<string, string> = {};
  for (const value of inv.flags.raw?.['aggregation-rule'] ?? []) {
    for (const pair of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq < 0) return fail(`error: invalid argument "${value}" for "--aggregation-rule" flag: malformed pair, expect string=string\nSee 'kubectl ${inv.path.join(' ')} --help' for usage.\n`);
      labels[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** create_clusterrole.go's Validate after the name: the aggregation rule alone, else verbs with resources and/or URLs. */
function clusterRoleError(verbs: string[], words: ResourceWord[], names: string[], urls: string[], aggregated: boolean): { warnings: string; error?: string } {
  if (aggregated) return { warnings: '', error: verbs.length || words.length || names.length || urls.length ? 'error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames\n' : undefined };
  if (verbs.length === 0) return { warnings: '', error: 'error: at least one verb must be specified\n' };
  if (words.length === 0 && urls.length === 0) return { warnings: '', error: 'error: one of resource or nonResourceURL must be specified\n' };
  const warnings = words.length ? verbWarnings(verbs) : '';
  const error = (words.length ? resourceError(words, verbs) : undefined) ?? (urls.length ? urlError(verbs, urls) : undefined);
  return { warnings, error };
}

/** The non-resource URL checks: verbs from the HTTP set, URLs absolute, `*` only at the end. */
function urlError(verbs: readonly string[], urls: readonly string[]): string | undefined {
  const verb = verbs.find((v) => !NON_RESOURCE_VERBS.includes(v));
  if (verb !== undefined) return `error: invalid verb: '${verb}' for nonResourceURL\n`;
  for (const url of urls) {
    if (url === '*') continue;
    if (!url.startsWith('/')) return 'error: nonResourceURL should start with /\n';
    if (url.slice(0, -1).includes('*')) return "error: nonResourceURL only supports wildcard matches when '*' is at the end\n";
  }
  return undefined;
}

/**
 * `kubectl create clusterrole NAME --verb=V… [--resource=R…] [--resource-name=N…]
 * [--non-resource-url=/path…] | --aggregation-rule=k=v` (kubectl 1.33 create_clusterrole.go): the
 * role's rules as `create role` builds them plus one rule for the URLs, or an aggregated role whose
 * rules the clusterrole-aggregation controller fills. Prints `clusterrole.rbac.authorization.k8s.io/NAME created`.
 */
export const createClusterRole: KubectlVerb = {
  name: 'clusterrole',
  short: 'Create a cluster role',
  long: 'Create a cluster role.',
  examples: '# Create a cluster role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods\nkubectl create clusterrole pod-reader --verb=get,list,watch --resource=pods\n\n# Create a cluster role named "pod-reader" with ResourceName specified\nkubectl create clusterrole pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod\n\n# Create a cluster role named "foo" with API Group specified\nkubectl create clusterrole foo --verb=get,list,watch --resource=rs.apps\n\n# Create a cluster role named "foo" with SubResource specified\nkubectl create clusterrole foo --verb=get,list,watch --resource=pods,pods/status\n\n# Create a cluster role name "foo" with NonResourceURL specified\nkubectl create clusterrole "foo" --verb=get --non-resource-url=/logs/*\n\n# Create a cluster role name "monitoring" with AggregationRule specified\nkubectl create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"',
  usage: 'kubectl create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
  flags: [
    ...RULE_FLAGS,
    { name: 'non-resource-url', type: 'stringArray', help: 'A partial url that user should have access to.' },
    { name: 'aggregation-rule', type: 'string', helpDefault: '', help: 'An aggregation label selector for combining ClusterRoles.' },
  ],
  run(inv, ctx) {
    const labels = aggregationLabels(inv);
    if ('exitCode' in labels) return labels as CommandResult;
    const start = generatorStart(inv);
    if (!start.ok) return start.result;
    const v = inv.flags.values;
    const verbs = verbsOf(v.verb as string[]);
    const words = resourceWords(v.resource as string[]);
    const names = unique(v['resource-name'] as string[]);
    const urls = unique(sliceValues(v['non-resource-url'] as string[]));
    const aggregated = Object.keys(labels).length > 0;
    const { warnings, error } = clusterRoleError(verbs, words, names, urls, aggregated);
    if (error) return { stdout: '', stderr: warnings + error, exitCode: 1 };
    const request = {
      kind: 'ClusterRole', apiVersion: `${RBAC}/v1`, metadata: requestMeta(inv, start.name, false),
      rules: aggregated ? null : policyRules(words, verbs, names, urls),
      ...(aggregated ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: labels }] } } : {}),
    };
    return withWarnings(warnings, sendRole(inv, ctx, start.opts, request, start.name));
  },
};
