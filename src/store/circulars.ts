// The circular's own records: the number each issued circular got (文号, per year), and the order
// texts its hot topics, themes and praise section read.
import { writeTransaction, type Db } from './db.js';
import { isPostgres } from './dialect.js';
import { factUnits } from './report-facts.js';
import { hotStatements } from './statements.js';

/**
 * The number of the circular for a period: the one it got when first issued, else the next free
 * number of `year` (recorded now, in the same transaction, so two clerks never share a number).
 */
export async function circularNumber(db: Db, q: { from: string; to: string; year: number; at: string; actor: string }): Promise<{ year: number; n: number }> {
  // BEGIN IMMEDIATE: two clerks issuing at once queue up instead of taking the same number.
  const known = await knownCircularNumber(db, q);
  if (known) return known;
  return writeTransaction(db, async (trx) => {
    const known = await trx.selectFrom('circulars').select(['year', 'n']).where('period_from', '=', q.from).where('period_to', '=', q.to).executeTakeFirst();
    if (known) return known;
    const last = await trx.selectFrom('circulars').select((eb) => eb.fn.max('n').as('n')).where('year', '=', q.year).executeTakeFirst();
    const n = Number(last?.n ?? 0) + 1;
    await trx.insertInto('circulars').values({ year: q.year, n, period_from: q.from, period_to: q.to, issued_at: q.at, issued_by: q.actor }).execute();
    return { year: q.year, n };
  });
}

/** The number a period got when issued, if it was. */
export async function knownCircularNumber(db: Db, q: { from: string; to: string }): Promise<{ year: number; n: number } | undefined> {
  return db.selectFrom('circulars').select(['year', 'n']).where('period_from', '=', q.from).where('period_to', '=', q.to).executeTakeFirst();
}

export interface OrderText {
  no: string;
  type: string;
  category: string | null;
  town: string | null;
  title: string | null;
  content: string | null;
  receivedAt: string;
  leadUnit: string | null;
  status: string;
}

/** What the circular knows of an order before it reads its texts. */
export type OrderHead = Pick<OrderText, 'no' | 'type' | 'category' | 'town' | 'receivedAt' | 'leadUnit'>;

/** Orders received in [from, to) (of one type, when given), with their texts, oldest first. */
export async function orderTexts(db: Db, q: { from: string; to: string; type?: string }): Promise<OrderText[]> {
  let query = db
    .selectFrom('orders')
    .select(['no', 'type', 'category', 'town', 'title', 'content', 'received_at', 'lead_unit', 'status'])
    .where('received_at', '>=', q.from)
    .where('received_at', '<', q.to);
  if (q.type !== undefined) query = query.where('type', '=', q.type);
  const rows = await query
    .orderBy('received_at')
    .orderBy('no')
    .execute();
  return rows.map((r) => ({ no: r.no, type: r.type, category: r.category, town: r.town, title: r.title, content: r.content, receivedAt: r.received_at, leadUnit: r.lead_unit, status: r.status }));
}

/**
 * Orders received in [from, to) (of one type, when given), oldest first, without their texts: from
 * their figure facts (a narrow range per unit) on SQLite; on PostgreSQL from the orders.
 */
export async function orderHeads(db: Db, q: { from: string; to: string; type?: string }): Promise<OrderHead[]> {
  if (isPostgres(db)) return orderTexts(db, q);
  const rows = hotStatements(db)
    .prepared(
      `select order_no, result, category, town, at, unit from figure_facts where kind = 'received' and unit in ${factUnits(db)('received')} and at >= @from and at < @to
       ${q.type === undefined ? '' : 'and result = @type'} order by at, order_no`,
    )
    .raw()
    .all(q) as [string, string, string | null, string | null, string, string][];
  return rows.map(([no, type, category, town, receivedAt, lead]) => ({ no, type, category, town, receivedAt, leadUnit: lead === '' ? null : lead }));
}

/** The towns named by the orders received in [from, to), sorted (JavaScript's order, whatever the database's collation). */
export async function receivedTowns(db: Db, q: { from: string; to: string }): Promise<string[]> {
  const towns = isPostgres(db)
    ? (await db.selectFrom('orders').select('town').distinct().where('received_at', '>=', q.from).where('received_at', '<', q.to).where('town', 'is not', null).where('town', '<>', '').execute()).map(
        (r) => r.town!,
      )
    : (hotStatements(db)
        .prepared(`select distinct town from figure_facts where kind = 'received' and unit in ${factUnits(db)('received')} and at >= @from and at < @to and town <> ''`)
        .pluck()
        .all(q) as string[]);
  return towns.sort();
}

/** The texts of some orders, by number. */
export async function orderTextsOf(db: Db, nos: readonly string[]): Promise<Map<string, OrderText>> {
  const out = new Map<string, OrderText>();
  for (let i = 0; i < nos.length; i += 500) {
    const rows = await db
      .selectFrom('orders')
      .select(['no', 'type', 'category', 'town', 'title', 'content', 'received_at', 'lead_unit', 'status'])
      .where('no', 'in', nos.slice(i, i + 500))
      .execute();
    for (const r of rows)
      out.set(r.no, { no: r.no, type: r.type, category: r.category, town: r.town, title: r.title, content: r.content, receivedAt: r.received_at, leadUnit: r.lead_unit, status: r.status });
  }
  return out;
}
