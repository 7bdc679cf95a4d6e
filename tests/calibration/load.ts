/** Loading scenarios and their calibration sets from the repository (Node only: tests and scripts). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { calibrationSchema, outsideSchema, type CalibrationSet, type OutsideSet } from '../../src/core/grader/calibrate.ts';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import type { Scenario } from '../../src/core/scenario/types.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

export function loadScenario(id: string): Scenario {
  const file = `scenarios/${id}.yaml`;
  const r = parseScenario(file, readFileSync(join(ROOT, file), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

/** Scenario ids under scenarios/. */
export const scenarioIds = () => readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();

export const calibrationFile = (id: string) => join(ROOT, 'tests', 'calibration', `${id}.yaml`);

/** The calibration set of a scenario; throws naming the file and field when it is malformed. */
export function loadCalibration(id: string): CalibrationSet | undefined {
  const file = calibrationFile(id);
  if (!existsSync(file)) return undefined;
  const r = calibrationSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!r.success) throw new Error(r.error.issues.map((i) => `tests/calibration/${id}.yaml: ${i.path.join('.')}: ${i.message}`).join('\n'));
  return r.data;
}

/** The outside answers of a scenario (tests/calibration/outside/<id>.yaml), written without the rubric. */
export function loadOutside(id: string): OutsideSet | undefined {
  const file = join(ROOT, 'tests', 'calibration', 'outside', `${id}.yaml`);
  if (!existsSync(file)) return undefined;
  const r = outsideSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!r.success) throw new Error(r.error.issues.map((i) => `tests/calibration/outside/${id}.yaml: ${i.path.join('.')}: ${i.message}`).join('\n'));
  return r.data;
}
