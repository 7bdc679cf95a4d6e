/**
 * Where a field of a scenario file is: line and column from the YAML parser's node ranges, and a
 * path written by ids (`rounds[opening].rubric.evidence[saw-401]`) rather than list positions, so
 * a message still points at the right item after the author reorders a list.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export type FieldPath = readonly (string | number)[];

/** A position in the file, 1-based as editors show it. */
export interface Position { line: number; col: number }

/** A parsed YAML document with its line counter: finds the node behind a field path. */
export class SourceMap {
  readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(readonly text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  }

  /** 1-based line and column of a character offset. */
  at(offset: number): Position {
    const p = this.lines.linePos(offset);
    return { line: p.line, col: p.col };
  }

  /**
   * The position of the field at `path`: the value's node, or with `key` the key's node (for a
   * field that should not be there). A path that runs past what the file has (a missing field)
   * points at the deepest part that exists, the object that lacks it.
   */
  position(path: FieldPath, key = false): Position {
    let node: unknown = this.doc.contents;
    let keyNode: unknown;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === seg);
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
        keyNode = undefined;
        node = node.items[seg];
      } else break;
    }
    const target = (key && keyNode ? keyNode : node) as Node | undefined;
    const start = target?.range?.[0] ?? 0;
    return this.at(start);
  }
}

/** The name an item of a list goes by in a path: its `id`, `name` or `ref`, else its position. */
function itemName(item: unknown, index: number): string {
  if (item && typeof item === 'object') {
    for (const k of ['id', 'name', 'ref'] as const) {
      const v = (item as Record<string, unknown>)[k];
      if (typeof v === 'string' && v) return v;
    }
  }
  return String(index);
}

/**
 * A field path as an author reads it: `rounds[opening].rubric.evidence[saw-401].any[0].flags`;
 * list items by id, name or image ref where they have one. `(top level)` for the file itself.
 */
export function displayPath(path: FieldPath, data: unknown): string {
  let out = '';
  let cur: unknown = data;
  for (const seg of path) {
    if (typeof seg === 'number') {
      const item = Array.isArray(cur) ? cur[seg] : undefined;
      out += `[${itemName(item, seg)}]`;
      cur = item;
    } else {
      out += out ? `.${seg}` : seg;
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out || '(top level)';
}
