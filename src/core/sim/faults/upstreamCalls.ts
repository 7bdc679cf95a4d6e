import { z } from 'zod';
import type { FaultKind } from './types.ts';
import type { RuntimeContainer } from '../../model/host.ts';
import type { Pod } from '../../model/k8s.ts';
import type { ClusterState } from '../../model/state.ts';
import { parseDuration } from '../../time.ts';
import { imageMatches } from './missingCpuFlag.ts';
import { peekValues } from '../peek.ts';
import { hashString } from '../rng.ts';
import { dial, dnsReachable, type DialResult } from '../network.ts';
import { CLUSTER_DNS, resolveServiceName, searchCandidates } from '../../container/view.ts';

const duration = z.string().refine((s) => (parseDuration(s) ?? 0) > 0, 'a duration such as 10s');

const params = z.object({
  kind: z.literal('upstream-calls'),
  /** The client applications' images (refs, or prefixes ending in `*`). */
  images: z.array(z.string()).min(1),
  /** The dependency as the application's config names it: a Service name (`postgres.data.svc.cluster.local`, resolved through the pod's resolver) or an IP. */
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  /** How often each pod tries (its connection pool's health check or retry loop); default 10s. */
  every: duration.optional(),
  /**
   * The line the application logs for each outcome (stderr); an outcome without a line logs
   * nothing. `{ts}` (RFC 3339 with ms), `{host}`, `{ip}`, `{port}` are filled in.
   * `dropped`: the connect timed out; `refused`: nothing listened; `dns`: the name did not resolve.
   */
  logs: z.object({ dropped: z.string().optional(), refused: z.string().optional(), dns: z.string().optional(), open: z.string().optional() }).strict(),
}).strict();
export type UpstreamCallsRule = z.infer<typeof params>;

const running = (rc: RuntimeContainer, t: number) => rc.startedAt !== undefined && rc.startedAt <= t && (rc.finishedAt === undefined || rc.finishedAt > t);

/** The pod a runtime container belongs to, while its object still exists. */
export function podOfContainer(state: ClusterState, rc: RuntimeContainer): Pod | undefined {
  for (const p of peekValues(state.pods)) if (p.metadata.uid === rc.podUid) return p;
  return undefined;
}

/** Every `every` of the rule, in ms. */
export const upstreamEvery = (rule: UpstreamCallsRule) => parseDuration(rule.every ?? '10s')!;

/** Where in each period a pod makes its call (ms after a multiple of `every`): each pod keeps its own rhythm, from its uid. */
export const upstreamPhase = (pod: Pod, every: number) => hashString(`calls|${pod.metadata.uid}`) % every;

/** The moments in (from, to] at which `pod` calls, oldest first (a call at `t` is `t` itself; its SYNs follow). */
export function callTimes(pod: Pod, every: number, from: number, to: number): number[] {
  const phase = upstreamPhase(pod, every);
  const out: number[] = [];
  for (let t = Math.floor((from - phase) / every) * every + phase; t <= to; t += every) if (t > from) out.push(t);
  return out;
}

/**
 * What one call from `pod` to the rule's dependency meets now: the resolver first (a name needs
 * the cluster DNS reachable, then the Service's record), then the connection (sim/network.ts).
 */
export function upstreamOutcome(state: ClusterState, rule: UpstreamCallsRule, pod: Pod): { outcome: 'dns' } | ({ ip: string } & DialResult) {
  const from = { ip: pod.status.podIP ?? '', pod };
  let ip: string | undefined = /^\d+(\.\d+){3}$/.test(rule.host) ? rule.host : undefined;
  if (!ip) {
    if (!dnsReachable(state, from, CLUSTER_DNS)) return { outcome: 'dns' };
    for (const c of searchCandidates(pod.metadata.namespace ?? 'default', rule.host)) {
      ip = resolveServiceName(state, c);
      if (ip) break;
    }
    if (!ip) return { outcome: 'dns' };
  }
  return { ip, ...dial(state, from, ip, rule.port) };
}

/**
 * An application whose pods call a dependency (a database, an API) every few seconds over the
 * simulated pod network, and log what each call meets: a NetworkPolicy or a fault that drops the
 * packets shows as connect timeouts in the application's log from the moment it applies, and the
 * lines stop when the traffic is allowed again. The CNI agent's drop monitor (`cilium monitor
 * --type drop`) reports the same calls from the same enforcement decision.
 */
export const upstreamCalls: FaultKind<UpstreamCallsRule> = {
  kind: 'upstream-calls',
  description: 'Pods of some images call a dependency (host:port) every few seconds over the pod network and log each failed call (timeout, refusal, DNS failure); drop monitors see the same calls.',
  params,
  // No stage verdicts: it appends log lines as time passes, from what the network lets through.
  stages: [],
  advance(rule, state, from, to) {
    const every = upstreamEvery(rule);
    for (const name of Object.keys(state.hosts)) {
      for (const rc of state.hosts[name].containers) {
        if (!imageMatches(rule.images, rc.image) || rc.startedAt === undefined || rc.startedAt > to) continue;
        if (rc.finishedAt !== undefined && rc.finishedAt <= from) continue;
        const pod = podOfContainer(state, rc);
        if (!pod?.status.podIP) continue;
        const times = callTimes(pod, every, from, to);
        if (!times.length) continue;
        // Within one advance the policies and Services stand still (a change is an action between advances).
        const r = upstreamOutcome(state, rule, pod);
        const text = rule.logs[r.outcome];
        if (!text) continue;
        const ip = 'ip' in r ? r.ip : '';
        // A call that times out is logged when the client gives up, a few seconds after it started.
        const lag = r.outcome === 'dropped' ? 5000 : r.outcome === 'dns' ? 10_000 : 0;
        for (const t of times) {
          if (!running(rc, t) || !running(rc, t + lag)) continue;
          const at = t + lag;
          const fields: Record<string, string> = { ts: new Date(at).toISOString(), host: rule.host, ip, port: String(rule.port) };
          // Frozen as written (nothing edits a log line): the freeze ending a long move skips it.
          rc.logs.push(Object.freeze({ at, stream: 'stderr', text: text.replace(/\{(\w+)\}/g, (m, k: string) => fields[k] ?? m) } as const));
        }
      }
    }
  },
};
