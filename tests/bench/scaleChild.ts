/**
 * One scale measurement, run in its own Node process by scale.ts so a cluster too big to build in
 * the time budget can be stopped without losing the figures measured so far. Usage:
 * `node --expose-gc --import tsx tests/bench/scaleChild.ts PODS NODES`. Prints one JSON object per
 * line as each figure is measured: `{ "figure": "...", "ms": 12.3 }` (or `bytes`, `count`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { Session } from '../../src/core/session/session.ts';
import { growScenario } from './grow.ts';
import { median } from './stats.ts';
import { loadLanguageModel } from '../../src/core/grader/model.ts';
import { loadJq } from '../../src/core/commands/jq/engine.ts';

// The grader's English model, before anything is graded (src/core/grader/model.ts).
await loadLanguageModel();
await loadJq();

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [pods, nodes] = process.argv.slice(2).map(Number);
const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

function heapBytes(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

/** CPU time this process has used, ms (user + system): steadier than wall time on a shared machine. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Median wall and CPU time of `runs` calls of `f`, ms. */
function timed(runs: number, f: () => void): { ms: number; cpuMs: number } {
  const t: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = cpuNow();
    f();
    t.push(performance.now() - t0);
    c.push(cpuNow() - c0);
  }
  return { ms: median(t), cpuMs: median(c) };
}

const path = join(root, 'scenarios', 'sigill-node.yaml');
const parsed = parseScenario(path, readFileSync(path, 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = growScenario(parsed.scenario, pods, nodes);
const heap0 = heapBytes();

let session!: Session;
emit({ figure: 'build', ...timed(1, () => (session = Session.start(scenario))) });
emit({ figure: 'pods', count: Object.keys(session.state.pods).length });
emit({ figure: 'events', count: Object.keys(session.state.events).length });
emit({ figure: 'journal lines', count: Object.values(session.state.hosts).reduce((n, h) => n + h.journal.length, 0) });
emit({ figure: 'heap', bytes: heapBytes() - heap0 });

const faulty = scenario.faultyNodes[0];
for (const line of ['kubectl get pods -A', 'kubectl get pods -A -o wide', `kubectl describe node ${faulty}`, 'kubectl get events -A']) {
  session.run(line); // warm-up
  emit({ figure: line.replace(faulty, 'FAULTY'), ...timed(5, () => session.run(line)) });
}
emit({ figure: '10 s advance', ...timed(5, () => session.tick(session.now + 10_000)) });
emit({ figure: 'sleep 600', ...timed(1, () => session.run('sleep 600')) });
emit({ figure: 'heap after', bytes: heapBytes() - heap0 });

// Loading jq's WebAssembly runtime leaves exit code 2 behind; the bench reads a non-zero exit as a crash.
process.exitCode = 0;
