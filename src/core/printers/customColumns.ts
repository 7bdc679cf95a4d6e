import { evalPath, executeJsonPath, JsonPathError, parseJsonPath, relaxedJsonPath, valueText } from './jsonpath.ts';
import { renderTable } from './table.ts';

/**
 * `-o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName` (kubectl's CustomColumnsPrinter):
 * one column per `HEADER:jsonpath`; a missing value prints `<none>`, several values are joined
 * by commas.
 */
export interface CustomColumn { header: string; path: ReturnType<typeof parseJsonPath> }

/** Parses the spec; returns kubectl's error text (without `error: `) when malformed. */
export function parseCustomColumns(spec: string): { ok: true; columns: CustomColumn[] } | { ok: false; error: string } {
  if (spec.trim() === '') return { ok: false, error: 'custom-columns format specified but no custom columns given' };
  const columns: CustomColumn[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return { ok: false, error: `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    const header = part.slice(0, colon);
    try {
      columns.push({ header, path: parseJsonPath(relaxedJsonPath(part.slice(colon + 1))) });
    } catch (e) {
      return { ok: false, error: e instanceof JsonPathError ? e.message : String(e) };
    }
  }
  return { ok: true, columns };
}

/**
 * A value as Go's fmt `%v` prints the unstructured object's field, which is what a custom column
 * shows: strings raw, maps `map[k:v …]` with keys sorted, lists `[a b]`, null `<nil>`.
 */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${keys.map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** The cell text of one column for one object. */
function cellOf(col: CustomColumn, obj: unknown): string {
  const node = col.path.nodes[0];
  if (!node || node.t !== 'path') return executeJsonPath(col.path, obj) || '<none>';
  const values = evalPath(node.path, obj, obj);
  return values.length === 0 ? '<none>' : values.map((v) => (v !== null && typeof v === 'object' ? goValue(v) : valueText(v))).join(',');
}

/** The whole table for `objects`, as kubectl prints it (tabwriter, header unless `noHeaders`). */
export function printCustomColumns(columns: CustomColumn[], objects: readonly unknown[], noHeaders = false): string {
  return renderTable(columns.map((c) => c.header), objects.map((o) => columns.map((c) => cellOf(c, o))), noHeaders);
}
