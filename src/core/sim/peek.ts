import { isDraft } from 'immer';

/** immer's own key for a draft's bookkeeping (immer 10–11); the fallback below works without it. */
const DRAFT_STATE = Symbol.for('immer-state');

/**
 * The values of a state table (pods, events…) as they stand, for reading only. Inside a reducer
 * the table is an immer draft, and `Object.values` on it makes a draft of every entry (the cost
 * that made the clock's inner loop walk proxies over the whole state); this reads each entry as
 * stored instead: a draft where this action already touched it, else the plain frozen object.
 * Never write through what it returns: fetch the entry from the table (`state.pods[key]`) first.
 */
export function peekValues<T>(table: Record<string, T>): T[] {
  if (!isDraft(table)) return Object.values(table);
  // immer keeps a draft's current entries (drafts or plain objects) in its state's copy, else base.
  const inner = (table as unknown as Record<symbol, { copy_?: Record<string, T>; base_?: Record<string, T> } | undefined>)[DRAFT_STATE];
  const latest = inner?.copy_ ?? inner?.base_;
  if (latest) return Object.values(latest);
  const out: T[] = [];
  for (const key of Object.keys(table)) out.push(Object.getOwnPropertyDescriptor(table, key)!.value as T);
  return out;
}
