/**
 * The replay worker: rebuilds a session off the page's thread for a reload and keeps snapshots of
 * it as the learner plays, so the next reload replays only the log's tail (rebuild.ts does the
 * work; this file is the browser's wrapper: messages, IndexedDB, loading jq and the grader's model).
 * Messages (client.ts): `open` {key, scenario, inputs} → `slice`s of the snapshot's long lists
 * (handover.ts), then `opened` {snapshot, tail, from, unused?}, or `failed` {message}; `append` {key, inputs} folds inputs the page made since (no answer).
 */
import { openDB, type IDBPDatabase } from 'idb';
import { Session } from '../../core/session/session.ts';
import { loadLanguageModel } from '../../core/grader/model.ts';
import type { Input } from '../../core/session/types.ts';
import type { Scenario } from '../../core/scenario/types.ts';
import { loadBrowserJq } from '../jqLoader.ts';
import { handOver, rebuild, type SnapshotKeeper } from './rebuild.ts';
import { sendSlices } from './handover.ts';
import type { SnapshotKey, SnapshotRecord } from './snapshotRecord.ts';
import type { FromPage, ToPage } from './messages.ts';

export const SNAPSHOT_DB = 'gauntlet-snapshots';
const STORE = 'snapshots';
/** The build's identity: this script's URL carries the bundle's content hash (the dev server's does not: no snapshot is kept there). */
const BUILD = import.meta.env.DEV ? undefined : import.meta.url;

/** The page's sessions write to a terminal (Session.tty): so does the copy here. */
const BROWSER = { tty: true };

const idOf = (k: SnapshotKey) => `${k.scenario}/${k.attempt}/${k.seed}`;

let db: Promise<IDBPDatabase | undefined> | undefined;
function database(): Promise<IDBPDatabase | undefined> {
  db ??= openDB(SNAPSHOT_DB, 1, { upgrade: (d) => void d.createObjectStore(STORE) }).catch(() => undefined);
  return db;
}

/**
 * One kept snapshot per attempt: the latest. Copied at once (the session goes on folding inputs
 * before the database takes it). A failed write costs only replay time at the next reload.
 */
function save(record: SnapshotRecord): void {
  const copy = structuredClone(record);
  void database().then((d) => d?.put(STORE, copy, idOf(copy)).catch(() => undefined));
}

let open: { id: string; scenario: Scenario; keeper: SnapshotKeeper } | undefined;
const post = (m: ToPage) => (self as unknown as Worker).postMessage(m);

async function needed(inputs: readonly Input[]): Promise<void> {
  await loadBrowserJq();
  if (inputs.some((i) => i.type === 'answer')) await loadLanguageModel();
}

async function onOpen(key: SnapshotKey, scenario: Scenario, inputs: readonly Input[], reply: boolean): Promise<void> {
  // jq and the grader's model load while the kept snapshot is read.
  const [, stored] = await Promise.all([needed(inputs), BUILD ? database().then((d) => d?.get(STORE, idOf(key)).catch(() => undefined)) : undefined]);
  const keep = BUILD ? save : () => {};
  const rebuilt = rebuild(scenario, key, inputs, stored, BUILD ?? 'dev', keep, BROWSER);
  const { keeper } = rebuilt;
  keeper.keep();
  open = { id: idOf(key), scenario, keeper };
  if (!reply) return;
  const { snapshot, tail } = handOver(keeper.session, (n) => Session.replay(scenario, inputs.slice(0, n), BROWSER));
  const id = idOf(key);
  post({ type: 'opened', id, snapshot: sendSlices(id, snapshot, post), tail, from: rebuilt.from, ...(rebuilt.unused ? { unused: rebuilt.unused } : {}) });
}

let queue = Promise.resolve();
self.onmessage = (e: MessageEvent<FromPage>) => {
  const m = e.data;
  // One message at a time, in order: an `append` waits for the `open` before it.
  queue = queue.then(async () => {
    try {
      if (m.type === 'open') await onOpen(m.key, m.scenario, m.inputs, m.reply);
      else if (m.type === 'append' && open?.id === idOf(m.key)) {
        await needed(m.inputs);
        open.keeper.append(m.inputs);
      }
    } catch (err) {
      if (m.type === 'open' && m.reply) post({ type: 'failed', id: idOf(m.key), message: err instanceof Error ? err.message : String(err) });
      open = undefined; // the copy went wrong: no snapshots of it until the next open
    }
  });
};
