// The figure facts table (domain/figures/facts.ts): each order's facts rewritten from its folded
// state whenever the order is written, in the same transaction, so they never lag the log.
import { figureFacts, type FactLabels } from '../domain/figures/facts.js';
import type { OrderState } from '../domain/lifecycle.js';
import type { Db } from './db.js';
import { isPostgres } from './dialect.js';
import { hotStatements } from './statements.js';

/** An order's facts as rows of the table (no unit: '', the key cannot hold null). */
export function factRows(no: string, state: OrderState, labels: FactLabels) {
  return figureFacts(state, labels).map((f) => ({ order_no: no, ...f, unit: f.unit ?? '' }));
}

/** Write the facts of orders that have none yet (newly registered). */
export async function insertFacts(db: Db, orders: { no: string; state: OrderState; labels: FactLabels }[]): Promise<void> {
  const rows = orders.flatMap((o) => factRows(o.no, o.state, o.labels));
  if (rows.length === 0) return;
  if (!isPostgres(db)) {
    const st = hotStatements(db);
    for (const r of rows) st.insert('figure_facts', r);
    return;
  }
  for (let i = 0; i < rows.length; i += 400) await db.insertInto('figure_facts').values(rows.slice(i, i + 400)).execute();
}

/** Replace an order's facts with those of its new state. */
export async function rewriteFacts(db: Db, no: string, state: OrderState, labels: FactLabels): Promise<void> {
  await db.deleteFrom('figure_facts').where('order_no', '=', no).execute();
  await insertFacts(db, [{ no, state, labels }]);
}
