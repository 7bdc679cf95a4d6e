import { editDistance } from '../../grader/typos.ts';

/**
 * "Did you mean" for a name an author typed: the closest valid names (edit distance within a third
 * of the word, at least 2), then the whole list when it is short enough to read. Used for ids,
 * kinds, fault kinds, tools, verbs and flags.
 */
export function didYouMean(typed: string, valid: readonly string[], listUpTo = 40): string {
  const max = Math.max(2, Math.floor(typed.length / 3));
  const scored = valid.map((v) => ({ v, d: editDistance(typed.toLowerCase(), v.toLowerCase(), max) })).filter((x) => x.d <= max);
  scored.sort((a, b) => a.d - b.d || (a.v < b.v ? -1 : a.v > b.v ? 1 : 0));
  const close = scored.slice(0, 3).map((x) => `"${x.v}"`);
  const sorted = [...new Set(valid)].sort();
  const list = sorted.length === 0 ? 'none is defined yet' : sorted.length <= listUpTo ? sorted.join(', ') : `${sorted.slice(0, listUpTo).join(', ')}, … (${sorted.length} in all)`;
  return close.length ? `did you mean ${close.join(' or ')}? (valid: ${list})` : sorted.length ? `use one of: ${list}` : list;
}
