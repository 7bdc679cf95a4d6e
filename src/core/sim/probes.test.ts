import { describe, expect, it } from 'vitest';
import type { Container, Probe } from '../model/k8s.ts';
import { planProbes } from './probes.ts';

const http = (p: Partial<Probe> = {}): Probe => ({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, ...p });
const c = (probes: Partial<Pick<Container, 'livenessProbe' | 'readinessProbe' | 'startupProbe'>>): Container => ({ name: 'app', image: 'app:1', ...probes });
const times = (plan: ReturnType<typeof planProbes>, type: string) => plan.failures.filter((f) => f.type === type).map((f) => f.atMs / 1000);

describe('planProbes (kubelet prober timing)', () => {
  it('liveness kills a slow starter after failureThreshold failures, period apart, once the initial delay is over', () => {
    // Worker ticks aligned with the start: probes at 10, 20, 30 s; the third failure kills.
    const plan = planProbes(c({ livenessProbe: http({ initialDelaySeconds: 10 }) }), { healthyAfterMs: 50_000, lifetimeMs: Infinity, sinceWorkerMs: 0 });
    expect(times(plan, 'Liveness')).toEqual([10, 20, 30]);
    expect(plan.kill).toEqual({ atMs: 30_000, type: 'Liveness' });
    expect(plan.startedMs).toBe(0);
    expect(plan.readyMs).toBe(0); // no readiness probe: Ready as soon as it runs, answering or not
  });

  it('the kill lands within (delay + (threshold-1) x period, delay + threshold x period] whatever the worker phase', () => {
    for (const since of [0, 1000, 2000, 5500, 9999]) {
      const plan = planProbes(c({ livenessProbe: http({ initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 3 }) }), { healthyAfterMs: 120_000, lifetimeMs: Infinity, sinceWorkerMs: since });
      expect(plan.kill!.atMs).toBeGreaterThan(30_000 - 10_000);
      expect(plan.kill!.atMs).toBeLessThanOrEqual(10_000 + 3 * 10_000);
    }
    // Pod admitted 2 s before the container started: ticks at 8 (delayed), 18, 28, 38 s.
    const plan = planProbes(c({ livenessProbe: http({ initialDelaySeconds: 10 }) }), { healthyAfterMs: 120_000, lifetimeMs: Infinity, sinceWorkerMs: 2000 });
    expect(times(plan, 'Liveness')).toEqual([18, 28, 38]);
  });

  it('an application healthy before the threshold is reached survives: failures stop, no kill', () => {
    const plan = planProbes(c({ livenessProbe: http({ initialDelaySeconds: 10 }), readinessProbe: http({ periodSeconds: 5 }) }), { healthyAfterMs: 25_000, lifetimeMs: Infinity, sinceWorkerMs: 0 });
    expect(times(plan, 'Liveness')).toEqual([10, 20]);
    expect(plan.kill).toBeUndefined();
    expect(times(plan, 'Readiness')).toEqual([0, 5, 10, 15, 20]);
    expect(plan.readyMs).toBe(25_000);
  });

  it('a startupProbe holds liveness and readiness back until it succeeds, then they pass', () => {
    const plan = planProbes(c({ livenessProbe: http({ initialDelaySeconds: 10 }), readinessProbe: http({ periodSeconds: 5 }), startupProbe: http({ failureThreshold: 30 }) }),
      { healthyAfterMs: 50_000, lifetimeMs: Infinity, sinceWorkerMs: 0 });
    expect(times(plan, 'Startup')).toEqual([0, 10, 20, 30, 40]);
    expect(times(plan, 'Liveness')).toEqual([]);
    expect(times(plan, 'Readiness')).toEqual([]);
    expect(plan.startedMs).toBe(50_000);
    expect(plan.readyMs).toBe(55_000); // the readiness worker's next tick after `started`
    expect(plan.kill).toBeUndefined();
  });

  it('a startupProbe too short for the start kills the container after failureThreshold x period', () => {
    const plan = planProbes(c({ livenessProbe: http(), startupProbe: http({ failureThreshold: 3, periodSeconds: 10 }) }), { healthyAfterMs: 50_000, lifetimeMs: Infinity, sinceWorkerMs: 0 });
    expect(times(plan, 'Startup')).toEqual([0, 10, 20]);
    expect(plan.kill).toEqual({ atMs: 20_000, type: 'Startup' });
    expect(plan.startedMs).toBeUndefined();
  });

  it('raising initialDelaySeconds past the start time also lets it come up', () => {
    const plan = planProbes(c({ livenessProbe: http({ initialDelaySeconds: 60 }) }), { healthyAfterMs: 50_000, lifetimeMs: Infinity, sinceWorkerMs: 0 });
    expect(plan.failures).toEqual([]);
    expect(plan.kill).toBeUndefined();
  });

  it('plans nothing after the process has died by itself', () => {
    const plan = planProbes(c({ livenessProbe: http() }), { healthyAfterMs: 50_000, lifetimeMs: 15_000, sinceWorkerMs: 0 });
    expect(times(plan, 'Liveness')).toEqual([0, 10]);
    expect(plan.kill).toBeUndefined();
  });
});
