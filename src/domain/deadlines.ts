// The deadline engine (时限): when a reply is due, when a unit must sign, how long it may return
// an order, what an extension or a rework does to the deadline, and the cut-off of the
// "dispatched same day" figure. Pure functions of (the facts, Settings, WorkCalendar): nothing
// here reads the clock or depends on the machine's time zone (all days are Beijing days).
//
// The rules (DOMAIN.md "Time limits"):
// - "N working days" counts from the first working day after the day of the event: received
//   Wed 2026-09-30, 5 working days → 2026-10-13. A working-day deadline is the end of that day,
//   `endOfDay(day, s.closingTime)` (23:59:59 unless the office set an earlier closing time).
// - Hour limits (紧急, 特急, urgent signing) are real hours: nights and holidays included.
import { Refusal, type MessageParams } from './errors.js';
import type { OrderType, Urgency } from './order.js';
import type { Settings } from './settings.js';
import type { WorkCalendar } from './calendar.js';
import { addDays as addDaysTo, addHours, atBeijing, dayOf, endOfDay, formatTime, parseDay, parseTime } from './time.js';

/** The end of the n-th working day counted from the first working day after `day`. */
function endOfNthWorkday(day: string, n: number, s: Settings, cal: WorkCalendar): Date {
  return endOfDay(cal.addWorkdays(day, n), s.closingTime);
}

/** The real-hours limit an urgency imposes, or null for 一般 (the type's working days apply). */
function urgencyHours(urgency: Urgency, s: Settings): number | null {
  if (urgency === '特急') return s.criticalHours;
  if (urgency === '紧急') return s.urgentHours;
  return null;
}

/**
 * When the reply is due (dueAt), set at registration.
 * - a city deadline (办理时限), when given, wins over everything else (earlier or later);
 * - 特急 / 紧急: receivedAt + s.criticalHours / s.urgentHours real hours (overrides the type);
 * - otherwise the end of the s.replyWorkdays[type]-th working day after the day received.
 * Pass the city deadline through `cityDeadlineFromInput` so a bare date means the end of that day.
 */
export function replyDue(
  o: { receivedAt: Date; type: OrderType; urgency: Urgency; cityDeadline?: Date | null },
  s: Settings,
  cal: WorkCalendar,
): Date {
  if (o.cityDeadline) return new Date(o.cityDeadline.getTime());
  const hours = urgencyHours(o.urgency, s);
  if (hours !== null) return addHours(o.receivedAt, hours);
  return endOfNthWorkday(dayOf(o.receivedAt), s.replyWorkdays[o.type], s, cal);
}

/**
 * The city's 办理时限 as written in an order: a bare date ("2026-11-30", "2026/11/30",
 * "2026年11月30日") means the END of that day, `endOfDay(day, s.closingTime)`, like every
 * working-day deadline; a date with a time ("2026-11-30 12:00", ISO with offset) is that instant.
 * Null when the text is empty or not a time (the caller tells these apart by `raw.trim() === ''`).
 * Note: an explicit midnight ("2026-11-30 00:00:00") is taken as written, i.e. the start of the day.
 */
export function cityDeadlineFromInput(raw: string, s: Settings): Date | null {
  const text = raw.trim().replace(/\u3000/g, ' ');
  if (text === '') return null;
  const day = parseDay(text);
  if (day !== null) return endOfDay(day, s.closingTime);
  return parseTime(text);
}

/**
 * When the unit must sign (签收) after a dispatch: the end of the s.signWorkdays-th working day
 * after the dispatch day (dispatched Friday → end of Monday); 紧急 / 特急: dispatchedAt +
 * s.signUrgentHours real hours. A sign after this instant is late.
 */
export function signDue(dispatchedAt: Date, urgency: Urgency, s: Settings, cal: WorkCalendar): Date {
  if (urgency === '紧急' || urgency === '特急') return addHours(dispatchedAt, s.signUrgentHours);
  return endOfNthWorkday(dayOf(dispatchedAt), s.signWorkdays, s, cal);
}

/** The last instant a unit may return (退回) an order: end of the s.returnWorkdays-th working day after the dispatch day. */
export function returnUntil(dispatchedAt: Date, s: Settings, cal: WorkCalendar): Date {
  return endOfNthWorkday(dayOf(dispatchedAt), s.returnWorkdays, s, cal);
}

/**
 * The new dueAt when an extension of `days` working days is approved: the end of the
 * `days`-th working day after the (Beijing) day of the current dueAt.
 * An hour-limited dueAt (紧急 / 特急 / a city deadline with a time) becomes a working-day
 * deadline: an extension is granted in working days, and a working-day deadline is the end of a
 * day, so the rest of the due day is given too (due Tue 10:00 + 1 → end of Wed). The result is
 * always later than currentDue. `days` must be a whole number ≥ 1 (check with extensionAllowed).
 */
export function extendedDue(currentDue: Date, days: number, s: Settings, cal: WorkCalendar): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`extension must be a whole number of working days ≥ 1, got ${days}`);
  return endOfNthWorkday(dayOf(currentDue), days, s, cal);
}

/** The new dueAt of a rework (重办): the type's limit (or the urgency's hours) again, counted from the rework. */
export function reworkDue(at: Date, type: OrderType, urgency: Urgency, s: Settings, cal: WorkCalendar): Date {
  return replyDue({ receivedAt: at, type, urgency }, s, cal);
}

export type Verdict = { ok: true } | { ok: false; code: string; params: MessageParams };

/**
 * May an extension of `days` working days be asked at `at`?
 * - `days` a whole number ≥ 1                     → else calendar.extension.badDays {days}
 * - asked at or before dueAt (an order is overdue only once dueAt has passed, so the last
 *   second still counts as "before the deadline") → else calendar.extension.tooLate {at, dueAt}
 * - extensionDays already granted + days ≤ s.extensionMaxWorkdays
 *                                                  → else calendar.extension.overCap {days, used, max, left}
 * Times in params are formatTime strings. Checked in this order; the first failure is returned.
 */
export function extensionAllowed(
  state: { dueAt: Date; extensionDays: number },
  at: Date,
  days: number,
  s: Settings,
): Verdict {
  if (!Number.isInteger(days) || days < 1) return { ok: false, code: 'calendar.extension.badDays', params: { days: String(days) } };
  if (at.getTime() > state.dueAt.getTime())
    return { ok: false, code: 'calendar.extension.tooLate', params: { at: formatTime(at), dueAt: formatTime(state.dueAt) } };
  const max = s.extensionMaxWorkdays;
  if (state.extensionDays + days > max)
    return {
      ok: false,
      code: 'calendar.extension.overCap',
      params: { days, used: state.extensionDays, max, left: Math.max(0, max - state.extensionDays) },
    };
  return { ok: true };
}

/** Like extensionAllowed, but throws the Refusal (for command code that wants to stop there). */
export function assertExtensionAllowed(state: { dueAt: Date; extensionDays: number }, at: Date, days: number, s: Settings): void {
  const v = extensionAllowed(state, at, days, s);
  if (!v.ok) throw new Refusal(v.code, v.params);
}

/**
 * The latest first dispatch that still counts as "dispatched same day" (当日工单当日转接,
 * DOMAIN.md Figures): received on a working day at or before the end of office hours
 * (s.officeHoursEnd, 17:30 by default) → the end of office hours that day; received after hours
 * or on a non-working day → the end of office hours of the next working day.
 * Dispatched at or before this instant = dispatched same day.
 */
export function sameDayDispatchLimit(receivedAt: Date, s: Settings, cal: WorkCalendar): Date {
  const day = dayOf(receivedAt);
  const [hh, mm, ss] = s.officeHoursEnd.split(':').map(Number) as [number, number, number];
  if (cal.isWorkday(day)) {
    const officeEnd = atBeijing(day, hh, mm, ss);
    if (receivedAt.getTime() <= officeEnd.getTime()) return officeEnd;
  }
  return atBeijing(cal.nextWorkday(day), hh, mm, ss);
}

/**
 * First contact (先行联系) after a dispatch: by the end of the s.contactWorkdays-th working day
 * after the dispatch day; 紧急 / 特急: dispatchedAt + s.contactUrgentHours real hours.
 */
export function contactDue(dispatchedAt: Date, urgency: Urgency, s: Settings, cal: WorkCalendar): Date {
  if (urgency === '紧急' || urgency === '特急') return addHours(dispatchedAt, s.contactUrgentHours);
  return endOfNthWorkday(dayOf(dispatchedAt), s.contactWorkdays, s, cal);
}

/**
 * A co-unit's or a community's part is due one working day before the lead's dueAt: the end of
 * the last working day before the day of dueAt (never after dueAt itself).
 */
export function partDue(leadDue: Date, s: Settings, cal: WorkCalendar): Date {
  let day = addDaysTo(dayOf(leadDue), -1);
  while (!cal.isWorkday(day)) day = addDaysTo(day, -1);
  const end = endOfDay(day, s.closingTime);
  return end.getTime() < leadDue.getTime() ? end : leadDue;
}
