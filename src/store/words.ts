// The hot topics' segmentation cache (order_words): read the words kept for the orders received in
// a period, and keep newly segmented ones. Rows whose dictionary or source hash differ are misses.
import type { Db } from './db.js';

export interface OrderWords {
  titleWords: string[];
  words: string[];
}

/** Words kept for orders received in [from, to) with this dictionary and their current text. */
export async function keptWords(db: Db, q: { from: string; to: string; dict: string }): Promise<Map<string, OrderWords>> {
  const rows = await db
    .selectFrom('order_words as w')
    .innerJoin('orders as o', 'o.no', 'w.no')
    .select(['w.no', 'w.title_words', 'w.words'])
    .where('o.received_at', '>=', q.from)
    .where('o.received_at', '<', q.to)
    .where('w.dict', '=', q.dict)
    .whereRef('w.source', '=', 'o.source_hash')
    .execute();
  return new Map(rows.map((r) => [r.no, { titleWords: JSON.parse(r.title_words) as string[], words: JSON.parse(r.words) as string[] }]));
}

/** Errors that mean "not now" for a cache write: the file is read-only, or another writer holds it. */
const NOT_NOW = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', '42501', '25006']);

/** Keep words just segmented. Only a cache: when the database cannot be written now, nothing is kept. */
export async function keepWords(db: Db, dict: string, rows: { no: string; source: string; words: OrderWords }[]): Promise<void> {
  if (rows.length === 0) return;
  try {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        await trx.deleteFrom('order_words').where('no', 'in', chunk.map((r) => r.no)).execute();
        await trx
          .insertInto('order_words')
          .values(chunk.map((r) => ({ no: r.no, dict, source: r.source, title_words: JSON.stringify(r.words.titleWords), words: JSON.stringify(r.words.words) })))
          .execute();
      }
    });
  } catch (e) {
    if (!NOT_NOW.has(String((e as { code?: unknown }).code))) throw e;
  }
}
