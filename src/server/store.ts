/**
 * The live-session tables as functions: every SQL statement the server runs is here. Times are
 * wall-clock ms (bigint columns, read back as numbers). Tokens: the candidate's is stored (the
 * interviewer's page shows the candidate link); the interviewer's only as its SHA-256, so a copy of
 * the database does not hand out interviewer access.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Input } from '../core/session/types.ts';
import { InputSchema, type LiveNote, type RoundMarks } from '../live/protocol.ts';
import type { Db, Queryable } from './db.ts';

/** A new unguessable token: 32 random bytes (256 bits), base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionRow {
  id: string;
  candidateToken: string;
  scenario: string;
  /** The variant seed the session plays (core/scenario/variants.ts); 0 for sessions from before seeds. */
  seed: number;
  candidateName: string | null;
  timeLimitMin: number | null;
  createdAt: number;
  expiresAt: number;
  startedAt: number | null;
  endedAt: number | null;
  held: boolean;
  advanced: string[];
  /** Hints released per round id (counts). */
  hints: Record<string, number>;
  shared: boolean;
  draft: { round: string; text: string } | null;
}

const COLUMNS = `id, candidate_token, scenario, seed, candidate_name, time_limit_min, created_at, expires_at, started_at,
  ended_at, held, advanced, hints, shared, draft`;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toRow(r: Record<string, unknown>): SessionRow {
  return {
    id: String(r.id),
    candidateToken: String(r.candidate_token),
    scenario: String(r.scenario),
    seed: Number(r.seed ?? 0),
    candidateName: (r.candidate_name as string | null) ?? null,
    timeLimitMin: num(r.time_limit_min),
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    startedAt: num(r.started_at),
    endedAt: num(r.ended_at),
    held: Boolean(r.held),
    advanced: (r.advanced as string[]) ?? [],
    hints: (r.hints as Record<string, number>) ?? {},
    shared: Boolean(r.shared),
    draft: (r.draft as SessionRow['draft']) ?? null,
  };
}

/** Creates a session; returns its row and both tokens (the interviewer's is not stored). */
export async function createSession(
  db: Db,
  o: { scenario: string; /** The variant it plays (default 0, as written). */ seed?: number; candidateName: string | null; timeLimitMin: number | null; now: number; ttlMs: number },
): Promise<{ row: SessionRow; candidateToken: string; interviewerToken: string }> {
  const id = randomBytes(12).toString('base64url');
  const candidateToken = newToken();
  const interviewerToken = newToken();
  const rows = await db.query(
    `insert into live_sessions (id, candidate_token, interviewer_hash, scenario, seed, candidate_name, time_limit_min, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${COLUMNS}`,
    [id, candidateToken, hashToken(interviewerToken), o.scenario, o.seed ?? 0, o.candidateName, o.timeLimitMin, o.now, o.now + o.ttlMs],
  );
  return { row: toRow(rows[0]), candidateToken, interviewerToken };
}

/** The session a token opens and the role it gives, or undefined for a token that opens nothing. */
export async function findByToken(db: Queryable, token: string): Promise<{ row: SessionRow; role: 'candidate' | 'interviewer' } | undefined> {
  const rows = await db.query(
    `select ${COLUMNS}, (interviewer_hash = $2) as by_interviewer from live_sessions where candidate_token = $1 or interviewer_hash = $2`,
    [token, hashToken(token)],
  );
  const r = rows[0];
  return r ? { row: toRow(r), role: r.by_interviewer ? 'interviewer' : 'candidate' } : undefined;
}

export async function loadSession(db: Queryable, id: string): Promise<SessionRow | undefined> {
  const rows = await db.query(`select ${COLUMNS} from live_sessions where id = $1`, [id]);
  return rows[0] ? toRow(rows[0]) : undefined;
}

/** Inputs from `from` on, in order, with when the server received each (wall ms). */
export async function loadInputs(db: Queryable, id: string, from = 0): Promise<{ input: Input; receivedAt: number }[]> {
  const rows = await db.query<{ input: Input; received_at: unknown }>(
    'select input, received_at from live_inputs where session_id = $1 and seq >= $2 order by seq',
    [id, from],
  );
  // Through the schema: jsonb hands keys back in its own order; this restores the core's.
  return rows.map((r) => ({ input: InputSchema.parse(r.input), receivedAt: Number(r.received_at) }));
}

/** Inputs of one session to store at sequence numbers `from`…, received (wall ms) at `receivedAt`. */
export interface InputRows {
  id: string;
  from: number;
  inputs: readonly Input[];
  receivedAt: number;
}

/** Rows per INSERT: 4 parameters each, well under PostgreSQL's 65,535 parameters a statement. */
const ROWS_PER_INSERT = 5000;

/**
 * Stores the inputs of one or several sessions, in one INSERT per ROWS_PER_INSERT rows (all of them
 * in one transaction); throws (unique violation) when another writer got to one of those sequence
 * numbers first, and then stores none.
 */
export async function appendInputRows(db: Db, groups: readonly InputRows[]): Promise<void> {
  const rows = groups.flatMap((g) => g.inputs.map((input, i) => [g.id, g.from + i, JSON.stringify(input), g.receivedAt]));
  if (rows.length === 0) return;
  const insert = async (q: Queryable, part: unknown[][]) => {
    const values = part.map((_, i) => `($${4 * i + 1}, $${4 * i + 2}, $${4 * i + 3}::jsonb, $${4 * i + 4})`);
    await q.query(`insert into live_inputs (session_id, seq, input, received_at) values ${values.join(', ')}`, part.flat());
  };
  if (rows.length <= ROWS_PER_INSERT) return insert(db, rows);
  await db.tx(async (q) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insert(q, rows.slice(i, i + ROWS_PER_INSERT));
  });
}

/** Updates some of a session's fields. */
export async function updateSession(
  db: Queryable,
  id: string,
  fields: Partial<Pick<SessionRow, 'startedAt' | 'endedAt' | 'held' | 'advanced' | 'hints' | 'shared' | 'draft'>> & { report?: unknown },
): Promise<void> {
  const names: Record<string, [string, (v: unknown) => unknown]> = {
    startedAt: ['started_at', (v) => v],
    endedAt: ['ended_at', (v) => v],
    held: ['held', (v) => v],
    advanced: ['advanced', (v) => JSON.stringify(v)],
    hints: ['hints', (v) => JSON.stringify(v)],
    shared: ['shared', (v) => v],
    draft: ['draft', (v) => (v === null ? null : JSON.stringify(v))],
    report: ['report', (v) => JSON.stringify(v)],
  };
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [key, value] of Object.entries(fields)) {
    const [column, encode] = names[key];
    params.push(encode(value));
    sets.push(`${column} = $${params.length}`);
  }
  if (sets.length) await db.query(`update live_sessions set ${sets.join(', ')} where id = $1`, params);
}

export async function addNote(db: Queryable, id: string, note: Omit<LiveNote, 'id'>): Promise<LiveNote> {
  const rows = await db.query<{ id: unknown }>(
    'insert into live_notes (session_id, at, seq, author, text) values ($1, $2, $3, $4, $5) returning id',
    [id, note.at, note.seq, note.author, note.text],
  );
  return { id: Number(rows[0].id), ...note };
}

export async function loadNotes(db: Queryable, id: string, afterId = 0): Promise<LiveNote[]> {
  const rows = await db.query<Record<string, unknown>>('select id, at, seq, author, text from live_notes where session_id = $1 and id > $2 order by id', [id, afterId]);
  return rows.map((r) => ({ id: Number(r.id), at: Number(r.at), seq: Number(r.seq), author: (r.author as string | null) ?? null, text: String(r.text) }));
}

export async function saveMarks(db: Queryable, id: string, round: string, marks: RoundMarks): Promise<void> {
  await db.query(
    `insert into live_marks (session_id, round, marks) values ($1, $2, $3::jsonb)
     on conflict (session_id, round) do update set marks = excluded.marks`,
    [id, round, JSON.stringify(marks)],
  );
}

export async function loadMarks(db: Queryable, id: string): Promise<Record<string, RoundMarks>> {
  const rows = await db.query<{ round: string; marks: RoundMarks }>('select round, marks from live_marks where session_id = $1', [id]);
  return Object.fromEntries(rows.map((r) => [r.round, r.marks]));
}

/** Sessions whose interviewer tokens are given (the Sessions page), newest first, with their input counts. */
export async function listByInterviewerTokens(db: Queryable, tokens: readonly string[]): Promise<(SessionRow & { token: string; inputs: number; report: unknown })[]> {
  if (tokens.length === 0) return [];
  const byHash = new Map(tokens.map((t) => [hashToken(t), t]));
  const rows = await db.query(
    `select ${COLUMNS}, interviewer_hash, report, (select count(*) from live_inputs i where i.session_id = s.id) as n
     from live_sessions s where interviewer_hash = any($1::text[]) order by created_at desc`,
    [[...byHash.keys()]],
  );
  return rows.map((r) => ({ ...toRow(r), token: byHash.get(String(r.interviewer_hash))!, inputs: Number(r.n), report: r.report ?? null }));
}
