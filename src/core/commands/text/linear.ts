/**
 * Patterns matched in linear time (RE2, via re2js), as GNU grep's DFA matcher runs them: no pattern
 * and no line can make a match backtrack for seconds (`(\w+\s?)+$` on a long line froze the tab
 * with JavaScript's RegExp). Sources are what grep/regex.ts toRegexSource makes of a grep pattern.
 */
import { RE2JS } from 're2js';

/** A compiled pattern. */
export interface LinearPattern {
  /** Whether `line` has a match. */
  test(line: string): boolean;
  /** The matches in `line`, left to right, not overlapping (grep -o), empty ones skipped. */
  all(line: string): string[];
  /**
   * `line` with each match (left to right, not overlapping, as String.replace with a global
   * RegExp) replaced by `fn(groups)`; `groups[0]` is the whole match, unmatched groups are ''.
   */
  replace(line: string, fn: (groups: string[]) => string): string;
}

/** Word characters for `grep -w` (GNU: letters, digits, underscore). */
const WORD = 'A-Za-z0-9_';

/**
 * Compiles `source` (JavaScript-compatible regex source without lookarounds). `word` wraps it as
 * `grep -w` does: the match must be preceded and followed by a non-word character or the line's
 * edge. Throws an Error with RE2's message when RE2 refuses the source.
 */
export function linearPattern(source: string, opts: { ignoreCase?: boolean; word?: boolean; multiline?: boolean } = {}): LinearPattern {
  const literal = opts.word ? undefined : literalOf(source);
  if (literal !== undefined) return literalPattern(literal, !!opts.ignoreCase);
  const wrapped = opts.word ? `(?:^|[^${WORD}])(${source})(?:[^${WORD}]|$)` : source;
  const re = RE2JS.compile(wrapped, (opts.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (opts.multiline ? RE2JS.MULTILINE : 0));
  const group = opts.word ? 1 : 0;
  return {
    test: (line) => re.matcher(line).find(),
    all(line) {
      const m = re.matcher(line);
      const out: string[] = [];
      while (m.find()) {
        const g = m.group(group);
        if (g) out.push(g);
      }
      return out;
    },
    replace(line, fn) {
      const m = re.matcher(line);
      let out = '';
      let at = 0;
      while (m.find()) {
        const groups = Array.from({ length: m.groupCount() + 1 }, (_, i) => m.group(i) ?? '');
        out += line.slice(at, m.start()) + fn(groups);
        at = m.end();
      }
      return out + line.slice(at);
    },
  };
}

/**
 * The text a source matches when it is plain text: literal characters, escaped punctuation and
 * non-capturing groups, with no quantifier, alternation, class, anchor or `.` (`(?:flags)`, what
 * grep makes of `grep flags`); undefined otherwise, and for the empty pattern.
 */
function literalOf(source: string): string | undefined {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const n = source[++i];
      if (n === undefined || /[0-9A-Za-z]/.test(n)) return undefined;
      out += n;
    } else if (c === '(' && source.startsWith('?:', i + 1)) i += 2;
    else if (c === ')') {
      if ('*+?{'.includes(source[i + 1] ?? '')) return undefined;
    } else if ('^$.|?*+()[]{}'.includes(c)) return undefined;
    else out += c;
  }
  return out === '' ? undefined : out;
}

/**
 * A plain-text pattern matched with the engine's own string search, which is linear too: RE2 in
 * JavaScript (re2js) costs a compile and a slow scan per line, and most patterns typed in an
 * incident are words (`grep CrashLoopBackOff`). Case-insensitive search uses Unicode simple case
 * folding (the `u` flag), as RE2's does; matches are the same as RE2's.
 */
function literalPattern(text: string, ignoreCase: boolean): LinearPattern {
  if (!ignoreCase) {
    return {
      test: (line) => line.includes(text),
      all: (line) => line.split(text).slice(1).map(() => text),
      replace: (line, fn) => line.replaceAll(text, () => fn([text])),
    };
  }
  const escaped = text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = new RegExp(escaped, 'giu');
  const once = new RegExp(escaped, 'iu');
  return {
    test: (line) => once.test(line),
    all: (line) => line.match(re) ?? [],
    replace: (line, fn) => line.replace(re, (m) => fn([m])),
  };
}
