/**
 * The calibration set's file check (tests/calibration/<id>.yaml): its schema, located as the
 * scenario check locates, and its rounds against the scenario's; then the scores against their bands.
 */
import { BANDS, calibrate, calibrationSchema, type CalibrationReport, type CalibrationSet, type OutsideSet } from '../../grader/calibrate.ts';
import type { Scenario } from '../types.ts';
import { checkYaml, type Problem, type RawProblem } from './index.ts';
import { didYouMean } from './suggest.ts';

/** The set's rounds must be the scenario's, in order (calibration walks them as a candidate would). */
function roundProblems(data: unknown, scenario: Scenario | undefined): RawProblem[] {
  if (!scenario || !data || typeof data !== 'object') return [];
  const rounds = (data as { rounds?: unknown }).rounds;
  if (!Array.isArray(rounds)) return [];
  const want = scenario.rounds.map((r) => r.id);
  const out: RawProblem[] = [];
  rounds.forEach((r, i) => {
    const id = (r as { id?: unknown })?.id;
    if (typeof id !== 'string') return;
    if (!want.includes(id)) out.push({ path: ['rounds', i, 'id'], message: `no round "${id}" in the scenario — ${didYouMean(id, want)}` });
    else if (want[i] !== id) out.push({ path: ['rounds', i, 'id'], message: `round "${id}" is at position ${i + 1} here but ${want.indexOf(id) + 1} in the scenario — list the rounds in the scenario's order: ${want.join(', ')}` });
  });
  const have = rounds.map((r) => (r as { id?: unknown })?.id);
  const missing = want.filter((id) => !have.includes(id));
  if (missing.length) out.push({ path: ['rounds'], message: `no entry for round${missing.length > 1 ? 's' : ''} ${missing.join(', ')} — add one per round of the scenario` });
  return out;
}

/** Checks a calibration file's text against its schema and the scenario's rounds. */
export function checkCalibrationFile(file: string, text: string, scenario: Scenario | undefined): { set?: CalibrationSet; problems: Problem[] } {
  const r = checkYaml(file, text, calibrationSchema, (data) => roundProblems(data, scenario));
  return { set: r.data, problems: r.problems };
}

/** Answers outside their band, broken rankings and weak ideal paths, as one line each. */
export function calibrationFailures(report: CalibrationReport): string[] {
  const out: string[] = [];
  for (const i of report.items) if (!i.inBand) out.push(`round ${i.round}: the ${i.level} answer${i.level === 'weak' ? ` #${i.index + 1}` : ''} scores ${i.score}, outside ${BANDS[i.level].join('-')}: "${i.text.slice(0, 70)}${i.text.length > 70 ? '…' : ''}"`);
  for (const r of report.ranking) if (!r.holds) out.push(`round ${r.round}: ranking broken: ${r.why}`);
  for (const p of report.paths) if (p.ideal < BANDS.strong[0]) out.push(`round ${p.round}: the strong answer after the ideal path scores ${p.ideal}, under ${BANDS.strong[0]}`);
  return out;
}

/** Plays the set, never throwing: a set that cannot be played says why. */
export function tryCalibrate(scenario: Scenario, set: CalibrationSet, outside?: OutsideSet): { report?: CalibrationReport; error?: string } {
  try { return { report: calibrate(scenario, set, outside) }; } catch (e) { return { error: (e as Error).message }; }
}
