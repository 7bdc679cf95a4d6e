/**
 * The scenarios section of `npm run bench` (issue 17): every scenario played by its reference
 * solution as a learner would, 10 to 60 virtual seconds between lines (a fixed pseudo-random
 * draw, the same on every run), with one follow left running for a virtual minute halfway through
 * (`kubectl get events -A -w`, ticked every 250 ms as the browser does, then Ctrl-C). Times each
 * typed command (its clock move included, as in the browser) and each tick of the follow, wall ms.
 * One untimed play of each scenario first warms the JIT, as the core section does.
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from '../../src/core/session/session.ts';
import { playLine } from '../../src/core/session/script.ts';
import { files, load, prng, root } from '../unit/garbage.ts';
import { median, quantile } from './stats.ts';

/** Virtual ms between two lines: 10 s to 60 s. */
const PAUSE_MS = [10_000, 60_000] as const;
/** How often the browser ticks a following command, and for how long the follow is left on (virtual ms). */
const TICK_MS = 250;
const FOLLOW_MS = 60_000;
const FOLLOW = 'kubectl get events -A -w';

export interface ScenarioPlayFigures {
  scenario: string;
  commands: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  /** The slowest command line, for finding what to speed up. */
  slowest: string;
  /** The follow's ticks: how many, and their median / p99 ms. */
  ticks: number;
  tickMedianMs: number;
  tickP99Ms: number;
}

/** One play of `scenario`'s solution; returns per-command and per-tick ms (with their lines). */
function play(file: string): { commands: { line: string; ms: number }[]; ticks: number[] } {
  const id = file.replace(/\.yaml$/, '');
  const session = Session.start(load(file));
  const lines = readFileSync(join(root, 'scenarios', `${id}.solution.txt`), 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '' && !/^\s*#/.test(l));
  const pause = prng(17);
  const commands: { line: string; ms: number }[] = [];
  const ticks: number[] = [];
  lines.forEach((line, i) => {
    if (session.finished) return;
    const at = session.now + PAUSE_MS[0] + Math.floor(pause() * (PAUSE_MS[1] - PAUSE_MS[0]));
    if (i === Math.floor(lines.length / 2) && !session.editing && session.prompt().includes('laptop')) {
      session.run(FOLLOW, at);
      const end = session.now + FOLLOW_MS;
      while (session.now < end) {
        const t0 = performance.now();
        session.tick(session.now + TICK_MS);
        ticks.push(performance.now() - t0);
      }
      session.interrupt(session.now + TICK_MS);
    }
    const timed = !/^answer:|^:hint$/.test(line) && !session.editing;
    const t0 = performance.now();
    playLine(session, line, timed ? at : session.now + 2000);
    if (timed) commands.push({ line, ms: performance.now() - t0 });
  });
  return { commands, ticks };
}

/** Plays every scenario (one warm-up play each, then one timed). */
export function benchScenarioPlays(): ScenarioPlayFigures[] {
  return files.map((file) => {
    play(file);
    const { commands, ticks } = play(file);
    const times = commands.map((c) => c.ms);
    const slowest = commands.reduce((a, b) => (b.ms > a.ms ? b : a), commands[0]);
    return {
      scenario: file.replace(/\.yaml$/, ''),
      commands: commands.length,
      medianMs: median(times),
      p99Ms: quantile(times, 0.99),
      maxMs: Math.max(...times),
      slowest: slowest?.line ?? '',
      ticks: ticks.length,
      tickMedianMs: ticks.length ? median(ticks) : Number.NaN,
      tickP99Ms: ticks.length ? quantile(ticks, 0.99) : Number.NaN,
    };
  });
}
