// Districts: one PostgreSQL database can serve several districts of a city. Units and orders
// carry their district (NULL: the database's only district, as every SQLite database is). On
// PostgreSQL the database itself keeps each district to its own rows (row-level security on
// orders and units): a session sees the rows of its district, which is its login's (a unit's
// operator: its unit's district; an office operator given one) or else the `hotline.district`
// it connected with (`--district`, HOTLINE_DISTRICT), or, with neither, every district (the
// city's reports). New rows take the session's district. Events are not filtered: the hash chain
// is one chain over the whole database, and an event is only ever read through its order.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  for (const table of ['units', 'orders', 'operators']) {
    await db.schema
      .alterTable(table)
      .addColumn('district', 'text', (c) => (pg && table !== 'operators' ? c.defaultTo(sql`nullif(current_setting('hotline.district', true), '')`) : c))
      .execute();
  }
  await db.schema.createIndex('orders_district_received').on('orders').columns(['district', 'received_at']).execute();
  if (!pg) return;
  await sql`create or replace function hotline_district() returns text language sql stable as $$
    select coalesce((select district from operators where login = current_user and active = 1), nullif(current_setting('hotline.district', true), '')) $$`.execute(db);
  for (const table of ['orders', 'units']) {
    await sql.raw(`alter table ${table} enable row level security`).execute(db);
    await sql.raw(`alter table ${table} force row level security`).execute(db);
    await sql.raw(`create policy ${table}_district on ${table} using (district is null or hotline_district() is null or district = hotline_district()) with check (district is null or hotline_district() is null or district = hotline_district())`).execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of ['orders', 'units']) {
      await sql.raw(`drop policy if exists ${table}_district on ${table}`).execute(db);
      await sql.raw(`alter table ${table} no force row level security`).execute(db);
      await sql.raw(`alter table ${table} disable row level security`).execute(db);
    }
    await sql`drop function if exists hotline_district()`.execute(db);
  }
  await db.schema.dropIndex('orders_district_received').execute();
  for (const table of ['units', 'orders', 'operators']) await db.schema.alterTable(table).dropColumn('district').execute();
}
