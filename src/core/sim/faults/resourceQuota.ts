import { z } from 'zod';
import type { Container, Pod } from '../../model/k8s.ts';
import { milliCpu, quantityNumber } from '../../model/quantity.ts';
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

/** A container's figure for a tracked resource, in millicores, bytes or a count; undefined when not set. */
function containerFigure(c: Container, res: Tracked): number | undefined {
  const [kind, what] = res.split('.') as ['requests' | 'limits', 'cpu' | 'memory'];
  const q = kind === 'requests' ? c.resources?.requests?.[what] ?? c.resources?.limits?.[what] : c.resources?.limits?.[what];
  if (q === undefined) return undefined;
  return what === 'cpu' ? milliCpu(q) : quantityNumber(q);
}
const podFigure = (p: Pod, res: Tracked) => (res === 'pods' ? 1 : p.spec.containers.reduce((sum, c) => sum + (containerFigure(c, res) ?? 0), 0));

/** A quantity as the API server prints it back: `2`, `500m`, `1Gi`, `300Mi`, a plain count. */
function format(res: Tracked, n: number): string {
  if (res === 'pods') return String(n);
  if (res.endsWith('cpu')) return n % 1000 === 0 ? String(n / 1000) : `${n}m`;
  for (const [suffix, size] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) if (n !== 0 && n % size === 0) return `${n / size}${suffix}`;
  return String(n);
}
const list = (entries: [Tracked, number][]) => entries.map(([r, n]) => `${r}=${format(r, n)}`).join(',');

/**
 * A ResourceQuota on a namespace, enforced by the ResourceQuota admission plugin on every pod
 * create (the ReplicaSet controller's included, which then reports `FailedCreate`): when the pods
 * already there plus the new one would pass `hard`, the create is refused with `pods "…" is
 * forbidden: exceeded quota: NAME, requested: requests.cpu=2, used: requests.cpu=3, limited:
 * requests.cpu=4`; a container that does not set a tracked cpu/memory figure is refused with
 * `failed quota: NAME: must specify …`. Stands in for the ResourceQuota object until the scenario
 * models it.
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
    const hard = Object.entries(rule.hard).map(([k, v]) => [canonical(k) as Tracked, k.endsWith('cpu') ? milliCpu(v) : k === 'pods' ? Number(v) : quantityNumber(v)] as [Tracked, number]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const forbidden = (why: string): ApiRefusal => ({ code: 403, reason: 'Forbidden', message: `pods "${pod.metadata.name}" is forbidden: ${why}` });
    const unset = hard.filter(([r]) => r !== 'pods').map(([r]) => [r, pod.spec.containers.filter((c) => containerFigure(c, r) === undefined).map((c) => c.name)] as const).filter(([, cs]) => cs.length);
    if (unset.length) return forbidden(`failed quota: ${rule.name}: must specify ${unset.map(([r, cs]) => `${r} for: ${cs.join(',')}`).join('; ')}`);
    const others = Object.values(state.pods).filter((p) => p.metadata.namespace === rule.namespace && !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const over = hard.filter(([r, limit]) => others.reduce((s, p) => s + podFigure(p, r), 0) + podFigure(pod, r) > limit);
    if (!over.length) return undefined;
    const used = over.map(([r]) => [r, others.reduce((s, p) => s + podFigure(p, r), 0)] as [Tracked, number]);
    return forbidden(`exceeded quota: ${rule.name}, requested: ${list(over.map(([r]) => [r, podFigure(pod, r)]))}, used: ${list(used)}, limited: ${list(over)}`);
  },
};
