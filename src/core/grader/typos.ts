/**
 * Edit distance for typo tolerance in answers: optimal string alignment (Levenshtein plus the
 * transposition of two neighbours, the commonest typing slip), stopped early past `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

// Real terms a single edit away from another real term: never "corrected" (SIGKILL is not SIGILL).
const DISTINCT_TERMS = new Set([
  'sigkill', 'sigill', 'sigterm', 'sigint', 'sigsegv', 'sigbus', 'sigabrt', 'sighup', 'sigstop', 'sigquit',
  'limit', 'limits', 'liveness', 'readiness', 'startup', 'leader', 'leaders', 'member', 'members',
  'evict', 'evicted', 'eviction', 'delete', 'deleted', 'create', 'created', 'recreate', 'restart', 'restarts',
  'cordon', 'uncordon', 'drain', 'drained', 'taint', 'taints', 'label', 'labels', 'secret', 'secrets',
]);

/**
 * A vocabulary prepared for `closestWord`: words grouped by length with their letter counts, so a
 * lookup only measures the words an edit distance within reach could possibly join. Build it once
 * per vocabulary; it is read-only afterwards.
 */
export interface TypoIndex {
  /** Words by length, each with its letter counts (a–z, then one slot for digits and '-'). */
  readonly byLength: ReadonlyMap<number, readonly IndexedWord[]>;
}

interface IndexedWord {
  word: string;
  /** Which letters occur (bit 0 = a … bit 25 = z, bit 26 = digits and '-'). */
  mask: number;
  counts: Uint8Array;
}

function popcount(n: number): number {
  let c = 0;
  for (; n; n &= n - 1) c++;
  return c;
}

function indexed(word: string): IndexedWord {
  const counts = letterCounts(word);
  let mask = 0;
  for (let i = 0; i < 27; i++) if (counts[i]) mask |= 1 << i;
  return { word, mask, counts };
}

function letterCounts(word: string): Uint8Array {
  const counts = new Uint8Array(27);
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    counts[c >= 0 && c < 26 ? c : 26]++;
  }
  return counts;
}

/** Prepares `vocabulary` for typo lookups. */
export function typoIndex(vocabulary: Iterable<string>): TypoIndex {
  const byLength = new Map<number, IndexedWord[]>();
  for (const word of new Set(vocabulary)) {
    const list = byLength.get(word.length) ?? [];
    list.push(indexed(word));
    byLength.set(word.length, list);
  }
  return { byLength };
}

/**
 * The one vocabulary word within reach of `word` (1 edit for words under 8 letters, 2 from 8),
 * or undefined when none or several are equally close: a guess between two words is not made.
 * Only words whose length and letters allow the distance are measured: an insertion, deletion or
 * substitution moves at most one letter count each way and a transposition none, so the larger of
 * the surplus and the shortfall of letters is a lower bound on the distance.
 */
export function closestWord(word: string, vocabulary: Iterable<string> | TypoIndex): string | undefined {
  if (DISTINCT_TERMS.has(word)) return undefined;
  const index = 'byLength' in vocabulary ? vocabulary : typoIndex(vocabulary);
  const max = word.length >= 8 ? 2 : 1;
  const { mask, counts } = indexed(word);
  let best: string | undefined;
  let bestDistance = max + 1;
  let tie = false;
  for (let length = word.length - max; length <= word.length + max; length++) {
    if (length < 5) continue;
    for (const v of index.byLength.get(length) ?? []) {
      // Letters one word has and the other lacks: each needs an edit of its own.
      const bound = Math.min(max, bestDistance);
      if (popcount(mask & ~v.mask) > bound || popcount(v.mask & ~mask) > bound) continue;
      // A word that extends another (replicas/replicaset, deploy/deployment) is a different word or
      // an inflection the patterns already allow for, not a slip of the keyboard.
      if (v.word.startsWith(word) || word.startsWith(v.word)) continue;
      let surplus = 0;
      let shortfall = 0;
      for (let i = 0; i < 27; i++) {
        const d = counts[i] - v.counts[i];
        if (d > 0) surplus += d;
        else shortfall -= d;
      }
      if (Math.max(surplus, shortfall) > bound) continue;
      const d = editDistance(word, v.word, max);
      if (d < bestDistance) [best, bestDistance, tie] = [v.word, d, false];
      else if (d === bestDistance) tie = true;
    }
  }
  return best !== undefined && !tie ? best : undefined;
}
