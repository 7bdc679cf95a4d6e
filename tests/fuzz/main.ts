/**
 * `npm run fuzz`: the long fuzz run (FUZZ_LINES lines per place, default 2000; FUZZ_SEED) over
 * every scenario. Prints the slowest lines and every finding; exits 1 on a finding or a line over
 * FUZZ_LIMIT_MS (default 1000) of CPU time (long clock moves get more: fuzz.ts cpuLimitMs). `--transcripts` prints one `scenario hash` per line
 * (the locale replay compares these between two LANG settings).
 */
import { files } from '../unit/garbage.ts';
import { cpuLimitMs, fuzzScenario } from './fuzz.ts';

const perPlace = Number(process.env.FUZZ_LINES ?? 2000);
const seed = Number(process.env.FUZZ_SEED ?? 18);
const limit = Number(process.env.FUZZ_LIMIT_MS ?? 1000);
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const transcripts = process.argv.includes('--transcripts');
let bad = 0;
for (const file of files.filter((f) => only.length === 0 || only.includes(f))) {
  const r = fuzzScenario(file, perPlace, seed);
  if (transcripts) { console.log(`${file} ${r.transcript}`); continue; }
  console.log(`${file}: ${r.lines} lines, transcript ${r.transcript.slice(0, 12)}`);
  for (const t of r.slowest.slice(0, 3)) console.log(`  ${t.cpuMs.toFixed(0).padStart(5)} ms cpu ${t.wallMs.toFixed(0).padStart(5)} ms wall  [${t.place}] ${t.line.slice(0, 110)}`);
  for (const f of r.findings) console.log(`  FINDING [${f.place}] ${f.line.slice(0, 110)}\n    → ${f.problem}\n    ${f.output.slice(0, 300).replace(/\n/g, '\n    ')}`);
  bad += r.findings.length + r.slowest.filter((t) => t.cpuMs > cpuLimitMs(t.line, limit)).length;
}
process.exitCode = bad ? 1 : 0;
