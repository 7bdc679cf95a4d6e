/**
 * The schema's complaints (zod issues) as author-facing problems: an unknown field with the
 * fields that are allowed there and the closest one, a missing field with what it should hold,
 * an unknown choice with the valid ones.
 */
import type { z } from 'zod';
import type { FieldPath } from './locate.ts';
import { didYouMean } from './suggest.ts';

/** A problem before it is located in the file: the field's path, what is wrong and the fix. */
export interface RawProblem {
  path: FieldPath;
  message: string;
  /** Point at the key of the last path segment (a field that should not be there), not its value. */
  atKey?: boolean;
  /**
   * Playable but surely not meant (a fault that can never fire): `scenario:check` fails on it,
   * the loader still plays the file (core tests build small clusters where a fault stays idle).
   */
  warning?: boolean;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[]; in?: z.ZodType; getter?: () => z.ZodType };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Unwraps optional, default, nullable, pipes and lazies down to the schema that shapes the value. */
function unwrap(s: z.ZodType): z.ZodType {
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else if (d.type === 'lazy' && d.getter) s = d.getter();
    else return s;
  }
  return s;
}

/** The object schema of a union that fits `value` best: the option whose literal discriminator matches, else the one sharing most keys. */
function pickOption(options: z.ZodType[], value: unknown): z.ZodType | undefined {
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  let best: { s: z.ZodType; score: number } | undefined;
  for (const o of options.map(unwrap)) {
    const shape = defOf(o).shape;
    if (!shape) continue;
    let score = Object.keys(v).filter((k) => k in shape).length;
    for (const [k, f] of Object.entries(shape)) {
      const fd = defOf(unwrap(f)) as Def & { values?: unknown[] };
      if (fd.type === 'literal' && fd.values?.includes(v[k])) score += 100;
    }
    if (!best || score > best.score) best = { s: o, score };
  }
  return best?.s;
}

/** The schema of the value at `path` inside `root`, following the data through lists and unions. */
export function schemaAt(root: z.ZodType, path: FieldPath, data: unknown): z.ZodType | undefined {
  let s: z.ZodType | undefined = unwrap(root);
  let cur = data;
  for (const seg of path) {
    if (!s) return undefined;
    let d = defOf(s);
    if (d.type === 'union' && d.options) { s = pickOption(d.options, cur); if (!s) return undefined; d = defOf(s); }
    if (d.type === 'object' && d.shape && typeof seg === 'string') s = d.shape[seg];
    else if (d.type === 'array' && d.element) s = d.element;
    else if (d.type === 'record' && d.valueType) s = d.valueType;
    else return undefined;
    s = s && unwrap(s);
    cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  }
  if (s && defOf(s).type === 'union' && defOf(s).options) s = pickOption(defOf(s).options!, cur) ?? s;
  return s;
}

/** The field names an object schema allows. */
export function allowedKeys(s: z.ZodType | undefined): string[] {
  const shape = s && defOf(unwrap(s)).shape;
  return shape ? Object.keys(shape) : [];
}

const valueAt = (data: unknown, path: FieldPath): unknown => path.reduce<unknown>((cur, seg) => (cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined), data);

const expectedWords: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping (key: value lines)', record: 'a mapping (key: value lines)', int: 'a whole number' };

/** One zod issue in an author's words (several problems for several unknown keys). */
export function describeIssue(root: z.ZodType, issue: z.core.$ZodIssue, data: unknown): RawProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schemaAt(root, path, data));
      return issue.keys.map((k) => ({ path: [...path, k], atKey: true, message: `unknown field "${k}" — remove it or fix the spelling; ${didYouMean(k, allowed)}` }));
    }
    case 'invalid_type': {
      const value = valueAt(data, path);
      const want = expectedWords[issue.expected] ?? issue.expected;
      if (value === undefined) return [{ path, message: `missing field "${String(path[path.length - 1] ?? '')}" — add it (${want})` }];
      const got = Array.isArray(value) ? 'a list' : value === null ? 'nothing (null)' : typeof value === 'object' ? 'a mapping' : `${typeof value === 'string' ? 'text' : typeof value} ${JSON.stringify(value)}`;
      return [{ path, message: `expected ${want}, found ${got} — write ${want} here` }];
    }
    case 'invalid_value': {
      const value = valueAt(data, path);
      const valid = issue.values.map(String);
      if (value === undefined) return [{ path, message: `missing field "${String(path[path.length - 1] ?? '')}" — add it (${valid.join(' or ')})` }];
      return [{ path, message: `${JSON.stringify(value)} is not allowed here — ${didYouMean(String(value), valid)}` }];
    }
    case 'invalid_union': {
      // A discriminated union (history's `do`, onStart's `do`): the issue sits on the object or on its key.
      const onKey = typeof path[path.length - 1] === 'string' && typeof valueAt(data, path) !== 'object';
      const objPath = onKey ? path.slice(0, -1) : path;
      const value = valueAt(data, objPath) as Record<string, unknown> | undefined;
      const disc = onKey ? String(path[path.length - 1]) : (issue as { discriminator?: string }).discriminator ?? ((issue as { note?: string }).note?.includes('discriminator') ? 'do' : undefined);
      if (disc && value && typeof value === 'object') {
        const parent = schemaAt(root, objPath.slice(0, -1), data);
        const list = parent && defOf(parent).type === 'array' ? defOf(parent).element : undefined;
        const u = list ? unwrap(list) : schemaAt(root, objPath, data);
        const opts = u && defOf(u).type === 'union' ? defOf(u).options! : [];
        const valid = opts.map((o) => (defOf(unwrap(defOf(unwrap(o)).shape?.[disc] ?? o)) as Def & { values?: unknown[] }).values?.[0]).filter((x) => x !== undefined).map(String);
        return [{ path: [...objPath, disc], message: `unknown ${disc} "${String(value[disc])}" — ${didYouMean(String(value[disc]), valid)}` }];
      }
      return [{ path, message: `${issue.message.replace(/^Invalid input: /, '')} — check this entry against scenarios/README.md` }];
    }
    case 'invalid_key': {
      const key = path[path.length - 1];
      const inner = (issue as { issues?: { message: string }[] }).issues?.[0]?.message ?? issue.message;
      return [{ path, atKey: true, message: `"${String(key)}" is not allowed as a key here — ${inner}; ${didYouMean(String(key), ['cpu', 'memory', 'ephemeral-storage', 'pods'])}` }];
    }
    default: {
      // Refinements and bounds: what was found, then what the schema expects (its message says it).
      const value = valueAt(data, path);
      const found = value === undefined ? 'nothing' : typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? `a list of ${value.length}` : typeof value === 'object' && value ? 'a mapping' : String(value);
      const want = issue.message.replace(/^(Invalid input|Too (small|big)): /, '').replace(/^expected /, 'write ');
      return [{ path, message: `found ${found} — ${want}` }];
    }
  }
}
