import type { KubeEvent, KubeObject, PodTemplateSpec } from '../model/k8s.ts';
import type { ClusterState } from '../model/state.ts';
import { ageOf } from '../printers/columns.ts';
import { eventsFor } from '../printers/describe/events.ts';
import type { Related } from '../printers/describe/types.ts';
import { byteCompare } from '../printers/describe/writer.ts';
import type { KindColumn, KindDef } from './types.ts';
import { hashString, seeded, uid } from '../sim/rng.ts';
import { peekValue, putEntry } from '../sim/peek.ts';

/** The verbs of most built-in resources, as `kubectl api-resources -o wide` lists them. */
export const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
/** Namespaces and Services have no deletecollection. */
export const RW_NO_COLLECTION = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** NAME: the object's name. */
export const nameColumn: KindColumn = { name: 'NAME', cell: (o) => o.metadata.name };
/** AGE: `HumanDuration(now - creationTimestamp)`. */
export const ageColumn: KindColumn = { name: 'AGE', cell: (o, _s, now) => ageOf(o.metadata.creationTimestamp, now) };

/** A typed column: lets a kind module write `col<Pod>('READY', (p) => …)` without casts. */
export const col = <T extends KubeObject>(name: string, cell: (obj: T, state: ClusterState, now: number) => string, wide?: boolean): KindColumn<T> =>
  (wide ? { name, wide, cell } : { name, cell });

/** CONTAINERS and IMAGES of a pod template (workload `-o wide` columns). */
export const templateContainers = (t: PodTemplateSpec | undefined) => (t?.spec?.containers ?? []).map((c) => c.name).join(',');
export const templateImages = (t: PodTemplateSpec | undefined) => (t?.spec?.containers ?? []).map((c) => c.image).join(',');

const EMPTY: Record<string, never> = Object.freeze({}) as Record<string, never>;

/** Table functions made by objectTable → the plural they read in `state.objects`. */
const GENERIC_STORES = new WeakMap<object, string>();

/**
 * The objects held in a kind's table, read only: for a generic store (objectTable) that does not
 * exist yet, an empty record instead of creating it on a draft.
 */
export function peekTable<T extends KubeObject>(state: ClusterState, table: (state: ClusterState) => Record<string, T>): Record<string, T> {
  const plural = GENERIC_STORES.get(table);
  if (plural !== undefined && !(state.objects && Object.hasOwn(state.objects, plural))) return EMPTY;
  return table(state);
}

/**
 * A kind's table as stored, for reading only: inside a reducer neither `state.objects` nor the
 * table is drafted (reading them through the draft copied the store), and entries come as they
 * stand, a draft only where this action already wrote. Empty for a generic store not created yet.
 * Never write through it: fetch the table with `table(state)` for that.
 */
export function storedTable<T extends KubeObject>(state: ClusterState, table: (state: ClusterState) => Record<string, T>): Record<string, T> {
  const plural = GENERIC_STORES.get(table);
  if (plural === undefined) return table(state);
  const store = peekValue(state as unknown as Record<string, ClusterState['objects']>, 'objects');
  return store && Object.hasOwn(store, plural) ? (peekValue(store, plural) as Record<string, T>) : EMPTY;
}

/**
 * The generic store of a kind without a typed ClusterState field (`state.objects[plural]`). On a
 * frozen state a missing table reads as empty; on a draft it is created, so writes land.
 */
export function objectTable<T extends KubeObject>(plural: string): (state: ClusterState) => Record<string, T> {
  const table = (state: ClusterState) => {
    const store = state.objects;
    if (store && Object.hasOwn(store, plural)) return store[plural] as Record<string, T>;
    if (!store || Object.isFrozen(store)) return EMPTY;
    store[plural] = {};
    return store[plural] as Record<string, T>;
  };
  GENERIC_STORES.set(table, plural);
  return table as (state: ClusterState) => Record<string, T>;
}

/** Records sorted by key (`namespace/name`): the API server's list order. */
export const sortedValues = <T>(records: Record<string, T>): T[] => Object.keys(records).sort(byteCompare).map((k) => records[k]);

/** The object's events (by kind and uid), or undefined when `--show-events=false`. */
export function objectEvents(state: ClusterState, obj: KubeObject, showEvents: boolean, kind: string | undefined = obj.kind, uids = [obj.metadata.uid]): KubeEvent[] | undefined {
  if (!showEvents) return undefined;
  return eventsFor(Object.values(state.events), { name: obj.metadata.name, namespace: obj.metadata.namespace, kind, uids });
}

/** The pods of the object's namespace, in list order (ReplicaSet and Service describers count them). */
export const namespacePods = (state: ClusterState, obj: KubeObject) =>
  sortedValues(state.pods).filter((p) => (p.metadata.namespace ?? 'default') === obj.metadata.namespace);

/** What kubectl's generic describer fetches: the object's events. */
export const eventsOnly = (state: ClusterState, obj: KubeObject, showEvents: boolean): Related => ({ events: objectEvents(state, obj, showEvents) });

/**
 * Creates `obj` in its kind's table unless an object of that name exists: what the built-in
 * controllers and the API server's bootstrap do (a `default` ServiceAccount per namespace, the
 * system PriorityClasses). Identity comes from the object's key, never from `state.rng` or
 * `state.serial`, so adding one changes no other generated name or resourceVersion.
 */
export function ensureDefault<T extends KubeObject>(state: ClusterState, def: KindDef<T>, obj: T): void {
  if (!def.table) return;
  // A Terminating (or deleted) namespace takes no new content.
  if (def.namespaced) {
    const ns = state.namespaces[obj.metadata.namespace ?? 'default'];
    if (ns?.metadata.deletionTimestamp) return;
  }
  const table = def.table(state);
  const key = def.namespaced ? `${obj.metadata.namespace ?? 'default'}/${obj.metadata.name}` : obj.metadata.name;
  if (Object.hasOwn(table, key)) return;
  const h = hashString(`${def.kind}/${key}`);
  obj.metadata.uid ||= uid(seeded(`${def.kind}/${key}`));
  // Below the serial the API server's own writes start from (1000): made before anything else.
  obj.metadata.resourceVersion ??= String(100 + (h % 900));
  putEntry(table, key, obj);
}
