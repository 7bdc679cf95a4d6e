import { z } from 'zod';
import type { FaultKind } from './types.ts';

const params = z.object({
  kind: z.literal('webhook-timeout'),
  /** The webhook's name as its ValidatingWebhookConfiguration lists it, e.g. `validate.policy.example.com`. */
  webhook: z.string().min(1),
  /** The Service it calls, as `namespace/name` (`policy/policy-webhook`), and the path. */
  service: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'namespace/name of the webhook Service'),
  path: z.string().startsWith('/').default('/validate'),
  /** The writes it intercepts: resources (`pods`, `deployments`, `*`) and, optionally, namespaces. */
  resources: z.array(z.string()).min(1),
  namespaces: z.array(z.string()).optional(),
}).strict();
type Params = z.infer<typeof params>;

/**
 * A validating admission webhook with `failurePolicy: Fail` whose backend does not answer (its pods
 * are down, a NetworkPolicy drops the API server's calls): every write it intercepts fails after
 * the 10 s timeout with `Internal error occurred: failed calling webhook "…": failed to call
 * webhook: Post "https://svc.ns.svc:443/path?timeout=10s": context deadline exceeded`, pod creates
 * by controllers included (their `FailedCreate` events carry the same text).
 */
export const webhookTimeout: FaultKind<Params> = {
  kind: 'webhook-timeout',
  description: 'A fail-closed admission webhook that times out: writes to these resources are refused with InternalError.',
  params,
  stages: ['api'],
  api(rule, { request }) {
    if (!['create', 'update', 'patch'].includes(request.verb)) return undefined;
    // A webhook rule's `pods` covers the pods resource only; subresources need `pods/eviction` or `pods/*`.
    const [base, sub] = request.resource.split('/');
    const covered = sub === undefined ? rule.resources.includes('*') || rule.resources.includes(base) : rule.resources.includes(request.resource) || rule.resources.includes(`${base}/*`) || rule.resources.includes('*/*');
    if (!covered) return undefined;
    if (rule.namespaces && !(request.namespace && rule.namespaces.includes(request.namespace))) return undefined;
    const [ns, name] = rule.service.split('/');
    const url = `https://${name}.${ns}.svc:443${rule.path ?? '/validate'}?timeout=10s`;
    return { code: 500, reason: 'InternalError', message: `Internal error occurred: failed calling webhook "${rule.webhook}": failed to call webhook: Post "${url}": context deadline exceeded` };
  },
};
