import { selectorMatches } from '../k8s/labels.ts';
import type { ClusterState } from '../model/state.ts';
import { objectTable, peekTable, RW } from './common.ts';
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
 * The last ClusterRoles (as frozen objects, in key order) the aggregation controller found already
 * converged. Frozen objects cannot change, so the same objects need no second look: the controller
 * runs after every change the clock makes, and comparing and re-serialising every role's rules
 * each time was a third of the cost of moving the clock.
 */
let converged: readonly RoleObject[] = [];

/** Whether `roles` are exactly the objects last found converged. */
const knownConverged = (roles: readonly RoleObject[]) => roles.length === converged.length && roles.every((r, i) => r === converged[i]);

/**
 * The clusterrole-aggregation controller: every ClusterRole with an aggregationRule gets its rules
 * rewritten from the roles it selects. `edit` selects `view` (and `admin` selects `edit`), so a
 * change reaches the outer roles over a few passes, as the controller's requeues converge.
 */
function reconcileAggregation(state: ClusterState): void {
  const table = peekTable(state, clusterRole.table!);
  const keys = Object.keys(table).sort();
  // Read as stored (no immer draft per role, see sim/peek.ts); a role is drafted only to write it.
  const all = keys.map((k) => Object.getOwnPropertyDescriptor(table, k)!.value as RoleObject);
  if (knownConverged(all)) return;
  const start = [...all];
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (let i = 0; i < all.length; i++) {
      if (!all[i].aggregationRule) continue;
      const rules = aggregatedRules(all[i], all);
      if (rulesKey(rules) === rulesKey(all[i].rules ?? [])) continue;
      table[keys[i]].rules = rules;
      all[i] = table[keys[i]];
      changed = true;
    }
    if (!changed) break;
  }
  if (all.every((r, i) => r === start[i] && Object.isFrozen(r))) converged = start;
}

/** rbac.authorization.k8s.io/v1 ClusterRole. */
export const clusterRole: KindDef<RoleObject> = {
  kind: 'ClusterRole', plural: 'clusterroles', singular: 'clusterrole', shortNames: [], group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: false, verbs: RW,
  table: objectTable('clusterroles'), columns: roleColumns, related: () => ({}), describe: describeRole, writable: { patch: true, delete: true },
  reconcile: reconcileAggregation,
};
