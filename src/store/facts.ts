// The figure facts table (domain/figures/facts.ts): each order's facts rewritten from its folded
// state whenever the order is written, in the same transaction, so they never lag the log.
import { FACT_VALUE_COLUMNS, figureFacts, type FactLabels } from '../domain/figures/facts.js';
import type { OrderState } from '../domain/lifecycle.js';
import type { Db } from './db.js';
import { isPostgres } from './dialect.js';
import { hotStatements } from './statements.js';

/** An order's facts as rows of the table (no unit: '', the key cannot hold null). */
export function factRows(no: string, state: OrderState, labels: FactLabels) {
  return figureFacts(state, labels).map((f) => ({ order_no: no, ...f, unit: f.unit ?? '' }));
}

/** The table's columns, in the order factValues gives them. */
export const FACT_COLUMNS = ['order_no', 'kind', 'seq', ...FACT_VALUE_COLUMNS] as const;

/** An order's facts as rows of values in FACT_COLUMNS order (an import stages them so). */
export function factValues(no: string, state: OrderState, labels: FactLabels): (string | number | null)[][] {
  return factRows(no, state, labels).map((r) => FACT_COLUMNS.map((c) => (r as Record<string, string | number | null>)[c] ?? null));
}

/** Write the facts of orders that have none yet (newly registered). */
export async function insertFacts(db: Db, orders: { no: string; state: OrderState; labels: FactLabels }[]): Promise<void> {
  if (!isPostgres(db)) {
    const insert = hotStatements(db).prepared(`insert into figure_facts (${FACT_COLUMNS.join(', ')}) values (${FACT_COLUMNS.map(() => '?').join(', ')})`);
    for (const o of orders) for (const v of factValues(o.no, o.state, o.labels)) insert.run(v);
    return;
  }
  const rows = orders.flatMap((o) => factRows(o.no, o.state, o.labels));
  for (let i = 0; i < rows.length; i += 400) await db.insertInto('figure_facts').values(rows.slice(i, i + 400)).execute();
}

/** Replace an order's facts with those of its new state. */
export async function rewriteFacts(db: Db, no: string, state: OrderState, labels: FactLabels): Promise<void> {
  await db.deleteFrom('figure_facts').where('order_no', '=', no).execute();
  await insertFacts(db, [{ no, state, labels }]);
}
