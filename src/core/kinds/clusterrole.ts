import { selectorMatches } from '../k8s/labels.ts';
import type { ClusterState } from '../model/state.ts';
import { objectTable, peekTable, RW } from './common.ts';
import { entriesOf, unchangedSince, type TableEntries } from '../sim/peek.ts';
import { describeRole, roleColumns, type PolicyRule, type RoleObject } from './rbac.ts';
import type { KindDef } from './types.ts';

/** A rule's identity whatever order its fields were written in (equality.Semantic.DeepEqual). */
const ruleKey = (r: PolicyRule) => JSON.stringify([r.verbs, r.apiGroups ?? null, r.resources ?? null, r.resourceNames ?? null, r.nonResourceURLs ?? null]);
const rulesKey = (rules: readonly PolicyRule[]) => rules.map(ruleKey).join('\n');

const byName = (a: RoleObject, b: RoleObject) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);

/**
 * The rules kube-controller-manager's clusterrole-aggregation controller (1.31) gives an
 * aggregated ClusterRole: for each selector in order, the ClusterRoles it matches sorted by name
 * (the role itself excluded), each of their rules appended unless an equal one is already there.
 */
function aggregatedRules(role: RoleObject, all: readonly RoleObject[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const selector of role.aggregationRule?.clusterRoleSelectors ?? []) {
    for (const other of all.filter((r) => r.metadata.name !== role.metadata.name && selectorMatches(selector, r.metadata.labels)).sort(byName)) {
      for (const rule of other.rules ?? []) {
        const key = ruleKey(rule);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(rule);
      }
    }
  }
  return out;
}

/**
 * The clusterrole-aggregation controller: every ClusterRole with an aggregationRule gets its rules
 * rewritten from the roles it selects. `edit` selects `view` (and `admin` selects `edit`), so a
 * change reaches the outer roles over a few passes, as the controller's requeues converge.
 */
function reconcileAggregation(state: ClusterState): void {
  const table = peekTable(state, clusterRole.table!);
  // Runs at every reconcile; ClusterRoles change only through the API: skip when none did.
  if (unchangedSince(lastSettled, table)) return;
  const all = Object.keys(table).sort().map((k) => table[k]);
  const aggregated = all.filter((r) => r.aggregationRule);
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const role of aggregated) {
      const rules = aggregatedRules(role, all);
      if (rulesKey(rules) === rulesKey(role.rules ?? [])) continue;
      role.rules = rules;
      changed = true;
    }
    if (!changed) break;
  }
  lastSettled = entriesOf(table);
}
/** The ClusterRoles as the last run left them (aggregated); see unchangedSince. */
let lastSettled: TableEntries | undefined;

/** rbac.authorization.k8s.io/v1 ClusterRole. */
export const clusterRole: KindDef<RoleObject> = {
  kind: 'ClusterRole', plural: 'clusterroles', singular: 'clusterrole', shortNames: [], group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: false, verbs: RW,
  table: objectTable('clusterroles'), columns: roleColumns, related: () => ({}), describe: describeRole, writable: { patch: true, delete: true },
  reconcile: reconcileAggregation,
};
