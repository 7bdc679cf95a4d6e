/**
 * The three patch types of `kubectl patch --type` as pure functions over plain JSON values:
 * JSON merge patch (RFC 7386), JSON patch (RFC 6902) and an approximation of Kubernetes'
 * strategic merge patch (merge patch, except that lists of objects carrying `name` — containers,
 * env, ports, volumes — are merged element by element by name, and `$patch: delete` removes an
 * element). Inputs are never mutated. Errors are messages for kubectl to print after `error: `.
 */

type Json = unknown;
const isObj = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/** RFC 7386: objects merge recursively, `null` deletes a key, anything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return clone(patch);
  const out: Record<string, Json> = isObj(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(Object.hasOwn(out, k) ? out[k] : undefined, v);
  }
  return out;
}

/**
 * Lists of named objects whose Go field has no patchMergeKey, so a strategic merge patch replaces
 * them whole, by the kind at whose top level they sit (core/v1 ServiceAccount.imagePullSecrets;
 * the pod spec's own imagePullSecrets does merge by name).
 */
const REPLACED_LISTS: Record<string, readonly string[]> = { ServiceAccount: ['imagePullSecrets'] };

/** Strategic merge (approximated): like mergePatch, but named-object lists merge by `name`. */
export function strategicMergePatch(target: Json, patch: Json): Json {
  const replaced = isObj(target) && typeof target.kind === 'string' && Object.hasOwn(REPLACED_LISTS, target.kind) ? REPLACED_LISTS[target.kind] : [];
  return strategicMerge(target, patch, replaced);
}

function strategicMerge(target: Json, patch: Json, replaced: readonly string[] = []): Json {
  if (!isObj(patch)) return clone(patch);
  const out: Record<string, Json> = isObj(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    const cur = Object.hasOwn(out, k) ? out[k] : undefined;
    if (v === null) delete out[k];
    else if (replaced.includes(k)) out[k] = clone(v);
    else if (Array.isArray(v) && Array.isArray(cur) && isNamedList(v) && isNamedList(cur)) out[k] = mergeNamedList(cur, v);
    else out[k] = strategicMerge(cur, v);
  }
  return out;
}

const isNamedList = (l: Json[]) => l.length > 0 && l.every((e) => isObj(e) && typeof e.name === 'string');

function mergeNamedList(cur: Json[], patch: Json[]): Json[] {
  const out = cur.map(clone) as Record<string, Json>[];
  for (const p of patch as Record<string, Json>[]) {
    const i = out.findIndex((e) => e.name === p.name);
    if (p.$patch === 'delete') { if (i >= 0) out.splice(i, 1); continue; }
    if (i >= 0) out[i] = strategicMerge(out[i], p) as Record<string, Json>;
    else out.push(strategicMerge({}, p) as Record<string, Json>);
  }
  return out;
}

interface Op { op: string; path: string; value?: Json; from?: string }

function pointer(path: string): string[] | undefined {
  if (path === '') return [];
  if (!path.startsWith('/')) return undefined;
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** RFC 6902 JSON patch. Returns the patched value or an error message. */
export function jsonPatch(target: Json, ops: Json): { ok: true; value: Json } | { ok: false; error: string } {
  if (!Array.isArray(ops)) return { ok: false, error: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' };
  let doc = clone(target);
  for (const raw of ops) {
    if (!isObj(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') return { ok: false, error: 'unexpected kind of operation' };
    const op = raw as unknown as Op;
    const parts = pointer(op.path);
    if (!parts) return { ok: false, error: `add operation does not apply: doc is missing path: "${op.path}": missing value` };
    const res = applyOp(doc, op, parts);
    if (!res.ok) return res;
    doc = res.value;
  }
  return { ok: true, value: doc };
}

function applyOp(doc: Json, op: Op, parts: string[]): { ok: true; value: Json } | { ok: false; error: string } {
  const missing = { ok: false as const, error: `${op.op} operation does not apply: doc is missing path: "${op.path}": missing value` };
  const get = (p: string[]): Json => p.reduce<Json>((cur, k) => (isObj(cur) && Object.hasOwn(cur, k) ? cur[k] : Array.isArray(cur) ? cur[Number(k)] : undefined), doc);
  if (op.op === 'test') return JSON.stringify(get(parts)) === JSON.stringify(op.value) ? { ok: true, value: doc } : { ok: false, error: `testing value ${op.path} failed: test failed` };
  if (op.op === 'move' || op.op === 'copy') {
    const from = pointer(op.from ?? '');
    if (!from) return missing;
    const v = get(from);
    if (v === undefined) return missing;
    let d = doc;
    if (op.op === 'move') { const r = applyOp(d, { op: 'remove', path: op.from! }, from); if (!r.ok) return r; d = r.value; }
    return applyOp(d, { op: 'add', path: op.path, value: clone(v) }, parts);
  }
  if (parts.length === 0) return op.op === 'remove' ? { ok: true, value: null } : { ok: true, value: clone(op.value) };
  const parent = get(parts.slice(0, -1));
  const key = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(i) || i < 0 || i > parent.length || (op.op !== 'add' && i >= parent.length)) return missing;
    if (op.op === 'add') parent.splice(i, 0, clone(op.value));
    else if (op.op === 'remove') parent.splice(i, 1);
    else if (op.op === 'replace') parent[i] = clone(op.value);
    else return { ok: false, error: `Unexpected kind: ${op.op}` };
    return { ok: true, value: doc };
  }
  if (!isObj(parent)) return missing;
  if (op.op === 'add') parent[key] = clone(op.value);
  else if (op.op === 'remove' || op.op === 'replace') {
    if (!Object.hasOwn(parent, key)) return missing;
    if (op.op === 'remove') delete parent[key]; else parent[key] = clone(op.value);
  } else return { ok: false, error: `Unexpected kind: ${op.op}` };
  return { ok: true, value: doc };
}
