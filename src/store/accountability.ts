// Accountability measures (问责: 约谈, 通报批评, 责令整改 …) on the record.
import type { Db } from './db.js';

export interface AccountabilityRecord {
  id: number;
  unit: string;
  measure: string;
  orders: string[];
  decidedBy: string;
  date: string;
  note: string | null;
  createdAt: string;
  createdBy: string;
}

export async function insertAccountability(db: Db, r: Omit<AccountabilityRecord, 'id'>): Promise<number> {
  const row = await db
    .insertInto('accountability')
    .values({ unit: r.unit, measure: r.measure, orders: JSON.stringify(r.orders), decided_by: r.decidedBy, date: r.date, note: r.note, created_at: r.createdAt, created_by: r.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Measures decided in [from, to) (days), oldest first; all of them without a range. */
export async function listAccountability(db: Db, q: { from?: string; to?: string; unit?: string } = {}): Promise<AccountabilityRecord[]> {
  let s = db.selectFrom('accountability').selectAll();
  if (q.from) s = s.where('date', '>=', q.from);
  if (q.to) s = s.where('date', '<', q.to);
  if (q.unit) s = s.where('unit', '=', q.unit);
  const rows = await s.orderBy('date').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    unit: r.unit,
    measure: r.measure,
    orders: JSON.parse(r.orders) as string[],
    decidedBy: r.decided_by,
    date: r.date,
    note: r.note,
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}
