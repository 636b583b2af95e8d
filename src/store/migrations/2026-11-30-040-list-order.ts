// `list` (newest first) and `export orders` (oldest first) read the orders in the order of an
// index instead of sorting every matching row: `list --limit 50` on a million orders reads 50.
//   orders_received (received_at)      → orders_received_no (received_at, no): the full ORDER BY of
//                                        list (received_at desc, no desc) and export (asc), and the
//                                        export's range on received_at
//   + orders_status_received (status, received_at, no): `list --status <one>` in list order
//   orders_status_due (status, due_at) → orders_status_due_no (status, due_at, no): the due_asc
//                                        order of dispatch --auto and remind for one status
// A list over several statuses at once still sorts what matches (SQLite merges no IN ranges).
// Safe to run again (IF [NOT] EXISTS): a test replays later migrations on an older database.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_received').ifExists().execute();
  await db.schema.createIndex('orders_received_no').ifNotExists().on('orders').columns(['received_at', 'no']).execute();
  await db.schema.createIndex('orders_status_received').ifNotExists().on('orders').columns(['status', 'received_at', 'no']).execute();
  await db.schema.dropIndex('orders_status_due').ifExists().execute();
  await db.schema.createIndex('orders_status_due_no').ifNotExists().on('orders').columns(['status', 'due_at', 'no']).execute();
}
