/**
 * A kept snapshot of a session (core/session/types.ts SessionSnapshot) and how it is checked when
 * read back. It belongs to one scenario, attempt and variant seed, to the build that wrote it (a
 * newer build may shape the cluster state differently), and to the log prefix it folds: `inputs`
 * entries whose fingerprint is `fingerprint`. Read back, it is validated with zod like every other
 * stored record (state/schema.ts; its inputs with the same `inputSchema`), and anything that does
 * not fit is not used: the session is replayed in full instead.
 */
import { z } from 'zod';
import type { Input, SessionSnapshot } from '../../core/session/types.ts';
import type { AttemptKey } from '../state/engine.ts';

export const SNAPSHOT_VERSION = 1;

/** Which session a snapshot is of: scenario, attempt and variant seed. */
export type SnapshotKey = AttemptKey;

export interface SnapshotRecord extends SnapshotKey {
  v: typeof SNAPSHOT_VERSION;
  /** The build that wrote it (its worker's URL, which carries the bundle's content hash). */
  build: string;
  /** logFingerprint of the inputs it folds (`session.inputs` of them). */
  fingerprint: string;
  session: SessionSnapshot;
}

const count = z.number().int().min(0);
const text = z.string();
const stringMap = z.map(z.string(), z.string());
const transcriptEntry = z.looseObject({ at: z.number(), prompt: text, line: text, output: text, cleared: z.boolean().optional() });
const frame = z.looseObject({ place: z.enum(['laptop', 'node', 'debug']), host: text, user: text, cwd: text });
const shell = z.object({
  vars: stringMap,
  aliases: stringMap,
  functions: z.map(z.string(), z.unknown()),
  arrays: z.map(z.string(), z.array(z.string())),
  exported: z.set(z.string()),
  options: z.set(z.string()),
});
const record = z.looseObject({ at: z.number(), place: text, host: text, argv: z.array(text), stdout: text, stderr: text, exitCode: z.number().int(), round: count, line: text, outcome: text });
/** The cluster state is the simulator's own shape: its frame is checked, the rest is trusted to the build id. */
const state = z.looseObject({ now: z.number(), rng: z.number(), serial: z.number(), pods: z.record(z.string(), z.unknown()), nodes: z.record(z.string(), z.unknown()), hosts: z.record(z.string(), z.unknown()) });

export const snapshotRecordSchema = z.object({
  v: z.literal(SNAPSHOT_VERSION),
  scenario: text.min(1),
  attempt: text.min(1),
  seed: count,
  build: text.min(1),
  fingerprint: text.min(1),
  session: z.object({
    inputs: count,
    state,
    frames: z.array(frame).min(1),
    shells: z.array(shell).min(1),
    history: z.array(text),
    transcript: z.array(transcriptEntry),
    records: z.array(record),
    results: z.array(z.looseObject({ round: text })),
    hintsUsed: z.array(z.tuple([text, count])),
    lastExit: z.number().int(),
    continued: text.optional(),
  }).refine((s) => s.frames.length === s.shells.length, 'one shell per location'),
});

/** The snapshot record if `value` is one of `key` written by `build`, else why not (words for a log line). */
export function readSnapshotRecord(value: unknown, key: SnapshotKey, build: string): { ok: true; record: SnapshotRecord } | { ok: false; why: string } {
  const parsed = snapshotRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, why: `damaged: ${issue.path.join('.') || 'record'}: ${issue.message}` };
  }
  const r = value as SnapshotRecord; // the validated value itself: zod's copy would drop the state's other fields' identity
  if (r.scenario !== key.scenario || r.attempt !== key.attempt || r.seed !== key.seed) return { ok: false, why: 'of another attempt' };
  if (r.build !== build) return { ok: false, why: 'written by another build' };
  return { ok: true, record: r };
}

/**
 * A short fingerprint of a log's first `count` inputs (FNV-1a, 64 bits as two 32-bit halves, over
 * their JSON): a snapshot is used only for the log it was taken from.
 */
export function logFingerprint(inputs: readonly Input[], count: number): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ count;
  for (let i = 0; i < count; i++) {
    const s = JSON.stringify(inputs[i]);
    for (let j = 0; j < s.length; j++) {
      const c = s.charCodeAt(j);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    a = Math.imul(a ^ 10, 0x01000193);
  }
  return `${count}:${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}`;
}
