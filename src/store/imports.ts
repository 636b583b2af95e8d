// What the import keeps in the database besides orders: a log of imported files (so the same
// file again is recognised), and a per-import scratch table of the numbers already seen in the
// file (duplicates inside one file), so memory does not grow with the file.
import { sql } from 'kysely';
import type { Db } from './db.js';
import { createImportStage, insertIgnore, isPostgres, tempTable } from './dialect.js';
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
// (temp tables take no lock on the database file). Phase 2 takes the write lock for a short time:
// orders touched by someone else since the snapshot are worked out again inside the lock, the rest
// is replayed through the ordinary store functions (insertOrders, saveOrder), and the import is
// recorded. A killed import loses only temp tables: the database is as it was.

/** One staged write: a new order (insert) or a change of an existing one (save). */
export interface StagedRow {
  seq: number;
  no: string;
  kind: 'insert' | 'save';
  fileIndex: number;
  payload: string;
}

/** Empty the staging tables (the numbers of the files, the staged writes). */
export async function resetStage(db: Db): Promise<void> {
  await createImportStage(db); // SQLite's temp tables and page cache, or PostgreSQL's (store/dialect.ts)
  await sql`delete from ${tempTable(db, 'import_stage')}`.execute(db);
  await sql`delete from ${tempTable(db, 'import_nos')}`.execute(db);
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
  for (let i = 0; i < nos.length; i += 400) {
    const chunk = nos.slice(i, i + 400);
    if (chunk.length > 0) {
      const ignore = insertIgnore(db);
      await sql`${ignore.insert} ${tempTable(db, 'import_nos')} (no) values ${sql.join(chunk.map((n) => sql`(${n})`))}${ignore.onConflict}`.execute(db);
    }
  }
}

export interface StageInsert {
  no: string;
  fileIndex: number;
  phone: string | null;
  receivedAt: string;
  town: string | null;
  category: string | null;
  title: string | null;
  content: string | null;
  payload: string;
}

export async function stageWrite(db: Db, kind: 'insert' | 'save', rows: StageInsert[]): Promise<void> {
  if (isPostgres(db)) {
    for (let i = 0; i < rows.length; i += 50) {
      const values = rows.slice(i, i + 50).map((r) => sql`(${r.no}, ${kind}, ${r.fileIndex}, ${r.phone}, ${r.receivedAt}, ${r.town}, ${r.category}, ${r.title}, ${r.content}, ${r.payload})`);
      await sql`insert into ${tempTable(db, 'import_stage')} (no, kind, file_index, phone, received_at, town, category, title, content, payload) values ${sql.join(values)}`.execute(db);
    }
    return;
  }
  // A hot path (every row of an import): one prepared insert per row (store/statements.ts).
  const insert = hotStatements(db).prepared('insert into temp.import_stage (no, kind, file_index, phone, received_at, town, category, title, content, payload) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const r of rows) insert.run(r.no, kind, r.fileIndex, r.phone, r.receivedAt, r.town, r.category, r.title, r.content, r.payload);
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

/** Staged numbers whose order got an event after `sinceEventId` (someone else touched or created it). */
export async function stagedConflicts(db: Db, sinceEventId: number): Promise<Set<string>> {
  const r = await sql<{ no: string }>`select distinct e.order_no as no from events e join ${tempTable(db, 'import_stage')} s on s.no = e.order_no where e.id > ${sinceEventId}`.execute(db);
  return new Set(r.rows.map((x) => x.no));
}

/** The staged writes in order, `size` at a time (memory stays bounded however long the file). */
export async function* stagedRows(db: Db, size = 200): AsyncGenerator<StagedRow[]> {
  let after = 0;
  for (;;) {
    const r = await sql<{ seq: number; no: string; kind: 'insert' | 'save'; file_index: number; payload: string }>`select seq, no, kind, file_index, payload from ${tempTable(db, 'import_stage')} where seq > ${after} order by seq limit ${size}`.execute(db);
    if (r.rows.length === 0) return;
    after = r.rows[r.rows.length - 1]!.seq;
    yield r.rows.map((x) => ({ seq: x.seq, no: x.no, kind: x.kind, fileIndex: x.file_index, payload: x.payload }));
  }
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
