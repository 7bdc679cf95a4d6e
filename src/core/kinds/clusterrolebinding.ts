import { objectTable, RW } from './common.ts';
import { bindingColumns, describeBinding, type BindingObject } from './rbac.ts';
import type { KindDef } from './types.ts';

/** rbac.authorization.k8s.io/v1 ClusterRoleBinding. */
export const clusterRoleBinding: KindDef<BindingObject> = {
  kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', singular: 'clusterrolebinding', shortNames: [], group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: false, verbs: RW,
  table: objectTable('clusterrolebindings'), columns: bindingColumns, related: () => ({}), describe: describeBinding, writable: { patch: true, delete: true },
};
