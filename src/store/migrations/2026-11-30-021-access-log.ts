// The access log: who asked to see citizens' personal data unmasked (`--no-mask` on list, history,
// export, import's rejects file), when, and what. Append-only like the event log; it is not an
// order's event (it may concern many orders, or none), so it has a table of its own.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('command', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await sql`create trigger access_log_no_update before update on access_log begin select raise(abort, 'the access log is append-only'); end`.execute(db);
  await sql`create trigger access_log_no_delete before delete on access_log begin select raise(abort, 'the access log is append-only'); end`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_log').execute();
}
