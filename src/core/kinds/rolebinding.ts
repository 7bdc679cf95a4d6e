import { objectTable, RW } from './common.ts';
import { bindingColumns, describeBinding, type BindingObject } from './rbac.ts';
import type { KindDef } from './types.ts';

/** rbac.authorization.k8s.io/v1 RoleBinding. */
export const roleBinding: KindDef<BindingObject> = {
  kind: 'RoleBinding', plural: 'rolebindings', singular: 'rolebinding', shortNames: [], group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: true, verbs: RW,
  table: objectTable('rolebindings'), columns: bindingColumns, related: () => ({}), describe: describeBinding, writable: { patch: true, delete: true },
};
