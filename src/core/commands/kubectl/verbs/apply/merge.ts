import type { KubeObject } from '../../../../model/k8s.ts';
import { clone } from '../../../../clone.ts';

/** The annotation client-side apply keeps the last applied configuration in. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Json = unknown;
const isMap = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** Lists whose items carry a `name` merge by it (containers, env, volumes, ports with names), as strategic merge patch does. */
const byName = (v: Json): v is Record<string, Json>[] => Array.isArray(v) && v.length > 0 && v.every((x) => isMap(x) && typeof x.name === 'string');

/**
 * Three-way merge of kubectl apply (a simplification of strategic merge patch): fields the last
 * applied configuration had and the new one drops are removed from the live object; fields of the
 * new configuration are set; everything else on the live object (defaults, status, what other
 * writers set) stays. Lists of named items merge item by item; other lists are replaced.
 */
export function threeWayMerge(original: Json, modified: Json, live: Json): Json {
  if (isMap(modified) && isMap(live)) {
    const out: Record<string, Json> = { ...live };
    const orig = isMap(original) ? original : {};
    for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
    for (const [k, v] of Object.entries(modified)) out[k] = threeWayMerge(orig[k], v, live[k]);
    return out;
  }
  if (byName(modified) && (live === undefined || byName(live))) {
    const liveItems = (live ?? []) as Record<string, Json>[];
    const origItems = byName(original) ? original : [];
    const named = (list: Record<string, Json>[], n: Json) => list.find((x) => x.name === n);
    const merged = modified.map((m) => threeWayMerge(named(origItems, m.name), m, named(liveItems, m.name)));
    // Items others added stay; items this configuration owned and dropped go.
    const kept = liveItems.filter((l) => !named(modified, l.name) && !named(origItems, l.name));
    return [...merged, ...kept];
  }
  return clone(modified);
}

/**
 * The configuration kubectl stores in the annotation: the object as sent (namespace filled in),
 * without its own previous annotation, as compact JSON with sorted keys and a trailing newline.
 */
export function lastAppliedOf(object: KubeObject): string {
  const copy = clone(object) as KubeObject;
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata = { ...copy.metadata, annotations };
  return JSON.stringify(sortKeys(copy)) + '\n';
}

/** The object with the last-applied annotation set to `config`. */
export function withLastApplied(object: KubeObject, config: string): KubeObject {
  return { ...object, metadata: { ...object.metadata, annotations: { ...(object.metadata.annotations ?? {}), [LAST_APPLIED]: config } } };
}

/** A deep copy with map keys sorted (Go's encoding of a map). */
export function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isMap(v)) return Object.fromEntries(Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => [k, sortKeys(v[k])]));
  return v;
}

/** Whether two objects are the same JSON, key order aside. */
export const sameObject = (a: Json, b: Json) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
