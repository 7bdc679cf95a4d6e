import { parse, parseAllDocuments } from 'yaml';
import { resolvePath } from '../host/files.ts';
import { printYamlFolded } from '../printers/yaml.ts';
import { contentHash, generate, mergeGenerated } from './generators.ts';
import { fixReferences } from './nameref.ts';
import { jsonPatch, selfTarget, strategicMerge, targets, type Target } from './patch.ts';
import { legacySort } from './sort.ts';
import { addAnnotations, addLabels, addPrefixSuffix, setImages, setNamespace, setReplicas } from './transformers.ts';
import { isObj, kindOf, meta, nameOf, type BuildResult, type KustomizeFs, type Obj, type Res } from './types.ts';

/** The file names kustomize looks for in a directory, in its order. */
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Every field of kustomize's Kustomization type: anything else is `json: unknown field`. */
const FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'openapi', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels', 'commonAnnotations',
  'patchesStrategicMerge', 'patchesJson6902', 'patches', 'images', 'imageTags', 'replacements', 'replicas', 'vars', 'sortOptions', 'resources', 'components',
  'crds', 'bases', 'configMapGenerator', 'secretGenerator', 'helmGlobals', 'helmCharts', 'helmChartInflationGenerator', 'generatorOptions', 'configurations',
  'generators', 'transformers', 'validators', 'buildMetadata']);

/**
 * Fields kustomize has that this build does not carry out: refused by name rather than ignored,
 * so a build never silently differs from kustomize's.
 */
const UNSUPPORTED = ['components', 'replacements', 'vars', 'helmGlobals', 'helmCharts', 'helmChartInflationGenerator', 'transformers', 'generators', 'validators', 'crds', 'configurations', 'openapi', 'buildMetadata'];

/** Deprecated fields and what replaces them, for kustomize's `# Warning:` lines. */
const DEPRECATED: [string, string][] = [['bases', 'resources'], ['commonLabels', 'labels'], ['imageTags', 'images'], ['patchesJson6902', 'patches'], ['patchesStrategicMerge', 'patches']];

class BuildError extends Error {}

const missing = (typed: string, abs: string) => `evalsymlink failure on '${typed}' : lstat ${abs}: no such file or directory`;

/** Parses the YAML documents of a file into objects (a `kind: …List` with items is expanded). */
function objectsOf(text: string, source: string): Obj[] {
  const out: Obj[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new BuildError(`accumulating resources: accumulation err='accumulating resources from '${source}': MalformedYAMLError: ${doc.errors[0].message.split('\n')[0]}'`);
    const v: unknown = doc.toJS();
    if (v === null || v === undefined) continue;
    if (isObj(v) && kindOf(v).endsWith('List') && Array.isArray(v.items)) out.push(...v.items.filter(isObj));
    else if (isObj(v)) out.push(v);
  }
  return out;
}

/** A file's text relative to `dir`, or a BuildError naming it as kustomize does. */
function readIn(fs: KustomizeFs, dir: string, rel: string): string {
  const abs = resolvePath(rel, dir);
  const read = fs.read(abs);
  if (!read.ok) throw new BuildError(`trouble reading '${rel}': ${missing(abs, abs)}`);
  return read.text;
}

/** The patches of a kustomization in the order kustomize applies them: patchesStrategicMerge, then patches. */
function patchList(k: Obj): { text: string; fromFile?: string; target?: Target }[] {
  const out: { text: string; fromFile?: string; target?: Target }[] = [];
  for (const p of Array.isArray(k.patchesStrategicMerge) ? k.patchesStrategicMerge : []) {
    const s = String(p);
    out.push(s.includes('\n') || s.trimStart().startsWith('{') ? { text: s } : { text: '', fromFile: s });
  }
  for (const p of Array.isArray(k.patches) ? k.patches : []) {
    if (!isObj(p)) continue;
    const target = isObj(p.target) ? p.target as Target : undefined;
    out.push(typeof p.path === 'string' ? { text: '', fromFile: p.path, target } : { text: String(p.patch ?? ''), target });
  }
  return out;
}

/** Applies one patch (strategic merge or JSON 6902, told apart by its shape) to the resources it targets. */
function applyPatch(resources: Res[], text: string, target: Target | undefined): void {
  const docs = parseAllDocuments(text).map((d) => d.toJS() as unknown).filter((d) => d !== null && d !== undefined);
  if (docs.length === 1 && Array.isArray(docs[0])) {
    if (!target) throw new BuildError('unable to apply JSON patch without a target');
    for (const r of resources.filter((x) => targets(x, target))) {
      const err = jsonPatch(r.obj, docs[0]);
      if (err) throw new BuildError(err);
    }
    return;
  }
  for (const patch of docs.filter(isObj)) {
    const t = target ?? selfTarget(patch);
    const hit = resources.filter((x) => targets(x, t));
    if (hit.length === 0 && !target) throw new BuildError(`no resource matches strategic merge patch "${kindOf(patch)}.${String(patch.apiVersion ?? '').split('/').reverse().join('.')}/${nameOf(patch)}.[noNs]": no matches for Id ${kindOf(patch)}.${String(patch.apiVersion ?? '').split('/').reverse().join('.')}/${nameOf(patch)}.[noNs]; failed to find unique target for patch ${kindOf(patch)}.${String(patch.apiVersion ?? '').split('/').reverse().join('.')}/${nameOf(patch)}.[noNs]`);
    for (const r of hit) {
      const named = { ...patch, metadata: { ...meta(patch), name: nameOf(r.obj) } };
      r.obj = strategicMerge(r.obj, named, kindOf(r.obj));
    }
  }
}

/** Builds one kustomization directory (absolute `dir`, `typed` as the user gave it) through its own transformers. */
function accumulate(fs: KustomizeFs, dir: string, typed: string, warnings: string[]): Res[] {
  const probe = fs.read(dir);
  if (probe.ok) throw new BuildError(`must build at directory: '${typed}': file is not directory`);
  if (probe.error !== 'EISDIR') throw new BuildError(`must build at directory: not a valid directory: ${missing(typed, dir)}`);
  const file = KUSTOMIZATION_FILES.map((n) => ({ n, read: fs.read(`${dir}/${n}`) })).find((f) => f.read.ok);
  if (!file || !file.read.ok) throw new BuildError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  let k: unknown;
  try { k = parse(file.read.text) ?? {}; } catch (e) { throw new BuildError(`invalid Kustomization: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`); }
  if (!isObj(k)) throw new BuildError('invalid Kustomization: json: cannot unmarshal string into Go value of type types.Kustomization');
  const unknown = Object.keys(k).find((f) => !FIELDS.has(f));
  if (unknown) throw new BuildError(`invalid Kustomization: json: unknown field "${unknown}"`);
  const unsupported = UNSUPPORTED.find((f) => k[f] !== undefined && !(Array.isArray(k[f]) && (k[f] as unknown[]).length === 0));
  if (unsupported) throw new BuildError(`kustomization field '${unsupported}' (in ${dir}/${file.n}) is not available in this training environment`);
  for (const [old, now] of DEPRECATED) {
    if (k[old] !== undefined) warnings.push(`# Warning: '${old}' is deprecated. Please use '${now}' instead. Run 'kustomize edit fix' to update your Kustomization automatically.`);
  }
  const resources: Res[] = [];
  for (const entry of [...(Array.isArray(k.resources) ? k.resources : []), ...(Array.isArray(k.bases) ? k.bases : [])]) {
    const rel = String(entry);
    const abs = resolvePath(rel, dir);
    const read = fs.read(abs);
    if (read.ok) {
      for (const obj of objectsOf(read.text, rel)) resources.push({ obj, names: [nameOf(obj)], originalNamespace: String(meta(obj).namespace ?? '') });
      continue;
    }
    if (read.error !== 'EISDIR') {
      throw new BuildError(`accumulating resources: accumulation err='accumulating resources from '${rel}': ${missing(abs, abs)}': must build at directory: not a valid directory: ${missing(abs, abs)}`);
    }
    try {
      resources.push(...accumulate(fs, abs, abs, warnings));
    } catch (e) {
      if (!(e instanceof BuildError)) throw e;
      throw new BuildError(`accumulating resources: accumulation err='accumulating resources from '${rel}': read ${abs}: is a directory': recursed accumulation of path '${abs}': ${e.message}`);
    }
  }
  const generated = generate(fs, dir, k);
  if (!generated.ok) throw new BuildError(generated.error);
  for (const { behavior, ...made } of generated.resources) {
    if (behavior === 'create') { resources.push(made); continue; }
    const name = made.names[0];
    const existing = resources.find((r) => kindOf(r.obj) === kindOf(made.obj) && r.names.includes(name));
    if (!existing) throw new BuildError(`merging from generator &{${name} ${kindOf(made.obj)}}: id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"${kindOf(made.obj)}", isClusterScoped:false}, Name:"${name}", Namespace:""} does not exist; cannot merge or replace`);
    mergeGenerated(existing, made, behavior);
  }
  for (const p of patchList(k)) applyPatch(resources, p.fromFile ? readIn(fs, dir, p.fromFile) : p.text, p.target);
  if (typeof k.namespace === 'string' && k.namespace) setNamespace(resources, k.namespace);
  if (k.namePrefix || k.nameSuffix) addPrefixSuffix(resources, String(k.namePrefix ?? ''), String(k.nameSuffix ?? ''));
  if (isObj(k.commonLabels)) addLabels(resources, k.commonLabels as Record<string, string>, 'selectors');
  for (const l of Array.isArray(k.labels) ? k.labels.filter(isObj) : []) {
    addLabels(resources, (isObj(l.pairs) ? l.pairs : {}) as Record<string, string>, l.includeSelectors === true ? 'selectors' : l.includeTemplates === true ? 'templates' : 'metadata');
  }
  if (isObj(k.commonAnnotations)) addAnnotations(resources, k.commonAnnotations as Record<string, string>);
  for (const p of Array.isArray(k.patchesJson6902) ? k.patchesJson6902.filter(isObj) : []) {
    applyPatch(resources, typeof p.path === 'string' ? readIn(fs, dir, p.path) : String(p.patch ?? ''), p.target as Target);
  }
  if (Array.isArray(k.replicas)) setReplicas(resources, k.replicas.filter(isObj));
  if (Array.isArray(k.images)) setImages(resources, k.images.filter(isObj));
  return resources;
}

/** The top kustomization's `sortOptions.order` (kustomize sorts only there): `legacy` unless it says `fifo`. */
function sortOrder(fs: KustomizeFs, dir: string): string {
  for (const n of KUSTOMIZATION_FILES) {
    const read = fs.read(`${dir}/${n}`);
    if (!read.ok) continue;
    const k: unknown = parse(read.text);
    return isObj(k) && isObj(k.sortOptions) && k.sortOptions.order === 'fifo' ? 'fifo' : 'legacy';
  }
  return 'legacy';
}

/**
 * `kubectl kustomize DIR` (kustomize v5 as kubectl 1.33 bundles it): builds the kustomization in
 * `dir` (absolute; `typed` is how the user wrote it, for messages) and everything it includes,
 * appends the content hash to generated names, fixes name references, and writes the resources
 * in kustomize's legacy order as `---`-separated YAML. Errors are kustomize's text without
 * `error: `; `warnings` holds the deprecation lines kubectl writes to stderr.
 */
export function kustomizeBuild(fs: KustomizeFs, dir: string, typed: string): BuildResult {
  const warnings: string[] = [];
  const warned = () => warnings.map((w) => `${w}\n`).join('');
  try {
    const resources = accumulate(fs, dir, typed, warnings);
    for (const r of resources) {
      if (!r.hashSuffix) continue;
      const name = `${nameOf(r.obj)}-${contentHash(r.obj)}`;
      meta(r.obj).name = name;
      r.names.push(name);
    }
    fixReferences(resources);
    const sorted = (sortOrder(fs, dir) === 'fifo' ? resources : legacySort(resources)).map((r) => r.obj);
    return { ok: true, resources: sorted, yaml: sorted.map(printYamlFolded).join('---\n'), warnings: warned() };
  } catch (e) {
    if (e instanceof BuildError) return { ok: false, error: e.message, warnings: warned() };
    throw e;
  }
}
