/**
 * Record migrations: older record formats lifted to the current one before validation. Each step
 * takes one version to the next; a record of an unknown or newer version is returned unchanged
 * (validation then keeps it aside).
 *
 * Also the one-time import of what builds before IndexedDB kept in localStorage:
 * `gauntlet:session:<scenario>` (a v1 session) and `gauntlet:attempts:<scenario>` (a list).
 */
import { ATTEMPT_VERSION } from './versions.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** v1 (localStorage, no scenario, no drafts) → v2. */
export function migrateSession(value: unknown, scenario: string): unknown {
  if (!isObject(value)) return value;
  if (value.v === 1) return { ...value, v: 2, scenario, drafts: isObject(value.drafts) ? value.drafts : {} };
  return value;
}

/** Attempts from localStorage had no version; they become v1 records. */
export function migrateAttempt(value: unknown): unknown {
  if (isObject(value) && value.v === undefined) return { ...value, v: ATTEMPT_VERSION };
  return value;
}

export const LEGACY_SESSION = 'gauntlet:session:';
export const LEGACY_ATTEMPTS = 'gauntlet:attempts:';

/** What the legacy localStorage held, as raw records keyed as the new stores key them. */
export interface LegacyImport {
  sessions: [string, unknown][];
  attempts: [string, unknown][];
  /** Entries that were not even JSON: kept aside as text. */
  unreadable: [key: string, text: string, reason: string][];
  /** The localStorage keys read (removed once the import is committed). */
  keys: string[];
}

/** Reads the legacy records from a Web Storage (without changing it). */
export function readLegacy(storage: Pick<Storage, 'length' | 'key' | 'getItem'>): LegacyImport {
  const out: LegacyImport = { sessions: [], attempts: [], unreadable: [], keys: [] };
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k && (k.startsWith(LEGACY_SESSION) || k.startsWith(LEGACY_ATTEMPTS))) keys.push(k);
  }
  for (const key of keys.sort()) {
    const text = storage.getItem(key);
    if (text === null) continue;
    out.keys.push(key);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      out.unreadable.push([key, text, 'damaged: not valid JSON']);
      continue;
    }
    if (key.startsWith(LEGACY_SESSION)) {
      const scenario = key.slice(LEGACY_SESSION.length);
      out.sessions.push([scenario, migrateSession(value, scenario)]);
    } else if (Array.isArray(value)) {
      value.forEach((a, i) => out.attempts.push([isObject(a) && typeof a.id === 'string' ? a.id : `${key}[${i}]`, migrateAttempt(a)]));
    } else {
      out.unreadable.push([key, text, 'damaged: not a list of attempts']);
    }
  }
  return out;
}
