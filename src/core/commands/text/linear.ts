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
