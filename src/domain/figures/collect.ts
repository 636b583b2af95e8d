// The one pass behind every report: each order's log folded once (lifecycle.stateAsOf: events
// after the as-of time ignored), then its timeline facts counted into the period's figures, per
// unit and in total. Every definition is DOMAIN.md's "Figures" section, in the words of the
// comments below; nothing here replays a log or judges a status itself.
import type { WorkCalendar } from '../calendar.js';
import { partDue, sameDayDispatchLimit } from '../deadlines.js';
import { ClassifyCache, classifyOrder } from '../due.js';
import { stateAsOf, isTuiCandidate, onTimeSubmission, type OrderState, type SubmissionFact } from '../lifecycle.js';
import { isRedispatch } from './facts.js';
import { maskPersonal } from '../privacy.js';
import type { Settings } from '../settings.js';
import { addDays, beijingDay, dayStartMs, formatTime, isoOf, timeMs, type Day } from '../time.js';
import { overdueRow } from './overdue-row.js';
import { rate, ratio, round } from './ratio.js';
import type {
  DeniedReturn,
  EventsByOrder,
  Figures,
  OrderFacts,
  OverdueRow,
  RepeatOrder,
  TuiOrder,
  UndispatchedOrder,
  UnitInfo,
} from './types.js';

/** Limits of the lists in reports (the counts stay exact, and the list says it was cut). */
export const LIST_LIMIT = 100;

/** The order of the overdue lists: most working days overdue first, then the earliest due, then by number. */
export function byOverdue(a: { overdueWorkdays: number; dueMs: number; no: string }, b: { overdueWorkdays: number; dueMs: number; no: string }): number {
  return b.overdueWorkdays - a.overdueWorkdays || a.dueMs - b.dueMs || (a.no < b.no ? -1 : a.no > b.no ? 1 : 0);
}
export const TOP_N = 10;

/** 0: left out (ended before its limit, or no limit recorded), 1: in time, 2: late, 3: not yet decided. */
export type Verdict = 0 | 1 | 2 | 3;

/**
 * Signed (or first contact made) in time, for one dispatch, as of asOf (DOMAIN.md): done within the
 * limit → in time; done after it → late; not done: a dispatch that ended (re-dispatch, approved or
 * direct return) at or before its limit is left out; one still not done when its limit passed is
 * late, whatever happens after; otherwise not yet decided. A denied return does not end a dispatch.
 */
export function limitVerdict(doneAt: string | null, limit: string | null, endedAt: string | null, asOfMs: number): Verdict {
  if (limit === null) return 0;
  const lim = timeMs(limit);
  if (doneAt !== null) return timeMs(doneAt) <= lim ? 1 : 2;
  if (endedAt !== null && timeMs(endedAt) <= lim) return 0;
  if (asOfMs > lim) return 2;
  return 3;
}

/**
 * On-time completion (按期办结), for an order whose dueAt falls in the period: judged at the lead's
 * submission (reply or closure request) of the current rework cycle that was not sent back — at or
 * before dueAt is on time, even while the office has not yet reviewed it; after dueAt is late. With
 * no such submission: late once dueAt has passed at the as-of time, else not yet decided.
 */
export function onTimeVerdict(st: OrderState, asOfMs: number): { verdict: 1 | 2 | 3; by: SubmissionFact | null } {
  const by = onTimeSubmission(st);
  if (by) return { verdict: timeMs(by.at) <= timeMs(st.dueAt) ? 1 : 2, by };
  return { verdict: asOfMs > timeMs(st.dueAt) ? 2 : 3, by: null };
}

export class Acc {
  received = 0;
  sameDayNum = 0;
  sameDayDen = 0;
  sameDayPending = 0;
  dispatches = 0;
  redispatches = 0;
  signNum = 0;
  signDen = 0;
  signPending = 0;
  signs = 0;
  signsLate = 0;
  contactNum = 0;
  contactDen = 0;
  contactPending = 0;
  contacts = 0;
  onTimeNum = 0;
  onTimeDen = 0;
  onTimePending = 0;
  replied = 0;
  replies = 0;
  closureRequests = 0;
  directAnswers = 0;
  callbacks = 0;
  satisfied = 0;
  basic = 0;
  unsatisfied = 0;
  contactedYes = 0;
  contactedSaid = 0;
  solvedYes = 0;
  solvedSaid = 0;
  returnsRequested = 0;
  returnsApproved = 0;
  returnsDenied = 0;
  returnsAwaiting = 0;
  /** Returns that did not stand (denied, or direct) in the period: for discipline. */
  returnsBad = 0;
  reworks = 0;
  reminders = 0;
  supervisions = 0;
  extensions = 0;
  repeats = 0;
  overdue = 0;
  seriousOverdue = 0;
  dueSoon = 0;
  handled = 0;

  any(): boolean {
    return (
      this.received + this.dispatches + this.signs + this.onTimeDen + this.onTimePending + this.replies + this.closureRequests +
        this.callbacks + this.returnsRequested + this.returnsApproved + this.returnsDenied + this.reminders + this.supervisions +
        this.extensions + this.contacts + this.overdue + this.dueSoon + this.handled >
      0
    );
  }
}

export interface Collected {
  fromMs: number;
  toMs: number;
  asOfMs: number;
  prevReceived: number;
  total: Acc;
  byUnit: Map<string, Acc>;
  typeCounts: Map<string, number>;
  categoryCounts: Map<string, number>;
  townCounts: Map<string, number>;
  repeatOrders: RepeatOrder[];
  /**
   * The seriously overdue orders' rows: every one (replay), or those a list may show (figure facts:
   * collect-facts.ts makes rows only for the orders it has labels of); seriousTotal counts them all.
   */
  serious: (OverdueRow & { dueMs: number })[];
  seriousTotal: number;
  /** Orders overdue as of asOf (serious included): rows as for `serious`; overdueTotal counts them all. */
  overdueRows: (OverdueRow & { dueMs: number })[];
  overdueTotal: number;
  tui: TuiOrder[];
  deniedReturns: DeniedReturn[];
  undispatched: UndispatchedOrder[];
}

export interface CollectOptions {
  prevFromMs?: number;
  wantUndispatched?: boolean;
}

/**
 * The state of an order as of a time: its log folded as of then; the stored fold of its whole log
 * when the store left the log out (nothing in it happened after the as-of time); an order with
 * neither is taken as registered when received, nothing since.
 */
export function stateOf(o: OrderFacts, events: readonly import('../events.js').OrderEvent[] | undefined, asOfMs: number): OrderState | null {
  if (events && events.length > 0) return stateAsOf(events, asOfMs);
  if (o.state) return o.state;
  if (!(timeMs(o.receivedAt) <= asOfMs)) return null;
  return stateAsOf(
    [
      {
        orderNo: o.no,
        action: 'register',
        fromStatus: null,
        toStatus: 'pending',
        unit: null,
        actor: '',
        occurredAt: isoOf(o.receivedAt),
        recordedAt: isoOf(o.receivedAt),
        note: null,
        data: { receivedAt: isoOf(o.receivedAt), type: o.type, urgency: o.urgency, dueAt: isoOf(o.dueAt), repeatOf: o.repeatOf },
      },
    ],
    asOfMs,
  );
}

/**
 * The counters of one pass (collect here, collectFacts from the figure facts): the totals, a row
 * per unit, and `add`, which counts into the totals (unless `unitOnly`) and the unit's row — and
 * its town's, for a community (DOMAIN.md: a community's figures roll up into its town's row).
 */
export function counting(fromMs: number, toMs: number, asOfMs: number, unitMap: ReadonlyMap<string, UnitInfo>) {
  const total = new Acc();
  const byUnit = new Map<string, Acc>();
  const accOf = (code: string): Acc => {
    let a = byUnit.get(code);
    if (!a) byUnit.set(code, (a = new Acc()));
    return a;
  };
  const parentTown = (code: string): string | null => {
    const u = unitMap.get(code);
    return u && u.kind === 'community' && u.parent ? u.parent : null;
  };
  const add = (unit: string | null, f: (a: Acc) => void, unitOnly = false): void => {
    if (!unitOnly) f(total);
    if (unit === null || unit === '') return;
    f(accOf(unit));
    const town = parentTown(unit);
    if (town !== null) f(accOf(town));
  };
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
    repeatOrders: [],
    serious: [],
    seriousTotal: 0,
    overdueRows: [],
    overdueTotal: 0,
    tui: [],
    deniedReturns: [],
    undispatched: [],
  };
  return { total, byUnit, accOf, add, c };
}

export function collect(
  fromMs: number,
  toMs: number,
  asOfMs: number,
  orders: Iterable<OrderFacts>,
  byOrder: EventsByOrder,
  unitMap: ReadonlyMap<string, UnitInfo>,
  s: Settings,
  cal: WorkCalendar,
  opts: CollectOptions,
): Collected {
  const { total, byUnit, accOf, add, c } = counting(fromMs, toMs, asOfMs, unitMap);
  const inP = (iso: string | null): boolean => {
    if (iso === null) return false;
    const t = timeMs(iso);
    return t >= fromMs && t < toMs;
  };
  const cache = new ClassifyCache(asOfMs, cal);
  const sameDay = new SameDayLimits(s, cal);
  const prevFromMs = opts.prevFromMs ?? fromMs;

  for (const o of orders) {
    const st = stateOf(o, byOrder.get(o.no), asOfMs);
    if (st === null) continue;
    const t = st.timeline;
    const lead = st.leadUnit;
    const touched = new Set<string>();
    const touch = (u: string | null): void => {
      if (u !== null && u !== '') touched.add(u);
    };

    // Dispatches made in the period: signed in time, first contact in time (per unit and part).
    for (const d of t.dispatches) {
      if (!inP(d.at)) continue;
      const sign = limitVerdict(d.signedAt, d.signDueAt, d.endedAt, asOfMs);
      const contact = limitVerdict(d.contactedAt, d.contactDueAt, d.endedAt, asOfMs);
      const isLead = d.part === 'lead';
      add(d.unit, (a) => {
        if (isLead) {
          a.dispatches++;
          if (isRedispatch(t.dispatches, d)) a.redispatches++;
        }
        countVerdict(sign, a, 'sign');
        countVerdict(contact, a, 'contact');
      });
      touch(d.unit);
    }
    // Signs and contacts made in the period (the daily report's counts).
    for (const d of t.dispatches) {
      if (inP(d.signedAt)) add(d.unit, (a) => {
        a.signs++;
        if (timeMs(d.signedAt!) > timeMs(d.signDueAt)) a.signsLate++;
      });
      if (inP(d.contactedAt)) add(d.unit, (a) => a.contacts++);
    }

    // Returns: requested, approved, denied (by the unit that returned), in the period.
    for (const r of t.returns) {
      if (inP(r.at)) {
        add(r.unit, (a) => {
          a.returnsRequested++;
          if (r.review === 'direct') a.returnsBad++;
        });
        touch(r.unit);
      }
      if (r.review === 'pending') add(r.unit, (a) => a.returnsAwaiting++);
      if (r.decidedAt !== null && r.review !== 'direct' && inP(r.decidedAt)) {
        const denied = r.review === 'denied';
        add(r.unit, (a) => {
          if (denied) {
            a.returnsDenied++;
            a.returnsBad++;
          } else a.returnsApproved++;
        });
        if (denied && c.deniedReturns.length < LIST_LIMIT * 10)
          c.deniedReturns.push({ no: o.no, unit: r.unit, unitName: unitMap.get(r.unit)?.name ?? r.unit, at: r.decidedAt, title: maskPersonal(o.title) });
      }
    }

    // Submissions in the period (replies, closure requests, the office's direct answers).
    for (const x of t.submissions) {
      if (!inP(x.at)) continue;
      add(x.unit, (a) => {
        if (x.kind === 'reply') a.replies++;
        else a.closureRequests++;
      });
      if (x.byOffice) total.directAnswers++;
      touch(x.unit);
    }

    // Callbacks in the period: the three rates and the satisfaction score.
    for (const cb of t.callbacks) {
      if (!inP(cb.at)) continue;
      add(cb.unit, (a) => {
        a.callbacks++;
        if (cb.satisfaction === 'satisfied') a.satisfied++;
        else if (cb.satisfaction === 'basic') a.basic++;
        else a.unsatisfied++;
        if (cb.contacted !== null) {
          a.contactedSaid++;
          if (cb.contacted) a.contactedYes++;
        }
        if (cb.solved !== null) {
          a.solvedSaid++;
          if (cb.solved) a.solvedYes++;
        }
      });
      touch(cb.unit);
    }
    for (const r of t.reworks) if (inP(r.at)) add(r.unit, (a) => a.reworks++);
    for (const r of t.reminders) if (inP(r.at)) add(r.unit, (a) => a.reminders++);
    for (const r of t.supervisions) if (inP(r.at)) add(r.unit, (a) => a.supervisions++);
    for (const r of t.extensions) if (inP(r.at)) add(r.unit, (a) => a.extensions++);

    for (const u of touched) accOf(u).handled++;
    if (touched.size > 0) total.handled++;

    // Received in the period: intake, same-day dispatch (the office's), reply rate, repeats.
    const received = timeMs(st.receivedAt);
    if (received >= prevFromMs && received < fromMs) c.prevReceived++;
    if (received >= fromMs && received < toMs) {
      const limit = sameDay.limit(received);
      const first = st.firstDispatchedAt === null ? null : timeMs(st.firstDispatchedAt);
      if (first !== null && first <= limit) {
        total.sameDayNum++;
        total.sameDayDen++;
      } else if (first !== null || asOfMs > limit) total.sameDayDen++;
      else total.sameDayPending++;
      const answered = t.submissions.length > 0;
      add(lead, (a) => {
        a.received++;
        if (answered) a.replied++;
        if (st.repeatOf) a.repeats++;
      });
      c.typeCounts.set(st.type, (c.typeCounts.get(st.type) ?? 0) + 1);
      if (o.category) c.categoryCounts.set(o.category, (c.categoryCounts.get(o.category) ?? 0) + 1);
      if (o.town) c.townCounts.set(o.town, (c.townCounts.get(o.town) ?? 0) + 1);
      if (st.repeatOf && c.repeatOrders.length < LIST_LIMIT)
        c.repeatOrders.push({ no: o.no, repeatOf: st.repeatOf, town: o.town, category: o.category, title: maskPersonal(o.title), leadUnit: lead });
      if (opts.wantUndispatched && (first === null || first > limit) && asOfMs > limit)
        c.undispatched.push({
          no: o.no,
          title: maskPersonal(o.title),
          town: o.town,
          category: o.category,
          receivedAt: isoOf(st.receivedAt),
          dispatchLimit: formatTime(new Date(limit)),
          dispatchedAt: st.firstDispatchedAt,
        });
    }

    // Due in the period: on time / late / not yet decided, for the unit that answered (or leads).
    const due = timeMs(st.dueAt);
    if (due >= fromMs && due < toMs) {
      const v = onTimeVerdict(st, asOfMs);
      const unit = v.by ? v.by.unit : lead;
      add(unit, (a) => countOnTime(a, v.verdict));
    }

    // Co-units' and communities' parts of an order due in the period, each in its own row (a
    // community's rolls up into its town's): due one working day before the lead's dueAt; judged at
    // the unit's part reply (at or before → on time, after → late); none yet: late once the part's
    // limit has passed at the as-of time, else not yet decided. A part whose dispatch ended unanswered
    // (re-dispatch, approved return) is no longer owed and left out. Not in the office's total.
    if (due >= fromMs && due < toMs) {
      const partLimit = partDue(new Date(due), s, cal).getTime();
      for (const d of t.dispatches) {
        if (d.part === 'lead') continue;
        const v = partVerdict(d, t.parts, partLimit, asOfMs);
        if (v !== 0) add(d.unit, (a) => countOnTime(a, v), true);
      }
    }

    // Overdue as of asOf (the one rule: due.classifyOrder).
    const k = classifyOrder(st, new Date(asOfMs), s, cal, cache);
    if (k.level === 'due_soon') add(lead, (a) => a.dueSoon++);
    else if (k.level !== null) {
      const serious = k.level === 'serious';
      add(lead, (a) => {
        a.overdue++;
        if (serious) a.seriousOverdue++;
      });
      const row = overdueRow(o, st, k, unitMap);
      c.overdueRows.push(row);
      c.overdueTotal++;
      if (serious) {
        c.serious.push(row);
        c.seriousTotal++;
      }
    }

    // 推诿 (the one rule: lifecycle.isTuiCandidate), with a return requested in the period.
    if (isTuiCandidate(st) && t.returns.some((r) => inP(r.at))) {
      c.tui.push({
        no: o.no,
        title: maskPersonal(o.title),
        town: o.town,
        category: o.category,
        returns: st.returnCount,
        returnUnits: st.returnUnits,
        returnUnitNames: st.returnUnits.map((code) => unitMap.get(code)?.name ?? code),
        leadUnit: lead,
        status: st.status,
      });
    }
  }
  return c;
}

/**
 * A co-unit's or community's part (the rule above): judged at the unit's first part reply within
 * its dispatch (at or before the part's limit → 1 on time, after → 2 late); none yet: 2 once the
 * limit has passed at the as-of time, else 3 not yet decided; 0 (left out) when the dispatch ended
 * unanswered.
 */
export function partVerdict(
  d: { unit: string; at: string; endedAt: string | null },
  replies: readonly { unit: string; at: string }[],
  partLimitMs: number,
  asOfMs: number,
): Verdict {
  const at = timeMs(d.at);
  const ended = d.endedAt === null ? null : timeMs(d.endedAt);
  const reply = replies.find((p) => p.unit === d.unit && timeMs(p.at) >= at && (ended === null || timeMs(p.at) <= ended));
  if (!reply) return ended !== null ? 0 : asOfMs > partLimitMs ? 2 : 3;
  return timeMs(reply.at) <= partLimitMs ? 1 : 2;
}

/** An on-time verdict (1, 2 or 3) into a unit's counters. */
export function countOnTime(a: Acc, v: Verdict): void {
  if (v === 0) return;
  if (v === 3) a.onTimePending++;
  else {
    a.onTimeDen++;
    if (v === 1) a.onTimeNum++;
  }
}

function countVerdict(v: Verdict, a: Acc, which: 'sign' | 'contact'): void {
  if (v === 0) return;
  if (which === 'sign') {
    if (v === 3) a.signPending++;
    else {
      a.signDen++;
      if (v === 1) a.signNum++;
    }
  } else if (v === 3) a.contactPending++;
  else {
    a.contactDen++;
    if (v === 1) a.contactNum++;
  }
}

/**
 * sameDayDispatchLimit for many orders: the limit is a step function of the time received within a
 * Beijing day (at or before a cut-off → one limit, after it → another), so each day costs one
 * binary search over its seconds (≈ 18 calls) instead of one call per order.
 */
export class SameDayLimits {
  private readonly days = new Map<Day, { cutoff: number; early: number; late: number }>();
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
      let lo = 0;
      let hi = 86_399;
      if (early === late) lo = hi;
      else
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (f(mid) === early) lo = mid;
          else hi = mid;
        }
      d = { cutoff: start + lo * 1000, early, late };
      this.days.set(day, d);
    }
    return receivedMs <= d.cutoff ? d.early : d.late;
  }
  private readonly texts = new Map<Day, { cutoff: string; early: string; late: string }>();
  /** A day's cut-off and limits as texts. */
  cutoffText(day: Day): { cutoff: string; early: string; late: string } {
    let d = this.texts.get(day);
    if (!d) {
      this.limit(dayStartMs(day));
      const ms = this.days.get(day)!;
      d = { cutoff: formatTime(new Date(ms.cutoff)), early: formatTime(new Date(ms.early)), late: formatTime(new Date(ms.late)) };
      this.texts.set(day, d);
    }
    return d;
  }
  /** limit() on stored times ('YYYY-MM-DDTHH:mm:ss+08:00', compared as text), without date arithmetic per order. */
  limitText(receivedAt: string): string {
    if (receivedAt.length !== 25 || !receivedAt.endsWith('+08:00')) return formatTime(new Date(this.limit(timeMs(receivedAt))));
    const d = this.cutoffText(receivedAt.slice(0, 10) as Day);
    return receivedAt <= d.cutoff ? d.early : d.late;
  }
}

/** Each day of [from, to) with its same-day dispatch limits as stored-time texts (for a store query). */
export function sameDayLimitTexts(from: Day, to: Day, s: Settings, cal: WorkCalendar): DayLimits[] {
  const limits = new SameDayLimits(s, cal);
  const out: DayLimits[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) {
    const next = addDays(d, 1);
    const cutoff = limits.cutoffText(d);
    out.push({ start: formatTime(new Date(dayStartMs(d))), end: formatTime(new Date(dayStartMs(next))), ...cutoff });
  }
  return out;
}

/** A day [start, end) and its same-day limit: `early` for orders received at or before `cutoff`, else `late`. */
export interface DayLimits {
  start: string;
  end: string;
  cutoff: string;
  early: string;
  late: string;
}

/** Counters → figures (a unit row gets no same-day figure: that one is the office's). */
export function figuresOf(a: Acc, s: Settings, office: boolean): Figures {
  const evaluated = a.satisfied + a.basic + a.unsatisfied;
  const w = s.satisfactionWeights;
  return {
    received: a.received,
    sameDay: office ? rate(a.sameDayNum, a.sameDayDen, a.sameDayPending) : rate(0, 0),
    dispatches: a.dispatches,
    signedInTime: rate(a.signNum, a.signDen, a.signPending),
    firstContact: rate(a.contactNum, a.contactDen, a.contactPending),
    onTime: rate(a.onTimeNum, a.onTimeDen, a.onTimePending),
    replied: rate(a.replied, a.received),
    callbacks: a.callbacks,
    satisfied: a.satisfied,
    basic: a.basic,
    unsatisfied: a.unsatisfied,
    response: rate(a.contactedYes, a.contactedSaid),
    resolution: rate(a.solvedYes, a.solvedSaid),
    satisfaction: rate(a.satisfied + a.basic, evaluated),
    satisfactionScore:
      evaluated > 0 ? round((a.satisfied * w.satisfied + a.basic * w.basic + a.unsatisfied * w.unsatisfied) / evaluated, 2) : null,
    returnsRequested: a.returnsRequested,
    returnsApproved: a.returnsApproved,
    returnsDenied: a.returnsDenied,
    reworks: a.reworks,
    reminders: a.reminders,
    supervisions: a.supervisions,
    extensions: a.extensions,
    repeats: a.repeats,
    contacts: a.contacts,
    directAnswers: a.directAnswers,
    overdue: a.overdue,
    seriousOverdue: a.seriousOverdue,
    dueSoon: a.dueSoon,
    handled: a.handled,
    discipline: a.handled > 0 ? round(Math.min(1, Math.max(0, 1 - (a.returnsBad + a.reworks) / a.handled)), 4) : null,
  };
}

export { ratio };
