/**
 * `npm run scenario:check -- <id> [--watch] [--dir DIR]`: everything an author needs to know about
 * a scenario before anyone plays it, exit status 0 only when all of it holds:
 * 1. the file: every problem at once, `scenarios/<id>.yaml:LINE:COL: field: what — fix`;
 * 2. the calibration set: present, well-formed, every answer in its band, the ranking in every round;
 * 3. the reference solution replayed: at least 85 in every round, a table of which line earned which
 *    evidence, and no line the simulator cannot run; the weak path under 40;
 * 4. the same under variant seeds 1-3 (`--seeds N` for 1-N): other node names and IPs, ages and
 *    generated names, the solution, weak path and calibration set rewritten to match
 *    (scenario/variants.ts).
 */
import { watch } from 'node:fs';
import { checkScenario, formatProblem, type Problem } from '../core/scenario/check/index.ts';
import { calibrationFailures, checkCalibrationFile, tryCalibrate } from '../core/scenario/check/calibration.ts';
import { formatReplay, replayScript, SOLUTION_MIN, WEAK_MAX } from '../core/scenario/check/replay.ts';
import { formatCalibration } from '../core/grader/calibrate.ts';
import { checkVariant } from '../core/scenario/check/variants.ts';
import { describeVariant } from '../core/scenario/variants.ts';
import type { Scenario } from '../core/scenario/types.ts';
import { projectFromArgs, type Project } from './project.ts';
import { loadLanguageModel } from '../core/grader/model.ts';
import { loadJq } from '../core/commands/jq/engine.ts';

// The grader's English model, before anything is graded (src/core/grader/model.ts).
await loadLanguageModel();
// jq (WebAssembly), before a session runs a line (src/core/commands/jq/engine.ts).
await loadJq();


/** The whole check of one scenario as text, and whether it passed. */
export function checkOne(p: Project, id: string, seeds = 3): { ok: boolean; text: string } {
  const out: string[] = [];
  let ok = true;
  const fail = (line: string) => { ok = false; out.push(line); };
  const file = p.scenarioFile(id);
  const text = p.read(file);
  if (text === undefined) {
    const ids = p.scenarioIds();
    return { ok: false, text: `${file}: no such file — ${ids.length ? `scenarios here: ${ids.join(', ')}` : `none in ${p.root}/scenarios`}; npm run scenario:new -- ${id} scaffolds one\n` };
  }
  const checked = checkScenario(file, text, { contentExists: (rel) => p.exists(p.contentFile(rel)) });
  const problems: Problem[] = [...checked.problems];
  const scenario: Scenario | undefined = checked.scenario;

  // The calibration set is checked even when the scenario has problems: one run, every problem.
  const calFile = p.calibrationFile(id);
  const calText = p.read(calFile);
  const cal = calText === undefined ? undefined : checkCalibrationFile(calFile, calText, scenario);
  if (cal) problems.push(...cal.problems);
  for (const pr of problems) (pr.warning ? out.push(formatProblem(pr)) : fail(formatProblem(pr)));
  if (problems.length) ok = false;
  if (calText === undefined) fail(`${calFile}:1:1: (file): no calibration set — every scenario has one (npm run scenario:new -- ${id} scaffolds it; scenarios/README.md, "Calibrating a rubric")`);
  if (!scenario) {
    out.push(`\n${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; the solution is replayed once the file is valid.`, `\n${id}: scenario:check FAILED`);
    return { ok: false, text: `${out.join('\n')}\n` };
  }
  out.push(`${file}: valid (${scenario.rounds.length} rounds, ${scenario.rounds.reduce((n, r) => n + r.rubric.evidence.length, 0)} evidence checks)`);

  for (const [kind, scriptFile] of [['solution', p.solutionFile(id)], ['weak path', p.weakFile(id)]] as const) {
    const script = p.read(scriptFile);
    if (script === undefined) { fail(`${scriptFile}: missing — write the ${kind} (one command per line, \`answer: …\` ends a round)`); continue; }
    const replay = replayScript(scenario, script);
    out.push(`\n${kind} (${scriptFile}): ${replay.score}/100${replay.finished ? '' : `, stopped after ${replay.results.length} of ${scenario.rounds.length} rounds (add an \`answer:\` line per round)`}`);
    out.push(formatReplay(scenario, replay, scriptFile));
    if (kind === 'solution') {
      if (!replay.finished) fail(`  FAIL the solution does not answer every round`);
      for (const r of replay.results) if (r.score < SOLUTION_MIN) fail(`  FAIL round ${r.round} scores ${r.score}, under ${SOLUTION_MIN}`);
      for (const l of replay.lines) if (l.cannotRun) fail(`  FAIL ${scriptFile}:${l.fileLine}: the simulator cannot run \`${l.text}\`: ${l.cannotRun}`);
    } else if (replay.score >= WEAK_MAX) fail(`  FAIL the weak path scores ${replay.score}, not under ${WEAK_MAX}`);
  }

  if (cal?.set && !cal.problems.length) {
    const r = tryCalibrate(scenario, cal.set);
    if (r.error) fail(`\n${calFile}: cannot be played: ${r.error}`);
    else {
      out.push(`\ncalibration (${calFile}):\n${formatCalibration(r.report!)}`);
      for (const f of calibrationFailures(r.report!)) fail(`  FAIL ${f}`);
    }
  }
  if (seeds > 0) {
    const inputs = { solution: p.read(p.solutionFile(id)), weak: p.read(p.weakFile(id)), calibration: cal?.problems.length ? undefined : cal?.set };
    out.push(`\nvariants (seeds 1-${seeds}; the scripts and calibration set rewritten with each one's names):`);
    for (let seed = 1; seed <= seeds; seed++) {
      const v = checkVariant(scenario, inputs, seed);
      const parts = [
        v.solution && `solution ${v.solution.results.map((r) => r.score).join('/')}`,
        v.weak && `weak path ${v.weak.score}`,
        v.calibration && `calibration ${v.calibration.inBand}/${v.calibration.total} in band`,
      ].filter(Boolean);
      out.push(`  seed ${seed}: ${describeVariant(v.variant)}\n    ${parts.join(', ')}`);
      for (const f of v.failures) fail(`  FAIL seed ${seed}: ${f}`);
    }
  }
  out.push(ok ? `\n${id}: scenario:check passed` : `\n${id}: scenario:check FAILED`);
  return { ok, text: `${out.join('\n')}\n` };
}

function main(argv: string[]): number {
  const { project: p, rest } = projectFromArgs(argv);
  let seeds = 3;
  const si = rest.findIndex((a) => a === '--seeds' || a.startsWith('--seeds='));
  if (si >= 0) {
    const v = rest[si].includes('=') ? rest[si].slice('--seeds='.length) : rest[si + 1];
    rest.splice(si, rest[si].includes('=') ? 1 : 2);
    seeds = /^\d+$/.test(v ?? '') ? Number(v) : -1;
  }
  const watching = rest.includes('--watch');
  const ids = rest.filter((a) => !a.startsWith('--'));
  const all = rest.includes('--all');
  if ((ids.length === 0 && !all) || seeds < 0 || rest.some((a) => a.startsWith('--') && a !== '--watch' && a !== '--all')) {
    process.stderr.write('usage: npm run scenario:check -- <id>... [--watch] [--seeds N] [--dir DIR]\n       npm run scenario:check -- --all [--seeds N] [--dir DIR]\n  --seeds N: also replay under variant seeds 1-N (default 3; 0 skips variants)\n');
    return 2;
  }
  const targets = all ? p.scenarioIds() : ids;
  const run = () => {
    let ok = true;
    for (const id of targets) {
      const r = checkOne(p, id, seeds);
      process.stdout.write(r.text);
      ok &&= r.ok;
    }
    return ok;
  };
  const ok = run();
  if (!watching) return ok ? 0 : 1;
  // --watch: re-check when a file of these scenarios changes (scenario, scripts, content, calibration).
  let timer: NodeJS.Timeout | undefined;
  const again = () => { clearTimeout(timer); timer = setTimeout(() => { process.stdout.write(`\n--- ${new Date().toISOString().slice(11, 19)} ---\n`); run(); }, 150); };
  for (const dir of ['scenarios', 'content', 'tests/calibration']) {
    if (p.exists(dir)) watch(p.abs(dir), { recursive: true }, (_e, name) => { if (name && targets.some((id) => String(name).includes(id))) again(); });
  }
  process.stdout.write('watching for changes (Ctrl-C to stop)\n');
  return -1;
}

const code = main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
