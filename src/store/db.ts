// The connection: one SQLite file, WAL so a cron job can read while the clerk writes, foreign keys
// on, a busy timeout so two writers wait for each other instead of failing. The only module
// (with the other files of src/store/) that talks to the database.
import fs from 'node:fs';
import os from 'node:os';
import { loadBetterSqlite3 } from './native.js';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { Refusal } from '../domain/errors.js';
import { ensurePrivateDir, FILE_MODE, makePrivate } from '../io/atomic-file.js';
import * as m001 from './migrations/2026-11-24-001-initial.js';
import * as m101 from './migrations/2026-11-30-001-signers.js';
import * as m010 from './migrations/2026-11-30-010-event-hash-chain.js';
import * as m021 from './migrations/2026-11-30-021-access-log.js';
import * as m031 from './migrations/2026-11-30-031-routing-defaults.js';
import * as m040 from './migrations/2026-11-30-040-list-order.js';
import * as m051 from './migrations/2026-11-30-051-circular.js';
import * as m060 from './migrations/2026-11-30-060-operators.js';
import * as m061 from './migrations/2026-11-30-061-districts.js';
import * as m080 from './migrations/2026-11-30-080-figure-facts.js';
import * as m081 from './migrations/2026-11-30-081-order-words.js';
import * as m082 from './migrations/2026-11-30-082-compact-state.js';
import * as m090 from './migrations/2026-11-30-090-topic-counts.js';
import * as m091 from './migrations/2026-11-30-091-running-orders.js';
import * as m092 from './migrations/2026-11-30-092-district-facts.js';
import type { Database } from './schema.js';
import { beginWrite, isPostgres, isPostgresUrl, redactUrl, tableExists, type DialectName } from './dialect.js';
import { StoreDialect } from './statements.js';

/** Migrations in order; a new one is a new dated file added here. */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-24-001-initial': m001,
  '2026-11-30-001-signers': m101,
  '2026-11-30-010-event-hash-chain': m010,
  '2026-11-30-021-access-log': m021,
  '2026-11-30-031-routing-defaults': m031,
  '2026-11-30-040-list-order': m040,
  '2026-11-30-051-circular': m051,
  '2026-11-30-060-operators': m060,
  '2026-11-30-061-districts': m061,
  '2026-11-30-080-figure-facts': m080,
  '2026-11-30-081-order-words': m081,
  '2026-11-30-082-compact-state': m082,
  '2026-11-30-090-topic-counts': m090,
  '2026-11-30-091-running-orders': m091,
  '2026-11-30-092-district-facts': m092,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  path: string;
  /** The native handle: for backup and for tests only, never for queries (SQLite only). */
  native: BetterSqlite3.Database;
  /** Which database (store/dialect.ts); absent means SQLite. */
  dialect?: DialectName;
  close(): Promise<void>;
}

/** Where the database lives: --db, else HOTLINE_DB, else the user's data directory. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  // A PostgreSQL URL is the database's address, not a path (store/postgres.ts).
  if (isPostgresUrl(flag)) return flag;
  if (flag) return path.resolve(flag);
  if (isPostgresUrl(env.HOTLINE_DB)) return env.HOTLINE_DB;
  if (env.HOTLINE_DB) return path.resolve(env.HOTLINE_DB);
  const base = env.XDG_DATA_HOME || path.join(env.HOME || os.homedir(), '.local', 'share');
  return path.join(base, 'hotline', 'hotline.db');
}

export const BUSY_TIMEOUT_MS = 15_000;

let loaded: { Database: typeof BetterSqlite3; addon: string | undefined } | undefined;

/** A native connection (every one hotline opens); better-sqlite3 is loaded on the first (store/native.ts). */
export function nativeDb(file: string, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  loaded ??= loadBetterSqlite3();
  return new loaded.Database(file, { ...options, nativeBinding: loaded.addon });
}

export interface OpenOptions {
  /** Open without writing (a backup by an account that may only read the file). */
  readonly?: boolean;
  /** Create the database (and its folder, 0700) if missing: `init` and `restore` only. */
  create?: boolean;
  /** PostgreSQL: the district the session works in (migration 061); refused on SQLite. */
  district?: string;
}

/**
 * Open and bring the schema up to date. Refuses a newer database. A missing database is refused
 * (naming the path and `hotline init`) unless `create`: a mistyped HOTLINE_DB must be an error,
 * never a new empty database that says all is clear. The file, its WAL and SHM are owner-only.
 */
export async function openStore(file: string, options: OpenOptions = {}): Promise<Store> {
  if (isPostgresUrl(file)) return openPostgresStore(file, options);
  if (options.district !== undefined) throw new Refusal('district.sqlite', { district: options.district });
  const memory = file === ':memory:';
  if (!memory && !fs.existsSync(file)) {
    if (!options.create || options.readonly) throw new Refusal('db.missing', { path: file });
    try {
      ensurePrivateDir(path.dirname(file));
      // SQLite would create it 0644; an empty file made here, 0600, is an empty database.
      fs.closeSync(fs.openSync(file, 'wx', FILE_MODE));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new Refusal('db.cannotCreate', { path: file });
    }
  }
  let native: BetterSqlite3.Database;
  try {
    native = nativeDb(file, { timeout: BUSY_TIMEOUT_MS, readonly: options.readonly ?? false, fileMustExist: !memory });
    if (!options.readonly) native.pragma('journal_mode = WAL');
  } catch (e) {
    throw new Refusal('db.cannotOpen', { path: file, reason: (e as Error).message });
  }
  if (!memory && !options.readonly) for (const f of [file, `${file}-wal`, `${file}-shm`]) privateFile(f);
  native.pragma('foreign_keys = ON');
  native.pragma('synchronous = NORMAL');
  native.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const db = new Kysely<Database>({ dialect: new StoreDialect(native) });
  const store: Store = { db, path: file, native, close: () => db.destroy() };
  paths.set(db, file);
  try {
    if (options.readonly) await refuseStale(db, file);
    else await migrate(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return store;
}

/**
 * PostgreSQL: the server and the database exist already (the administrator made them); what
 * `init` creates is the schema. Any other command refuses a database without it, as a missing
 * file is refused. Kysely's migrator runs the pending migrations in one transaction under an
 * advisory lock, so two processes opening an older database at once queue up.
 */
async function openPostgresStore(url: string, options: OpenOptions): Promise<Store> {
  const { connectPostgres } = await import('./postgres.js');
  const db = await connectPostgres(url, options.district);
  const store: Store = { db, path: url, native: undefined as unknown as BetterSqlite3.Database, dialect: 'postgres', close: () => db.destroy() };
  try {
    const done = await appliedMigrations(db);
    if (done.length === 0 && (!options.create || options.readonly)) throw new Refusal('pg.noSchema', { url: redactUrl(url) });
    if (done.length === 0) await refuseCollation(db, url);
    refuseNewer(done);
    if (done.length < Object.keys(MIGRATIONS).length) {
      if (options.readonly) throw new Refusal('db.readonlyStale', { path: redactUrl(url) });
      const { error, results } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
        throw new Refusal('db.migrationFailed', { migration: failed, reason: (error as Error).message ?? String(error) });
      }
    }
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return store;
}

/**
 * Order numbers, unit codes and times are compared and sorted as text. SQLite compares bytes;
 * a PostgreSQL database must too (collation C, or C.UTF-8), or lists, reports and the import's
 * scratch comparisons would come out in another order than on SQLite. Checked when `init`
 * creates the schema; README shows the CREATE DATABASE that gives it.
 */
async function refuseCollation(db: Db, url: string): Promise<void> {
  const r = await sql<{ c: string }>`select datcollate as c from pg_database where datname = current_database()`.execute(db);
  const collation = r.rows[0]?.c ?? '?';
  if (!/^(C|POSIX|C\.UTF-?8)$/i.test(collation)) throw new Refusal('pg.collation', { url: redactUrl(url), collation });
}

/** A database that has a migration this build does not know was made by a newer build. */
function refuseNewer(done: string[]): void {
  const unknown = done.filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) throw new Refusal('db.newer', { migration: unknown[unknown.length - 1]! });
}

async function migrate(db: Db): Promise<void> {
  const known = new Set(Object.keys(MIGRATIONS));
  const done = await appliedMigrations(db);
  refuseNewer(done);
  if (done.length === known.size) return;
  // All pending migrations in one write transaction: two processes that open an older database at
  // once queue here, the second finds the work done; a failure or a kill leaves it as it was.
  await sql`begin immediate`.execute(db);
  try {
    const again = await appliedMigrations(db);
    refuseNewer(again);
    if (again.length < known.size) {
      // Migrations are written in parallel branches (each its own dated file): a database that has a
      // later one may lack an earlier one merged afterwards. Each migration stands alone, so the
      // missing ones run in name order whatever ran before them.
      const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
        throw new Refusal('db.migrationFailed', { migration: failed, reason: (error as Error).message ?? String(error) });
      }
    }
    await sql`commit`.execute(db);
  } catch (e) {
    await sql`rollback`.execute(db).catch(() => undefined);
    throw e;
  }
}

/** A database opened read-only cannot be migrated: it must already have this build's schema. */
async function refuseStale(db: Db, file: string): Promise<void> {
  const done = await appliedMigrations(db);
  refuseNewer(done);
  if (done.length !== Object.keys(MIGRATIONS).length) throw new Refusal('db.readonlyStale', { path: file });
}

/** Owner-only, where this user owns the file (another's file is left as its owner set it). */
function privateFile(f: string): void {
  try {
    makePrivate(f);
  } catch {
    // not ours to change (EPERM): the owner decides
  }
}

async function appliedMigrations(db: Db): Promise<string[]> {
  if (!(await tableExists(db, 'kysely_migration'))) return [];
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
    await beginImmediate(db, conn); // BEGIN IMMEDIATE, or PostgreSQL's BEGIN + lock (store/dialect.ts)
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (e) {
      // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR,
      // SQLITE_NOMEM…); a rollback then fails with "no transaction is active", which must not
      // replace the error that says what really went wrong.
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw storageRefusal(e);
    }
  });
}

// ---- An import's write phase (finding 8) ------------------------------------------------------
// An import prepares everything outside the write lock and then writes in one transaction. While
// it writes, a marker file beside the database names its process: another writer that finds the
// lock taken says once "waiting for an import to finish" and keeps waiting past the busy timeout
// (up to IMPORT_WAIT_MS) instead of failing with "database is locked". A killed import's marker
// names a dead process and is ignored.

const paths = new WeakMap<Db, string>();
/** How long a writer waits for an import's write phase before giving up. */
export const IMPORT_WAIT_MS = 10 * 60_000;
let importWaitNotice: (() => void) | null = null;

/** The CLI's way to tell the user (once per wait) that a command waits for an import. */
export function onImportWait(fn: (() => void) | null): void {
  importWaitNotice = fn;
}

function markerOf(db: Db): string | null {
  const p = paths.get(db);
  return p && p !== ':memory:' ? `${p}.import-writing` : null;
}

/** Whether another live process is in an import's write phase on this database. */
function importWriting(marker: string | null): boolean {
  if (!marker) return false;
  let pid: number;
  try {
    pid = Number(fs.readFileSync(marker, 'utf8').trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Run an import's write phase with the marker set (see above). */
export async function asImportWrite<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const marker = markerOf(db);
  if (marker) fs.writeFileSync(marker, String(process.pid), { mode: FILE_MODE });
  try {
    return await fn();
  } finally {
    if (marker) fs.rmSync(marker, { force: true });
  }
}

async function beginImmediate(db: Db, conn: Db): Promise<void> {
  const marker = markerOf(db);
  const deadline = Date.now() + IMPORT_WAIT_MS;
  let told = false;
  for (;;) {
    if (!told && importWriting(marker)) {
      told = true;
      importWaitNotice?.();
    }
    try {
      await beginWrite(conn);
      return;
    } catch (e) {
      if (isPostgres(conn)) throw storageRefusal(e); // PostgreSQL waits in the lock itself (lock_timeout)
      const busy = (e as { code?: unknown }).code === 'SQLITE_BUSY';
      if (!busy || !importWriting(marker) || Date.now() > deadline) throw e;
    }
  }
}

/** SQLite's storage errors as refusals the user can act on; anything else unchanged. */
export function storageRefusal(e: unknown): unknown {
  const code = (e as { code?: unknown } | undefined)?.code;
  // PostgreSQL: a writer that waited longer than lock_timeout for another's lock.
  if (code === '55P03') return new Refusal('pg.lockTimeout', { reason: (e as Error).message });
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return e;
  const reason = (e as Error).message;
  if (code === 'SQLITE_FULL') return new Refusal('db.full', { reason });
  if (code.startsWith('SQLITE_READONLY')) return new Refusal('db.readonly', { reason });
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new Refusal('db.ioError', { reason, code });
  return e;
}

/**
 * A consistent copy of the live database, safe while others write: VACUUM INTO, one read
 * transaction (a snapshot), so writers are never held off and the copy cannot be restarted by
 * them. (SQLite's online backup API restarts whenever another connection writes, and on a
 * database opened read-only with a read-only -shm it restarts for ever: the backup that spun.)
 * `target` must not exist or be empty (atomic-file's temporary file is).
 */
export async function backupTo(store: Store, target: string): Promise<{ bytes: number }> {
  if (store.dialect === 'postgres') throw new Refusal('pg.useDump');
  store.native.prepare('vacuum into ?').run(target);
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
    refuseNewer(migrations);
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
