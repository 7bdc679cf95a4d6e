/**
 * The fuzz test (issue 18), bounded for the suite; `npm run fuzz` runs the long version. Every
 * scenario gets grammar-generated lines in every place (tests/fuzz/grammar.ts) and the issue's
 * reproducers; no line may print `internal error` or a JavaScript value, leave the shell, or use
 * more than a second of CPU time (CPU, not wall: the suite shares its machine, and a loaded
 * machine stretches wall time without the page being any slower); the session answers afterwards;
 * and the transcript is the same under an Estonian and an American locale.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuLimitMs, fuzzScenario } from '../fuzz/fuzz.ts';
import { files } from './garbage.ts';

const PER_PLACE = Number(process.env.FUZZ_SUITE_LINES ?? 25);
const SEED = 18;
const root = join(import.meta.dirname, '..', '..');

describe.each(files)('fuzz of %s', (file) => {
  it('answers every generated line and reproducer with the tool’s own text, within a second of CPU (longer clock moves: cpuLimitMs), and stays usable', () => {
    const r = fuzzScenario(file, PER_PLACE, SEED);
    expect(r.lines).toBeGreaterThan(PER_PLACE * 4);
    expect(r.findings.map((f) => `[${f.place}] ${f.line.slice(0, 200)}\n  → ${f.problem}\n  ${f.output.slice(0, 300)}`)).toEqual([]);
    for (const t of r.slowest.slice(0, 3)) console.log(`${file}: ${t.cpuMs.toFixed(0)} ms cpu, ${t.wallMs.toFixed(0)} ms wall [${t.place}] ${t.line.slice(0, 100)}`);
    const slow = r.slowest.filter((t) => t.cpuMs > cpuLimitMs(t.line)).map((t) => `${t.cpuMs.toFixed(0)} ms cpu [${t.place}] ${t.line.slice(0, 160)}`);
    expect(slow).toEqual([]);
  }, 900_000);
});

/** The locale a child Node process gets under `lang`, as ICU resolved it. */
const localeUnder = (lang: string) => execFileSync(process.execPath, ['-e', 'process.stdout.write(new Intl.Collator().resolvedOptions().locale)'], { env: { ...process.env, LANG: lang, LC_ALL: lang } }).toString();

describe('replay under two locales', () => {
  const et = localeUnder('et_EE.UTF-8');
  it.skipIf(!et.startsWith('et'))(`gives the same transcript under LANG=et_EE.UTF-8 and en_US.UTF-8 (skipped when ICU has no Estonian: got ${et})`, () => {
    const run = (lang: string) => execFileSync(process.execPath, ['--import', 'tsx', join(root, 'tests/fuzz/main.ts'), '--transcripts', 'pdb-deadlock.yaml', 'oomkilled.yaml'], {
      env: { ...process.env, LANG: lang, LC_ALL: lang, FUZZ_LINES: '10' }, cwd: root, maxBuffer: 1 << 24,
    }).toString();
    const estonian = run('et_EE.UTF-8');
    expect(estonian.split('\n').filter(Boolean)).toHaveLength(2);
    expect(run('en_US.UTF-8')).toBe(estonian);
  }, 900_000);
});
