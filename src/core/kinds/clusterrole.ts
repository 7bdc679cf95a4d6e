import { objectTable, RW } from './common.ts';
import { describeRole, roleColumns, type RoleObject } from './rbac.ts';
import type { KindDef } from './types.ts';

/** rbac.authorization.k8s.io/v1 ClusterRole. */
export const clusterRole: KindDef<RoleObject> = {
  kind: 'ClusterRole', plural: 'clusterroles', singular: 'clusterrole', shortNames: [], group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: false, verbs: RW,
  table: objectTable('clusterroles'), columns: roleColumns, related: () => ({}), describe: describeRole, writable: { patch: true, delete: true },
};
