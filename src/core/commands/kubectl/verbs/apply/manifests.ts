/**
 * Objects sent from manifest files (`kubectl apply -f`, `kubectl create -f`): the files read from
 * the machine kubectl runs on (or stdin for `-f -`), split into YAML or JSON documents (`---`, a
 * `kind: List`), each mapped to a kind of the registry and decoded against its Go struct with the
 * API server's strict field validation, which kubectl 1.27+ asks for by default (`--validate=strict`).
 */
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import { apiVersionOf, kindDef, getObject, qualifiedPlural } from '../../../../kinds/registry.ts';
import type { KindDef } from '../../../../kinds/types.ts';
import { ANY } from '../../../../kinds/fields.ts';
import { decodeAs, jsonDecodeError } from '../../../../kinds/decode.ts';
import type { CommandContext } from '../../../types.ts';

/** One object of a manifest, ready to send: its kind, where it goes and the body as decoded. */
export interface ManifestObject {
  /** The file as typed (`-` for stdin), for kubectl's `error when creating "FILE"`. */
  source: string;
  def: KindDef;
  namespace: string | undefined;
  name: string;
  body: KubeObject;
}

/**
 * Kinds a manifest may create or change here: those the simulator keeps in a table, except the ones
 * whose objects its controllers build from the scenario (workloads, nodes, pods), which manifests
 * cannot yet describe fully enough to run.
 */
const NOT_FROM_MANIFESTS = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Node', 'Job', 'CronJob', 'ControllerRevision', 'Event', 'Lease', 'EndpointSlice', 'Endpoints']);

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The documents of one file's text: YAML (several with `---`) or JSON; a `List`'s items each count. */
function documents(text: string): { ok: true; docs: unknown[] } | { ok: false; error: string } {
  const out: unknown[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) return { ok: false, error: doc.errors[0].message.split('\n')[0] };
    const v: unknown = doc.toJS();
    if (v === null || v === undefined) continue;
    if (isObj(v) && v.kind === 'List' && Array.isArray(v.items)) out.push(...v.items);
    else out.push(v);
  }
  return { ok: true, docs: out };
}

/**
 * Reads every `-f` source and maps its documents to objects, or returns kubectl's error for the
 * first that cannot be sent: a missing file, an unparsable one, an unknown kind or apiVersion, a
 * namespace that contradicts `-n`, an unknown field or a value of the wrong type.
 */
export function readManifests(ctx: CommandContext, files: readonly string[], namespace: string, namespaceGiven: boolean, verb: 'creating' | 'applying'): { ok: true; objects: ManifestObject[] } | { ok: false; stderr: string } {
  const objects: ManifestObject[] = [];
  for (const f of files) {
    let text: string;
    if (f === '-') text = ctx.stdin;
    else {
      const read = ctx.readFile(f);
      if (!read.ok) return { ok: false, stderr: read.error === 'EISDIR' ? `error: error reading [${f}]: recognized file extensions are [.json .yaml .yml]\n` : `error: the path "${f}" does not exist\n` };
      text = read.text;
    }
    const parsed = documents(text);
    if (!parsed.ok) return { ok: false, stderr: `error: error parsing ${f}: error converting YAML to JSON: yaml: ${parsed.error}\n` };
    for (const doc of parsed.docs) {
      if (!isObj(doc)) return { ok: false, stderr: `error: unable to decode "${f}": json: cannot unmarshal ${Array.isArray(doc) ? 'array' : typeof doc === 'number' ? 'number' : typeof doc === 'boolean' ? 'bool' : 'string'} into Go value of type map[string]interface {}\n` };
      const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : '';
      const kind = typeof doc.kind === 'string' ? doc.kind : '';
      if (!kind) return { ok: false, stderr: `error: error validating "${f}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n` };
      if (!apiVersion) return { ok: false, stderr: `error: error validating "${f}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n` };
      const meta = isObj(doc.metadata) ? doc.metadata : {};
      const name = typeof meta.name === 'string' ? meta.name : '';
      const def = kindDef(kind);
      const ns = def?.namespaced ? (typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : namespace) : undefined;
      if (!def || apiVersionOf(def) !== apiVersion) {
        return { ok: false, stderr: `error: resource mapping not found for name: "${name}" namespace: "${typeof meta.namespace === 'string' ? meta.namespace : ''}" from "${f}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first\n` };
      }
      if (!name) return { ok: false, stderr: `error: error when retrieving current configuration of:\nResource: "${qualifiedPlural(def)}", GroupVersionKind: "${def.group ? `${def.group}/` : ''}${def.version}, Kind=${kind}"\nName: "", Namespace: "${ns ?? ''}"\nfrom server for: "${f}": resource name may not be empty\n` };
      if (def.namespaced && namespaceGiven && typeof meta.namespace === 'string' && meta.namespace && meta.namespace !== namespace) {
        return { ok: false, stderr: `error: the namespace from the provided object "${meta.namespace}" does not match the namespace "${namespace}". You must pass '--namespace=${meta.namespace}' to perform this operation.\n` };
      }
      if (!def.table || NOT_FROM_MANIFESTS.has(kind)) {
        return { ok: false, stderr: `error: ${verb} ${qualifiedPlural(def)} from manifest files is not available in this training environment\n` };
      }
      const at = { path: '', goPath: '', owner: kind };
      const { metadata: _m, apiVersion: _a, kind: _k, status: _s, ...rest } = doc;
      const d = decodeAs(rest, def.fields ?? ANY, 'json', at);
      const lead = `Error from server (BadRequest): error when creating "${f}": ${kind} in version "${def.version}" cannot be handled as a ${kind}:`;
      if (d.mismatch) return { ok: false, stderr: `${lead} ${jsonDecodeError(d.mismatch)}\n` };
      if (d.warnings.length) return { ok: false, stderr: `${lead} strict decoding error: ${d.warnings.join(', ')}\n` };
      const metadata: KubeObject['metadata'] = { name, ...(ns !== undefined ? { namespace: ns } : {}), uid: '', creationTimestamp: '' };
      if (isObj(meta.labels)) metadata.labels = Object.fromEntries(Object.entries(meta.labels).map(([k, v]) => [k, String(v)]));
      if (isObj(meta.annotations)) metadata.annotations = Object.fromEntries(Object.entries(meta.annotations).map(([k, v]) => [k, String(v)]));
      objects.push({ source: f, def, namespace: ns, name, body: { apiVersion, kind, metadata, ...(d.value as Record<string, unknown>) } as KubeObject });
    }
  }
  return { ok: true, objects };
}

/** Why the API server refuses to store `o` before looking at the object itself (its namespace is gone), or undefined. */
export function namespaceMissing(state: ClusterState, o: ManifestObject): string | undefined {
  if (o.namespace === undefined || Object.hasOwn(state.namespaces, o.namespace)) return undefined;
  return `Error from server (NotFound): error when creating "${o.source}": namespaces "${o.namespace}" not found\n`;
}

/** The object as stored now, if it exists. */
export const existing = (state: ClusterState, o: ManifestObject) => getObject(state, o.def, o.namespace ?? '', o.name);
