// What the dispatch queue needs beyond the orders: the lead unit a joint meeting named per order.
import type { Db } from './db.js';

/** Order number → the lead unit named by the latest meeting about it. */
export async function meetingLeads(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('meetings').select(['orders', 'lead_unit']).orderBy('date').orderBy('id').execute();
  const out = new Map<string, string>();
  for (const r of rows) for (const no of JSON.parse(r.orders) as string[]) out.set(no, r.lead_unit);
  return out;
}

/** How many orders are in each status. */
export async function countByStatus(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('orders').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}
