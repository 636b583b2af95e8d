// What the import keeps in the database besides orders: a log of imported files (so the same
// file again is recognised), and per import a stage in temp tables on its own connection (the
// numbers of the files, the writes it prepared), so memory does not grow with the file.
import { sql } from 'kysely';
import type { Db } from './db.js';
import type { OrderInput } from '../domain/order.js';
import { phoneHash } from '../domain/repeat.js';
import { createImportStage, greatestOf, isPostgres, tempTable } from './dialect.js';
import { appendEventValues, EVENT_COLUMNS, eventChain, INPUT_COLUMNS, inputFromRow, NEW_ORDER_COLUMNS, type OrderValue } from './orders.js';
import { FACT_COLUMNS } from './facts.js';
import { hotStatements } from './statements.js';

export interface ImportLogEntry {
  file: string;
  sha256: string;
  format: string;
  startedAt: string;
  finishedAt: string;
  actor: string;
  summary: unknown;
}

export async function recordImport(db: Db, e: ImportLogEntry): Promise<void> {
  await db
    .insertInto('imports')
    .values({ file: e.file, sha256: e.sha256, format: e.format, started_at: e.startedAt, finished_at: e.finishedAt, actor: e.actor, summary: JSON.stringify(e.summary) })
    .execute();
}

export async function lastImportOf(db: Db, sha256: string): Promise<{ file: string; finishedAt: string } | undefined> {
  const r = await db.selectFrom('imports').select(['file', 'finished_at']).where('sha256', '=', sha256).orderBy('id', 'desc').executeTakeFirst();
  return r ? { file: r.file, finishedAt: r.finished_at } : undefined;
}

// ---- Staging (finding 8): an import prepares every write outside the write lock ------------------
// Phase 1 reads the file, validates, and works out each order's registration against a snapshot
// of the database, writing what it would write into temp tables on the import's own connection
// (temp tables take no lock on the database file): each staged order's row as it will be in
// `orders` (import_stage, in NEW_ORDER_COLUMNS), and its events without their place in the chain
// (import_events, in EVENT_COLUMNS). Phase 2 takes the write lock for a short time: orders touched
// by someone else since the snapshot are taken out of the stage (the caller works them out again
// inside the lock), the new rows go into `orders` with one INSERT … SELECT, the changed ones with
// one UPDATE … FROM, and the events are appended to the hash chain in the order they were staged.
// A killed import loses only temp tables: the database is as it was.

/** What phase 2 hands back for each staged order someone else touched meanwhile, in staged order. */
export interface StagedConflict {
  no: string;
  kind: 'insert' | 'save';
  fileIndex: number;
  /** A new order staged as a repeat of another. */
  repeat: boolean;
  /** A changed order staged as flagged for the clerk. */
  flagged: boolean;
  /** The registered fields, as read from the file. */
  input: OrderInput;
}

/** One staged order: its row (NEW_ORDER_COLUMNS values, orders.ts) and its events (EVENT_COLUMNS values). */
export interface StagedOrder {
  kind: 'insert' | 'save';
  fileIndex: number;
  flagged: boolean;
  row: OrderValue[];
  events: OrderValue[][];
  /** Its figure facts after the write (store/facts.ts factValues), which replace any it had. */
  facts: OrderValue[][];
}

/** A staged new order found by its phone (repeat detection across the chunks of an import). */
export interface StagedByPhone {
  no: string;
  receivedAt: string;
  phone: string | null;
}

const STAGE_COLUMNS = ['seq', 'kind', 'file_index', 'flagged', ...NEW_ORDER_COLUMNS] as const;
const PHONE_COLUMN = NEW_ORDER_COLUMNS.indexOf('phone');

/** Buckets of the staged phones' hash table (4 MB whatever the file). */
const PHONE_BUCKETS = 1 << 20;

/**
 * One import's stage. The temp tables hold what phase 2 writes; the stage's only memory is the
 * index of the new orders' phones: an index in the temp table cost more than the rest of the
 * stage together (every insert lands at a random place in a tree), so it is a hash table of
 * chains of staged rows' `seq` in two Int32Arrays (4 bytes a staged order beside a fixed 4 MB),
 * and what a chain names is read back from the stage by `seq` to compare phone and time.
 */
export class ImportStage {
  private seq = 0;
  private readonly heads = new Int32Array(PHONE_BUCKETS);
  private next = new Int32Array(1024);

  private constructor() {}

  /** A new, empty stage on this connection (the temp tables made or emptied). */
  static async open(db: Db): Promise<ImportStage> {
    await createImportStage(db, NEW_ORDER_COLUMNS, EVENT_COLUMNS, FACT_COLUMNS); // SQLite's temp tables, or PostgreSQL's (store/dialect.ts)
    await clearStage(db);
    return new ImportStage();
  }

  /**
   * Record a chunk's numbers as the good rows of file `fileIndex` (for duplicates and for `import
   * --dispatch`, also after a re-run); returns those this file had already, with the line they
   * were first on (those are not recorded again).
   */
  async markNumbers(db: Db, fileIndex: number, rows: { no: string; line: number }[]): Promise<Map<string, number>> {
    const earlier = new Map<string, number>();
    const nos = tempTable(db, 'import_nos');
    if (isPostgres(db)) {
      // PostgreSQL: a chunk at a time (statements.ts's prepared statements are better-sqlite3's).
      for (let i = 0; i < rows.length; i += 400) {
        const chunk = rows.slice(i, i + 400);
        const found = await sql<{ no: string; file_index: number; line: number }>`select no, file_index, line from ${nos} where no in (${sql.join(chunk.map((r) => r.no))})`.execute(db);
        for (const r of found.rows) if (r.file_index === fileIndex) earlier.set(r.no, r.line);
        const fresh = chunk.filter((r) => !earlier.has(r.no));
        if (fresh.length > 0) {
          await sql`insert into ${nos} (no, file_index, line) values ${sql.join(fresh.map((r) => sql`(${r.no}, ${fileIndex}, ${r.line})`))}
            on conflict (no) do update set file_index = excluded.file_index, line = excluded.line`.execute(db);
        }
      }
      return earlier;
    }
    // One prepared upsert per number (store/statements.ts): a number this file has already is left
    // as it is (no change); one an earlier file had now belongs to this file, from this line.
    const st = hotStatements(db);
    const upsert = st.prepared(
      'insert into temp.import_nos (no, file_index, line) values (?, ?, ?) on conflict (no) do update set file_index = excluded.file_index, line = excluded.line where import_nos.file_index <> excluded.file_index',
    );
    const first = st.prepared('select line from temp.import_nos where no = ?').pluck();
    for (const r of rows) if (upsert.run(r.no, fileIndex, r.line).changes === 0) earlier.set(r.no, first.get(r.no) as number);
    return earlier;
  }

  /** Stage orders' writes, in the order given (their events are appended to the chain in that order). */
  async add(db: Db, orders: StagedOrder[]): Promise<void> {
    if (orders.length === 0) return;
    const seqs = orders.map((o) => {
      const seq = ++this.seq;
      const phone = o.row[PHONE_COLUMN];
      if (o.kind === 'insert' && typeof phone === 'string') this.indexPhone(phone, seq);
      return seq;
    });
    if (isPostgres(db)) {
      for (let i = 0; i < orders.length; i += 50) {
        const chunk = orders.slice(i, i + 50);
        const values = chunk.map((o, k) => sql`(${sql.join([seqs[i + k]!, o.kind, o.fileIndex, o.flagged ? 1 : 0, ...o.row])})`);
        await sql`insert into ${tempTable(db, 'import_stage')} (${sql.raw(STAGE_COLUMNS.join(', '))}) values ${sql.join(values)}`.execute(db);
        const events = chunk.flatMap((o) => o.events.map((e) => sql`(${sql.join(e)})`));
        for (let k = 0; k < events.length; k += 200) {
          await sql`insert into ${tempTable(db, 'import_events')} (${sql.raw(EVENT_COLUMNS.join(', '))}) values ${sql.join(events.slice(k, k + 200))}`.execute(db);
        }
        const facts = chunk.flatMap((o) => o.facts.map((f) => sql`(${sql.join(f)})`));
        for (let k = 0; k < facts.length; k += 200) {
          await sql`insert into ${tempTable(db, 'import_facts')} (${sql.raw(FACT_COLUMNS.join(', '))}) values ${sql.join(facts.slice(k, k + 200))}`.execute(db);
        }
      }
      return;
    }
    // A hot path (every row of an import): prepared inserts with positional values (store/statements.ts).
    const st = hotStatements(db);
    const order = st.prepared(`insert into temp.import_stage (${STAGE_COLUMNS.join(', ')}) values (${STAGE_COLUMNS.map(() => '?').join(', ')})`);
    const event = st.prepared(`insert into temp.import_events (${EVENT_COLUMNS.join(', ')}) values (${EVENT_COLUMNS.map(() => '?').join(', ')})`);
    const fact = st.prepared(`insert into temp.import_facts (${FACT_COLUMNS.join(', ')}) values (${FACT_COLUMNS.map(() => '?').join(', ')})`);
    orders.forEach((o, k) => {
      order.run(seqs[k], o.kind, o.fileIndex, o.flagged ? 1 : 0, ...o.row);
      for (const e of o.events) event.run(e);
      for (const f of o.facts) fact.run(f);
    });
  }

  private indexPhone(phone: string, seq: number): void {
    if (seq >= this.next.length) {
      const grown = new Int32Array(this.next.length * 2);
      grown.set(this.next);
      this.next = grown;
    }
    const b = phoneBucket(phone);
    this.next[seq] = this.heads[b]!;
    this.heads[b] = seq;
  }

  /**
   * New orders staged earlier in this import with one of the phones, received in [from, to],
   * ordered by phone (as SQLite's BINARY compares text), time received and staging order.
   */
  async byPhone(db: Db, phones: string[], from: string, to: string): Promise<StagedByPhone[]> {
    const seqs: number[] = [];
    for (const phone of phones) for (let q = this.heads[phoneBucket(phone)]!; q !== 0; q = this.next[q]!) seqs.push(q);
    if (seqs.length === 0) return [];
    const wanted = new Set(phones);
    const found: (StagedByPhone & { seq: number })[] = [];
    for (let i = 0; i < seqs.length; i += 400) {
      const r = await sql<{ seq: number; no: string; received_at: string; phone: string }>`select seq, no, received_at, phone from ${tempTable(db, 'import_stage')} where seq in (${sql.join(seqs.slice(i, i + 400))})`.execute(db);
      for (const x of r.rows) if (wanted.has(x.phone) && x.received_at >= from && x.received_at <= to) found.push({ seq: x.seq, no: x.no, receivedAt: x.received_at, phone: x.phone });
    }
    found.sort((a, b) => binaryCompare(a.phone!, b.phone!) || (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0) || a.seq - b.seq);
    return found.map(({ no, receivedAt, phone }) => ({ no, receivedAt, phone }));
  }

  /** Which of these numbers an earlier file of the same import staged already. */
  async staged(db: Db, nos: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < nos.length; i += 400) {
      const r = await sql<{ no: string }>`select no from ${tempTable(db, 'import_stage')} where no in (${sql.join(nos.slice(i, i + 400))})`.execute(db);
      for (const x of r.rows) out.add(x.no);
    }
    return out;
  }

  /**
   * Phase 2, under the write lock: the staged orders whose order got an event after `sinceEventId`
   * (someone else touched or created it) are taken out of the stage and returned, in staged order;
   * the rest is written: new rows, changed rows, then every staged event in staged order.
   */
  async write(db: Db, sinceEventId: number): Promise<StagedConflict[]> {
    if (isPostgres(db)) return this.writeStaged(db, sinceEventId);
    // The write goes through the page cache of the main database, which better-sqlite3 sizes at
    // 16 MB: 8 MB costs ~1 % more time here (the orders' phone index is the one written at random)
    // and keeps a long import's memory within bounds. The connection's own size comes back after.
    const size = (await sql<{ cache_size: number }>`pragma main.cache_size`.execute(db)).rows[0]?.cache_size ?? -2000;
    await sql`pragma main.cache_size = -8000`.execute(db);
    try {
      return await this.writeStaged(db, sinceEventId);
    } finally {
      await sql.raw(`pragma main.cache_size = ${Number(size)}`).execute(db);
    }
  }

  private async writeStaged(db: Db, sinceEventId: number): Promise<StagedConflict[]> {
    const stage = tempTable(db, 'import_stage');
    const events = tempTable(db, 'import_events');
    const found = await sql<{ kind: 'insert' | 'save'; file_index: number; repeat_of: string | null; flagged: number } & Parameters<typeof inputFromRow>[0]>`
      select s.kind, s.file_index, s.repeat_of, s.flagged, ${sql.raw(['no', ...INPUT_COLUMNS].map((c) => `s.${c}`).join(', '))}
      from ${stage} s where s.no in (select e.order_no from events e where e.id > ${sinceEventId}) order by s.seq`.execute(db);
    const conflicts: StagedConflict[] = found.rows.map((r) => ({
      no: r.no,
      kind: r.kind,
      fileIndex: r.file_index,
      repeat: r.repeat_of !== null,
      flagged: r.flagged === 1,
      input: inputFromRow(r),
    }));
    if (conflicts.length > 0) {
      const taken = tempTable(db, 'import_conflicts');
      await sql`delete from ${taken}`.execute(db);
      for (let i = 0; i < conflicts.length; i += 400) await sql`insert into ${taken} (no) values ${sql.join(conflicts.slice(i, i + 400).map((c) => sql`(${c.no})`))}`.execute(db);
      await sql`delete from ${stage} where no in (select no from ${taken})`.execute(db);
      await sql`delete from ${events} where order_no in (select no from ${taken})`.execute(db);
      await sql`delete from ${tempTable(db, 'import_facts')} where order_no in (select no from ${taken})`.execute(db);
    }
    const columns = sql.raw(NEW_ORDER_COLUMNS.join(', '));
    await sql`insert into orders (${columns}) select ${columns} from ${stage} where kind = 'insert' order by seq`.execute(db);
    const set = NEW_ORDER_COLUMNS.filter((c) => c !== 'no' && c !== 'created_at' && c !== 'last_event_at').map((c) => `${c} = s.${c}`);
    await sql`update orders set ${sql.raw(set.join(', '))}, flagged = s.flagged, last_event_at = ${greatestOf(db, 'orders.last_event_at', 'coalesce(s.last_event_at, orders.last_event_at)')}
      from ${stage} s where s.kind = 'save' and s.no = orders.no`.execute(db);
    // Figure facts: a changed order's replace its old ones; its kept hot-topic words are forgotten (its text changed).
    await sql`delete from figure_facts where order_no in (select no from ${stage} where kind = 'save')`.execute(db);
    await sql`delete from order_words where no in (select no from ${stage} where kind = 'save')`.execute(db);
    const factColumns = sql.raw(FACT_COLUMNS.join(', '));
    await sql`insert into figure_facts (${factColumns}) select ${factColumns} from ${tempTable(db, 'import_facts')}`.execute(db);
    // The events, in staged order, a page at a time (memory stays bounded however long the file).
    const PAGE = 500;
    if (!isPostgres(db)) {
      // A hot path (every staged event): raw rows [seq, ...values] straight into the chain's insert.
      const page = hotStatements(db).prepared(`select seq, ${EVENT_COLUMNS.join(', ')} from temp.import_events where seq > ? order by seq limit ${PAGE}`).raw();
      const chain = eventChain(db);
      for (let after = 0; ; ) {
        const rows = page.all(after) as OrderValue[][];
        if (rows.length === 0) break;
        after = rows[rows.length - 1]![0] as number;
        for (const r of rows) chain.appendRow(r);
        // A turn of the event loop between pages: the CLI's heap watch (cli/heap.ts) gets to run.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return conflicts;
    }
    let after = 0;
    for (;;) {
      const page = await sql<Record<string, OrderValue> & { seq: number }>`select seq, ${sql.raw(EVENT_COLUMNS.join(', '))} from ${events} where seq > ${after} order by seq limit ${PAGE}`.execute(db);
      if (page.rows.length === 0) break;
      after = page.rows[page.rows.length - 1]!.seq;
      await appendEventValues(db, page.rows.map((r) => EVENT_COLUMNS.map((c) => r[c]!)));
    }
    return conflicts;
  }

  /** Orders among the files' numbers that are pending and were never dispatched (`import --dispatch`). */
  async pendingUndispatched(db: Db): Promise<string[]> {
    const r = await sql<{ no: string }>`select o.no from orders o join ${tempTable(db, 'import_nos')} n on n.no = o.no where o.status = 'pending' and o.first_dispatched_at is null order by o.due_at, o.no`.execute(db);
    return r.rows.map((x) => x.no);
  }

  /** Empty the temp tables (the import is over). */
  async close(db: Db): Promise<void> {
    await clearStage(db);
  }
}

async function clearStage(db: Db): Promise<void> {
  for (const t of ['import_stage', 'import_events', 'import_facts', 'import_nos', 'import_conflicts']) await sql`delete from ${tempTable(db, t)}`.execute(db);
}

/** The bucket of a phone in the stage's hash table (the repeat rings' phone hash, domain/repeat.ts). */
function phoneBucket(phone: string): number {
  return (phoneHash(phone) >>> 0) & (PHONE_BUCKETS - 1);
}

/** Text order as SQLite's BINARY collation has it (UTF-8 bytes, that is code points). */
function binaryCompare(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The highest event id now: what phase 2 compares with to find orders changed meanwhile. */
export async function lastEventId(db: Db): Promise<number> {
  const r = await sql<{ id: number | null }>`select max(id) as id from events`.execute(db);
  return r.rows[0]?.id ?? 0;
}

/** Run `fn` in a deferred transaction that writes only temp tables (no lock on the database file). */
export async function stagingTransaction<T>(db: Db, fn: (conn: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      const r = await fn(conn);
      await sql`commit`.execute(conn);
      return r;
    } catch (e) {
      await sql`rollback`.execute(conn);
      throw e;
    }
  });
}
