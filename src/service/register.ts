// Registering orders (登记), by hand or by import: a new number becomes a new order with its
// deadline and repeat link; the same order sent again unchanged changes nothing; an order sent
// again with changes is updated and the change logged (never a second copy). Runs inside the
// caller's transaction so a whole import is all-or-nothing.
import type { WorkCalendar } from '../domain/calendar.js';
import { Refusal, withOrderNo } from '../domain/errors.js';
import { apply, type OrderState, type UnitRef } from '../domain/lifecycle.js';
import type { OrderInput } from '../domain/order.js';
import { findRepeatByKey, KeyRing, repeatKey, type KeyList, type RepeatCandidate, type RepeatKey } from '../domain/repeat.js';
import type { Settings } from '../domain/settings.js';
import { DAY_MS, formatTime } from '../domain/time.js';
import type { OrderEvent } from '../domain/events.js';
import { writeTransaction, type Db } from '../store/db.js';
import { listCategories, townNames } from '../store/directory.js';
import { unitRefs } from '../store/rules.js';
import { getOrder, getOrders, insertOrders, repeatCandidatesFor, saveOrder, type NewOrder } from '../store/orders.js';

export interface RegisterContext {
  settings: Settings;
  calendar: WorkCalendar;
  actor: string;
  /** When it is recorded (the clock's now). Registration happens at the time received. */
  now: Date;
  units: ReadonlyMap<string, UnitRef>;
}

export type RegisterOutcome =
  | { no: string; kind: 'new'; dueAt: string; repeatOf: string | null }
  | { no: string; kind: 'unchanged' }
  | { no: string; kind: 'updated'; changes: string[]; flagged: boolean; dueAt: string };

/** The registered fields, in a fixed order: what the source hash and the change log compare. */
export const INPUT_FIELDS = [
  'receivedAt',
  'channel',
  'type',
  'category',
  'urgency',
  'citizen',
  'phone',
  'address',
  'town',
  'title',
  'content',
  'deadline',
  'instructions',
] as const satisfies readonly (keyof OrderInput)[];

function field(o: OrderInput, k: (typeof INPUT_FIELDS)[number]): string | null {
  const v = o[k];
  return v === undefined || v === null || v === '' ? null : String(v);
}

/**
 * A hash of the registered fields, to recognise an order re-sent unchanged without comparing its
 * fields. Not a safeguard (the event log's hash chain is), so a cheap one: 64 bits from two FNV-1a
 * style lanes over the fields (null and the field boundaries marked), 16 hex digits; sha256 of
 * JSON cost ~10 µs a row. An order stored with another hash (an older build's sha256) is simply
 * compared field by field once (diff below), so it is still "unchanged".
 */
export function sourceHash(o: OrderInput): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (const k of INPUT_FIELDS) {
    const v = field(o, k);
    if (v === null) {
      a = Math.imul(a ^ 0xfffe, 0x01000193);
      b = Math.imul(b ^ 0xfffe, 0x5bd1e995);
    } else {
      for (let i = 0; i < v.length; i++) {
        const c = v.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
        b ^= b >>> 15;
      }
    }
    a = Math.imul(a ^ 0xffff, 0x01000193);
    b = Math.imul(b ^ 0xffff, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

function diff(before: OrderInput, after: OrderInput): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const k of INPUT_FIELDS) {
    const a = field(before, k);
    const b = field(after, k);
    if (a !== b) changes[k] = [a, b];
  }
  return changes;
}

/**
 * Where registration writes: the store (default), or an import's staging tables (service/import.ts
 * works the writes out outside the write lock and replays them in a short transaction). New orders
 * are handed over one by one as they are worked out and written, in that order, when the batch
 * ends (after the batch's changed orders): a sink may keep them in a smaller form meanwhile.
 */
export interface RegisterSink {
  add(order: NewOrder<OrderState>): void;
  /** Write the new orders added since the last flush. */
  flush(db: Db): Promise<void>;
  save(db: Db, no: string, state: OrderState, events: OrderEvent[], now: string, extra: { input: OrderInput; sourceHash: string; flagged: boolean }): Promise<void>;
}

/** The store as a sink: new orders written with insertOrders at the end of the batch. */
export function storeSink(): RegisterSink {
  let pending: NewOrder<OrderState>[] = [];
  return {
    add: (o) => void pending.push(o),
    async flush(db) {
      const orders = pending;
      pending = [];
      await insertOrders(db, orders);
    },
    save: (db, no, state, events, now, extra) => saveOrder(db, no, state, events, now, extra),
  };
}

/**
 * Register a batch of orders (numbers unique within the batch). Call it with consecutive chunks
 * of one import: earlier chunks are visible to later ones (in the store, or through the pool).
 */
export async function registerBatch(trx: Db, inputs: OrderInput[], c: RegisterContext, pool = new RepeatPool(), sink: RegisterSink = storeSink()): Promise<RegisterOutcome[]> {
  const existing = await getOrders<OrderState>(trx, inputs.map((o) => o.no));
  const now = formatTime(c.now);
  const outcomes: RegisterOutcome[] = [];
  const fresh = inputs.filter((o) => !existing.has(o.no));
  const byPhone = await pool.prepare(trx, fresh, c.settings);

  for (const input of inputs) {
    const stored = existing.get(input.no);
    const hash = sourceHash(input);
    if (!stored) {
      const key = repeatKey(input);
      const repeat = findRepeatByKey(key, pool.candidates(input, key, byPhone), c.settings);
      const { events, state } = withOrderNo(input.no, () =>
        apply(null, { action: 'register', order: input, repeatOf: repeat?.of ?? null }, ctxAt(c, new Date(input.receivedAt))),
      );
      sink.add({ input, state, events, sourceHash: hash, now });
      pool.add(input, key, byPhone);
      outcomes.push({ no: input.no, kind: 'new', dueAt: state.dueAt, repeatOf: state.repeatOf });
      continue;
    }
    if (stored.sourceHash === hash) {
      outcomes.push({ no: input.no, kind: 'unchanged' });
      continue;
    }
    const changes = diff(stored, input);
    if (Object.keys(changes).length === 0) {
      outcomes.push({ no: input.no, kind: 'unchanged' });
      continue;
    }
    // The update happens now (when the city re-sent it), but never before the order's last change.
    const at = new Date(Math.max(c.now.getTime(), Date.parse(stored.state.lastChangeAt)));
    const { events, state } = withOrderNo(input.no, () =>
      apply(stored.state, { action: 'update', changes, order: input }, { ...ctxAt(c, at), recordedAt: at }),
    );
    const flagged = stored.flagged || events.some((e) => e.action === 'update' && e.data.flagged);
    await sink.save(trx, input.no, state, events, now, { input, sourceHash: hash, flagged });
    outcomes.push({ no: input.no, kind: 'updated', changes: Object.keys(changes), flagged, dueAt: state.dueAt });
  }
  await sink.flush(trx);
  return outcomes;
}

function ctxAt(c: RegisterContext, at: Date) {
  return { at, recordedAt: new Date(Math.max(at.getTime(), c.now.getTime())), actor: c.actor, settings: c.settings, calendar: c.calendar, units: c.units };
}

/** How many recent orders of one town + category content repeats are compared with. */
export const PLACE_POOL = 50;

/**
 * Earlier orders that may make new orders repeats, kept for a whole import: for each town +
 * category, the PLACE_POOL most recent orders (seeded from the store the first time the place is
 * met, then fed with each new order) in a ring buffer; phone matches are looked up in the store per
 * batch (earlier batches of the same import are in it already). Each order's comparison keys
 * (domain/repeat.ts RepeatKey) are made once. Memory stays bounded however long the file.
 */
export class RepeatPool {
  private readonly places = new Map<string, KeyRing>();

  /**
   * `morePhones`: where else earlier orders of the same import are (an import's stage), received
   * in [from, to] with one of the phones. Their number, time and phone are all a phone match needs.
   */
  constructor(private readonly morePhones?: (db: Db, phones: string[], from: string, to: string) => Promise<RepeatCandidate[]>) {}

  private static place(o: RepeatCandidate): string | null {
    return o.town && o.category ? `${o.town}\u0000${o.category}` : null;
  }

  /** Load what the store has for the batch: phones in the window, and places not met yet. */
  async prepare(trx: Db, fresh: OrderInput[], s: Settings): Promise<Map<string, RepeatKey[]>> {
    const byPhone = new Map<string, RepeatKey[]>();
    if (fresh.length === 0) return byPhone;
    const times = fresh.map((o) => Date.parse(o.receivedAt));
    const from = formatTime(new Date(Math.min(...times) - s.repeatWindowDays * DAY_MS));
    const to = formatTime(new Date(Math.max(...times)));
    const phones = [...new Set(fresh.map((o) => o.phone).filter((p): p is string => Boolean(p)))];
    const newPlaces = [...new Map(fresh.filter((o) => RepeatPool.place(o) !== null && !this.places.has(RepeatPool.place(o)!)).map((o) => [RepeatPool.place(o)!, { town: o.town!, category: o.category! }])).values()];
    const rows = await repeatCandidatesFor(trx, { phones, places: newPlaces, from, to, perPlace: PLACE_POOL });
    for (const p of newPlaces) this.places.set(`${p.town}\u0000${p.category}`, new KeyRing(PLACE_POOL));
    for (const r of rows.byPlace) this.remember(r, repeatKey(r));
    const byPhoneRows: RepeatCandidate[] = [...rows.byPhone];
    if (this.morePhones && phones.length > 0) byPhoneRows.push(...(await this.morePhones(trx, phones, from, to)));
    for (const r of byPhoneRows) {
      const k = repeatKey(r);
      if (k.phone) push(byPhone, k.phone, k);
    }
    return byPhone;
  }

  remember(o: RepeatCandidate, k: RepeatKey): void {
    const place = RepeatPool.place(o);
    if (!place) return;
    let ring = this.places.get(place);
    if (!ring) this.places.set(place, (ring = new KeyRing(PLACE_POOL)));
    ring.push(k);
  }

  /** Where to look for one order: its phone's orders (oldest first), then its place's (newest first). */
  candidates(o: RepeatCandidate, k: RepeatKey, byPhone: Map<string, RepeatKey[]>): (RepeatKey[] | KeyList)[] {
    const place = RepeatPool.place(o);
    const lists: (RepeatKey[] | KeyList)[] = [];
    const phone = k.phone ? byPhone.get(k.phone) : undefined;
    if (phone) lists.push(phone);
    const ring = place ? this.places.get(place) : undefined;
    if (ring) lists.push(ring);
    return lists;
  }

  /** A new order of the batch becomes a candidate for the orders after it. */
  add(o: RepeatCandidate, k: RepeatKey, byPhone: Map<string, RepeatKey[]>): void {
    this.remember(o, k);
    if (k.phone) push(byPhone, k.phone, k);
  }
}

function push<K, V>(m: Map<K, V[]>, key: K, v: V): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}

/**
 * `hotline add`: register one order by hand, in its own write transaction. Refuses a number that
 * is already registered (add.exists). Says whether the town and category are known to the
 * directory (an unknown one is kept, with a warning, and matches no routing rule).
 */
export async function addOrder(
  db: Db,
  input: OrderInput,
  c: Omit<RegisterContext, 'units'>,
): Promise<{ outcome: Extract<RegisterOutcome, { kind: 'new' }>; unknownTown: boolean; unknownCategory: boolean }> {
  const [outcome] = await writeTransaction(db, async (trx) => {
    if (await getOrder(trx, input.no)) throw new Refusal('add.exists', { no: input.no });
    return registerBatch(trx, [input], { ...c, units: await unitRefs(trx) });
  });
  if (outcome?.kind !== 'new') throw new Refusal('add.exists', { no: input.no });
  const towns = await townNames(db);
  const categories = await listCategories(db);
  return {
    outcome,
    unknownTown: Boolean(input.town) && !towns.has(input.town!),
    unknownCategory: Boolean(input.category) && !categories.some((x) => x.name === input.category),
  };
}
