/**
 * `npm run bench`: performance figures for the sigill-node scenario, printed as a table beside
 * their aims and written to tests/bench/last-result.json. Exits 0 even when an aim is missed;
 * non-zero only when the bench itself crashes. The preview server and browser are always stopped.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchFirstPrompt, buildApp, startPreview, type PromptFigures } from './browser.ts';
import { benchCore } from './core.ts';
import { benchLive, type LiveFigures } from './live.ts';
import { gzipOf, measureSize, type SizeFigures } from './size.ts';
import { round } from './stats.ts';

const SCENARIO = 'sigill-node';
const PORT = 4174;
const AIMS = { p99Ms: 5, firstPromptMs: 1000, initialJsGzipKB: 250, liveFanoutP99Ms: 100 };

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

type Row = [figure: string, measured: string, aim: string, verdict: string];
const verdict = (value: number, aim: number) => (value < aim ? 'ok' : 'MISSED');
const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function table(rows: Row[]): string {
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('   ').trimEnd()).join('\n');
}

async function main(): Promise<void> {
  const load = loadavg()[0];
  const cores = cpus().length;
  console.log(`bench: ${SCENARIO} on Node ${process.version}, ${cores} CPUs, load average ${load.toFixed(1)}`);
  if (load > cores) console.log(`note: the machine is busy (load ${load.toFixed(1)} > ${cores} CPUs); timings run high`);

  console.log('core: parsing, building and running the command mix…');
  const core = benchCore(join(root, 'scenarios', `${SCENARIO}.yaml`));

  console.log('live: the server with 1 and 200 sessions, fan-out latency and memory; replay of 500 commands…');
  let live: LiveFigures | { reason: string };
  try {
    live = await benchLive();
  } catch (e) {
    live = { reason: (e as Error).message.split('\n')[0] };
  }

  let size: SizeFigures | { reason: string };
  let prompt: PromptFigures;
  let promptJsGzipBytes: number | undefined;
  const outDir = mkdtempSync(join(tmpdir(), 'gauntlet-bench-'));
  try {
    console.log('app: vite build…');
    let built = true;
    try {
      await buildApp(root, outDir);
    } catch (e) {
      built = false;
      const reason = `build failed: ${(e as Error).message.split('\n').slice(1).find((l) => l.trim()) ?? 'see vite build'}`;
      size = { reason };
      prompt = { ok: false, reason };
    }
    if (built) {
      size = measureSize(outDir);
      console.log(`app: vite preview on :${PORT}, Chromium first visits…`);
      try {
        const preview = await startPreview(root, outDir, PORT);
        try {
          prompt = await benchFirstPrompt(`${preview.url}/?scenario=${SCENARIO}`);
          if (prompt.ok) promptJsGzipBytes = gzipOf(outDir, prompt.jsBeforePrompt);
        } finally {
          await preview.stop();
        }
      } catch (e) {
        prompt = { ok: false, reason: (e as Error).message.split('\n')[0] };
      }
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  size = size!;
  prompt = prompt!;

  const rows: Row[] = [
    ['figure', 'measured', 'aim', ''],
    [`command median (${core.commands} cmds × ${core.passes} passes)`, ms(core.medianMs), '', ''],
    ['command p99', ms(core.p99Ms), `< ${AIMS.p99Ms} ms`, verdict(core.p99Ms, AIMS.p99Ms)],
    ['command max', ms(core.maxMs), '', ''],
    ['  of which: 2 s clock advance (median)', ms(core.tickMedianMs), '', ''],
    ['  of which: the line itself (median)', ms(core.lineOnlyMedianMs), '', ''],
    ['scenario parse (median)', ms(core.parseMs), '', ''],
    ['scenario build, first Session.start', ms(core.buildFirstMs), '', ''],
    [`scenario build, median of ${core.builds}`, ms(core.buildMedianMs), '', ''],
    prompt.ok
      ? [`first prompt (median of ${prompt.runs}, in-page)`, ms(prompt.medianMs), `< ${AIMS.firstPromptMs / 1000} s`, verdict(prompt.medianMs, AIMS.firstPromptMs)]
      : ['first prompt', `n/a (${prompt.reason})`, `< ${AIMS.firstPromptMs / 1000} s`, ''],
    'reason' in size
      ? ['initial JS, gzipped', `n/a (${size.reason})`, `< ${AIMS.initialJsGzipKB} KB`, '']
      : [`initial JS, gzipped (${size.initialFiles.length} files)`, kb(size.initialGzipBytes), `< ${AIMS.initialJsGzipKB} KB`, verdict(size.initialGzipBytes / 1024, AIMS.initialJsGzipKB)],
    ...(prompt.ok && promptJsGzipBytes !== undefined ? [[`JS fetched before the prompt (${prompt.jsBeforePrompt.length} files)`, kb(promptJsGzipBytes), '', ''] as Row] : []),
    ...('reason' in size ? [] : [[`all JS, gzipped (${size.allFiles} files)`, kb(size.allGzipBytes), '', ''] as Row]),
    ...liveRows(live),
  ];
  console.log('');
  console.log(table(rows));
  console.log('\nslowest commands (median):');
  for (const s of core.slowest) console.log(`  ${ms(s.medianMs).padStart(8)}  ${s.line}`);
  if (core.suspicious.length) console.log(`\nlines the simulator did not answer: ${core.suspicious.join(' | ')}`);
  if (prompt.ok) console.log(`\nfirst prompt: performance.now() in the page (0 = navigation start), fresh context per visit; samples ${prompt.samplesMs.map((v) => v.toFixed(0)).join(', ')} ms; wall clock around page.goto, median ${prompt.wallMedianMs.toFixed(0)} ms`);

  const result = {
    scenario: SCENARIO,
    node: process.version,
    cpus: cores,
    loadAverage1m: round(load, 2),
    aims: AIMS,
    core: {
      ...core,
      medianMs: round(core.medianMs),
      p99Ms: round(core.p99Ms),
      maxMs: round(core.maxMs),
      tickMedianMs: round(core.tickMedianMs),
      lineOnlyMedianMs: round(core.lineOnlyMedianMs),
      parseMs: round(core.parseMs),
      buildFirstMs: round(core.buildFirstMs),
      buildMedianMs: round(core.buildMedianMs),
      slowest: core.slowest.map((s) => ({ line: s.line, medianMs: round(s.medianMs) })),
    },
    firstPrompt: prompt.ok ? { ...prompt, method: 'performance.now() in page at first DOM mutation showing the prompt; 0 = navigation start', medianMs: round(prompt.medianMs, 1), wallMedianMs: round(prompt.wallMedianMs, 1), samplesMs: prompt.samplesMs.map((v) => round(v, 1)) } : prompt,
    size: 'reason' in size ? size : { ...size, jsBeforePromptGzipBytes: promptJsGzipBytes },
    live: 'reason' in live ? live : {
      method: 'candidate inputs frame sent → interviewer client received and replayed it (Session.append); server in its own process, embedded database, loopback',
      fanout: live.fanout.map((f) => ({ ...f, medianMs: round(f.medianMs, 2), p99Ms: round(f.p99Ms, 2) })),
      memoryPerSessionKB: round(live.memoryPerSessionKB, 0),
      replay500: { ...live.replay500, replayMs: round(live.replay500.replayMs, 1), castMs: round(live.replay500.castMs, 1), castKB: round(live.replay500.castKB, 1) },
    },
    missed: [
      core.p99Ms >= AIMS.p99Ms && 'p99',
      prompt.ok && prompt.medianMs >= AIMS.firstPromptMs && 'firstPrompt',
      !('reason' in size) && size.initialGzipBytes / 1024 >= AIMS.initialJsGzipKB && 'initialJs',
      !('reason' in live) && (live.fanout.at(-1)?.p99Ms ?? 0) >= AIMS.liveFanoutP99Ms && 'liveFanout',
    ].filter(Boolean),
  };
  writeFileSync(join(here, 'last-result.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log('\nwrote tests/bench/last-result.json');
}

function liveRows(live: LiveFigures | { reason: string }): Row[] {
  if ('reason' in live) return [['live sessions', `n/a (${live.reason})`, '', '']];
  return [
    ...live.fanout.map((f): Row => [`live fan-out, ${f.sessions} session${f.sessions === 1 ? '' : 's'} (median / p99 of ${f.samples})`, `${ms(f.medianMs)} / ${ms(f.p99Ms)}`, f.sessions > 1 ? `p99 < ${AIMS.liveFanoutP99Ms} ms` : '', f.sessions > 1 ? verdict(f.p99Ms, AIMS.liveFanoutP99Ms) : '']),
    ['live server memory per session (RSS growth / 200)', `${live.memoryPerSessionKB.toFixed(0)} KB`, '', ''],
    [`replay of ${live.replay500.commands} commands: Session.replay`, ms(live.replay500.replayMs), '', ''],
    [`replay of ${live.replay500.commands} commands: asciicast (seek to end)`, `${ms(live.replay500.castMs)} (${live.replay500.castKB.toFixed(0)} KB)`, '', ''],
  ];
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('bench crashed:', e);
    process.exit(1);
  },
);
