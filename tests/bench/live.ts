/**
 * Live-session figures for `npm run bench`, against the real server in its own process (API only,
 * embedded database in a temporary directory), with the candidates and interviewers as WebSocket
 * clients in this process:
 * - fan-out latency: from the candidate's `inputs` frame leaving to an interviewer having replayed the
 *   input with the core (Session.append), with 1 and with 200 sessions live at once, each candidate
 *   running a command every 2 s (staggered);
 * - server memory per live session: growth of the server's resident memory with 200 sessions joined
 *   (candidate and interviewer connected, a few commands each), divided by 200;
 * - replay of a 500-command session: Session.replay (what an interviewer's reload does) and the
 *   asciicast the replay player seeks through, built from the whole log.
 */
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Session } from '../../src/core/session/session.ts';
import type { Input } from '../../src/core/session/types.ts';
import type { Scenario } from '../../src/core/scenario/types.ts';
import type { ServerFrame } from '../../src/live/protocol.ts';
import { asciicast } from '../../src/live/asciicast.ts';
import { loadScenario } from '../../src/cli/content.ts';
import { LiveServer } from '../e2e/liveServer.ts';
import { TestClient, createLive } from '../live/harness.ts';
import { median, quantile } from './stats.ts';

export interface LiveFigures {
  /** Each fan-out figure with the machine's 1-minute load average when it was taken (2 cores: above 2, processes wait for CPU). */
  fanout: { sessions: number; samples: number; medianMs: number; p99Ms: number; load: number }[];
  /**
   * Where the 200-session latency goes: the server's ack (frame sent → stored and fanned out, before
   * the server's own replay) and how late this process's event loop ran (its 200 interviewer replicas).
   */
  stages200: { ackMedianMs: number; ackP99Ms: number; benchLoopDelayP99Ms: number };
  memoryPerSessionKB: number;
  /** The server's CPU time per input during the 200-session run (load-independent: what one input costs it). */
  serverCpuMsPerInput: number;
  replay500: { commands: number; replayMs: number; castMs: number; castKB: number };
}

const LINES = ['kubectl get pods -n production', 'kubectl get nodes', 'kubectl get pods -A -o wide', 'kubectl describe node ip-10-42-3-208', 'kubectl get events -n production'];
const T0 = Date.UTC(2026, 2, 12, 14, 5, 0);
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** CPU time a process has used (user + system), ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssKB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

interface Pair {
  candidate: TestClient;
  interviewer: TestClient;
  replica: Session;
  sent: number;
}

async function openPairs(server: LiveServer, scenario: Scenario, n: number): Promise<Pair[]> {
  const ws = `ws://127.0.0.1:${server.port}/api/live/ws`;
  const pairs: Pair[] = [];
  for (let i = 0; i < n; i++) {
    const t = await createLive(server.url);
    pairs.push({ candidate: await TestClient.open(ws, t.candidateToken), interviewer: await TestClient.open(ws, t.interviewerToken), replica: Session.start(scenario), sent: 0 });
  }
  return pairs;
}

/** Latencies (ms) of the server's acks in the last `fanout` run: frame sent → stored and fanned out. */
const acks: number[] = [];

/** Each pair's candidate runs `commands` commands, one every `everyMs`, staggered; returns every latency (ms). */
async function fanout(pairs: Pair[], commands: number, everyMs: number): Promise<number[]> {
  const latencies: number[] = [];
  const pending = new Map<string, number>();
  const sentAt = new Map<string, number>();
  acks.length = 0;
  for (const [i, p] of pairs.entries()) {
    p.candidate.socket.on('message', (d) => {
      const f = JSON.parse(d.toString()) as ServerFrame;
      const t = f.type === 'ack' ? sentAt.get(`${i}:${f.count}`) : undefined;
      if (t !== undefined) acks.push(performance.now() - t);
    });
    p.interviewer.socket.on('message', (d) => {
      const f = JSON.parse(d.toString()) as ServerFrame;
      if (f.type !== 'inputs') return;
      for (const input of f.inputs) p.replica.append(input);
      const key = `${i}:${f.from + f.inputs.length}`;
      const t = pending.get(key);
      if (t !== undefined) {
        latencies.push(performance.now() - t);
        pending.delete(key);
      }
    });
  }
  await Promise.all(pairs.map(async (p, i) => {
    await sleep((everyMs * i) / pairs.length);
    for (let c = 0; c < commands; c++) {
      const input: Input = { type: 'command', at: T0 + (p.sent + 1) * 2000, line: LINES[(p.sent + i) % LINES.length] };
      pending.set(`${i}:${p.sent + 1}`, performance.now());
      sentAt.set(`${i}:${p.sent + 1}`, performance.now());
      p.candidate.send({ type: 'inputs', from: p.sent, inputs: [input] });
      p.sent++;
      await sleep(everyMs);
    }
  }));
  const deadline = Date.now() + 10_000;
  while (pending.size && Date.now() < deadline) await sleep(50);
  return latencies;
}

export async function benchLive(): Promise<LiveFigures> {
  const loaded = loadScenario('sigill-node');
  if (!loaded.ok) throw new Error(loaded.error);
  const scenario = loaded.scenario;
  const server = await LiveServer.start({ env: { GAUNTLET_WEB: 'none' } });
  const figures: LiveFigures['fanout'] = [];
  let memoryPerSessionKB = NaN;
  let serverCpuMsPerInput = NaN;
  let stages: LiveFigures['stages200'] = { ackMedianMs: NaN, ackP99Ms: NaN, benchLoopDelayP99Ms: NaN };
  try {
    const one = await openPairs(server, scenario, 1);
    const single = await fanout(one, 40, 100);
    figures.push({ sessions: 1, samples: single.length, medianMs: median(single), p99Ms: quantile(single, 0.99), load: loadavg()[0] });
    for (const p of one) [p.candidate, p.interviewer].forEach((c) => c.close());
    await sleep(500);

    const before = rssKB(server.pid!);
    const many = await openPairs(server, scenario, 200);
    const cpu0 = cpuMs(server.pid!);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const lat = await fanout(many, 10, 2000);
    serverCpuMsPerInput = (cpuMs(server.pid!) - cpu0) / (many.length * 10);
    figures.push({ sessions: 200, samples: lat.length, medianMs: median(lat), p99Ms: quantile(lat, 0.99), load: loadavg()[0] });
    stages = { ackMedianMs: median(acks), ackP99Ms: quantile(acks, 0.99), benchLoopDelayP99Ms: loop.percentile(99) / 1e6 };
    memoryPerSessionKB = (rssKB(server.pid!) - before) / 200;
    for (const p of many) [p.candidate, p.interviewer].forEach((c) => c.close());
  } finally {
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
