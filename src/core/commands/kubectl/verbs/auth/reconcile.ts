import type { KubeObject, Namespace } from '../../../../model/k8s.ts';
import { breakdown, type BindingObject, type PolicyRule, type RoleObject, type Subject } from '../../../../kinds/rbac.ts';
import { getObject, qualifiedSingular } from '../../../../kinds/registry.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlVerb } from '../../verb.ts';
import { readManifests, type ManifestItem } from '../../manifests.ts';
import { fail, GENERATOR_FLAGS, printCreated, printOptions, type PrintOptions } from '../create/output.ts';

const RBAC = 'rbac.authorization.k8s.io';
const has = (xs: readonly string[] | undefined, x: string) => (xs ?? []).includes(x);
const hasAll = (xs: readonly string[] | undefined, ys: readonly string[] | undefined) => (ys ?? []).every((y) => has(xs, y));

/** resourceCoversAll: `*`, the resource itself, or a star-slash rule naming its subresource. */
const resourcesCovered = (owner: readonly string[] | undefined, want: readonly string[] | undefined) =>
  has(owner, '*') || (want ?? []).every((r) => has(owner, r) || (r.includes('/') && has(owner, `*/${r.split('/').slice(1).join('/')}`)));

/** nonResourceURLsCoversAll: the URL itself, or an owner URL ending in `*` that prefixes it. */
const urlsCovered = (owner: readonly string[] | undefined, want: readonly string[] | undefined) =>
  (want ?? []).every((u) => (owner ?? []).some((o) => o === u || (o.endsWith('*') && u.startsWith(o.slice(0, -1)))));

/** RBAC's ruleCovers: whether `owner` grants all of the single-permission rule `sub`. */
function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  return (has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs))
    && (has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups))
    && resourcesCovered(owner.resources, sub.resources)
    && urlsCovered(owner.nonResourceURLs, sub.nonResourceURLs)
    && (!owner.resourceNames?.length || hasAll(owner.resourceNames, sub.resourceNames));
}

/** validation.Covers: the single-permission pieces of `wanted` that no rule of `owner` grants. */
const uncovered = (owner: readonly PolicyRule[], wanted: readonly PolicyRule[]) =>
  wanted.flatMap(breakdown).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));

/** Go's `%+v` of a PolicyRule and a Subject, as reconcile lists them on stderr. */
const goList = (xs: readonly string[] | undefined) => `[${(xs ?? []).join(' ')}]`;
const showRule = (r: PolicyRule) => `{Verbs:${goList(r.verbs)} APIGroups:${goList(r.apiGroups)} Resources:${goList(r.resources)} ResourceNames:${goList(r.resourceNames)} NonResourceURLs:${goList(r.nonResourceURLs)}}`;
const showSubject = (s: Subject) => `{Kind:${s.kind} APIGroup:${s.apiGroup ?? ''} Name:${s.name} Namespace:${s.namespace ?? ''}}`;
const sameSubject = (a: Subject, b: Subject) => a.kind === b.kind && (a.apiGroup ?? '') === (b.apiGroup ?? '') && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');

/** rbac/v1 defaulting: a User or Group subject without apiGroup is in the RBAC group. */
const defaulted = (s: Subject): Subject => (s.kind !== 'ServiceAccount' && !s.apiGroup ? { ...s, apiGroup: RBAC } : s);

type Operation = 'none' | 'create' | 'update' | 'recreate';

/** What one object's reconciliation found and the object as it ends up (pkg/registry/rbac/reconciliation). */
interface Reconciled { object: KubeObject; operation: Operation; protected: boolean; notes: string[] }

/** Labels and annotations: the file's, with the cluster's winning where both set one. */
function mergedMeta(live: KubeObject, wanted: KubeObject): { meta: KubeObject['metadata']; changed: boolean } {
  const labels = { ...(wanted.metadata.labels ?? {}), ...(live.metadata.labels ?? {}) };
  const annotations = { ...(wanted.metadata.annotations ?? {}), ...(live.metadata.annotations ?? {}) };
  const changed = Object.keys(labels).length !== Object.keys(live.metadata.labels ?? {}).length || Object.keys(annotations).length !== Object.keys(live.metadata.annotations ?? {}).length;
  return { meta: { ...live.metadata, ...(Object.keys(labels).length ? { labels } : {}), ...(Object.keys(annotations).length ? { annotations } : {}) }, changed };
}

/** computeReconciledRole: missing rules appended (or, with --remove-extra-permissions, the file's rules when extra ones exist). */
function reconcileRole(live: RoleObject, wanted: RoleObject, removeExtra: boolean): Reconciled {
  const { meta, changed } = mergedMeta(live, wanted);
  const have = live.rules ?? [];
  const missing = uncovered(have, wanted.rules ?? []);
  const extra = uncovered(wanted.rules ?? [], have);
  let rules = have;
  let operation: Operation = changed ? 'update' : 'none';
  if (removeExtra && extra.length) { rules = wanted.rules ?? []; operation = 'update'; } else if (missing.length) { rules = [...have, ...missing]; operation = 'update'; }
  const notes = [...(missing.length ? ['\tmissing rules added:\n', ...missing.map((r) => `\t\t${showRule(r)}\n`)] : []), ...(removeExtra && extra.length ? ['\textra rules removed:\n', ...extra.map((r) => `\t\t${showRule(r)}\n`)] : [])];
  return { object: { ...live, metadata: meta, rules } as RoleObject, operation, protected: live.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate'] === 'false', notes };
}

/** computeReconciledRoleBinding: a changed roleRef recreates; missing subjects appended (or, with --remove-extra-subjects, the file's). */
function reconcileBinding(live: BindingObject, wanted: BindingObject, removeExtra: boolean): Reconciled {
  const isProtected = live.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate'] === 'false';
  // Another roleRef cannot be patched in: the binding is replaced by the file's, whatever its subjects.
  if (JSON.stringify(live.roleRef) !== JSON.stringify(wanted.roleRef)) {
    return { object: { ...wanted, subjects: (wanted.subjects ?? []).map(defaulted) } as BindingObject, operation: 'recreate', protected: isProtected, notes: [] };
  }
  const { meta, changed } = mergedMeta(live, wanted);
  const have = (live.subjects ?? []).map(defaulted);
  const want = (wanted.subjects ?? []).map(defaulted);
  const missing = want.filter((s) => !have.some((h) => sameSubject(h, s)));
  const extra = have.filter((h) => !want.some((s) => sameSubject(h, s)));
  let subjects = have;
  let operation: Operation = changed ? 'update' : 'none';
  if (removeExtra && extra.length) { subjects = want; operation = 'update'; } else if (missing.length) { subjects = [...have, ...missing]; operation = 'update'; }
  const notes = [...(missing.length ? ['\tmissing subjects added:\n', ...missing.map((s) => `\t\t${showSubject(s)}\n`)] : []), ...(removeExtra && extra.length ? ['\textra subjects removed:\n', ...extra.map((s) => `\t\t${showSubject(s)}\n`)] : [])];
  const object = { ...live, metadata: meta, ...(subjects.length ? { subjects } : {}) } as BindingObject;
  return { object, operation, protected: isProtected, notes };
}

/** A missing namespace is made first for a namespaced object (tryEnsureNamespace). */
function ensureNamespace(ctx: CommandContext, namespace: string | undefined): void {
  if (!namespace || Object.hasOwn(ctx.state.namespaces, namespace)) return;
  const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, uid: '', creationTimestamp: '' }, status: { phase: 'Active' } };
  ctx.dispatch({ type: 'object/create', object: ns });
}

/** One RBAC object from the file: reconciled against the cluster, written unless a dry run or opted out. */
function reconcileItem(ctx: CommandContext, item: ManifestItem, opts: { dryRun: boolean; removeRules: boolean; removeSubjects: boolean }): Reconciled {
  const wanted = { ...item.object, metadata: { ...item.object.metadata, ...(item.namespace ? { namespace: item.namespace } : {}) } };
  const live = item.live;
  if (!live) {
    const created = item.type.kind.endsWith('Binding') ? { ...wanted, subjects: ((wanted as BindingObject).subjects ?? []).map(defaulted) } : wanted;
    const subjects = item.type.kind.endsWith('Binding') ? ((created as BindingObject).subjects ?? []) : [];
    const notes = subjects.length ? ['\tmissing subjects added:\n', ...subjects.map((s) => `\t\t${showSubject(s)}\n`)] : [];
    // A new role's missing rules are its rules as written, not broken down.
    const rules = item.type.kind.endsWith('Binding') ? [] : (wanted as RoleObject).rules ?? [];
    if (rules.length) notes.push('\tmissing rules added:\n', ...rules.map((r) => `\t\t${showRule(r)}\n`));
    if (!opts.dryRun) {
      ensureNamespace(ctx, item.namespace);
      ctx.dispatch({ type: 'object/create', object: { ...created, metadata: { ...created.metadata, uid: '', creationTimestamp: '' } } as KubeObject });
    }
    return { object: (opts.dryRun ? created : getObject(ctx.state, item.type, item.namespace ?? '', wanted.metadata.name)) as KubeObject, operation: 'create', protected: false, notes };
  }
  const r = item.type.kind.endsWith('Binding')
    ? reconcileBinding(live as BindingObject, wanted as BindingObject, opts.removeSubjects)
    : reconcileRole(live as RoleObject, wanted as RoleObject, opts.removeRules);
  if (opts.dryRun || r.protected || r.operation === 'none') return r;
  if (r.operation === 'recreate') ctx.dispatch({ type: 'object/delete', kind: live.kind, ...(item.namespace ? { namespace: item.namespace } : {}), name: live.metadata.name, force: true });
  ctx.dispatch(r.operation === 'recreate'
    ? { type: 'object/create', object: { ...r.object, metadata: { ...r.object.metadata, uid: '', creationTimestamp: '', resourceVersion: undefined } } as KubeObject }
    : { type: 'object/replace', kind: live.kind, ...(item.namespace ? { namespace: item.namespace } : {}), name: live.metadata.name, object: r.object });
  return { ...r, object: getObject(ctx.state, item.type, item.namespace ?? '', live.metadata.name) ?? r.object };
}

const KINDS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

/**
 * `kubectl auth reconcile -f FILE` (kubectl 1.33 pkg/cmd/auth/reconcile.go): each RBAC v1 object
 * of the file is created when missing (with its namespace), or has the file's missing rules or
 * subjects added (`--remove-extra-permissions` / `--remove-extra-subjects` also take away what the
 * file lacks); a changed roleRef recreates the binding. Prints `role.rbac.authorization.k8s.io/x
 * reconciled` on stdout and what changed on stderr; other kinds are skipped.
 */
export const reconcile: KubectlVerb = {
  name: 'reconcile',
  short: 'Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects',
  long: "Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects.\n\n Missing objects are created, and the containing namespace is created for namespaced objects, if required.\n\n Existing roles are updated to include the permissions in the input objects, and remove extra permissions if --remove-extra-permissions is specified.\n\n Existing bindings are updated to include the subjects in the input objects, and remove extra subjects if --remove-extra-subjects is specified.\n\n This is preferred to 'apply' for RBAC resources so that semantically-aware merging of rules and subjects is done.",
  examples: '# Reconcile RBAC resources from a file\nkubectl auth reconcile -f my-rbac-rules.yaml',
  usage: 'kubectl auth reconcile -f FILENAME [options]',
  flags: [
    ...GENERATOR_FLAGS.filter((f) => ['allow-missing-template-keys', 'dry-run', 'output', 'show-managed-fields', 'template'].includes(f.name)),
    { name: 'filename', short: 'f', type: 'stringArray', help: 'Filename, directory, or URL to files identifying the resource to reconcile.' },
    { name: 'kustomize', short: 'k', type: 'string', help: 'Process the kustomization directory. This flag can\'t be used together with -f or -R.' },
    { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'remove-extra-permissions', type: 'bool', help: 'If true, removes extra permissions added to roles' },
    { name: 'remove-extra-subjects', type: 'bool', help: 'If true, removes extra subjects added to rolebindings' },
  ],
  run(inv, ctx) {
    const v = inv.flags.values;
    const files = v.filename as string[];
    const kustomize = String(v.kustomize ?? '');
    if (files.length === 0 && kustomize === '') return fail('error: must specify one of -f and -k\n');
    if (inv.flags.positionals.length > 0) return fail('error: no arguments are allowed\n');
    const dryRun = String(v['dry-run'] ?? 'none');
    if (dryRun === 'server') return fail('error: --dry-run=server for command reconcile is not supported yet\n');
    const p = printOptions(inv);
    if (!p.ok) return { ...p.result, stderr: p.result.stderr.replace(/^error: Invalid dry-run value/, 'error: error accessing --dry-run flag for command reconcile: Invalid dry-run value') };
    const read = readManifests(ctx, files, { verb: 'reconcile', namespace: inv.namespace, namespaceGiven: inv.flags.given.has('namespace'), recursive: v.recursive === true, kustomize });
    if (!read.ok) return fail(`error: ${read.error}\n`);
    const print: PrintOptions = p.opts;
    let stdout = '';
    let stderr = '';
    let shown = '';
    for (const item of read.items) {
      if (!KINDS.includes(item.type.kind)) continue;
      if (item.object.apiVersion !== `${RBAC}/v1`) {
        const error = `error: only rbac.authorization.k8s.io/v1 is supported: not *${item.object.apiVersion.split('/')[1]}.${item.type.kind}\n`;
        return { stdout, stderr: stderr + error, exitCode: 1, interleaved: shown + error };
      }
      const r = reconcileItem(ctx, item, { dryRun: dryRun === 'client', removeRules: v['remove-extra-permissions'] === true, removeSubjects: v['remove-extra-subjects'] === true });
      const out = printCreated(print, `${qualifiedSingular(item.type)}/${r.object.metadata.name}`, r.object, 'reconciled');
      const said = r.operation === 'none' ? '' : `\treconciliation required ${r.operation}${r.protected ? ', but object opted out (rbac.authorization.kubernetes.io/autoupdate: false)' : ''}\n${r.notes.join('')}`;
      stdout += out.stdout;
      stderr += said;
      shown += out.stdout + said;
    }
    // Each object's line, then what its reconciliation did: the terminal shows them in that order.
    return { stdout, stderr, exitCode: 0, interleaved: shown };
  },
};
