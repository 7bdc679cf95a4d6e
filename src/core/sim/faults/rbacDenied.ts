import { z } from 'zod';
import { forbidden } from '../admission.ts';
import type { FaultKind } from './types.ts';

const params = z.object({
  kind: z.literal('rbac-denied'),
  /** Users the missing permission concerns (`system:serviceaccount:ci:deployer`, `jane@example.com`). */
  users: z.array(z.string()).min(1),
  /** API verbs refused (`get`, `list`, `patch`, `create`, `delete`, `*`). */
  verbs: z.array(z.string()).min(1),
  /** Resources refused, as the API names them (`deployments`, `pods/exec`, `*`). */
  resources: z.array(z.string()).min(1),
  /** Namespaces where they are refused; default everywhere. */
  namespaces: z.array(z.string()).optional(),
}).strict();
type Params = z.infer<typeof params>;

const any = (list: readonly string[], v: string) => list.includes('*') || list.includes(v);

/**
 * A permission nobody granted: RBAC allows only what a Role or ClusterRole bound to the user says,
 * so these requests get `Error from server (Forbidden): deployments.apps "web" is forbidden: User
 * "…" cannot patch resource "deployments" in API group "apps" in the namespace "shop"`. Stands in
 * for the missing Role/RoleBinding until the scenario models RBAC objects.
 */
export const rbacDenied: FaultKind<Params> = {
  kind: 'rbac-denied',
  description: 'The API server refuses these users these verbs on these resources (RBAC Forbidden).',
  params,
  stages: ['api'],
  api(rule, { request }) {
    if (!rule.users.includes(request.user) || !any(rule.verbs, request.verb) || !any(rule.resources, request.resource)) return undefined;
    if (rule.namespaces && !(request.namespace && rule.namespaces.includes(request.namespace))) return undefined;
    return forbidden(request);
  },
};
