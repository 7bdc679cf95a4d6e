import type { Command } from '../../types.ts';
import { gnuMessage, parseFlags, type FlagSpec } from '../../flags.ts';
import { ERRNO_TEXT, readInputs } from '../gnu.ts';

const FLAGS: FlagSpec[] = [
  { name: 'lines', short: 'l', type: 'bool', help: 'print the newline counts' },
  { name: 'words', short: 'w', type: 'bool', help: 'print the word counts' },
  { name: 'bytes', short: 'c', type: 'bool', help: 'print the byte counts' },
  { name: 'chars', short: 'm', type: 'bool', help: 'print the character counts' },
  { name: 'max-line-length', short: 'L', type: 'bool', help: 'print the maximum display width' },
  { name: 'help', type: 'bool', help: 'display this help and exit' },
];

/** Bytes of `s` in UTF-8 (what wc -c counts, what ls -l shows as a file's size). */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * `wc [-lwcmL] [FILE]…` as GNU coreutils wc. Counts in the order lines, words, chars, bytes,
 * max line length. Column width as coreutils computes it: 1 when a single count of a single
 * input is printed; otherwise the digits of the inputs' total size, at least 7 when standard
 * input (a pipe) is among them. A `total` line follows several inputs.
 */
export const wc: Command = {
  name: 'wc',
  places: ['laptop', 'node', 'debug'],
  summary: 'print newline, word, and byte counts for each file',
  flags: FLAGS,
  run(ctx) {
    const parsed = parseFlags(ctx.argv.slice(1), FLAGS);
    if (!parsed.ok) return { stdout: '', stderr: gnuMessage('wc', parsed.error), exitCode: 1 };
    const { values: v, positionals } = parsed.flags;
    if (v.help) return { stdout: 'Usage: wc [OPTION]... [FILE]...\n', stderr: '', exitCode: 0 };
    let which = (['lines', 'words', 'chars', 'bytes', 'max-line-length'] as const).filter((k) => v[k]);
    if (which.length === 0) which = ['lines', 'words', 'bytes'];
    const inputs = readInputs(ctx, positionals);
    const rows: { counts: number[]; name?: string }[] = [];
    const total = which.map(() => 0);
    let stderr = '';
    let size = 0;
    let piped = false;
    for (const input of inputs) {
      if ('error' in input) {
        stderr += `wc: ${input.name}: ${ERRNO_TEXT[input.error]}\n`;
        // coreutils also prints a row of zeros for a directory, after the error; the shell shows
        // stdout before stderr, so that row would come out first: it is left out.
        continue;
      }
      if (input.stdin) piped = true;
      else size += utf8Length(input.text);
      const counts = which.map((k) => count(input.text, k));
      counts.forEach((c, i) => { total[i] = which[i] === 'max-line-length' ? Math.max(total[i], c) : total[i] + c; });
      rows.push({ counts, name: positionals.length ? input.name : undefined });
    }
    if (inputs.length > 1) rows.push({ counts: total, name: 'total' });
    let width = which.length === 1 && inputs.length === 1 ? 1 : Math.max(1, String(size).length);
    if (piped && !(which.length === 1 && inputs.length === 1)) width = Math.max(width, 7);
    const stdout = rows.map((r) => r.counts.map((c) => String(c).padStart(width)).join(' ') + (r.name !== undefined ? ` ${r.name}` : '') + '\n').join('');
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

/** Newlines in `text`, counted in place (a match array of a big output cost more than its counting). */
function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function count(text: string, k: 'lines' | 'words' | 'chars' | 'bytes' | 'max-line-length'): number {
  switch (k) {
    case 'lines': return newlines(text);
    case 'words': return text.split(/\s+/).filter(Boolean).length;
    case 'chars': return [...text].length;
    case 'bytes': return utf8Length(text);
    case 'max-line-length': return Math.max(0, ...text.split('\n').map((l) => [...l.replace(/\t/g, '        ')].length));
  }
}
