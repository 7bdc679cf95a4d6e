/** Debug one calibration answer: `tsx tests/calibration/debug.ts <scenario> <round> <level> [index]` prints its verdicts and the keys read. */
import { calibrate, formatCalibration, walkRounds } from '../../src/core/grader/calibrate.ts';
import { analyse, requirements } from '../../src/core/grader/nlp.ts';
import { loadCalibration, loadOutside, loadScenario } from './load.ts';
import { loadLanguageModel } from '../../src/core/grader/model.ts';
import { loadJq } from '../../src/core/commands/jq/engine.ts';

// The grader's English model, before anything is graded (src/core/grader/model.ts).
await loadLanguageModel();
await loadJq();

const [id, round, level, index = '0'] = process.argv.slice(2);
const scenario = loadScenario(id);
if (round === 'cal') { console.log(formatCalibration(calibrate(scenario, loadCalibration(id)!, loadOutside(id)), 30)); process.exit(0); }
const o = loadOutside(id)!.rounds.find((r) => r.id === round)! as Record<string, unknown>;
const own = loadCalibration(id)!.rounds.find((r) => r.id === round)! as Record<string, unknown>;
const pick = (v: unknown) => (Array.isArray(v) ? v[Number(index)] : v) as string;
const text = level === 'text' ? index : level.startsWith('own.') ? pick(own[level.slice(4)]) : pick(o[level]);
walkRounds(scenario, loadCalibration(id)!, 'ideal', (r, s) => {
  if (r.id !== round) return;
  const res = s.preview(text)!;
  console.log(text, '\n---', res.score);
  for (const v of res.verdicts) console.log(`${v.points} ${v.text}`);
  console.log('--- windows');
  for (const w of analyse(text).windows) console.log(`[${text.slice(w.start, w.end).slice(0, 60)}] ${[...w.keys].map(([k, o]) => (o.some((x) => x.negated) ? '~' : '') + k).join(' ')}`);
  if (process.env.REQ) for (const c of [...s.scenario.rounds.find((x) => x.id === round)!.rubric.concepts, ...s.scenario.rounds.find((x) => x.id === round)!.rubric.weakAnswers]) {
    console.log(`## ${c.id}`);
    for (const e of c.examples) console.log(`   ${e} => ${requirements(e).keys.join(' ')}${requirements(e).negated ? ' (neg)' : ''}`);
    for (const e of c.nearMisses ?? []) console.log(`   NM ${e} => ${requirements(e).keys.join(' ')}${requirements(e).negated ? ' (neg)' : ''}`);
  }
});
