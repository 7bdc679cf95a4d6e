/**
 * Locale-independent string order: by UTF-16 code unit, as Go's sort.Strings orders ASCII names.
 * The core sorts with this, never with `localeCompare` (whose order follows the user's locale:
 * Estonian puts `z` before `t`), so the same inputs print the same outputs everywhere.
 */
export const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
