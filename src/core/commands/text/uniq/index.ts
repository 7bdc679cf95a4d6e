import type { Command } from '../../types.ts';
import { gnuMessage, parseFlags, type FlagSpec } from '../../flags.ts';
import { ERRNO_TEXT, gnuQuote, splitLines, tryHelp } from '../gnu.ts';

const FLAGS: FlagSpec[] = [
  { name: 'count', short: 'c', type: 'bool', help: 'prefix lines by the number of occurrences' },
  { name: 'repeated', short: 'd', type: 'bool', help: 'only print duplicate lines, one for each group' },
  { name: 'unique', short: 'u', type: 'bool', help: 'only print unique lines' },
  { name: 'ignore-case', short: 'i', type: 'bool', help: 'ignore differences in case when comparing' },
  { name: 'skip-fields', short: 'f', type: 'int', help: 'avoid comparing the first N fields', argName: 'N' },
  { name: 'skip-chars', short: 's', type: 'int', help: 'avoid comparing the first N characters', argName: 'N' },
  { name: 'zero-terminated', short: 'z', type: 'bool', help: 'line delimiter is NUL, not newline' },
  { name: 'help', type: 'bool', help: 'display this help and exit' },
];

/**
 * `uniq [-cdui] [-f N] [-s N] [INPUT]` as GNU uniq: collapses adjacent equal lines; `-c` prefixes
 * the count right-aligned in 7 columns and a space (`      3 line`).
 */
export const uniq: Command = {
  name: 'uniq',
  places: ['laptop', 'node', 'debug'],
  summary: 'report or omit repeated lines',
  flags: FLAGS,
  run(ctx) {
    const parsed = parseFlags(ctx.argv.slice(1), FLAGS);
    if (!parsed.ok) return { stdout: '', stderr: gnuMessage('uniq', parsed.error), exitCode: 1 };
    const { values: v, positionals } = parsed.flags;
    if (v.help) return { stdout: 'Usage: uniq [OPTION]... [INPUT [OUTPUT]]\n', stderr: '', exitCode: 0 };
    if (positionals.length > 2) return { stdout: '', stderr: `uniq: extra operand ${gnuQuote(positionals[2])}\n${tryHelp('uniq')}`, exitCode: 1 };
    // Writing an OUTPUT file is not possible on the simulated machines.
    if (positionals.length === 2) return { stdout: '', stderr: `uniq: ${positionals[1]}: Permission denied\n`, exitCode: 1 };
    let text = ctx.stdin;
    const name = positionals[0];
    if (name !== undefined && name !== '-') {
      const f = ctx.readFile(name);
      if (!f.ok) return { stdout: '', stderr: f.error === 'EISDIR' ? `uniq: error reading '${name}'\n` : `uniq: ${name}: ${ERRNO_TEXT[f.error]}\n`, exitCode: 1 };
      text = f.text;
    }
    const skipFields = v['skip-fields'] as number;
    const skipChars = v['skip-chars'] as number;
    const keyOf = (line: string) => {
      let k = line;
      for (let i = 0; i < skipFields; i++) k = k.replace(/^\s*\S+/, '');
      k = k.slice(skipChars);
      return v['ignore-case'] ? k.toLowerCase() : k;
    };
    const groups: { line: string; n: number }[] = [];
    for (const line of splitLines(text)) {
      const last = groups[groups.length - 1];
      if (last && keyOf(last.line) === keyOf(line)) last.n++;
      else groups.push({ line, n: 1 });
    }
    const shown = groups.filter((g) => (!v.repeated || g.n > 1) && (!v.unique || g.n === 1));
    const stdout = shown.map((g) => (v.count ? `${String(g.n).padStart(7)} ${g.line}\n` : `${g.line}\n`)).join('');
    return { stdout, stderr: '', exitCode: 0 };
  },
};
