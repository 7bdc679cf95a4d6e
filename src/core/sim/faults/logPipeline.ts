import { z } from 'zod';
import type { FaultKind } from './types.ts';
import type { Host, RuntimeContainer } from '../../model/host.ts';
import type { Pod } from '../../model/k8s.ts';
import type { ClusterState } from '../../model/state.ts';
import { milliCpu } from '../../model/quantity.ts';
import { parseDuration } from '../../time.ts';
import { imageMatches } from './missingCpuFlag.ts';
import { cpuLimitMilli, demandAt, throttledShare } from '../cpu.ts';
import { hashString } from '../rng.ts';
import { peekValues } from '../peek.ts';

const millicores = z.string().refine((s) => milliCpu(s) > 0, 'a CPU quantity such as 60m');
const duration = z.string().refine((s) => (parseDuration(s) ?? 0) > 0, 'a duration such as 60s');

const params = z.object({
  kind: z.literal('log-pipeline'),
  /** The node log agent's images (refs, or prefixes ending in `*`): one agent per node reads every writer's log stream there. */
  agents: z.array(z.string()).min(1),
  /** CPU an agent image spends per 1000 log lines a second, by exact image ref (its parser's cost), e.g. `{ 'reg/agent:2.4.0': 62m }`. */
  parseCost: z.record(z.string(), millicores),
  /** The applications' images whose logging goes through the node's agent and blocks when the agent falls behind. */
  writers: z.array(z.string()).min(1),
  /** The environment variable that sets a writer's log level (default `LOG_LEVEL`). */
  levelEnv: z.string().optional(),
  /** Log lines a second one writer container emits, by log level; `default` when the variable is unset or unlisted. */
  linesPerSecond: z.record(z.string(), z.number().nonnegative()),
  /** Requests a second one writer container serves (the stats line's count). */
  requestsPerSecond: z.number().positive(),
  /** Request latency with an agent that keeps up: median and 99th percentile, in ms. */
  p50Ms: z.number().positive(),
  p99Ms: z.number().positive(),
  /** How much the p99 grows per unit of the agent's throttled share (default 2.75: ~70 % throttled triples it). */
  slowdown: z.number().nonnegative().optional(),
  /**
   * The writer's periodic stats line: `every` (default 60s) and `text`, with `{ts}` (RFC 3339 with
   * ms), `{requests}`, `{p50}`, `{p99}`, `{wait}` (p99 time blocked writing logs, ms), `{lines}`.
   */
  report: z.object({ every: duration.optional(), text: z.string().min(1) }).strict(),
}).strict();
type Params = z.infer<typeof params>;

const running = (rc: RuntimeContainer, t: number) => rc.startedAt !== undefined && rc.startedAt <= t && (rc.finishedAt === undefined || rc.finishedAt > t);

/** Lines a second one writer container emits, from the log level in the environment kubelet gave it. */
function linesOf(rule: Params, rc: RuntimeContainer): number {
  const level = (rc.env ?? []).find(([k]) => k === (rule.levelEnv ?? 'LOG_LEVEL'))?.[1];
  return (level !== undefined && Object.hasOwn(rule.linesPerSecond, level) ? rule.linesPerSecond[level] : rule.linesPerSecond.default) ?? 0;
}

const writersOn = (rule: Params, host: Host) => host.containers.filter((rc) => imageMatches(rule.writers, rc.image));

/** The pod a runtime container belongs to, while its object still exists. */
const podOf = (state: ClusterState, rc: RuntimeContainer): Pod | undefined => {
  for (const p of peekValues(state.pods)) if (p.metadata.uid === rc.podUid) return p;
  return undefined;
};

/** The agent's throttled share on `host` at `t`: 0 when no agent runs there (writers then drop lines instead of waiting). */
function agentThrottling(state: ClusterState, rule: Params, host: Host, t: number): number {
  const rc = [...host.containers].reverse().find((c) => imageMatches(rule.agents, c.image) && running(c, t));
  const pod = rc && podOf(state, rc);
  const container = pod?.spec.containers.find((c) => c.name === rc!.name);
  if (!pod || !container) return 0;
  return throttledShare(demandAt(state, pod, container, host, t), cpuLimitMilli(container));
}

/**
 * A node log agent (a DaemonSet) that parses every log line the applications on its node write,
 * and applications whose logger hands each line to the agent synchronously. The agent's CPU
 * demand follows the log volume on its node (its image's idle `cpu` plus its parser's cost per
 * line, so a debug log level or a costlier parser raises it); above its `limits.cpu` the kernel
 * throttles it (sim/cpu.ts), it reads its socket late, and the writers' requests wait on their log
 * writes: their periodic stats lines show the latency grow with the agent's throttled share and
 * come back when the agent keeps up again (rolled back, a higher or no limit, fewer lines).
 */
export const logPipeline: FaultKind<Params> = {
  kind: 'log-pipeline',
  description: "A node log agent whose CPU demand follows its node's log volume; throttled under its CPU limit, it slows the applications that log through it (their stats lines show the latency).",
  params,
  // No stage verdicts: it shapes CPU demand (sim/cpu.ts) and appends log lines as time passes.
  stages: [],
  cpuDemand(rule, { container, host, state }, from, to) {
    if (!imageMatches(rule.agents, container.image) || !host) return undefined;
    const idle = Object.hasOwn(state.images, container.image) ? state.images[container.image].cpuMillicores : 5;
    const cost = Object.hasOwn(rule.parseCost, container.image) ? milliCpu(rule.parseCost[container.image]) : 0;
    const writers = writersOn(rule, host).filter((rc) => rc.startedAt !== undefined);
    const cuts = new Set<number>([from, to]);
    for (const rc of writers) for (const t of [rc.startedAt!, rc.finishedAt]) if (t !== undefined && t > from && t < to) cuts.add(t);
    const points = [...cuts].sort((a, b) => a - b);
    const out: { from: number; to: number; milli: number }[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const lines = writers.filter((rc) => running(rc, points[i])).reduce((n, rc) => n + linesOf(rule, rc), 0);
      out.push({ from: points[i], to: points[i + 1], milli: idle + (cost * lines) / 1000 });
    }
    return out;
  },
  advance(rule, state, from, to) {
    const every = parseDuration(rule.report.every ?? '60s')!;
    for (let t = (Math.floor(from / every) + 1) * every; t <= to; t += every) {
      for (const name of Object.keys(state.hosts)) {
        const host = state.hosts[name];
        const writers = writersOn(rule, host).filter((rc) => running(rc, t) && rc.startedAt! <= t - every);
        if (writers.length === 0) continue;
        const share = agentThrottling(state, rule, host, t);
        for (const rc of writers) {
          const jitter = (spread: number, salt: string) => 1 - spread + ((hashString(`${rc.id}/${t}/${salt}`) % 1001) / 1000) * 2 * spread;
          const p99 = Math.round(rule.p99Ms * (1 + (rule.slowdown ?? 2.75) * share) * jitter(0.05, 'p99'));
          const p50 = Math.round(rule.p50Ms * (1 + 0.5 * share) * jitter(0.04, 'p50'));
          const fields: Record<string, string> = {
            ts: new Date(t).toISOString(),
            requests: String(Math.round(rule.requestsPerSecond * (every / 1000) * jitter(0.06, 'n'))),
            p50: String(p50), p99: String(p99), wait: String(Math.max(0, p99 - Math.round(rule.p99Ms))),
            lines: String(Math.round(linesOf(rule, rc) * (every / 1000))),
          };
          rc.logs.push({ at: t, stream: 'stdout', text: rule.report.text.replace(/\{(\w+)\}/g, (m, k: string) => fields[k] ?? m) });
        }
      }
    }
  },
};
