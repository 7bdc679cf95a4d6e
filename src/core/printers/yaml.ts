/**
 * `-o yaml` and `-o json` as kubectl prints them. kubectl turns objects into generic maps, so keys
 * come out sorted alphabetically; JSON is Go's `json.MarshalIndent` with 4 spaces (and `<`, `>`,
 * `&` escaped as `\u003c` …); YAML is sigs.k8s.io/yaml (go-yaml v2 emitter): 2-space indent,
 * sequences not indented under their key, strings quoted only when needed — double quotes when the
 * plain text would read as another type (`"True"`, `"1"`, timestamps), single quotes when it could
 * not be written plain (`': '`, a leading indicator), literal blocks for multi-line strings.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** toSortedJson of frozen objects (a frozen state's objects never change): -o json/yaml of the same pods again copies only what changed. */
const sortedCopies = new WeakMap<object, Json>();

/**
 * `value` as plain JSON data with keys sorted; `undefined` fields are dropped. A copy, but the
 * parts made from frozen objects are shared between calls: never modify the result.
 */
export function toSortedJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') {
    const frozen = Object.isFrozen(value);
    if (frozen && sortedCopies.has(value)) return sortedCopies.get(value)!;
    let out: Json;
    if (Array.isArray(value)) out = value.map((v) => (v === undefined ? null : toSortedJson(v)));
    else {
      const copy: { [k: string]: Json } = {};
      for (const k of Object.keys(value as object).sort()) {
        const v = (value as Record<string, unknown>)[k];
        if (v !== undefined) copy[k] = toSortedJson(v);
      }
      out = copy;
    }
    if (frozen) sortedCopies.set(value, out);
    return out;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/** `-o json`: 4-space indented, sorted keys, HTML-safe escapes, trailing newline. */
export function printJson(value: unknown): string {
  return printJsonInOrder(toSortedJson(value));
}

/**
 * `-o json` of a typed Go object that kubectl prints itself without a round trip through a map
 * (a create generator's request under `--dry-run=client`): keys in the order the value was built,
 * which the caller makes the Go struct's field order (`kind`, `apiVersion`, `metadata.name`, …).
 */
export function printJsonInOrder(value: unknown): string {
  const text = JSON.stringify(value, null, 4);
  // One scan in the usual case (nothing to escape) instead of five.
  if (typeof text === 'string' && !UNSAFE.test(text)) return text + '\n';
  return text
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') + '\n';
}
const UNSAFE = /[<>&\u2028\u2029]/;

/** `-o yaml` of one value (an object or a `kind: List`), ending with a newline. */
export function printYaml(value: unknown): string {
  return emitYaml(value, 0);
}

/**
 * One document as kustomize writes it (kyaml, go-yaml v3's emitter): the same layout and quoting as
 * `printYaml`, but plain and single-quoted strings fold at a space once the line passes 80
 * columns (the emitter's best width), the rest indented under the key.
 */
export function printYamlFolded(value: unknown): string {
  return emitYaml(value, 80);
}

/** Line width past which strings fold (0: never), for the duration of one emit. */
let foldWidth = 0;

function emitYaml(value: unknown, width: number): string {
  foldWidth = width;
  try {
    const v = toSortedJson(value);
    if (v === null || typeof v !== 'object') return scalar(v, 0) + '\n';
    if (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0) return (Array.isArray(v) ? '[]' : '{}') + '\n';
    return block(v, 0).join('\n') + '\n';
  } finally {
    foldWidth = 0;
  }
}

/**
 * go-yaml's fold of a plain or single-quoted scalar: a space becomes a line break (then `indent`
 * spaces) when the column before it is past the width and neither neighbour is a space. `column`
 * is where the scalar starts.
 */
function fold(text: string, column: number, indent: number): string {
  if (foldWidth === 0 || column + text.length <= foldWidth) return text;
  let out = '';
  let col = column;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ' ' && col > foldWidth && i > 0 && text[i - 1] !== ' ' && i + 1 < text.length && text[i + 1] !== ' ') {
      out += `\n${' '.repeat(indent)}`;
      col = indent;
      continue;
    }
    out += ch;
    col++;
  }
  return out;
}

const isCollection = (v: Json): v is Json[] | { [k: string]: Json } => v !== null && typeof v === 'object';
const isEmpty = (v: Json[] | { [k: string]: Json }) => (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);

/** Lines of a non-empty map or sequence at `indent` spaces. */
function block(v: Json[] | { [k: string]: Json }, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      if (isCollection(item) && !isEmpty(item)) {
        // The first line of the nested block goes right after "- ".
        const inner = block(item, indent + 2);
        lines.push(`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1));
      } else {
        lines.push(`${pad}- ${inline(item, indent + 2, indent + 2)}`);
      }
    }
    return lines;
  }
  for (const [k, val] of Object.entries(v)) {
    const key = scalar(k, indent);
    if (isCollection(val) && !isEmpty(val)) {
      lines.push(`${pad}${key}:`, ...block(val, Array.isArray(val) ? indent : indent + 2));
    } else {
      lines.push(`${pad}${key}: ${inline(val, indent + 2, indent + key.length + 2)}`);
    }
  }
  return lines;
}

function inline(v: Json, indent: number, column = 0): string {
  if (Array.isArray(v)) return '[]';
  if (v !== null && typeof v === 'object') return '{}';
  return scalar(v, indent, column);
}

/** Strings that YAML 1.1 would read as null, bool, int, float or timestamp when plain. */
function readsAsOtherType(s: string): boolean {
  if (/^(|~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s)) return true;
  if (/^[-+]?(0|[1-9][0-9_]*)$/.test(s) || /^[-+]?0[0-7_]+$/.test(s) || /^[-+]?0x[0-9a-fA-F_]+$/.test(s) || /^[-+]?0b[01_]+$/.test(s)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return true;
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s) || /^\.(nan|NaN|NAN)$/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true; // base 60
  if (/^\d{4}-\d{1,2}-\d{1,2}([Tt ]|\s+)?(\d{1,2}:\d{2}:\d{2}(\.\d*)?\s*(Z|[-+]\d{1,2}(:?\d{2})?)?)?$/.test(s)) return true;
  return false;
}

/** Whether go-yaml may write `s` as a plain scalar in block context. */
function plainAllowed(s: string): boolean {
  if (s === '' || s !== s.trim()) return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  const first = s[0];
  if ('#,[]{}&*!|>\'"%@`'.includes(first)) return false;
  if ('-?:'.includes(first) && (s.length === 1 || s[1] === ' ')) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (/[\u0000-\u001f\u007f]/.test(s)) return false;
  return true;
}

function scalar(v: Json, indent: number, column = 0): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v !== 'string') return '';
  if (v.includes('\n') && !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(v)) return literal(v, indent);
  if (readsAsOtherType(v)) return doubleQuoted(v);
  if (plainAllowed(v)) return fold(v, column, indent);
  if (/[\u0000-\u001f\u007f]/.test(v)) return doubleQuoted(v);
  return fold(`'${v.replace(/'/g, "''")}'`, column, indent);
}

function goFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '+.inf' : '-.inf';
  return String(n);
}

function doubleQuoted(s: string): string {
  return JSON.stringify(s);
}

/** A literal block (`|`, `|-` or `|+`) whose lines are indented under the key. */
function literal(s: string, indent: number): string {
  const trailing = s.match(/\n*$/)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing === 0 ? s : s.slice(0, s.length - trailing);
  const pad = ' '.repeat(indent);
  const indicator = body.startsWith(' ') ? '2' : '';
  const lines = body.split('\n').map((l) => (l === '' ? '' : pad + l));
  const extra = trailing > 1 ? Array(trailing - 1).fill('') : [];
  return `|${indicator}${chomp}\n${[...lines, ...extra].join('\n')}`;
}
