/**
 * Schema migrations, in order, for both engines (PGlite and PostgreSQL speak the same SQL). Each is
 * applied once, recorded in `schema_migrations`; processes starting together take an advisory lock
 * so only one applies them. Add a migration at the end; never edit one that has shipped.
 */
import type { Db } from './db.ts';

const MIGRATIONS: readonly string[] = [
  // 1: live sessions, their input logs, interviewers' notes and marks.
  `create table live_sessions (
     id text primary key,
     candidate_token text not null unique,
     -- sha-256 of the interviewer's token: the token itself is never stored
     interviewer_hash text not null unique,
     scenario text not null,
     candidate_name text,
     time_limit_min integer,
     created_at bigint not null,
     expires_at bigint not null,
     started_at bigint,
     ended_at bigint,
     held boolean not null default false,
     advanced jsonb not null default '[]',
     hints jsonb not null default '{}',
     shared boolean not null default false,
     draft jsonb,
     report jsonb
   );
   create table live_inputs (
     session_id text not null references live_sessions(id) on delete cascade,
     seq integer not null,
     input jsonb not null,
     received_at bigint not null,
     primary key (session_id, seq)
   );
   create table live_notes (
     id bigserial primary key,
     session_id text not null references live_sessions(id) on delete cascade,
     at bigint not null,
     seq integer not null,
     author text,
     text text not null
   );
   create index live_notes_session on live_notes (session_id, id);
   create table live_marks (
     session_id text not null references live_sessions(id) on delete cascade,
     round text not null,
     marks jsonb not null,
     primary key (session_id, round)
   );`,
  // 2: the variant each session plays (core/scenario/variants.ts), drawn at creation; sessions made
  // before it play seed 0, the scenario as written, as they did.
  `alter table live_sessions add column seed integer not null default 0;`,
];

/** Brings the schema up to date. Safe to call from several processes at once. */
export async function migrate(db: Db): Promise<void> {
  await db.tx(async (q) => {
    await q.query('select pg_advisory_xact_lock(74460011)');
    await q.query('create table if not exists schema_migrations (version integer primary key, applied_at bigint not null)');
    const done = new Set((await q.query<{ version: number }>('select version from schema_migrations')).map((r) => Number(r.version)));
    for (const [i, sql] of MIGRATIONS.entries()) {
      if (done.has(i + 1)) continue;
      await q.exec(sql);
      await q.query('insert into schema_migrations (version, applied_at) values ($1, $2)', [i + 1, Date.now()]);
    }
  });
}
