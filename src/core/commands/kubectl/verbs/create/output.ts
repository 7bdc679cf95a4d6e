import type { FlagSpec } from '../../../flags.ts';
import type { CommandResult } from '../../../types.ts';
import type { KubectlInvocation } from '../../verb.ts';
import { executeJsonPath } from '../../../../printers/jsonpath.ts';
import { parseOutputFormat, type OutputFormat } from '../../../../printers/output.ts';
import { printJson, printJsonInOrder, printYaml } from '../../../../printers/yaml.ts';

export const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

/** How far a create goes (cmdutil.DryRunStrategy): send and persist, only print, or let the server validate without persisting. */
export type DryRun = 'none' | 'client' | 'server';

/** The formats a create generator's printer accepts (PrintFlags without table, wide or custom columns), in kubectl's error order. */
const CREATE_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** Flags every create generator shares (kubectl 1.33: PrintFlags with its template flags, dry-run, validate, field manager, save-config). */
export const GENERATOR_FLAGS: FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true, help: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
  { name: 'show-managed-fields', type: 'bool', help: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'template', type: 'string', help: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
  { name: 'dry-run', type: 'string', default: 'none', help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
  { name: 'output', short: 'o', type: 'string', help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create', help: 'Name of the manager used to track field ownership.' },
  { name: 'save-config', type: 'bool', help: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
  { name: 'validate', type: 'string', default: 'strict', help: 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.' },
];

/** The printing half of a generator's options, checked in kubectl's Complete order (dry-run, then -o). */
export interface PrintOptions {
  dryRun: DryRun;
  format: OutputFormat | undefined;
}

/**
 * Reads `--dry-run` and `-o` as a create generator's Complete does. Errors carry kubectl's text:
 * `error: Invalid dry-run value (x). Must be "none", "server", or "client".` and
 * `error: unable to match a printer suitable for the output format "wide", allowed formats are: …`.
 */
export function printOptions(inv: KubectlInvocation): { ok: true; opts: PrintOptions } | { ok: false; result: CommandResult } {
  const v = inv.flags.values;
  const dryRun = String(v['dry-run'] ?? 'none');
  if (dryRun !== 'none' && dryRun !== 'client' && dryRun !== 'server') {
    return { ok: false, result: fail(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n`) };
  }
  const validate = String(v.validate ?? 'strict');
  if (!['strict', 'true', 'warn', 'ignore', 'false'].includes(validate)) {
    return { ok: false, result: fail(`error: invalid - validate option "${validate}"; must be one of: strict (or true), warn, ignore (or false)\n`) };
  }
  const raw = String(v.output ?? '');
  if (raw === '') return { ok: true, opts: { dryRun, format: undefined } };
  const parsed = parseOutputFormat(raw);
  if (!parsed.ok) return { ok: false, result: fail(`error: ${parsed.error.replace(/allowed formats are: .*$/, `allowed formats are: ${CREATE_FORMATS}`)}\n`) };
  const kind = parsed.format.kind;
  if (kind === 'table' || kind === 'wide' || kind === 'custom-columns') {
    return { ok: false, result: fail(`error: unable to match a printer suitable for the output format "${raw}", allowed formats are: ${CREATE_FORMATS}\n`) };
  }
  return { ok: true, opts: { dryRun, format: parsed.format } };
}

/**
 * What a generator prints once the object exists (or would): `configmap/x created`, with
 * ` (dry run)` / ` (server dry run)` after a dry run; `-o name` drops the verb; `-o yaml|json|jsonpath`
 * print the object (the server's answer, or under --dry-run=client the request itself; a
 * generator's request is printed as JSON in the order it was built: Go struct order, `kind` first).
 * `ref` is `configmap/x`, `poddisruptionbudget.policy/x`; `done` the verb's past tense
 * (`image updated` for `kubectl set`), as its PrintFlags' operation.
 */
export function printCreated(opts: PrintOptions, ref: string, object: unknown, done = 'created'): CommandResult {
  const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
  const f = opts.format;
  if (!f) return ok(`${ref} ${done}${opts.dryRun === 'client' ? ' (dry run)' : opts.dryRun === 'server' ? ' (server dry run)' : ''}\n`);
  switch (f.kind) {
    case 'name': return ok(`${ref}\n`);
    case 'yaml': return ok(printYaml(object));
    // The request kubectl built is printed in its Go field order; the server's answer has sorted keys.
    case 'json': return ok(opts.dryRun === 'client' && done === 'created' ? printJsonInOrder(object) : printJson(object));
    case 'jsonpath': return ok(executeJsonPath(f.template, JSON.parse(JSON.stringify(object))));
    default: return ok(`${ref} ${done}\n`);
  }
}

/** `error: exactly one NAME is required, got N` with cobra's usage hint (NameFromCommandArgs). */
export function nameError(inv: KubectlInvocation): CommandResult | undefined {
  const n = inv.flags.positionals.length;
  if (n === 1) return undefined;
  return fail(`error: exactly one NAME is required, got ${n}\nSee 'kubectl ${inv.path.join(' ')} -h' for help and examples\n`);
}

/**
 * What every `kubectl create <generator> NAME` checks first, in kubectl's order: exactly one NAME,
 * the output and dry-run flags, a non-empty name. Returns the name and print options, or the
 * error to print.
 */
export function generatorStart(inv: KubectlInvocation): { ok: true; name: string; opts: PrintOptions } | { ok: false; result: CommandResult } {
  const bad = nameError(inv);
  if (bad) return { ok: false, result: bad };
  const p = printOptions(inv);
  if (!p.ok) return p;
  const name = inv.flags.positionals[0];
  if (name === '') return { ok: false, result: fail('error: name must be specified\n') };
  return { ok: true, name, opts: p.opts };
}

/**
 * The request object as `--dry-run=client` prints it: kubectl's generators leave
 * `creationTimestamp: null` in the metadata (kubectl 1.33), and name the namespace only when
 * -n/--namespace was given.
 */
export function requestMeta(inv: KubectlInvocation, name: string, namespaced: boolean): Record<string, unknown> {
  return { name, ...(namespaced && inv.flags.given.has('namespace') ? { namespace: inv.namespace } : {}), creationTimestamp: null };
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The API server's check of an object's name as a lowercase RFC 1123 subdomain (≤ 253), as field
 * errors (`metadata.name: Invalid value: "X": …`); empty when valid.
 */
export function subdomainErrors(name: string): string[] {
  const why: string[] = [];
  if (name.length > 253) why.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(name)) why.push("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  return why.map((w) => `metadata.name: Invalid value: "${name}": ${w}`);
}

/** The API server's one-line Invalid message: `Kind "name" is invalid: <cause>` or `[<cause>, <cause>]` for several. */
export const invalidObject = (kind: string, name: string, causes: readonly string[]): string =>
  `${kind} "${name}" is invalid: ${causes.length > 1 ? `[${causes.join(', ')}]` : causes[0]}`;

/**
 * The API server's check of a namespaced object's name (a lowercase RFC 1123 subdomain, ≤ 253),
 * as the `… is invalid: metadata.name: …` text after `Kind "name"`; undefined when valid.
 */
export function invalidSubdomain(kind: string, name: string): string | undefined {
  const causes = subdomainErrors(name);
  return causes.length ? invalidObject(kind, name, causes) : undefined;
}
