/**
 * Locale-independent string order: by UTF-16 code unit, as Go's sort.Strings orders ASCII names.
 * The core sorts with this, never with `localeCompare` (whose order follows the user's locale:
 * Estonian puts `z` before `t`), so the same inputs print the same outputs everywhere.
 */
export const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Whether `a` and `b` serialise to the same JSON (`JSON.stringify(a) === JSON.stringify(b)`), key
 * order included, without building the strings: controllers compare a recomputed status with the
 * stored one at every reconcile, thousands of times in a long clock move. Plain data only
 * (objects, arrays, strings, numbers, booleans, null); `undefined` fields are skipped as JSON does.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    // Different primitives can still print alike (NaN and Infinity as null); rare, so ask JSON.
    return typeof a === 'number' || typeof b === 'number' || a === undefined || b === undefined ? JSON.stringify(a) === JSON.stringify(b) : false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x = a[i] === undefined || typeof a[i] === 'function' ? null : a[i];
      const y = bb[i] === undefined || typeof bb[i] === 'function' ? null : bb[i];
      if (!sameJson(x, y)) return false;
    }
    return true;
  }
  if (typeof (a as { toJSON?: unknown }).toJSON === 'function' || typeof (b as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(a) === JSON.stringify(b);
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  const bk = Object.keys(bo);
  // Both key lists in order, skipping what JSON leaves out.
  const skip = (o: Record<string, unknown>, k: string) => o[k] === undefined || typeof o[k] === 'function';
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < ak.length && skip(ao, ak[i])) i++;
    while (j < bk.length && skip(bo, bk[j])) j++;
    if (i === ak.length || j === bk.length) return i === ak.length && j === bk.length;
    if (ak[i] !== bk[j] || !sameJson(ao[ak[i]], bo[bk[j]])) return false;
    i++;
    j++;
  }
}
