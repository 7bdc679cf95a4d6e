/**
 * Worker thread of the live bench: the interviewers' own replays. Each interviewer of a real
 * interview replays the inputs in its own browser; here 200 of them share one thread, apart from the
 * thread that reads the sockets, so one interviewer's replay never delays when another's frame is
 * seen to arrive. Messages in: `{ pair, from, inputs }`; out: `{ pair, count, replayMs }` per frame,
 * where `replayMs` is this frame's own replay time (Session.append of each input).
 */
import { parentPort } from 'node:worker_threads';
import { Session } from '../../src/core/session/session.ts';
import type { Input } from '../../src/core/session/types.ts';
import { loadScenario } from '../../src/cli/content.ts';

const loaded = loadScenario('sigill-node');
if (!loaded.ok) throw new Error(loaded.error);
const scenario = loaded.scenario;
const replicas = new Map<number, Session>();

parentPort!.on('message', (m: { pair: number; from: number; inputs: Input[] }) => {
  let s = replicas.get(m.pair);
  if (!s) replicas.set(m.pair, (s = Session.start(scenario)));
  const t = performance.now();
  for (const input of m.inputs) s.append(input);
  parentPort!.postMessage({ pair: m.pair, count: m.from + m.inputs.length, replayMs: performance.now() - t });
});
