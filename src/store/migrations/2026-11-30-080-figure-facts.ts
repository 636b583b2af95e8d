// Figure facts (issue 13): each order's folded state cut into one row per thing a figure counts
// (domain/figures/facts.ts), so a report as of now sums rows in SQL instead of replaying years of
// logs. The primary key leads with (kind, unit, at): a unit's facts of a kind in a period are one
// range of the table, read in order (SQLite keeps the table in that order: WITHOUT ROWID), so a
// figure per unit is a sum over consecutive rows, with no sort. `unit` is '' for none (a key
// column cannot be null). figure_facts_order finds an order's rows to rewrite them. Filled here from every order's stored state (the fold
// `hotline check` verifies); from then on written with every change of the order.
import { sql, type Kysely } from 'kysely';
import { factRows } from '../facts.js';
import { eventFromRow } from '../orders.js';
import type { EventRow } from '../schema.js';
import type { OrderEvent } from '../../domain/events.js';
import { replay, type OrderState } from '../../domain/lifecycle.js';
import { isPostgres } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('figure_facts')
    .addColumn('order_no', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('part', 'text')
    .addColumn('limit_at', 'text')
    .addColumn('limit2_at', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done2_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('result', 'text')
    .addColumn('flag', 'integer')
    .addColumn('flag2', 'integer')
    .addColumn('category', 'text')
    .addColumn('town', 'text')
    .addColumn('touch_prev', 'text')
    .addColumn('touch_prev_any', 'text')
    .addPrimaryKeyConstraint('figure_facts_pk', ['kind', 'unit', 'at', 'order_no', 'seq'])
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();
  await db.schema.createIndex('figure_facts_order').on('figure_facts').columns(['order_no', 'kind']).execute();
  // Backfill, a page of orders at a time (keyset on the primary key).
  let after = '';
  for (;;) {
    const page = (await db.selectFrom('orders').select(['no', 'state', 'category', 'town']).where('no', '>', after).orderBy('no').limit(500).execute()) as {
      no: string;
      state: string;
      category: string | null;
      town: string | null;
    }[];
    if (page.length === 0) break;
    const rows: Record<string, unknown>[] = [];
    for (const o of page) {
      let state = JSON.parse(o.state) as OrderState;
      // A state written before the timeline existed: fold its log again.
      if (!state.timeline) state = replay(await logOf(db, o.no));
      rows.push(...factRows(o.no, state, { category: o.category, town: o.town }));
    }
    for (let i = 0; i < rows.length; i += 400) await db.insertInto('figure_facts').values(rows.slice(i, i + 400)).execute();
    after = page[page.length - 1]!.no;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function logOf(db: Kysely<any>, no: string): Promise<OrderEvent[]> {
  const rows = await db.selectFrom('events').selectAll().where('order_no', '=', no).orderBy('id').execute();
  return rows.map((r) => eventFromRow(r as EventRow));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('figure_facts').ifExists().execute();
}
