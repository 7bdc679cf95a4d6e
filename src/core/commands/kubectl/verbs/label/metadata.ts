import type { KubeObject } from '../../../../model/k8s.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlInvocation, KubectlVerb } from '../../verb.ts';
import { findObjects, notFoundMessage, parseResourceArgs } from '../get/query.ts';
import { parseLabelSelector, selectorMatches } from '../../../../k8s/labels.ts';
import { qualifiedSingular } from '../../../../kinds/registry.ts';

/**
 * What differs between `kubectl label` and `kubectl annotate` (kubectl pkg/cmd/label and
 * pkg/cmd/annotate): the metadata map they edit, the action they dispatch and their wording.
 */
interface MetadataEdit {
  field: 'labels' | 'annotations';
  action: 'object/setLabels' | 'object/setAnnotations';
  /** `labeled` / `annotated`. */
  done: string;
  /** `unlabeled` / `annotated` (kubectl annotate says annotated for removals too). */
  removed: string;
  unchanged: string;
  /** kubectl's refusal to overwrite without --overwrite. */
  overwriteError(conflicts: [string, string][]): string;
  validKey(key: string): boolean;
}

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** Splits args into resource words and `key=value` / `key-` updates. */
function splitArgs(args: readonly string[]): { resources: string[]; updates: string[] } {
  const i = args.findIndex((a) => a.includes('=') || (a.endsWith('-') && a.length > 1));
  return i < 0 ? { resources: [...args], updates: [] } : { resources: args.slice(0, i), updates: args.slice(i) };
}

/** Runs a label or annotate command line. */
export function runMetadataEdit(edit: MetadataEdit, verb: string, inv: KubectlInvocation, ctx: CommandContext): CommandResult {
  const { resources, updates } = splitArgs(inv.flags.positionals);
  const selector = String(inv.flags.values.selector ?? '');
  const all = inv.flags.values.all === true;
  if (resources.length === 0) return fail(`error: one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl ${verb} -h' for help and examples\n`);
  const list = inv.flags.values.list === true;
  // label refuses --list with -o; 1.33's annotate lists and ignores -o.
  if (list && edit.field === 'labels' && String(inv.flags.values.output ?? '') !== '') return fail('error: --list and --output may not be specified together\n');
  if (updates.length === 0 && !list) return fail(`error: at least one ${edit.field === 'labels' ? 'label' : 'annotation'} update is required\nSee 'kubectl ${verb} -h' for help and examples\n`);
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const u of updates) {
    const eq = u.indexOf('=');
    if (eq < 0) {
      const key = u.slice(0, -1);
      if (!edit.validKey(key)) return fail(`error: invalid ${edit.field === 'labels' ? 'label' : 'annotation'} format: ${u}\n`);
      remove.push(key);
      continue;
    }
    const key = u.slice(0, eq);
    const value = u.slice(eq + 1);
    if (!edit.validKey(key)) return fail(`error: invalid ${edit.field === 'labels' ? 'label' : 'annotation'} format: ${u}\n`);
    if (edit.field === 'labels' && !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value)) {
      return fail(`error: invalid label value: "${u}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n`);
    }
    set[key] = value;
  }
  const parsed = parseResourceArgs(resources);
  if (!parsed.ok) return fail(`error: ${parsed.error}\n`);
  const named = parsed.req.groups.some((g) => g.names.length > 0);
  if (!named && !selector && !all) return fail(`error: resource(s) were provided, but no name was specified\n`);
  const sel = parseLabelSelector(selector);
  if (!sel.ok) return fail(`error: ${sel.error}\n`);
  const namespace = inv.allNamespaces ? undefined : inv.namespace;
  const found = findObjects(ctx.state, parsed.req, namespace, (o) => selectorMatches(sel.selector, o.metadata.labels));
  // IntoSingleItemImplied: one TYPE NAME (or TYPE/NAME) lists without a heading.
  const one = !selector && !all && parsed.req.groups.length === 1 && parsed.req.groups[0].names.length === 1;
  let stdout = '';
  let stderr = '';
  for (const g of found) {
    for (const n of g.missing) stderr += notFoundMessage(g.type, n) + '\n';
    for (const obj of g.objects as KubeObject[]) {
      if (list) {
        // kubectl walks a Go map (random order); the simulator lists the keys sorted.
        if (!one) stdout += `Listing ${edit.field} for ${obj.kind}.${g.type.group}/${obj.metadata.name}:\n`;
        const entries = Object.entries(obj.metadata[edit.field] ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        for (const [k, v] of entries) stdout += `${one ? '' : ' '}${k}=${v}\n`;
        continue;
      }
      const current = obj.metadata[edit.field] ?? {};
      if (inv.flags.values.overwrite !== true) {
        const conflicts = Object.entries(set).filter(([k, v]) => Object.hasOwn(current, k) && current[k] !== v).map(([k]) => [k, current[k]] as [string, string]);
        if (conflicts.length) { stderr += `error: ${edit.overwriteError(conflicts)}\n`; continue; }
      }
      const change: Record<string, string | null> = { ...set };
      for (const k of remove) {
        if (Object.hasOwn(current, k)) change[k] = null;
        else stdout += `${edit.field === 'labels' ? 'label' : 'annotation'} "${k}" not found.\n`;
      }
      const changed = Object.entries(change).some(([k, v]) => (v === null ? Object.hasOwn(current, k) : current[k] !== v));
      const msg = !changed ? edit.unchanged : Object.values(change).every((v) => v === null) ? edit.removed : edit.done;
      if (changed && inv.flags.values['dry-run'] !== 'client' && inv.flags.values['dry-run'] !== 'server') {
        const common = { kind: obj.kind, namespace: g.type.namespaced ? obj.metadata.namespace : undefined, name: obj.metadata.name };
        if (edit.action === 'object/setLabels') ctx.dispatch({ type: 'object/setLabels', ...common, labels: change });
        else ctx.dispatch({ type: 'object/setAnnotations', ...common, annotations: change });
      }
      stdout += `${qualifiedSingular(g.type)}/${obj.metadata.name} ${msg}\n`;
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

const KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Flags shared by label and annotate. */
export const METADATA_FLAGS: KubectlVerb['flags'] = [
  { name: 'overwrite', type: 'bool', help: 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.' },
  { name: 'selector', short: 'l', type: 'string', help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
  { name: 'all', type: 'bool', help: 'Select all resources, in the namespace of the specified resource types' },
  { name: 'all-namespaces', short: 'A', type: 'bool', help: 'If true, check the specified action in all namespaces.' },
  { name: 'dry-run', type: 'string', default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
  { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
];

export const LABEL_EDIT: MetadataEdit = {
  field: 'labels', action: 'object/setLabels', done: 'labeled', removed: 'unlabeled', unchanged: 'not labeled',
  overwriteError: (c) => c.map(([k, v]) => `'${k}' already has a value (${v}), and --overwrite is false`).join('\n'),
  validKey: (k) => KEY.test(k) && k.length <= 317,
};

export const ANNOTATION_EDIT: MetadataEdit = {
  field: 'annotations', action: 'object/setAnnotations', done: 'annotated', removed: 'annotated', unchanged: 'not annotated',
  overwriteError: (c) => `--overwrite is false but found the following declared annotation(s): ${c.map(([k, v]) => `'${k}' already has a value (${v})`).join('; ')}`,
  validKey: (k) => KEY.test(k),
};
