import type { Container, Pod, Probe } from '../model/k8s.ts';
import { SECOND } from '../time.ts';
import type { ProbeRefusal } from './faults/types.ts';

/** The three probe kinds as kubelet names them in events and logs (`Liveness probe failed: …`). */
export type ProbeType = 'Startup' | 'Liveness' | 'Readiness';

/** One failed probe, `atMs` after the container started. */
export interface ProbeFailure { atMs: number; type: ProbeType }

/**
 * What kubelet's probe workers will decide about one container run, all offsets in ms after the
 * container started:
 * - `startedMs`: when `started` turns true (0 without a startupProbe; undefined if it never does);
 * - `readyMs`: when the container turns Ready (undefined if it does not before it dies);
 * - `failures`: every failed probe, in time order (each is one `Unhealthy` event);
 * - `kill`: the probe that reached its failureThreshold, and when.
 */
export interface ProbePlan {
  startedMs?: number;
  readyMs?: number;
  failures: ProbeFailure[];
  kill?: { atMs: number; type: 'Liveness' | 'Startup' };
}

/**
 * Plans the probes of one container run as kubelet 1.31's prober does (pkg/kubelet/prober/worker.go):
 * - each probe has a worker ticking every `periodSeconds` since the worker began (when kubelet
 *   admitted the pod), so ticks are not aligned to the container's start: `sinceWorkerMs` is the
 *   worker's age when the container started;
 * - a tick is skipped while whole seconds since start are below `initialDelaySeconds`;
 * - liveness and readiness do not run until the startup probe has succeeded; the startup probe
 *   stops once it has;
 * - a probe fails while the application is not yet healthy (before `healthyAfterMs`); after
 *   `failureThreshold` consecutive failures a liveness or startup probe has the container killed
 *   and its worker holds until the next container (no probe after the kill); readiness needs
 *   `successThreshold` consecutive successes.
 * So a liveness kill lands in (initialDelay + (failureThreshold − 1) × period, initialDelay +
 * failureThreshold × period] after start, and a startup kill by failureThreshold × period (plus
 * its delay). Nothing is planned at or after `lifetimeMs` (the process died by itself first).
 */
export function planProbes(c: Container, o: { healthyAfterMs: number; lifetimeMs: number; sinceWorkerMs: number }): ProbePlan {
  const plan: ProbePlan = { failures: [] };
  const healthy = (t: number) => t >= o.healthyAfterMs;
  const delayed = (p: Probe, t: number) => Math.floor(t / SECOND) < (p.initialDelaySeconds ?? 0);
  // Probing stops at the first threshold reached; bound the walk for probes that never settle.
  const horizon = Math.min(o.lifetimeMs, o.healthyAfterMs + 10 * 60 * SECOND);

  if (c.startupProbe) {
    const p = c.startupProbe;
    let run = 0;
    for (const t of ticks(p, o.sinceWorkerMs, 0, horizon)) {
      if (delayed(p, t)) continue;
      if (healthy(t)) { plan.startedMs = t; break; }
      plan.failures.push({ atMs: t, type: 'Startup' });
      if (++run >= (p.failureThreshold ?? 3)) { plan.kill = { atMs: t, type: 'Startup' }; return plan; }
    }
    if (plan.startedMs === undefined) return plan;
  } else plan.startedMs = 0;
  const from = plan.startedMs;
  // With a startup probe, the other workers see `started` on their next tick after it.
  const after = c.startupProbe ? from + 1 : 0;

  if (c.livenessProbe) {
    const p = c.livenessProbe;
    let run = 0;
    for (const t of ticks(p, o.sinceWorkerMs, after, horizon)) {
      if (delayed(p, t)) continue;
      if (healthy(t)) break; // from here on every probe passes
      plan.failures.push({ atMs: t, type: 'Liveness' });
      if (++run >= (p.failureThreshold ?? 3)) { plan.kill = { atMs: t, type: 'Liveness' }; break; }
    }
  }

  const end = Math.min(horizon, plan.kill ? plan.kill.atMs : Infinity);
  if (c.readinessProbe) {
    const p = c.readinessProbe;
    let successes = 0;
    for (const t of ticks(p, o.sinceWorkerMs, after, end)) {
      if (delayed(p, t)) continue;
      if (!healthy(t)) { successes = 0; plan.failures.push({ atMs: t, type: 'Readiness' }); continue; }
      if (++successes >= (p.successThreshold ?? 1)) { plan.readyMs = t; break; }
    }
  } else if (!plan.kill || from < plan.kill.atMs) plan.readyMs = from;

  plan.failures.sort((a, b) => a.atMs - b.atMs || order(a.type) - order(b.type));
  return plan;
}

const order = (t: ProbeType) => (t === 'Startup' ? 0 : t === 'Liveness' ? 1 : 2);

/** Offsets (ms after start) in [from, to) at which a worker of this probe ticks. */
function* ticks(p: Probe, sinceWorkerMs: number, from: number, to: number): Generator<number> {
  const period = (p.periodSeconds ?? 10) * SECOND;
  let n = Math.ceil((sinceWorkerMs + from) / period);
  for (let t = n * period - sinceWorkerMs; t < to; t = ++n * period - sinceWorkerMs) yield t;
}

/**
 * A failed probe's output as kubelet reports it, for an application that is not answering yet:
 * nothing listening (`Get "http://10.244.1.7:8080/healthz": dial tcp 10.244.1.7:8080: connect:
 * connection refused`, the Go HTTP client's error) or a server answering 503 or 500 (`HTTP probe
 * failed with statuscode: 503`). tcpSocket probes give the dial error alone; exec probes the command's
 * exit status.
 */
export function probeFailureOutput(pod: Pod, c: Container, p: Probe, refusal: ProbeRefusal): string {
  const ip = pod.status.podIP ?? '';
  const port = (v: number | string) => (typeof v === 'number' ? String(v) : String(c.ports?.find((x) => x.name === v)?.containerPort ?? v));
  if (p.httpGet) {
    if (refusal !== 'connection-refused') return `HTTP probe failed with statuscode: ${refusal.slice(5)}`;
    const g = p.httpGet as { path?: string; port: number | string; scheme?: string; host?: string };
    const host = g.host || ip;
    const addr = `${host}:${port(g.port)}`;
    const path = g.path ?? '';
    return `Get "${(g.scheme ?? 'HTTP').toLowerCase()}://${addr}${path.startsWith('/') || path === '' ? path : `/${path}`}": dial tcp ${addr}: connect: connection refused`;
  }
  if (p.tcpSocket) return `dial tcp ${ip}:${port(p.tcpSocket.port)}: connect: connection refused`;
  return 'command terminated with exit code 1';
}
