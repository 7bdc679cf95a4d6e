/**
 * The shapes of what the browser keeps, as zod schemas: every record read back from storage is
 * checked against these before the app trusts it, so a damaged record is kept aside (records.ts)
 * rather than crashing a page or being replayed against the wrong scenario.
 *
 * Versions: a session record is `v: 2` (v1 was the localStorage record, without `scenario` and
 * `drafts`; migrate.ts lifts it), an attempt record `v: 1`. A record with a higher `v` was written by
 * a newer build: it is never read as if it were ours, and never overwritten.
 */
import { z } from 'zod';
import type { Input } from '../../core/session/types.ts';
import type { AttemptSummary } from '../../core/report/summary.ts';

import { ATTEMPT_VERSION, SESSION_VERSION } from './versions.ts';

export { ATTEMPT_VERSION, SESSION_VERSION };

const at = z.number().finite();
// Loose objects: a field a later build adds to an input (e.g. a coalesced tick's span) survives a
// round trip through an older tab instead of being stripped.
export const inputSchema: z.ZodType<Input> = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('command'), at, line: z.string() }),
  z.looseObject({ type: z.literal('interrupt'), at }),
  z.looseObject({ type: z.literal('tick'), at }),
  z.looseObject({ type: z.literal('answer'), at, round: z.string(), text: z.string() }),
  z.looseObject({ type: z.literal('hint'), at, round: z.string() }),
  z.looseObject({ type: z.literal('edit'), at, text: z.string() }),
  z.looseObject({ type: z.literal('dispute'), at, round: z.string(), verdict: z.string(), sentence: z.string() }),
]) as z.ZodType<Input>;

const retryOfSchema = z.object({ attempt: z.string(), round: z.string() });
/**
 * The variant seed the attempt plays (core/scenario/variants.ts): drawn when the attempt starts and
 * part of what replays it. Absent (records from before seeds per attempt) means 0, the file as written.
 */
const seedSchema = z.number().int().min(0).optional();

/** A scenario's current run: its input log and what is not an input (feedback seen, drafts). */
export const savedSessionSchema = z.object({
  v: z.literal(SESSION_VERSION),
  scenario: z.string().min(1),
  inputs: z.array(inputSchema),
  /** Round results whose feedback was dismissed with "Next round". */
  reviewed: z.number().int().min(0),
  /** Id of the attempt this session is; kept as a finished attempt under it. */
  attempt: z.string().optional(),
  /** Set when the session is a retry: the attempt it started from and the round retried. */
  retryOf: retryOfSchema.optional(),
  seed: seedSchema,
  /** Answer text being written, by round id. Not an input: replay never reads it. */
  drafts: z.record(z.string(), z.string()),
});
export type SavedSession = z.infer<typeof savedSessionSchema>;
export type RetryOf = z.infer<typeof retryOfSchema>;

const score = z.number().finite().min(0).max(100);
const summarySchema: z.ZodType<AttemptSummary> = z.object({
  score,
  rounds: z.array(z.object({ round: z.string(), skill: z.string(), score: score.optional() })),
  weakest: z.array(z.object({ round: z.string(), skill: z.string(), score })),
});

/** A finished attempt, for the progress page; its inputs allow any round to be retried later. */
export const attemptSchema = z.object({
  v: z.literal(ATTEMPT_VERSION),
  id: z.string().min(1),
  scenario: z.string().min(1),
  /** Browser wall-clock ms when every round had been answered. */
  finishedAt: z.number().finite(),
  retryOf: retryOfSchema.optional(),
  seed: seedSchema,
  summary: summarySchema,
  inputs: z.array(inputSchema),
});
export type Attempt = z.infer<typeof attemptSchema>;

/** Why a stored value is not usable, in words for the user; undefined when it is valid. */
export function whyUnusable(value: unknown, schema: z.ZodType, current: number): string | undefined {
  const v = (value as { v?: unknown } | null)?.v;
  if (typeof v === 'number' && v > current) return `written by a newer version of Gauntlet (format ${v}; this one reads ${current})`;
  const r = schema.safeParse(value);
  if (r.success) return undefined;
  const issue = r.error.issues[0];
  return `damaged: ${issue.path.join('.') || 'record'}: ${issue.message}`;
}
