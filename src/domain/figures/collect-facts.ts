// The one pass of collect.ts, from the period's figure facts (facts.ts, summed by the store)
// instead of each order's replayed log: for a report as of a time after which nothing happened,
// where every order's stored facts are its state as of then. Every figure keeps collect.ts's
// definition; a test holds the two equal on generated histories.
import type { WorkCalendar } from '../calendar.js';
import { partDue } from '../deadlines.js';
import { ClassifyCache, classifyOrder, overdueCutoff } from '../due.js';
import { isTuiCandidate, type OrderState } from '../lifecycle.js';
import { clockRuns, ORDER_TYPES, type OrderStatus, type OrderType, type Urgency } from '../order.js';
import { maskPersonal } from '../privacy.js';
import type { Settings } from '../settings.js';
import { formatTime, isoOf, timeMs } from '../time.js';
import { unreachable } from '../events.js';
import type { FactKind } from './facts.js';
import { countOnTime, counting, LIST_LIMIT, partVerdict, SameDayLimits, type Collected } from './collect.js';
import { overdueRow } from './overdue-row.js';
import type { UnitInfo } from './types.js';

/** What the store read for the period (store/report-facts.ts's PeriodFacts, structurally). */
export interface FactsInput {
  /** Per kind and unit ('' none), the sums store/report-facts.ts's SUMS names. */
  sums: ({ kind: FactKind; unit: string } & Record<string, number | string | null>)[];
  prevReceived: number;
  sameDay: { num: number; den: number; pending: number };
  places: { category: string | null; town: string | null; n: number }[];
  received: { no: string | null; at: string; lead: string | null; firstDispatchedAt: string | null; category: string | null; town: string | null }[];
  repeats: { no: string; repeatOf: string; title: string | null; category: string | null; town: string | null; leadUnit: string | null }[];
  titles: ReadonlyMap<string, string | null>;
  partDispatches: { no: string; unit: string; at: string; endedAt: string | null; dueAt: string }[];
  partReplies: ReadonlyMap<string, { unit: string; at: string }[]>;
  /** Orders whose clock runs, due before the overdue watch's horizon: counted by unit and level. */
  running: RunningHead[];
  /**
   * What the rows of some of them show (the circular's lists: listedOverdue's orders); an overdue
   * order without is counted, not listed. Read after the running orders, so only for the few listed.
   */
  runningLabels?: ReadonlyMap<string, RunningLabels>;
  tui: { no: string; state: OrderState; title: string | null; town: string | null; category: string | null }[];
  denied: { no: string; unit: string; at: string; title: string | null }[];
  awaiting: { unit: string | null; receivedAt: string; status: string; dueAt: string; lastEventAt: string }[];
}

export interface RunningHead {
  no: string;
  leadUnit: string | null;
  status: string;
  dueAt: string;
}

export interface RunningLabels {
  type: string;
  urgency: string;
  category: string | null;
  town: string | null;
  title: string | null;
  receivedAt: string;
}

/**
 * The running orders the circular's overdue lists can show: the ones whose labels it needs. The
 * lists' order (byOverdue) is by working days overdue, most first, then due time, then number; the
 * working days since a due day never fall as the day gets earlier, so that order is the order of
 * due time then number, and the seriously overdue (those with the most) come first in it: both
 * lists show the first LIST_LIMIT overdue orders by due time. No calendar walk, no date parsed:
 * stored times compare as text (due.overdueCutoff, isOverdue's rule for text), ~5,000 of them.
 */
export function listedOverdue(running: readonly RunningHead[], asOfMs: number): string[] {
  const cutoff = overdueCutoff(new Date(asOfMs));
  const overdue = running.filter((o) => o.dueAt < cutoff && clockRuns(o.status as OrderStatus));
  overdue.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.no < b.no ? -1 : a.no > b.no ? 1 : 0));
  return overdue.slice(0, LIST_LIMIT).map((o) => o.no);
}

export function collectFacts(
  fromMs: number,
  toMs: number,
  asOfMs: number,
  f: FactsInput,
  unitMap: ReadonlyMap<string, UnitInfo>,
  s: Settings,
  cal: WorkCalendar,
  opts: { prevFromMs?: number; wantUndispatched?: boolean },
): Collected {
  const { total, accOf, add, c } = counting(fromMs, toMs, asOfMs, unitMap);
  c.prevReceived = f.prevReceived;

  for (const g of f.sums) {
    const v = (name: string): number => Number(g[name] ?? 0);
    // Handled: a touch whose previous one (by the unit / by anyone) is before the period.
    if (g.handled !== undefined) {
      if (g.unit !== '') accOf(g.unit).handled += v('handled');
      total.handled += v('handledAny');
    }
    switch (g.kind) {
      case 'dispatch':
        add(g.unit, (a) => {
          a.dispatches += v('lead');
          a.redispatches += v('redispatch');
          a.signNum += v('signNum');
          a.signDen += v('signDen');
          a.signPending += v('signPending');
          a.contactNum += v('contactNum');
          a.contactDen += v('contactDen');
          a.contactPending += v('contactPending');
        });
        break;
      case 'sign':
        add(g.unit, (a) => {
          a.signs += v('n');
          a.signsLate += v('late');
        });
        break;
      case 'contact':
        add(g.unit, (a) => (a.contacts += v('n')));
        break;
      case 'return':
        add(g.unit, (a) => {
          a.returnsRequested += v('n');
          a.returnsBad += v('direct');
        });
        break;
      case 'return_decided':
        add(g.unit, (a) => {
          a.returnsDenied += v('denied');
          a.returnsBad += v('denied');
          a.returnsApproved += v('approved');
        });
        break;
      case 'submission':
        add(g.unit, (a) => {
          a.replies += v('replies');
          a.closureRequests += v('closures');
        });
        total.directAnswers += v('byOffice');
        break;
      case 'callback':
        add(g.unit, (a) => {
          a.callbacks += v('n');
          a.satisfied += v('satisfied');
          a.basic += v('basic');
          a.unsatisfied += v('n') - v('satisfied') - v('basic');
          a.contactedSaid += v('contactedSaid');
          a.contactedYes += v('contactedYes');
          a.solvedSaid += v('solvedSaid');
          a.solvedYes += v('solvedYes');
        });
        break;
      case 'rework':
        add(g.unit, (a) => (a.reworks += v('n')));
        break;
      case 'reminder':
        add(g.unit, (a) => (a.reminders += v('n')));
        break;
      case 'supervision':
        add(g.unit, (a) => (a.supervisions += v('n')));
        break;
      case 'extension':
        add(g.unit, (a) => (a.extensions += v('n')));
        break;
      case 'received':
        // Received in the period, by the unit leading it as of the as-of time.
        add(g.unit, (a) => {
          a.received += v('n');
          a.replied += v('answered');
          a.repeats += v('repeats');
        });
        ORDER_TYPES.forEach((type, i) => {
          if (v(`type${i}`) > 0) c.typeCounts.set(type, (c.typeCounts.get(type) ?? 0) + v(`type${i}`));
        });
        break;
      case 'due':
        // Due in the period: on time / late / not yet decided, for the unit that answered (or leads).
        add(g.unit, (a) => {
          a.onTimeNum += v('onTimeNum');
          a.onTimeDen += v('onTimeDen');
          a.onTimePending += v('onTimePending');
        });
        break;
      case 'part':
        // Read as rows (partDispatches, partReplies below), never summed.
        throw new Error('collectFacts: part facts are not summed');
      default:
        unreachable(g.kind);
    }
  }

  // Returns awaiting review, of the orders the replay path loads (received since the previous
  // period, clock running, due or changed since the period's start).
  const prevFromMs = opts.prevFromMs ?? fromMs;
  const sinceMs = Math.min(fromMs, asOfMs);
  for (const w of f.awaiting)
    if (timeMs(w.receivedAt) >= prevFromMs || clockRuns(w.status as OrderStatus) || timeMs(w.dueAt) >= sinceMs || timeMs(w.lastEventAt) >= sinceMs)
      add(w.unit, (a) => a.returnsAwaiting++);

  // Received in the period: same-day dispatch (the office's; summed day by day by the store), the
  // orders not dispatched in time (the daily report), the counts by place, repeats.
  total.sameDayNum += f.sameDay.num;
  total.sameDayDen += f.sameDay.den;
  total.sameDayPending += f.sameDay.pending;
  if (opts.wantUndispatched) {
    const sameDay = new SameDayLimits(s, cal);
    // Stored times are all 'YYYY-MM-DDTHH:mm:ss+08:00': comparing texts compares times.
    const asOfText = formatTime(new Date(Math.ceil(asOfMs / 1000) * 1000));
    for (const r of f.received) {
      const limit = sameDay.limitText(r.at);
      const first = r.firstDispatchedAt;
      if ((first === null || first > limit) && asOfText > limit)
        c.undispatched.push({
          no: r.no!,
          title: maskPersonal(f.titles.get(r.no!) ?? null),
          town: r.town,
          category: r.category,
          receivedAt: isoOf(r.at),
          dispatchLimit: limit,
          dispatchedAt: r.firstDispatchedAt,
        });
    }
  }
  for (const p of f.places) {
    if (p.category) c.categoryCounts.set(p.category, (c.categoryCounts.get(p.category) ?? 0) + p.n);
    if (p.town) c.townCounts.set(p.town, (c.townCounts.get(p.town) ?? 0) + p.n);
  }
  // collect.ts lists the first LIST_LIMIT repeats in order-number order.
  c.repeatOrders = f.repeats
    .slice(0, LIST_LIMIT)
    .map((r) => ({ no: r.no, repeatOf: r.repeatOf, town: r.town, category: r.category, title: maskPersonal(r.title), leadUnit: r.leadUnit }));

  // Co-units' and communities' parts of orders due in the period (collect.ts's rule).
  if (f.partDispatches.length > 0) {
    const limits = new Map<number, number>();
    for (const d of f.partDispatches) {
      const due = timeMs(d.dueAt);
      let partLimit = limits.get(due);
      if (partLimit === undefined) limits.set(due, (partLimit = partDue(new Date(due), s, cal).getTime()));
      const v = partVerdict(d, f.partReplies.get(d.no) ?? [], partLimit, asOfMs);
      if (v !== 0) add(d.unit, (a) => countOnTime(a, v), true);
    }
  }

  // Overdue as of asOf: the orders whose clock runs (due.classifyOrder, the one rule).
  const cache = new ClassifyCache(asOfMs, cal);
  const asOf = new Date(asOfMs);
  for (const o of f.running) {
    const st = { status: o.status as OrderStatus, dueAt: o.dueAt };
    const k = classifyOrder(st, asOf, s, cal, cache);
    if (k.level === 'due_soon') add(o.leadUnit, (a) => a.dueSoon++);
    else if (k.level !== null) {
      const serious = k.level === 'serious';
      add(o.leadUnit, (a) => {
        a.overdue++;
        if (serious) a.seriousOverdue++;
      });
      c.overdueTotal++;
      if (serious) c.seriousTotal++;
      const l = f.runningLabels?.get(o.no);
      if (!l) continue;
      const facts = { no: o.no, title: l.title, category: l.category, town: l.town };
      const row = overdueRow(facts, { type: l.type as OrderType, urgency: l.urgency as Urgency, leadUnit: o.leadUnit, status: o.status as OrderStatus, receivedAt: l.receivedAt, dueAt: o.dueAt }, k, unitMap);
      c.overdueRows.push(row);
      if (serious) c.serious.push(row);
    }
  }

  // 推诿 candidates with a return requested in the period.
  for (const x of f.tui) {
    const st = x.state;
    if (!isTuiCandidate(st)) continue;
    c.tui.push({
      no: x.no,
      title: maskPersonal(x.title),
      town: x.town,
      category: x.category,
      returns: st.returnCount,
      returnUnits: st.returnUnits,
      returnUnitNames: st.returnUnits.map((code) => unitMap.get(code)?.name ?? code),
      leadUnit: st.leadUnit,
      status: st.status,
    });
  }
  for (const d of f.denied.slice(0, LIST_LIMIT * 10))
    c.deniedReturns.push({ no: d.no, unit: d.unit, unitName: unitMap.get(d.unit)?.name ?? d.unit, at: d.at, title: maskPersonal(d.title) });
  return c;
}
