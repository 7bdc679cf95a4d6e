/**
 * The patch body of `kubectl patch -p`: parsed as kubectl parses it (YAML or JSON, sigs.k8s.io/yaml)
 * and decoded against the kind's Go struct as the API server decodes it (kinds/decode.ts).
 */
import { parse as parseYamlText } from 'yaml';
import { ANY, type GoType } from '../../../../kinds/fields.ts';
import { converterError, decodeAs, goQuote, goValue, jsonDecodeError, typeAt } from '../../../../kinds/decode.ts';
import { jsonPatch, mergePatch, strategicMergePatch } from '../../../../sim/patch.ts';

/** go-yaml's flow-level limit (yaml_parser_increase_flow_level). */
const MAX_FLOW_DEPTH = 10_000;
/** Beyond this nesting a body that is not plain JSON is refused as too deep (the YAML parser recurses per level). */
const MAX_YAML_DEPTH = 100;

/** The deepest `{`/`[` nesting of `text` outside quoted strings, in one pass. */
export function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') max = Math.max(max, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return max;
}

/**
 * Parses the `-p` text. JSON goes through JSON.parse (which does not recurse), other YAML through
 * the YAML parser; nesting beyond go-yaml's limit is refused with its message at a fixed depth,
 * never by running out of JavaScript stack. Errors are kubectl's whole line after `error: `.
 */
export function parsePatchText(text: string): { ok: true; body: unknown } | { ok: false; error: string } {
  const depth = flowDepth(text);
  const tooDeep = { ok: false as const, error: `unable to parse "${text}": yaml: exceeded max depth of ${MAX_FLOW_DEPTH}` };
  if (depth > MAX_FLOW_DEPTH) return tooDeep;
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch { /* not JSON: YAML */ }
  if (depth > MAX_YAML_DEPTH) return tooDeep;
  try {
    return { ok: true, body: parseYamlText(text) };
  } catch (e) {
    return { ok: false, error: `unable to parse "${text}": ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const segments = (path: string) => (path === '' ? [] : path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')));

/** The outcome of applying one patch to one object, as the API server answers it. */
export type Applied =
  | { ok: true; value: unknown; warnings: string[] }
  /** `stderr` is kubectl's whole message (no trailing newline). */
  | { ok: false; stderr: string };

/**
 * Applies `body` (of `--type` `type`) to `obj` whose struct is `fields` (absent: unchecked): unknown
 * fields dropped with `unknown field "…"` warnings, a wrong JSON type refused with the decoder's
 * 422 (`The request is invalid: patch: Invalid value: …`). A strategic patch is decoded by the
 * unstructured converter (the message quotes the patch as Go prints a map), a merge or JSON
 * patch by encoding/json (it quotes the whole patched object).
 */
export function applyPatch(obj: unknown, body: unknown, type: 'strategic' | 'merge' | 'json', fields: GoType | undefined, kind: string): Applied {
  const root = fields ?? ANY;
  const at = { path: '', goPath: '', owner: kind };
  const invalid = (value: string, message: string): Applied => ({ ok: false, stderr: `The request is invalid: patch: Invalid value: ${goQuote(value)}: ${message}` });
  if (type !== 'json') {
    const d = decodeAs(body, root, type === 'strategic' ? 'converter' : 'json', at);
    const value = type === 'merge' ? mergePatch(obj, d.value) : strategicMergePatch(obj, d.value);
    if (d.mismatch) return type === 'strategic' ? invalid(goValue(body), converterError(d.mismatch)) : invalid(JSON.stringify(value), jsonDecodeError(d.mismatch));
    return { ok: true, value, warnings: d.warnings };
  }
  const warnings: string[] = [];
  let mismatch: ReturnType<typeof decodeAs>['mismatch'];
  const ops: unknown[] = [];
  for (const op of Array.isArray(body) ? body : [body]) {
    if (!isObj(op) || !('value' in op) || typeof op.path !== 'string' || !op.path.startsWith('/')) { ops.push(op); continue; }
    const segs = segments(op.path);
    const field = typeAt(root, segs);
    if (!field) {
      // The server applies it, then drops the unknown field while decoding.
      if (op.op === 'add' || op.op === 'replace') { warnings.push(`unknown field "${segs.join('.')}"`); continue; }
      ops.push(op);
      continue;
    }
    const d = decodeAs(op.value, field.type, 'json', field);
    warnings.push(...d.warnings);
    mismatch ??= d.mismatch;
    ops.push({ ...op, value: d.value });
  }
  const r = jsonPatch(obj, Array.isArray(body) ? ops : body);
  if (!r.ok) return { ok: false, stderr: `The request is invalid: ${r.error}` };
  // The API server decodes the result; without an object there is no kind to decode it as.
  if (!isObj(r.value)) return { ok: false, stderr: `Error from server (BadRequest): Object 'Kind' is missing in '${JSON.stringify(r.value)}'` };
  if (mismatch) return invalid(JSON.stringify(r.value), jsonDecodeError(mismatch));
  return { ok: true, value: r.value, warnings };
}
