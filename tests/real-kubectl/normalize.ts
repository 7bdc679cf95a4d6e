import { renderTable } from '../../src/core/printers/table.ts';

/**
 * kubectl's describe loops over a Go map for ConfigMap data and Secret data, so the real order of
 * those entries changes from run to run. Returns `real` with its `Data` section's entries put in
 * `mine`'s order when both hold exactly the same entries; otherwise `real` unchanged (so the
 * comparison still fails on any other difference).
 */
export function canonicalMapOrder(real: string, mine: string): string {
  const r = dataSection(real);
  const m = dataSection(mine);
  if (!r || !m) return real;
  const sorted = (s: string[]) => [...s].sort().join('\u0000');
  return sorted(r.entries) === sorted(m.entries) ? real.slice(0, r.start) + m.entries.join('') + real.slice(r.end) : real;
}

function dataSection(text: string): { start: number; end: number; entries: string[] } | undefined {
  const marker = '\nData\n====\n';
  const at = text.indexOf(marker);
  if (at < 0) return undefined;
  const start = at + marker.length;
  const binary = text.indexOf('\nBinaryData\n', start);
  const end = binary >= 0 ? binary : text.length;
  const body = text.slice(start, end);
  // ConfigMap: `KEY:\n----\nVALUE\n\n` blocks; Secret: one `KEY:  N bytes` line each.
  const entries = binary >= 0 ? body.split(/(?=^[^\n]+:\n----\n)/m) : body.split(/(?<=\n)/);
  return { start, end, entries: entries.filter((e) => e !== '') };
}

/**
 * Our `get` table cut down to what real kubectl prints when the server sends no Table (as
 * kube-fake-api does): NAMESPACE (with -A), NAME and AGE, laid out again with kubectl's padding.
 * Cells are cut at the header's column starts (tabwriter aligns every cell under its header).
 */
export function nameAgeProjection(table: string): string {
  const lines = table.split('\n').filter((l) => l !== '');
  const header = lines[0] ?? '';
  const starts = [...header.matchAll(/(?:^|(?<=\s{2}))\S/g)].map((m) => m.index!);
  const cols = starts.map((s, i) => ({ title: header.slice(s, starts[i + 1] ?? header.length).trim(), s, e: starts[i + 1] }));
  const keep = cols.filter((c) => c.title === 'NAMESPACE' || c.title === 'NAME' || c.title === 'AGE');
  const cell = (line: string, c: { s: number; e?: number }) => line.slice(c.s, c.e).trim();
  return renderTable(keep.map((c) => c.title), lines.slice(1).map((l) => keep.map((c) => cell(l, c))));
}
