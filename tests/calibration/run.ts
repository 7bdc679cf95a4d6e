/**
 * `npm run calibrate [-- [ID…] [--dir DIR]]`: plays every calibration set (or only the named scenarios') and prints each score against its
 * band. A file that is missing, malformed or cannot be played is reported (file, line, field) and
 * the run goes on to the next scenario; the exit status is 1 when anything was wrong.
 */
import { formatCalibration } from '../../src/core/grader/calibrate.ts';
import { checkScenario, formatProblem } from '../../src/core/scenario/check/index.ts';
import { calibrationFailures, checkCalibrationFile, tryCalibrate } from '../../src/core/scenario/check/calibration.ts';
import { projectFromArgs } from '../../src/cli/project.ts';
import { loadOutside } from './load.ts';
import { loadLanguageModel } from '../../src/core/grader/model.ts';
import { loadJq } from '../../src/core/commands/jq/engine.ts';

// The grader's English model, before anything is graded (src/core/grader/model.ts).
await loadLanguageModel();
await loadJq();

const { project: p, rest: only } = projectFromArgs(process.argv.slice(2));
let inBand = 0;
let total = 0;
let bad = 0;
for (const id of p.scenarioIds().filter((x) => only.length === 0 || only.includes(x))) {
  const problems: string[] = [];
  const file = p.scenarioFile(id);
  const checked = checkScenario(file, p.read(file) ?? '');
  problems.push(...checked.problems.filter((x) => !x.warning).map(formatProblem));
  const calFile = p.calibrationFile(id);
  const text = p.read(calFile);
  if (text === undefined) problems.push(`${calFile}: no calibration set — every scenario needs one (see scenarios/README.md)`);
  const cal = text === undefined ? undefined : checkCalibrationFile(calFile, text, checked.scenario);
  problems.push(...(cal?.problems ?? []).map(formatProblem));
  if (problems.length || !checked.scenario || !cal?.set) {
    bad++;
    console.log(`${id}: not calibrated\n${problems.map((x) => `  ${x}`).join('\n')}`);
    continue;
  }
  // Answers written outside the project, by someone who never saw the rubric (tests/calibration/outside/).
  let outside;
  try { outside = loadOutside(id); } catch (e) { bad++; console.log(`${id}: ${(e as Error).message}`); continue; }
  const r = tryCalibrate(checked.scenario, cal.set, outside);
  if (!r.report) { bad++; console.log(`${id}: ${calFile} cannot be played: ${r.error}`); continue; }
  console.log(formatCalibration(r.report, Number(process.env.WORST ?? 5)));
  const failures = calibrationFailures(r.report);
  if (failures.length) bad++;
  for (const f of failures) console.log(`  ${f}`);
  inBand += r.report.items.filter((i) => i.inBand).length;
  total += r.report.items.length;
}
console.log(`\nall scenarios: ${inBand}/${total} answers in band, agreement ${total ? ((100 * inBand) / total).toFixed(1) : '0'}%${bad ? `; ${bad} scenario(s) with problems (above)` : ''}`);
process.exitCode = bad ? 1 : 0;
