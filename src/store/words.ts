// The hot topics' segmentation cache (order_words): the words kept for the orders received in a
// period, and newly segmented ones kept. A row found with another dictionary is a miss; a row is
// deleted when its order's registered text changes (store/orders.ts saveOrder).
import type { Db } from './db.js';
import { factUnits } from './report-facts.js';
import { hotStatements } from './statements.js';
import { isPostgres } from './dialect.js';

export interface OrderWords {
  titleWords: string[];
  words: string[];
}

const split = (s: string): string[] => (s === '' ? [] : s.split('\t'));

/** Words kept with this dictionary for the orders received in [from, to). */
export async function keptWords(db: Db, q: { from: string; to: string; dict: string }): Promise<Map<string, OrderWords>> {
  let rows: [string, string, string][];
  if (isPostgres(db))
    rows = (
      await db
        .selectFrom('order_words as w')
        .innerJoin('orders as o', 'o.no', 'w.no')
        .select(['w.no', 'w.title_words', 'w.words'])
        .where('o.received_at', '>=', q.from)
        .where('o.received_at', '<', q.to)
        .where('w.dict', '=', q.dict)
        .execute()
    ).map((r) => [r.no, r.title_words, r.words]);
  else
    rows = hotStatements(db)
      .prepared(
        `select w.no, w.title_words, w.words from figure_facts f cross join order_words w on w.no = f.order_no
         where f.kind = 'received' and f.unit in ${factUnits(db)('received')} and f.at >= @from and f.at < @to and w.dict = @dict`,
      )
      .raw()
      .all(q) as [string, string, string][];
  return new Map(rows.map(([no, t, w]) => [no, { titleWords: split(t), words: split(w) }]));
}

/** Errors that mean "not now" for a cache write: the file is read-only, or another writer holds it. */
const NOT_NOW = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', '42501', '25006']);

/** Keep words just segmented. Only a cache: when the database cannot be written now, nothing is kept. */
export async function keepWords(db: Db, dict: string, rows: { no: string; words: OrderWords }[]): Promise<void> {
  if (rows.length === 0) return;
  try {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        await trx.deleteFrom('order_words').where('no', 'in', chunk.map((r) => r.no)).execute();
        await trx
          .insertInto('order_words')
          .values(chunk.map((r) => ({ no: r.no, dict, title_words: r.words.titleWords.join('\t'), words: r.words.words.join('\t') })))
          .execute();
      }
    });
  } catch (e) {
    if (!NOT_NOW.has(String((e as { code?: unknown }).code))) throw e;
  }
}

/** Forget an order's kept words (its text changed). */
export async function forgetWords(db: Db, no: string): Promise<void> {
  await db.deleteFrom('order_words').where('no', '=', no).execute();
}
