/**
 * The format versions of the records the browser keeps (schema.ts has their shapes): kept apart
 * from the schemas so the first bundle, which writes records, does not carry the validator.
 */

/** A session record's format (v1 was the localStorage record; migrate.ts lifts it). */
export const SESSION_VERSION = 2;
/** An attempt record's format. */
export const ATTEMPT_VERSION = 1;
