// The connection: one SQLite file, WAL so a cron job can read while the clerk writes, foreign keys
// on, a busy timeout so two writers wait for each other instead of failing. The only module
// (with the other files of src/store/) that talks to the database.
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import { Refusal } from '../domain/errors.js';
import * as m001 from './migrations/2026-11-24-001-initial.js';
import * as m040 from './migrations/2026-11-30-040-list-order.js';
import type { Database } from './schema.js';

/** Migrations in order; a new one is a new dated file added here. */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-24-001-initial': m001,
  '2026-11-30-040-list-order': m040,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  path: string;
  /** The native handle: for backup and for tests only, never for queries. */
  native: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** Where the database lives: --db, else HOTLINE_DB, else the user's data directory. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return path.resolve(flag);
  if (env.HOTLINE_DB) return path.resolve(env.HOTLINE_DB);
  const base = env.XDG_DATA_HOME || path.join(env.HOME || os.homedir(), '.local', 'share');
  return path.join(base, 'hotline', 'hotline.db');
}

export const BUSY_TIMEOUT_MS = 15_000;

let loaded: { Database: typeof BetterSqlite3; addon: string | undefined } | undefined;

/**
 * A native connection. better-sqlite3 (a native addon, ~6 ms to load) is loaded on the first open,
 * not at start-up: `--version` and `--help` never need it. Its addon file is named directly: the
 * `bindings` package's search of a dozen paths costs ~3 ms (left to it when the file is elsewhere).
 */
function nativeDb(file: string, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const addon = path.join(path.dirname(require.resolve('better-sqlite3')), '..', 'build', 'Release', 'better_sqlite3.node');
    loaded = { Database: require('better-sqlite3') as typeof BetterSqlite3, addon: fs.existsSync(addon) ? addon : undefined };
  }
  return new loaded.Database(file, { ...options, nativeBinding: loaded.addon });
}

/** Open (creating if needed) and bring the schema up to date. Refuses a newer database. */
export async function openStore(file: string, options: { readonly?: boolean } = {}): Promise<Store> {
  if (file !== ':memory:') {
    const dir = path.dirname(file);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch {
      throw new Refusal('db.cannotCreate', { path: file });
    }
  }
  let native: BetterSqlite3.Database;
  try {
    native = nativeDb(file, { timeout: BUSY_TIMEOUT_MS, readonly: options.readonly ?? false });
    native.pragma('journal_mode = WAL');
  } catch (e) {
    throw new Refusal('db.cannotOpen', { path: file, reason: (e as Error).message });
  }
  native.pragma('foreign_keys = ON');
  native.pragma('synchronous = NORMAL');
  native.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
  const store: Store = { db, path: file, native, close: () => db.destroy() };
  try {
    await migrate(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return store;
}

async function migrate(db: Db): Promise<void> {
  const known = new Set(Object.keys(MIGRATIONS));
  const done = await appliedMigrations(db);
  const unknown = done.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Refusal('db.newer', { migration: unknown[unknown.length - 1]! });
  if (done.length === known.size) return;
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Refusal('db.migrationFailed', { migration: failed, reason: (error as Error).message ?? String(error) });
  }
}

async function appliedMigrations(db: Db): Promise<string[]> {
  const exists = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db);
  if ((exists.rows[0]?.n ?? 0) === 0) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** The migration names this build knows (for `hotline --version --json` and tests). */
export function knownMigrations(): string[] {
  return Object.keys(MIGRATIONS);
}

/**
 * Run `fn` in one write transaction taken with BEGIN IMMEDIATE: the write lock is taken before
 * anything is read, so two processes acting on the same order queue up (busy timeout) instead of
 * one failing halfway. Either everything `fn` did is committed or nothing is.
 */
export async function writeTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (e) {
      await sql`rollback`.execute(conn);
      throw e;
    }
  });
}

/** A consistent copy of the live database (SQLite's online backup), safe while others write. */
export async function backupTo(store: Store, target: string): Promise<{ bytes: number }> {
  await store.native.backup(target);
  // A backup is one self-contained file: no -wal/-shm beside it.
  const copy = nativeDb(target);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  return { bytes: fs.statSync(target).size };
}

/** What a backup file holds, checked before it may replace the live database. */
export function inspectBackup(file: string): { orders: number; migrations: string[] } {
  let src: BetterSqlite3.Database;
  try {
    src = nativeDb(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new Refusal('restore.notFound', { path: file });
  }
  try {
    const tables = new Set((src.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (!tables.has('kysely_migration') || !tables.has('orders') || !tables.has('events')) throw new Refusal('restore.notHotline', { path: file });
    const migrations = (src.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
    const unknown = migrations.filter((m) => !(m in MIGRATIONS));
    if (unknown.length > 0) throw new Refusal('db.newer', { migration: unknown[unknown.length - 1]! });
    const orders = (src.prepare('select count(*) as n from orders').get() as { n: number }).n;
    return { orders, migrations };
  } catch (e) {
    if (e instanceof Refusal) throw e;
    throw new Refusal('restore.notHotline', { path: file });
  } finally {
    src.close();
  }
}

/**
 * Replace the live database's content with a backup's, through SQLite's backup API (it takes the
 * database's locks, so a process using it meanwhile waits and then sees the restored data).
 */
export async function restoreFrom(file: string, target: string): Promise<void> {
  const src = nativeDb(file, { readonly: true, fileMustExist: true });
  try {
    await src.backup(target);
  } finally {
    src.close();
  }
}
