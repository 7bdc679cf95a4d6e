/**
 * Records kept in IndexedDB (through `idb`): the database `gauntlet` with the stores `sessions`
 * (by scenario id), `attempts` (by attempt id), `quarantine` (records set aside) and `meta`.
 *
 * Everything is read once at start into a Records (records.ts), which the pages read synchronously;
 * changes are written back throttled (a change after a quiet spell at once, then at most one
 * transaction per WRITE_EVERY_MS, the latest value of each key wins). A page being unloaded cannot
 * wait for IndexedDB, so what is still pending then is also copied synchronously to localStorage
 * (UNSAVED) and written to the database at the next start. A failed write (quota exceeded) keeps
 * the changes pending, says so in the status, and is retried; nothing is dropped silently. After
 * each write the other tabs are told on a BroadcastChannel and read the stores again.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { Records, type RawRecords, type StorageProblem, type WriteOp } from './records.ts';
import { readLegacy } from './migrate.ts';
import { loadRecordChecks } from './recordChecks.ts';

export const DB_NAME = 'gauntlet';
/** IndexedDB schema version; `upgrade` below takes any older database to it step by step. */
export const DB_VERSION = 1;
export const WRITE_EVERY_MS = 400;
const RETRY_MS = 5000;
const CHANNEL = 'gauntlet:records';
/** localStorage key holding the writes still pending when the page was unloaded. */
export const UNSAVED = 'gauntlet:unsaved';

interface GauntletDB extends DBSchema {
  sessions: { key: string; value: unknown };
  attempts: { key: string; value: unknown };
  quarantine: { key: string; value: StorageProblem };
  meta: { key: string; value: unknown };
}

type DB = IDBPDatabase<GauntletDB>;

/** The browser's Records plus what only the browser backend does. */
export interface BrowserRecords {
  records: Records;
  /** Writes everything pending now. */
  flush(): Promise<void>;
  /** Reads every store again (another tab wrote); sessions this tab owns are kept as they are. */
  refresh(): Promise<void>;
}

async function readAll(db: DB): Promise<RawRecords> {
  const tx = db.transaction(['sessions', 'attempts', 'quarantine'], 'readonly');
  const pairs = async (name: 'sessions' | 'attempts') => {
    const [keys, values] = await Promise.all([tx.objectStore(name).getAllKeys(), tx.objectStore(name).getAll()]);
    return keys.map((k, i): [string, unknown] => [k, values[i]]);
  };
  const [sessions, attempts, quarantine] = await Promise.all([
    pairs('sessions'),
    pairs('attempts'),
    tx.objectStore('quarantine').getAll(),
  ]);
  await tx.done;
  return { sessions, attempts, quarantine };
}

/** `readAll`, with the record validator loaded when there is a record to check (recordChecks.ts). */
async function readChecked(db: DB): Promise<RawRecords> {
  const raw = await readAll(db);
  if (raw.sessions.length > 0 || raw.attempts.length > 0) await loadRecordChecks();
  return raw;
}

/** Writes what an unloaded page left in localStorage (see UNSAVED), then forgets it. */
async function writeUnsaved(db: DB): Promise<void> {
  let text: string | null = null;
  try {
    text = window.localStorage.getItem(UNSAVED);
  } catch {
    return;
  }
  if (!text) return;
  let ops: WriteOp[] = [];
  try {
    const parsed = JSON.parse(text) as unknown;
    if (Array.isArray(parsed)) ops = parsed.filter((o): o is WriteOp => !!o && ['sessions', 'attempts', 'quarantine'].includes((o as WriteOp).store) && typeof (o as WriteOp).key === 'string');
  } catch {
    // A torn copy: what reached the database before the unload stands.
  }
  if (ops.length) await putAll(db, ops);
  window.localStorage.removeItem(UNSAVED);
}

async function putAll(db: DB, ops: readonly WriteOp[]): Promise<void> {
  const tx = db.transaction(['sessions', 'attempts', 'quarantine'], 'readwrite');
  for (const op of ops) {
    const store = tx.objectStore(op.store);
    void (op.value === null ? store.delete(op.key) : store.put(op.value as never, op.key));
  }
  await tx.done;
}

/** Moves localStorage records of older builds into the database, once; damaged ones are kept aside. */
async function importLegacy(db: DB, records: Records): Promise<void> {
  if (await db.get('meta', 'importedLocalStorage')) return;
  let storage: Storage;
  try {
    storage = window.localStorage;
  } catch {
    return;
  }
  const legacy = readLegacy(storage);
  const tx = db.transaction(['sessions', 'attempts', 'quarantine', 'meta'], 'readwrite');
  for (const [k, v] of legacy.sessions) void tx.objectStore('sessions').put(v, k);
  for (const [k, v] of legacy.attempts) void tx.objectStore('attempts').put(v, k);
  void tx.objectStore('meta').put(Date.now(), 'importedLocalStorage');
  await tx.done;
  for (const [key, text, reason] of legacy.unreadable) records.setAside('localStorage', key, text, reason);
  for (const k of legacy.keys) storage.removeItem(k);
}

const describeError = (e: unknown) =>
  e instanceof DOMException && e.name === 'QuotaExceededError'
    ? 'Storage is full: your latest work is not saved in this browser.'
    : `Your latest work could not be saved (${e instanceof Error ? e.message : String(e)}).`;

/**
 * Opens the database (creating or upgrading it), imports legacy records once and loads everything.
 * Rejects when IndexedDB is unavailable; the caller then keeps records in memory and says so.
 */
export async function openBrowserRecords(): Promise<BrowserRecords> {
  const pending = new Map<string, WriteOp>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<void> = Promise.resolve();
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined;
  const records = new Records((op) => {
    pending.set(`${op.store}\0${op.key}`, op);
    schedule(WRITE_EVERY_MS);
  });

  const db = await openDB<GauntletDB>(DB_NAME, DB_VERSION, {
    upgrade(d, oldVersion) {
      // One step per version: a database of any older version is brought up to date in order.
      if (oldVersion < 1) {
        d.createObjectStore('sessions');
        d.createObjectStore('attempts');
        d.createObjectStore('quarantine');
        d.createObjectStore('meta');
      }
    },
    // Another tab runs a newer build that needs to upgrade: let it.
    blocking: () => db.close(),
  });

  let lastWrite = -Infinity;
  const schedule = (ms: number) => {
    if (timer !== undefined) return;
    // After a quiet spell the change goes at once; within one, it waits for the spell to end.
    const wait = ms === WRITE_EVERY_MS ? Math.max(0, lastWrite + WRITE_EVERY_MS - performance.now()) : ms;
    timer = setTimeout(() => void flush(), wait);
  };

  const estimate = async () => {
    try {
      const e = await navigator.storage?.estimate?.();
      if (e) records.setStatus({ ...records.status, usage: e.usage, quota: e.quota });
    } catch {
      // Estimates are a courtesy; without one the warning relies on write errors.
    }
  };

  // What a transaction is writing: a page unloaded before it commits loses it unless pagehide
  // copies it too (a reload right after an answer is submitted).
  let inFlight: WriteOp[] = [];
  const write = async () => {
    timer = undefined;
    if (pending.size === 0) return;
    const ops = [...pending.values()];
    pending.clear();
    inFlight = ops;
    lastWrite = performance.now();
    try {
      await putAll(db, ops);
      inFlight = [];
      if (pending.size === 0) forgetUnsaved();
      if (records.status.writeError) records.setStatus({ ...records.status, writeError: undefined });
      channel?.postMessage({ type: 'changed' });
    } catch (e) {
      inFlight = [];
      // Keep what failed (unless a newer change to the same key is already waiting) and retry.
      for (const op of ops) {
        const k = `${op.store}\0${op.key}`;
        if (!pending.has(k)) pending.set(k, op);
      }
      records.setStatus({ ...records.status, writeError: describeError(e) });
      schedule(RETRY_MS);
    }
    await estimate();
  };

  const flush = () => (flushing = flushing.then(write));

  const refresh = async () => {
    await flushing;
    records.load(await readChecked(db), records.owned);
  };

  const forgetUnsaved = () => {
    try {
      window.localStorage.removeItem(UNSAVED);
    } catch {
      // No localStorage: nothing was copied there.
    }
  };

  await writeUnsaved(db);
  await importLegacy(db, records);
  records.load(await readChecked(db));
  void estimate();

  channel?.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
    if (e.data?.type === 'changed') void refresh();
  });
  const hide = () => void flush();
  window.addEventListener('pagehide', () => {
    // IndexedDB may not finish before the page goes: keep a synchronous copy of what is pending
    // and of what a transaction still writing holds (the newer value of a key wins).
    const unsaved = new Map(inFlight.map((op) => [`${op.store}\0${op.key}`, op]));
    for (const [k, op] of pending) unsaved.set(k, op);
    if (unsaved.size > 0) {
      try {
        window.localStorage.setItem(UNSAVED, JSON.stringify([...unsaved.values()]));
      } catch {
        // localStorage full or blocked: the write below may still land.
      }
    }
    hide();
  });
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && hide());

  return { records, flush, refresh };
}
