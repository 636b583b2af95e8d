// Registering orders (登记), by hand or by import: a new number becomes a new order with its
// deadline and repeat link; the same order sent again unchanged changes nothing; an order sent
// again with changes is updated and the change logged (never a second copy). Runs inside the
// caller's transaction so a whole import is all-or-nothing.
import { createHash } from 'node:crypto';
import type { WorkCalendar } from '../domain/calendar.js';
import { Refusal, withOrderNo } from '../domain/errors.js';
import { apply, type OrderState, type UnitRef } from '../domain/lifecycle.js';
import type { OrderInput } from '../domain/order.js';
import { findRepeat, type RepeatCandidate } from '../domain/repeat.js';
import { phoneKey } from '../domain/privacy.js';
import type { Settings } from '../domain/settings.js';
import { DAY_MS, formatTime } from '../domain/time.js';
import type { OrderEvent } from '../domain/events.js';
import { writeTransaction, type Db } from '../store/db.js';
import { listCategories, townNames } from '../store/directory.js';
import { unitRefs } from '../store/rules.js';
import { getOrder, getOrders, insertOrders, repeatCandidatesFor, saveOrder, type NewOrder, type RepeatPoolRow } from '../store/orders.js';

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

export function sourceHash(o: OrderInput): string {
  return createHash('sha256')
    .update(JSON.stringify(INPUT_FIELDS.map((k) => field(o, k))))
    .digest('hex')
    .slice(0, 32);
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
 * works the writes out outside the write lock and replays them in a short transaction).
 */
export interface RegisterSink {
  insert(db: Db, orders: NewOrder<OrderState>[]): Promise<void>;
  save(db: Db, no: string, state: OrderState, events: OrderEvent[], now: string, extra: { input: OrderInput; sourceHash: string; flagged: boolean }): Promise<void>;
}

export const storeSink: RegisterSink = {
  insert: (db, orders) => insertOrders(db, orders),
  save: (db, no, state, events, now, extra) => saveOrder(db, no, state, events, now, extra),
};

/**
 * Register a batch of orders (numbers unique within the batch). Call it with consecutive chunks
 * of one import: earlier chunks are visible to later ones (in the store, or through the pool).
 */
export async function registerBatch(trx: Db, inputs: OrderInput[], c: RegisterContext, pool = new RepeatPool(), sink: RegisterSink = storeSink): Promise<RegisterOutcome[]> {
  const existing = await getOrders<OrderState>(trx, inputs.map((o) => o.no));
  const now = formatTime(c.now);
  const outcomes: RegisterOutcome[] = [];
  const fresh = inputs.filter((o) => !existing.has(o.no));
  const byPhone = await pool.prepare(trx, fresh, c.settings);
  const toInsert: NewOrder<OrderState>[] = [];

  for (const input of inputs) {
    const stored = existing.get(input.no);
    const hash = sourceHash(input);
    if (!stored) {
      const repeat = findRepeat(input, pool.candidates(input, byPhone), c.settings);
      const { events, state } = withOrderNo(input.no, () =>
        apply(null, { action: 'register', order: input, repeatOf: repeat?.of ?? null }, ctxAt(c, new Date(input.receivedAt))),
      );
      toInsert.push({ input, state, events, sourceHash: hash, now });
      pool.add(input, byPhone);
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
  await sink.insert(trx, toInsert);
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
 * met, then fed with each new order); phone matches are looked up in the store per batch (earlier
 * batches of the same import are in it already). Memory stays bounded however long the file.
 */
export class RepeatPool {
  private readonly places = new Map<string, RepeatCandidate[]>();

  /** `morePhones`: where else earlier orders of the same import are (an import's staging tables). */
  constructor(private readonly morePhones?: (db: Db, phones: string[], from: string, to: string) => Promise<RepeatPoolRow[]>) {}

  private static place(o: RepeatCandidate): string | null {
    return o.town && o.category ? `${o.town}\u0000${o.category}` : null;
  }

  /** Load what the store has for the batch: phones in the window, and places not met yet. */
  async prepare(trx: Db, fresh: OrderInput[], s: Settings): Promise<Map<string, RepeatCandidate[]>> {
    const byPhone = new Map<string, RepeatCandidate[]>();
    if (fresh.length === 0) return byPhone;
    const times = fresh.map((o) => Date.parse(o.receivedAt));
    const from = formatTime(new Date(Math.min(...times) - s.repeatWindowDays * DAY_MS));
    const to = formatTime(new Date(Math.max(...times)));
    const phones = [...new Set(fresh.map((o) => o.phone).filter((p): p is string => Boolean(p)))];
    const newPlaces = [...new Map(fresh.filter((o) => RepeatPool.place(o) !== null && !this.places.has(RepeatPool.place(o)!)).map((o) => [RepeatPool.place(o)!, { town: o.town!, category: o.category! }])).values()];
    const rows = await repeatCandidatesFor(trx, { phones, places: newPlaces, from, to, perPlace: PLACE_POOL });
    for (const p of newPlaces) this.places.set(`${p.town}\u0000${p.category}`, []);
    for (const r of rows.byPlace) this.remember(r);
    if (this.morePhones && phones.length > 0) rows.byPhone.push(...(await this.morePhones(trx, phones, from, to)));
    for (const r of rows.byPhone) {
      const p = phoneKey(r.phone);
      if (p) byPhone.set(p, [...(byPhone.get(p) ?? []), r]);
    }
    return byPhone;
  }

  remember(o: RepeatCandidate): void {
    const k = RepeatPool.place(o);
    if (!k) return;
    const list = this.places.get(k) ?? [];
    list.push(o);
    if (list.length > PLACE_POOL) list.splice(0, list.length - PLACE_POOL);
    this.places.set(k, list);
  }

  /** Candidates for one order; `byPhone` also collects the batch's own orders as they come. */
  candidates(o: RepeatCandidate, byPhone: Map<string, RepeatCandidate[]>): RepeatCandidate[] {
    const p = phoneKey(o.phone);
    const k = RepeatPool.place(o);
    // Newest first: findRepeat keeps the most recent match, so it can stop comparing texts early.
    const place = k ? this.places.get(k) ?? [] : [];
    return [...(p ? byPhone.get(p) ?? [] : []), ...[...place].reverse()].filter((c) => c.no !== o.no);
  }

  /** A new order of the batch becomes a candidate for the orders after it. */
  add(o: RepeatCandidate, byPhone: Map<string, RepeatCandidate[]>): void {
    this.remember(o);
    const p = phoneKey(o.phone);
    if (p) byPhone.set(p, [...(byPhone.get(p) ?? []), o]);
  }
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
