/**
 * The record validator (schema.ts, with zod) is fetched only when storage holds something to check:
 * a first visit, whose storage is empty, paints its first prompt without it (issue 17). Whoever
 * loads records from storage awaits `loadRecordChecks()` first when there are any (idbRecords.ts;
 * tests/setup.ts for the tests' memory records).
 */
type Checks = typeof import('./schema.ts');

let loaded: Checks | undefined;

/** Fetches the validator (once). */
export async function loadRecordChecks(): Promise<Checks> {
  loaded ??= await import('./schema.ts');
  return loaded;
}

/** The validator; throws when `loadRecordChecks()` has not finished (a bug in the caller). */
export function recordChecks(): Checks {
  if (!loaded) throw new Error('records were read from storage before their validator had loaded (await loadRecordChecks())');
  return loaded;
}
