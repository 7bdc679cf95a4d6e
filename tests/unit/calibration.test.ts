/**
 * The grader measured like a model (issue: calibrated scores). For every scenario with a calibration
 * set: each answer level lands in its band, the ranking holds in every round, rewording an answer
 * (typos, other sentence order, bullets, lower case) moves it by at most 10 points, and an answer
 * stuffed with every keyword of the field does not score strong.
 */
import { describe, expect, it } from 'vitest';
import { BANDS, calibrate, formatCalibration, walkRounds } from '../../src/core/grader/calibrate.ts';
import { patternVocabulary } from '../../src/core/grader/answer.ts';
import { loadCalibration, loadScenario, scenarioIds } from '../calibration/load.ts';

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

describe.each(ids)('calibration of %s', (id) => {
  const scenario = loadScenario(id);
  const set = loadCalibration(id)!;

  it('puts every answer in its band and keeps the ranking in every round', () => {
    const report = calibrate(scenario, set);
    console.log(formatCalibration(report));
    for (const i of report.items) {
      expect(i.score, `${i.round} ${i.level}[${i.index}] should be within ${BANDS[i.level].join('-')}: "${i.text.slice(0, 80)}…"`).toBeGreaterThanOrEqual(BANDS[i.level][0]);
      expect(i.score, `${i.round} ${i.level}[${i.index}] should be within ${BANDS[i.level].join('-')}: "${i.text.slice(0, 80)}…"`).toBeLessThanOrEqual(BANDS[i.level][1]);
    }
    for (const r of report.ranking) expect(r.holds, `${r.round}: ${r.why}`).toBe(true);
    for (const p of report.paths) expect(p.ideal, `${p.round}: strong answer after the ideal path`).toBeGreaterThanOrEqual(85);
    expect(report.agreement).toBe(1);
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
    const everyTerm = [...patternVocabulary(scenarioIds().flatMap((other) => loadScenario(other).rounds.flatMap((r) => r.rubric.concepts.flatMap((c) => c.patterns))))];
    const stuffed = `${everyTerm.join(', ')}, exit code 137 132 139, --previous, kubectl describe, logs -p`;
    walkRounds(scenario, set, 'ideal', (r, session) => {
      const result = session.preview(stuffed)!;
      expect(result.score, `${r.id}: ${result.verdicts.map((v) => v.text).join(' | ')}`).toBeLessThan(BANDS.strong[0]);
    });
  });
});
