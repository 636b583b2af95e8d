// The whole product's schema, first version. Later changes are new dated files beside this one.
import { sql, type Kysely } from 'kysely';
import { autoIdColumn, createAppendOnlyTriggers } from '../dialect.js';

// Migrations must not depend on the app's current types: they describe the database as it was.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('town','department','community','utility')`))
    .addColumn('parent', 'text', (c) => c.references('units.code'))
    .addColumn('leader', 'text')
    .addColumn('deputy', 'text')
    .addColumn('contact', 'text')
    .addColumn('phone', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('department', 'text', (c) => c.references('units.code'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('no', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('citizen', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('town', 'text')
    .addColumn('title', 'text')
    .addColumn('content', 'text')
    .addColumn('deadline', 'text')
    .addColumn('instructions', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lead_unit', 'text', (c) => c.references('units.code'))
    .addColumn('co_units', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rework_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('satisfaction', 'text')
    .addColumn('repeat_of', 'text')
    .addColumn('first_dispatched_at', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('source_hash', 'text', (c) => c.notNull())
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_event_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_status_due').on('orders').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('orders_received').on('orders').column('received_at').execute();
  await db.schema.createIndex('orders_lead').on('orders').columns(['lead_unit', 'status']).execute();
  await db.schema.createIndex('orders_phone').on('orders').columns(['phone', 'received_at']).execute();
  await db.schema.createIndex('orders_town_category').on('orders').columns(['town', 'category', 'received_at']).execute();
  await db.schema.createIndex('orders_due').on('orders').column('due_at').execute();

  await db.schema
    .createTable('events')
    .addColumn('id', ...autoIdColumn(db))
    .addColumn('order_no', 'text', (c) => c.notNull().references('orders.no'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('events_order').on('events').columns(['order_no', 'id']).execute();
  await db.schema.createIndex('events_occurred').on('events').columns(['occurred_at']).execute();
  await db.schema.createIndex('events_action').on('events').columns(['action', 'occurred_at']).execute();
  // The log is append-only: the database itself refuses to change or delete an event.
  // (SQLite's triggers, or PostgreSQL's plpgsql twin: store/dialect.ts.)
  await createAppendOnlyTriggers(db);

  await db.schema
    .createTable('rules')
    .addColumn('id', ...autoIdColumn(db))
    .addColumn('category', 'text')
    .addColumn('town', 'text')
    .addColumn('type', 'text')
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('workday','holiday')`))
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', ...autoIdColumn(db))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text')
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('lead_unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('orders', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', ...autoIdColumn(db))
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('imports_sha').on('imports').column('sha256').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['imports', 'meetings', 'settings', 'calendar_days', 'rules', 'events', 'orders', 'categories', 'units']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
