import { clone } from '../clone.ts';
import { groupOf, isObj, kindOf, meta, nameOf, versionOf, type Obj, type Res } from './types.ts';

/** List fields strategic merge patches merge by a key (the Kubernetes types' patchMergeKey). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', volumes: 'name', env: 'name',
  volumeMounts: 'mountPath', volumeDevices: 'devicePath', imagePullSecrets: 'name', hostAliases: 'ip',
  ports: 'containerPort', conditions: 'type', topologySpreadConstraints: 'topologyKey',
};

/** The merge key of list `field` under `parentKey` (a Service's ports merge by port). */
function mergeKey(field: string, item: unknown, parentKind: string): string | undefined {
  if (field === 'ports' && parentKind === 'service') return 'port';
  const key = MERGE_KEYS[field];
  return key && isObj(item) && key in item ? key : undefined;
}

/**
 * Strategic merge of `patch` into `target` as kustomize's kyaml merge does it: maps merge, `null`
 * deletes, lists with a merge key merge element by element (`$patch: delete` removes one; new
 * elements go before the old ones, in the patch's order: kustomize's ListIncreaseDirection), other
 * lists are replaced.
 */
export function strategicMerge(target: Obj, patch: Obj, kind = ''): Obj {
  const out: Obj = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch') continue;
    if (value === null) { delete out[key]; continue; }
    const cur = out[key];
    if (isObj(value) && isObj(cur)) { out[key] = value.$patch === 'replace' ? stripDirectives(value) : strategicMerge(cur, value, key === 'spec' && kind === 'Service' ? 'service' : ''); continue; }
    if (Array.isArray(value) && Array.isArray(cur)) {
      const k = value.length ? mergeKey(key, value[0], kind) : undefined;
      if (!k) { out[key] = clone(value); continue; }
      const merged = [...cur];
      const added: Obj[] = [];
      for (const item of value) {
        if (!isObj(item)) continue;
        const at = merged.findIndex((m) => isObj(m) && m[k] === item[k]);
        if (item.$patch === 'delete') { if (at >= 0) merged.splice(at, 1); continue; }
        if (at >= 0) merged[at] = strategicMerge(merged[at] as Obj, item);
        else added.push(stripDirectives(item));
      }
      out[key] = [...added, ...merged];
      continue;
    }
    out[key] = isObj(value) ? stripDirectives(value) : clone(value);
  }
  return out;
}

function stripDirectives(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (k !== '$patch' && v !== null) out[k] = isObj(v) ? stripDirectives(v) : clone(v);
  return out;
}

/** A JSON pointer's segments (`~1` is `/`, `~0` is `~`). */
const pointer = (p: string) => p.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** The container at `segs` (all but the last) inside `doc`, or undefined. */
function containerAt(doc: unknown, segs: string[]): unknown {
  let cur = doc;
  for (const s of segs) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isObj(cur)) cur = cur[s];
    else return undefined;
  }
  return cur;
}

/**
 * RFC 6902 operations (add, remove, replace, move, copy, test) on `doc`, in place. Errors read as
 * the Go json-patch library words them.
 */
export function jsonPatch(doc: Obj, ops: unknown[]): string | undefined {
  for (const raw of ops) {
    if (!isObj(raw)) return 'unexpected kind of patch operation';
    const op = String(raw.op ?? '');
    const segs = pointer(String(raw.path ?? ''));
    const last = segs[segs.length - 1];
    const parent = containerAt(doc, segs.slice(0, -1));
    const get = (): unknown => (Array.isArray(parent) ? parent[Number(last)] : isObj(parent) ? parent[last] : undefined);
    const remove = (): unknown => {
      const v = get();
      if (Array.isArray(parent)) parent.splice(Number(last), 1); else if (isObj(parent)) delete parent[last];
      return v;
    };
    const add = (value: unknown) => {
      if (Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, value);
      else if (isObj(parent)) parent[last] = value;
    };
    if (parent === undefined) return `${op} operation does not apply: doc is missing path: "${raw.path}": missing value`;
    if (op === 'add') add(clone(raw.value));
    else if (op === 'remove') { if (get() === undefined) return `remove operation does not apply: doc is missing path: "${raw.path}": missing value`; remove(); }
    else if (op === 'replace') {
      if (get() === undefined) return `replace operation does not apply: doc is missing key: ${raw.path}: missing value`;
      if (Array.isArray(parent)) parent[Number(last)] = clone(raw.value); else (parent as Obj)[last] = clone(raw.value);
    } else if (op === 'move' || op === 'copy') {
      const from = pointer(String(raw.from ?? ''));
      const src = containerAt(doc, from);
      if (src === undefined) return `${op} operation does not apply: doc is missing from path: ${raw.from}: missing value`;
      if (op === 'move') {
        const fp = containerAt(doc, from.slice(0, -1));
        const fl = from[from.length - 1];
        if (Array.isArray(fp)) fp.splice(Number(fl), 1); else if (isObj(fp)) delete fp[fl];
      }
      add(clone(src));
    } else if (op === 'test') {
      if (JSON.stringify(get()) !== JSON.stringify(raw.value)) return `testing value ${raw.path} failed: test failed`;
    } else return `Unexpected kind: ${op}`;
  }
  return undefined;
}

/** A patch's `target:` selector. */
export interface Target { group?: string; version?: string; kind?: string; name?: string; namespace?: string; labelSelector?: string; annotationSelector?: string }

/** `a=b,c!=d,e` label-selector matching over a map (equality, inequality and existence terms). */
function selects(selector: string, labels: Obj): boolean {
  return selector.split(',').map((t) => t.trim()).filter(Boolean).every((term) => {
    const ne = term.match(/^([^!=\s]+)\s*!=\s*(.*)$/);
    if (ne) return labels[ne[1]] !== ne[2];
    const eq = term.match(/^([^!=\s]+)\s*==?\s*(.*)$/);
    if (eq) return labels[eq[1]] === eq[2];
    if (term.startsWith('!')) return !(term.slice(1) in labels);
    return term in labels;
  });
}

/** Whether `r` is what `t` selects; name and namespace are anchored regular expressions, the name matched against any name it had. */
export function targets(r: Res, t: Target): boolean {
  const o = r.obj;
  const re = (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`).test(value);
  if (t.kind && t.kind !== kindOf(o)) return false;
  if (t.group !== undefined && t.group !== '' && t.group !== groupOf(o)) return false;
  if (t.version && t.version !== versionOf(o)) return false;
  if (t.name && !r.names.some((n) => re(t.name!, n))) return false;
  if (t.namespace && !re(t.namespace, String(meta(o).namespace ?? ''))) return false;
  if (t.labelSelector && !selects(t.labelSelector, isObj(meta(o).labels) ? meta(o).labels as Obj : {})) return false;
  if (t.annotationSelector && !selects(t.annotationSelector, isObj(meta(o).annotations) ? meta(o).annotations as Obj : {})) return false;
  return true;
}

/** The target a strategic merge patch without `target:` names itself: its kind, and its name among the names a resource had. */
export function selfTarget(patch: Obj): Target {
  return { kind: kindOf(patch), name: nameOf(patch).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') };
}
