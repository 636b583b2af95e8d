// What the supervision reports read: the orders a period's figures can depend on, with their
// logs. Filtering here (not in memory) is what keeps a circular over years of data interactive.
import type { SelectQueryBuilder } from 'kysely';
import type { OrderEvent } from '../domain/events.js';
import type { OrderState } from '../domain/lifecycle.js';
import type { OrderFacts } from '../domain/figures.js';
import { CLOCK_RUNNING, type OrderStatus, type OrderType, type Urgency } from '../domain/order.js';
import type { Db } from './db.js';
import { eventFromRow } from './orders.js';
import { decodeState, STATE_ROW_COLUMNS } from './state-codec.js';
import { isPostgres } from './dialect.js';
import type { Database, OrderRow } from './schema.js';

export interface ReportInputs {
  orders: OrderFacts[];
  events: Map<string, OrderEvent[]>;
}


/** A query that selects order numbers (a column named `no`). */
type Numbers = (db: Db) => SelectQueryBuilder<Database, keyof Database, { no: string }>;

const ORDER_FACTS = ['no', 'type', 'category', 'urgency', 'town', 'title', 'received_at', 'lead_unit', 'repeat_of', 'status', 'due_at'] as const;

function orderFacts(o: Pick<OrderRow, (typeof ORDER_FACTS)[number]>): OrderFacts {
  return {
    no: o.no,
    type: o.type as OrderType,
    category: o.category,
    urgency: o.urgency as Urgency,
    town: o.town,
    title: o.title,
    receivedAt: o.received_at,
    leadUnit: o.lead_unit,
    repeatOf: o.repeat_of,
    status: o.status as OrderStatus,
    dueAt: o.due_at,
  };
}

/**
 * The orders whose clock runs now, by number, as their columns hold them (no log); with
 * `dueBefore` (due.watchHorizon's text), only those due before it: the index on (status, due_at)
 * finds them without reading the others' rows.
 */
export async function runningOrders(db: Db, dueBefore?: string): Promise<OrderFacts[]> {
  let q = db.selectFrom('orders').select(ORDER_FACTS).where('status', 'in', CLOCK_RUNNING);
  if (dueBefore !== undefined) q = q.where('due_at', '<', dueBefore);
  const rows = await q.orderBy('no').execute();
  return rows.map(orderFacts);
}

/**
 * The orders `numbers` selects with their logs as of `asOf`. An order none of whose events
 * happened after asOf comes with its stored state (the fold of its whole log, which `check`
 * verifies) and no events; only the others' logs are read, to be folded as of asOf.
 * `replayAll`: read every log instead (the tests' reference).
 */
async function load(db: Db, numbers: Numbers, asOf: string, replayAll = false): Promise<ReportInputs> {
  let q = db.selectFrom('orders').select([...new Set([...ORDER_FACTS, ...STATE_ROW_COLUMNS]), 'last_event_at']).where('no', 'in', numbers(db));
  // SQLite walks the IN list's sorted b-tree, so its rows come by number; PostgreSQL must be told.
  if (isPostgres(db)) q = q.orderBy('no');
  const rows = await q.execute();
  const changedAfter = (d: Db) =>
    (replayAll ? numbers(d) : d.selectFrom('orders').select('no').where('no', 'in', numbers(d)).where('last_event_at', '>', asOf)) as ReturnType<Numbers>;
  const events = await db.selectFrom('events').selectAll().where('order_no', 'in', changedAfter(db)).orderBy('order_no').orderBy('id').execute();
  const byOrder = new Map<string, OrderEvent[]>();
  for (const r of events) {
    const e = eventFromRow(r);
    let list = byOrder.get(e.orderNo);
    if (!list) byOrder.set(e.orderNo, (list = []));
    list.push(e);
  }
  const orders = rows.map((o) => {
    const facts = orderFacts(o);
    if (!replayAll && !byOrder.has(o.no) && o.last_event_at <= asOf) {
      const state = decodeState(o);
      // A state written before the timeline existed is folded again from its log.
      if (state.timeline) facts.state = state;
    }
    return facts;
  });
  const missing = orders.filter((o) => o.state === undefined && !byOrder.has(o.no)).map((o) => o.no);
  for (let i = 0; i < missing.length; i += 500) {
    const more = await db.selectFrom('events').selectAll().where('order_no', 'in', missing.slice(i, i + 500)).orderBy('order_no').orderBy('id').execute();
    for (const r of more) {
      const e = eventFromRow(r);
      let list = byOrder.get(e.orderNo);
      if (!list) byOrder.set(e.orderNo, (list = []));
      list.push(e);
    }
  }
  return { orders, events: byOrder };
}

/**
 * For a period [from, to) and the previous one of equal length: orders received since
 * `prevFrom`, orders whose clock still runs (the overdue figures as of asOf), orders due since
 * `from`, and orders with any event since `from` (or after `asOf`, which the as-of replay must see
 * to ignore). An answered or replied order with no event since `from` touches no figure of the
 * period. Exact whenever asOf ≥ from. UNION ALL, not UNION: inside IN (…) repeats do not matter,
 * and UNION made SQLite scan the whole events table instead of using each branch's index
 * (overdue at 1,000,000 orders: 22 s → 1.5 s).
 */
export async function periodInputs(db: Db, q: { prevFrom: string; from: string; asOf: string; replayAll?: boolean }): Promise<ReportInputs> {
  const since = q.from < q.asOf ? q.from : q.asOf;
  return load(
    db,
    (d) =>
    d
      .selectFrom('orders')
      .select('no')
      .where('received_at', '>=', q.prevFrom)
      .unionAll(d.selectFrom('orders').select('no').where('status', 'in', CLOCK_RUNNING))
      .unionAll(d.selectFrom('orders').select('no').where('due_at', '>=', since))
      .unionAll(d.selectFrom('events').select('order_no as no').where('occurred_at', '>=', since)) as ReturnType<Numbers>,
    q.asOf,
    q.replayAll,
  );
}

/** For the overdue watch as of a time: orders whose clock runs now, or whose log changed after asOf. */
export async function overdueInputs(db: Db, q: { asOf: string; replayAll?: boolean }): Promise<ReportInputs> {
  return load(
    db,
    (d) =>
    d
      .selectFrom('orders')
      .select('no')
      .where('status', 'in', CLOCK_RUNNING)
      .unionAll(d.selectFrom('events').select('order_no as no').where('occurred_at', '>', q.asOf)) as ReturnType<Numbers>,
    q.asOf,
    q.replayAll,
  );
}

