// What the import keeps in the database besides orders: a log of imported files (so the same
// file again is recognised), and a per-import scratch table of the numbers already seen in the
// file (duplicates inside one file), so memory does not grow with the file.
import { sql } from 'kysely';
import type { Db } from './db.js';
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
  await sql`delete from temp.import_seen`.execute(db);
}

/** Record a chunk's numbers; returns those seen before in the file, with the line they were first on. */
export async function markSeenNumbers(db: Db, rows: { no: string; line: number }[]): Promise<Map<string, number>> {
  // One prepared insert per number (store/statements.ts): a number already there is a duplicate.
  const st = hotStatements(db);
  const insert = st.prepared('insert into temp.import_seen (no, line) values (?, ?) on conflict (no) do nothing');
  const first = st.prepared('select line from temp.import_seen where no = ?').pluck();
  const earlier = new Map<string, number>();
  for (const r of rows) if (insert.run(r.no, r.line).changes === 0) earlier.set(r.no, first.get(r.no) as number);
  return earlier;
}
