// Orders and their event log. The order row is the current state (indexed columns plus the full
// lifecycle state as JSON); the events table is the append-only truth of how it got there.
// Every change of an order writes its row and its event(s) in the caller's transaction.
import { sql } from 'kysely';
import type { OrderEvent } from '../domain/events.js';
import { overdueCutoff } from '../domain/due.js';
import { CLOCK_RUNNING, type OrderInput, type OrderStatus, type OrderType, type Satisfaction, type Urgency } from '../domain/order.js';
import { formatTime } from '../domain/time.js';
import { CHAINED_COLUMNS, eventHashOfValues, GENESIS } from './chain.js';
import type { Db } from './db.js';
import { greatestText, isPostgres, likeOperator } from './dialect.js';
import { insertFacts, rewriteFacts } from './facts.js';
import { forgetWords } from './words.js';
import { hotStatements } from './statements.js';
import type { OrderState } from '../domain/lifecycle.js';
import { decodeState, encodeState, STATE_COLUMNS } from './state-codec.js';
import type { EventRow, NewOrderRow, OrderRow } from './schema.js';

/** The part of the lifecycle state the store indexes. */
export interface OrderStateColumns {
  status: OrderStatus;
  dueAt: string;
  leadUnit: string | null;
  coUnits: string[];
  returnCount: number;
  reworkCount: number;
  extensionDays: number;
  satisfaction: Satisfaction | null;
  repeatOf: string | null;
  firstDispatchedAt: string | null;
}

/** An order as read back: the registered fields, the indexed state and the full state. */
export interface StoredOrder<S = unknown> extends OrderInput, OrderStateColumns {
  flagged: boolean;
  sourceHash: string;
  lastEventAt: string;
  createdAt: string;
  updatedAt: string;
  state: S;
}

/** The registered fields as a row holds them (an order's, or one an import staged in its layout). */
export function inputFromRow(r: Pick<OrderRow, 'no' | (typeof INPUT_COLUMNS)[number]>): OrderInput {
  return {
    no: r.no,
    channel: r.channel,
    type: r.type as OrderType,
    category: r.category,
    urgency: r.urgency as Urgency,
    citizen: r.citizen,
    phone: r.phone,
    address: r.address,
    town: r.town,
    title: r.title,
    content: r.content,
    deadline: r.deadline,
    instructions: r.instructions,
    receivedAt: r.received_at,
  };
}

export function orderFromRow<S>(r: OrderRow): StoredOrder<S> {
  return {
    ...inputFromRow(r),
    status: r.status as OrderStatus,
    dueAt: r.due_at,
    leadUnit: r.lead_unit,
    coUnits: JSON.parse(r.co_units) as string[],
    returnCount: r.return_count,
    reworkCount: r.rework_count,
    extensionDays: r.extension_days,
    satisfaction: r.satisfaction as Satisfaction | null,
    repeatOf: r.repeat_of,
    firstDispatchedAt: r.first_dispatched_at,
    flagged: r.flagged === 1,
    sourceHash: r.source_hash,
    lastEventAt: r.last_event_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    state: decodeState(r) as S,
  };
}

/** The state's columns of a row, by name (saveOrder's UPDATE): pushStateValues' values. */
function stateColumns(s: OrderState): Pick<NewOrderRow, (typeof STATE_COLUMNS)[number]> {
  const v: OrderValue[] = [];
  pushStateValues(v, s);
  return Object.fromEntries(STATE_COLUMNS.map((c, i) => [c, v[i]!])) as Pick<NewOrderRow, (typeof STATE_COLUMNS)[number]>;
}

/** The registered fields' columns of a row, by name: inputValues' values. */
function inputColumns(o: OrderInput): Pick<NewOrderRow, (typeof INPUT_COLUMNS)[number]> {
  const v = inputValues('', o);
  return Object.fromEntries(INPUT_COLUMNS.map((c, i) => [c, v[i + 1]!])) as Pick<NewOrderRow, (typeof INPUT_COLUMNS)[number]>;
}

export function eventFromRow(r: EventRow): OrderEvent {
  // The action names the data's shape (events.ts); the stored JSON was written from that type.
  return {
    id: r.id,
    orderNo: r.order_no,
    action: r.action as OrderEvent['action'],
    fromStatus: r.from_status as OrderStatus | null,
    toStatus: r.to_status as OrderStatus,
    unit: r.unit,
    actor: r.actor,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    note: r.note,
    data: JSON.parse(r.data),
  } as OrderEvent;
}

export interface NewOrder<S extends OrderState> {
  input: OrderInput;
  state: S;
  events: OrderEvent[];
  sourceHash: string;
  now: string;
}

/** The registered fields' columns, in the order inputValues gives them after the number. */
export const INPUT_COLUMNS = ['channel', 'type', 'category', 'urgency', 'citizen', 'phone', 'address', 'town', 'title', 'content', 'deadline', 'instructions', 'received_at'] as const satisfies readonly (keyof OrderRow)[];

/**
 * The columns of a newly registered order's row, in the order `newOrderValues` gives their values
 * (`flagged` takes its default, 0). An import stages its rows in this layout (store/imports.ts).
 */
export const NEW_ORDER_COLUMNS = [
  'no',
  ...INPUT_COLUMNS,
  ...STATE_COLUMNS,
  'source_hash',
  'last_event_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof NewOrderRow)[];

export type OrderValue = string | number | null;

/** The state's part of a row, in STATE_COLUMNS order (status … state), onto `out`. */
function pushStateValues(out: OrderValue[], s: OrderState): void {
  out.push(
    s.status,
    s.dueAt,
    s.leadUnit,
    s.coUnits.length === 0 ? '[]' : JSON.stringify(s.coUnits),
    s.returnCount,
    s.reworkCount,
    s.extensionDays,
    s.satisfaction,
    s.repeatOf,
    s.firstDispatchedAt,
    encodeState(s),
  );
}

/** The registered fields' part of a row, in NEW_ORDER_COLUMNS order (no … received_at). */
function inputValues(no: string, o: OrderInput): OrderValue[] {
  return [
    no,
    o.channel ?? null,
    o.type,
    o.category ?? null,
    o.urgency,
    o.citizen ?? null,
    o.phone ?? null,
    o.address ?? null,
    o.town ?? null,
    o.title ?? null,
    o.content ?? null,
    o.deadline ?? null,
    o.instructions ?? null,
    o.receivedAt,
  ];
}

/** The values of a newly registered order's row, in NEW_ORDER_COLUMNS order (both bulk paths, and an import's stage). */
export function newOrderValues<S extends OrderState>(o: NewOrder<S>): OrderValue[] {
  const v = inputValues(o.input.no, o.input);
  pushStateValues(v, o.state);
  v.push(o.sourceHash, o.events[o.events.length - 1]!.occurredAt, o.now, o.now);
  return v;
}

/**
 * What saveOrder writes for an order the city sent again, in NEW_ORDER_COLUMNS order, for an
 * import's stage: the registered fields and state as new; last_event_at the latest of the events
 * (the row keeps its own when later); created_at null (kept as it is).
 */
export function savedOrderValues<S extends OrderState>(no: string, state: S, events: OrderEvent[], now: string, input: OrderInput, sourceHash: string): OrderValue[] {
  const v = inputValues(no, input);
  pushStateValues(v, state);
  v.push(sourceHash, lastOccurred(events), null, now);
  return v;
}

function lastOccurred(events: OrderEvent[]): string | null {
  let max = '';
  for (const e of events) if (e.occurredAt > max) max = e.occurredAt;
  return max === '' ? null : max;
}

/** The row of a newly registered order (PostgreSQL's multi-row inserts). */
function newOrderRow<S extends OrderState>(o: NewOrder<S>): NewOrderRow {
  const v = newOrderValues(o);
  const row: Record<string, OrderValue> = {};
  NEW_ORDER_COLUMNS.forEach((c, i) => (row[c] = v[i]!));
  return row as unknown as NewOrderRow;
}

/** Insert new orders with their first events, row by row through prepared statements (store/statements.ts). */
export async function insertOrders<S extends OrderState>(db: Db, orders: NewOrder<S>[]): Promise<void> {
  if (isPostgres(db)) await insertOrdersMultiRow(db, orders);
  else {
    const insert = hotStatements(db).prepared(`insert into orders (${NEW_ORDER_COLUMNS.join(', ')}) values (${NEW_ORDER_COLUMNS.map(() => '?').join(', ')})`);
    for (const o of orders) insert.run(newOrderValues(o));
    await appendEvents(
      db,
      orders.flatMap((o) => o.events),
    );
  }
  await insertFacts(
    db,
    orders.map((o) => ({ no: o.input.no, state: o.state, labels: { category: o.input.category ?? null, town: o.input.town ?? null } })),
  );
}

/** The columns of an event row before its place in the chain (id, hash): the chain's canonical order. */
export const EVENT_COLUMNS = CHAINED_COLUMNS;

/** An event's values in EVENT_COLUMNS order. */
export function eventValues(e: OrderEvent): OrderValue[] {
  return [e.orderNo, e.action, e.fromStatus, e.toStatus, e.unit, e.actor, e.occurredAt, e.recordedAt, e.note, JSON.stringify(e.data)];
}

/**
 * Append events to the log, each with its link in the hash chain (store/chain.ts): ids are given
 * here, following the last event, so each hash can cover its id. Callers hold the write lock
 * (writeTransaction), so no other process appends between reading the last link and inserting;
 * were one to, the explicit id would collide and the whole change fail, never fork the chain.
 */
export async function appendEvents(db: Db, events: OrderEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (isPostgres(db)) return appendEventsMultiRow(db, events);
  const chain = eventChain(db);
  for (const e of events) chain.append(eventValues(e));
}

/**
 * The end of the hash chain on a SQLite connection, appending events given as EVENT_COLUMNS
 * values: each gets the next id and its hash, and is inserted through one prepared statement.
 * For the caller's write transaction only (see appendEvents).
 */
export function eventChain(db: Db): { append: (values: OrderValue[]) => void; appendRow: (row: OrderValue[]) => void } {
  const st = hotStatements(db);
  const insert = st.prepared(`insert into events (id, ${EVENT_COLUMNS.join(', ')}, hash) values (${['id', ...EVENT_COLUMNS, 'hash'].map(() => '?').join(', ')})`);
  const last = st.lastEvent();
  let id = last?.id ?? 0;
  let prev = last?.hash ?? GENESIS;
  const appendRow = (row: OrderValue[]): void => {
    row[0] = ++id;
    prev = eventHashOfValues(prev, row);
    row.push(prev);
    insert.run(row);
  };
  return {
    append: (values) => appendRow([0, ...values]),
    /** `row`: [anything, ...EVENT_COLUMNS values]; its first place takes the id and the hash is pushed at its end. */
    appendRow,
  };
}

/** eventHash (store/chain.ts) of an event given as its id and EVENT_COLUMNS values. */
function chainHash(prev: string, id: number, v: OrderValue[]): string {
  return eventHashOfValues(prev, [id, ...v]);
}

/**
 * PostgreSQL's bulk path (statements.ts's prepared statements are better-sqlite3's): multi-row
 * INSERTs, 250 orders (30 columns, well under PostgreSQL's 65,535 parameters) and 500 events a
 * statement, in the caller's transaction, under the write lock taken by writeTransaction.
 */
async function insertOrdersMultiRow<S extends OrderState>(db: Db, orders: NewOrder<S>[]): Promise<void> {
  const CHUNK = 250;
  for (let i = 0; i < orders.length; i += CHUNK) {
    const chunk = orders.slice(i, i + CHUNK);
    const rows: NewOrderRow[] = chunk.map(newOrderRow);
    await db.insertInto('orders').values(rows).execute();
    await appendEventsMultiRow(
      db,
      chunk.flatMap((o) => o.events),
    );
  }
}

async function appendEventsMultiRow(db: Db, events: OrderEvent[]): Promise<void> {
  await appendValuesMultiRow(db, events.map(eventValues));
}

/** PostgreSQL: append events given as EVENT_COLUMNS values, 500 rows a statement, each with its id and hash. */
async function appendValuesMultiRow(db: Db, values: OrderValue[][]): Promise<void> {
  if (values.length === 0) return;
  const last = await db.selectFrom('events').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  let id = last?.id ?? 0;
  let prev = last?.hash ?? GENESIS;
  const CHUNK = 500;
  for (let i = 0; i < values.length; i += CHUNK) {
    const rows = values.slice(i, i + CHUNK).map((v) => {
      id++;
      prev = chainHash(prev, id, v);
      const row: Record<string, OrderValue> = { id };
      EVENT_COLUMNS.forEach((c, k) => (row[c] = v[k]!));
      row.hash = prev;
      return row as unknown as EventRow;
    });
    await db.insertInto('events').values(rows).execute();
  }
}

/**
 * Append events given as EVENT_COLUMNS values (an import's staged events, in order), under the
 * write lock: SQLite row by row through the chain's prepared insert, PostgreSQL in multi-row inserts.
 */
export async function appendEventValues(db: Db, values: OrderValue[][]): Promise<void> {
  if (values.length === 0) return;
  if (isPostgres(db)) return appendValuesMultiRow(db, values);
  const chain = eventChain(db);
  for (const v of values) chain.append(v);
}

/** Write an order's new state and the events that led to it. */
export async function saveOrder<S extends OrderState>(
  db: Db,
  no: string,
  state: S,
  events: OrderEvent[],
  now: string,
  extra: { input?: OrderInput; sourceHash?: string; flagged?: boolean } = {},
): Promise<void> {
  const cols = stateColumns(state);
  const lastEventAt = lastOccurred(events);
  await db
    .updateTable('orders')
    .set({
      ...cols,
      ...(extra.input ? inputColumns(extra.input) : {}),
      ...(extra.sourceHash ? { source_hash: extra.sourceHash } : {}),
      ...(extra.flagged !== undefined ? { flagged: extra.flagged ? 1 : 0 } : {}),
      ...(lastEventAt ? { last_event_at: greatestText(db, 'last_event_at', lastEventAt) } : {}),
      updated_at: now,
    })
    .where('no', '=', no)
    .execute();
  await appendEvents(db, events);
  const labels = extra.input
    ? { category: extra.input.category ?? null, town: extra.input.town ?? null }
    : ((await db.selectFrom('orders').select(['category', 'town']).where('no', '=', no).executeTakeFirst()) ?? { category: null, town: null });
  await rewriteFacts(db, no, state, labels);
  // The registered text may have changed: the hot topics segment it again.
  if (extra.input) await forgetWords(db, no);
}

export async function getOrder<S>(db: Db, no: string): Promise<StoredOrder<S> | undefined> {
  const row = await db.selectFrom('orders').selectAll().where('no', '=', no).executeTakeFirst();
  return row ? orderFromRow<S>(row) : undefined;
}

/** Orders by number, in one query per chunk; missing numbers are simply absent from the map. */
export async function getOrders<S>(db: Db, nos: string[]): Promise<Map<string, StoredOrder<S>>> {
  const out = new Map<string, StoredOrder<S>>();
  const CHUNK = 500;
  for (let i = 0; i < nos.length; i += CHUNK) {
    const rows = await db.selectFrom('orders').selectAll().where('no', 'in', nos.slice(i, i + CHUNK)).execute();
    for (const r of rows) out.set(r.no, orderFromRow<S>(r));
  }
  return out;
}

/**
 * The orders an action is about to change, read inside its write transaction. On PostgreSQL they
 * are read `FOR UPDATE` (row locks, in order number order), so no other transaction can change
 * them until this one ends; on SQLite the write lock taken by BEGIN IMMEDIATE already holds the
 * whole database, and this is getOrders.
 */
export async function getOrdersForUpdate<S>(db: Db, nos: string[]): Promise<Map<string, StoredOrder<S>>> {
  if (!isPostgres(db)) return getOrders<S>(db, nos);
  const out = new Map<string, StoredOrder<S>>();
  const sorted = [...nos].sort();
  const CHUNK = 500;
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const rows = await db.selectFrom('orders').selectAll().where('no', 'in', sorted.slice(i, i + CHUNK)).orderBy('no').forUpdate().execute();
    for (const r of rows) out.set(r.no, orderFromRow<S>(r));
  }
  return out;
}

export interface OrderFilter {
  status?: OrderStatus[];
  unit?: string;
  town?: string;
  category?: string;
  search?: string;
  /** Only orders overdue at this instant (the rule of domain/due.ts: clock running, dueAt before it). */
  overdueAt?: Date;
  receivedFrom?: Date;
  receivedBefore?: Date;
  flagged?: boolean;
  limit?: number;
  offset?: number;
  order?: 'received_desc' | 'due_asc';
}

export async function listOrders<S>(db: Db, f: OrderFilter): Promise<StoredOrder<S>[]> {
  const rows = await listOrdersQuery(db, f).execute();
  return rows.map((r) => orderFromRow<S>(r));
}

/**
 * The query behind listOrders. Its ORDER BY is served by an index (migration 040), so a --limit
 * reads only that many rows: test/cli/query-plan.test.ts checks the plan.
 */
export function listOrdersQuery(db: Db, f: OrderFilter) {
  let q = db.selectFrom('orders').selectAll();
  if (f.status && f.status.length > 0) q = q.where('status', 'in', f.status);
  if (f.unit) {
    const unit = f.unit;
    q = q.where((eb) => eb.or([eb('lead_unit', '=', unit), eb('co_units', 'like', `%"${unit}"%`)]));
  }
  if (f.town) q = q.where('town', '=', f.town);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.search) {
    const like = `%${f.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('no', '=', f.search!),
        sql<boolean>`title ${likeOperator(db)} ${like} escape '\\'`,
        sql<boolean>`content ${likeOperator(db)} ${like} escape '\\'`,
        sql<boolean>`address ${likeOperator(db)} ${like} escape '\\'`,
      ]),
    );
  }
  if (f.overdueAt) q = q.where('due_at', '<', overdueCutoff(f.overdueAt)).where('status', 'in', CLOCK_RUNNING);
  if (f.receivedFrom) q = q.where('received_at', '>=', formatTime(f.receivedFrom));
  if (f.receivedBefore) q = q.where('received_at', '<', formatTime(f.receivedBefore));
  if (f.flagged) q = q.where('flagged', '=', 1);
  q = f.order === 'due_asc' ? q.orderBy('due_at').orderBy('no') : q.orderBy('received_at', 'desc').orderBy('no', 'desc');
  if (f.limit !== undefined) q = q.limit(f.limit);
  if (f.offset !== undefined) q = q.offset(f.offset);
  return q;
}

export async function listEvents(db: Db, no: string): Promise<OrderEvent[]> {
  const rows = await db.selectFrom('events').selectAll().where('order_no', '=', no).orderBy('id').execute();
  return rows.map(eventFromRow);
}

/**
 * The pool repeat detection compares new orders with: orders received in [from, to] with one of
 * the phones, and for each (town, category) place the `perPlace` most recent ones in [from, to].
 */
export async function repeatCandidatesFor(
  db: Db,
  q: { phones: string[]; places: { town: string; category: string }[]; from: string; to: string; perPlace: number },
): Promise<{ byPhone: RepeatPoolRow[]; byPlace: RepeatPoolRow[] }> {
  const base = () =>
    db
      .selectFrom('orders')
      .select(['no', 'received_at', 'phone', 'town', 'category', 'title', 'content'])
      .where('received_at', '>=', q.from)
      .where('received_at', '<=', q.to);
  const row = (r: { no: string; received_at: string; phone: string | null; town: string | null; category: string | null; title: string | null; content: string | null }): RepeatPoolRow => ({
    no: r.no,
    receivedAt: r.received_at,
    phone: r.phone,
    town: r.town,
    category: r.category,
    title: r.title,
    content: r.content,
  });
  const byPhone: RepeatPoolRow[] = [];
  for (let i = 0; i < q.phones.length; i += 400) byPhone.push(...(await base().where('phone', 'in', q.phones.slice(i, i + 400)).execute()).map(row));
  const byPlace: RepeatPoolRow[] = [];
  for (const p of q.places) {
    const rows = await base().where('town', '=', p.town).where('category', '=', p.category).orderBy('received_at', 'desc').limit(q.perPlace).execute();
    byPlace.push(...rows.reverse().map(row));
  }
  return { byPhone, byPlace };
}

export interface RepeatPoolRow {
  no: string;
  receivedAt: string;
  phone: string | null;
  town: string | null;
  category: string | null;
  title: string | null;
  content: string | null;
}
