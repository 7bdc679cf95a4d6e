/**
 * kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath), as `-o jsonpath=…`,
 * `-o custom-columns=…` and `--sort-by=…` use them: text with `{…}` actions holding paths
 * (`.a.b`, `['a.b']`, `[0]`, `[-1]`, `[1:3]`, `[*]`, `.*`, `..name`, filters
 * `[?(@.type=="Ready")]`), string literals (`{"\n"}`) and `{range …}…{end}` loops. Missing keys
 * print nothing (kubectl's get allows missing keys). Results of one action are joined by spaces;
 * strings print raw, other values as compact JSON.
 */

type Step =
  | { t: 'field'; names: string[] }
  | { t: 'recursive'; name: string }
  | { t: 'wild' }
  | { t: 'index'; indices: number[] }
  | { t: 'slice'; start?: number; end?: number; step?: number }
  | { t: 'filter'; left: Path; op?: string; right?: Path | { literal: unknown } };

interface Path { root: boolean; steps: Step[] }

type Node =
  | { t: 'text'; text: string }
  | { t: 'literal'; text: string }
  | { t: 'path'; path: Path }
  | { t: 'range'; path: Path; body: Node[] };

/** A parse failure, worded like client-go's (`unclosed action`, `unrecognized character …`). */
export class JsonPathError extends Error {}

/** A parsed template, ready to run over many objects. */
export interface JsonPathTemplate { nodes: Node[]; source: string }

/** Parses a template; throws JsonPathError (callers turn it into kubectl's error text). */
export function parseJsonPath(source: string): JsonPathTemplate {
  const flat: ({ t: 'end' } | { t: 'rangeStart'; path: Path } | Node)[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{', i);
    if (open < 0) { flat.push({ t: 'text', text: source.slice(i) }); break; }
    if (open > i) flat.push({ t: 'text', text: source.slice(i, open) });
    const close = findClose(source, open + 1);
    if (close < 0) throw new JsonPathError('unclosed action');
    const inner = source.slice(open + 1, close).trim();
    i = close + 1;
    if (inner === 'end') flat.push({ t: 'end' });
    else if (inner.startsWith('range ') || inner.startsWith('range\t')) flat.push({ t: 'rangeStart', path: parsePath(inner.slice(6).trim()) });
    else if (/^"(?:[^"\\]|\\.)*"$/.test(inner) || /^'[^']*'$/.test(inner)) flat.push({ t: 'literal', text: unquote(inner) });
    else if (inner === '') continue;
    else flat.push({ t: 'path', path: parsePath(inner) });
  }
  // Nest range … end.
  const stack: Node[][] = [[]];
  const ranges: Path[] = [];
  for (const n of flat) {
    if (n.t === 'rangeStart') { ranges.push(n.path); stack.push([]); }
    else if (n.t === 'end') {
      if (ranges.length === 0) throw new JsonPathError('not in range, nothing to end');
      const body = stack.pop()!;
      stack[stack.length - 1].push({ t: 'range', path: ranges.pop()!, body });
    } else stack[stack.length - 1].push(n);
  }
  if (ranges.length) throw new JsonPathError('unclosed range');
  return { nodes: stack[0], source };
}

function findClose(s: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i;
  }
  return -1;
}

function unquote(lit: string): string {
  if (lit.startsWith("'")) return lit.slice(1, -1);
  return lit.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case '0': return '\0';
      case 'u': case 'x': return String.fromCharCode(parseInt(e.slice(1), 16));
      default: return e;
    }
  });
}

const FIELD_CHAR = /[A-Za-z0-9_\-/$]/;

/** Parses one path such as `.items[*].metadata.name` or `@.status`. */
export function parsePath(src: string): Path {
  let i = 0;
  let root = false;
  const steps: Step[] = [];
  if (src[i] === '$') { root = true; i++; }
  else if (src[i] === '@') i++;
  while (i < src.length) {
    const c = src[i];
    if (c === '.') {
      if (src[i + 1] === '.') {
        i += 2;
        let name = '';
        while (i < src.length && FIELD_CHAR.test(src[i])) name += src[i++];
        steps.push({ t: 'recursive', name });
        continue;
      }
      i++;
      if (src[i] === '*') { steps.push({ t: 'wild' }); i++; continue; }
      let name = '';
      while (i < src.length && (FIELD_CHAR.test(src[i]) || (src[i] === '\\' && src[i + 1] === '.'))) {
        if (src[i] === '\\') { name += '.'; i += 2; } else name += src[i++];
      }
      if (name) steps.push({ t: 'field', names: [name] });
      continue;
    }
    if (c === '[') {
      const close = findBracket(src, i + 1);
      if (close < 0) throw new JsonPathError('unclosed array expect ]');
      steps.push(parseBracket(src.slice(i + 1, close).trim()));
      i = close + 1;
      continue;
    }
    if (c === ' ' || c === '\t') { i++; continue; }
    throw new JsonPathError(`unrecognized character in action: U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
  }
  return { root, steps };
}

function findBracket(s: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) { if (c === '\\') i++; else if (c === quote) quote = undefined; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ']') { if (depth === 0) return i; depth--; }
  }
  return -1;
}

function parseBracket(inner: string): Step {
  if (inner === '*') return { t: 'wild' };
  if (inner.startsWith('?(') && inner.endsWith(')')) return parseFilter(inner.slice(2, -1).trim());
  if (/^(['"]).*\1(\s*,\s*(['"]).*\3)*$/.test(inner)) {
    const names = [...inner.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]);
    return { t: 'field', names };
  }
  if (inner.includes(':')) {
    const parts = inner.split(':').map((p) => p.trim());
    if (parts.length > 3 || parts.some((p) => p !== '' && !/^-?\d+$/.test(p))) throw new JsonPathError(`invalid array index ${inner}`);
    const num = (p: string | undefined) => (p === undefined || p === '' ? undefined : Number(p));
    return { t: 'slice', start: num(parts[0]), end: num(parts[1]), step: num(parts[2]) };
  }
  const parts = inner.split(',').map((p) => p.trim());
  if (parts.every((p) => /^-?\d+$/.test(p))) return { t: 'index', indices: parts.map(Number) };
  throw new JsonPathError(`invalid array index ${inner}`);
}

function parseFilter(expr: string): Step {
  const m = expr.match(/^(.*?)\s*(==|!=|<=|>=|<|>|=~)\s*(.*)$/);
  if (!m) return { t: 'filter', left: parsePath(expr) };
  const [, l, op, r] = m;
  let right: Path | { literal: unknown };
  if (/^(['"]).*\1$/.test(r)) right = { literal: r.slice(1, -1) };
  else if (/^-?\d+(\.\d+)?$/.test(r)) right = { literal: Number(r) };
  else if (r === 'true' || r === 'false') right = { literal: r === 'true' };
  else right = parsePath(r);
  return { t: 'filter', left: parsePath(l), op, right };
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Evaluates a path against `cur` (relative) or `root` (`$`). Missing keys yield no values. */
export function evalPath(path: Path, cur: unknown, root: unknown): unknown[] {
  let values: unknown[] = [path.root ? root : cur];
  for (const step of path.steps) {
    const next: unknown[] = [];
    for (const v of values) applyStep(step, v, root, next);
    values = next;
  }
  return values;
}

function applyStep(step: Step, v: unknown, root: unknown, out: unknown[]): void {
  switch (step.t) {
    case 'field':
      if (isObj(v)) for (const n of step.names) if (Object.hasOwn(v, n) && v[n] !== undefined) out.push(v[n]);
      return;
    case 'wild':
      if (Array.isArray(v)) out.push(...v);
      else if (isObj(v)) for (const k of Object.keys(v).sort()) out.push(v[k]);
      return;
    case 'recursive': {
      const walk = (x: unknown) => {
        if (isObj(x)) {
          if (step.name && Object.hasOwn(x, step.name)) out.push(x[step.name]);
          for (const k of Object.keys(x).sort()) walk(x[k]);
        } else if (Array.isArray(x)) x.forEach(walk);
      };
      walk(v);
      return;
    }
    case 'index':
      if (Array.isArray(v)) for (const i of step.indices) { const j = i < 0 ? v.length + i : i; if (j >= 0 && j < v.length) out.push(v[j]); }
      return;
    case 'slice': {
      if (!Array.isArray(v)) return;
      const len = v.length;
      const norm = (n: number) => (n < 0 ? Math.max(0, len + n) : Math.min(n, len));
      const start = step.start === undefined ? 0 : norm(step.start);
      const end = step.end === undefined ? len : norm(step.end);
      const by = step.step && step.step > 0 ? step.step : 1;
      for (let i = start; i < end; i += by) out.push(v[i]);
      return;
    }
    case 'filter': {
      const items = Array.isArray(v) ? v : isObj(v) ? [v] : [];
      for (const item of items) if (filterMatches(step, item, root)) out.push(item);
      return;
    }
  }
}

function filterMatches(step: Extract<Step, { t: 'filter' }>, item: unknown, root: unknown): boolean {
  const lefts = evalPath(step.left, item, root);
  if (!step.op) return lefts.length > 0;
  const rights = step.right && 'literal' in step.right ? [step.right.literal] : evalPath(step.right as Path, item, root);
  return lefts.some((l) => rights.some((r) => compare(l, step.op!, r)));
}

function compare(l: unknown, op: string, r: unknown): boolean {
  switch (op) {
    case '==': return l === r || (typeof l !== typeof r && String(l) === String(r));
    case '!=': return !(l === r || (typeof l !== typeof r && String(l) === String(r)));
    case '=~': try { return new RegExp(String(r)).test(String(l)); } catch { return false; }
    default: {
      const a = typeof l === 'number' ? l : Number(l);
      const b = typeof r === 'number' ? r : Number(r);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
    }
  }
}

/** Object keys in byte order at every depth, as Go's encoding/json writes a map. */
function sortedKeys(_key: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * How a JSONPath result prints, as kubectl 1.33's jsonpath does: strings raw, null empty, maps and
 * lists as Go's json.Marshal writes them (compact, keys sorted, `<`, `>` and `&` escaped as
 * `\u003c`, `\u003e`, `\u0026`).
 */
export function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v, sortedKeys).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  return String(v);
}

/** Copies made by jsonData of frozen objects (a frozen state's objects never change), shared read-only. */
const jsonCopies = new WeakMap<object, unknown>();

/** What jsonData leaves out of an object (undefined, a function or a symbol, as JSON.stringify does). */
const OMIT = Symbol('omit');

/**
 * `JSON.parse(JSON.stringify(v))` of an object, for reading only: what the templates run on (no
 * undefined, non-finite numbers as null, toJSON applied). A frozen object's part is copied once and
 * shared, so printing the same pods again (command after command, state after state: immer keeps
 * unchanged objects) copies only what changed. Never modify the result.
 */
export function jsonData(v: object): unknown {
  return copyJson(v, false);
}

function copyJson(v: unknown, inArray: boolean): unknown {
  switch (typeof v) {
    case 'string': case 'boolean': return v;
    case 'number': return Number.isFinite(v) ? v : null;
    case 'object': break;
    case 'bigint': return JSON.stringify(v); // throws as the round trip does
    default: return inArray ? null : OMIT;
  }
  if (v === null) return null;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(v)) as unknown;
  const frozen = Object.isFrozen(v);
  if (frozen && jsonCopies.has(v)) return jsonCopies.get(v);
  let copy: unknown;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) out.push(copyJson(v[i], true)); // a hole reads as null, as in JSON
    copy = out;
  }
  else {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const c = copyJson((v as Record<string, unknown>)[k], false);
      if (c === OMIT) continue;
      if (k === '__proto__') Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
      else out[k] = c;
    }
    copy = out;
  }
  if (frozen) jsonCopies.set(v, copy);
  return copy;
}

/** Runs a parsed template over `data` and returns the text (no newline is added). */
export function executeJsonPath(tpl: JsonPathTemplate, data: unknown): string {
  const run = (nodes: Node[], cur: unknown): string => {
    let out = '';
    for (const n of nodes) {
      if (n.t === 'text' || n.t === 'literal') out += n.text;
      else if (n.t === 'path') out += evalPath(n.path, cur, data).map(valueText).join(' ');
      else {
        let items = evalPath(n.path, cur, data);
        // `range .items` over one array value iterates its elements.
        if (items.length === 1 && Array.isArray(items[0])) items = items[0];
        for (const item of items) out += run(n.body, item);
      }
    }
    return out;
  };
  return run(tpl.nodes, data);
}

/**
 * kubectl's RelaxedJSONPathExpression (custom-columns, --sort-by): `.a.b`, `a.b`, `{.a.b}` all
 * mean `{.a.b}`. Returns the braced template text; throws JsonPathError when it cannot be read.
 */
export function relaxedJsonPath(expr: string): string {
  const m = expr.match(/^\{?(.*?)\}?$/s);
  let inner = (m ? m[1] : expr).trim();
  if (inner === '') throw new JsonPathError(`unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`);
  if (!inner.startsWith('.') && !inner.startsWith('[') && !inner.startsWith('$') && !inner.startsWith('@')) inner = '.' + inner;
  return `{${inner}}`;
}
