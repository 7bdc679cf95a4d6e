/**
 * Variants (scenario/variants.ts): every scenario under scenarios/ — whoever wrote it, with no
 * work of theirs — replays its reference solution, weak path and calibration set under seeds 1-3
 * as scenario:check does, and the names a learner sees really differ between seeds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { checkCalibrationFile } from '../../src/core/scenario/check/calibration.ts';
import { checkVariant } from '../../src/core/scenario/check/variants.ts';
import { CHECK_SEEDS, planVariant, variantOf } from '../../src/core/scenario/variants.ts';
import { Session } from '../../src/core/session/session.ts';
import { playLine } from '../../src/core/session/script.ts';
import type { Scenario } from '../../src/core/scenario/types.ts';

const root = join(import.meta.dirname, '..', '..');
const read = (rel: string) => (existsSync(join(root, rel)) ? readFileSync(join(root, rel), 'utf8') : undefined);
const ids = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
const load = (id: string): Scenario => {
  const r = parseScenario(`scenarios/${id}.yaml`, read(`scenarios/${id}.yaml`)!);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
};
/** What a learner sees first: every pod with its node and IP, and the nodes. */
const firstLook = (s: Scenario) => {
  const session = Session.start(s);
  return ['kubectl get pods -A -o wide', 'kubectl get nodes -o wide'].map((l) => {
    const e = playLine(session, l, session.now + 1000);
    return e?.kind === 'command' ? e.output : '';
  }).join('');
};

describe.each(ids)('scenario %s under variant seeds 1-3', (id) => {
  it('replays the solution (at least 85 a round and the same scores as written, every line runs), the weak path (under 40) and the calibration set (in band) under each seed', { timeout: 240_000 }, () => {
    const scenario = load(id);
    const calText = read(`tests/calibration/${id}.yaml`);
    const calibration = calText === undefined ? undefined : checkCalibrationFile(`tests/calibration/${id}.yaml`, calText, scenario).set;
    const solution = read(`scenarios/${id}.solution.txt`);
    // The roles, not the names, earn the credit: the solution (its answers naming the renamed nodes)
    // scores under every seed exactly what it scores as written, round by round.
    const asWritten = checkVariant(scenario, { solution }, 0).solution?.results.map((r) => [r.round, r.score]);
    for (const seed of CHECK_SEEDS) {
      const run = checkVariant(scenario, { solution, weak: read(`scenarios/${id}.weak.txt`), calibration }, seed);
      expect(run.failures, `seed ${seed}`).toEqual([]);
      expect(run.solution?.finished).toBe(true);
      expect(run.solution?.results.map((r) => [r.round, r.score]), `seed ${seed}: the solution's round scores`).toEqual(asWritten);
    }
  });

  it('shows a learner other pod names and node IPs under each seed, the same ones again for the same seed', () => {
    const scenario = load(id);
    const looks = [0, ...CHECK_SEEDS].map((seed) => firstLook(variantOf(scenario, seed).scenario));
    expect(new Set(looks).size).toBe(looks.length);
    expect(firstLook(variantOf(scenario, 2).scenario)).toBe(looks[2]);
    for (const seed of CHECK_SEEDS) expect(planVariant(scenario, seed).renames.filter(([a]) => /^\d+\.\d+\.\d+\.\d+$/.test(a)).length, `seed ${seed}: node IPs renamed`).toBe(scenario.cluster.nodes.length);
  });
});

describe('the variant rewrite', () => {
  const scenario = load('sigill-node');
  const v = planVariant(scenario, 1);
  const to = (name: string) => v.renames.find(([a]) => a === name)![1];

  it('renames whole names only, in one pass, and leaves seed 0 as written', () => {
    expect(planVariant(scenario, 0).rename('ssh ip-10-42-3-208')).toBe('ssh ip-10-42-3-208');
    expect(to('ip-10-42-3-208')).toMatch(/^ip-10-42-3-\d+$/);
    expect(to('10.42.3.208')).toBe(to('ip-10-42-3-208').slice(3).replaceAll('-', '.'));
    expect(v.rename('ssh ip-10-42-3-208 && ping 10.42.3.208. curl 10.42.3.2080 ip-10-42-3-2080 x10.42.3.208')).toBe(`ssh ${to('ip-10-42-3-208')} && ping ${to('10.42.3.208')}. curl 10.42.3.2080 ip-10-42-3-2080 x10.42.3.208`);
    expect(v.rename('output: "10\\.42\\.3\\.208"')).toBe(`output: "${to('10.42.3.208').replaceAll('.', '\\.')}"`);
  });

  it('rewrites the rubric, the faulty nodes and the senior path with the same names', () => {
    const s = variantOf(scenario, 1).scenario;
    expect(s.faultyNodes).toEqual([to('ip-10-42-3-208')]);
    expect(JSON.stringify(s)).not.toContain('ip-10-42-3-208');
    expect(s.seniorPath.some((p) => p.command.includes(to('ip-10-42-3-208')))).toBe(true);
    expect(s.variant).toBe(1);
  });

  it('takes an author\'s own names and turns node renaming off when asked', () => {
    const s = { ...scenario, variants: { nodes: false, ages: false, names: { production: ['production', 'payments-prod', 'ledger-prod'] } } };
    const picked = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => planVariant(s, seed));
    for (const p of picked) expect(p.renames.every(([a]) => a === 'production')).toBe(true);
    expect(new Set(picked.map((p) => p.rename('-n production'))).size).toBeGreaterThan(1);
    const renamed = picked.find((p) => p.renames.length)!;
    const [, ns] = renamed.renames[0];
    const out = Session.start(variantOf(s, renamed.seed).scenario).run(`kubectl get pods -n ${ns}`).output;
    expect(out, ns).toMatch(/^NAME\s+READY\s+STATUS/);
    expect(out).toContain('ledger-api-');
  });
});
