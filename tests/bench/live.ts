/**
 * Live-session figures for `npm run bench`, against the real server in its own process (API only,
 * embedded database in a temporary directory), with the candidates and interviewers as WebSocket
 * clients in this process:
 * - fan-out latency: from the candidate's `inputs` frame leaving to an interviewer having replayed the
 *   input with the core (Session.append), with 1 and with 200 sessions live at once, each candidate
 *   running a command every 2 s (staggered). It is the sum of the delivery (frame sent → the
 *   interviewer's socket has the `inputs` frame) and that interviewer's replay of it. The replays run
 *   in a worker thread (liveReplicas.ts), as each real interviewer replays in its own browser: 200
 *   replicas on this thread would delay when the other frames are seen to arrive;
 * - server memory per live session: growth of the server's heap after a full collection (and of its
 *   resident memory) with 200 sessions joined and played, divided by 200;
 * - replay of a 500-command session: Session.replay (what an interviewer's reload does) and the
 *   asciicast the replay player seeks through, built from the whole log.
 */
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Session } from '../../src/core/session/session.ts';
import type { Input } from '../../src/core/session/types.ts';
import type { ServerFrame } from '../../src/live/protocol.ts';
import { asciicast } from '../../src/live/asciicast.ts';
import { loadScenario } from '../../src/cli/content.ts';
import { LiveServer } from '../e2e/liveServer.ts';
import { TestClient, createLive } from '../live/harness.ts';
import { median, quantile } from './stats.ts';

/** Median and p99 of a list of ms. */
export interface Spread {
  medianMs: number;
  p99Ms: number;
}

export interface LiveFigures {
  /** Each fan-out figure with the machine's 1-minute load average when it was taken (2 cores: above 2, processes wait for CPU). */
  fanout: ({ sessions: number; samples: number; load: number; delivery: Spread; replay: Spread } & Spread)[];
  /**
   * Where the 200-session latency goes: the server's ack (frame sent → stored and fanned out, before
   * the server's own replay) and how late this process's event loop ran (the socket side only).
   */
  stages200: { ackMedianMs: number; ackP99Ms: number; benchLoopDelayP99Ms: number };
  /** Server heap growth after GC per session (KB), and resident memory growth per session (KB). */
  memoryPerSessionKB: { heap: number; rss: number };
  /** The server's CPU time per input during the 200-session run (load-independent: what one input costs it). */
  serverCpuMsPerInput: number;
  replay500: { commands: number; replayMs: number; castMs: number; castKB: number };
}

const LINES = ['kubectl get pods -n production', 'kubectl get nodes', 'kubectl get pods -A -o wide', 'kubectl describe node ip-10-42-3-208', 'kubectl get events -n production'];
const T0 = Date.UTC(2026, 2, 12, 14, 5, 0);
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const spread = (v: number[]): Spread => ({ medianMs: median(v), p99Ms: quantile(v, 0.99) });

/** CPU time a process has used (user + system), ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The server's heap after a full collection and its resident memory, bytes (GET /api/debug/memory). */
async function serverMemory(server: LiveServer): Promise<{ heapUsed: number; rss: number }> {
  const r = await fetch(`${server.url}/api/debug/memory`);
  const m = (await r.json()) as { heapUsed: number; rss: number; collected: boolean };
  if (!m.collected) throw new Error('the server cannot collect garbage on demand (node --expose-gc)');
  return m;
}

interface Pair {
  candidate: TestClient;
  interviewer: TestClient;
  sent: number;
}

async function openPairs(server: LiveServer, n: number): Promise<Pair[]> {
  const ws = `ws://127.0.0.1:${server.port}/api/live/ws`;
  const pairs: Pair[] = [];
  for (let i = 0; i < n; i++) {
    const t = await createLive(server.url);
    pairs.push({ candidate: await TestClient.open(ws, t.candidateToken), interviewer: await TestClient.open(ws, t.interviewerToken), sent: 0 });
  }
  return pairs;
}

/** Latencies (ms) of the server's acks in the last `fanout` run: frame sent → stored and fanned out. */
const acks: number[] = [];

/**
 * Each pair's candidate runs `commands` commands, one every `everyMs`, staggered; returns per input
 * the delivery (sent → interviewer's socket) and the interviewer's replay of it, ms. `first` numbers
 * the pairs for the replica worker (so two runs never share a replica).
 */
async function fanout(replicas: Worker, pairs: Pair[], commands: number, everyMs: number, first: number): Promise<{ delivery: number[]; replay: number[] }> {
  const delivery = new Map<string, number>();
  const replay = new Map<string, number>();
  const sentAt = new Map<string, number>();
  acks.length = 0;
  const onReplayed = (m: { pair: number; count: number; replayMs: number }) => replay.set(`${m.pair}:${m.count}`, m.replayMs);
  replicas.on('message', onReplayed);
  for (const [i, p] of pairs.entries()) {
    const id = first + i;
    p.candidate.socket.on('message', (d) => {
      const f = JSON.parse(d.toString()) as ServerFrame;
      const t = f.type === 'ack' ? sentAt.get(`${id}:${f.count}`) : undefined;
      if (t !== undefined) acks.push(performance.now() - t);
    });
    p.interviewer.socket.on('message', (d) => {
      const f = JSON.parse(d.toString()) as ServerFrame;
      if (f.type !== 'inputs') return;
      const key = `${id}:${f.from + f.inputs.length}`;
      const t = sentAt.get(key);
      if (t !== undefined) delivery.set(key, performance.now() - t);
      replicas.postMessage({ pair: id, from: f.from, inputs: f.inputs });
    });
  }
  await Promise.all(pairs.map(async (p, i) => {
    await sleep((everyMs * i) / pairs.length);
    for (let c = 0; c < commands; c++) {
      const input: Input = { type: 'command', at: T0 + (p.sent + 1) * 2000, line: LINES[(p.sent + i) % LINES.length] };
      sentAt.set(`${first + i}:${p.sent + 1}`, performance.now());
      p.candidate.send({ type: 'inputs', from: p.sent, inputs: [input] });
      p.sent++;
      await sleep(everyMs);
    }
  }));
  const deadline = Date.now() + 30_000;
  while ((delivery.size < sentAt.size || replay.size < delivery.size) && Date.now() < deadline) await sleep(50);
  replicas.off('message', onReplayed);
  const keys = [...delivery.keys()].filter((k) => replay.has(k));
  return { delivery: keys.map((k) => delivery.get(k)!), replay: keys.map((k) => replay.get(k)!) };
}

const total = (r: { delivery: number[]; replay: number[] }) => r.delivery.map((d, i) => d + r.replay[i]);

export async function benchLive(): Promise<LiveFigures> {
  const loaded = loadScenario('sigill-node');
  if (!loaded.ok) throw new Error(loaded.error);
  const scenario = loaded.scenario;
  const server = await LiveServer.start({
    env: { GAUNTLET_WEB: 'none', GAUNTLET_DEBUG_MEMORY: '1' },
    // GAUNTLET_BENCH_PROFILE=<dir>: the server writes a CPU profile there when it stops.
    nodeArgs: ['--expose-gc', ...(process.env.GAUNTLET_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.GAUNTLET_BENCH_PROFILE}`] : [])],
  });
  // TypeScript in the worker needs tsx's loader registered there first.
  const script = new URL('./liveReplicas.ts', import.meta.url).href;
  const replicas = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`, { eval: true });
  const figures: LiveFigures['fanout'] = [];
  let memoryPerSessionKB = { heap: NaN, rss: NaN };
  let serverCpuMsPerInput = NaN;
  let stages: LiveFigures['stages200'] = { ackMedianMs: NaN, ackP99Ms: NaN, benchLoopDelayP99Ms: NaN };
  const figure = (sessions: number, r: { delivery: number[]; replay: number[] }) => {
    const all = total(r);
    return { sessions, samples: all.length, ...spread(all), load: loadavg()[0], delivery: spread(r.delivery), replay: spread(r.replay) };
  };
  try {
    const one = await openPairs(server, 1);
    figures.push(figure(1, await fanout(replicas, one, 40, 100, 0)));
    for (const p of one) [p.candidate, p.interviewer].forEach((c) => c.close());
    await sleep(500);

    const before = await serverMemory(server);
    const many = await openPairs(server, 200);
    const cpu0 = cpuMs(server.pid!);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const run = await fanout(replicas, many, 10, 2000, 1);
    serverCpuMsPerInput = (cpuMs(server.pid!) - cpu0) / (many.length * 10);
    figures.push(figure(200, run));
    stages = { ackMedianMs: median(acks), ackP99Ms: quantile(acks, 0.99), benchLoopDelayP99Ms: loop.percentile(99) / 1e6 };
    // Let the server's replays catch up, so the rooms hold their whole sessions.
    await sleep(2000);
    const after = await serverMemory(server);
    memoryPerSessionKB = { heap: (after.heapUsed - before.heapUsed) / 200 / 1024, rss: (after.rss - before.rss) / 200 / 1024 };
    for (const p of many) [p.candidate, p.interviewer].forEach((c) => c.close());
  } finally {
    await replicas.terminate();
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  }

  // A 500-command session: the command mix, 20 s apart.
  const inputs: Input[] = Array.from({ length: 500 }, (_, i) => ({ type: 'command', at: T0 + (i + 1) * 20_000, line: LINES[i % LINES.length] }));
  const received = inputs.map((_, i) => 1_800_000_000_000 + i * 20_000);
  let t = performance.now();
  Session.replay(scenario, inputs);
  const replayMs = performance.now() - t;
  t = performance.now();
  const cast = asciicast(scenario, inputs, received);
  const castMs = performance.now() - t;
  return { fanout: figures, stages200: stages, memoryPerSessionKB, serverCpuMsPerInput, replay500: { commands: 500, replayMs, castMs, castKB: cast.length / 1024 } };
}

/** Runs alone: `npx tsx tests/bench/live.ts`. */
if (import.meta.url === `file://${process.argv[1]}`) {
  benchLive().then((f) => {
    console.log(JSON.stringify(f, null, 2));
    process.exit(0);
  });
}
