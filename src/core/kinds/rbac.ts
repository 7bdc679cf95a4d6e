import type { KubeObject } from '../model/k8s.ts';
import { describeWith, printAnnotations, printLabels, type PrefixWriter } from '../printers/describe/writer.ts';
import { ageColumn, col, nameColumn } from './common.ts';
import type { KindColumn } from './types.ts';

/**
 * What rbac.authorization.k8s.io/v1's four kinds share: the rules of Roles and ClusterRoles, the
 * subjects of their bindings, their `get` columns and describers (kubectl 1.33).
 */

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** A Role or ClusterRole. */
export interface RoleObject extends KubeObject {
  rules: PolicyRule[] | null;
  aggregationRule?: { clusterRoleSelectors: { matchLabels?: Record<string, string> }[] };
}

export interface Subject { kind: 'User' | 'Group' | 'ServiceAccount'; name: string; namespace?: string; apiGroup?: string }

/** A RoleBinding or ClusterRoleBinding. */
export interface BindingObject extends KubeObject {
  roleRef: { apiGroup: string; kind: 'Role' | 'ClusterRole'; name: string };
  subjects?: Subject[];
}

/** Roles have no table printer: the API server's default convertor prints NAME and CREATED AT (RFC 3339). */
export const roleColumns: KindColumn<RoleObject>[] = [nameColumn, col<RoleObject>('CREATED AT', (r) => r.metadata.creationTimestamp)];

const subjectNames = (b: BindingObject, kind: Subject['kind']) =>
  (b.subjects ?? []).filter((s) => s.kind === kind).map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name)).join(', ');

/** ROLE (`Kind/name`), AGE, and with -o wide the subjects by kind. */
export const bindingColumns: KindColumn<BindingObject>[] = [
  nameColumn,
  col<BindingObject>('ROLE', (b) => `${b.roleRef.kind}/${b.roleRef.name}`),
  ageColumn,
  col<BindingObject>('USERS', (b) => subjectNames(b, 'User'), true),
  col<BindingObject>('GROUPS', (b) => subjectNames(b, 'Group'), true),
  col<BindingObject>('SERVICEACCOUNTS', (b) => subjectNames(b, 'ServiceAccount'), true),
];

const goList = (xs: readonly string[] | undefined) => `[${(xs ?? []).join(' ')}]`;

/** kubectl's rbac.BreakdownRule: one rule per group × resource × verb (× name), and one per non-resource URL × verb. */
export function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const g of rule.apiGroups ?? []) {
    for (const r of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        if (rule.resourceNames?.length) for (const n of rule.resourceNames) out.push({ verbs: [verb], apiGroups: [g], resources: [r], resourceNames: [n] });
        else out.push({ verbs: [verb], apiGroups: [g], resources: [r] });
      }
    }
  }
  for (const u of rule.nonResourceURLs ?? []) for (const verb of rule.verbs) out.push({ verbs: [verb], nonResourceURLs: [u] });
  return out;
}

/** The generated PolicyRule.String() kubectl sorts rules by (verbs first). */
const ruleKey = (r: PolicyRule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** `pods`, `deployments.apps`, `*.*`: kubectl's CombineResourceGroup. */
function resourceGroup(r: PolicyRule): string {
  const res = r.resources?.[0];
  if (!res) return '';
  const [base, sub] = res.split('/', 2);
  const g = r.apiGroups?.[0];
  return `${base}${g ? `.${g}` : ''}${sub !== undefined ? `/${sub}` : ''}`;
}

const byRuleKey = (rules: readonly PolicyRule[]) =>
  rules.map((r) => ({ r, k: ruleKey(r) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).map(({ r }) => r);

/**
 * kubectl's BreakdownRule + CompactRules + SortableRuleSlice, as `describe role` and `auth can-i
 * --list` print rules (1.33): rules for one group, resource and at most one name merged, their verbs
 * appended in the order met (duplicates kept), non-resource URLs one row per URL and verb, sorted
 * by the rule's printed form (verbs first).
 */
function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const simple = new Map<string, PolicyRule>();
  const other: PolicyRule[] = [];
  for (const r of rules.flatMap(breakdown)) {
    if (r.nonResourceURLs?.length) { other.push(r); continue; }
    const key = `${r.apiGroups![0]}\u0000${r.resources![0]}\u0000${r.resourceNames?.[0] ?? ''}\u0000${r.resourceNames ? 1 : 0}`;
    const seen = simple.get(key);
    if (seen) seen.verbs = [...seen.verbs, ...r.verbs];
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return byRuleKey([...other, ...simple.values()]);
}

/** Rules as `kubectl auth can-i --list` prints them: rows of resource (`deployments.apps`), URLs, names, verbs. */
export function accessRows(rules: readonly PolicyRule[]): string[][] {
  return compactRules(rules).map((r) => [resourceGroup(r), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs)]);
}

function writeRules(w: PrefixWriter, rules: readonly PolicyRule[]): void {
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  for (const r of compactRules(rules)) w.write(1, `${resourceGroup(r)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
}

/** `kubectl describe role|clusterrole`, 1.33. */
export const describeRole = (role: RoleObject): string => describeWith((w) => {
  w.write(0, `Name:\t${role.metadata.name}\n`);
  printLabels(w, 'Labels', role.metadata.labels);
  printAnnotations(w, 'Annotations', role.metadata.annotations);
  writeRules(w, role.rules ?? []);
});

/** `kubectl describe rolebinding|clusterrolebinding`, 1.33. */
export const describeBinding = (b: BindingObject): string => describeWith((w) => {
  w.write(0, `Name:\t${b.metadata.name}\n`);
  printLabels(w, 'Labels', b.metadata.labels);
  printAnnotations(w, 'Annotations', b.metadata.annotations);
  w.write(0, 'Role:\n');
  w.write(1, `Kind:\t${b.roleRef.kind}\n`);
  w.write(1, `Name:\t${b.roleRef.name}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of b.subjects ?? []) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
});
