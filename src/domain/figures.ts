// The supervision figures (DOMAIN.md "Figures"): the daily report, the circular (通报) and the
// assessment (考核), as pure functions of plain arrays the store fills. One pass over the orders,
// each order's log replayed once (events after the as-of time ignored); nothing quadratic.
//
// Precise definitions (the catalogue's report.def.* texts say the same in words):
// Period [from, to): Beijing midnight of `from` (inclusive) to Beijing midnight of `to` (exclusive).
// Only what the log held at `asOf` counts: an order exists once registered (or, with no events,
// once received) at or before asOf; every event counts only if it happened (occurredAt) ≤ asOf.
// Unit attribution: order-based figures (received, same-day dispatch, on-time, reply rate, repeats,
// overdue) go to the order's lead unit as of asOf; event-based figures (dispatches/signing, returns,
// reworks, feedback, reminders, supervision, extensions) go to the unit the event names
// (event.unit, or the dispatch's leadUnit), else the lead unit at that moment. Orders with no lead
// unit (never dispatched, or returned and pending) count in the totals only.
import type { WorkCalendar } from './calendar.js';
import { sameDayDispatchLimit } from './deadlines.js';
import { Refusal } from './errors.js';
import type { OrderEvent } from './events.js';
import { CLOCK_RUNNING, ORDER_TYPES, type OrderStatus, type OrderType, type Urgency } from './order.js';
import {
  overdueRow,
  ClassifyCache,
  LEVEL_RANK,
  beijingDay,
  classifyMs,
  dayStartMs,
  groupEvents,
  isoOf,
  replay,
  timeMs,
  type DueLevel,
  type OverdueRow,
} from './overdue.js';
import type { Settings } from './settings.js';
import { addDays, formatTime, parseDay, splitDay, type Day } from './time.js';

import { maskPersonal } from './privacy.js';
export { maskPersonal } from './privacy.js';

// ---------------------------------------------------------------------------------------------
// Inputs

/** One order as the store knows it now (current state); the log says how it stood earlier. */
export interface OrderFacts {
  no: string;
  type: OrderType;
  category: string | null;
  urgency: Urgency;
  town: string | null;
  title: string | null;
  /** ISO 8601 (+08:00). */
  receivedAt: string;
  leadUnit: string | null;
  repeatOf: string | null;
  status: OrderStatus;
  /** Current deadline, ISO 8601 (+08:00). */
  dueAt: string;
}

/** A handling unit as the directory holds it. `phone` is the unit's, not a citizen's. */
export interface UnitInfo {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  contact: string | null;
  phone: string | null;
}

/** The log, flat in log order or already grouped by order number (log order within each order). */
export type EventsInput = readonly OrderEvent[] | ReadonlyMap<string, readonly OrderEvent[]>;

export interface PeriodQuery {
  /** First day, inclusive (from 00:00 Beijing). */
  from: Day;
  /** Day after the last, exclusive (up to 00:00 Beijing). */
  to: Day;
  /** The log as it stood at this time. */
  asOf: Date;
}

// ---------------------------------------------------------------------------------------------
// Outputs

/** A ratio 0..1 (4 decimals), or null when its denominator is 0. Never NaN. */
export type Ratio = number | null;

/** The figures of one unit, or of the whole district (totals). */
export interface Figures {
  /** Orders received in the period. */
  received: number;
  /** Received orders whose same-day dispatch limit had passed by asOf, or that were dispatched (the denominator). */
  sameDayBase: number;
  /** … of which first dispatched at or before the same-day limit. */
  dispatchedSameDay: number;
  dispatchedSameDayRate: Ratio;
  /** Dispatch events in the period (to this unit as lead). */
  dispatches: number;
  /** Dispatches in the period whose signing is decided (signed, sign limit passed, or left the unit late). */
  signBase: number;
  signedInTime: number;
  signedInTimeRate: Ratio;
  /** Orders whose dueAt (as of) is in the period and whose outcome is decided: on time + late. */
  dueInPeriod: number;
  completedOnTime: number;
  completedLate: number;
  onTimeRate: Ratio;
  /** Received orders with a reply or closure request by asOf. */
  replied: number;
  replyRate: Ratio;
  /** Feedback recorded in the period. */
  evaluated: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  satisfactionRate: Ratio;
  /** Weighted score 0..100 (s.satisfactionWeights), 2 decimals; null when nothing evaluated. */
  satisfactionScore: number | null;
  returns: number;
  reworks: number;
  reminders: number;
  supervisions: number;
  /** Approved extensions in the period. */
  extensions: number;
  /** Received orders that are repeats (repeatOf set). */
  repeats: number;
  /** Open orders past dueAt as of asOf (serious included). */
  overdue: number;
  seriousOverdue: number;
  dueSoon: number;
  /** Distinct orders the unit was dispatched, returned, replied or got feedback on in the period. */
  handled: number;
  /** 1 − (returns + reworks) / handled, clamped to 0..1; null when handled is 0. */
  discipline: Ratio;
}

export interface UnitFigures extends Figures {
  code: string;
  name: string;
  kind: string | null;
  /** Satisfaction rate below s.satisfactionFloor. */
  belowFloor: boolean;
}

export interface Share {
  count: number;
  /** Of the period's received orders, 0..1. */
  share: Ratio;
}

export interface AssessWeights {
  signedInTime: number;
  onTime: number;
  satisfaction: number;
  discipline: number;
}

export interface AssessRow {
  /** 1-based; ties share a rank (1, 2, 2, 4); null when the unit had no data in any component. */
  rank: number | null;
  code: string;
  name: string;
  kind: string | null;
  /** 0..100, 2 decimals; null when no component had data. */
  score: number | null;
  signedInTimeRate: Ratio;
  onTimeRate: Ratio;
  /** The satisfaction component as a ratio: satisfactionScore / 100. */
  satisfaction: Ratio;
  discipline: Ratio;
  /** Components with data, of 4; the score is reweighted over these. */
  components: number;
}

export interface AssessReport {
  kind: 'assess';
  from: Day;
  to: Day;
  asOf: string;
  weights: AssessWeights;
  satisfactionWeights: { satisfied: number; basic: number; unsatisfied: number };
  rows: AssessRow[];
  /** figure → message-catalogue key of its definition (renderJson turns keys into text). */
  definitions: Record<string, string>;
}

export interface TuiOrder {
  no: string;
  title: string | null;
  town: string | null;
  category: string | null;
  /** Returns as of asOf (all time). */
  returns: number;
  /** Distinct units that returned it, in order of first return. */
  returnUnits: string[];
  returnUnitNames: string[];
  leadUnit: string | null;
  status: OrderStatus;
}

export interface RepeatOrder {
  no: string;
  repeatOf: string;
  town: string | null;
  category: string | null;
  title: string | null;
  leadUnit: string | null;
}

export interface CircularReport {
  kind: 'circular';
  from: Day;
  to: Day;
  asOf: string;
  previous: { from: Day; to: Day; received: number };
  received: number;
  /** (received − previous) / previous, 4 decimals; null when the previous period had 0. */
  growth: number | null;
  totals: Figures;
  byType: ({ type: OrderType } & Share)[];
  topCategories: ({ category: string } & Share)[];
  topTowns: ({ town: string } & Share)[];
  hotWords: { word: string; count: number }[];
  repeats: { count: number; share: Ratio; orders: RepeatOrder[]; listed: number };
  units: UnitFigures[];
  belowFloor: { code: string; name: string; evaluated: number; satisfactionRate: number }[];
  /** s.satisfactionFloor as a ratio 0..1. */
  satisfactionFloor: number;
  satisfactionWeights: { satisfied: number; basic: number; unsatisfied: number };
  seriousOverdueWorkdays: number;
  overdueUnits: { code: string; name: string; overdue: number; seriousOverdue: number }[];
  seriousOrders: OverdueRow[];
  seriousTotal: number;
  tuiOrders: TuiOrder[];
  ranking: AssessRow[];
  weights: AssessWeights;
  definitions: Record<string, string>;
}

export interface UndispatchedOrder {
  no: string;
  title: string | null;
  town: string | null;
  category: string | null;
  receivedAt: string;
  /** The same-day dispatch limit (sameDayDispatchLimit). */
  dispatchLimit: string;
  /** First dispatch at or before asOf, if any (after the day ended). */
  dispatchedAt: string | null;
}

export interface DailyUnitRow {
  code: string;
  name: string;
  dispatched: number;
  signed: number;
  signedLate: number;
  replies: number;
  returns: number;
  dueSoon: number;
  overdue: number;
  seriousOverdue: number;
}

export interface DailyReport {
  kind: 'daily';
  day: Day;
  asOf: string;
  received: number;
  /** Dispatch events that day (re-dispatches included). */
  dispatched: number;
  redispatched: number;
  /** Received that day and not dispatched before the day ended (breaks 当日转接). */
  undispatched: number;
  undispatchedOrders: UndispatchedOrder[];
  signed: number;
  signedLate: number;
  replies: number;
  closureRequests: number;
  returns: number;
  feedback: number;
  /** As of asOf, over open orders whose clock runs. */
  dueSoon: number;
  overdue: number;
  seriousOverdue: number;
  seriousOverdueWorkdays: number;
  units: DailyUnitRow[];
  definitions: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Limits of the lists in reports (the counts stay exact).

export const LIST_LIMIT = 100;
export const TOP_N = 10;
export const HOT_WORDS_N = 20;
/** Hot words are computed from at most this many titles, sampled evenly over the period. */
export const HOT_WORDS_SAMPLE = 20_000;

// ---------------------------------------------------------------------------------------------
// The one pass

class Acc {
  received = 0;
  sameDayBase = 0;
  dispatchedSameDay = 0;
  dispatches = 0;
  signBase = 0;
  signedInTime = 0;
  signs = 0;
  signsLate = 0;
  completedOnTime = 0;
  completedLate = 0;
  replied = 0;
  replies = 0;
  closureRequests = 0;
  redispatches = 0;
  satisfied = 0;
  basic = 0;
  unsatisfied = 0;
  returns = 0;
  reworks = 0;
  reminders = 0;
  supervisions = 0;
  extensions = 0;
  repeats = 0;
  overdue = 0;
  seriousOverdue = 0;
  dueSoon = 0;
  handled = 0;
  feedback = 0;

  any(): boolean {
    return (
      this.received + this.dispatches + this.signs + this.completedOnTime + this.completedLate + this.replies +
        this.closureRequests + this.feedback + this.returns + this.reminders + this.supervisions + this.extensions +
        this.overdue + this.dueSoon + this.handled >
      0
    );
  }
}

interface Collected {
  fromMs: number;
  toMs: number;
  asOfMs: number;
  prevReceived: number;
  total: Acc;
  byUnit: Map<string, Acc>;
  typeCounts: Map<OrderType, number>;
  categoryCounts: Map<string, number>;
  townCounts: Map<string, number>;
  titles: string[];
  repeatOrders: RepeatOrder[];
  serious: (OverdueRow & { dueMs: number })[];
  tui: TuiOrder[];
  undispatched: UndispatchedOrder[];
}

interface CollectOptions {
  prevFromMs?: number;
  wantTitles?: boolean;
  wantUndispatched?: boolean;
}

function collect(
  fromMs: number,
  toMs: number,
  asOfMs: number,
  orders: Iterable<OrderFacts>,
  eventsIn: EventsInput,
  unitMap: ReadonlyMap<string, UnitInfo>,
  s: Settings,
  cal: WorkCalendar,
  opts: CollectOptions,
): Collected {
  const byOrder: ReadonlyMap<string, readonly OrderEvent[]> = isEventMap(eventsIn) ? eventsIn : groupEvents(eventsIn);
  const byUnit = new Map<string, Acc>();
  const total = new Acc();
  const unitAcc = (code: string): Acc => {
    let a = byUnit.get(code);
    if (!a) byUnit.set(code, (a = new Acc()));
    return a;
  };
  const both = (unit: string | null, f: (a: Acc) => void): void => {
    f(total);
    if (unit !== null) f(unitAcc(unit));
  };
  const cache = new ClassifyCache(asOfMs, cal);
  const sameDay = new SameDayLimits(s, cal);
  const prevFromMs = opts.prevFromMs ?? fromMs;
  const c: Collected = {
    fromMs,
    toMs,
    asOfMs,
    prevReceived: 0,
    total,
    byUnit,
    typeCounts: new Map(),
    categoryCounts: new Map(),
    townCounts: new Map(),
    titles: [],
    repeatOrders: [],
    serious: [],
    tui: [],
    undispatched: [],
  };

  // Per-order scratch, reset for each order (kept outside the loop: no allocation per order).
  let signUnit: string | null = null; // unit of the dispatch awaiting its sign, if that dispatch is in the period
  let signDue = NaN;
  let signOpen = false; // the latest dispatch has not been signed / returned / replaced yet
  let signTracked = false; // … and it was in the period (counts for "signed in time")
  let returnsAll = 0;
  let returnInPeriod = false;
  let returnUnits: string[] | null = null;
  let touched: string[] | null = null; // units that "handled" the order in the period

  const touch = (unit: string | null): void => {
    if (unit === null) return;
    if (touched === null) touched = [unit];
    else if (!touched.includes(unit)) touched.push(unit);
  };
  // A pending sign is resolved by something other than a sign (return, re-dispatch) at time t.
  const leaveUnsigned = (t: number): void => {
    if (signOpen && signTracked && t > signDue) both(signUnit, (a) => a.signBase++); // NaN limit: unknown, left out
    signOpen = false;
    signTracked = false;
  };

  const visit = (e: OrderEvent, t: number, st: { leadUnit: string | null }): void => {
    const inP = t >= fromMs && t < toMs;
    const d = e.data;
    switch (e.action) {
      case 'dispatch': {
        leaveUnsigned(t);
        const unit = d.leadUnit ?? e.unit ?? null;
        signOpen = true;
        signUnit = unit;
        signDue = timeMs(d.signDueAt);
        signTracked = inP;
        if (inP) {
          both(unit, (a) => {
            a.dispatches++;
            if (d.redispatch) a.redispatches++;
          });
          touch(unit);
        }
        break;
      }
      case 'sign': {
        const late = Number.isNaN(signDue) ? d.late === true : t > signDue;
        const unit = e.unit ?? signUnit ?? st.leadUnit;
        if (inP)
          both(unit, (a) => {
            a.signs++;
            if (late) a.signsLate++;
          });
        if (signOpen && signTracked)
          both(signUnit, (a) => {
            a.signBase++;
            if (!late) a.signedInTime++;
          });
        signOpen = false;
        signTracked = false;
        break;
      }
      case 'return': {
        leaveUnsigned(t);
        const unit = e.unit ?? st.leadUnit;
        returnsAll++;
        if (unit !== null) {
          if (returnUnits === null) returnUnits = [unit];
          else if (!returnUnits.includes(unit)) returnUnits.push(unit);
        }
        if (inP) {
          returnInPeriod = true;
          both(unit, (a) => a.returns++);
          touch(unit);
        }
        break;
      }
      case 'reply':
        if (inP) {
          const unit = e.unit ?? st.leadUnit;
          both(unit, (a) => a.replies++);
          touch(unit);
        }
        break;
      case 'closure_request':
        if (inP) {
          const unit = e.unit ?? st.leadUnit;
          both(unit, (a) => a.closureRequests++);
          touch(unit);
        }
        break;
      case 'feedback':
        if (inP) {
          const unit = e.unit ?? st.leadUnit;
          const sat = d.satisfaction;
          const rework = d.rework === true || sat === 'unsatisfied';
          both(unit, (a) => {
            a.feedback++;
            if (sat === 'satisfied') a.satisfied++;
            else if (sat === 'basic') a.basic++;
            else if (sat === 'unsatisfied') a.unsatisfied++;
            if (rework) a.reworks++;
          });
          touch(unit);
        }
        break;
      case 'remind':
        if (inP) both(e.unit ?? st.leadUnit, (a) => a.reminders++);
        break;
      case 'supervise':
        if (inP) both(e.unit ?? st.leadUnit, (a) => a.supervisions++);
        break;
      case 'extend_approve':
        if (inP) both(e.unit ?? st.leadUnit, (a) => a.extensions++);
        break;
      default:
        break;
    }
  };

  for (const o of orders) {
    signUnit = null;
    signDue = NaN;
    signOpen = false;
    signTracked = false;
    returnsAll = 0;
    returnInPeriod = false;
    returnUnits = null;
    touched = null;

    const evs = byOrder.get(o.no);
    const received = timeMs(o.receivedAt);
    let status: OrderStatus | null;
    let due: number;
    let lead: string | null;
    let firstDispatchAt: number | null;
    let firstAnswerAt: number | null;
    let completedAt: number | null;
    let submittedAt: number | null;
    if (evs && evs.length > 0) {
      const st = replay(evs, asOfMs, visit);
      if (!st.exists) continue;
      status = st.status;
      due = st.dueAt;
      lead = st.leadUnit;
      firstDispatchAt = st.firstDispatchAt;
      firstAnswerAt = st.firstAnswerAt;
      completedAt = st.completedAt;
      submittedAt = st.submittedAt;
    } else {
      // No log for this order: take the facts as they are (registered when received, nothing since).
      if (!(received <= asOfMs)) continue;
      status = o.status;
      due = timeMs(o.dueAt);
      lead = o.leadUnit;
      firstDispatchAt = completedAt = submittedAt = firstAnswerAt = null;
    }
    // A dispatch awaiting its sign: late once the sign limit has passed as of asOf, else undecided.
    if (signOpen && signTracked && asOfMs > signDue) both(signUnit, (a) => a.signBase++);
    if (touched !== null) for (const u of touched as string[]) unitAcc(u).handled++;
    if (touched !== null) total.handled++;

    // Received in the period.
    if (received >= prevFromMs && received < fromMs) c.prevReceived++;
    if (received >= fromMs && received < toMs) {
      const limit = sameDay.limit(received);
      const inTime = firstDispatchAt !== null && firstDispatchAt <= limit;
      const decided = firstDispatchAt !== null || asOfMs > limit;
      both(lead, (a) => {
        a.received++;
        if (decided) a.sameDayBase++;
        if (inTime) a.dispatchedSameDay++;
        if (firstAnswerAt !== null) a.replied++;
        if (o.repeatOf) a.repeats++;
      });
      c.typeCounts.set(o.type, (c.typeCounts.get(o.type) ?? 0) + 1);
      const cat = o.category ?? '';
      c.categoryCounts.set(cat, (c.categoryCounts.get(cat) ?? 0) + 1);
      const town = o.town ?? '';
      c.townCounts.set(town, (c.townCounts.get(town) ?? 0) + 1);
      if (opts.wantTitles && o.title) c.titles.push(o.title);
      if (o.repeatOf && c.repeatOrders.length < LIST_LIMIT)
        c.repeatOrders.push({
          no: o.no,
          repeatOf: o.repeatOf,
          town: o.town,
          category: o.category,
          title: maskPersonal(o.title),
          leadUnit: lead,
        });
      if (opts.wantUndispatched && (firstDispatchAt === null || firstDispatchAt >= toMs))
        c.undispatched.push({
          no: o.no,
          title: maskPersonal(o.title),
          town: o.town,
          category: o.category,
          receivedAt: isoOf(o.receivedAt),
          dispatchLimit: formatTime(new Date(limit)),
          dispatchedAt: firstDispatchAt === null ? null : formatTime(new Date(firstDispatchAt)),
        });
    }

    // Due in the period: on time / late / undecided.
    if (due >= fromMs && due < toMs) {
      let verdict: 0 | 1 | 2 = 0; // 0 undecided, 1 on time, 2 late
      if (completedAt !== null) verdict = completedAt <= due ? 1 : 2;
      else if ((status === 'replied' || status === 'closure_requested') && submittedAt !== null && submittedAt <= due)
        verdict = 0; // answered in time, awaiting the office's decision
      else if (status !== 'closed' && status !== 'answered' && asOfMs > due) verdict = 2;
      if (verdict === 1) both(lead, (a) => a.completedOnTime++);
      else if (verdict === 2) both(lead, (a) => a.completedLate++);
    }

    // Overdue as of asOf.
    if (status !== null && CLOCK_RUNNING.includes(status)) {
      const k = classifyMs(due, asOfMs, s, cal, cache);
      if (k.level === 'due_soon') both(lead, (a) => a.dueSoon++);
      else if (k.level !== null) {
        const serious = k.level === 'serious';
        both(lead, (a) => {
          a.overdue++;
          if (serious) a.seriousOverdue++;
        });
        if (serious) c.serious.push(overdueRow(o, lead, status, due, { level: k.level, overdueWorkdays: k.overdueWorkdays }, unitMap));
      }
    }

    // 推诿: returned twice, or by two different units, with a return in the period.
    if (returnInPeriod && (returnsAll >= 2 || (returnUnits !== null && (returnUnits as string[]).length >= 2))) {
      const ru = (returnUnits ?? []) as string[];
      c.tui.push({
        no: o.no,
        title: maskPersonal(o.title),
        town: o.town,
        category: o.category,
        returns: returnsAll,
        returnUnits: ru,
        returnUnitNames: ru.map((code) => unitMap.get(code)?.name ?? code),
        leadUnit: lead,
        status: status ?? o.status,
      });
    }
  }
  return c;
}

/**
 * sameDayDispatchLimit for many orders: the limit is a step function of the time received within a
 * Beijing day (at or before a cut-off → one limit, after it → another), so each day costs one
 * binary search over its seconds (≈ 18 calls) instead of one call per order.
 */
class SameDayLimits {
  private readonly days = new Map<Day, { start: number; cutoff: number; early: number; late: number }>();
  constructor(
    private readonly s: Settings,
    private readonly cal: WorkCalendar,
  ) {}
  limit(receivedMs: number): number {
    const day = beijingDay(receivedMs);
    let d = this.days.get(day);
    if (!d) {
      const start = dayStartMs(day);
      const f = (sec: number): number => sameDayDispatchLimit(new Date(start + sec * 1000), this.s, this.cal).getTime();
      const early = f(0);
      const late = f(86_399);
      let lo = 0; // f(lo) === early
      let hi = 86_399; // f(hi) === late (when late !== early)
      if (early === late) lo = hi;
      else
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (f(mid) === early) lo = mid;
          else hi = mid;
        }
      d = { start, cutoff: start + lo * 1000, early, late };
      this.days.set(day, d);
    }
    return receivedMs <= d.cutoff ? d.early : d.late;
  }
}

function isEventMap(e: EventsInput): e is ReadonlyMap<string, readonly OrderEvent[]> {
  return e instanceof Map;
}

// ---------------------------------------------------------------------------------------------
// Turning counters into figures

function ratio(num: number, den: number): Ratio {
  return den > 0 ? round(num / den, 4) : null;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  // toPrecision(12) first: 78.335 × 100 is 7833.499999…, and half of a unit must round up.
  return Math.round(Number((x * f).toPrecision(12))) / f;
}

function figuresOf(a: Acc, s: Settings): Figures {
  const evaluated = a.satisfied + a.basic + a.unsatisfied;
  const w = s.satisfactionWeights;
  const dueInPeriod = a.completedOnTime + a.completedLate;
  const bad = a.returns + a.reworks;
  return {
    received: a.received,
    sameDayBase: a.sameDayBase,
    dispatchedSameDay: a.dispatchedSameDay,
    dispatchedSameDayRate: ratio(a.dispatchedSameDay, a.sameDayBase),
    dispatches: a.dispatches,
    signBase: a.signBase,
    signedInTime: a.signedInTime,
    signedInTimeRate: ratio(a.signedInTime, a.signBase),
    dueInPeriod,
    completedOnTime: a.completedOnTime,
    completedLate: a.completedLate,
    onTimeRate: ratio(a.completedOnTime, dueInPeriod),
    replied: a.replied,
    replyRate: ratio(a.replied, a.received),
    evaluated,
    satisfied: a.satisfied,
    basic: a.basic,
    unsatisfied: a.unsatisfied,
    satisfactionRate: ratio(a.satisfied + a.basic, evaluated),
    satisfactionScore:
      evaluated > 0 ? round((a.satisfied * w.satisfied + a.basic * w.basic + a.unsatisfied * w.unsatisfied) / evaluated, 2) : null,
    returns: a.returns,
    reworks: a.reworks,
    reminders: a.reminders,
    supervisions: a.supervisions,
    extensions: a.extensions,
    repeats: a.repeats,
    overdue: a.overdue,
    seriousOverdue: a.seriousOverdue,
    dueSoon: a.dueSoon,
    handled: a.handled,
    discipline: a.handled > 0 ? round(Math.min(1, Math.max(0, 1 - bad / a.handled)), 4) : null,
  };
}

/** Kinds that always get a row (the assessed units), even with nothing in the period. */
const ALWAYS_LISTED = new Set(['town', 'department']);

function unitRows(c: Collected, units: readonly UnitInfo[], s: Settings): UnitFigures[] {
  const rows: UnitFigures[] = [];
  const seen = new Set<string>();
  const floor = s.satisfactionFloor / 100;
  const row = (code: string, name: string, kind: string | null, a: Acc | undefined): UnitFigures => {
    const f = figuresOf(a ?? new Acc(), s);
    return { code, name, kind, ...f, belowFloor: f.satisfactionRate !== null && f.satisfactionRate < floor };
  };
  for (const u of units) {
    if (seen.has(u.code)) continue;
    seen.add(u.code);
    const a = c.byUnit.get(u.code);
    if (ALWAYS_LISTED.has(u.kind) || (a && a.any())) rows.push(row(u.code, u.name, u.kind, a));
  }
  const unknown = [...c.byUnit.keys()].filter((k) => !seen.has(k)).sort();
  for (const code of unknown) {
    const a = c.byUnit.get(code);
    if (a && a.any()) rows.push(row(code, code, null, a));
  }
  return rows;
}

function assessRows(rows: readonly UnitFigures[], weights: AssessWeights): AssessRow[] {
  const out: AssessRow[] = rows.map((r) => {
    const satisfaction = r.satisfactionScore === null ? null : round(r.satisfactionScore / 100, 4);
    const parts: [Ratio, number][] = [
      [r.signedInTimeRate, weights.signedInTime],
      [r.onTimeRate, weights.onTime],
      [satisfaction, weights.satisfaction],
      [r.discipline, weights.discipline],
    ];
    let sum = 0;
    let wsum = 0;
    let n = 0;
    for (const [v, w] of parts) {
      if (v === null) continue;
      n++;
      sum += v * w;
      wsum += w;
    }
    return {
      rank: null,
      code: r.code,
      name: r.name,
      kind: r.kind,
      score: n > 0 && wsum > 0 ? round((sum / wsum) * 100, 2) : null,
      signedInTimeRate: r.signedInTimeRate,
      onTimeRate: r.onTimeRate,
      satisfaction,
      discipline: r.discipline,
      components: n,
    };
  });
  out.sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === b.score ? cmp(a.code, b.code) : a.score === null ? 1 : -1;
    return b.score - a.score || cmp(a.code, b.code);
  });
  let prev: number | null = null;
  let rank = 0;
  out.forEach((r, i) => {
    if (r.score === null) return;
    if (r.score !== prev) rank = i + 1;
    prev = r.score;
    r.rank = rank;
  });
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function top<K extends string>(counts: Map<string, number>, total: number, n: number, key: K): (Record<K, string> & Share)[] {
  return [...counts.entries()]
    .filter(([k]) => k !== '')
    .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
    .slice(0, n)
    .map(([k, count]) => ({ [key]: k, count, share: ratio(count, total) }) as Record<K, string> & Share);
}

// ---------------------------------------------------------------------------------------------
// Hot words

/** Words that say nothing about the matter. */
const STOP_WORDS = new Set([
  '问题', '反映', '反应', '市民', '来电', '咨询', '投诉', '举报', '建议', '求助', '表扬', '要求', '希望', '处理', '解决',
  '请求', '关于', '相关', '情况', '进行', '没有', '已经', '一个', '我们', '他们', '你们', '现在', '目前', '表示', '本人',
  '请问', '如何', '怎么', '什么', '是否', '可以', '能否', '为什么', '无法', '不能', '存在', '有关', '部门', '工作', '需要',
  '诉求', '其他', '以及', '还是', '这个', '那个', '一直', '多次', '导致', '影响', '严重', '附近', '周边', '位于', '时间',
]);

/**
 * The most frequent words of the titles (each word counted once per title): Intl.Segmenter('zh')
 * word segments of two or more characters, minus a stop list and anything with digits; falls back to
 * character bigrams where the runtime has no Chinese segmenter.
 */
export function hotWords(titles: readonly string[], n = HOT_WORDS_N): { word: string; count: number }[] {
  const counts = new Map<string, number>();
  const step = titles.length > HOT_WORDS_SAMPLE ? titles.length / HOT_WORDS_SAMPLE : 1;
  const seg = segmenter();
  const seen = new Set<string>();
  for (let i = 0; i < titles.length; i += step) {
    const title = titles[Math.floor(i)] ?? '';
    seen.clear();
    for (const w of words(title, seg)) {
      if (w.length < 2 || STOP_WORDS.has(w) || /\d/.test(w) || seen.has(w)) continue;
      seen.add(w);
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .filter(([, c]) => c >= 2 || titles.length < 2)
    .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
    .slice(0, n)
    .map(([word, count]) => ({ word, count }));
}

let segCache: Intl.Segmenter | null | undefined;
function segmenter(): Intl.Segmenter | null {
  if (segCache === undefined) {
    try {
      const sg = new Intl.Segmenter('zh', { granularity: 'word' });
      // A runtime without Chinese dictionaries returns one segment per character.
      const parts = [...sg.segment('道路积水')].filter((p) => p.isWordLike);
      segCache = parts.length < 4 ? sg : null;
    } catch {
      segCache = null;
    }
  }
  return segCache;
}

function* words(title: string, seg: Intl.Segmenter | null): Generator<string> {
  if (seg) {
    // ICU's dictionary leaves many two-character words in single characters (社|保, 扰|民): a run
    // of single-character segments contributes its character bigrams as well.
    let run = '';
    for (const p of seg.segment(title)) {
      if (p.isWordLike && p.segment.length === 1 && /[\u4e00-\u9fff]/.test(p.segment)) {
        run += p.segment;
        continue;
      }
      for (let i = 0; i + 2 <= run.length; i++) yield run.slice(i, i + 2);
      run = '';
      if (p.isWordLike) yield p.segment;
    }
    for (let i = 0; i + 2 <= run.length; i++) yield run.slice(i, i + 2);
    return;
  }
  for (const run of title.match(/[\u4e00-\u9fff]+/g) ?? []) for (let i = 0; i + 2 <= run.length; i++) yield run.slice(i, i + 2);
}

// ---------------------------------------------------------------------------------------------
// Public reports

function checkPeriod(from: Day, to: Day): void {
  if (parseDay(from) !== from) throw new Refusal('report.badDay', { value: from });
  if (parseDay(to) !== to) throw new Refusal('report.badDay', { value: to });
  if (to <= from) throw new Refusal('report.badPeriod', { from, to });
}

function daysBetween(from: Day, to: Day): number {
  const [y1, m1, d1] = splitDay(from);
  const [y2, m2, d2] = splitDay(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

function unitIndex(units: Iterable<UnitInfo>): { list: UnitInfo[]; map: Map<string, UnitInfo> } {
  const list = [...units];
  return { list, map: new Map(list.map((u) => [u.code, u])) };
}

const CIRCULAR_FIGURES = [
  'received', 'growth', 'byType', 'topCategories', 'dispatchedSameDay', 'signedInTime', 'onTime', 'replyRate',
  'satisfactionRate', 'satisfactionScore', 'returns', 'reworks', 'reminders', 'supervisions', 'extensions', 'repeats',
  'overdue', 'seriousOverdue', 'hotWords', 'tui', 'discipline', 'score',
] as const;
const ASSESS_FIGURES = ['signedInTime', 'onTime', 'satisfactionScore', 'discipline', 'score'] as const;
const DAILY_FIGURES = ['received', 'dispatched', 'undispatched', 'signed', 'replies', 'dueSoon', 'overdue', 'seriousOverdue'] as const;

function definitionKeys(figures: readonly string[]): Record<string, string> {
  return Object.fromEntries(figures.map((f) => [f, `report.def.${f}`]));
}

/**
 * The circular (通报) for [from, to) as the log stood at asOf. See the header of this file and
 * the Figures interface for each definition. Refuses (report.badDay / report.badPeriod) a bad period.
 */
export function circular(
  q: PeriodQuery,
  orders: Iterable<OrderFacts>,
  events: EventsInput,
  units: Iterable<UnitInfo>,
  s: Settings,
  cal: WorkCalendar,
): CircularReport {
  checkPeriod(q.from, q.to);
  const len = daysBetween(q.from, q.to);
  const prevFrom = addDays(q.from, -len);
  const { list, map } = unitIndex(units);
  const c = collect(dayStartMs(q.from), dayStartMs(q.to), q.asOf.getTime(), orders, events, map, s, cal, {
    prevFromMs: dayStartMs(prevFrom),
    wantTitles: true,
  });
  const totals = figuresOf(c.total, s);
  const rows = unitRows(c, list, s);
  const received = totals.received;
  const byType = ORDER_TYPES.map((type) => {
    const count = c.typeCounts.get(type) ?? 0;
    return { type, count, share: ratio(count, received) };
  });
  const weights = { ...s.assessWeights };
  c.serious.sort((a, b) => b.overdueWorkdays - a.overdueWorkdays || a.dueMs - b.dueMs || cmp(a.no, b.no));
  c.tui.sort((a, b) => b.returns - a.returns || b.returnUnits.length - a.returnUnits.length || cmp(a.no, b.no));
  return {
    kind: 'circular',
    from: q.from,
    to: q.to,
    asOf: formatTime(q.asOf),
    previous: { from: prevFrom, to: q.from, received: c.prevReceived },
    received,
    growth: c.prevReceived > 0 ? round((received - c.prevReceived) / c.prevReceived, 4) : null,
    totals,
    byType,
    topCategories: top(c.categoryCounts, received, TOP_N, 'category'),
    topTowns: top(c.townCounts, received, TOP_N, 'town'),
    hotWords: hotWords(c.titles),
    repeats: { count: totals.repeats, share: ratio(totals.repeats, received), orders: c.repeatOrders, listed: c.repeatOrders.length },
    units: rows,
    belowFloor: rows
      .filter((r) => r.belowFloor)
      .map((r) => ({ code: r.code, name: r.name, evaluated: r.evaluated, satisfactionRate: r.satisfactionRate as number }))
      .sort((a, b) => a.satisfactionRate - b.satisfactionRate || cmp(a.code, b.code)),
    satisfactionFloor: round(s.satisfactionFloor / 100, 4),
    satisfactionWeights: { ...s.satisfactionWeights },
    seriousOverdueWorkdays: s.seriousOverdueWorkdays,
    overdueUnits: rows
      .filter((r) => r.overdue > 0)
      .map((r) => ({ code: r.code, name: r.name, overdue: r.overdue, seriousOverdue: r.seriousOverdue }))
      .sort((a, b) => b.seriousOverdue - a.seriousOverdue || b.overdue - a.overdue || cmp(a.code, b.code)),
    seriousOrders: c.serious.slice(0, LIST_LIMIT).map(({ dueMs: _d, ...r }) => r),
    seriousTotal: c.serious.length,
    tuiOrders: c.tui.slice(0, LIST_LIMIT),
    ranking: assessRows(rows, weights),
    weights,
    definitions: definitionKeys(CIRCULAR_FIGURES),
  };
}

/**
 * The assessment (考核) for [from, to): a score 0–100 per unit from its figures, with weights
 * s.assessWeights: signed in time, on-time completion, satisfaction (the weighted satisfaction
 * score / 100), discipline (1 − (returns + reworks) / handled, clamped to 0..1).
 * A component without data (denominator 0) is left out and the score is reweighted over the
 * components that have data; a unit with no data at all gets score null and no rank (listed last).
 * Rows: every town and department, plus any other unit with activity; sorted by score (desc), then code.
 */
export function assess(
  q: PeriodQuery,
  orders: Iterable<OrderFacts>,
  events: EventsInput,
  units: Iterable<UnitInfo>,
  s: Settings,
  cal: WorkCalendar,
): AssessReport {
  checkPeriod(q.from, q.to);
  const { list, map } = unitIndex(units);
  const c = collect(dayStartMs(q.from), dayStartMs(q.to), q.asOf.getTime(), orders, events, map, s, cal, {});
  const weights = { ...s.assessWeights };
  return {
    kind: 'assess',
    from: q.from,
    to: q.to,
    asOf: formatTime(q.asOf),
    weights,
    satisfactionWeights: { ...s.satisfactionWeights },
    rows: assessRows(unitRows(c, list, s), weights),
    definitions: definitionKeys(ASSESS_FIGURES),
  };
}

/**
 * The daily report for one Beijing day, as the log stood at asOf (usually the end of the day or
 * now): what came in, what went out, what is late. Due soon / overdue are as of asOf.
 */
export function dailyReport(
  q: { day: Day; asOf: Date },
  orders: Iterable<OrderFacts>,
  events: EventsInput,
  units: Iterable<UnitInfo>,
  s: Settings,
  cal: WorkCalendar,
): DailyReport {
  if (parseDay(q.day) !== q.day) throw new Refusal('report.badDay', { value: q.day });
  const { list, map } = unitIndex(units);
  const c = collect(dayStartMs(q.day), dayStartMs(addDays(q.day, 1)), q.asOf.getTime(), orders, events, map, s, cal, {
    wantUndispatched: true,
  });
  const t = c.total;
  const rows: DailyUnitRow[] = [];
  const seen = new Set<string>();
  const add = (code: string, name: string): void => {
    const a = c.byUnit.get(code);
    if (!a) return;
    const r: DailyUnitRow = {
      code,
      name,
      dispatched: a.dispatches,
      signed: a.signs,
      signedLate: a.signsLate,
      replies: a.replies,
      returns: a.returns,
      dueSoon: a.dueSoon,
      overdue: a.overdue,
      seriousOverdue: a.seriousOverdue,
    };
    if (r.dispatched + r.signed + r.replies + r.returns + r.dueSoon + r.overdue > 0) rows.push(r);
  };
  for (const u of list) {
    if (seen.has(u.code)) continue;
    seen.add(u.code);
    add(u.code, u.name);
  }
  for (const code of [...c.byUnit.keys()].filter((k) => !seen.has(k)).sort()) add(code, code);
  c.undispatched.sort((a, b) => cmp(a.receivedAt, b.receivedAt) || cmp(a.no, b.no));
  return {
    kind: 'daily',
    day: q.day,
    asOf: formatTime(q.asOf),
    received: t.received,
    dispatched: t.dispatches,
    redispatched: t.redispatches,
    undispatched: c.undispatched.length,
    undispatchedOrders: c.undispatched.slice(0, LIST_LIMIT),
    signed: t.signs,
    signedLate: t.signsLate,
    replies: t.replies,
    closureRequests: t.closureRequests,
    returns: t.returns,
    feedback: t.feedback,
    dueSoon: t.dueSoon,
    overdue: t.overdue,
    seriousOverdue: t.seriousOverdue,
    seriousOverdueWorkdays: s.seriousOverdueWorkdays,
    units: rows,
    definitions: definitionKeys(DAILY_FIGURES),
  };
}

export type { DueLevel, OverdueRow };
export { LEVEL_RANK };
