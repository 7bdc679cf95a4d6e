import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../model/k8s.ts';
import { apiVersionOf, getObject, kindDef, qualifiedPlural, qualifiedSingular } from '../../kinds/registry.ts';
import type { KindDef } from '../../kinds/types.ts';
import type { ApiRequest } from './root/requests.ts';
import type { ApiRefusal } from '../../sim/faults/types.ts';
import type { CommandContext } from '../types.ts';
import { resolvePath } from '../../host/files.ts';
import { buildKustomization } from './verbs/kustomize/index.ts';

/** One object read from `-f`: where it came from (as kubectl names the source), its kind and its namespace after defaulting. */
export interface ManifestItem {
  /** The file as typed, or `STDIN` for `-f -` (kubectl's source name in messages). */
  source: string;
  type: KindDef;
  /** The object as written, with the namespace kubectl would send it to (none for cluster-scoped kinds). */
  object: KubeObject;
  namespace?: string;
  /** The object in the cluster now, if any. */
  live?: KubeObject;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The texts `-f` names: `-` is stdin, a directory its .yaml/.yml/.json files (recursively with -R), in name order. */
function sources(ctx: CommandContext, files: readonly string[], recursive: boolean): { ok: true; texts: { source: string; text: string }[] } | { ok: false; error: string } {
  const texts: { source: string; text: string }[] = [];
  const walk = (dir: string, typed: string, top: boolean): string | undefined => {
    const names = [...(ctx.fs?.list(dir) ?? [])].sort();
    for (const n of names) {
      const path = `${dir.replace(/\/$/, '')}/${n}`;
      const shown = `${typed.replace(/\/$/, '')}/${n}`;
      const read = ctx.readFile(path);
      if (read.ok) { if (/\.(ya?ml|json)$/.test(n)) texts.push({ source: shown, text: read.text }); continue; }
      if (read.error === 'EISDIR' && recursive) walk(path, shown, false);
    }
    return top && texts.length === 0 ? `error reading [${typed}]: recognized file extensions are [.json .yaml .yml]` : undefined;
  };
  for (const f of files) {
    if (f === '-') { texts.push({ source: 'STDIN', text: ctx.stdin }); continue; }
    if (/^https?:\/\//.test(f)) return { ok: false, error: `unable to read URL "${f}", server reported 404 Not Found, status code=404` };
    const path = resolvePath(f, ctx.frame.cwd);
    const read = ctx.readFile(path);
    if (read.ok) { texts.push({ source: f, text: read.text }); continue; }
    if (read.error === 'ENOENT') return { ok: false, error: `the path "${f}" does not exist` };
    if (read.error === 'EACCES') return { ok: false, error: `open ${path}: permission denied` };
    const err = walk(path, f, true);
    if (err) return { ok: false, error: err };
  }
  return { ok: true, texts };
}

/** `-k DIR`: the kustomization built as one text, named by the directory as typed. */
function built(ctx: CommandContext, dir: string): { ok: true; texts: { source: string; text: string }[] } | { ok: false; error: string } {
  const b = buildKustomization(ctx, dir);
  return b.ok ? { ok: true, texts: [{ source: dir, text: b.yaml }] } : { ok: false, error: b.error };
}

/**
 * Reads the objects of `kubectl apply|create|replace|delete|diff -f …` (or `-k DIR`, kustomize's build of it) as kubectl's resource
 * builder does (1.33): YAML or JSON documents (`---` separated, `kind: List` expanded), each
 * mapped to a kind of the registry by apiVersion and kind, placed in the command's namespace when
 * it names none, and looked up in the cluster. Errors are kubectl's text without `error: `:
 * `the path "x" does not exist`, the mapping error for a kind the cluster does not serve, a
 * namespace that contradicts `-n`.
 */
export function readManifests(ctx: CommandContext, files: readonly string[], opts: { verb: string; namespace: string; namespaceGiven: boolean; recursive?: boolean; kustomize?: string }): { ok: true; items: ManifestItem[] } | { ok: false; error: string } {
  const read = opts.kustomize ? built(ctx, opts.kustomize) : sources(ctx, files, opts.recursive === true);
  if (!read.ok) return read;
  const items: ManifestItem[] = [];
  for (const { source, text } of read.texts) {
    const docs = parseAllDocuments(text);
    const objects: unknown[] = [];
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      if (doc.errors.length) return { ok: false, error: `error parsing ${source}: error converting YAML to JSON: yaml: ${doc.errors[0].message.split('\n')[0]}` };
      const value: unknown = doc.toJS();
      if (value === null || value === undefined) continue;
      if (isMap(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) objects.push(...value.items);
      else objects.push(value);
    }
    for (const value of objects) {
      if (!isMap(value)) return { ok: false, error: `error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false` };
      const meta = isMap(value.metadata) ? value.metadata : {};
      const name = typeof meta.name === 'string' ? meta.name : '';
      const given = typeof meta.namespace === 'string' ? meta.namespace : '';
      if (typeof value.apiVersion !== 'string' || value.apiVersion === '') return { ok: false, error: `error validating "${source}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false` };
      if (typeof value.kind !== 'string' || value.kind === '') return { ok: false, error: `error validating "${source}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false` };
      const type = kindDef(value.kind);
      if (!type || apiVersionOf(type) !== value.apiVersion) {
        return { ok: false, error: `resource mapping not found for name: "${name}" namespace: "${given}" from "${source}": no matches for kind "${value.kind}" in version "${value.apiVersion}"\nensure CRDs are installed first` };
      }
      if (name === '') return { ok: false, error: `error when retrieving current configuration of:\nResource: "${qualifiedPlural(type)}", GroupVersionKind: "${gvk(type)}"\nName: "", Namespace: "${type.namespaced ? given || opts.namespace : ''}"\nfrom server for: "${source}": resource name may not be empty` };
      let namespace: string | undefined;
      if (type.namespaced) {
        if (opts.namespaceGiven && given !== '' && given !== opts.namespace) {
          return { ok: false, error: `the namespace from the provided object "${given}" does not match the namespace "${opts.namespace}". You must pass '--namespace=${given}' to perform this operation.` };
        }
        namespace = given || opts.namespace;
      }
      const object = { ...value, metadata: { ...meta, ...(namespace ? { namespace } : {}) } } as unknown as KubeObject;
      if (!type.namespaced) delete (object.metadata as { namespace?: string }).namespace;
      const live = getObject(ctx.state, type, namespace ?? '', name);
      items.push({ source, type, object, ...(namespace ? { namespace } : {}), ...(live ? { live } : {}) });
    }
  }
  if (items.length === 0) return { ok: false, error: `no objects passed to ${opts.verb}` };
  return { ok: true, items };
}

/** `apps/v1, Kind=Deployment`, as kubectl prints a GroupVersionKind. */
export const gvk = (t: KindDef) => `${t.group ? `${t.group}/` : ''}${t.version}, Kind=${t.kind}`;

/** `deployment.apps/web`, the reference kubectl prints before `created`, `configured`… */
export const itemRef = (i: ManifestItem) => `${qualifiedSingular(i.type)}/${i.object.metadata.name}`;

/** `deployments.apps "web"`, as API errors name an object. */
export const itemName = (i: ManifestItem) => `${qualifiedPlural(i.type)} "${i.object.metadata.name}"`;

/** A request about one `-f` object (`verb`: get, create, patch, update), as the authorizer sees it. */
export function itemRequest(item: ManifestItem, verb: string): ApiRequest {
  return { verb, group: item.type.group, resource: item.type.plural, subresource: '', namespace: item.namespace, ...(verb === 'create' ? {} : { name: item.object.metadata.name }) };
}

/**
 * The refusal of apply's first step, reading the live object, as kubectl 1.33 prints it:
 * `Error from server (Forbidden): error when retrieving current configuration of:` then the
 * resource, the kind, the name and namespace, and `from server for: "FILE": <message>`.
 */
export function retrievalRefusal(item: ManifestItem, refusal: ApiRefusal): string {
  const gv = item.type.group ? apiVersionOf(item.type) : `/${apiVersionOf(item.type)}`;
  return `Error from server (${refusal.reason}): error when retrieving current configuration of:\nResource: "${gv}, Resource=${item.type.plural}", GroupVersionKind: "${gv}, Kind=${item.type.kind}"\nName: "${item.object.metadata.name}", Namespace: "${item.namespace ?? ''}"\nfrom server for: "${item.source}": ${refusal.message}`;
}
