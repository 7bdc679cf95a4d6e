/**
 * How the API server decodes a patched object into its Go struct (kinds/fields.ts), for
 * `kubectl patch`: unknown keys are dropped with a warning (the server's default field validation,
 * `Warn`), a JSON value of the wrong type is refused with the decoder's own message. The strategic
 * merge patch goes through the unstructured converter (apiserver handlers/patch.go
 * applyPatchToObject: `unrecognized type: int32`, `cannot convert float64 to int32`, integers
 * wrapped to int32 as Go's conversion does); merge and JSON patches through encoding/json
 * (`json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`).
 *
 * The walk follows the schema, so it goes no deeper than the modelled fields plus ANY_DEPTH: a
 * patch nested thousands deep is cut at a fixed depth whatever the JavaScript stack allows.
 */
import type { GoType } from './fields.ts';

/** Below this many levels from the object's root, keys inside unchecked (`ANY`) fields are dropped as unknown. */
export const ANY_DEPTH = 32;

/** A JSON value whose type does not fit its field. */
export interface TypeMismatch {
  /** Go's field path (`spec.template.spec.containers.image`: JSON names, no indices). */
  goPath: string;
  /** The enclosing Go struct (`Container`). */
  struct: string;
  type: GoType;
  value: unknown;
}

export interface Decoded {
  /** The patch as the server keeps it: unknown fields removed, strategic-patch integers wrapped to int32. */
  value: unknown;
  /** `unknown field "spec.template.spec.containers[0].imagee"`, in the order met. */
  warnings: string[];
  /** The first value of the wrong type. */
  mismatch?: TypeMismatch;
}

export type PatchDecoder = 'converter' | 'json';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const fits = (v: number, bits: 32 | 64) => Number.isInteger(v) && (bits === 64 ? Math.abs(v) <= 2 ** 63 : v >= -(2 ** 31) && v < 2 ** 31);
const DROP = Symbol('drop');

/**
 * Walks `value` (a patch body, or one JSON-patch operation's value) as the field of type `type`
 * found at `path` (`spec.template`) and `goPath`, inside struct `owner`. Pure; never mutates.
 */
export function decodeAs(value: unknown, type: GoType, decoder: PatchDecoder, at: { path: string; goPath: string; owner: string }): Decoded {
  const warnings: string[] = [];
  let mismatch: TypeMismatch | undefined;
  const join = (a: string, b: string) => (a ? `${a}.${b}` : b);
  const depthOf = (path: string) => (path.match(/[.[]/g)?.length ?? 0) + (path ? 1 : 0);

  const walk = (v: unknown, t: GoType, path: string, goPath: string, owner: string): unknown => {
    if (v === null || v === undefined) return v;
    const bad = () => { mismatch ??= { goPath, struct: owner, type: t, value: v }; return v; };
    switch (t.t) {
      case 'int32': case 'int64': {
        if (typeof v !== 'number') return bad();
        if (fits(v, t.t === 'int32' ? 32 : 64)) return v;
        // The converter converts an integral number with Go's int32(x): it wraps; encoding/json refuses.
        if (decoder === 'converter' && Number.isInteger(v)) return t.t === 'int32' ? Number(BigInt.asIntN(32, BigInt(v))) : v;
        return bad();
      }
      case 'bool': return typeof v === 'boolean' ? v : bad();
      case 'string': return typeof v === 'string' ? v : bad();
      case 'intstr': return typeof v === 'string' || (typeof v === 'number' && fits(v, 32)) ? v : bad();
      case 'any': {
        if (typeof v !== 'object') return v;
        if (depthOf(path) > ANY_DEPTH) { warnings.push(`unknown field "${path}"`); return DROP; }
        if (Array.isArray(v)) return v.map((e, i) => walk(e, t, `${path}[${i}]`, goPath, owner));
        return entries(v as Record<string, unknown>, (k, e) => walk(e, t, join(path, k), join(goPath, k), owner));
      }
      case 'slice':
        if (!Array.isArray(v)) return bad();
        return v.map((e, i) => walk(e, t.of, `${path}[${i}]`, goPath, owner));
      case 'map':
        if (!isObj(v)) return bad();
        return entries(v, (k, e) => walk(e, t.of, join(path, k), join(goPath, k), owner));
      case 'struct':
        if (!isObj(v)) return bad();
        return entries(v, (k, e) => {
          // Strategic-merge directives ($patch, $setElementOrder/…, $retainKeys) are not fields.
          if (k.startsWith('$')) return depthOf(path) > ANY_DEPTH ? DROP : e;
          const ft = Object.hasOwn(t.fields, k) ? t.fields[k] : undefined;
          if (!ft) { warnings.push(`unknown field "${join(path, k)}"`); return DROP; }
          return walk(e, ft, join(path, k), join(goPath, k), t.name);
        });
    }
  };
  const entries = (v: Record<string, unknown>, f: (k: string, e: unknown) => unknown) => {
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v)) {
      const r = f(k, e);
      if (r !== DROP) out[k] = r;
    }
    return out;
  };
  const out = walk(value, type, at.path, at.goPath, at.owner);
  return { value: out === DROP ? undefined : out, warnings, mismatch };
}

/** The field type at a JSON pointer's segments (`spec`, `replicas`); undefined when a segment names no field. */
export function typeAt(root: GoType, segments: readonly string[]): { type: GoType; path: string; goPath: string; owner: string } | undefined {
  let type = root;
  let path = '';
  let goPath = '';
  let owner = root.t === 'struct' ? root.name : '';
  for (const seg of segments) {
    if (type.t === 'struct') {
      if (!Object.hasOwn(type.fields, seg)) return undefined;
      owner = type.name;
      type = type.fields[seg];
      path = path ? `${path}.${seg}` : seg;
      goPath = goPath ? `${goPath}.${seg}` : seg;
    } else if (type.t === 'slice') {
      type = type.of;
      path = `${path}[${seg}]`;
    } else if (type.t === 'map' || type.t === 'any') {
      type = type.t === 'map' ? type.of : type;
      path = path ? `${path}.${seg}` : seg;
      goPath = goPath ? `${goPath}.${seg}` : seg;
    } else return undefined;
  }
  return { type, path, goPath, owner };
}

/** A Go type as reflect's `Type.String()` prints it (`int32`, `v1.PodSpec`, `[]v1.Container`, `map[string]string`). */
export function goTypeName(t: GoType): string {
  switch (t.t) {
    case 'struct': return `v1.${t.name}`;
    case 'slice': return `[]${goTypeName(t.of)}`;
    case 'map': return `map[string]${goTypeName(t.of)}`;
    case 'intstr': return 'intstr.IntOrString';
    case 'any': return 'interface {}';
    default: return t.t;
  }
}

/** The reflect kind of a decoded JSON value in the converter (`string`, `int64`, `float64`, `bool`, `map`, `slice`). */
const convKind = (v: unknown) =>
  typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? (Number.isInteger(v) ? 'int64' : 'float64') : Array.isArray(v) ? 'slice' : 'map';

/** What the JSON decoder calls a value (`string`, `number 1.5`, `object`). */
const jsonWhat = (v: unknown, t: GoType) =>
  typeof v === 'number' ? ((t.t === 'int32' || t.t === 'int64' || t.t === 'intstr') ? `number ${goNumber(v)}` : 'number')
    : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'array' : 'object';

/** runtime.DefaultUnstructuredConverter's error for a mismatch (converter.go fromUnstructured). */
export function converterError(m: TypeMismatch): string {
  const { type: t, value: v } = m;
  const kind = convKind(v);
  switch (t.t) {
    case 'struct': return `cannot restore struct from: ${kind}`;
    case 'slice': return `cannot restore slice from ${kind}`;
    case 'map': return `cannot restore map from ${kind}`;
    // IntOrString decodes itself from JSON (its UnmarshalJSON reads a non-string into an int32).
    case 'intstr': return `json: cannot unmarshal ${jsonWhat(v, t)} into Go value of type int32`;
    case 'int32': case 'int64': return kind === 'float64' ? `cannot convert float64 to ${t.t}` : `unrecognized type: ${t.t}`;
    case 'string': return kind === 'int64' ? 'cannot convert int64 to string' : 'unrecognized type: string';
    default: return `unrecognized type: ${t.t}`;
  }
}

/** encoding/json's UnmarshalTypeError for a mismatch (Go 1.20+: the whole field path). */
export function jsonDecodeError(m: TypeMismatch): string {
  const t = m.type.t === 'intstr' ? { t: 'int32' as const } : m.type;
  return `json: cannot unmarshal ${jsonWhat(m.value, m.type)} into Go struct field ${m.struct}.${m.goPath} of type ${goTypeName(t)}`;
}

/** A float64 or int64 as Go's `%v` prints it (strconv 'g', shortest; `1e+21`). */
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(n);
}

/** A decoded JSON value as Go's `%+v` prints a map[string]interface{} (`map[spec:map[replicas:x]]`, keys sorted). */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goNumber(v);
  if (typeof v !== 'object') return String(v);
  // Iterative, so a deep value prints without growing the JavaScript stack.
  class Lit { constructor(readonly text: string) {} }
  let out = '';
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (x instanceof Lit) { out += x.text; continue; }
    if (x === null || x === undefined) { out += '<nil>'; continue; }
    if (typeof x === 'number') { out += goNumber(x); continue; }
    if (typeof x !== 'object') { out += String(x); continue; }
    const parts: unknown[] = [];
    if (Array.isArray(x)) {
      parts.push(new Lit('['));
      x.forEach((e, i) => { if (i) parts.push(new Lit(' ')); parts.push(e); });
      parts.push(new Lit(']'));
    } else {
      parts.push(new Lit('map['));
      Object.keys(x).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).forEach((k, i) => { parts.push(new Lit(`${i ? ' ' : ''}${k}:`), (x as Record<string, unknown>)[k]); });
      parts.push(new Lit(']'));
    }
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
  }
  return out;
}

/** Go's `%q` (strconv.Quote) of a string. */
export function goQuote(s: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    out += named[c] ?? (code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c);
  }
  return `${out}"`;
}
