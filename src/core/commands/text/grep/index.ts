import type { Command, CommandContext, CommandResult } from '../../types.ts';
import { gnuMessage, parseFlags, type FlagSpec } from '../../flags.ts';
import { ERRNO_TEXT, splitLines } from '../gnu.ts';
import { shellPath } from '../../../shell/paths.ts';
import { PatternError, toRegexSource, type Dialect } from './regex.ts';
import { linearPattern, type LinearPattern } from '../linear.ts';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

const FLAGS: FlagSpec[] = [
  { name: 'ignore-case', short: 'i', type: 'bool', help: 'ignore case distinctions in patterns and data' },
  { name: 'no-ignore-case', type: 'bool', help: 'do not ignore case distinctions (default)' },
  { name: 'invert-match', short: 'v', type: 'bool', help: 'select non-matching lines' },
  { name: 'count', short: 'c', type: 'bool', help: 'print only a count of selected lines per FILE' },
  { name: 'extended-regexp', short: 'E', type: 'bool', help: 'PATTERNS are extended regular expressions' },
  { name: 'fixed-strings', short: 'F', type: 'bool', help: 'PATTERNS are strings' },
  { name: 'basic-regexp', short: 'G', type: 'bool', help: 'PATTERNS are basic regular expressions' },
  { name: 'perl-regexp', short: 'P', type: 'bool', help: 'PATTERNS are Perl regular expressions' },
  { name: 'word-regexp', short: 'w', type: 'bool', help: 'match only whole words' },
  { name: 'line-regexp', short: 'x', type: 'bool', help: 'match only whole lines' },
  { name: 'line-number', short: 'n', type: 'bool', help: 'print line number with output lines' },
  { name: 'only-matching', short: 'o', type: 'bool', help: 'show only nonempty parts of lines that match' },
  { name: 'recursive', short: 'r', type: 'bool', help: 'search directories recursively' },
  { name: 'dereference-recursive', short: 'R', type: 'bool', help: 'likewise, but follow all symlinks' },
  { name: 'files-with-matches', short: 'l', type: 'bool', help: 'print only names of FILEs with selected lines' },
  { name: 'files-without-match', short: 'L', type: 'bool', help: 'print only names of FILEs with no selected lines' },
  { name: 'with-filename', short: 'H', type: 'bool', help: 'print file name with output lines' },
  { name: 'no-filename', short: 'h', type: 'bool', help: 'suppress the file name prefix on output' },
  { name: 'quiet', short: 'q', type: 'bool', help: 'suppress all normal output' },
  { name: 'silent', type: 'bool', help: 'suppress all normal output' },
  { name: 'no-messages', short: 's', type: 'bool', help: 'suppress error messages' },
  { name: 'regexp', short: 'e', type: 'stringArray', help: 'use PATTERNS for matching', argName: 'PATTERNS' },
  { name: 'max-count', short: 'm', type: 'int', default: -1, help: 'stop after NUM selected lines', argName: 'NUM' },
  { name: 'after-context', short: 'A', type: 'int', default: -1, help: 'print NUM lines of trailing context', argName: 'NUM' },
  { name: 'before-context', short: 'B', type: 'int', default: -1, help: 'print NUM lines of leading context', argName: 'NUM' },
  { name: 'context', short: 'C', type: 'int', default: -1, help: 'print NUM lines of output context', argName: 'NUM' },
  { name: 'help', type: 'bool', help: 'display this help text and exit' },
];

interface Options {
  re: LinearPattern;
  invert: boolean;
  count: boolean;
  lineNumber: boolean;
  only: boolean;
  listMatching: boolean;
  listMissing: boolean;
  quiet: boolean;
  maxCount: number;
  after: number;
  before: number;
}

/**
 * `grep [OPTION]… PATTERNS [FILE]…` as GNU grep 3.x prints it: file-name prefixes when several
 * files (or -r), `-n` numbers, `-c` counts, `-o` matches, `-A/-B/-C` context with `--` between
 * groups. Exit 0 when a line was selected, 1 when none, 2 on an error (a missing file, a bad
 * pattern or option) unless -q found a match. `-r` walks the host's static files under a directory.
 */
export const grep: Command = {
  name: 'grep',
  places: ['laptop', 'node', 'debug'],
  summary: 'print lines that match patterns',
  flags: FLAGS,
  run(ctx) {
    // --color/--colour take an optional value; the simulated terminal never colours grep's output.
    const args = ctx.argv.slice(1).filter((a) => !/^--colou?r(=.*)?$/.test(a));
    const parsed = parseFlags(args, FLAGS);
    if (!parsed.ok) {
      const msg = gnuMessage('grep', parsed.error).replace(/Try 'grep --help'.*\n$/, '');
      return { stdout: '', stderr: msg + USAGE, exitCode: 2 };
    }
    const { values: v, positionals, afterDashDash } = parsed.flags;
    if (v.help) return { stdout: `Usage: grep [OPTION]... PATTERNS [FILE]...\nSearch for PATTERNS in each FILE.\n`, stderr: '', exitCode: 0 };
    const rest = [...positionals, ...(afterDashDash ?? [])];
    let patterns = v.regexp as string[];
    if (patterns.length === 0) {
      if (rest.length === 0) return { stdout: '', stderr: USAGE, exitCode: 2 };
      patterns = [rest.shift()!];
    }
    patterns = patterns.flatMap((p) => p.split('\n'));
    const dialect: Dialect = v['fixed-strings'] ? 'fixed' : v['extended-regexp'] || v['perl-regexp'] ? 'extended' : 'basic';
    let re: LinearPattern;
    try {
      let source = patterns.map((p) => `(?:${toRegexSource(p, dialect)})`).join('|');
      if (v['line-regexp']) source = `^(?:${source})$`;
      re = linearPattern(source, { ignoreCase: !!v['ignore-case'] && !v['no-ignore-case'], word: !!v['word-regexp'] && !v['line-regexp'] });
    } catch (e) {
      // RE2 refuses what GNU grep's matcher also gives up on: huge repeat counts, nesting too deep.
      const text = e instanceof PatternError ? e.message : /repeat|nest|large|big/i.test(String(e)) ? 'Regular expression too big' : 'Invalid regular expression';
      return { stdout: '', stderr: `grep: ${text}\n`, exitCode: 2 };
    }
    const ctxLines = v.context as number;
    const opts: Options = {
      re,
      invert: v['invert-match'] as boolean,
      count: v.count as boolean,
      lineNumber: v['line-number'] as boolean,
      only: v['only-matching'] as boolean,
      listMatching: v['files-with-matches'] as boolean,
      listMissing: v['files-without-match'] as boolean,
      quiet: (v.quiet || v.silent) as boolean,
      maxCount: v['max-count'] as number,
      after: Math.max(0, (v['after-context'] as number) >= 0 ? (v['after-context'] as number) : ctxLines),
      before: Math.max(0, (v['before-context'] as number) >= 0 ? (v['before-context'] as number) : ctxLines),
    };
    const recursive = (v.recursive || v['dereference-recursive']) as boolean;
    const files = rest.length ? rest : recursive ? ['.'] : ['-'];
    const prefix = v['no-filename'] ? false : v['with-filename'] || files.length > 1 || recursive;
    const silent = v['no-messages'] as boolean;

    let stdout = '';
    let stderr = '';
    let selected = false;
    let error = false;
    const search = (name: string, text: string) => {
      const r = searchText(text, opts, prefix ? name : undefined);
      stdout += r.out;
      if (r.selected) selected = true;
    };
    for (const name of files) {
      if (opts.quiet && selected) break;
      if (name === '-') { search('(standard input)', ctx.stdin); continue; }
      const f = ctx.readFile(name);
      if (f.ok) { search(name, f.text); continue; }
      if (f.error === 'EISDIR' && recursive) {
        for (const child of walk(ctx, name, rest.length === 0)) {
          const c = ctx.readFile(child);
          if (c.ok) search(child, c.text);
        }
        continue;
      }
      error = true;
      if (!silent) stderr += `grep: ${name}: ${ERRNO_TEXT[f.error]}\n`;
    }
    if (opts.quiet) stdout = '';
    const result: CommandResult = { stdout, stderr, exitCode: error && !(opts.quiet && selected) ? 2 : selected ? 0 : 1 };
    return result;
  },
};

/** Static files under a directory, sorted, named as grep prints them (`dir/file`, or relative to `.` when grep was given no file). */
function walk(ctx: CommandContext, dir: string, implicit: boolean): string[] {
  const files = (ctx.host as { files?: Record<string, string> } | undefined)?.files ?? {};
  const abs = shellPath(ctx.frame?.cwd ?? '/', dir);
  const base = abs === '/' ? '/' : `${abs}/`;
  return Object.keys(files)
    .filter((p) => p.startsWith(base))
    .sort()
    .map((p) => (implicit ? p.slice(base.length) : `${dir.replace(/\/+$/, '')}/${p.slice(base.length)}`));
}

/** Searches one input; `name` is the prefix to print, if any. */
function searchText(text: string, o: Options, name: string | undefined): { out: string; selected: boolean } {
  const lines = splitLines(text);
  const hits: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (o.re.test(lines[i]) !== o.invert) {
      hits.push(i);
      if (o.maxCount >= 0 && hits.length >= o.maxCount) break;
    }
  }
  const selected = hits.length > 0;
  if (o.listMatching) return { out: selected ? `${name ?? '(standard input)'}\n` : '', selected };
  if (o.listMissing) return { out: selected ? '' : `${name ?? '(standard input)'}\n`, selected };
  if (o.count) return { out: `${name !== undefined ? `${name}:` : ''}${hits.length}\n`, selected };
  const head = (i: number, sep: string) => `${name !== undefined ? name + sep : ''}${o.lineNumber ? `${i + 1}${sep}` : ''}`;
  let out = '';
  if (o.only) {
    if (o.invert) return { out: '', selected };
    for (const i of hits) {
      for (const m of o.re.all(lines[i])) out += `${head(i, ':')}${m}\n`;
    }
    return { out, selected };
  }
  const ctxOn = o.before > 0 || o.after > 0;
  const hitSet = new Set(hits);
  let lastPrinted = -1;
  for (const h of hits) {
    const from = Math.max(0, h - o.before, lastPrinted + 1);
    if (ctxOn && lastPrinted >= 0 && from > lastPrinted + 1) out += '--\n';
    for (let i = from; i < h; i++) out += `${head(i, '-')}${lines[i]}\n`;
    out += `${head(h, ':')}${lines[h]}\n`;
    lastPrinted = h;
    // Trailing context stops at the next selected line, which prints as a match itself.
    for (let i = h + 1; i <= Math.min(lines.length - 1, h + o.after) && !hitSet.has(i); i++) {
      out += `${head(i, '-')}${lines[i]}\n`;
      lastPrinted = i;
    }
  }
  return { out, selected };
}
