// The one pass of collect.ts, from the period's figure facts (facts.ts, summed by the store)
// instead of each order's replayed log: for a report as of a time after which nothing happened,
// where every order's stored facts are its state as of then. Every figure keeps collect.ts's
// definition; a test holds the two equal on generated histories.
import type { WorkCalendar } from '../calendar.js';
import { partDue } from '../deadlines.js';
import { ClassifyCache, classifyOrder } from '../due.js';
import { isTuiCandidate, type OrderState } from '../lifecycle.js';
import { clockRuns, type OrderStatus, type OrderType, type Urgency } from '../order.js';
import { maskPersonal } from '../privacy.js';
import type { Settings } from '../settings.js';
import { formatTime, isoOf, timeMs } from '../time.js';
import { Acc, LIST_LIMIT, SameDayLimits, type Collected } from './collect.js';
import { overdueRow } from './overdue-row.js';
import type { UnitInfo } from './types.js';

/** What the store read for the period (store/report-facts.ts's PeriodFacts, structurally). */
export interface FactsInput {
  groups: { kind: string; unit: string | null; part: string | null; result: string | null; flag: number | null; flag2: number | null; v1: number | null; v2: number | null; n: number }[];
  handled: { unit: string; n: number }[];
  handledTotal: number;
  prevReceived: number;
  received: { no: string; at: string; lead: string | null; firstDispatchedAt: string | null; type: string; category: string | null; town: string | null; answered: boolean; repeat: boolean }[];
  labels: ReadonlyMap<string, { title: string | null; repeatOf: string | null }>;
  due: { no: string; dueAt: string; unit: string | null; submittedAt: string | null }[];
  partDispatches: { no: string; unit: string; at: string; endedAt: string | null }[];
  partReplies: ReadonlyMap<string, { unit: string; at: string }[]>;
  running: { no: string; type: string; urgency: string; category: string | null; town: string | null; title: string | null; receivedAt: string; leadUnit: string | null; status: string; dueAt: string }[];
  tui: { no: string; state: string; title: string | null; town: string | null; category: string | null }[];
  denied: { no: string; unit: string; at: string; title: string | null }[];
  awaiting: { unit: string | null; receivedAt: string; status: string; dueAt: string; lastEventAt: string }[];
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
  // The same counting as collect.ts's add(), for `n` facts alike at once.
  const add = (unit: string | null, fn: (a: Acc) => void, unitOnly = false): void => {
    if (!unitOnly) fn(total);
    if (unit === null || unit === '') return;
    fn(accOf(unit));
    const town = parentTown(unit);
    if (town !== null) fn(accOf(town));
  };
  const c: Collected = {
    fromMs,
    toMs,
    asOfMs,
    prevReceived: f.prevReceived,
    total,
    byUnit,
    typeCounts: new Map(),
    categoryCounts: new Map(),
    townCounts: new Map(),
    repeatOrders: [],
    serious: [],
    overdueRows: [],
    tui: [],
    deniedReturns: [],
    undispatched: [],
  };

  for (const g of f.groups) {
    const n = g.n;
    switch (g.kind) {
      case 'dispatch':
        add(g.unit, (a) => {
          if (g.part === 'lead') {
            a.dispatches += n;
            if (g.flag === 1) a.redispatches += n;
          }
          if (g.v1 === 1) a.signNum += n;
          if (g.v1 === 1 || g.v1 === 2) a.signDen += n;
          if (g.v1 === 3) a.signPending += n;
          if (g.v2 === 1) a.contactNum += n;
          if (g.v2 === 1 || g.v2 === 2) a.contactDen += n;
          if (g.v2 === 3) a.contactPending += n;
        });
        break;
      case 'sign':
        add(g.unit, (a) => {
          a.signs += n;
          if (g.flag === 1) a.signsLate += n;
        });
        break;
      case 'contact':
        add(g.unit, (a) => (a.contacts += n));
        break;
      case 'return':
        add(g.unit, (a) => {
          a.returnsRequested += n;
          if (g.result === 'direct') a.returnsBad += n;
        });
        break;
      case 'return_decided':
        add(g.unit, (a) => {
          if (g.result === 'denied') {
            a.returnsDenied += n;
            a.returnsBad += n;
          } else a.returnsApproved += n;
        });
        break;
      case 'submission':
        add(g.unit, (a) => {
          if (g.result === 'reply') a.replies += n;
          else a.closureRequests += n;
        });
        if (g.flag === 1) total.directAnswers += n;
        break;
      case 'callback':
        add(g.unit, (a) => {
          a.callbacks += n;
          if (g.result === 'satisfied') a.satisfied += n;
          else if (g.result === 'basic') a.basic += n;
          else a.unsatisfied += n;
          if (g.flag !== null) {
            a.contactedSaid += n;
            if (g.flag === 1) a.contactedYes += n;
          }
          if (g.flag2 !== null) {
            a.solvedSaid += n;
            if (g.flag2 === 1) a.solvedYes += n;
          }
        });
        break;
      case 'rework':
        add(g.unit, (a) => (a.reworks += n));
        break;
      case 'reminder':
        add(g.unit, (a) => (a.reminders += n));
        break;
      case 'supervision':
        add(g.unit, (a) => (a.supervisions += n));
        break;
      case 'extension':
        add(g.unit, (a) => (a.extensions += n));
        break;
      default:
        throw new Error(`collectFacts: unexpected fact kind ${g.kind}`);
    }
  }
  for (const h of f.handled) accOf(h.unit).handled += h.n;
  total.handled += f.handledTotal;

  // Returns awaiting review, of the orders the replay path loads (received since the previous
  // period, clock running, due or changed since the period's start).
  const prevFromMs = opts.prevFromMs ?? fromMs;
  const sinceMs = Math.min(fromMs, asOfMs);
  for (const w of f.awaiting)
    if (timeMs(w.receivedAt) >= prevFromMs || clockRuns(w.status as OrderStatus) || timeMs(w.dueAt) >= sinceMs || timeMs(w.lastEventAt) >= sinceMs)
      add(w.unit, (a) => a.returnsAwaiting++);

  // Received in the period.
  const sameDay = new SameDayLimits(s, cal);
  const repeats: typeof c.repeatOrders = [];
  for (const r of f.received) {
    const received = timeMs(r.at);
    const limit = sameDay.limit(received);
    const first = r.firstDispatchedAt === null ? null : timeMs(r.firstDispatchedAt);
    if (first !== null && first <= limit) {
      total.sameDayNum++;
      total.sameDayDen++;
    } else if (first !== null || asOfMs > limit) total.sameDayDen++;
    else total.sameDayPending++;
    add(r.lead, (a) => {
      a.received++;
      if (r.answered) a.replied++;
      if (r.repeat) a.repeats++;
    });
    c.typeCounts.set(r.type, (c.typeCounts.get(r.type) ?? 0) + 1);
    if (r.category) c.categoryCounts.set(r.category, (c.categoryCounts.get(r.category) ?? 0) + 1);
    if (r.town) c.townCounts.set(r.town, (c.townCounts.get(r.town) ?? 0) + 1);
    const label = f.labels.get(r.no);
    if (r.repeat)
      repeats.push({ no: r.no, repeatOf: label?.repeatOf ?? '', town: r.town, category: r.category, title: maskPersonal(label?.title ?? null), leadUnit: r.lead });
    if (opts.wantUndispatched && (first === null || first > limit) && asOfMs > limit)
      c.undispatched.push({
        no: r.no,
        title: maskPersonal(label?.title ?? null),
        town: r.town,
        category: r.category,
        receivedAt: isoOf(r.at),
        dispatchLimit: formatTime(new Date(limit)),
        dispatchedAt: r.firstDispatchedAt,
      });
  }
  // collect.ts lists the first LIST_LIMIT repeats in order-number order.
  repeats.sort((a, b) => (a.no < b.no ? -1 : a.no > b.no ? 1 : 0));
  c.repeatOrders = repeats.slice(0, LIST_LIMIT);

  // Due in the period: on time / late / not yet decided.
  for (const d of f.due) {
    const due = timeMs(d.dueAt);
    const v = d.submittedAt !== null ? (timeMs(d.submittedAt) <= due ? 1 : 2) : asOfMs > due ? 2 : 3;
    add(d.unit, (a) => {
      if (v === 3) a.onTimePending++;
      else {
        a.onTimeDen++;
        if (v === 1) a.onTimeNum++;
      }
    });
  }
  // Co-units' and communities' parts of orders due in the period (collect.ts's rule).
  if (f.partDispatches.length > 0) {
    const dueOf = new Map(f.due.map((d) => [d.no, timeMs(d.dueAt)]));
    const limits = new Map<number, number>();
    for (const d of f.partDispatches) {
      const due = dueOf.get(d.no)!;
      let partLimit = limits.get(due);
      if (partLimit === undefined) limits.set(due, (partLimit = partDue(new Date(due), s, cal).getTime()));
      const at = timeMs(d.at);
      const ended = d.endedAt === null ? null : timeMs(d.endedAt);
      const reply = (f.partReplies.get(d.no) ?? []).find((p) => p.unit === d.unit && timeMs(p.at) >= at && (ended === null || timeMs(p.at) <= ended));
      if (!reply && ended !== null) continue;
      const v = reply ? (timeMs(reply.at) <= partLimit ? 1 : 2) : asOfMs > partLimit ? 2 : 3;
      add(
        d.unit,
        (a) => {
          if (v === 3) a.onTimePending++;
          else {
            a.onTimeDen++;
            if (v === 1) a.onTimeNum++;
          }
        },
        true,
      );
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
      const facts = { no: o.no, title: o.title, category: o.category, town: o.town };
      const row = overdueRow(facts, { type: o.type as OrderType, urgency: o.urgency as Urgency, leadUnit: o.leadUnit, status: o.status as OrderStatus, receivedAt: o.receivedAt, dueAt: o.dueAt }, k, unitMap);
      c.overdueRows.push(row);
      if (serious) c.serious.push(row);
    }
  }

  // 推诿 candidates with a return requested in the period.
  for (const x of f.tui) {
    const st = JSON.parse(x.state) as OrderState;
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
