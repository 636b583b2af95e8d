// The running orders from an index alone (issue 13): orders_status_due_no (status, due_at, no)
// gains lead_unit, so the reports' running orders (clock running, due before the overdue watch's
// horizon: ~5,000 of a million, each on its own page of the table, their rows being wide) are
// counted by unit and level without reading a single row; only the ~100 a circular lists are read
// for their labels (store/report-facts.ts periodFacts). A dispatch changes status and lead at once,
// so keeping lead_unit in the index costs a write only when a re-dispatch keeps the status.
// Safe to run again (IF [NOT] EXISTS), like 040.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_status_due_no').ifExists().execute();
  await db.schema.createIndex('orders_status_due_no').ifNotExists().on('orders').columns(['status', 'due_at', 'no', 'lead_unit']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_status_due_no').ifExists().execute();
  await db.schema.createIndex('orders_status_due_no').ifNotExists().on('orders').columns(['status', 'due_at', 'no']).execute();
}
