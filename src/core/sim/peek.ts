import { isDraft } from 'immer';
import type { Pod } from '../model/k8s.ts';

/** immer's own key for a draft's bookkeeping (immer 10–11); the fallback below works without it. */
const DRAFT_STATE = Symbol.for('immer-state');

/**
 * The values of a state table (pods, events…) as they stand, for reading only. Inside a reducer
 * the table is an immer draft, and `Object.values` on it makes a draft of every entry (the cost
 * that made the clock's inner loop walk proxies over the whole state); this reads each entry as
 * stored instead: a draft where this action already touched it, else the plain frozen object.
 * Never write through what it returns: fetch the entry from the table (`state.pods[key]`) first.
 */
export function peekValues<T>(table: Record<string, T>): T[] {
  if (!isDraft(table)) return Object.values(table);
  // immer keeps a draft's current entries (drafts or plain objects) in its state's copy, else base.
  const inner = (table as unknown as Record<symbol, { copy_?: Record<string, T>; base_?: Record<string, T> } | undefined>)[DRAFT_STATE];
  const latest = inner?.copy_ ?? inner?.base_;
  if (latest) return Object.values(latest);
  const out: T[] = [];
  for (const key of Object.keys(table)) out.push(Object.getOwnPropertyDescriptor(table, key)!.value as T);
  return out;
}

/**
 * Key orders of the big tables by the object that stores the entries (the plain table, or under
 * immer the draft's copy or base): enumerating a table of thousands of keys (`Object.values`,
 * `for…in`) sorts them by insertion every time (V8's dictionary mode), which made every
 * controller's pass over the pods cost more than its work. A frozen store never changes; a mutable
 * one keeps its order right only because every key added or removed goes through putEntry and
 * dropEntry (a replaced value needs nothing: values are read through the keys).
 */
const keyOrders = new WeakMap<object, string[]>();

/** When on (tests), every read of a cached key order is checked against the store itself. */
export const keyOrderChecks = { on: false };

/** The object holding a table's entries as they stand: the table, or a draft's copy (else its base). */
function storeOf<T>(table: Record<string, T>): Record<string, T> | undefined {
  if (!isDraft(table)) return table;
  const inner = (table as unknown as Record<symbol, { copy_?: Record<string, T>; base_?: Record<string, T> } | undefined>)[DRAFT_STATE];
  return inner?.copy_ ?? inner?.base_;
}

/**
 * peekValues for a table whose writers add and remove keys only through putEntry and dropEntry
 * (today: the pods): the same values in the same order, without enumerating the table each time.
 */
export function storedValues<T>(table: Record<string, T>): T[] {
  const store = storeOf(table);
  if (!store) return peekValues(table);
  let keys = keyOrders.get(store);
  if (!keys) keyOrders.set(store, (keys = Object.keys(store)));
  else if (keyOrderChecks.on && Object.keys(store).join('\n') !== keys.join('\n')) throw new Error('a table key was added or removed outside putEntry/dropEntry');
  const out = new Array<T>(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = store[keys[i]];
  return out;
}

/** `table[key] = value`, keeping storedValues' key order (a new key goes last, as in the object). */
export function putEntry<T>(table: Record<string, T>, key: string, value: T): void {
  const known = Object.hasOwn(table, key);
  table[key] = value;
  if (!known) keyOrders.get(storeOf(table)!)?.push(key);
}

/** `delete table[key]`, keeping storedValues' key order. */
export function dropEntry<T>(table: Record<string, T>, key: string): void {
  if (!Object.hasOwn(table, key)) return;
  delete table[key];
  const keys = keyOrders.get(storeOf(table)!);
  const at = keys ? keys.indexOf(key) : -1;
  if (at >= 0) keys!.splice(at, 1);
}

/**
 * The pods of every controller, by the uid of the owner reference marked `controller`, in the
 * table's order: one pass over the pods for a controller that syncs many owners (instead of one
 * pass per owner). Read-only views (peekValues): fetch a pod from state.pods before changing it.
 */
export function podsByControllerUid(pods: Record<string, Pod>): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const p of storedValues(pods)) {
    for (const r of p.metadata.ownerReferences ?? []) {
      if (!r.controller) continue;
      const list = out.get(r.uid);
      if (list) list.push(p); else out.set(r.uid, [p]);
    }
  }
  return out;
}

/** One entry of a state table as it stands, read without making a draft of it (see peekValues). */
export function peekValue<T>(table: Record<string, T>, key: string): T {
  if (!isDraft(table)) return table[key];
  return Object.getOwnPropertyDescriptor(table, key)?.value as T ?? table[key];
}

/** Element `i` of an array as it stands, read without making a draft of it (see peekValues). */
export function peekAt<T>(list: readonly T[], i: number): T {
  if (!isDraft(list)) return list[i];
  return Object.getOwnPropertyDescriptor(list, i)?.value as T ?? list[i];
}

/**
 * A table's entries as stored at one moment: keys, the objects themselves and their
 * resourceVersions. For a controller whose only inputs are API objects, to tell "nothing was
 * written since my last run" without reading the objects: the API bumps resourceVersion on every
 * write, and a frozen object is replaced (not edited) when it changes. An entry that is an immer
 * draft (written during the current action) makes the snapshot never match.
 */
export interface TableEntries { keys: string[]; objects: unknown[]; versions: (string | undefined)[] }

export function entriesOf(table: Record<string, { metadata: { resourceVersion?: string } }>): TableEntries {
  const keys = Object.keys(table);
  const objects = keys.map((k) => peekValue(table, k));
  return { keys, objects: objects.map((o) => (isDraft(o) ? DRAFTED : o)), versions: objects.map((o) => o.metadata.resourceVersion) };
}
const DRAFTED = Symbol('drafted');

/** Whether `table` holds the very objects, at the same resourceVersions, that `seen` recorded. */
export function unchangedSince(seen: TableEntries | undefined, table: Record<string, { metadata: { resourceVersion?: string } }>): boolean {
  if (!seen) return false;
  const keys = Object.keys(table);
  if (keys.length !== seen.keys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const o = peekValue(table, keys[i]);
    if (keys[i] !== seen.keys[i] || o !== seen.objects[i] || o.metadata.resourceVersion !== seen.versions[i]) return false;
  }
  return true;
}
