/**
 * The variant check: a scenario's reference solution, weak path and calibration set replayed under
 * another seed (scenario/variants.ts), each rewritten with the variant's names. The incident must
 * stay the same incident: the solution still earns at least SOLUTION_MIN in every round with no line
 * the simulator cannot run, the weak path stays under WEAK_MAX, the calibration answers stay in band.
 */
import type { CalibrationSet } from '../../grader/calibrate.ts';
import type { Scenario } from '../types.ts';
import { mapStrings, variantOf, type Variant } from '../variants.ts';
import { calibrationFailures, tryCalibrate } from './calibration.ts';
import { replayScript, SOLUTION_MIN, WEAK_MAX, type Replay } from './replay.ts';

/** One seed's replay: the variant, the scores, and every failure as one line (none: it passed). */
export interface VariantRun {
  seed: number;
  variant: Variant;
  scenario: Scenario;
  solution?: Replay;
  weak?: Replay;
  /** Calibration answers in band, of all. */
  calibration?: { inBand: number; total: number };
  failures: string[];
}

/** The scripts and set of a scenario as written (seed 0); absent ones are skipped. */
export interface VariantInputs {
  solution?: string;
  weak?: string;
  calibration?: CalibrationSet;
}

/** Replays `inputs` against `scenario`'s variant for `seed`; see the module comment. */
export function checkVariant(base: Scenario, inputs: VariantInputs, seed: number): VariantRun {
  const { scenario, variant } = variantOf(base, seed);
  const failures: string[] = [];
  const run: VariantRun = { seed, variant, scenario, failures };
  if (inputs.solution !== undefined) {
    const r = run.solution = replayScript(scenario, variant.rename(inputs.solution));
    if (!r.finished) failures.push(`the solution does not answer every round`);
    for (const x of r.results) if (x.score < SOLUTION_MIN) failures.push(`solution: round ${x.round} scores ${x.score}, under ${SOLUTION_MIN}: ${x.verdicts.filter((v) => v.kind !== 'earned').map((v) => v.text).join(' | ').slice(0, 300)}`);
    for (const l of r.lines) if (l.cannotRun) failures.push(`solution line ${l.fileLine}: the simulator cannot run \`${l.text}\`: ${l.cannotRun}`);
  }
  if (inputs.weak !== undefined) {
    const r = run.weak = replayScript(scenario, variant.rename(inputs.weak));
    if (r.score >= WEAK_MAX) failures.push(`the weak path scores ${r.score}, not under ${WEAK_MAX}`);
  }
  if (inputs.calibration) {
    const c = tryCalibrate(scenario, mapStrings(inputs.calibration, variant.rename));
    if (c.error) failures.push(`calibration cannot be played: ${c.error}`);
    else {
      run.calibration = { inBand: c.report!.items.filter((i) => i.inBand).length, total: c.report!.items.length };
      failures.push(...calibrationFailures(c.report!).map((f) => `calibration: ${f}`));
    }
  }
  return run;
}
