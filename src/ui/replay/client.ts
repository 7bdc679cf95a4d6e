/**
 * The page's side of the replay worker (worker.ts): a reload's session is rebuilt there, off the
 * page's thread, and handed back as a snapshot between commands, which the page restores in a
 * few milliseconds (plus the inputs of a command still running, which it folds itself). As the
 * learner plays, the page sends the worker its new inputs so the worker keeps snapshots for the
 * next reload. Where there is no Worker, or the worker fails, the page replays the log itself.
 */
import { Session } from '../../core/session/session.ts';
import type { Input } from '../../core/session/types.ts';
import { coalesceTicks } from '../../core/session/coalesce.ts';
import type { Scenario } from '../../core/scenario/types.ts';
import type { FromPage, ToPage } from './messages.ts';
import type { SnapshotKey } from './snapshotRecord.ts';
import { SliceJoiner } from './handover.ts';

/** The worker starts keeping snapshots of a run once its saved log holds this many inputs (it stays out of short runs and of the first prompt). */
export const SHARE_FROM = 100;

let worker: Worker | undefined;
const waiting = new Map<string, { resolve: (m: Extract<ToPage, { type: 'opened' }>) => void; reject: (e: Error) => void }>();
/** Per open session (by key), how many of its inputs the worker has. */
const sent = new Map<string, number>();

/** Slices of snapshots on their way (handover.ts). */
const slices = new SliceJoiner();

/** Resolves in a later task, so the work before and after it are separate main-thread tasks. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const idOf = (k: SnapshotKey) => `${k.scenario}/${k.attempt}/${k.seed}`;

function replayWorker(): Worker | undefined {
  if (worker || typeof Worker === 'undefined') return worker;
  try {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'replay' });
  } catch {
    return undefined;
  }
  worker.onmessage = (e: MessageEvent<ToPage>) => {
    const m = e.data;
    if (m.type === 'slice') return slices.add(m);
    const w = waiting.get(m.id);
    if (m.type === 'failed') slices.drop(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.type === 'opened') w.resolve({ ...m, snapshot: slices.join(m) });
    else w.reject(new Error(m.message));
  };
  worker.onerror = (e) => {
    // The worker itself broke (its script failed to load): every open falls back to the page.
    e.preventDefault();
    for (const w of waiting.values()) w.reject(new Error(`replay worker: ${e.message || 'failed to start'}`));
    waiting.clear();
    sent.clear();
    worker = undefined;
  };
  return worker;
}

const send = (w: Worker, m: FromPage) => w.postMessage(m);

/**
 * The session `Session.replay(scenario, inputs)` builds, rebuilt in the worker. Rejects when the
 * worker is missing or fails (the caller replays on the page then, as before workers); a log the
 * core cannot replay rejects too, with the core's error.
 */
export function replayInWorker(scenario: Scenario, inputs: readonly Input[], key: SnapshotKey): Promise<Session> {
  const id = idOf(key);
  const ahead = early.get(id);
  early.delete(id);
  if (ahead && sameLog(ahead.inputs, inputs)) return ahead.session;
  return rebuildInWorker(scenario, inputs, key);
}

/** Rebuilds started before the page asked (startReplay), by session id: the log they fold and the result. */
const early = new Map<string, { inputs: readonly Input[]; session: Promise<Session> }>();

const sameLog = (a: readonly Input[], b: readonly Input[]) => a === b || (a.length === b.length && JSON.stringify(a) === JSON.stringify(b));

/**
 * Starts rebuilding a saved session as soon as the page knows it (prefetch.ts), while the play
 * page's code still loads; `replayInWorker` with the same key and log then takes the result
 * instead of starting again. A failure is left for that call to see.
 */
export function startReplay(scenario: Scenario, inputs: readonly Input[], key: SnapshotKey): void {
  const id = idOf(key);
  if (early.has(id)) return;
  const session = rebuildInWorker(scenario, inputs, key);
  session.catch(() => {}); // seen by the replayInWorker call that takes it
  early.set(id, { inputs, session });
}

async function rebuildInWorker(scenario: Scenario, inputs: readonly Input[], key: SnapshotKey): Promise<Session> {
  const w = replayWorker();
  if (!w) throw new Error('no Worker in this browser');
  const id = idOf(key);
  const opened = await new Promise<Extract<ToPage, { type: 'opened' }>>((resolve, reject) => {
    waiting.get(id)?.reject(new Error('superseded'));
    waiting.set(id, { resolve, reject });
    send(w, { type: 'open', key, scenario, inputs, reply: true });
  });
  sent.clear();
  sent.set(id, inputs.length);
  if (opened.unused) console.info(`Gauntlet: the kept snapshot was not used (${opened.unused}); the session was replayed in full.`);
  // Receiving the last message, restoring and the page's first render are three tasks, not one.
  await nextTask();
  const at = opened.snapshot.inputs;
  const session = Session.restore(scenario, inputs.slice(0, at), opened.snapshot, { tty: true }); // as appStore's sessions
  for (const input of inputs.slice(at)) session.append(input);
  await nextTask();
  return session;
}

/**
 * Sends the worker the part of the session's saved log it has not seen yet, so it keeps snapshots
 * for the next reload. The saved log folds runs of ticks (coalesceTicks), and its last run may
 * still grow, so only the log up to its last input other than a tick is sent: that part is final.
 * A session the worker does not hold yet (a fresh run, another attempt) is opened there first.
 */
export function shareInputs(scenario: Scenario, inputs: readonly Input[], key: SnapshotKey): void {
  const w = replayWorker();
  if (!w) return;
  const log = coalesceTicks(inputs);
  let end = log.length;
  while (end > 0 && log[end - 1].type === 'tick') end--;
  const id = idOf(key);
  const have = sent.get(id);
  if (have === undefined && end < SHARE_FROM) return; // a short run reloads fast without snapshots
  if (have === undefined || have > end) {
    sent.clear(); // the worker holds one session: this one from now on
    sent.set(id, end);
    send(w, { type: 'open', key, scenario, inputs: log.slice(0, end), reply: false });
    return;
  }
  if (have === end) return;
  sent.set(id, end);
  send(w, { type: 'append', key, inputs: log.slice(have, end) });
}
