// The circular as a document and what it reports beyond the figures: the record of issued
// circulars (文号 numbered per year), accountability measures (问责), monthly themes (每月一题)
// and the knowledge base (知识库 / 答复口径).
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // One row per circular issued: a period keeps its number when rendered again.
  await db.schema
    .createTable('circulars')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('circulars_pk', ['year', 'n'])
    .addUniqueConstraint('circulars_period', ['period_from', 'period_to'])
    .execute();

  await db.schema
    .createTable('accountability')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('orders', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accountability_date').on('accountability').column('date').execute();

  await db.schema
    .createTable('themes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('lead_unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','closed')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('kb_entries')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['kb_entries', 'themes', 'accountability', 'circulars']) await db.schema.dropTable(t).execute();
}
