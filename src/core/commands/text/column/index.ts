import { parseTool } from '../../node/args.ts';
import type { Command } from '../../types.ts';
import type { FlagSpec } from '../../flags.ts';
import { ERRNO_TEXT, readInputs, splitLines } from '../gnu.ts';

const USAGE = `
Usage:
 column [options] [<file>...]

Columnate lists.

Options:
 -t, --table                      create a table
 -s, --separator <string>         possible table delimiters
 -o, --output-separator <string>  columns separator for table output (default is two spaces)
 -N, --table-columns <names>      comma separated columns names
 -R, --table-right <columns>      right align text in these columns
 -c, --output-width <width>       width of output in number of characters
 -x, --fillrows                   fill rows before columns

 -h, --help                       display this help
 -V, --version                    display version

For more details see column(1).
`;

const SPECS: FlagSpec[] = [
  { name: 'table', short: 't', type: 'bool', help: '' },
  { name: 'separator', short: 's', type: 'string', help: '' },
  { name: 'output-separator', short: 'o', type: 'string', help: '' },
  { name: 'table-columns', short: 'N', type: 'string', help: '' },
  { name: 'table-right', short: 'R', type: 'string', help: '' },
  { name: 'output-width', short: 'c', type: 'string', help: '' },
  { name: 'fillrows', short: 'x', type: 'bool', help: '' },
  { name: 'version', short: 'V', type: 'bool', help: '' },
];

/**
 * util-linux `column -t [-s SEP] [-o OUTSEP] [-N NAMES] [-R COLS]`: a table of whitespace- (or
 * SEP-) separated fields, each column as wide as its widest cell, two spaces between. Without
 * `-t`, lines are laid out in columns of an 80-wide output (`-c`).
 */
export const column: Command = {
  name: 'column',
  places: ['laptop', 'node', 'debug'],
  summary: 'columnate lists',
  flags: SPECS,
  run(ctx) {
    const p = parseTool('column', ctx.argv.slice(1), SPECS, USAGE);
    if (!p.ok) return p.result;
    const v = p.flags.values;
    if (v.version === true) return { stdout: 'column from util-linux 2.39.3\n', stderr: '', exitCode: 0 };
    let text = '';
    let stderr = '';
    for (const input of readInputs(ctx, p.flags.positionals)) {
      if ('error' in input) stderr += `column: ${input.name}: ${ERRNO_TEXT[input.error]}\n`;
      else text += input.text;
    }
    const lines = splitLines(text).filter((l) => l.trim() !== '');
    if (v.table !== true) {
      const width = Number(v['output-width'] || 80);
      const colW = Math.ceil((Math.max(0, ...lines.map((l) => l.length)) + 1) / 8) * 8;
      const perRow = Math.max(1, Math.floor(width / colW));
      const rows = Math.ceil(lines.length / perRow);
      let out = '';
      for (let r = 0; r < rows; r++) {
        const cells: string[] = [];
        for (let c = 0; c < perRow; c++) {
          const idx = v.fillrows === true ? r * perRow + c : c * rows + r;
          if (idx < lines.length) cells.push(lines[idx]);
        }
        out += cells.map((cell, i) => (i === cells.length - 1 ? cell : cell + '\t'.repeat(Math.ceil((colW - cell.length) / 8)))).join('') + '\n';
      }
      return { stdout: out, stderr, exitCode: stderr ? 1 : 0 };
    }
    const sep = p.flags.given.has('separator') ? String(v.separator) : undefined;
    const rows = lines.map((l) => (sep ? l.split(new RegExp(`[${sep.replace(/[\]\\^-]/g, '\\$&')}]+`)) : l.trim().split(/\s+/)));
    if (p.flags.given.has('table-columns')) rows.unshift(String(v['table-columns']).split(','));
    const right = new Set(String(v['table-right'] || '').split(',').filter(Boolean).map(Number));
    const widths: number[] = [];
    for (const r of rows) r.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, [...c].length); });
    const outSep = p.flags.given.has('output-separator') ? String(v['output-separator']) : '  ';
    // Every row gets every column (missing cells empty), each padded to its width but the table's last.
    const cols = widths.length;
    const out = rows.map((r) => Array.from({ length: cols }, (_, i) => {
      const c = r[i] ?? '';
      if (right.has(i + 1)) return c.padStart(widths[i]);
      return i === cols - 1 ? c : c + ' '.repeat(widths[i] - [...c].length);
    }).join(outSep) + '\n').join('');
    return { stdout: out, stderr, exitCode: stderr ? 1 : 0 };
  },
};
