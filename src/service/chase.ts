// Chasing: reminders (催办) by hand or for cron, and joint meetings (联席会议). Which orders a cron
// reminder chases is decided here, by the one overdue rule (domain/due.ts), not in the command.
import { classifyOrder, ClassifyCache } from '../domain/due.js';
import { Refusal } from '../domain/errors.js';
import type { RemindKind } from '../domain/events.js';
import { CLOCK_RUNNING } from '../domain/order.js';
import { formatTime, parseDay } from '../domain/time.js';
import { remindedThisWorkday } from '../domain/reminders.js';
import { listOrders } from '../store/orders.js';
import { lastAutoReminders } from '../store/reminders.js';
import { getUnit } from '../store/directory.js';
import { insertMeeting } from '../store/rules.js';
import { act, type ActContext, type ActResult } from './act.js';

export interface RemindDueOptions {
  dueSoon?: boolean;
  overdue?: boolean;
  /** Only this unit's orders. */
  unit?: string;
  note?: string | null;
  /** Told which orders were left out because they had an automatic reminder this working day. */
  skipped?: (nos: string[]) => void;
}

/**
 * Cron reminders: every order whose clock runs and that is due soon (with `dueSoon`) or overdue
 * (with `overdue`) at c.at, optionally one unit's. Each gets one reminder of its kind, in one
 * transaction. Returns what was reminded (empty when nothing was due).
 */
export async function remindDue(c: ActContext, o: RemindDueOptions): Promise<ActResult[]> {
  if (!o.dueSoon && !o.overdue) throw new Refusal('remind.what');
  if (o.unit !== undefined && !(await getUnit(c.db, o.unit))) throw new Refusal('units.unknown', { code: o.unit });
  const open = await listOrders(c.db, { status: [...CLOCK_RUNNING], unit: o.unit, order: 'due_asc' });
  const cache = new ClassifyCache(c.at.getTime(), c.calendar);
  const picked = new Map<string, RemindKind>();
  for (const order of open) {
    const { level } = classifyOrder(order, c.at, c.settings, c.calendar, cache);
    if (level === 'due_soon' && o.dueSoon) picked.set(order.no, 'due_soon');
    if ((level === 'overdue' || level === 'serious') && o.overdue) picked.set(order.no, 'overdue');
  }
  if (picked.size === 0) return [];
  // At most one automatic reminder per order per working day: decided inside the write
  // transaction, so a second cron run, even at the same moment, leaves them alone.
  const nos = [...picked.keys()];
  let skipped = new Set<string>();
  const results = await act<Set<string>>(
    c,
    nos,
    (order, done) => (done.has(order.no) ? null : { action: 'remind', kind: picked.get(order.no)!, note: o.note ?? null }),
    async (trx) => {
      const last = await lastAutoReminders(trx, nos);
      return (skipped = new Set(nos.filter((no) => remindedThisWorkday(last.get(no), c.at, c.calendar))));
    },
  );
  if (skipped.size > 0) o.skipped?.([...skipped]);
  return results;
}

export interface MeetingInput {
  orders: string[];
  date: string;
  attendees: string;
  decision: string;
  lead: string;
  note?: string | null;
}

/**
 * A joint meeting on one or more orders: recorded once (meetings table) and on each order's log;
 * the lead it names gets each order it does not lead yet (a dispatch of its own).
 */
export async function addMeeting(c: ActContext, m: MeetingInput): Promise<{ meetingId: number; results: ActResult[] }> {
  const date = parseDay(m.date);
  if (!date) throw new Refusal('calendar.badDate', { value: m.date });
  if (!(await getUnit(c.db, m.lead))) throw new Refusal('units.unknown', { code: m.lead });
  let meetingId = 0;
  const results = await act<number>(
    c,
    m.orders,
    (_o, id) => ({ action: 'meeting', meetingId: id, date, attendees: m.attendees, decision: m.decision, leadUnit: m.lead, note: m.note ?? null }),
    async (trx) => (meetingId = await insertMeeting(trx, { date, attendees: m.attendees || null, decision: m.decision, leadUnit: m.lead, orders: m.orders }, formatTime(c.now), c.actor)),
  );
  return { meetingId, results };
}
