import type { Command } from '../../types.ts';
import { gnuMessage, parseFlags, type FlagSpec } from '../../flags.ts';
import { ERRNO_TEXT, gnuQuote, readInputs, splitLines, tryHelp } from '../gnu.ts';

const FLAGS: FlagSpec[] = [
  { name: 'fields', short: 'f', type: 'string', help: 'select only these fields', argName: 'LIST' },
  { name: 'characters', short: 'c', type: 'string', help: 'select only these characters', argName: 'LIST' },
  { name: 'bytes', short: 'b', type: 'string', help: 'select only these bytes', argName: 'LIST' },
  { name: 'delimiter', short: 'd', type: 'string', help: 'use DELIM instead of TAB for field delimiter', argName: 'DELIM' },
  { name: 'only-delimited', short: 's', type: 'bool', help: 'do not print lines not containing delimiters' },
  { name: 'output-delimiter', type: 'string', help: 'use STRING as the output delimiter', argName: 'STRING' },
  { name: 'complement', type: 'bool', help: 'complement the set of selected bytes, characters or fields' },
  { name: 'help', type: 'bool', help: 'display this help and exit' },
];

type Range = [number, number];

/**
 * `cut -f LIST [-d DELIM] [-s] | -c LIST | -b LIST [FILE]…` as GNU cut. LIST is `N`, `N-M`, `N-`,
 * `-M`, comma-separated. Lines without the delimiter are printed whole unless -s.
 */
export const cut: Command = {
  name: 'cut',
  places: ['laptop', 'node', 'debug'],
  summary: 'remove sections from each line of files',
  flags: FLAGS,
  run(ctx) {
    const usage = (msg: string) => ({ stdout: '', stderr: `cut: ${msg}\n${tryHelp('cut')}`, exitCode: 1 });
    const parsed = parseFlags(ctx.argv.slice(1), FLAGS);
    if (!parsed.ok) return { stdout: '', stderr: gnuMessage('cut', parsed.error), exitCode: 1 };
    const { values: v, given, positionals } = parsed.flags;
    if (v.help) return { stdout: 'Usage: cut OPTION... [FILE]...\n', stderr: '', exitCode: 0 };
    const lists = (['fields', 'characters', 'bytes'] as const).filter((k) => given.has(k));
    if (lists.length === 0) return usage('you must specify a list of bytes, characters, or fields');
    if (lists.length > 1) return usage('only one list may be specified');
    const kind = lists[0];
    const ranges = parseList(v[kind] as string, kind === 'fields' ? 'field' : kind === 'bytes' ? 'byte/character' : 'byte/character');
    if (typeof ranges === 'string') return usage(ranges);
    const delim = given.has('delimiter') ? (v.delimiter as string) : '\t';
    if (kind === 'fields' && [...delim].length !== 1) return usage('the delimiter must be a single character');
    if (kind !== 'fields' && given.has('delimiter')) return usage('an input delimiter may be specified only when operating on fields');
    const outDelim = given.has('output-delimiter') ? (v['output-delimiter'] as string) : kind === 'fields' ? delim : '';
    const pick = (n: number) => ranges.some(([a, b]) => n >= a && n <= b) !== v.complement;
    let stdout = '';
    let stderr = '';
    for (const input of readInputs(ctx, positionals)) {
      if ('error' in input) { stderr += `cut: ${input.name}: ${ERRNO_TEXT[input.error]}\n`; continue; }
      for (const line of splitLines(input.text)) {
        if (kind === 'fields') {
          if (!line.includes(delim)) { if (!v['only-delimited']) stdout += `${line}\n`; continue; }
          stdout += line.split(delim).filter((_, i) => pick(i + 1)).join(outDelim) + '\n';
        } else {
          stdout += [...line].filter((_, i) => pick(i + 1)).join(outDelim) + '\n';
        }
      }
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

/** Parses a LIST; returns cut's complaint when invalid. */
function parseList(list: string, what: string): Range[] | string {
  const ranges: Range[] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '')) return m && m[2] ? 'invalid range with no endpoint: -' : `invalid ${what === 'field' ? 'field' : 'byte/character position'} value ${gnuQuote(part)}`;
    const a = m[1] === '' ? 1 : Number(m[1]);
    const b = m[2] ? (m[3] === '' ? Infinity : Number(m[3])) : a;
    if (a === 0 || b === 0) return what === 'field' ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    if (b < a) return 'invalid decreasing range';
    ranges.push([a, b]);
  }
  return ranges;
}
