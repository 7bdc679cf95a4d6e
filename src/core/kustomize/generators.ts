import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { encodeBase64 } from '../base64.ts';
import { resolvePath } from '../host/files.ts';
import { isObj, kindOf, meta, type KustomizeFs, type Obj, type Res } from './types.ts';

/** `generatorOptions` and a generator's own `options`. */
interface Options { labels?: Record<string, string>; annotations?: Record<string, string>; disableNameSuffixHash?: boolean; immutable?: boolean }

/** A `configMapGenerator` or `secretGenerator` entry. */
interface Generator { name?: string; namespace?: string; behavior?: string; literals?: string[]; files?: string[]; envs?: string[]; env?: string; type?: string; options?: Options }

/** `"v"` or `'v'` → v, as kustomize's parseLiteralSource strips one pair of matching quotes. */
function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * The key/value pairs of one generator, read as kustomize's KV loader does: `envs` files line by
 * line (blank lines and `#` comments skipped, leading space trimmed, the value kept as written),
 * then `literals` (`KEY=VALUE`, one pair of quotes stripped), then `files` (`[KEY=]PATH`, the key
 * defaulting to the file's name, the whole content as the value). Paths are relative to `dir`.
 */
function pairs(fs: KustomizeFs, dir: string, g: Generator): { ok: true; data: [string, string][] } | { ok: false; error: string } {
  const data: [string, string][] = [];
  for (const env of [...(g.envs ?? []), ...(g.env ? [g.env] : [])]) {
    const path = resolvePath(env, dir);
    const read = fs.read(path);
    if (!read.ok) return { ok: false, error: `env source files: [${env}]: evalsymlink failure on '${path}' : lstat ${path}: no such file or directory` };
    for (const raw of read.text.split('\n')) {
      const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) continue;
      const at = line.indexOf('=');
      data.push(at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)]);
    }
  }
  for (const lit of g.literals ?? []) {
    const at = String(lit).indexOf('=');
    if (at <= 0) return { ok: false, error: `invalid literal source ${lit}, expected key=value` };
    data.push([String(lit).slice(0, at), unquote(String(lit).slice(at + 1))]);
  }
  for (const f of g.files ?? []) {
    const at = String(f).indexOf('=');
    const [key, file] = at > 0 ? [String(f).slice(0, at), String(f).slice(at + 1)] : [basename(String(f)), String(f)];
    const path = resolvePath(file, dir);
    const read = fs.read(path);
    if (!read.ok) return { ok: false, error: `file sources: [${f}]: evalsymlink failure on '${path}' : lstat ${path}: no such file or directory` };
    data.push([key, read.text]);
  }
  return { ok: true, data };
}

/**
 * kyaml's encodeBase64 for Secret data: standard base64, cut into 70-character lines each ending
 * in a newline once it is 70 characters or longer (so YAML writes it as a literal block).
 */
export function secretBase64(value: string): string {
  const enc = encodeBase64(value);
  if (enc.length < 70) return enc;
  let out = '';
  for (let i = 0; i < enc.length; i += 70) out += `${enc.slice(i, i + 70)}\n`;
  return out;
}

/**
 * Makes the ConfigMaps and Secrets of a kustomization's `configMapGenerator` and
 * `secretGenerator`, with `generatorOptions` (labels, annotations, immutable, no hash) laid under
 * each generator's own options. Resources are returned in the order written, each with its
 * `behavior` (create, merge or replace: what to do with a base's object of that name).
 */
export function generate(fs: KustomizeFs, dir: string, k: Obj): { ok: true; resources: (Res & { behavior: string })[] } | { ok: false; error: string } {
  const global = (isObj(k.generatorOptions) ? k.generatorOptions : {}) as Options;
  const out: (Res & { behavior: string })[] = [];
  for (const [list, kind] of [[k.configMapGenerator, 'ConfigMap'], [k.secretGenerator, 'Secret']] as const) {
    for (const g of (Array.isArray(list) ? list : []) as Generator[]) {
      const read = pairs(fs, dir, g);
      if (!read.ok) return read;
      const own = g.options ?? {};
      const labels = { ...(global.labels ?? {}), ...(own.labels ?? {}) };
      const annotations = { ...(global.annotations ?? {}), ...(own.annotations ?? {}) };
      const name = String(g.name ?? '');
      const obj: Obj = { apiVersion: 'v1', kind, metadata: { name, ...(g.namespace ? { namespace: g.namespace } : {}) } };
      if (Object.keys(labels).length) meta(obj).labels = labels;
      if (Object.keys(annotations).length) meta(obj).annotations = annotations;
      const data: Record<string, string> = {};
      for (const [key, value] of read.data) data[key] = kind === 'Secret' ? secretBase64(value) : value;
      obj.data = data;
      if (kind === 'Secret') obj.type = g.type ?? 'Opaque';
      if (own.immutable ?? global.immutable) obj.immutable = true;
      const hashSuffix = !(own.disableNameSuffixHash ?? global.disableNameSuffixHash ?? false);
      out.push({ obj, names: [name], originalNamespace: g.namespace ?? '', hashSuffix, behavior: g.behavior ?? 'create' });
    }
  }
  return { ok: true, resources: out };
}

/** Go's json.Marshal of a value with its keys sorted and `<`, `>`, `&` escaped. */
function goJson(v: unknown): string {
  const sorted = (x: unknown): unknown => (isObj(x) ? Object.fromEntries(Object.keys(x).sort().map((key) => [key, sorted(x[key])])) : Array.isArray(x) ? x.map(sorted) : x);
  return JSON.stringify(sorted(v)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * The name suffix kustomize's hasher gives a generated ConfigMap or Secret: SHA-256 of the JSON
 * of its kind, data (binaryData, stringData and a Secret's type when present) and an empty name
 * (the hasher looks the name up by a path that never matches), the first 10 hex digits with
 * 0, 1, 3, a, e replaced by g, h, k, m, t so the suffix never reads as a number or a word.
 */
export function contentHash(o: Obj): string {
  const kind = kindOf(o);
  const m: Obj = { kind, name: '', data: isObj(o.data) ? o.data : '' };
  if (kind === 'ConfigMap' && isObj(o.binaryData)) m.binaryData = o.binaryData;
  if (kind === 'Secret') {
    m.type = o.type ?? '';
    if (isObj(o.stringData)) m.stringData = o.stringData;
  }
  const hex = bytesToHex(sha256(utf8ToBytes(goJson(m))));
  return hex.slice(0, 10).replace(/[013ae]/g, (c) => ({ 0: 'g', 1: 'h', 3: 'k', a: 'm', e: 't' })[c as '0']);
}

/**
 * An overlay generator with `behavior: merge` or `replace` acting on the base's generated object
 * it names (by any name that object had): merge lays the new data, labels and annotations over
 * the old; replace keeps only the new data. The base object keeps its place and name history.
 */
export function mergeGenerated(existing: Res, made: Res, behavior: string): void {
  const o = existing.obj;
  const m = meta(made.obj);
  for (const field of ['labels', 'annotations'] as const) {
    if (isObj(m[field])) meta(o)[field] = { ...(isObj(meta(o)[field]) ? meta(o)[field] as Obj : {}), ...(m[field] as Obj) };
  }
  o.data = behavior === 'replace' ? made.obj.data : { ...(isObj(o.data) ? o.data : {}), ...(made.obj.data as Obj) };
}
