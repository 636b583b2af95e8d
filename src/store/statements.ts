// The store's one place for raw statements, and why they exist.
//
// Kysely compiles every query from its syntax tree and better-sqlite3 prepares it again each time:
// for a read that is noise, but an import of 200,000 orders was spending more time building and
// preparing its multi-row INSERTs (30 columns × 250 rows, 800 times) than SQLite spent writing.
// So:
//   1. every connection the store opens keeps its prepared statements by SQL text
//      (`cachingDatabase`, below, under Kysely), which every query benefits from;
//   2. the hot inserts of an import (orders, events, the import's stage) are prepared once per
//      connection here and run row by row with better-sqlite3 directly (`hotStatements`), with
//      positional values, in the caller's transaction (the same connection Kysely uses). The
//      column lists are orders.ts's (NEW_ORDER_COLUMNS, EVENT_COLUMNS), so the mapping of fields
//      to columns still has one home.
// Nothing else should talk to better-sqlite3 directly: a new hot path gets its statement here.
import type BetterSqlite3 from 'better-sqlite3';
import { SqliteAdapter, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Db } from './db.js';

/** Statements kept per connection (the import uses a handful; reports a few dozen). */
const CACHED = 200;
/**
 * A statement with more parameters than this is not kept: those are chunked queries (`in (…)`
 * lists) whose length changes from chunk to chunk, so keeping them filled the cache with
 * single-use programs of hundreds of parameters (an import's memory grew ~10 MB over a million
 * rows). One prepared per run costs little beside the hundreds of rows it asks for.
 */
const MAX_KEPT_PARAMETERS = 32;

function parameters(sql: string): number {
  let n = 0;
  for (let i = sql.indexOf('?'); i !== -1; i = sql.indexOf('?', i + 1)) n++;
  return n;
}

/** better-sqlite3 as Kysely's SqliteDatabase, keeping prepared statements by SQL text. */
function cachingDatabase(native: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close(): void {
      cache.clear();
      native.close();
    },
    prepare(sql: string): SqliteStatement {
      let s = cache.get(sql);
      // A statement still being iterated (a streamed export) cannot run again: prepare another.
      if (s && !s.busy) return s as unknown as SqliteStatement;
      s = native.prepare(sql);
      if (parameters(sql) > MAX_KEPT_PARAMETERS) return s as unknown as SqliteStatement;
      if (cache.size >= CACHED) cache.delete(cache.keys().next().value!);
      cache.set(sql, s);
      return s as unknown as SqliteStatement;
    },
  };
}

/** Kysely's SQLite adapter that also knows the native connection, so raw statements can find it from any Db. */
class StoreAdapter extends SqliteAdapter {
  constructor(readonly native: BetterSqlite3.Database) {
    super();
  }
}

/** The dialect of every connection the store opens: statements cached, the native handle known. */
export class StoreDialect extends SqliteDialect {
  constructor(private readonly native: BetterSqlite3.Database) {
    super({ database: cachingDatabase(native) });
  }

  override createAdapter(): SqliteAdapter {
    return new StoreAdapter(this.native);
  }
}

/** The native connection behind a Db (the store's own, or a transaction on it). */
function nativeOf(db: Db): BetterSqlite3.Database {
  const adapter = db.getExecutor().adapter;
  if (!(adapter instanceof StoreAdapter)) throw new Error('not a connection opened by the store');
  return adapter.native;
}

export interface HotStatements {
  /** The last event's id and hash (the chain's end), or undefined for an empty log. */
  lastEvent: () => { id: number; hash: string | null } | undefined;
  /** A statement of a per-row hot path, prepared once per connection (prepare it after its tables exist). */
  prepared: (sql: string) => BetterSqlite3.Statement;
}

const hot = new WeakMap<BetterSqlite3.Database, HotStatements>();

/** The import's hot statements on this Db's connection, prepared on first use. */
export function hotStatements(db: Db): HotStatements {
  const native = nativeOf(db);
  let s = hot.get(native);
  if (!s) {
    const last = native.prepare('select id, hash from events order by id desc limit 1');
    const others = new Map<string, BetterSqlite3.Statement>();
    s = {
      lastEvent: () => last.get() as { id: number; hash: string | null } | undefined,
      prepared(sql) {
        let stmt = others.get(sql);
        if (!stmt) others.set(sql, (stmt = native.prepare(sql)));
        return stmt;
      },
    };
    hot.set(native, s);
  }
  return s;
}
