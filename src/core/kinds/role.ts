import { objectTable, RW } from './common.ts';
import { describeRole, roleColumns, type RoleObject } from './rbac.ts';
import type { KindDef } from './types.ts';

/** rbac.authorization.k8s.io/v1 Role. */
export const role: KindDef<RoleObject> = {
  kind: 'Role', plural: 'roles', singular: 'role', shortNames: [], group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: true, verbs: RW,
  table: objectTable('roles'), columns: roleColumns, related: () => ({}), describe: describeRole, writable: { patch: true, delete: true },
};
