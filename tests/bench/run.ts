/**
 * `npm run bench`: performance figures for the sigill-node scenario, printed as tables beside
 * their aims and written to tests/bench/last-result.json. Exits 0 even when an aim is missed;
 * non-zero only when the bench itself crashes. The preview server and browser are always stopped.
 *
 * Sections, selectable by name (`npm run bench -- scale session`; none named runs all):
 * `core` (command latency on the scenario as written), `plays` (every scenario's solution with 10–60 s
 * pauses and a follow), `app` or `browser` (build, size, every scenario's first prompt in
 * Chromium, and the JS requested before it), `scale` (the scenario grown to 1k and 10k pods), `session` (a long session: latency
 * as the input log grows, replay, a 30-minute follow), `idle` (every scenario's 72-hour idle: one tick, CPU and wall).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchFirstPrompt, buildApp, startPreview, type PromptFigures } from './browser.ts';
import { benchCore } from './core.ts';
import { benchGrading } from './grade.ts';
import { benchLive, type LiveFigures } from './live.ts';
import { gzipOf, measureSize, type SizeFigures } from './size.ts';
import { round } from './stats.ts';
import { benchScale, formatFigure, SCALE_AIMS, type ScaleFigures } from './scale.ts';
import { benchLongSession, type LongSessionFigures } from './longSession.ts';
import { benchIdle, type IdleFigure } from './idle.ts';
import { benchReload, type ReloadFigures } from './reload.ts';
import { benchScenarioPlays } from './pauses.ts';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/core/scenario/parse.ts';
import { loadLanguageModel } from '../../src/core/grader/model.ts';
import { loadJq } from '../../src/core/commands/jq/engine.ts';

// The grader's English model, before anything is graded (src/core/grader/model.ts).
await loadLanguageModel();
await loadJq();

const SECTIONS = ['core', 'plays', 'grade', 'app', 'live', 'scale', 'session', 'idle'] as const;
type Section = (typeof SECTIONS)[number];

const SCENARIO = 'sigill-node';
// BENCH_PORT: a port of one's own when several worktrees bench at once.
const PORT = Number(process.env.BENCH_PORT ?? 4174);
const AIMS = { p99Ms: 5, firstPromptMs: 1000, reloadMs: 1000, reloadTaskMs: 50, jsBeforePromptGzipKB: 250, gradeP99Ms: 20, liveFanoutP99Ms: 100 };

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

type Row = string[];
const verdict = (value: number, aim: number) => (value < aim ? 'ok' : 'MISSED');
const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function table(rows: Row[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('   ').trimEnd()).join('\n');
}

/** The sections named on the command line (all when none); exits 2 on an unknown name. */
function chosenSections(): Set<Section> {
  // `browser` is another name for `app` (the first prompt in Chromium and the JS fetched before it).
  const names = process.argv.slice(2).filter((a) => a !== '--').map((a) => (a === 'browser' ? 'app' : a));
  const bad = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (bad.length) {
    console.error(`bench: unknown section ${bad.join(', ')}; choose from ${SECTIONS.join(', ')}`);
    process.exit(2);
  }
  return new Set((names.length ? names : SECTIONS) as Section[]);
}

async function main(): Promise<void> {
  const sections = chosenSections();
  const load = loadavg()[0];
  const cores = cpus().length;
  console.log(`bench: ${SCENARIO} on Node ${process.version}, ${cores} CPUs, load average ${load.toFixed(1)}; sections ${[...sections].join(', ')}`);
  if (load > cores) console.log(`note: the machine is busy (load ${load.toFixed(1)} > ${cores} CPUs); timings run high`);
  const result: Record<string, unknown> = { scenario: SCENARIO, node: process.version, cpus: cores, loadAverage1m: round(load, 2), aims: AIMS };
  const missed: string[] = [];
  if (sections.has('core')) Object.assign(result, sectionCore(missed));
  if (sections.has('plays')) result.plays = sectionPlays();
  if (sections.has('grade')) result.grade = sectionGrade(missed);
  if (sections.has('app')) Object.assign(result, await sectionApp(missed));
  if (sections.has('live')) result.live = await sectionLive(missed);
  if (sections.has('scale')) result.scale = await sectionScale(missed);
  if (sections.has('session')) result.longSession = sectionSession(missed);
  if (sections.has('idle')) result.idle = sectionIdle(missed);
  result.missed = missed;
  writeFileSync(join(here, 'last-result.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log('\nwrote tests/bench/last-result.json');
}

function sectionCore(missed: string[]) {
  console.log('core: parsing, building and running the command mix…');
  const core = benchCore(join(root, 'scenarios', `${SCENARIO}.yaml`));
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
  ];
  console.log(`\n${table(rows)}`);
  console.log('\nslowest commands (median):');
  for (const s of core.slowest) console.log(`  ${ms(s.medianMs).padStart(8)}  ${s.line}`);
  if (core.suspicious.length) console.log(`\nlines the simulator did not answer: ${core.suspicious.join(' | ')}`);
  if (core.p99Ms >= AIMS.p99Ms) missed.push('p99');
  return {
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
  };
}

/** Every scenario's id (scenarios/*.yaml), in name order. */
function scenarioIds(): string[] {
  return readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
}

/**
 * The app section: a production build, its JS sizes, and the first prompt of a fresh visit to every
 * scenario (SCENARIO with 5 visits, the others with 3). The 250 KB aim of issue 17 is on all the JS
 * a visit fetched before its prompt showed, not only the entry script.
 */
async function sectionApp(missed: string[]) {
  let size: SizeFigures | { reason: string } | undefined;
  const prompts: { id: string; figures: PromptFigures; jsGzipBytes?: number }[] = [];
  let reload: ReloadFigures | undefined;
  let failure: string | undefined;
  const outDir = mkdtempSync(join(tmpdir(), 'gauntlet-bench-'));
  try {
    console.log('app: vite build…');
    try {
      await buildApp(root, outDir);
      size = measureSize(outDir);
    } catch (e) {
      failure = `build failed: ${(e as Error).message.split('\n').slice(1).find((l) => l.trim()) ?? 'see vite build'}`;
      size = { reason: failure };
    }
    if (!failure) {
      console.log(`app: vite preview on :${PORT}, Chromium first visits to every scenario…`);
      try {
        const preview = await startPreview(root, outDir, PORT);
        try {
          for (const id of [SCENARIO, ...scenarioIds().filter((s) => s !== SCENARIO)]) {
            const figures = await benchFirstPrompt(`${preview.url}/?scenario=${id}`, id === SCENARIO ? 5 : 3);
            prompts.push({ id, figures, ...(figures.ok ? { jsGzipBytes: gzipOf(outDir, figures.jsBeforePrompt) } : {}) });
          }
          console.log(`app: reloads of a 3,000-command ${SCENARIO} session…`);
          reload = await benchReload(root, preview.url, SCENARIO);
        } finally {
          await preview.stop();
        }
      } catch (e) {
        failure = (e as Error).message.split('\n')[0];
      }
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const rows: Row[] = [['figure', 'measured', 'aim', '']];
  if (failure && prompts.length === 0) rows.push(['first prompt', `n/a (${failure})`, `< ${AIMS.firstPromptMs / 1000} s`, '']);
  for (const { id, figures, jsGzipBytes } of prompts) {
    if (!figures.ok) {
      rows.push([`first prompt, ${id}`, `n/a (${figures.reason})`, `< ${AIMS.firstPromptMs / 1000} s`, '']);
      continue;
    }
    rows.push([`first prompt, ${id} (median of ${figures.runs}, in-page)`, ms(figures.medianMs), `< ${AIMS.firstPromptMs / 1000} s`, verdict(figures.medianMs, AIMS.firstPromptMs)]);
    rows.push([`  JS fetched before it (${figures.jsBeforePrompt.length} files, gzipped)`, kb(jsGzipBytes!), `< ${AIMS.jsBeforePromptGzipKB} KB`, verdict(jsGzipBytes! / 1024, AIMS.jsBeforePromptGzipKB)]);
    if (figures.medianMs >= AIMS.firstPromptMs) missed.push(`firstPrompt:${id}`);
    if (jsGzipBytes! / 1024 >= AIMS.jsBeforePromptGzipKB) missed.push(`jsBeforePrompt:${id}`);
  }
  if (reload && !reload.ok) rows.push(['reload, 3,000 commands', `n/a (${reload.reason})`, `< ${AIMS.reloadMs / 1000} s`, '']);
  if (reload?.ok) {
    rows.push([`reload, ${reload.commands.toLocaleString('en-US')} commands, from the kept snapshot (median of ${reload.runs})`, ms(reload.shownMedianMs), `< ${AIMS.reloadMs / 1000} s`, verdict(reload.shownMedianMs, AIMS.reloadMs)]);
    rows.push(['  longest main-thread task until shown (max of runs)', reload.longestTaskMs ? ms(reload.longestTaskMs) : 'none of 50 ms or more', `< ${AIMS.reloadTaskMs} ms`, verdict(reload.longestTaskMs, AIMS.reloadTaskMs)]);
    if (reload.shownMedianMs >= AIMS.reloadMs) missed.push('reload');
    if (reload.longestTaskMs >= AIMS.reloadTaskMs) missed.push('reloadLongestTask');
  }
  if (size && !('reason' in size)) {
    rows.push([`entry JS, gzipped (${size.initialFiles.length} files)`, kb(size.initialGzipBytes), '', '']);
    rows.push([`all JS, gzipped (${size.allFiles} files)`, kb(size.allGzipBytes), '', '']);
  }
  console.log(`\n${table(rows)}`);
  const main = prompts.find((p) => p.id === SCENARIO);
  if (main?.figures.ok) console.log(`\nfirst prompt: performance.now() in the page (0 = navigation start), fresh context per visit; ${SCENARIO} samples ${main.figures.samplesMs.map((v) => v.toFixed(0)).join(', ')} ms; wall clock around page.goto, median ${main.figures.wallMedianMs.toFixed(0)} ms`);
  const firstPrompt = Object.fromEntries(prompts.map(({ id, figures, jsGzipBytes }) => [id, figures.ok
    ? { ...figures, method: 'performance.now() in page at first DOM mutation showing the prompt; 0 = navigation start', medianMs: round(figures.medianMs, 1), wallMedianMs: round(figures.wallMedianMs, 1), samplesMs: figures.samplesMs.map((v) => round(v, 1)), jsBeforePromptGzipBytes: jsGzipBytes }
    : figures]));
  if (reload?.ok) console.log(`reload: ms from navigation start until the terminal shows the session's last line ${reload.shownMs.map((v) => v.toFixed(0)).join(', ')}; longest task per reload ${reload.longestTasksMs.map((v) => v.toFixed(0)).join(', ')} ms`);
  return { firstPrompt, reload, size: size ?? { reason: failure } };
}

async function sectionScale(missed: string[]): Promise<ScaleFigures[]> {
  const results = await benchScale(root, console.log);
  for (const r of results) {
    const aims = SCALE_AIMS[r.pods] ?? {};
    const rows: Row[] = [[`${r.pods} pods / ${r.nodes} nodes`, 'measured', 'aim', '']];
    for (const f of r.figures) {
      const aim = aims[f.figure];
      rows.push([f.figure, formatFigure(f), aim ? `< ${ms(aim)}` : '', aim && f.ms !== undefined ? verdict(f.ms, aim) : '']);
      if (aim && f.ms !== undefined && f.ms >= aim) missed.push(`${r.pods}: ${f.figure}`);
    }
    for (const figure of Object.keys(aims)) {
      if (!r.figures.some((f) => f.figure === figure)) {
        rows.push([figure, 'not reached', `< ${ms(aims[figure])}`, 'MISSED']);
        missed.push(`${r.pods}: ${figure}`);
      }
    }
    console.log(`\n${table(rows)}`);
    if (r.stopped) console.log(`(${r.stopped})`);
  }
  return results;
}

/** Aim for a 72-hour clock move (a tab left open), CPU ms (issue 18). */
const IDLE_AIM_MS = 1000;
/** Aim for rebuilding a 3,000-input session (a reload), ms. */
const REPLAY_AIM_MS = 1000;

/**
 * Every scenario's solution with 10–60 s pauses and a follow (pauses.ts). Figures without an aim:
 * the 5 ms p99 of the core section is for lines 2 s apart, and here a line carries up to a minute
 * of the cluster's time (kubelet, controllers, leases) before it runs.
 */
function sectionPlays() {
  console.log('plays: every scenario\'s solution, 10–60 s between lines, a one-minute follow halfway…');
  const plays = benchScenarioPlays();
  const rows: Row[] = [['scenario (commands)', 'median / p99 / max', 'follow ticks: median / p99', 'slowest line']];
  for (const p of plays) {
    rows.push([`${p.scenario} (${p.commands})`, `${ms(p.medianMs)} / ${ms(p.p99Ms)} / ${ms(p.maxMs)}`, p.ticks ? `${p.ticks}: ${ms(p.tickMedianMs)} / ${ms(p.tickP99Ms)}` : 'none', p.slowest.length > 60 ? `${p.slowest.slice(0, 57)}…` : p.slowest]);
  }
  console.log(`\n${table(rows)}`);
  return plays.map((p) => ({ ...p, medianMs: round(p.medianMs, 2), p99Ms: round(p.p99Ms, 2), maxMs: round(p.maxMs, 2), tickMedianMs: round(p.tickMedianMs, 2), tickP99Ms: round(p.tickP99Ms, 2) }));
}

function sectionGrade(missed: string[]) {
  console.log('grader: every outside calibration answer of every scenario, after its ideal path…');
  const grade = benchGrading();
  const rows: Row[] = [
    ['figure', 'measured', 'aim', ''],
    [`grade one answer, median (${grade.answers} answers, all scenarios)`, ms(grade.medianMs), '', ''],
    ['grade one answer, p99', ms(grade.p99Ms), `< ${AIMS.gradeP99Ms} ms`, verdict(grade.p99Ms, AIMS.gradeP99Ms)],
    ['grade one answer, max', ms(grade.maxMs), '', ''],
    ['first grade in the process (loads the English model)', ms(grade.firstMs), '', ''],
    ['first grade of another scenario (reads its claims), max', ms(grade.scenarioFirstMaxMs), '', ''],
  ];
  console.log(`\n${table(rows)}`);
  if (grade.p99Ms >= AIMS.gradeP99Ms) missed.push('gradeP99');
  return { answers: grade.answers, firstMs: round(grade.firstMs), scenarioFirstMaxMs: round(grade.scenarioFirstMaxMs), medianMs: round(grade.medianMs), p99Ms: round(grade.p99Ms), maxMs: round(grade.maxMs) };
}

async function sectionLive(missed: string[]) {
  console.log('live: the server with 1 and 200 sessions, fan-out latency and memory; replay of 500 commands…');
  let live: LiveFigures | { reason: string };
  try {
    live = await benchLive();
  } catch (e) {
    live = { reason: (e as Error).message.split('\n')[0] };
  }
  console.log(`\n${table([['figure', 'measured', 'aim', ''], ...liveRows(live)])}`);
  if ('reason' in live) return live;
  if ((live.fanout.at(-1)?.p99Ms ?? 0) >= AIMS.liveFanoutP99Ms) missed.push('liveFanout');
  return {
    method: 'candidate inputs frame sent → interviewer client received it (delivery) + that interviewer replayed it (Session.append, in a worker thread as in its own browser); server in its own process, embedded database, loopback',
    fanout: live.fanout.map((f) => ({ ...f, medianMs: round(f.medianMs, 2), p99Ms: round(f.p99Ms, 2), delivery: roundSpread(f.delivery), replay: roundSpread(f.replay) })),
    memoryPerSessionKB: { heapAfterGc: round(live.memoryPerSessionKB.heap, 0), rss: round(live.memoryPerSessionKB.rss, 0) },
    serverCpuMsPerInput: round(live.serverCpuMsPerInput, 2),
    stages200: { ackMedianMs: round(live.stages200.ackMedianMs, 1), ackP99Ms: round(live.stages200.ackP99Ms, 1), benchLoopDelayP99Ms: round(live.stages200.benchLoopDelayP99Ms, 1) },
    replay500: { ...live.replay500, replayMs: round(live.replay500.replayMs, 1), castMs: round(live.replay500.castMs, 1), castKB: round(live.replay500.castKB, 1) },
  };
}

const roundSpread = (s: { medianMs: number; p99Ms: number }) => ({ medianMs: round(s.medianMs, 2), p99Ms: round(s.p99Ms, 2) });

function liveRows(live: LiveFigures | { reason: string }): Row[] {
  if ('reason' in live) return [['live sessions', `n/a (${live.reason})`, '', '']];
  return [
    ...live.fanout.flatMap((f): Row[] => [
      [`live fan-out, ${f.sessions} session${f.sessions === 1 ? '' : 's'} (median / p99 of ${f.samples}; load ${f.load.toFixed(1)})`, `${ms(f.medianMs)} / ${ms(f.p99Ms)}`, f.sessions > 1 ? `p99 < ${AIMS.liveFanoutP99Ms} ms` : '', f.sessions > 1 ? verdict(f.p99Ms, AIMS.liveFanoutP99Ms) : ''],
      [`  of which delivery (sent → interviewer's socket)`, `${ms(f.delivery.medianMs)} / ${ms(f.delivery.p99Ms)}`, '', ''],
      [`  of which the interviewer's replay of the input`, `${ms(f.replay.medianMs)} / ${ms(f.replay.p99Ms)}`, '', ''],
    ]),
    ['live server heap per session (growth after GC / 200)', `${live.memoryPerSessionKB.heap.toFixed(0)} KB`, '', ''],
    ['live server resident memory per session (RSS growth / 200)', `${live.memoryPerSessionKB.rss.toFixed(0)} KB`, '', ''],
    ['live server CPU per input (200 sessions)', ms(live.serverCpuMsPerInput), '', ''],
    ['  200 sessions: server ack (stored, fanned out) median / p99', `${ms(live.stages200.ackMedianMs)} / ${ms(live.stages200.ackP99Ms)}`, '', ''],
    ['  200 sessions: bench socket thread event-loop delay p99', ms(live.stages200.benchLoopDelayP99Ms), '', ''],
    [`replay of ${live.replay500.commands} commands: Session.replay`, ms(live.replay500.replayMs), '', ''],
    [`replay of ${live.replay500.commands} commands: asciicast (seek to end)`, `${ms(live.replay500.castMs)} (${live.replay500.castKB.toFixed(0)} KB)`, '', ''],
  ];
}

function sectionSession(missed: string[]): LongSessionFigures {
  console.log('session: 3,000 typed commands, then a 30-minute follow…');
  const path = join(root, 'scenarios', `${SCENARIO}.yaml`);
  const parsed = parseScenario(path, readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const s = benchLongSession(parsed.scenario);
  const rows: Row[] = [
    ['long session', 'measured', 'aim', ''],
    ...s.latencyAt.map((l): Row => [`command median at input ${l.input}`, ms(l.medianMs), '', '']),
    [`full replay of ${s.inputs} inputs (a reload with no usable snapshot; the worker's job)`, ms(s.replayMs), `< ${ms(REPLAY_AIM_MS)}`, verdict(s.replayMs, REPLAY_AIM_MS)],
    ['  its saved log', kb(s.logBytes), '', ''],
    [`${s.follow.minutes}-minute follow: inputs`, String(s.follow.inputs), '', ''],
    ['  its saved log', kb(s.follow.logBytes), '', ''],
    ['  replay', ms(s.follow.replayMs), '', ''],
    ['  live ticks, total', ms(s.follow.liveTicksMs), '', ''],
    ['  saved, ticks folded: inputs', String(s.follow.saved.inputs), '', ''],
    ['  saved log, ticks folded', kb(s.follow.saved.logBytes), '', ''],
    ['  reload (replay of the saved log)', ms(s.follow.saved.replayMs), '', ''],
    [`a tab left open 72 h: the tick's CPU (load ${loadavg()[0].toFixed(1)})`, ms(s.idle72hCpuMs), `< ${ms(IDLE_AIM_MS)}`, verdict(s.idle72hCpuMs, IDLE_AIM_MS)],
  ];
  console.log(`\n${table(rows)}`);
  if (s.replayMs >= REPLAY_AIM_MS) missed.push('replay');
  if (s.idle72hCpuMs >= IDLE_AIM_MS) missed.push('72 h idle');
  return s;
}

/** Every scenario's 72 h idle beside the aim (the fuzz test's budget for a line is 1 s of CPU). */
function sectionIdle(missed: string[]): IdleFigure[] {
  console.log('idle: every scenario left open 72 h…');
  const figures = benchIdle(join(root, 'scenarios'));
  const rows: Row[] = [
    [`72 h idle, one tick (load ${loadavg()[0].toFixed(1)})`, 'cpu / wall', 'aim', ''],
    ...figures.map((f): Row => [f.scenario, `${ms(f.cpuMs)} / ${ms(f.wallMs)}`, `< ${ms(IDLE_AIM_MS)}`, verdict(f.cpuMs, IDLE_AIM_MS)]),
  ];
  console.log(`\n${table(rows)}`);
  const slow = figures.filter((f) => f.cpuMs >= IDLE_AIM_MS).map((f) => f.scenario);
  if (slow.length) missed.push(`72 h idle (${slow.join(', ')})`);
  return figures.map((f) => ({ ...f, cpuMs: round(f.cpuMs), wallMs: round(f.wallMs) }));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('bench crashed:', e);
    process.exit(1);
  },
);
