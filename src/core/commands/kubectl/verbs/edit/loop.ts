import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../../model/k8s.ts';
import type { ClusterState } from '../../../../model/state.ts';
import type { Action } from '../../../../sim/actions.ts';
import type { ApiRefusal } from '../../../../sim/faults/types.ts';
import type { KindDef } from '../../../../kinds/types.ts';
import { getObject, qualifiedPlural, qualifiedSingular } from '../../../../kinds/registry.ts';
import { printJson, printYaml, toSortedJson } from '../../../../printers/yaml.ts';
import type { EditorRequest } from '../../../types.ts';
import { serverRejects } from '../patch/index.ts';
import { withIdentityOf } from '../apply/write.ts';
import { withLastApplied } from '../apply/merge.ts';
import type { ApiRequest } from '../../root/requests.ts';

/** The comment block kubectl writes above the object (editoptions.go, editHeader.writeTo, normal mode). */
export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** The header of `kubectl apply edit-last-applied` (ApplyEditMode). */
const LAST_APPLIED_HEADER = `# Please edit the 'last-applied-configuration' annotations below.
# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.
#
`;

/** One reason the file is opened again: a heading and its `* ` causes (kubectl's editReason). */
interface Reason { head: string; causes: string[] }

/** What one `kubectl edit` needs across the editor's round trips. */
export interface EditPlan {
  /** The objects being edited, as fetched (the types in the same order). */
  objects: { type: KindDef; object: KubeObject }[];
  format: 'yaml' | 'json';
  file: string;
  program: string;
  namespace: string;
  outputPatch: boolean;
  /** Authorization of the PATCH for the acting user; undefined when allowed. */
  authorize?: (request: ApiRequest) => ApiRefusal | undefined;
  /** Writes the temporary file on the laptop (kept when the edit fails, as kubectl keeps it). */
  keepFile(path: string, text: string): void;
  /**
   * `last-applied` (`kubectl apply edit-last-applied`, ApplyEditMode): the objects are the
   * last-applied configurations, and a save stores the edited one as the annotation, nothing else.
   */
  mode?: 'normal' | 'last-applied';
}

/** `# ` after each line break that does not start a comment already (kubectl's hashOnLineBreak). */
const hashOnLineBreak = (s: string) => s.replace(/\n(?!#)/g, '\n# ');

/** The file's text: the header, the reasons of the last failed save, then the body. */
function fileText(reasons: readonly Reason[], body: string, mode: EditPlan['mode']): string {
  let out = mode === 'last-applied' ? LAST_APPLIED_HEADER : EDIT_HEADER;
  for (const r of reasons) {
    out += r.causes.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const c of r.causes) out += `# * ${hashOnLineBreak(c)}\n`;
    out += '#\n';
  }
  return out + body;
}

/** The lines that are not comments (`#`, but not `#!`), as kubectl's ManualStrip keeps them. */
export function manualStrip(text: string): string {
  return text.split('\n').filter((l) => { const t = l.trim(); return !(t.startsWith('#') && !t.startsWith('#!')); }).join('\n');
}

/** The printed form of the objects: one object itself, several as a `kind: List`. */
function render(plan: EditPlan): string {
  const wire = plan.objects.map((o) => o.object);
  const data = wire.length === 1 ? wire[0] : { apiVersion: 'v1', items: wire, kind: 'List', metadata: { resourceVersion: '' } };
  return plan.format === 'json' ? printJson(data) : printYaml(data);
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** The file read back as YAML (JSON is YAML too), comments ignored. */
function parse(text: string): Parsed {
  const docs = parseAllDocuments(manualStrip(text));
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) if (d.errors.length) return { ok: false, error: `error converting YAML to JSON: yaml: ${d.errors[0].message.split('\n')[0]}` };
  const values = list.map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
  return { ok: true, value: values.length === 1 ? values[0] : values.length === 0 ? null : { kind: 'List', items: values } };
}

const same = (a: unknown, b: unknown) => JSON.stringify(toSortedJson(a)) === JSON.stringify(toSortedJson(b));
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A JSON merge patch from `a` to `b` (RFC 7386, as jsonpatch.CreateMergePatch computes it), keys sorted. */
function mergePatch(a: unknown, b: unknown): unknown {
  if (!isMap(a) || !isMap(b)) return b;
  const out: Record<string, unknown> = {};
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (!(k in b)) out[k] = null;
    else if (!(k in a)) out[k] = b[k];
    else if (!same(a[k], b[k])) out[k] = mergePatch(a[k], b[k]);
  }
  return out;
}

/** The causes of a 422 as the API server lists them (`spec.replicas: Invalid value: …`). */
function causesOf(invalid: string): string[] {
  const body = invalid.replace(/^The \S+ "[^"]*" is invalid: /, '');
  return body.startsWith('\n* ') ? body.slice(3).split('\n* ') : [body];
}

/**
 * kubectl edit's loop (kubectl 1.33 editoptions.go, normal mode) as an editor round trip: opens
 * the objects under the header, and on each exit of the editor compares, parses, checks and
 * PATCHes the edited objects. An invalid object (422) or a syntax error reopens the file with the
 * reasons in the header; the same file saved again unchanged after an error gives up, keeping a
 * copy in /tmp. Output as kubectl prints it (`deployment.apps/web edited`, `Edit cancelled, no
 * changes made.`).
 */
export function editSession(plan: EditPlan): EditorRequest {
  const original = render(plan);
  const open = (text: string, containsError: boolean): EditorRequest => ({
    file: plan.file,
    text,
    program: plan.program,
    exited: (edited, state, dispatch) => onExit(edited, text, containsError, state, dispatch),
  });
  const preserved = (edited: string, error: string) => {
    plan.keepFile(plan.file, edited);
    return { stdout: '', stderr: `A copy of your changes has been stored to "${plan.file}"\nerror: ${error}\n`, exitCode: 1 };
  };
  const onExit = (edited: string, opened: string, containsError: boolean, state: ClusterState, dispatch: (a: Action) => void): ReturnType<EditorRequest['exited']> => {
    if (containsError && manualStrip(opened) === manualStrip(edited)) return preserved(edited, 'Edit cancelled, no valid changes were saved.');
    const parsed = parse(edited);
    const before = parse(original);
    if (parsed.ok && before.ok ? same(parsed.value, before.value) : manualStrip(original) === manualStrip(edited)) {
      return { stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 };
    }
    if (!edited.split('\n').some((l) => { const t = l.trim(); return t !== '' && !t.startsWith('#'); })) {
      return { stdout: '', stderr: 'Edit cancelled, saved file was empty.\n', exitCode: 0 };
    }
    if (!parsed.ok) return { stdout: '', stderr: '', reopen: open(fileText([{ head: `The edited file had a syntax error: ${parsed.error}`, causes: [] }], manualStrip(edited), plan.mode), true) };
    const items = isMap(parsed.value) && parsed.value.kind === 'List' && Array.isArray(parsed.value.items) ? parsed.value.items : [parsed.value];
    let stdout = '';
    let stderr = '';
    const reasons: Reason[] = [];
    let retryable = 0;
    let notFound = 0;
    for (const item of items) {
      const next = item as KubeObject;
      const uid = isMap(next) && isMap(next.metadata) ? next.metadata.uid : undefined;
      const named = isMap(next) && isMap(next.metadata) ? plan.objects.find((o) => o.object.kind === next.kind && o.object.metadata.name === next.metadata.name) : undefined;
      const was = (uid !== undefined ? plan.objects.find((o) => o.object.metadata.uid === uid) : named) ?? (plan.objects.length === 1 ? plan.objects[0] : undefined);
      if (!was || !isMap(next) || next.apiVersion !== was.object.apiVersion || next.kind !== was.object.kind || !isMap(next.metadata) || next.metadata.name !== was.object.metadata.name) {
        return preserved(edited, 'At least one of apiVersion, kind and name was changed');
      }
      const ns = typeof next.metadata.namespace === 'string' ? next.metadata.namespace : '';
      if (was.type.namespaced && ns !== '' && ns !== plan.namespace) {
        return preserved(edited, `the namespace from the provided object "${ns}" does not match the namespace "${plan.namespace}". You must pass '--namespace=${ns}' to perform this operation.`);
      }
      if (same(next, was.object)) { stdout += `${qualifiedSingular(was.type)}/${was.object.metadata.name} skipped\n`; continue; }
      const name = was.object.metadata.name;
      const resource = qualifiedPlural(was.type);
      const live = getObject(state, was.type, was.object.metadata.namespace ?? '', name);
      if (!live) { notFound++; stderr += `error: ${resource} "${name}" could not be found on the server\n`; continue; }
      const refused = plan.authorize?.({ verb: 'patch', group: was.type.group, resource: was.type.plural, subresource: '', namespace: was.type.namespaced ? live.metadata.namespace : undefined, name });
      if (refused) { retryable++; stderr += `error: ${resource} "${name}" could not be patched: ${refused.message}\n`; continue; }
      if (!was.type.writable?.patch) { retryable++; stderr += `error: ${resource} "${name}" could not be patched: ${resource} "${name}" cannot be changed in this simulator\n`; continue; }
      const lastApplied = plan.mode === 'last-applied';
      // ApplyEditMode patches only the annotation: the edited configuration as JSON, keys sorted.
      const result = lastApplied ? withLastApplied(live, JSON.stringify(toSortedJson(next))) : withIdentityOf(live, next);
      const invalid = lastApplied ? undefined : serverRejects(live, result);
      if (invalid) {
        reasons.push({ head: `${resource} "${name}" was not valid`, causes: causesOf(invalid) });
        stderr += `error: ${resource} "${name}" is invalid\n`;
        continue;
      }
      if (plan.outputPatch) stdout += `Patch: ${JSON.stringify(toSortedJson(mergePatch(was.object, next)))}\n`;
      dispatch({ type: 'object/replace', kind: live.kind, ...(live.metadata.namespace ? { namespace: live.metadata.namespace } : {}), name, object: result });
      stdout += `${qualifiedSingular(was.type)}/${name} edited\n`;
    }
    if (retryable > 0) {
      plan.keepFile(plan.file, edited);
      return { stdout, stderr: `${stderr}You can run \`kubectl replace -f ${plan.file}\` to try this update again.\n`, exitCode: 1 };
    }
    if (notFound > 0) {
      plan.keepFile(plan.file, edited);
      return { stdout, stderr: `${stderr}The edits you made on deleted resources have been saved to "${plan.file}"\n`, exitCode: 1 };
    }
    if (reasons.length) return { stdout, stderr, reopen: open(fileText(reasons, manualStrip(edited), plan.mode), true) };
    return { stdout, stderr, exitCode: 0 };
  };
  return open(fileText([], original, plan.mode), false);
}
