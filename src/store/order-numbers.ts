// Finding orders by what the clerk typed: the full number in any case, or its end (a suffix).
import { sql } from 'kysely';
import type { Db } from './db.js';

/** Which of these exact numbers exist (one query per chunk). */
export async function existingNumbers(db: Db, nos: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < nos.length; i += 500) {
    const rows = await db.selectFrom('orders').select('no').where('no', 'in', nos.slice(i, i + 500)).execute();
    for (const r of rows) out.add(r.no);
  }
  return out;
}

/** Numbers equal to `fragment` or ending with it, ignoring case; at most `limit`, in number order. */
export async function numbersEndingWith(db: Db, fragment: string, limit: number): Promise<string[]> {
  const escaped = fragment.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .selectFrom('orders')
    .select('no')
    .where(sql<boolean>`lower(no) like ${`%${escaped}`} escape '\\'`)
    .orderBy('no')
    .limit(limit)
    .execute();
  return rows.map((r) => r.no);
}

/** Numbers of open orders (not closed) starting with `prefix` (any case), newest first: for shell completion. */
export async function openNumbersStartingWith(db: Db, prefix: string, limit: number): Promise<string[]> {
  const escaped = prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .selectFrom('orders')
    .select('no')
    .where('status', '!=', 'closed')
    .where(sql<boolean>`lower(no) like ${`${escaped}%`} escape '\\'`)
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.no);
}
