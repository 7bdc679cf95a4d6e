/**
 * The long-session section of `npm run bench`: how a session ages. Per-command latency near input
 * 1, 1,000 and 3,000 of a learner typing the sigill-node mix; the time to rebuild that 3,000-input
 * session (a reload); and a 30-minute session that leaves `journalctl -f` running, ticked four
 * times a virtual second as the browser does: its input count, saved-log size and replay time;
 * and the CPU time of a tab left open 72 hours (one tick moving the clock that far).
 */
import { performance } from 'node:perf_hooks';
import type { Scenario } from '../../src/core/scenario/types.ts';
import { Session } from '../../src/core/session/session.ts';
import type { Input } from '../../src/core/session/types.ts';
import { coalesceTicks } from '../../src/core/session/coalesce.ts';
import { FAULTY_NODE, commandMix } from './mix.ts';
import { median } from './stats.ts';

/** Virtual ms between typed commands: a learner reading the output. */
const STEP_MS = 2000;
/** How often the browser ticks a following command (virtual ms). */
const TICK_MS = 250;
/** Commands timed around each checkpoint. */
const WINDOW = 40;

export interface LongSessionFigures {
  /** Median per-command ms over the WINDOW commands starting at each input index. */
  latencyAt: { input: number; medianMs: number }[];
  inputs: number;
  /** Replay of the typed session (a reload), ms, and its input log as JSON, bytes. */
  replayMs: number;
  logBytes: number;
  /** The 30-minute session with a follow: inputs, log bytes, replay ms, and the ms the live ticks took in total. */
  follow: { minutes: number; inputs: number; logBytes: number; replayMs: number; liveTicksMs: number; saved: { inputs: number; logBytes: number; replayMs: number } };
  /** A tab left open 72 hours: the CPU time (this process, ms) of the one tick that moves the clock there. */
  idle72hCpuMs: number;
}

/** A command of the mix the learner can type over and over (no ssh/exit: they change the place). */
function laptopMix(pod: string): string[] {
  return commandMix(pod).filter((l, i, all) => i < all.indexOf(`ssh ${FAULTY_NODE}`) || i > all.indexOf('exit'));
}

function crashingPod(session: Session): string {
  const pods = Object.values(session.state.pods).filter((p) => p.spec.nodeName === FAULTY_NODE && p.metadata.namespace === 'production');
  return pods.map((p) => p.metadata.name).sort()[0];
}

/** Measures the long-session figures on `scenario` (sigill-node). `commands` typed in total. */
export function benchLongSession(scenario: Scenario, commands = 3000, followMinutes = 30): LongSessionFigures {
  const session = Session.start(scenario);
  const mix = laptopMix(crashingPod(session));
  const times: number[] = [];
  for (let i = 0; i < commands; i++) {
    const t0 = performance.now();
    session.run(mix[i % mix.length], session.now + STEP_MS);
    times.push(performance.now() - t0);
  }
  const checkpoints = [0, 1000, commands - WINDOW].filter((c) => c >= 0 && c < commands);
  const latencyAt = checkpoints.map((c) => ({ input: c + 1, medianMs: median(times.slice(c, c + WINDOW)) }));
  const inputs: readonly Input[] = session.inputs;
  let t0 = performance.now();
  Session.replay(scenario, inputs);
  const replayMs = performance.now() - t0;

  // A learner leaves a follow running for half an hour.
  const f = Session.start(scenario);
  f.run('kubectl get pods -A', f.now + STEP_MS);
  f.run(`ssh ${FAULTY_NODE}`, f.now + STEP_MS);
  f.run('journalctl -u kubelet -f', f.now + STEP_MS);
  const end = f.now + followMinutes * 60_000;
  t0 = performance.now();
  while (f.now < end) f.tick(f.now + TICK_MS);
  const liveTicksMs = performance.now() - t0;
  f.interrupt(f.now + 500);
  const fInputs = [...f.inputs];
  t0 = performance.now();
  Session.replay(scenario, fInputs);
  const fReplayMs = performance.now() - t0;
  // What the browser saves (and a reload replays): the ticks folded (session/coalesce.ts).
  const saved = coalesceTicks(fInputs);
  t0 = performance.now();
  Session.replay(scenario, saved);
  const savedReplayMs = performance.now() - t0;

  // A tab left open for three days: the browser's next tick moves the clock 72 hours at once.
  const idle = Session.start(scenario);
  const cpu = process.cpuUsage();
  idle.tick(idle.now + 72 * 3_600_000);
  const used = process.cpuUsage(cpu);

  return {
    idle72hCpuMs: (used.user + used.system) / 1000,
    latencyAt,
    inputs: inputs.length,
    replayMs,
    logBytes: JSON.stringify(inputs).length,
    follow: { minutes: followMinutes, inputs: fInputs.length, logBytes: JSON.stringify(fInputs).length, replayMs: fReplayMs, liveTicksMs, saved: { inputs: saved.length, logBytes: JSON.stringify(saved).length, replayMs: savedReplayMs } },
  };
}
