// The hot topics' caches. order_words: the words kept for the orders received in a period, and
// newly segmented ones kept; a row found with another dictionary is a miss; a row is deleted when
// its order's registered text changes (store/orders.ts saveOrder). topic_counts (SQLite only): a
// period's counts made from those words (domain/hot-topics.ts TopicCounts); any change to
// order_words drops them (the triggers of migration 090).
import type { GroupCounts, TopicCounts } from '../domain/hot-topics.js';
import { sql } from 'kysely';
import type { Db } from './db.js';
import { factUnits } from './report-facts.js';
import { hotStatements } from './statements.js';
import { beginWrite, isPostgres } from './dialect.js';

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

/**
 * Keep words just segmented. Only a cache: when the database cannot be written now, nothing is
 * kept (false).
 */
export async function keepWords(db: Db, dict: string, rows: { no: string; words: OrderWords }[]): Promise<boolean> {
  if (rows.length === 0) return true;
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
    return true;
  } catch (e) {
    if (!NOT_NOW.has(String((e as { code?: unknown }).code))) throw e;
    return false;
  }
}

/** A period's received orders (their figure facts: one row an order). */
const RECEIVED_IN = (db: Db): string => `from figure_facts where kind = 'received' and unit in ${factUnits(db)('received')} and at >= @from and at < @to`;

/**
 * Where the kept words stand now: counts made from words read after this are kept only if no other
 * connection wrote to the database in between (SQLite's data_version), so they never outlive a
 * change of the words they were made from. Null on PostgreSQL: counts are not kept there.
 */
export function wordsMark(db: Db): number | null {
  if (isPostgres(db)) return null;
  return hotStatements(db).prepared('pragma data_version').pluck().get() as number;
}

type GroupsJson = [name: string, received: number, words: [string, number][]][];
interface CountsJson {
  words: [string, number][];
  pairs: [string, number][];
  byTown: GroupsJson;
  byCategory: GroupsJson;
}

const groupsJson = (by: Map<string, GroupCounts>): GroupsJson => [...by].map(([name, g]) => [name, g.received, [...g.words]]);
const groupsOf = (rows: GroupsJson): Map<string, GroupCounts> => new Map(rows.map(([name, received, words]) => [name, { received, words: new Map(words) }]));

/**
 * The counts kept for the orders received in [from, to) with this dictionary, while they are the
 * counts of the period's orders' kept words: none changed since (the triggers drop the counts) and
 * no order added (the period still has the number of orders counted). Undefined otherwise.
 */
export async function keptCounts(db: Db, q: { from: string; to: string; dict: string }): Promise<TopicCounts | undefined> {
  if (isPostgres(db)) return undefined;
  const row = hotStatements(db)
    .prepared(
      `select orders, counts from topic_counts where dict = @dict and period_from = @from and period_to = @to
       and orders = (select count(*) ${RECEIVED_IN(db)})`,
    )
    .raw()
    .get(q) as [number, string] | undefined;
  if (!row) return undefined;
  const c = JSON.parse(row[1]) as CountsJson;
  return { orders: row[0], words: new Map(c.words), pairs: new Map(c.pairs), byTown: groupsOf(c.byTown), byCategory: groupsOf(c.byCategory) };
}

/**
 * Keep the counts just made of periods' orders' kept words, read after `mark` (wordsMark): only if
 * no other connection wrote since, else nothing (a word changed meanwhile would make them stale).
 * Only a cache: when the database cannot be written now, nothing is kept.
 */
export async function keepCounts(db: Db, dict: string, mark: number | null, periods: { from: string; to: string; counts: TopicCounts }[]): Promise<void> {
  if (mark === null || isPostgres(db) || periods.length === 0) return;
  try {
    // BEGIN IMMEDIATE (not writeTransaction: a cache does not wait for an import): no other writer
    // between the mark's check and the insert.
    await db.connection().execute(async (trx) => {
      await beginWrite(trx);
      try {
        const unchanged = wordsMark(trx) === mark;
        for (const { from, to, counts: c } of unchanged ? periods : []) {
          const json: CountsJson = { words: [...c.words], pairs: [...c.pairs], byTown: groupsJson(c.byTown), byCategory: groupsJson(c.byCategory) };
          await trx
            .insertInto('topic_counts')
            .values({ dict, period_from: from, period_to: to, orders: c.orders, counts: JSON.stringify(json) })
            .onConflict((oc) => oc.columns(['dict', 'period_from', 'period_to']).doUpdateSet((eb) => ({ orders: eb.ref('excluded.orders'), counts: eb.ref('excluded.counts') })))
            .execute();
        }
        await sql`commit`.execute(trx);
      } catch (e) {
        await sql`rollback`.execute(trx).catch(() => undefined);
        throw e;
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
