// The PostgreSQL connection: `--db postgres://…` or HOTLINE_DB=postgres://…. Loaded only then
// (db.ts imports this file lazily, and this file imports `pg` lazily), so a SQLite user never
// loads the driver. One connection per process: a command is one session, like SQLite's one
// handle, and a transaction's work can never slip onto a second connection.
import { Kysely, PostgresDialect } from 'kysely';
import { Refusal } from '../domain/errors.js';
import { redactUrl } from './dialect.js';
import type { Database } from './schema.js';

/**
 * How long a writer waits for another's write lock before giving up: as long as a SQLite writer
 * waits for an import's write phase (db.ts, IMPORT_WAIT_MS), since on PostgreSQL the lock itself
 * is the queue. Readers never wait.
 */
export const PG_LOCK_TIMEOUT_MS = 10 * 60_000;

// The driver's module names in variables: a bundler (esbuild) leaves such imports alone, so `pg`
// is never bundled and is loaded from node_modules only by those who use PostgreSQL.
const PG = 'pg';
const PG_CURSOR = 'pg-cursor';

export async function connectPostgres(url: string, district?: string): Promise<Kysely<Database>> {
  // The session's district (migration 061's row-level security reads it): a plain name.
  if (district !== undefined && !/^[\p{L}\p{N}_.-]+$/u.test(district)) throw new Refusal('district.bad', { district });
  const pg = ((await import(PG)) as { default: typeof import('pg') }).default;
  const Cursor = ((await import(PG_CURSOR)) as { default: unknown }).default;
  // bigint (count(*)) and numeric as JS numbers, as SQLite gives them; dates stay text (the
  // schema keeps every time as ISO text).
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === 20 || oid === 1700) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: 1,
    types,
    application_name: 'hotline',
    lock_timeout: PG_LOCK_TIMEOUT_MS,
    connectionTimeoutMillis: 10_000,
    ...(district !== undefined ? { options: `-c hotline.district=${district}` } : {}),
  } as import('pg').PoolConfig);
  pool.on('error', () => undefined); // an idle connection dropped by the server: the next query says so
  // The pool connects lazily: connect now, so a wrong URL is refused here, with a clear message.
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new Refusal('pg.cannotConnect', { url: redactUrl(url), reason: (e as Error).message });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor as any }) });
}
