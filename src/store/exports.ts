// What goes back to the city platform: orders, replies and approved closures in a time range,
// streamed row by row (an export of years of data never sits in memory).
import type { OrderStatus } from '../domain/order.js';
import type { Db } from './db.js';
import { orderFromRow, type StoredOrder } from './orders.js';

/** An order as the city gets it back: the registered fields and the handling state. */
export type OrderExportRow = Omit<StoredOrder, 'state' | 'sourceHash' | 'flagged' | 'lastEventAt' | 'createdAt' | 'updatedAt'>;

export interface ReplyExportRow {
  no: string;
  unit: string | null;
  role: 'lead' | 'co';
  repliedAt: string;
  result: string | null;
  content: string | null;
  handler: string | null;
  signedBy: string | null;
  status: OrderStatus;
}

export interface ClosureExportRow {
  no: string;
  unit: string | null;
  approvedAt: string;
  reason: string | null;
  explanation: string | null;
  approvedBy: string;
}

/** Orders received in [since, until), oldest first. */
export async function* exportOrders(db: Db, since: string, until: string): AsyncGenerator<OrderExportRow> {
  for await (const r of exportOrdersQuery(db, since, until).stream()) {
    const { state: _s, sourceHash: _h, flagged: _f, lastEventAt: _l, createdAt: _c, updatedAt: _u, ...order } = orderFromRow(r);
    yield order;
  }
}

/** The query behind exportOrders: read in the order of an index, no sort (test/cli/query-plan.test.ts). */
export function exportOrdersQuery(db: Db, since: string, until: string) {
  return db.selectFrom('orders').selectAll().where('received_at', '>=', since).where('received_at', '<', until).orderBy('received_at').orderBy('no');
}

/** Replies (lead and co-units) that happened in [since, until). */
export async function* exportReplies(db: Db, since: string, until: string): AsyncGenerator<ReplyExportRow> {
  const q = db
    .selectFrom('events as e')
    .innerJoin('orders as o', 'o.no', 'e.order_no')
    .select(['e.order_no', 'e.unit', 'e.action', 'e.occurred_at', 'e.data', 'o.status'])
    .where('e.action', 'in', ['reply', 'co_reply'])
    .where('e.occurred_at', '>=', since)
    .where('e.occurred_at', '<', until)
    .orderBy('e.occurred_at')
    .orderBy('e.id');
  for await (const r of q.stream()) {
    const d = JSON.parse(r.data) as { result?: string; content?: string; handler?: string; signedBy?: string };
    yield {
      no: r.order_no,
      unit: r.unit,
      role: r.action === 'reply' ? 'lead' : 'co',
      repliedAt: r.occurred_at,
      result: d.result ?? null,
      content: d.content ?? null,
      handler: d.handler ?? null,
      signedBy: d.signedBy ?? null,
      status: r.status as OrderStatus,
    };
  }
}

/** Closures approved in [since, until), with the request's reason and explanation. */
export async function* exportClosures(db: Db, since: string, until: string): AsyncGenerator<ClosureExportRow> {
  const q = db
    .selectFrom('events as e')
    .select((eb) => [
      'e.order_no',
      'e.unit',
      'e.occurred_at',
      'e.actor',
      eb
        .selectFrom('events as r')
        .select('r.data')
        .whereRef('r.order_no', '=', 'e.order_no')
        .where('r.action', '=', 'closure_request')
        .whereRef('r.id', '<', 'e.id')
        .orderBy('r.id', 'desc')
        .limit(1)
        .as('request'),
    ])
    .where('e.action', '=', 'closure_approve')
    .where('e.occurred_at', '>=', since)
    .where('e.occurred_at', '<', until)
    .orderBy('e.occurred_at')
    .orderBy('e.id');
  for await (const r of q.stream()) {
    const d = r.request ? (JSON.parse(r.request) as { closureReason?: string; explanation?: string }) : {};
    yield { no: r.order_no, unit: r.unit, approvedAt: r.occurred_at, reason: d.closureReason ?? null, explanation: d.explanation ?? null, approvedBy: r.actor };
  }
}
