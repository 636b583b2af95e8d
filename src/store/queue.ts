// What the dashboard needs beyond the orders: how many there are in each status.
import type { Db } from './db.js';

/** How many orders are in each status. */
export async function countByStatus(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('orders').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}
