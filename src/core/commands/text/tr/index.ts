import type { Command } from '../../types.ts';
import { gnuMessage, parseFlags, type FlagSpec } from '../../flags.ts';
import { gnuQuote, tryHelp } from '../gnu.ts';

const FLAGS: FlagSpec[] = [
  { name: 'delete', short: 'd', type: 'bool', help: 'delete characters in SET1, do not translate' },
  { name: 'squeeze-repeats', short: 's', type: 'bool', help: 'replace each sequence of a repeated character in the last SET with one' },
  { name: 'complement', short: 'c', type: 'bool', help: 'use the complement of SET1' },
  { name: 'C', short: 'C', type: 'bool', hidden: true, help: 'same as -c' },
  { name: 'truncate-set1', short: 't', type: 'bool', help: 'first truncate SET1 to length of SET2' },
  { name: 'help', type: 'bool', help: 'display this help and exit' },
];

const CLASSES: Record<string, string> = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};
CLASSES.alpha = CLASSES.lower + CLASSES.upper;
CLASSES.alnum = CLASSES.alpha + CLASSES.digit;
CLASSES.xdigit = '0123456789ABCDEFabcdef';

const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', f: '\f', v: '\v', a: '\x07', b: '\b' };

/** Expands a tr SET: escapes, ranges `a-z`, classes `[:upper:]`, repeats are not supported. */
function expandSet(set: string): string[] {
  const chars: string[] = [];
  for (let i = 0; i < set.length; i++) {
    const cls = /^\[:([a-z]+):\]/.exec(set.slice(i));
    if (cls && Object.hasOwn(CLASSES, cls[1])) { chars.push(...CLASSES[cls[1]]); i += cls[0].length - 1; continue; }
    let c = set[i];
    const octal = c === '\\' ? /^[0-7]{1,3}/.exec(set.slice(i + 1)) : null;
    // `\0`, `\012`: octal escapes, as GNU tr reads them (`tr '\0' '\n'` splits /proc/PID/environ).
    if (octal) { c = String.fromCharCode(parseInt(octal[0], 8)); i += octal[0].length; }
    else if (c === '\\' && i + 1 < set.length) { c = Object.hasOwn(ESC, set[i + 1]) ? ESC[set[i + 1]] : set[i + 1]; i++; }
    if (set[i + 1] === '-' && i + 2 < set.length) {
      const end = set[i + 2];
      for (let x = c.charCodeAt(0); x <= end.charCodeAt(0); x++) chars.push(String.fromCharCode(x));
      i += 2;
      continue;
    }
    chars.push(c);
  }
  return chars;
}

/**
 * `tr [-dsc] SET1 [SET2]` as GNU tr: translate, delete (-d) or squeeze (-s) characters of stdin.
 * SET2 shorter than SET1 is padded with its last character, as GNU does.
 */
export const tr: Command = {
  name: 'tr',
  places: ['laptop', 'node', 'debug'],
  summary: 'translate or delete characters',
  flags: FLAGS,
  run(ctx) {
    const parsed = parseFlags(ctx.argv.slice(1), FLAGS);
    if (!parsed.ok) return { stdout: '', stderr: gnuMessage('tr', parsed.error), exitCode: 1 };
    const { values: v, positionals: p } = parsed.flags;
    if (v.help) return { stdout: 'Usage: tr [OPTION]... STRING1 [STRING2]\n', stderr: '', exitCode: 0 };
    const fail = (msg: string) => ({ stdout: '', stderr: `tr: ${msg}\n${tryHelp('tr')}`, exitCode: 1 });
    const del = v.delete as boolean;
    const squeeze = v['squeeze-repeats'] as boolean;
    const complement = (v.complement || v.C) as boolean;
    if (p.length === 0) return fail('missing operand');
    if (del && !squeeze && p.length > 1) return fail(`extra operand ${gnuQuote(p[1])}\nOnly one string may be given when deleting without squeezing repeats.`);
    if (!del && !squeeze && p.length < 2) return fail(`missing operand after ${gnuQuote(p[0])}\nTwo strings must be given when translating.`);
    if (p.length > 2) return fail(`extra operand ${gnuQuote(p[2])}`);
    const set1 = new Set(expandSet(p[0]));
    const in1 = (c: string) => set1.has(c) !== complement;
    const list1 = expandSet(p[0]);
    const list2 = p[1] !== undefined ? expandSet(p[1]) : [];
    let out = '';
    for (const c of ctx.stdin) {
      if (del) { if (!in1(c)) out += c; continue; }
      if (!squeeze || p.length === 2) {
        if (p.length === 2 && in1(c)) {
          const idx = complement ? list2.length - 1 : list1.lastIndexOf(c);
          out += list2[Math.min(idx, list2.length - 1)] ?? c;
          continue;
        }
      }
      out += c;
    }
    if (squeeze) {
      const squeezeSet = new Set(del || p.length === 2 ? list2 : list1);
      const sq = (c: string) => (del || p.length === 2 ? squeezeSet.has(c) : in1(c));
      // Compare with the last character kept, not res.endsWith(): that flattens the growing string each time (quadratic).
      const kept: string[] = [];
      let last = '';
      for (const c of out) {
        if (sq(c) && c === last) continue;
        kept.push(c);
        last = c;
      }
      out = kept.join('');
    }
    return { stdout: out, stderr: '', exitCode: 0 };
  },
};
