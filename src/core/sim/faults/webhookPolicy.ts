import { z } from 'zod';
import type { FaultKind } from './types.ts';

const params = z.object({
  kind: z.literal('webhook-policy'),
  /** The webhook's name as its ValidatingWebhookConfiguration lists it (`validation.gatekeeper.sh`). */
  webhook: z.string().min(1),
  /** What the policy engine says, after `denied the request: ` (Gatekeeper: `[constraint] reason`). */
  message: z.string().min(1),
  /** Which of the calls it refuses: admission operations (`CREATE`, `UPDATE`, `DELETE`, `CONNECT`), resources as the API names them (`pods/exec`, `deployments`), namespaces, users; each default any. */
  operations: z.array(z.enum(['CREATE', 'UPDATE', 'DELETE', 'CONNECT'])).optional(),
  resources: z.array(z.string()).optional(),
  namespaces: z.array(z.string()).optional(),
  users: z.array(z.string()).optional(),
}).strict();
type Params = z.infer<typeof params>;

const within = (list: readonly string[] | undefined, v: string | undefined) => !list || (v !== undefined && list.includes(v));

/**
 * The policy behind a validating admission webhook (OPA Gatekeeper, Kyverno, an in-house one): when
 * the API server calls that webhook (its configuration matches and its Service answers:
 * sim/webhooks.ts) for a request in the rule's scope, it denies it, and kubectl prints `Error from
 * server (Forbidden): admission webhook "NAME" denied the request: MESSAGE`. RBAC allowed the
 * request first, so `kubectl auth can-i` still says yes. Deleting the configuration (or its
 * webhook no longer matching) lets the request through.
 */
export const webhookPolicy: FaultKind<Params> = {
  kind: 'webhook-policy',
  description: 'A validating admission webhook\'s backend denies these requests (Forbidden: admission webhook "…" denied the request).',
  params,
  stages: ['webhook'],
  webhook(rule, { request, webhook, operation }) {
    if (webhook !== rule.webhook || !within(rule.operations, operation) || !within(rule.resources, request.resource)) return undefined;
    if (!within(rule.namespaces, request.namespace) || !within(rule.users, request.user)) return undefined;
    return { message: rule.message };
  },
};
