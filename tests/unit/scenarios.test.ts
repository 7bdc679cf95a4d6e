import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { checkScenario, formatProblem } from '../../src/core/scenario/check/index.ts';
import { Session } from '../../src/core/session/session.ts';
import { playScript } from '../../src/core/session/script.ts';
import { keyOrderChecks } from '../../src/core/sim/peek.ts';

// Every replay checks that the pods' kept key order (sim/peek.ts storedValues) matches the table.
keyOrderChecks.on = true;

const root = join(import.meta.dirname, '..', '..');
const files = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml'));
const load = (file: string) => {
  const r = parseScenario(`scenarios/${file}`, readFileSync(join(root, 'scenarios', file), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
};

describe.each(files)('scenario file %s', (file) => {
  const id = file.replace(/\.yaml$/, '');

  it('passes the scenario check with no problem and no warning, its prose present under content/', () => {
    const r = checkScenario(`scenarios/${file}`, readFileSync(join(root, 'scenarios', file), 'utf8'), { contentExists: (p) => existsSync(join(root, 'content', p)) });
    expect(r.problems.map(formatProblem)).toEqual([]);
    expect(r.scenario?.meta.id).toBe(id);
  });

  // Prompts may hand over a node as a given (pdb-deadlock's drain names the node being drained); a hint never gives away the one to find.
  it('never names a faulty node in the first two rounds\' hints: finding it is the work', () => {
    const s = load(file);
    const early = s.rounds.slice(0, 2).flatMap((r) => r.rubric.hints.map((h) => h.text));
    for (const node of s.faultyNodes ?? []) expect(early.filter((t) => t.includes(node)), node).toEqual([]);
  });

  it('has a calibration set (tests/calibration/<id>.yaml)', () => {
    expect(existsSync(join(root, 'tests', 'calibration', `${id}.yaml`))).toBe(true);
  });

  it('replays its reference solution to a score of at least 85 in every round', () => {
    const session = Session.start(load(file));
    playScript(session, readFileSync(join(root, 'scenarios', `${id}.solution.txt`), 'utf8'));
    expect(session.finished).toBe(true);
    const report = session.report();
    for (const r of report.rounds) expect(r.score, `${r.round}: ${r.verdicts.filter((v) => v.kind !== 'earned').map((v) => v.text).join(' | ')}`).toBeGreaterThanOrEqual(85);
    expect(report.score).toBeGreaterThanOrEqual(85);
  });

  it('scores the weak path under 40', () => {
    const session = Session.start(load(file));
    playScript(session, readFileSync(join(root, 'scenarios', `${id}.weak.txt`), 'utf8'));
    expect(session.report().score).toBeLessThan(40);
  });

  it('is deterministic: replaying the input log gives the same transcript and grades', () => {
    const scenario = load(file);
    const a = Session.start(scenario);
    playScript(a, readFileSync(join(root, 'scenarios', `${id}.solution.txt`), 'utf8'));
    const b = Session.replay(scenario, a.inputs);
    expect(b.transcript).toEqual(a.transcript);
    expect(b.report()).toEqual(a.report());
  });
});
