/**
 * The scale section of `npm run bench`: sigill-node grown to 1k pods on 50 nodes and 10k pods on
 * 500 nodes (grow.ts), each measured in its own process (scaleChild.ts) with a time budget, so a
 * size the simulator cannot build in time reports what it reached instead of hanging the bench.
 * Times are wall clock with the process's CPU time beside them (steadier on a shared machine).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** One measured figure: a time (ms), a size (bytes) or a count. */
export interface ScaleFigure { figure: string; ms?: number; cpuMs?: number; bytes?: number; count?: number }

/** The figures of one size, and why they stop early when they do. */
export interface ScaleFigures { pods: number; nodes: number; figures: ScaleFigure[]; stopped?: string }

/** The sizes measured and the wall-clock budget of each (seconds; BENCH_SCALE_BUDGET_S overrides). */
export const SCALES = [
  { pods: 1000, nodes: 50, budgetS: 400 },
  { pods: 10_000, nodes: 500, budgetS: 400 },
];

/** Aims from issue 17, by size and figure (ms). */
export const SCALE_AIMS: Record<number, Record<string, number>> = {
  1000: { build: 2000, '10 s advance': 20, 'sleep 600': 500 },
  10_000: { build: 20_000, 'kubectl get pods -A': 50, '10 s advance': 100 },
};

/** Runs scaleChild.ts for one size; resolves with whatever it measured within `budgetS`. */
export function measureScale(root: string, pods: number, nodes: number, budgetS: number): Promise<ScaleFigures> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', join(here, 'scaleChild.ts'), String(pods), String(nodes)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: ScaleFigures = { pods, nodes, figures: [] };
    let buf = '';
    let err = '';
    const timer = setTimeout(() => {
      out.stopped = `stopped after the ${budgetS} s budget`;
      child.kill('SIGKILL');
    }, budgetS * 1000);
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) if (l.trim()) out.figures.push(JSON.parse(l) as ScaleFigure);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0 && !out.stopped) out.stopped = `crashed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' ')}`;
      resolve(out);
    });
  });
}

/** Runs every size in SCALES, one after the other (two at once would share the machine's cores). */
export async function benchScale(root: string, log: (s: string) => void): Promise<ScaleFigures[]> {
  const results: ScaleFigures[] = [];
  const override = Number(process.env.BENCH_SCALE_BUDGET_S);
  for (const s of SCALES) {
    log(`scale: ${s.pods} pods on ${s.nodes} nodes…`);
    results.push(await measureScale(root, s.pods, s.nodes, override > 0 ? override : s.budgetS));
  }
  return results;
}

/** Printable value of one figure. */
export function formatFigure(f: ScaleFigure): string {
  const ms = (v: number) => (v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(0)} ms`);
  if (f.ms !== undefined) return f.cpuMs !== undefined ? `${ms(f.ms)} (cpu ${ms(f.cpuMs)})` : ms(f.ms);
  if (f.bytes !== undefined) return `${(f.bytes / 2 ** 20).toFixed(1)} MB`;
  return String(f.count);
}

export { join };
