import { z } from 'zod';
import type { Pod } from '../../model/k8s.ts';
import { quotaRefusal } from '../../kinds/resourcequota.ts';
import type { ApiRefusal, FaultKind } from './types.ts';

const TRACKED = ['pods', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'] as const;
type Tracked = (typeof TRACKED)[number];

const params = z.object({
  kind: z.literal('resource-quota'),
  /** The ResourceQuota's namespace and name, as the refusal names it. */
  namespace: z.string(),
  name: z.string(),
  /** spec.hard: any of pods, requests.cpu, requests.memory, limits.cpu, limits.memory (`cpu`/`memory` mean requests). */
  hard: z.record(z.string(), z.union([z.string(), z.number()])).refine((h) => Object.keys(h).every((k) => TRACKED.includes(canonical(k) as Tracked)), `limit only ${TRACKED.join(', ')}`),
}).strict();
type Params = z.infer<typeof params>;

function canonical(k: string): string {
  return k === 'cpu' || k === 'memory' ? `requests.${k}` : k;
}

/**
 * A ResourceQuota on a namespace, enforced by the ResourceQuota admission plugin on every pod
 * create (the ReplicaSet controller's included, which then reports `FailedCreate`): when the pods
 * already there plus the new one would pass `hard`, the create is refused with `pods "…" is
 * forbidden: exceeded quota: NAME, requested: requests.cpu=2, used: requests.cpu=3, limited:
 * requests.cpu=4`; a container that does not set a tracked cpu/memory figure is refused with
 * `failed quota: NAME: must specify …`. A scenario may instead create ResourceQuota objects
 * (`cluster.resourceQuotas`), which the built-in check enforces the same way.
 */
export const resourceQuota: FaultKind<Params> = {
  kind: 'resource-quota',
  description: 'A ResourceQuota on a namespace: pod creates that would pass its hard limits are refused (exceeded quota).',
  params,
  stages: ['api'],
  api(rule, { state, request }): ApiRefusal | undefined {
    if (request.verb !== 'create' || request.resource !== 'pods' || request.namespace !== rule.namespace) return undefined;
    const pod = request.object as Pod | undefined;
    if (!pod?.spec) return undefined;
    return quotaRefusal(state, { name: rule.name, namespace: rule.namespace, hard: rule.hard }, pod);
  },
};
