/** `npm run calibrate`: plays every calibration set and prints each score against its band. */
import { calibrate, formatCalibration } from '../../src/core/grader/calibrate.ts';
import { loadCalibration, loadOutside, loadScenario, scenarioIds } from './load.ts';

let inBand = 0;
let total = 0;
for (const id of scenarioIds().filter((x) => !process.argv[2] || x === process.argv[2])) {
  const set = loadCalibration(id);
  if (!set) { console.log(`${id}: no calibration set (tests/calibration/${id}.yaml)`); continue; }
  const report = calibrate(loadScenario(id), set, loadOutside(id));
  console.log(formatCalibration(report));
  inBand += report.items.filter((i) => i.inBand).length;
  total += report.items.length;
}
console.log(`\nall scenarios: ${inBand}/${total} answers in band, agreement ${total ? ((100 * inBand) / total).toFixed(1) : '0'}%`);
