import { TabWriter, width } from './tabwriter.ts';

/**
 * Rows through Go's text/tabwriter, by default as kubectl configures it (cli-runtime
 * printers.GetNewTabWriter: min width 6, padding 3, pad with spaces): every column but the last is
 * padded to its widest cell plus the padding. crictl uses min width 20, padding 3.
 */
export function tabwrite(rows: readonly (readonly string[])[], minWidth = 6, padding = 3): string {
  const grid = gridWidths(rows, minWidth, padding);
  if (grid) return gridText(rows, grid);
  const w = new TabWriter(minWidth, padding);
  for (const row of rows) w.write(`${row.join('\t')}\n`);
  return w.toString();
}

/** A table with a header row (unless `noHeaders`), as kubectl's human-readable printer prints it. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], noHeaders = false): string {
  return tabwrite(noHeaders ? rows : [headers, ...rows]);
}

/**
 * The column widths TabWriter gives rows that all have the same number (at least two) of cells
 * without tabs or newlines: then every column but the last is one block over all the rows, as wide
 * as its widest cell plus the padding (at least minWidth). Undefined for any other rows, which go
 * through TabWriter itself. A `kubectl get pods -A` of ten thousand pods is such a grid; `cells`
 * holds each padded cell's own width, row by row.
 */
function gridWidths(rows: readonly (readonly string[])[], minWidth: number, padding: number): { widths: number[]; cells: Int32Array } | undefined {
  const n = rows[0]?.length ?? 0;
  if (n < 2) return undefined;
  const widths = new Array<number>(n - 1).fill(minWidth);
  const cells = new Int32Array(rows.length * (n - 1));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.length !== n) return undefined;
    for (let j = 0; j < n; j++) {
      const c = row[j];
      if (c.includes('\t') || c.includes('\n')) return undefined;
      if (j === n - 1) continue;
      const w = width(c);
      cells[i * (n - 1) + j] = w;
      if (w + padding > widths[j]) widths[j] = w + padding;
    }
  }
  return { widths, cells };
}

/** The rows of a grid (gridWidths) padded to its widths, one line each. */
function gridText(rows: readonly (readonly string[])[], { widths, cells }: { widths: number[]; cells: Int32Array }): string {
  const m = widths.length;
  const spaces = ' '.repeat(Math.max(0, ...widths));
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let line = '';
    for (let j = 0; j < m; j++) line += row[j] + spaces.slice(0, widths[j] - cells[i * m + j]);
    lines[i] = line + row[m];
  }
  return `${lines.join('\n')}\n`;
}
