import type { Command } from '../../types.ts';
import { gnuMessage, parseFlags, type FlagSpec } from '../../flags.ts';
import { ERRNO_TEXT, gnuQuote, joinLines, readInputs, splitLines } from '../gnu.ts';

const FLAGS: FlagSpec[] = [
  { name: 'numeric-sort', short: 'n', type: 'bool', help: 'compare according to string numerical value' },
  { name: 'human-numeric-sort', short: 'h', type: 'bool', help: 'compare human readable numbers (e.g., 2K 1G)' },
  { name: 'general-numeric-sort', short: 'g', type: 'bool', help: 'compare according to general numerical value' },
  { name: 'reverse', short: 'r', type: 'bool', help: 'reverse the result of comparisons' },
  { name: 'unique', short: 'u', type: 'bool', help: 'output only the first of an equal run' },
  { name: 'ignore-case', short: 'f', type: 'bool', help: 'fold lower case to upper case characters' },
  { name: 'ignore-leading-blanks', short: 'b', type: 'bool', help: 'ignore leading blanks' },
  { name: 'stable', short: 's', type: 'bool', help: 'stabilize sort by disabling last-resort comparison' },
  { name: 'version-sort', short: 'V', type: 'bool', help: 'natural sort of (version) numbers within text' },
  { name: 'key', short: 'k', type: 'stringArray', help: 'sort via a key', argName: 'KEYDEF' },
  { name: 'field-separator', short: 't', type: 'string', help: 'use SEP instead of non-blank to blank transition', argName: 'SEP' },
  { name: 'zero-terminated', short: 'z', type: 'bool', help: 'line delimiter is NUL, not newline' },
  { name: 'help', type: 'bool', help: 'display this help and exit' },
];

type Mode = 'text' | 'numeric' | 'human' | 'version';
interface Key { startField: number; endField?: number; mode?: Mode; reverse?: boolean }

/**
 * `sort [-nhgrufbsV] [-t SEP] [-k F1[,F2][n|h|r]] [FILE]…` as GNU sort under the C.UTF-8 locale
 * (byte order: `Alpha` before `alpha`). Ties fall back to comparing whole lines unless -s or -u;
 * -u keeps the first line of each run of equal keys. Errors exit 2.
 */
export const sort: Command = {
  name: 'sort',
  places: ['laptop', 'node', 'debug'],
  summary: 'sort lines of text files',
  flags: FLAGS,
  run(ctx) {
    const parsed = parseFlags(ctx.argv.slice(1), FLAGS);
    if (!parsed.ok) return { stdout: '', stderr: gnuMessage('sort', parsed.error), exitCode: 2 };
    const { values: v, positionals, given } = parsed.flags;
    if (v.help) return { stdout: 'Usage: sort [OPTION]... [FILE]...\n', stderr: '', exitCode: 0 };
    const sep = given.has('field-separator') ? (v['field-separator'] as string) : undefined;
    if (sep !== undefined && [...sep].length > 1) return { stdout: '', stderr: `sort: multi-character tab ${gnuQuote(sep)}\n`, exitCode: 2 };
    const keys: Key[] = [];
    for (const spec of v.key as string[]) {
      const k = parseKey(spec);
      if (typeof k === 'string') return { stdout: '', stderr: `sort: ${k}\n`, exitCode: 2 };
      keys.push(k);
    }
    const globalMode: Mode = v['numeric-sort'] || v['general-numeric-sort'] ? 'numeric' : v['human-numeric-sort'] ? 'human' : v['version-sort'] ? 'version' : 'text';
    const lines: string[] = [];
    for (const input of readInputs(ctx, positionals)) {
      if ('error' in input) {
        const text = input.error === 'EISDIR' ? `read failed: ${input.name}: Is a directory` : `cannot read: ${input.name}: ${ERRNO_TEXT[input.error]}`;
        return { stdout: '', stderr: `sort: ${text}\n`, exitCode: 2 };
      }
      lines.push(...splitLines(input.text));
    }
    const fold = v['ignore-case'] as boolean;
    const globalReverse = v.reverse as boolean;
    const compareKeys = (a: string, b: string): number => {
      for (const k of keys.length ? keys : [{ startField: 1 } as Key]) {
        const mode = k.mode ?? globalMode;
        let ka = keyText(a, k, sep);
        let kb = keyText(b, k, sep);
        if (v['ignore-leading-blanks'] || mode !== 'text') { ka = ka.trimStart(); kb = kb.trimStart(); }
        if (fold) { ka = ka.toUpperCase(); kb = kb.toUpperCase(); }
        const c = compareBy(mode, ka, kb);
        if (c !== 0) return (k.reverse ?? globalReverse) ? -c : c;
      }
      return 0;
    };
    const lastResort = !(v.stable || v.unique);
    const sorted = lines
      .map((line, i) => ({ line, i }))
      .sort((x, y) => {
        const c = compareKeys(x.line, y.line);
        if (c !== 0) return c;
        if (lastResort) {
          const d = bytewise(x.line, y.line);
          if (d !== 0) return globalReverse ? -d : d;
        }
        return x.i - y.i;
      })
      .map((x) => x.line);
    const out = v.unique ? sorted.filter((l, i) => i === 0 || compareKeys(sorted[i - 1], l) !== 0) : sorted;
    return { stdout: joinLines(out), stderr: '', exitCode: 0 };
  },
};

/** Parses `-k F1[.C][opts][,F2[.C][opts]]`; returns sort's complaint as a string when invalid. */
function parseKey(spec: string): Key | string {
  const m = /^(\d*)(?:\.\d+)?([bdfghinMrRV]*)(?:,(\d*)(?:\.\d+)?([bdfghinMrRV]*))?$/.exec(spec);
  if (!m || m[1] === '') return `invalid number at field start: invalid count at start of ${gnuQuote(spec.replace(/^\d+/, ''))}`;
  if (Number(m[1]) === 0) return `field number is zero: invalid field specification ${gnuQuote(spec)}`;
  const opts = (m[2] ?? '') + (m[4] ?? '');
  const key: Key = { startField: Number(m[1]) };
  if (m[3]) key.endField = Number(m[3]);
  if (/[ng]/.test(opts)) key.mode = 'numeric';
  else if (opts.includes('h')) key.mode = 'human';
  else if (opts.includes('V')) key.mode = 'version';
  if (opts.includes('r')) key.reverse = true;
  return key;
}

/** The key text of a line: fields F1..F2 (to end of line without F2). Blank-separated fields keep their leading blanks, as in GNU sort. */
function keyText(line: string, k: Key, sep: string | undefined): string {
  const starts: number[] = [0];
  const ends: number[] = [];
  if (sep !== undefined) {
    for (let i = line.indexOf(sep); i >= 0; i = line.indexOf(sep, i + 1)) { ends.push(i); starts.push(i + 1); }
  } else {
    const re = /(?<=\S)(?=\s)/g;
    for (const m of line.matchAll(re)) { ends.push(m.index!); starts.push(m.index!); }
  }
  ends.push(line.length);
  if (k.startField > starts.length) return '';
  const from = starts[k.startField - 1];
  const to = k.endField === undefined ? line.length : ends[Math.min(k.endField, ends.length) - 1];
  return line.slice(from, Math.max(from, to));
}

const SUFFIX = 'KMGTPEZY';

function compareBy(mode: Mode, a: string, b: string): number {
  switch (mode) {
    case 'numeric': return numeric(a) - numeric(b);
    case 'human': {
      const ha = human(a);
      const hb = human(b);
      return ha[0] - hb[0] || ha[1] - hb[1];
    }
    case 'version': return a.localeCompare(b, 'en', { numeric: true });
    default: return bytewise(a, b);
  }
}

function numeric(s: string): number {
  const m = /^-?\d*\.?\d+|^-?\d+/.exec(s);
  return m ? Number(m[0]) : 0;
}

/** sort -h orders by suffix first (none < K < M < G …), then by number. */
function human(s: string): [number, number] {
  const m = /^(-?\d*\.?\d+)([KMGTPEZY]?)/i.exec(s);
  if (!m) return [0, 0];
  const n = Number(m[1]);
  const mag = m[2] ? SUFFIX.indexOf(m[2].toUpperCase()) + 1 : 0;
  return [Math.sign(n) * mag, n];
}

function bytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
