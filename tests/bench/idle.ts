/**
 * The idle section of `npm run bench`: a tab left open 72 hours over every scenario. A fresh
 * session's one tick that moves the clock 72 h, its CPU time (this process) and wall time, ms.
 * Each scenario runs in this process one after the other, so later ones run on warmer code than
 * a fresh page would (the fuzz test's `#idle 72` line measures the same move in its own session).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { Session } from '../../src/core/session/session.ts';

/** The 72 h idle of one scenario: CPU and wall ms of the tick. */
export interface IdleFigure { scenario: string; cpuMs: number; wallMs: number }

/** Every scenario under `scenariosDir`, in file order, each idled 72 h from a fresh start. */
export function benchIdle(scenariosDir: string, hours = 72): IdleFigure[] {
  const out: IdleFigure[] = [];
  for (const file of readdirSync(scenariosDir).filter((f) => f.endsWith('.yaml')).sort()) {
    const parsed = parseScenario(`scenarios/${file}`, readFileSync(join(scenariosDir, file), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const session = Session.start(parsed.scenario);
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    session.tick(session.now + hours * 3_600_000);
    const wallMs = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    out.push({ scenario: file.replace(/\.yaml$/, ''), cpuMs: (used.user + used.system) / 1000, wallMs });
  }
  return out;
}
