// Districts (migration 061) for the tables written beside each order since: its figure facts
// (figure_facts) and its hot-topic words (order_words, words of the citizen's title and content).
// On PostgreSQL a session sees and changes them only for the orders it sees (orders' row-level
// security), so one district's login cannot read another's complaints through them, nor delete
// them. SQLite has one district to a file: nothing to do.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

const TABLES = [
  ['figure_facts', 'order_no'],
  ['order_words', 'no'],
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const [table, column] of TABLES) {
    const visible = `exists (select 1 from orders o where o.no = ${table}.${column})`;
    await sql.raw(`alter table ${table} enable row level security`).execute(db);
    await sql.raw(`alter table ${table} force row level security`).execute(db);
    await sql.raw(`create policy ${table}_district on ${table} using (${visible}) with check (${visible})`).execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const [table] of TABLES) {
    await sql.raw(`drop policy if exists ${table}_district on ${table}`).execute(db);
    await sql.raw(`alter table ${table} no force row level security`).execute(db);
    await sql.raw(`alter table ${table} disable row level security`).execute(db);
  }
}
