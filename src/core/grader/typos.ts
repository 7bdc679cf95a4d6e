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
 * The one vocabulary word within reach of `word` (1 edit for words under 8 letters, 2 from 8),
 * or undefined when none or several are equally close: a guess between two words is not made.
 */
export function closestWord(word: string, vocabulary: Iterable<string>): string | undefined {
  if (DISTINCT_TERMS.has(word)) return undefined;
  const max = word.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = max + 1;
  let tie = false;
  for (const v of vocabulary) {
    // A word that extends another (replicas/replicaset, deploy/deployment) is a different word or
    // an inflection the patterns already allow for, not a slip of the keyboard.
    if (v.length < 5 || v.startsWith(word) || word.startsWith(v)) continue;
    const d = editDistance(word, v, max);
    if (d < bestDistance) [best, bestDistance, tie] = [v, d, false];
    else if (d === bestDistance) tie = true;
  }
  return best !== undefined && !tie ? best : undefined;
}
