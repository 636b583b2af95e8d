// What the import keeps in the database besides orders: a log of imported files (so the same
// file again is recognised), and a per-import scratch table of the numbers already seen in the
// file (duplicates inside one file), so memory does not grow with the file.
import { sql } from 'kysely';
import type { Db } from './db.js';
import type { OrderInput } from '../domain/order.js';
import { createImportStage, greatestOf, insertIgnore, isPostgres, tempTable } from './dialect.js';
import { appendEventValues, EVENT_COLUMNS, NEW_ORDER_COLUMNS, type OrderValue } from './orders.js';
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

/** Numbers seen earlier in the same file: a temp table on the import's own connection. */
export async function resetSeenNumbers(db: Db): Promise<void> {
  await sql`create temp table if not exists import_seen (no text primary key, line integer not null)`.execute(db);
  await sql`delete from ${tempTable(db, 'import_seen')}`.execute(db);
}

/** Record a chunk's numbers; returns those seen before in the file, with the line they were first on. */
export async function markSeenNumbers(db: Db, rows: { no: string; line: number }[]): Promise<Map<string, number>> {
  const earlier = new Map<string, number>();
  if (isPostgres(db)) {
    // PostgreSQL: a chunk at a time (statements.ts's prepared statements are better-sqlite3's).
    const CHUNK = 400;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const found = await sql<{ no: string; line: number }>`select no, line from ${tempTable(db, 'import_seen')} where no in (${sql.join(chunk.map((r) => r.no))})`.execute(db);
      for (const r of found.rows) earlier.set(r.no, r.line);
      const fresh = chunk.filter((r) => !earlier.has(r.no));
      if (fresh.length > 0) {
        const ignore = insertIgnore(db);
        await sql`${ignore.insert} ${tempTable(db, 'import_seen')} (no, line) values ${sql.join(fresh.map((r) => sql`(${r.no}, ${r.line})`))}${ignore.onConflict}`.execute(db);
      }
    }
    return earlier;
  }
  // One prepared insert per number (store/statements.ts): a number already there is a duplicate.
  const st = hotStatements(db);
  const insert = st.prepared('insert into temp.import_seen (no, line) values (?, ?) on conflict (no) do nothing');
  const first = st.prepared('select line from temp.import_seen where no = ?').pluck();
  for (const r of rows) if (insert.run(r.no, r.line).changes === 0) earlier.set(r.no, first.get(r.no) as number);
  return earlier;
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

const STAGE_COLUMNS = ['kind', 'file_index', 'flagged', ...NEW_ORDER_COLUMNS] as const;

/** Empty the staging tables (the numbers of the files, the staged writes). */
export async function resetStage(db: Db): Promise<void> {
  await createImportStage(db, NEW_ORDER_COLUMNS, EVENT_COLUMNS); // SQLite's temp tables, or PostgreSQL's (store/dialect.ts)
  await sql`delete from ${tempTable(db, 'import_stage')}`.execute(db);
  await sql`delete from ${tempTable(db, 'import_events')}`.execute(db);
  await sql`delete from ${tempTable(db, 'import_nos')}`.execute(db);
  await sql`delete from ${tempTable(db, 'import_conflicts')}`.execute(db);
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

/** Remember the numbers of a file's good rows (for `import --dispatch`, also after a re-run). */
export async function stageNumbers(db: Db, nos: string[]): Promise<void> {
  if (!isPostgres(db)) {
    const insert = hotStatements(db).prepared('insert into temp.import_nos (no) values (?) on conflict (no) do nothing');
    for (const no of nos) insert.run(no);
    return;
  }
  for (let i = 0; i < nos.length; i += 400) {
    const chunk = nos.slice(i, i + 400);
    if (chunk.length > 0) {
      const ignore = insertIgnore(db);
      await sql`${ignore.insert} ${tempTable(db, 'import_nos')} (no) values ${sql.join(chunk.map((n) => sql`(${n})`))}${ignore.onConflict}`.execute(db);
    }
  }
}

/** One staged order: its row (NEW_ORDER_COLUMNS values, orders.ts) and its events (EVENT_COLUMNS values). */
export interface StagedOrder {
  kind: 'insert' | 'save';
  fileIndex: number;
  flagged: boolean;
  row: OrderValue[];
  events: OrderValue[][];
}

/** Stage orders' writes, in the order given (their events are appended to the chain in that order). */
export async function stageOrders(db: Db, orders: StagedOrder[]): Promise<void> {
  if (orders.length === 0) return;
  if (isPostgres(db)) {
    for (let i = 0; i < orders.length; i += 50) {
      const chunk = orders.slice(i, i + 50);
      const values = chunk.map((o) => sql`(${sql.join([o.kind, o.fileIndex, o.flagged ? 1 : 0, ...o.row])})`);
      await sql`insert into ${tempTable(db, 'import_stage')} (${sql.raw(STAGE_COLUMNS.join(', '))}) values ${sql.join(values)}`.execute(db);
      const events = chunk.flatMap((o) => o.events.map((e) => sql`(${sql.join(e)})`));
      for (let k = 0; k < events.length; k += 200) {
        await sql`insert into ${tempTable(db, 'import_events')} (${sql.raw(EVENT_COLUMNS.join(', '))}) values ${sql.join(events.slice(k, k + 200))}`.execute(db);
      }
    }
    return;
  }
  // A hot path (every row of an import): prepared inserts with positional values (store/statements.ts).
  const st = hotStatements(db);
  const order = st.prepared(`insert into temp.import_stage (${STAGE_COLUMNS.join(', ')}) values (${STAGE_COLUMNS.map(() => '?').join(', ')})`);
  const event = st.prepared(`insert into temp.import_events (${EVENT_COLUMNS.join(', ')}) values (${EVENT_COLUMNS.map(() => '?').join(', ')})`);
  for (const o of orders) {
    order.run(o.kind, o.fileIndex, o.flagged ? 1 : 0, ...o.row);
    for (const e of o.events) event.run(e);
  }
}

/** New orders staged earlier in this import with one of the phones (repeat detection across chunks). */
export async function stagedByPhone(db: Db, phones: string[], from: string, to: string): Promise<{ no: string; receivedAt: string; phone: string | null; town: string | null; category: string | null; title: string | null; content: string | null }[]> {
  const out = [];
  for (let i = 0; i < phones.length; i += 400) {
    const r = await sql<{ no: string; received_at: string; phone: string | null; town: string | null; category: string | null; title: string | null; content: string | null }>`select no, received_at, phone, town, category, title, content from ${tempTable(db, 'import_stage')} where kind = 'insert' and phone in (${sql.join(phones.slice(i, i + 400))}) and received_at >= ${from} and received_at <= ${to}`.execute(db);
    out.push(...r.rows.map((x) => ({ no: x.no, receivedAt: x.received_at, phone: x.phone, town: x.town, category: x.category, title: x.title, content: x.content })));
  }
  return out;
}

/**
 * Phase 2, under the write lock: the staged orders whose order got an event after `sinceEventId`
 * (someone else touched or created it) are taken out of the stage and returned, in staged order;
 * the rest is written: new rows, changed rows, then every staged event in staged order.
 */
export async function writeStage(db: Db, sinceEventId: number): Promise<StagedConflict[]> {
  const stage = tempTable(db, 'import_stage');
  const events = tempTable(db, 'import_events');
  const found = await sql<{ no: string; kind: 'insert' | 'save'; file_index: number; repeat_of: string | null; flagged: number } & Record<string, string | null>>`
    select s.no, s.kind, s.file_index, s.repeat_of, s.flagged, s.received_at, s.channel, s.type, s.category, s.urgency, s.citizen, s.phone, s.address, s.town, s.title, s.content, s.deadline, s.instructions
    from ${stage} s where s.no in (select e.order_no from events e where e.id > ${sinceEventId}) order by s.seq`.execute(db);
  const conflicts: StagedConflict[] = found.rows.map((r) => ({
    no: r.no,
    kind: r.kind,
    fileIndex: r.file_index,
    repeat: r.repeat_of !== null,
    flagged: r.flagged === 1,
    input: {
      no: r.no,
      receivedAt: r.received_at!,
      channel: r.channel,
      type: r.type as OrderInput['type'],
      category: r.category,
      urgency: r.urgency as OrderInput['urgency'],
      citizen: r.citizen,
      phone: r.phone,
      address: r.address,
      town: r.town,
      title: r.title,
      content: r.content,
      deadline: r.deadline,
      instructions: r.instructions,
    },
  }));
  if (conflicts.length > 0) {
    const taken = tempTable(db, 'import_conflicts');
    await sql`delete from ${taken}`.execute(db);
    for (let i = 0; i < conflicts.length; i += 400) await sql`insert into ${taken} (no) values ${sql.join(conflicts.slice(i, i + 400).map((c) => sql`(${c.no})`))}`.execute(db);
    await sql`delete from ${stage} where no in (select no from ${taken})`.execute(db);
    await sql`delete from ${events} where order_no in (select no from ${taken})`.execute(db);
  }
  const columns = sql.raw(NEW_ORDER_COLUMNS.join(', '));
  await sql`insert into orders (${columns}) select ${columns} from ${stage} where kind = 'insert' order by seq`.execute(db);
  const set = NEW_ORDER_COLUMNS.filter((c) => c !== 'no' && c !== 'created_at' && c !== 'last_event_at').map((c) => `${c} = s.${c}`);
  await sql`update orders set ${sql.raw(set.join(', '))}, flagged = s.flagged, last_event_at = ${greatestOf(db, 'orders.last_event_at', 'coalesce(s.last_event_at, orders.last_event_at)')}
    from ${stage} s where s.kind = 'save' and s.no = orders.no`.execute(db);
  // The events, in staged order, a page at a time (memory stays bounded however long the file).
  const PAGE = 1000;
  let after = 0;
  for (;;) {
    const page = await sql<Record<string, OrderValue> & { seq: number }>`select seq, ${sql.raw(EVENT_COLUMNS.join(', '))} from ${events} where seq > ${after} order by seq limit ${PAGE}`.execute(db);
    if (page.rows.length === 0) break;
    after = page.rows[page.rows.length - 1]!.seq;
    await appendEventValues(db, page.rows.map((r) => EVENT_COLUMNS.map((c) => r[c]!)));
  }
  return conflicts;
}

/** Orders among the file's numbers that are pending and were never dispatched (`import --dispatch`). */
export async function stagedPendingUndispatched(db: Db): Promise<string[]> {
  const r = await sql<{ no: string }>`select o.no from orders o join ${tempTable(db, 'import_nos')} n on n.no = o.no where o.status = 'pending' and o.first_dispatched_at is null order by o.due_at, o.no`.execute(db);
  return r.rows.map((x) => x.no);
}

/** Which of these numbers an earlier file of the same import staged already. */
export async function stagedAlready(db: Db, nos: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < nos.length; i += 400) {
    const r = await sql<{ no: string }>`select no from ${tempTable(db, 'import_stage')} where no in (${sql.join(nos.slice(i, i + 400))})`.execute(db);
    for (const x of r.rows) out.add(x.no);
  }
  return out;
}
