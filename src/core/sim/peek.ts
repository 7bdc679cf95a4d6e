import { isDraft, original } from 'immer';
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
 * What is kept beside a big table (the pods), by the object that stores its entries (the plain
 * table, or under immer the draft's copy or base): its key order, the keys each watch may hold
 * (watchedValues) and the keys by controller uid (ownedValues). Enumerating a table of thousands
 * of keys (`Object.values`, `for…in`) sorts them by insertion every time (V8's dictionary mode),
 * and every controller's pass over the pods cost more than its work. A frozen store never changes;
 * a mutable one keeps its record right only because every key added or removed goes through
 * putEntry and dropEntry, and every write that may make an entry match a watch calls markEntry
 * (a replaced value needs nothing for the order: values are read through the keys).
 */
interface Kept { keys: string[]; watches: Map<string, Set<string>>; owners?: Owners; ranks?: Ranks }

/** Where each key stands in the table's order: ranks only grow (a new key ranks after every other). */
interface Ranks { of: Map<string, number>; next: number }

/** Keys by owner uid: `controller` for the owner references marked controller, `any` for all of them. */
interface Owners { controller: Map<string, string[]>; any: Map<string, string[]> }

const copyOwners = (m: Map<string, string[]>) => new Map([...m].map(([uid, keys]) => [uid, keys.slice()]));
const kept = new WeakMap<object, Kept>();

/**
 * Stores written (putEntry, dropEntry, markEntry) while they had no record: they never take over
 * their draft base's record (see keptOf), which knows nothing of those writes.
 */
const untracked = new WeakSet<object>();

/** When on (tests), every read of a kept record is checked against the store itself. */
export const keyOrderChecks = { on: false };

type DraftInner<T> = { copy_?: Record<string, T>; base_?: Record<string, T> };
const innerOf = <T>(table: Record<string, T>) => (table as unknown as Record<symbol, DraftInner<T> | undefined>)[DRAFT_STATE];

/** The object holding a table's entries as they stand: the table, or a draft's copy (else its base). */
function storeOf<T>(table: Record<string, T>): Record<string, T> | undefined {
  if (!isDraft(table)) return table;
  const inner = innerOf(table);
  return inner?.copy_ ?? inner?.base_;
}

/**
 * The record of the table's store as it stands. immer's copy of a draft starts with its base's
 * keys in its base's order, and every key added or removed since went through putEntry/dropEntry,
 * which carry the base's record over first: a copy without a record (and not untracked) takes a
 * copy of its base's. Undefined when neither has one and `build` is false; built from the store
 * (one pass over the keys) when it is true.
 */
function keptOf<T>(table: Record<string, T>, build: boolean): Kept | undefined {
  const store = storeOf(table);
  if (!store) return undefined;
  let k = kept.get(store);
  if (k) return k;
  const inner = isDraft(table) ? innerOf(table) : undefined;
  const base = inner?.copy_ && inner.base_ && !untracked.has(store) ? kept.get(inner.base_) : undefined;
  if (base) {
    k = { keys: base.keys.slice(), watches: new Map([...base.watches].map(([name, keys]) => [name, new Set(keys)])) };
    if (base.owners) k.owners = { controller: copyOwners(base.owners.controller), any: copyOwners(base.owners.any) };
  } else if (build) k = { keys: Object.keys(store), watches: new Map() };
  else return undefined;
  kept.set(store, k);
  return k;
}

/**
 * The record to update after a write to the table, given whether the store had one before it (a
 * draft's first write copies its base, and the record moves with it: keptOf). A store written
 * without a record is marked untracked.
 */
function afterWrite<T>(table: Record<string, T>, had: boolean): Kept | undefined {
  const k = had ? keptOf(table, false) : undefined;
  const store = storeOf(table);
  if (!k && store) untracked.add(store);
  return k;
}

/**
 * The keys of a plain (not drafted) table in its order when a record is kept for it (the pods,
 * the kubelet tracks), else undefined: enumerating ten thousand keys sorts them every time.
 */
export function keptKeys(table: Record<string, unknown>): readonly string[] | undefined {
  if (isDraft(table)) return undefined;
  const keys = kept.get(table)?.keys;
  if (keys && keyOrderChecks.on && Object.keys(table).join('\n') !== keys.join('\n')) throw new Error('a table key was added or removed outside putEntry/dropEntry');
  return keys;
}

/**
 * peekValues for a table whose writers add and remove keys only through putEntry and dropEntry
 * (today: the pods): the same values in the same order, without enumerating the table each time.
 */
export function storedValues<T>(table: Record<string, T>): T[] {
  const store = storeOf(table);
  if (!store) return peekValues(table);
  const keys = keptOf(table, true)!.keys;
  if (keyOrderChecks.on && Object.keys(store).join('\n') !== keys.join('\n')) throw new Error('a table key was added or removed outside putEntry/dropEntry');
  const out = new Array<T>(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = store[keys[i]];
  return out;
}

/** The owner uids an entry names (only those marked `controller`, or all), read from the stored object. */
function ownerUids(v: unknown, controllerOnly: boolean): string[] {
  const o = (isDraft(v) ? original(v) : v) as { metadata?: { ownerReferences?: { uid: string; controller?: boolean }[] } } | undefined;
  const out: string[] = [];
  for (const r of o?.metadata?.ownerReferences ?? []) if (r.controller || !controllerOnly) out.push(r.uid);
  return out;
}

/** Adds `key` at the end of the lists of the uids it names. */
function addOwned(owners: Owners, key: string, v: unknown): void {
  for (const [map, controllerOnly] of [[owners.controller, true], [owners.any, false]] as const) {
    for (const uid of ownerUids(v, controllerOnly)) {
      const list = map.get(uid);
      if (list) list.push(key); else map.set(uid, [key]);
    }
  }
}

/** `table[key] = value`, keeping the kept record: a new key goes last, as in the object; every watch may now hold it. */
export function putEntry<T>(table: Record<string, T>, key: string, value: T): void {
  const known = Object.hasOwn(table, key);
  const before = known ? ownerUids(peekValue(table, key), false).join() : '';
  const had = keptOf(table, false) !== undefined;
  table[key] = value;
  const k = afterWrite(table, had);
  if (!k) return;
  if (!known) {
    k.keys.push(key);
    k.ranks?.of.set(key, k.ranks.next++);
  }
  for (const keys of k.watches.values()) keys.add(key);
  if (!k.owners) return;
  // A replaced entry naming other owners would move within their lists: the index is built again.
  if (known && before !== ownerUids(value, false).join()) delete k.owners;
  else if (!known) addOwned(k.owners, key, value);
}

/** `delete table[key]`, keeping the kept record. */
export function dropEntry<T>(table: Record<string, T>, key: string): void {
  if (!Object.hasOwn(table, key)) return;
  const gone = peekValue(table, key);
  const had = keptOf(table, false) !== undefined;
  delete table[key];
  const k = afterWrite(table, had);
  if (!k) return;
  const at = k.keys.indexOf(key);
  if (at >= 0) k.keys.splice(at, 1);
  k.ranks?.of.delete(key);
  for (const keys of k.watches.values()) keys.delete(key);
  for (const [map, controllerOnly] of k.owners ? [[k.owners.controller, true], [k.owners.any, false]] as const : []) {
    for (const uid of ownerUids(gone, controllerOnly)) {
      const list = map.get(uid);
      const i = list ? list.indexOf(key) : -1;
      if (i >= 0) list!.splice(i, 1);
    }
  }
}

/**
 * Notes a write that may have made the entry at `key` hold a watch's condition (or every watch's,
 * without `watch`): a pod given its deletionTimestamp must be marked for the `deleting` watch.
 */
export function markEntry<T>(table: Record<string, T>, key: string, watch?: string): void {
  const k = afterWrite(table, true);
  if (!k) return;
  if (watch === undefined) for (const keys of k.watches.values()) keys.add(key);
  else k.watches.get(watch)?.add(key);
}

/** `keys` (all in the table) sorted into the table's order. */
function sortKeys(k: Kept, keys: Iterable<string>): string[] {
  const list = [...keys];
  if (list.length < 2) return list;
  // Ranks are kept up to date once made (putEntry, dropEntry); a copied record makes them again.
  k.ranks ??= { of: new Map(k.keys.map((key, i) => [key, i])), next: k.keys.length };
  const of = k.ranks.of;
  return list.sort((a, b) => of.get(a)! - of.get(b)!);
}

/**
 * `keys` of the table sorted into its order (a kept record's, see storedValues), without a pass
 * over the table: what `Object.keys(table).filter((k) => keys.has(k))` gives.
 */
export function inTableOrder<T>(table: Record<string, T>, keys: Iterable<string>): string[] {
  const out = sortKeys(keptOf(table, true)!, keys);
  if (keyOrderChecks.on) {
    const want = new Set(out);
    if (!sameList(out, Object.keys(storeOf(table)!).filter((key) => want.has(key)))) throw new Error('a table key was added or removed outside putEntry/dropEntry');
  }
  return out;
}

/**
 * The entries for which `holds` is true, in the table's order: what `storedValues(table).filter(holds)`
 * gives, without a pass over the table. `name` names the watch: its keys are every entry that held
 * when the watch was set up, every key put since, and every key marked for it (markEntry); an entry
 * found not to hold is dropped from it. So `holds` must stay false for an entry until a write that
 * goes through putEntry or markEntry: a pod's deletionTimestamp is only set by code that marks it.
 */
export function watchedValues<T>(table: Record<string, T>, name: string, holds: (v: T) => boolean): T[] {
  const store = storeOf(table);
  if (!store) return peekValues(table).filter(holds);
  const k = keptOf(table, true)!;
  let keys = k.watches.get(name);
  if (!keys) {
    keys = new Set();
    for (const key of k.keys) if (holds(store[key])) keys.add(key);
    k.watches.set(name, keys);
  }
  for (const key of keys) if (!Object.hasOwn(store, key) || !holds(store[key])) keys.delete(key);
  const out = sortKeys(k, keys).map((key) => store[key]);
  if (keyOrderChecks.on && !sameList(out, storedValues(table).filter(holds))) throw new Error(`the watch ${name} missed an entry: a write did not go through putEntry/markEntry`);
  return out;
}

/**
 * The entries with an owner reference to uid `uid` (only one marked `controller` when
 * `controllerOnly`), in the table's order: one controller's pods without a pass over every pod.
 * Owner references never change in place (a replaced object goes through putEntry).
 */
export function ownedValues<T>(table: Record<string, T>, uid: string, controllerOnly = true): T[] {
  const names = (v: T) => ownerUids(v, controllerOnly).includes(uid);
  const store = storeOf(table);
  if (!store) return peekValues(table).filter(names);
  const k = keptOf(table, true)!;
  if (!k.owners) {
    k.owners = { controller: new Map(), any: new Map() };
    for (const key of k.keys) addOwned(k.owners, key, store[key]);
  }
  const out = ((controllerOnly ? k.owners.controller : k.owners.any).get(uid) ?? []).map((key) => store[key]);
  if (keyOrderChecks.on && !sameList(out, storedValues(table).filter(names))) throw new Error('the owner index went stale: a key was added or removed outside putEntry/dropEntry');
  return out;
}

/**
 * Tables known to hold no entry matching a named condition, by store (see keptOf), for tables
 * whose keys are not kept (every kind's): `noneHolds` remembers a scan that found none until
 * `taintEntries` says a write may have made one match. A draft's copy takes its base's verdict
 * unless it was tainted itself.
 */
const cleanStores = new WeakMap<object, Set<string>>();
const taintedCopies = new WeakMap<object, Set<string>>();
const namesOf = (m: WeakMap<object, Set<string>>, store: object) => {
  let names = m.get(store);
  if (!names) m.set(store, (names = new Set()));
  return names;
};

/**
 * Whether no entry of the table satisfies `holds` (`!peekValues(table).some(holds)`), without a pass
 * over it while nothing was written that could change the answer: every write that may make an
 * entry hold calls taintEntries (for `deleting`: deleteObject, object create, replace and apply).
 */
export function noneHolds<T>(table: Record<string, T>, name: string, holds: (v: T) => boolean): boolean {
  const store = storeOf(table);
  if (!store) return !peekValues(table).some(holds);
  const inner = isDraft(table) ? innerOf(table) : undefined;
  const inherited = inner?.copy_ === store && inner.base_ !== undefined && !taintedCopies.get(store)?.has(name) && cleanStores.get(inner.base_)?.has(name);
  if (cleanStores.get(store)?.has(name) || inherited) {
    if (keyOrderChecks.on && peekValues(table).some(holds)) throw new Error(`a write made an entry ${name} without taintEntries`);
    return true;
  }
  const none = !peekValues(table).some(holds);
  if (none) namesOf(cleanStores, store).add(name);
  return none;
}

/** Notes a write to the table that may have made an entry satisfy noneHolds' condition `name`. */
export function taintEntries<T>(table: Record<string, T>, name: string): void {
  const store = storeOf(table);
  if (!store) return;
  cleanStores.get(store)?.delete(name);
  namesOf(taintedCopies, store).add(name);
}

const sameList = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** One entry of a state table as it stands, read without making a draft of it (see peekValues). */
export function peekValue<T>(table: Record<string, T>, key: string): T {
  if (!isDraft(table)) return table[key];
  return Object.getOwnPropertyDescriptor(table, key)?.value as T ?? table[key];
}

/** The elements of an array as they stand, in order, read without making drafts of them (see peekValues). */
export function peekItems<T>(list: readonly T[]): T[] {
  return peekValues(list as unknown as Record<string, T>);
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
