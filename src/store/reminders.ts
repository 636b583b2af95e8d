// The last automatic reminder (remind --due-soon/--overdue) of each order: what keeps cron from
// reminding an order twice on one working day (domain/reminders.ts).
import { sql } from 'kysely';
import type { Db } from './db.js';

export async function lastAutoReminders(db: Db, nos: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < nos.length; i += 400) {
    const r = await sql<{ no: string; at: string }>`select order_no as no, max(occurred_at) as at from events where action = 'remind' and json_extract(data, '$.kind') in ('due_soon', 'overdue') and order_no in (${sql.join(nos.slice(i, i + 400))}) group by order_no`.execute(db);
    for (const x of r.rows) out.set(x.no, x.at);
  }
  return out;
}
