// The access log: who asked to see citizens' personal data unmasked (`--no-mask` on list, history,
// export, import's rejects file), when, and what. Append-only like the event log; it is not an
// order's event (it may concern many orders, or none), so it has a table of its own.
import type { Kysely } from 'kysely';
import { autoIdColumn, createAppendOnlyTriggers } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_log')
    .addColumn('id', ...autoIdColumn(db))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('command', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  // (SQLite's triggers, or PostgreSQL's plpgsql twin: store/dialect.ts.)
  await createAppendOnlyTriggers(db, 'access_log');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_log').execute();
}
