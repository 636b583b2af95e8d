// `hotline migrate-to`: copy a district's SQLite database into PostgreSQL, table by table, every
// table the source has (orders, events with their hash chain, directory, calendar, settings,
// rules, knowledge base, themes, accountability, circulars, imports … whatever later migrations
// add), rows as they are stored, ids included. Re-runnable: a row already there (same key) is
// updated to the source's values, never duplicated; events are only ever added, after checking
// that the ones already in the target are the source's (same id, same hash), so the chain stays
// one chain; an order's figure facts are replaced by the source's (rewritten with every change of
// the order, a row of an earlier run may no longer exist). All in one PostgreSQL write transaction: a failed or interrupted copy leaves the
// target as it was.
import { sql } from 'kysely';
import { Refusal } from '../domain/errors.js';
import { writeTransaction, type Db, type Store } from './db.js';

export interface TableCopy {
  table: string;
  /** Rows in the source. */
  source: number;
  /** Rows written (new or updated) in this run. */
  written: number;
  /** Rows in the target afterwards. */
  target: number;
}

/** Tables in the order their foreign keys need (parents first); the rest after, by name. */
const FIRST = ['units', 'categories', 'orders', 'events'];
const SKIP = new Set(['kysely_migration', 'kysely_migration_lock']);
const BATCH = 500;

interface Column {
  name: string;
  pk: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = any;

export async function copySqliteToPostgres(source: Store, target: Db, onTable?: (t: TableCopy) => void, district?: string): Promise<TableCopy[]> {
  const lite = source.native;
  const tables = (lite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => !SKIP.has(n));
  const ordered = [...FIRST.filter((t) => tables.includes(t)), ...tables.filter((t) => !FIRST.includes(t))];
  const targetColumns = await pgColumns(target);
  const out: TableCopy[] = [];
  // One read transaction on SQLite: the copy is a snapshot even while the district keeps working.
  lite.exec('begin');
  try {
    await copyAll();
  } finally {
    lite.exec('commit');
  }
  return out;

  async function copyAll(): Promise<void> {
  await writeTransaction(target, async (trx) => {
    for (const table of ordered) {
      const have = targetColumns.get(table);
      if (!have) throw new Refusal('migrateTo.noTable', { table });
      const columns = (lite.prepare('select name, pk from pragma_table_info(?) order by cid').all(table) as Column[]).filter((c) => have.has(c.name));
      // A district's file into a shared database: its units and orders take the district's name.
      const tag = district !== undefined && (table === 'units' || table === 'orders') && have.has('district') ? district : undefined;
      const copy =
        table === 'events'
          ? await copyEvents(lite, trx, columns)
          : table === 'figure_facts'
            ? await copyFacts(lite, trx, columns)
            : table === 'order_words'
              ? await copyWords(lite, trx, columns)
              : await copyTable(lite, trx, table, columns, tag);
      await moveIdentity(trx, table, columns);
      const targetCount = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(trx)).rows[0]!.n);
      const t = { table, source: copy.source, written: copy.written, target: targetCount };
      out.push(t);
      onTable?.(t);
    }
  });
  }
}

async function pgColumns(db: Db): Promise<Map<string, Set<string>>> {
  const rows = await sql<{ t: string; c: string }>`select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema()`.execute(db);
  const out = new Map<string, Set<string>>();
  for (const r of rows.rows) {
    if (!out.has(r.t)) out.set(r.t, new Set());
    out.get(r.t)!.add(r.c);
  }
  return out;
}

/** Rows of the source in key order (units: parents before their children, for the foreign key). */
function sourceRows(lite: Store['native'], table: string, columns: Column[]): Iterable<Record<string, unknown>> {
  const list = columns.map((c) => `"${c.name}"`).join(', ');
  if (table === 'units') {
    // A unit's parent first: by depth in the tree, then by code.
    return lite
      .prepare(
        `with recursive depth(code, d) as (select code, 0 from units where parent is null union all select u.code, depth.d + 1 from units u join depth on u.parent = depth.code)
         select ${list} from units join depth using (code) order by depth.d, code`,
      )
      .iterate() as Iterable<Record<string, unknown>>;
  }
  const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const order = pk.length > 0 ? pk.map((c) => `"${c.name}"`).join(', ') : 'rowid';
  return lite.prepare(`select ${list} from "${table}" order by ${order}`).iterate() as Iterable<Record<string, unknown>>;
}

async function copyTable(lite: Store['native'], trx: Db, table: string, columns: Column[], district?: string): Promise<{ source: number; written: number }> {
  const pk = columns.filter((c) => c.pk > 0).map((c) => c.name);
  const rest = columns.filter((c) => c.pk === 0).map((c) => c.name);
  let source = 0;
  let written = 0;
  let batch: Record<string, unknown>[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    let q = (trx as AnyDb).insertInto(table).values(batch);
    if (pk.length > 0) {
      // Already there: take the source's values (a re-run after the district kept working).
      q =
        rest.length > 0
          ? q.onConflict((oc: AnyDb) => oc.columns(pk).doUpdateSet(Object.fromEntries(rest.map((c) => [c, sql.ref(`excluded.${c}`)]))))
          : q.onConflict((oc: AnyDb) => oc.columns(pk).doNothing());
    }
    const r = await q.executeTakeFirst();
    written += Number(r?.numInsertedOrUpdatedRows ?? 0);
    batch = [];
  };
  for (const row of sourceRows(lite, table, columns)) {
    source++;
    batch.push(district === undefined ? row : { ...row, district });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return { source, written };
}

/**
 * Figure facts: an order's rows are rewritten with every change of the order, and a change can
 * move a row's key (an extension moves the due fact's time), so an upsert would leave the rows of
 * an earlier run behind. The source's orders' rows in the target are replaced, order by order
 * (read through figure_facts_order, a batch never splitting an order); other districts' orders in
 * a shared database are not touched.
 */
async function copyFacts(lite: Store['native'], trx: Db, columns: Column[]): Promise<{ source: number; written: number }> {
  const list = columns.map((c) => `"${c.name}"`).join(', ');
  const replace = replacer(trx, 'figure_facts', 'order_no');
  let source = 0;
  for (const row of lite.prepare(`select ${list} from figure_facts order by order_no, kind`).iterate() as Iterable<Record<string, unknown>>) {
    await replace.order(row.order_no as string);
    replace.row(row);
    source++;
  }
  return { source, written: await replace.done() };
}

/**
 * Replaces a table's rows order by order in the target: for each order named, its rows there are
 * deleted and the rows given for it inserted, a batch never splitting an order.
 */
function replacer(trx: Db, table: 'figure_facts' | 'order_words', column: 'order_no' | 'no') {
  let batch: Record<string, unknown>[] = [];
  let nos: string[] = [];
  let written = 0;
  const flush = async (): Promise<void> => {
    if (nos.length === 0) return;
    await (trx as AnyDb).deleteFrom(table).where(column, 'in', nos).execute();
    if (batch.length > 0) await (trx as AnyDb).insertInto(table).values(batch).execute();
    written += batch.length;
    batch = [];
    nos = [];
  };
  return {
    /** The rows after this belong to order `no` (rows come order by order). */
    async order(no: string): Promise<void> {
      if (nos[nos.length - 1] === no) return;
      if (batch.length >= BATCH || nos.length >= BATCH) await flush();
      nos.push(no);
    },
    row(r: Record<string, unknown>): void {
      batch.push(r);
    },
    async done(): Promise<number> {
      await flush();
      return written;
    },
  };
}

/**
 * The hot topics' kept words: the source's orders have in the target exactly the words they have
 * in the source. An order whose text changed since an earlier run has none in the source (they are
 * forgotten with the change): an upsert would leave the old words behind, and the target's circular
 * would count them. Other districts' orders in a shared database are not touched.
 */
async function copyWords(lite: Store['native'], trx: Db, columns: Column[]): Promise<{ source: number; written: number }> {
  const list = columns.map((c) => `w."${c.name}"`).join(', ');
  const replace = replacer(trx, 'order_words', 'no');
  let source = 0;
  for (const row of lite.prepare(`select o.no as order_no, ${list} from orders o left join order_words w on w.no = o.no order by o.no`).iterate() as Iterable<Record<string, unknown>>) {
    const { order_no: no, ...words } = row;
    await replace.order(no as string);
    if (words.no !== null) {
      replace.row(words);
      source++;
    }
  }
  return { source, written: await replace.done() };
}

/**
 * Events: the chain is one sequence of ids, so the target's events must be a prefix of the
 * source's (same ids, same hashes): then only the ones after it are added. A target whose log
 * has gone its own way (events written on PostgreSQL since) is refused, never merged.
 */
async function copyEvents(lite: Store['native'], trx: Db, columns: Column[]): Promise<{ source: number; written: number }> {
  const last = await trx.selectFrom('events').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const after = last?.id ?? 0;
  if (last) {
    const same = lite.prepare('select hash from events where id = ?').get(last.id) as { hash: string | null } | undefined;
    if (!same || same.hash !== last.hash) throw new Refusal('migrateTo.eventsDiverged', { id: last.id });
  }
  const source = Number((lite.prepare('select count(*) as n from events').get() as { n: number }).n);
  const list = columns.map((c) => `"${c.name}"`).join(', ');
  let written = 0;
  let batch: Record<string, unknown>[] = [];
  for (const row of lite.prepare(`select ${list} from events where id > ? order by id`).iterate(after) as Iterable<Record<string, unknown>>) {
    batch.push(row);
    if (batch.length >= BATCH) {
      await trx.insertInto('events').values(batch as never).execute();
      written += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) {
    await trx.insertInto('events').values(batch as never).execute();
    written += batch.length;
  }
  return { source, written };
}

/** An identity column's sequence moved past the ids copied, so the next insert does not collide. */
async function moveIdentity(trx: Db, table: string, columns: Column[]): Promise<void> {
  if (!columns.some((c) => c.name === 'id' && c.pk === 1)) return;
  const seq = (await sql<{ s: string | null }>`select pg_get_serial_sequence(${table}, 'id') as s`.execute(trx)).rows[0]?.s;
  if (!seq) return;
  await sql`select setval(${seq}, coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
}
