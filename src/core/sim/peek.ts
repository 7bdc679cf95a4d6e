import { isDraft } from 'immer';

/**
 * The values of a state table (pods, events…) as they stand, for reading only. Inside a reducer
 * the table is an immer draft, and `Object.values` on it makes a draft of every entry (the cost
 * that made the clock's inner loop walk proxies over the whole state); this reads each entry as
 * stored instead: a draft where this action already touched it, else the plain frozen object.
 * Never write through what it returns: fetch the entry from the table (`state.pods[key]`) first.
 */
export function peekValues<T>(table: Record<string, T>): T[] {
  if (!isDraft(table)) return Object.values(table);
  const out: T[] = [];
  for (const key of Object.keys(table)) out.push(Object.getOwnPropertyDescriptor(table, key)!.value as T);
  return out;
}
