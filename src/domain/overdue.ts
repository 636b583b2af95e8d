// The overdue watch (超期监督): what is due soon, overdue, seriously overdue, as the log stood at a
// given time. `overdue` is never a stored status: it is computed here from `dueAt` and the time
// asked about. The clock runs on orders in pending / dispatched / handling only (a reply or a
// closure request stops it; a late reply is counted in the on-time figures instead).
//
// Also here: the small fold over an order's events that answers "what was its status, dueAt and
// lead unit as of time T" (events after T are ignored). The full state machine lives elsewhere;
// this fold trusts the log (every event carries its toStatus) and only tracks what the reports need.
import type { WorkCalendar } from './calendar.js';
import type { OrderEvent } from './events.js';
import { CLOCK_RUNNING, type OrderStatus, type OrderType, type Urgency } from './order.js';
import type { Settings } from './settings.js';
import { addDays, atBeijing, dayOf, formatTime, type Day } from './time.js';
import type { OrderFacts, UnitInfo } from './figures.js';
import { maskPersonal } from './privacy.js';

// ---------------------------------------------------------------------------------------------
// Fast time helpers. Asia/Shanghai has been UTC+8 without daylight saving since 1991-09; for
// instants after that, the Beijing day is the UTC day of (t + 8 h). Earlier instants go through
// time.ts. These exist because reports touch millions of timestamps.

const H8 = 8 * 3_600_000;
const NO_DST_SINCE = Date.UTC(1991, 8, 16);

/** Milliseconds of an ISO time (NaN when missing or not a time). */
export function timeMs(iso: string | null | undefined): number {
  if (!iso) return NaN;
  // Fast path for the stored form 'YYYY-MM-DDTHH:mm:ss+08:00'.
  if (iso.length === 25 && iso.charCodeAt(10) === 84 /* T */ && iso.endsWith('+08:00')) {
    const y = num(iso, 0, 4);
    const mo = num(iso, 5, 2);
    const d = num(iso, 8, 2);
    const h = num(iso, 11, 2);
    const mi = num(iso, 14, 2);
    const s = num(iso, 17, 2);
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59)
      return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + s * 1000 - H8;
  }
  return Date.parse(iso);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm): integer math only. */
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function num(s: string, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** The Beijing calendar day of an instant given in milliseconds. */
export function beijingDay(ms: number): Day {
  if (ms >= NO_DST_SINCE) return new Date(ms + H8).toISOString().slice(0, 10);
  return dayOf(new Date(ms));
}

/** Beijing midnight at the start of a day, in milliseconds. */
export function dayStartMs(day: Day): number {
  return atBeijing(day).getTime();
}

// ---------------------------------------------------------------------------------------------
// The as-of fold.

/** What the reports need to know about one order as its log stood at a time. */
export interface AsOfState {
  /** False when the order had not been registered yet (no event at or before the time). */
  exists: boolean;
  status: OrderStatus | null;
  /** Current deadline (extended / reworked), ms; NaN when unknown. */
  dueAt: number;
  /** Lead unit code; null before the first dispatch and after a return (the order is pending again). */
  leadUnit: string | null;
  /** The first dispatch (派发), ms. */
  firstDispatchAt: number | null;
  /** The first reply or closure request (the unit's first answer), ms. */
  firstAnswerAt: number | null;
  /** The latest reply or closure request (what stopped the clock), ms. */
  submittedAt: number | null;
  /**
   * When the order was completed: the time of the reply that got accepted, or of the closure
   * request that got approved; reset by a rework (the order is measured against its new dueAt).
   */
  completedAt: number | null;
}

/** Called for each event at or before the as-of time, BEFORE it is applied to `state`. */
export type EventVisitor = (e: OrderEvent, at: number, state: Readonly<AsOfState>) => void;

export function emptyState(): AsOfState {
  return {
    exists: false,
    status: null,
    dueAt: NaN,
    leadUnit: null,
    firstDispatchAt: null,
    firstAnswerAt: null,
    submittedAt: null,
    completedAt: null,
  };
}

/**
 * Replay an order's events (in log order) up to and including `asOfMs` (occurredAt ≤ asOf;
 * later events are ignored, whatever their position in the log).
 */
export function replay(events: readonly OrderEvent[] | undefined, asOfMs: number, visit?: EventVisitor): AsOfState {
  const st = emptyState();
  if (!events) return st;
  let pendingReply: number | null = null;
  let pendingClosure: number | null = null;
  for (const e of events) {
    const t = timeMs(e.occurredAt);
    if (!(t <= asOfMs)) continue;
    if (visit) visit(e, t, st);
    st.exists = true;
    st.status = e.toStatus;
    const d = e.data;
    switch (e.action) {
      case 'register':
      case 'update':
      case 'extend_approve':
        if (d.dueAt) st.dueAt = timeMs(d.dueAt);
        break;
      case 'dispatch':
        st.leadUnit = d.leadUnit ?? e.unit ?? st.leadUnit;
        if (st.firstDispatchAt === null) st.firstDispatchAt = t;
        break;
      case 'return':
        st.leadUnit = null;
        break;
      case 'meeting': // the joint meeting may name the lead unit
        if (d.leadUnit !== undefined) st.leadUnit = d.leadUnit;
        break;
      case 'reply':
        pendingReply = t;
        st.submittedAt = t;
        if (st.firstAnswerAt === null) st.firstAnswerAt = t;
        break;
      case 'closure_request':
        pendingClosure = t;
        st.submittedAt = t;
        if (st.firstAnswerAt === null) st.firstAnswerAt = t;
        break;
      case 'review_accept':
        if (pendingReply !== null) st.completedAt = pendingReply;
        break;
      case 'closure_approve':
        if (pendingClosure !== null) st.completedAt = pendingClosure;
        break;
      case 'feedback':
        if (d.rework || d.satisfaction === 'unsatisfied') {
          if (d.dueAt) st.dueAt = timeMs(d.dueAt);
          st.completedAt = null;
          pendingReply = null;
        }
        break;
      default:
        break;
    }
  }
  return st;
}

/** Group a flat log by order number, keeping log order within each order (one pass). */
export function groupEvents(events: Iterable<OrderEvent>): Map<string, OrderEvent[]> {
  const m = new Map<string, OrderEvent[]>();
  for (const e of events) {
    const list = m.get(e.orderNo);
    if (list) list.push(e);
    else m.set(e.orderNo, [e]);
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// Classification.

export type DueLevel = 'due_soon' | 'overdue' | 'serious';

/** Severity order for sorting: serious first. */
export const LEVEL_RANK: Record<DueLevel, number> = { serious: 0, overdue: 1, due_soon: 2 };

/**
 * - overdue: asOf > dueAt (exactly at dueAt is still in time);
 *   overdueWorkdays = working days in (day of dueAt, day of asOf] — 0 when overdue by hours the same day;
 * - serious: overdue and overdueWorkdays ≥ s.seriousOverdueWorkdays;
 * - due_soon: not overdue and dueAt before the end (next midnight) of the next working day after the as-of day;
 * - null otherwise (overdueWorkdays 0).
 */
export function classifyDue(
  dueAt: Date,
  asOf: Date,
  s: Settings,
  cal: WorkCalendar,
): { level: DueLevel | null; overdueWorkdays: number } {
  return classifyMs(dueAt.getTime(), asOf.getTime(), s, cal);
}

/** classifyDue on milliseconds, with optional caches (per as-of) for the calendar walks. */
export function classifyMs(
  due: number,
  asOf: number,
  s: Settings,
  cal: WorkCalendar,
  cache?: ClassifyCache,
): { level: DueLevel | null; overdueWorkdays: number } {
  if (Number.isNaN(due)) return { level: null, overdueWorkdays: 0 };
  const c = cache ?? new ClassifyCache(asOf, cal);
  if (asOf > due) {
    const days = c.workdaysSince(beijingDay(due));
    return { level: days >= s.seriousOverdueWorkdays ? 'serious' : 'overdue', overdueWorkdays: days };
  }
  return { level: due < c.dueSoonLimit ? 'due_soon' : null, overdueWorkdays: 0 };
}

/** Per-as-of memo: the as-of day, the due-soon horizon, and working days overdue by due day. */
export class ClassifyCache {
  readonly asOfDay: Day;
  /** Next midnight after the next working day following the as-of day (exclusive horizon). */
  readonly dueSoonLimit: number;
  /** Working days in (day, asOfDay] for every day walked so far, back from the as-of day. */
  private readonly byDay = new Map<Day, number>();
  private cursor: Day;
  private cursorCount = 0;
  constructor(
    asOfMs: number,
    private readonly cal: WorkCalendar,
  ) {
    this.asOfDay = beijingDay(asOfMs);
    this.dueSoonLimit = dayStartMs(addDays(cal.nextWorkday(this.asOfDay), 1));
    this.cursor = this.asOfDay;
    this.byDay.set(this.cursor, 0);
  }
  /** cal.workdaysBetween(dueDay, asOfDay), each calendar day walked once per cache. */
  workdaysSince(dueDay: Day): number {
    if (dueDay >= this.asOfDay) return 0;
    const known = this.byDay.get(dueDay);
    if (known !== undefined) return known;
    while (this.cursor > dueDay) {
      if (this.cal.isWorkday(this.cursor)) this.cursorCount++;
      this.cursor = addDays(this.cursor, -1);
      this.byDay.set(this.cursor, this.cursorCount);
    }
    return this.byDay.get(dueDay) ?? this.cal.workdaysBetween(dueDay, this.asOfDay);
  }
}

export interface OverdueRow {
  no: string;
  title: string | null;
  type: OrderType;
  urgency: Urgency;
  category: string | null;
  town: string | null;
  leadUnit: string | null;
  unitName: string | null;
  unitContact: string | null;
  unitPhone: string | null;
  status: OrderStatus;
  receivedAt: string;
  dueAt: string;
  level: DueLevel;
  overdueWorkdays: number;
}

/** One row of the overdue watch (with its deadline in ms, for sorting). */
export function overdueRow(
  o: OrderFacts,
  lead: string | null,
  status: OrderStatus,
  due: number,
  k: { level: DueLevel; overdueWorkdays: number },
  unitMap: ReadonlyMap<string, UnitInfo>,
): OverdueRow & { dueMs: number } {
  const u = lead !== null ? unitMap.get(lead) : undefined;
  return {
    no: o.no,
    title: maskPersonal(o.title),
    type: o.type,
    urgency: o.urgency,
    category: o.category,
    town: o.town,
    leadUnit: lead,
    unitName: u?.name ?? null,
    unitContact: u?.contact ?? null,
    unitPhone: u?.phone ?? null,
    status,
    receivedAt: isoOf(o.receivedAt),
    dueAt: formatTime(new Date(due)),
    level: k.level,
    overdueWorkdays: k.overdueWorkdays,
    dueMs: due,
  };
}

export interface OverdueOptions {
  /** Only orders whose lead unit (as of) is this code. */
  unit?: string;
  /** Include due-soon rows (default true). */
  dueSoon?: boolean;
}

/**
 * The overdue watch as of `asOf`: orders whose clock runs (pending / dispatched / handling as of
 * asOf) and that are due soon, overdue or seriously overdue. Status, dueAt and lead unit come
 * from replaying the log up to asOf; an order with no events in the map is taken as its facts say.
 * Sorted by severity (serious, overdue, due soon), then working days overdue (desc), then dueAt, then no.
 */
export function overdueRows(
  orders: Iterable<OrderFacts>,
  eventsByOrder: ReadonlyMap<string, readonly OrderEvent[]>,
  asOf: Date,
  s: Settings,
  cal: WorkCalendar,
  units: Iterable<UnitInfo>,
  opts: OverdueOptions = {},
): OverdueRow[] {
  const asOfMs = asOf.getTime();
  const cache = new ClassifyCache(asOfMs, cal);
  const unitMap = new Map<string, UnitInfo>();
  for (const u of units) unitMap.set(u.code, u);
  const withDueSoon = opts.dueSoon ?? true;
  const rows: (OverdueRow & { dueMs: number })[] = [];
  for (const o of orders) {
    const evs = eventsByOrder.get(o.no);
    let status: OrderStatus | null;
    let due: number;
    let lead: string | null;
    if (evs && evs.length > 0) {
      const st = replay(evs, asOfMs);
      if (!st.exists) continue;
      status = st.status;
      due = st.dueAt;
      lead = st.leadUnit;
    } else {
      if (!(timeMs(o.receivedAt) <= asOfMs)) continue;
      status = o.status;
      due = timeMs(o.dueAt);
      lead = o.leadUnit;
    }
    if (status === null || !CLOCK_RUNNING.includes(status)) continue;
    if (opts.unit !== undefined && lead !== opts.unit) continue;
    const c = classifyMs(due, asOfMs, s, cal, cache);
    if (c.level === null || (c.level === 'due_soon' && !withDueSoon)) continue;
    rows.push(overdueRow(o, lead, status, due, { level: c.level, overdueWorkdays: c.overdueWorkdays }, unitMap));
  }
  rows.sort(
    (a, b) =>
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
      b.overdueWorkdays - a.overdueWorkdays ||
      a.dueMs - b.dueMs ||
      (a.no < b.no ? -1 : a.no > b.no ? 1 : 0),
  );
  return rows.map(({ dueMs: _drop, ...r }) => r);
}

/** An ISO time normalised to +08:00 (the stored form passes through unchanged). */
export function isoOf(iso: string): string {
  if (iso.length === 25 && iso.endsWith('+08:00')) return iso;
  const t = timeMs(iso);
  return Number.isNaN(t) ? iso : formatTime(new Date(t));
}
