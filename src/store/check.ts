// What `hotline check` reads from a database: SQLite's own checks, the schema as it stands (to
// compare with the one this build's migrations make), the event log walked along its hash chain,
// and each order's stored state columns and figure facts beside its events. Read-only: nothing
// here writes.
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { Refusal } from '../domain/errors.js';
import type { OrderEvent } from '../domain/events.js';
import { eventHash, GENESIS } from './chain.js';
import { BUSY_TIMEOUT_MS, knownMigrations, nativeDb, openStore, type Db, type Store } from './db.js';
import { eventFromRow, orderFromRow, type StoredOrder } from './orders.js';
import type { Database, FigureFactsTable } from './schema.js';
import { APPEND_ONLY, isPostgres, pgAppendOnlySource, pgAppendOnlyTriggers, tableExists } from './dialect.js';

/** Open a file only to check it: read-only, no migration, nothing created. */
export function openForCheck(file: string): Store {
  let native: BetterSqlite3.Database;
  try {
    native = nativeDb(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    native.prepare('select count(*) from sqlite_master').get(); // "file is not a database" shows here
  } catch (e) {
    throw new Refusal('check.cannotOpen', { path: file, reason: (e as Error).message });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
  return { db, path: file, native, close: () => db.destroy() };
}

export async function integrityProblems(db: Db): Promise<string[]> {
  // PostgreSQL has no integrity_check (its page checks are the amcheck extension, the DBA's tool).
  if (isPostgres(db)) return [];
  const rows = await sql<{ integrity_check: string }>`pragma integrity_check(20)`.execute(db);
  return rows.rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
}

export interface ForeignKeyProblem {
  table: string;
  rowid: number | null;
  parent: string;
}

export async function foreignKeyProblems(db: Db): Promise<ForeignKeyProblem[]> {
  // PostgreSQL enforces foreign keys on every write, always (no pragma to turn them off).
  if (isPostgres(db)) return [];
  const rows = await sql<{ table: string; rowid: number | null; parent: string }>`pragma foreign_key_check`.execute(db);
  return rows.rows.slice(0, 100).map((r) => ({ table: r.table, rowid: r.rowid, parent: r.parent }));
}

/** A schema as a map of named things (tables with their columns, indexes, triggers, views). */
export type SchemaShape = Map<string, { kind: string; name: string; table: string; shape: string }>;

const normal = (s: string | null): string => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

export async function schemaShape(db: Db): Promise<SchemaShape> {
  if (isPostgres(db)) return pgSchemaShape(db);
  const things = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
    select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by type, name`.execute(db);
  const out: SchemaShape = new Map();
  for (const t of things.rows) {
    let shape = normal(t.sql);
    if (t.type === 'table') {
      // Columns as SQLite sees them (an ALTER TABLE ADD COLUMN changes the text, not the meaning).
      const cols = await sql<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>`
        select name, type, "notnull", dflt_value, pk from pragma_table_info(${t.name}) order by cid`.execute(db);
      shape = cols.rows.map((c) => `${c.name} ${c.type.toLowerCase()}${c.notnull ? ' not null' : ''}${c.dflt_value !== null ? ` default ${c.dflt_value}` : ''}${c.pk ? ` pk${c.pk}` : ''}`).join(', ');
    }
    out.set(`${t.type}:${t.name}`, { kind: t.type, name: t.name, table: t.tbl_name, shape });
  }
  return out;
}

/**
 * PostgreSQL's schema in the terms it can be compared in: tables by their column names (types
 * differ by dialect by design), the migrations' indexes by name (those behind primary keys and
 * unique constraints are PostgreSQL's own and left out), and the triggers by their definition
 * with the source of the function they run.
 */
async function pgSchemaShape(db: Db): Promise<SchemaShape> {
  const out: SchemaShape = new Map();
  const cols = await sql<{ table_name: string; columns: string }>`
    select table_name, string_agg(column_name::text, ', ' order by ordinal_position) as columns
    from information_schema.columns where table_schema = current_schema() group by table_name order by table_name`.execute(db);
  for (const t of cols.rows) out.set(`table:${t.table_name}`, { kind: 'table', name: t.table_name, table: t.table_name, shape: t.columns });
  const idx = await sql<{ indexname: string; tablename: string }>`
    select i.indexname, i.tablename from pg_indexes i
    where i.schemaname = current_schema()
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = (select oid from pg_namespace where nspname = current_schema()))
    order by i.indexname`.execute(db);
  for (const i of idx.rows) out.set(`index:${i.indexname}`, { kind: 'index', name: i.indexname, table: i.tablename, shape: '' });
  const trg = await sql<{ name: string; table: string; def: string; enabled: string; source: string | null }>`
    select t.tgname as name, c.relname as "table", pg_get_triggerdef(t.oid) as def, t.tgenabled as enabled, p.prosrc as source
    from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace join pg_proc p on p.oid = t.tgfoid
    where not t.tgisinternal and n.nspname = current_schema() order by t.tgname`.execute(db);
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
  for (const t of trg.rows) {
    const def = normal(t.def).split(`${schema.toLowerCase()}.`).join('');
    out.set(`trigger:${t.name}`, { kind: 'trigger', name: t.name, table: t.table, shape: pgTriggerShape(def, t.source, t.enabled !== 'D') });
  }
  return out;
}

function pgTriggerShape(def: string, source: string | null, enabled: boolean): string {
  return `${def} | ${normal(source)}${enabled ? '' : ' | disabled'}`;
}

/** What this build's migrations make on PostgreSQL, in pgSchemaShape's terms (from the SQLite one). */
async function expectedPgSchema(): Promise<SchemaShape> {
  const store = await openStore(':memory:');
  try {
    const out: SchemaShape = new Map();
    const things = await sql<{ type: string; name: string; tbl_name: string }>`
      select type, name, tbl_name from sqlite_master where name not like 'sqlite_%' and type in ('table', 'index') order by type, name`.execute(store.db);
    for (const t of things.rows) {
      let shape = '';
      if (t.type === 'table') {
        const cols = await sql<{ name: string }>`select name from pragma_table_info(${t.name}) order by cid`.execute(store.db);
        shape = cols.rows.map((c) => c.name).join(', ');
      }
      out.set(`${t.type}:${t.name}`, { kind: t.type, name: t.name, table: t.tbl_name, shape });
    }
    for (const table of Object.keys(APPEND_ONLY)) {
      if (!out.has(`table:${table}`)) continue;
      for (const [name, def] of Object.entries(pgAppendOnlyTriggers(table))) {
        out.set(`trigger:${name}`, { kind: 'trigger', name, table, shape: pgTriggerShape(def, pgAppendOnlySource(table), true) });
      }
    }
    return out;
  } finally {
    await store.close();
  }
}

let expected: Promise<SchemaShape> | undefined;
let expectedPg: Promise<SchemaShape> | undefined;

/** The schema this build's migrations make, from an empty in-memory database (computed once). */
export function expectedSchema(db?: Db): Promise<SchemaShape> {
  if (db && isPostgres(db)) return (expectedPg ??= expectedPgSchema());
  expected ??= (async () => {
    const store = await openStore(':memory:');
    try {
      return await schemaShape(store.db);
    } finally {
      await store.close();
    }
  })();
  return expected;
}

export async function appliedMigrationNames(db: Db): Promise<string[]> {
  if (!(await tableExists(db, 'kysely_migration'))) return [];
  return (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name);
}

export { knownMigrations };

/** The first event whose stored hash is not the chain's (edited, removed, reordered); null if none. */
export async function firstBrokenLink(db: Db): Promise<{ id: number; orderNo: string; events: number } | { id: null; events: number }> {
  let prev = GENESIS;
  let n = 0;
  const q = db.selectFrom('events').selectAll().orderBy('id');
  for await (const r of q.stream(1000)) {
    n++;
    prev = eventHash(prev, r);
    if (r.hash !== prev) return { id: r.id, orderNo: r.order_no, events: n };
  }
  return { id: null, events: n };
}

/** One batch of ordersWithEvents. */
export interface OrderBatch {
  orders: { order: StoredOrder; events: OrderEvent[]; facts: FigureFactsTable[] }[];
  /** Order numbers that have figure_facts rows but no order (in this batch's range of numbers). */
  strayFacts: string[];
}

/**
 * Every order with its events in log order and its figure_facts rows, a batch of orders at a
 * time (memory stays bounded by the batch, whatever the size of the database). The facts are read
 * by the batch's range of order numbers (one range of figure_facts_order (order_no, kind), the
 * whole index in one pass over all batches), so rows of an order that does not exist are found
 * too; the last batch holds those after the last order.
 */
export async function* ordersWithEvents(db: Db, batch = 1000): AsyncGenerator<OrderBatch> {
  let after: string | null = null;
  for (;;) {
    let q = db.selectFrom('orders').selectAll().orderBy('no').limit(batch);
    if (after !== null) q = q.where('no', '>', after);
    const rows = await q.execute();
    let f = db.selectFrom('figure_facts').selectAll().orderBy('order_no').orderBy('kind');
    if (after !== null) f = f.where('order_no', '>', after);
    if (rows.length === 0) {
      let s = db.selectFrom('figure_facts').select('order_no').distinct().orderBy('order_no');
      if (after !== null) s = s.where('order_no', '>', after);
      const stray = await s.execute();
      if (stray.length > 0) yield { orders: [], strayFacts: stray.map((r) => r.order_no) };
      return;
    }
    const last = rows[rows.length - 1]!.no;
    const nos = rows.map((r) => r.no);
    const byOrder = new Map<string, OrderEvent[]>(rows.map((r) => [r.no, []]));
    const events = await db.selectFrom('events').selectAll().where('order_no', 'in', nos).orderBy('order_no').orderBy('id').execute();
    for (const e of events) byOrder.get(e.order_no)!.push(eventFromRow(e));
    const factsOf = new Map<string, FigureFactsTable[]>(rows.map((r) => [r.no, []]));
    const stray = new Set<string>();
    for (const r of await f.where('order_no', '<=', last).execute()) {
      const list = factsOf.get(r.order_no);
      if (list) list.push(r);
      else stray.add(r.order_no);
    }
    yield { orders: rows.map((r) => ({ order: orderFromRow(r), events: byOrder.get(r.no)!, facts: factsOf.get(r.no)! })), strayFacts: [...stray] };
    after = last;
  }
}
