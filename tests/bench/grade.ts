/**
 * Times grading one answer (Session.preview: the NLP reading, the claims, the terminal evidence) in
 * Node, over every outside calibration answer of every scenario after its round's ideal path: the
 * interviewer's live verdict re-grades on each keystroke pause, so it must stay well under 20 ms.
 */
import { performance } from 'node:perf_hooks';
import { walkRounds } from '../../src/core/grader/calibrate.ts';
import { loadCalibration, loadOutside, loadScenario, scenarioIds } from '../calibration/load.ts';
import { median, quantile } from './stats.ts';

export interface GradeFigures {
  answers: number;
  /** The very first grade in the process (loads the English model), ms. */
  firstMs: number;
  /** The first grade of each other scenario (reads its claims' examples once), ms, the slowest. */
  scenarioFirstMaxMs: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

export function benchGrading(): GradeFigures {
  const times: number[] = [];
  const scenarioFirsts: number[] = [];
  let firstMs = -1;
  for (const id of scenarioIds()) {
    let firstOfScenario = true;
    const set = loadCalibration(id);
    const outside = loadOutside(id);
    if (!set || !outside) continue;
    walkRounds(loadScenario(id), set, 'ideal', (r, session) => {
      const o = outside.rounds.find((x) => x.id === r.id);
      if (!o) return;
      for (const text of [o.jargon, o.plain, o.terse, o.nonnative, o.adequate, ...o.weak, o.wrong, o.salad, o.offtopic]) {
        const t0 = performance.now();
        session.preview(text);
        const dt = performance.now() - t0;
        if (firstMs < 0) firstMs = dt;
        else if (firstOfScenario) scenarioFirsts.push(dt);
        else times.push(dt);
        firstOfScenario = false;
      }
    });
  }
  return { answers: times.length, firstMs, scenarioFirstMaxMs: Math.max(...scenarioFirsts), medianMs: median(times), p99Ms: quantile(times, 0.99), maxMs: Math.max(...times) };
}
