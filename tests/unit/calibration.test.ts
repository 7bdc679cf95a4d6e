/**
 * The grader measured like a model (issue: calibrated scores). For every scenario with a calibration
 * set: each answer level lands in its band, the ranking holds in every round, rewording an answer
 * (typos, other sentence order, bullets, lower case) moves it by at most 10 points, and an answer
 * stuffed with every keyword of the field does not score strong.
 */
import { describe, expect, it } from 'vitest';
import { BANDS, calibrate, formatCalibration, walkRounds } from '../../src/core/grader/calibrate.ts';
import { loadCalibration, loadOutside, loadScenario, scenarioIds } from '../calibration/load.ts';

const sentences = (text: string) => text.match(/[^.!?]+[.!?]+|[^.!?]+$/g)!.map((s) => s.trim()).filter(Boolean);

/** Deterministic slips: in every fifth long word, two inner letters swapped. */
function withTypos(text: string): string {
  let n = 0;
  return text.replace(/[A-Za-z]{7,}/g, (w) => (++n % 5 === 0 ? w.slice(0, 2) + w[3] + w[2] + w.slice(4) : w));
}

export const VARIANTS: Record<string, (text: string) => string> = {
  typos: withTypos,
  'sentences reversed': (t) => sentences(t).reverse().join(' '),
  'bullet list': (t) => sentences(t).map((s) => `- ${s}`).join('\n'),
  'lower case': (t) => t.toLowerCase(),
};

const ids = scenarioIds().filter((id) => loadCalibration(id));

/**
 * Outside answers out of their band that a senior interviewer would agree with the grader on, each with the
 * reason. Keep this list short and argued; a new entry needs the answer's verdict lines in the reason.
 */
const KNOWN_MISSES: { scenario: string; round: string; level: string; index: number; why: string }[] = [
  {
    scenario: 'oomkilled', round: 'curveball', level: 'adequate', index: 0,
    // Labelled adequate by its outside author, who could not see the round's evidence: after the ideal
    // path the candidate has seen a node-wide OOM (CONSTRAINT_NONE) and kubelet's eviction, yet answers
    // that the pod went over its own limit and proposes the round's weak answer (raise the limit). It
    // earns the sampling idea and nothing else (about 25): an interviewer would not call it adequate.
    why: 'contradicts the evidence seen; only the sampling idea stands',
  },
  // rbac-forbidden's probe, written without the round's evidence: its author guessed that production has no
  // binding for ci/deployer, where the ideal path has shown a RoleBinding whose subject is ci-cd/deployer. The
  // answers explain scoping, additivity and the role's rules well but say nothing of the mismatch they would
  // have seen (20) or the clean-up that made it (10): an interviewer would stop at about 70, not call them strong.
  ...(['jargon', 'plain', 'nonnative', 'terse', 'adequate'] as const).map((level) => ({
    scenario: 'rbac-forbidden', round: 'probe', level, index: 0,
    why: 'says production has no binding where the evidence shows one naming ci-cd/deployer',
  })),
  {
    scenario: 'rbac-forbidden', round: 'synthesis', level: 'adequate', index: 0,
    // Labelled adequate blind: it names a missing binding as the cause (the evidence shows a wrong subject),
    // and its prevention is "keep RBAC in Git and review": one idea of six. About 30 is what it earns.
    why: 'states a cause the evidence contradicts; one prevention idea',
  },
];
const knownMiss = (scenario: string, i: { round: string; level: string; index: number; source: string }) => i.source === 'outside' && KNOWN_MISSES.some((k) => k.scenario === scenario && k.round === i.round && k.level === i.level && k.index === i.index);

describe.each(ids)('calibration of %s', (id) => {
  const scenario = loadScenario(id);
  const set = loadCalibration(id)!;

  it('puts every answer in its band (own set and outside answers), keeps the ranking in every round and the strong answer strong on every path', () => {
    const report = calibrate(scenario, set, loadOutside(id));
    const table = formatCalibration(report);
    const out = report.items.filter((i) => !i.inBand && !knownMiss(id, i)).map((i) => `${i.round} ${i.level}[${i.index}] ${i.score}, band ${BANDS[i.level].join('-')}: "${i.text.slice(0, 80)}…"\n  ${i.verdicts.join('\n  ')}`);
    expect(out, table).toEqual([]);
    // A listed miss that now lands in its band comes off the list.
    for (const k of KNOWN_MISSES.filter((x) => x.scenario === id)) expect(report.items.find((i) => knownMiss(id, i) && i.round === k.round)?.inBand, `${k.round} ${k.level}[${k.index}] is in band now: take it off KNOWN_MISSES`).toBe(false);
    for (const r of report.ranking) expect(r.holds, `${r.round}: ${r.why}\n${table}`).toBe(true);
    for (const p of report.paths) expect(p.ideal, `${p.round}: strong answer after the ideal path`).toBeGreaterThanOrEqual(85);
    for (const p of report.paths) expect(p.ideal >= p.adequate && p.adequate >= p.destructive, `${p.round}: paths ideal ≥ adequate ≥ destructive`).toBe(true);
  });

  it('scores reworded answers within 10 points of the clean ones', () => {
    const drift: string[] = [];
    walkRounds(scenario, set, 'ideal', (r, session) => {
      for (const text of [r.strong, r.adequateAnswer]) {
        const clean = session.preview(text)!.score;
        for (const [name, vary] of Object.entries(VARIANTS)) {
          const score = session.preview(vary(text))!.score;
          if (Math.abs(score - clean) > 10) drift.push(`${r.id} (${name}): ${score} vs ${clean} for "${vary(text).slice(0, 60)}…"`);
        }
      }
    });
    expect(drift).toEqual([]);
  });

  it('does not score a keyword-stuffed answer as strong', () => {
    // Every word any rubric's examples are written in, as a list.
    const everyTerm = [...new Set(scenarioIds().flatMap((other) => loadScenario(other).rounds.flatMap((r) => r.rubric.concepts.flatMap((c) => c.examples.flatMap((e) => e.toLowerCase().match(/[a-z][a-z0-9-]{3,}/g) ?? [])))))];
    const stuffed = `${everyTerm.join(', ')}, exit code 137 132 139, --previous, kubectl describe, logs -p`;
    walkRounds(scenario, set, 'ideal', (r, session) => {
      const result = session.preview(stuffed)!;
      expect(result.score, `${r.id}: ${result.verdicts.map((v) => v.text).join(' | ')}`).toBeLessThan(BANDS.strong[0]);
    });
  });
});
