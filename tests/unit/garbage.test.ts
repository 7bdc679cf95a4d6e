/**
 * The garbage sweep (see garbage.ts): every scenario, every place, thousands of hostile lines;
 * none may print `internal error` or a JavaScript value, throw, or leave the session unusable.
 */
import { describe, expect, it } from 'vitest';
import { files, sweepScenario } from './garbage.ts';

describe.each(files)('garbage sweep of %s', (file) => {
  it('answers every hostile line with the tool\'s own error text, and stays usable', () => {
    const sw = sweepScenario(file);
    expect(sw.lines).toBeGreaterThan(3000);
    expect(sw.findings.map((f) => `[${f.place}] ${f.line}\n  → ${f.problem}\n  ${f.output.slice(0, 400).replace(/\n/g, '\n  ')}`)).toEqual([]);
  }, 120_000);
});
