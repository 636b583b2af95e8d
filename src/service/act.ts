// Acting on orders: load → decide (the state machine) → save, for one or many orders in ONE write
// transaction. Either every order changes or none does; a refusal names the order that blocked it.
// This is the library under the CLI: scripts and tests can call it directly.
import { Refusal, withOrderNo } from '../domain/errors.js';
import type { OrderEvent } from '../domain/events.js';
import { apply, type Command, type OrderState } from '../domain/lifecycle.js';
import type { WorkCalendar } from '../domain/calendar.js';
import type { Settings } from '../domain/settings.js';
import { formatTime } from '../domain/time.js';
import { writeTransaction, type Db } from '../store/db.js';
import { getOrders, saveOrder, type StoredOrder } from '../store/orders.js';
import { unitRefs } from '../store/rules.js';
import { resolveOrderNumbers } from './order-numbers.js';

export interface ActContext {
  db: Db;
  settings: Settings;
  calendar: WorkCalendar;
  actor: string;
  /** When it happened (--at). */
  at: Date;
  /** When it is recorded (the clock's now). */
  now: Date;
}

export interface ActResult {
  no: string;
  /** The event the command produced (the first, when it produced more: a meeting and its dispatch). */
  event: OrderEvent;
  events: OrderEvent[];
  state: OrderState;
}

/**
 * Apply a command to each order. `commandFor` may look at the order to build its command
 * (or throw a Refusal, or return null to leave that order alone). `extra` runs inside the same
 * transaction (e.g. to record a meeting).
 */
export async function act<X = undefined>(
  c: ActContext,
  nos: string[],
  commandFor: (order: StoredOrder<OrderState>, extra: X) => Command | null,
  extra?: (trx: Db) => Promise<X>,
): Promise<ActResult[]> {
  return writeTransaction(c.db, async (trx) => {
    // Numbers as typed: a unique suffix or another case is enough (one resolver for every action).
    const unique = await resolveOrderNumbers(trx, nos);
    const orders = await getOrders<OrderState>(trx, unique);
    const units = await unitRefs(trx);
    const results: ActResult[] = [];
    const now = formatTime(c.now);
    const x = (extra ? await extra(trx) : undefined) as X;
    for (const no of unique) {
      const order = orders.get(no);
      if (!order) throw new Refusal('orders.unknown', { no });
      const cmd = commandFor(order, x);
      if (cmd === null) continue;
      const { events, state } = withOrderNo(no, () =>
        apply(order.state, cmd, { at: c.at, recordedAt: c.now, actor: c.actor, settings: c.settings, calendar: c.calendar, units }),
      );
      await saveOrder(trx, no, state, events, now);
      results.push({ no, event: events[0]!, events, state });
    }
    return results;
  });
}

