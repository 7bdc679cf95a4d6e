import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the shared reference material lives: `shared/` beside the repository, as on every
 * developer machine and in CI (`GAUNTLET_SHARED` overrides it).
 */
export const SHARED_DIR = process.env.GAUNTLET_SHARED ?? path.resolve(import.meta.dirname, '..', '..', 'shared');
export const REFERENCE_DIR = path.join(SHARED_DIR, 'reference');

/**
 * Whether the reference material is there. Tests that compare with real tools' captured output
 * skip without it (a clone in an empty folder), saying so in their title; the rest always run.
 */
export const HAVE_REFERENCE = existsSync(path.join(REFERENCE_DIR, 'fixtures', 'cluster.json'));
