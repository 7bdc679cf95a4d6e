/**
 * The live-interview wire protocol, shared by the server (src/server/) and the browser (src/ui/live/).
 * Every frame is one JSON object with a `type`. Frames from clients are validated with zod on the
 * server (`parseClientFrame`); anything oversized, malformed or unknown gets an `error` frame back
 * and changes nothing.
 *
 * The candidate's browser is the only writer of the session's input log: it sends its inputs with
 * their sequence numbers (index in the log), the server checks and replays them with the same core,
 * stores them, acknowledges, and fans them out to interviewers. What the interviewer does (release a
 * hint, hold or advance a round, end) changes the session's `LiveInfo`; the candidate's browser turns
 * a released hint or an advance into an input of its own log, so there is one writer and one order.
 */
import { z } from 'zod';
import type { Input } from '../core/session/types.ts';
import type { Scenario } from '../core/scenario/types.ts';
import type { PublicScenario } from '../core/scenario/split.ts';

/** Largest frame a client may send, in bytes (a bigger one gets `error` `too-large`). */
export const MAX_FRAME_BYTES = 64 * 1024;
/** Inputs per `inputs` frame. */
export const MAX_INPUTS_PER_FRAME = 200;

const at = z.number().int().min(0).max(8.64e15);
const id = z.string().min(1).max(100);

/** One input of the log, as src/core/session/types.ts defines it, with sizes bounded. */
export const InputSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('command'), at, line: z.string().max(4096) }),
  z.strictObject({ type: z.literal('interrupt'), at }),
  z.strictObject({ type: z.literal('tick'), at }),
  z.strictObject({ type: z.literal('answer'), at, round: id, text: z.string().max(20_000) }),
  z.strictObject({ type: z.literal('hint'), at, round: id }),
  // The file a `kubectl edit` saved: a whole object, well under the frame limit.
  z.strictObject({ type: z.literal('edit'), at, text: z.string().max(48_000) }),
]);

/** An input as a canonical string (keys sorted), so logs compare equal whatever stored them (jsonb reorders keys). */
export function inputKey(input: Input): string {
  return JSON.stringify(input, Object.keys(input).sort());
}

/** True when `log` starts with every input of `prefix`. */
export function startsWith(log: readonly Input[], prefix: readonly Input[]): boolean {
  return log.length >= prefix.length && prefix.every((input, i) => inputKey(input) === inputKey(log[i]));
}

/** Frames a client sends. `hello` must come first; the token decides the role. */
export const ClientFrameSchema = z.discriminatedUnion('type', [
  // Any length up to a bound: the token lookup answers `unknown` for one that cannot be a token,
  // so a truncated or garbled link gets the same clear page as a wrong one.
  z.strictObject({ type: z.literal('hello'), token: z.string().max(1024) }),
  z.strictObject({ type: z.literal('ping') }),
  // candidate
  z.strictObject({ type: z.literal('start') }),
  z.strictObject({ type: z.literal('inputs'), from: z.number().int().min(0), inputs: z.array(InputSchema).max(MAX_INPUTS_PER_FRAME) }),
  z.strictObject({ type: z.literal('draft'), round: id, text: z.string().max(20_000) }),
  // interviewer
  z.strictObject({ type: z.literal('hint'), round: id }),
  z.strictObject({ type: z.literal('hold'), held: z.boolean() }),
  z.strictObject({ type: z.literal('advance'), round: id }),
  z.strictObject({ type: z.literal('note'), text: z.string().min(1).max(5000), author: z.string().max(80).optional() }),
  z.strictObject({ type: z.literal('concept'), round: id, concept: id, met: z.boolean().nullable() }),
  z.strictObject({ type: z.literal('override'), round: id, score: z.number().int().min(0).max(100).nullable(), reason: z.string().max(2000) }),
  z.strictObject({ type: z.literal('end'), share: z.boolean() }),
  z.strictObject({ type: z.literal('share'), share: z.boolean() }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

/** Parses one text frame; an error frame's `code` and `message` when it is not a valid frame. */
export function parseClientFrame(raw: string): { ok: true; frame: ClientFrame } | { ok: false; code: 'too-large' | 'malformed'; message: string } {
  if (raw.length > MAX_FRAME_BYTES) return { ok: false, code: 'too-large', message: `frame of ${raw.length} bytes; the limit is ${MAX_FRAME_BYTES}` };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'malformed', message: 'frame is not JSON' };
  }
  const r = ClientFrameSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    return { ok: false, code: 'malformed', message: `${issue.path.join('.') || 'frame'}: ${issue.message}` };
  }
  return { ok: true, frame: r.data };
}

/** The body of POST /api/live (create a session). */
export const CreateSessionSchema = z.strictObject({
  scenario: id,
  candidateName: z.string().trim().max(80).optional(),
  /** Minutes; absent or 0 for no limit. */
  timeLimitMin: z.number().int().min(0).max(600).optional(),
});
export type CreateSession = z.infer<typeof CreateSessionSchema>;

/** Where a live session stands. */
export type LiveStatus = 'waiting' | 'running' | 'ended';

/** What both sides know about a session (never rubric text, except hints already released). */
export interface LiveInfo {
  scenario: string;
  title: string;
  candidateName: string | null;
  timeLimitMin: number | null;
  /** Wall-clock ms. */
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  status: LiveStatus;
  /** The interviewer asked the candidate not to submit the current round's answer yet. */
  held: boolean;
  /** Round ids the interviewer moved past: the candidate's browser submits what it has. */
  advanced: string[];
  /** Hints released per round id, their texts in order. */
  hints: Record<string, string[]>;
  /** The report is shared with the candidate (after the end). */
  shared: boolean;
}

/** An interviewer's note, timestamped against the transcript. */
export interface LiveNote {
  id: number;
  /** Wall-clock ms when written. */
  at: number;
  /** How many inputs the log held when it was written (its place in the transcript). */
  seq: number;
  author: string | null;
  text: string;
}

/** An interviewer's marks on a round: concepts ticked or unticked, and a score override. */
export interface RoundMarks {
  /** Concept id → met (true) or not (false), as the interviewer judged it. */
  concepts: Record<string, boolean>;
  override?: { score: number; reason: string; at: number };
}

/** Frames the server sends. */
export type ServerFrame =
  /**
   * `scenario` is the session's variant (core/scenario/variants.ts), already renamed; `renames` are
   * that variant's `[as written, as played]` pairs, for the prose (MDX) the browser renders.
   */
  | { type: 'welcome'; role: 'candidate'; info: LiveInfo; scenario: PublicScenario; inputs: Input[]; now: number; renames: [string, string][] }
  | {
      type: 'welcome'; role: 'interviewer'; info: LiveInfo; scenario: Scenario; inputs: Input[]; now: number; renames: [string, string][];
      notes: LiveNote[]; marks: Record<string, RoundMarks>; draft: { round: string; text: string } | null; candidateLink: string;
    }
  | { type: 'ack'; count: number }
  | { type: 'inputs'; from: number; inputs: Input[] }
  | { type: 'info'; info: LiveInfo }
  | { type: 'notes'; notes: LiveNote[] }
  | { type: 'marks'; marks: Record<string, RoundMarks> }
  | { type: 'draft'; round: string; text: string }
  | { type: 'pong'; now: number }
  | { type: 'error'; code: string; message: string; expected?: number };

/** Why a token opens nothing, as GET /api/live/:token says it (the page shows the message). */
export type TokenProblem = 'unknown' | 'expired';
