/**
 * The scenario check against a mutation set (issue 18): small edits of every scenario file that an
 * author could make by mistake (misspelt fields, wrong types, unknown ids, kinds, tools and flags,
 * duplicates, unlisted images, missing Secrets and prose, bad quantities, ports, probe periods,
 * replica counts, faults matching nothing, broken indentation). Every one must be reported at the
 * line of the edit with its field named; the few harmless edits must still load and play.
 * A quarter of the ~1,100 edits run here (every fourth, about 280); MUTATIONS=all runs them all.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario, formatProblem } from '../../src/core/scenario/check/index.ts';
import { mutationsOf } from '../../src/core/scenario/check/mutations.ts';
import { Session } from '../../src/core/session/session.ts';
import { playLine } from '../../src/core/session/script.ts';
import { scenarioIds } from '../calibration/load.ts';

const root = join(import.meta.dirname, '..', '..');
const contentExists = (p: string) => existsSync(join(root, 'content', p));
const every = process.env.MUTATIONS === 'all' ? 1 : 4;

describe.each(scenarioIds())('mutations of scenarios/%s.yaml', (id) => {
  const file = `scenarios/${id}.yaml`;
  const all = mutationsOf(readFileSync(join(root, file), 'utf8'));
  const picked = all.filter((m, i) => m.line === undefined || i % every === 0);

  it(`rejects every mistake at its line with the field named (${picked.filter((m) => m.line).length} of ${all.length} edits)`, { timeout: 120_000 }, () => {
    const missed: string[] = [];
    for (const m of picked.filter((x) => x.line !== undefined)) {
      const problems = checkScenario(file, m.text, { contentExists }).problems;
      const hit = problems.find((p) => p.line === m.line && p.file === file && p.field !== '' && /— /.test(p.message));
      if (!hit) missed.push(`${m.name} (line ${m.line}): ${problems.length ? problems.slice(0, 2).map(formatProblem).join(' | ') : 'accepted'}`);
    }
    expect(missed).toEqual([]);
  });

  it('loads and plays the harmless edits', { timeout: 180_000 }, () => {
    const harmless = all.filter((m) => m.line === undefined);
    expect(harmless.length).toBeGreaterThanOrEqual(4);
    for (const m of harmless) {
      const r = checkScenario(file, m.text, { contentExists });
      expect(r.problems.map(formatProblem), m.name).toEqual([]);
      const t0 = performance.now();
      const session = Session.start(r.scenario!);
      const e = playLine(session, 'kubectl get pods -A', session.now + 1000);
      expect(e?.kind === 'command' ? e.output : '', m.name).toMatch(/^NAMESPACE\s+NAME\s+READY/);
      expect(performance.now() - t0, m.name).toBeLessThan(15_000);
    }
  });
});
