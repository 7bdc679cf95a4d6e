import type { KubectlVerb } from '../../verb.ts';
import type { ExplainField, KindDef } from '../../../../kinds/types.ts';
import { resolveKind } from '../../../../kinds/registry.ts';
import { explainChildren, explainDocs } from '../../../../kinds/explain.ts';

/**
 * sprig's `wrap` (goutils.WrapCustom without breaking long words): breaks at the last space
 * within `width`; newlines already in the text are ordinary characters to it, as in kubectl.
 */
export function goWrap(text: string, width: number): string {
  let out = '';
  let offset = 0;
  while (text.length - offset > width) {
    if (text[offset] === ' ') { offset++; continue; }
    const space = text.slice(offset, width + offset + 1).lastIndexOf(' ');
    if (space >= 0) {
      out += `${text.slice(offset, offset + space)}\n`;
      offset += space + 1;
    } else {
      const next = text.indexOf(' ', width + offset);
      if (next < 0) { out += text.slice(offset); offset = text.length; } else { out += `${text.slice(offset, next)}\n`; offset = next + 1; }
    }
  }
  return out + text.slice(offset);
}

/** sprig's `indent`: every line, the empty last one after a final newline too, gets `n` spaces. */
const indent = (text: string, n: number) => ' '.repeat(n) + text.split('\n').join(`\n${' '.repeat(n)}`);

/** The field's description then its type's, each followed by a newline (the template's "description"). */
const describeField = (f: ExplainField) => `${f.description}\n${f.typeDescription ? `${f.typeDescription}\n` : ''}`;

/** One entry of FIELDS: `  name\t<type> -required-`, the enum line, then (not recursive) the wrapped description. */
function fieldDetail(name: string, f: ExplainField, level: number, short: boolean): string {
  const pad = level * 2;
  let out = `${indent(name, pad)}\t<${f.type}>${f.required ? ' -required-' : ''}`;
  if (f.enum?.length) out += `\n${' '.repeat(pad)}enum: ${f.enum.slice(0, 4).join(', ')}${f.enum.length > 4 ? ', ....' : ''}`;
  out += '\n';
  if (!short) out += `${indent(goWrap(f.description || '<no description>', 78 - pad), pad + 2)}\n\n`;
  return out;
}

function fieldList(docs: Record<string, ExplainField>, path: string, level: number, recursive: boolean): string {
  let out = '';
  for (const name of explainChildren(docs, path)) {
    const child = path ? `${path}.${name}` : name;
    out += fieldDetail(name, docs[child], level, recursive);
    if (recursive) out += fieldList(docs, child, level + 1, true);
  }
  return out;
}

/** `kubectl explain` output (kubectl 1.33's plaintext template over OpenAPI v3) for a kind and field path. */
export function explain(def: KindDef, fieldPath: string[], recursive: boolean): { ok: true; text: string } | { ok: false; error: string } {
  const docs = explainDocs(def);
  let out = def.group ? `GROUP:      ${def.group}\n` : '';
  out += `KIND:       ${def.kind}\nVERSION:    ${def.version}\n\n`;
  const path = fieldPath.join('.');
  let field: ExplainField;
  if (path) {
    const f = docs[path];
    if (!f) return { ok: false, error: `error: field "${fieldPath[fieldPath.length - 1]}" does not exist\n` };
    field = f;
    const last = fieldPath[fieldPath.length - 1];
    out += `FIELD: ${last} <${f.type}>\n${f.enum?.length ? `ENUM:${f.enum.map((e) => `\n    ${e}`).join('')}` : ''}\n\n`;
  } else {
    field = docs[''] ?? { type: def.kind, description: '' };
  }
  const description = path ? describeField(field) : field.description ? `${field.description}\n` : '';
  out += `DESCRIPTION:\n${indent(goWrap(description || '<empty>', 76), 4)}\n`;
  const fields = fieldList(docs, path, 1, recursive);
  if (fields) out += `FIELDS:\n${fields}`;
  return { ok: true, text: `${out}\n` };
}

/** `kubectl explain RESOURCE[.field…]`, from the kind registry's explain docs (kinds/explain.ts). */
export const explainVerb: KubectlVerb = {
  name: 'explain',
  short: 'Get documentation for a resource',
  long: 'Describe fields and structure of various resources.\n\n This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:\n\n        <type>.<fieldName>[.<fieldName>]\n        \n Information about each field is retrieved from the server in OpenAPI format.\n\nUse "kubectl api-resources" for a complete list of supported resources.',
  usage: 'kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]',
  examples: '# Get the documentation of the resource and its fields\nkubectl explain pods\n\n# Get all the fields in the resource\nkubectl explain pods --recursive\n\n# Get the explanation for deployment in supported api versions\nkubectl explain deployments --api-version=apps/v1\n\n# Get the documentation of a specific field of a resource\nkubectl explain pods.spec.containers\n\n# Get the documentation of resources in different format\nkubectl explain deployment --output=plaintext-openapiv2',
  flags: [
    { name: 'api-version', type: 'string', help: 'Get different explanations for particular API version (API group/version)' },
    { name: 'output', type: 'string', default: 'plaintext', help: 'Format in which to render the schema (plaintext, plaintext-openapiv2)' },
    { name: 'recursive', type: 'bool', help: 'Print the fields of fields (Currently only 1 level deep)' },
  ],
  run(inv) {
    const args = inv.flags.positionals;
    if (args.length === 0) return { stdout: '', stderr: 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n', exitCode: 1 };
    if (args.length > 1) return { stdout: '', stderr: 'error: We accept only this format: explain RESOURCE\n', exitCode: 1 };
    // RESOURCE.field.path; a group-qualified resource (`deployments.apps`) is not split here by kubectl either.
    const [typed, ...fieldPath] = args[0].split('.');
    const def = resolveKind(typed);
    if (!def) return { stdout: '', stderr: `the server doesn't have a resource type "${typed}"\n`, exitCode: 1 };
    const r = explain(def, fieldPath, inv.flags.values.recursive === true);
    return r.ok ? { stdout: r.text, stderr: '', exitCode: 0 } : { stdout: '', stderr: r.error, exitCode: 1 };
  },
};
