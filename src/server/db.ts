/**
 * The database under live sessions: one Postgres dialect, two engines.
 * - Embedded (default): PGlite, Postgres compiled to WASM, in a data directory (./data/pglite), no
 *   set-up; one server process owns it.
 * - `DATABASE_URL=postgres://…`: a real PostgreSQL through node-postgres. Several server processes
 *   may share it; they tell each other about changes with LISTEN/NOTIFY (`shared` is true).
 * Both run the same migrations (migrations.ts) and the same SQL.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrate } from './migrations.ts';

/** Something that runs SQL with `$1`-style parameters and returns rows. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  /** True when other processes may use the same database (then changes are announced with NOTIFY). */
  readonly shared: boolean;
  /** Runs `fn` in one transaction (rolled back when it throws). */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Calls `fn` with the payload of every NOTIFY on `channel` (from any process, this one included). */
  listen(channel: string, fn: (payload: string) => void): Promise<void>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens (creating if needed) the embedded database in `dir` and brings its schema up to date. */
export async function openEmbedded(dir: string): Promise<Db> {
  mkdirSync(dir, { recursive: true });
  const lite = await PGlite.create(dir);
  // PGlite runs one query at a time; its own queue keeps callers in order.
  const db: Db = {
    shared: false,
    async query<T>(sql: string, params: unknown[] = []) {
      return (await lite.query<T>(sql, params)).rows;
    },
    async exec(sql) {
      await lite.exec(sql);
    },
    tx: (fn) => lite.transaction((t) => fn({
      query: async <T,>(sql: string, params: unknown[] = []) => (await t.query<T>(sql, params)).rows,
      exec: async (sql: string) => void (await t.exec(sql)),
    })),
    async listen(channel, fn) {
      await lite.listen(channel, fn);
    },
    async notify(channel, payload) {
      await lite.query('select pg_notify($1, $2)', [channel, payload]);
    },
    close: () => lite.close(),
  };
  await migrate(db);
  return db;
}

/** Connects to a real PostgreSQL (`postgres://user@host:port/db`) and brings its schema up to date. */
export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // LISTEN needs a connection of its own that stays open.
  let listener: pg.Client | undefined;
  const handlers = new Map<string, ((payload: string) => void)[]>();
  const db: Db = {
    shared: true,
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const r = await fn({
          query: async <T,>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
          exec: async (sql: string) => void (await client.query(sql)),
        });
        await client.query('commit');
        return r;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async listen(channel, fn) {
      if (!listener) {
        listener = new pg.Client({ connectionString: url });
        await listener.connect();
        listener.on('notification', (n) => {
          for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '');
        });
      }
      if (!handlers.has(channel)) {
        handlers.set(channel, []);
        await listener.query(`listen ${pg.escapeIdentifier(channel)}`);
      }
      handlers.get(channel)!.push(fn);
    },
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
  await migrate(db);
  return db;
}

/** The database the environment asks for: DATABASE_URL when set, else the embedded one in `dataDir`. */
export function openDatabase(env: { DATABASE_URL?: string }, dataDir: string): Promise<Db> {
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openEmbedded(dataDir);
}
