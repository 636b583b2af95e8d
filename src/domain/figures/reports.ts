// The supervision reports: the circular (通报), the assessment (考核) and the daily report, as pure
// functions of the orders and their logs (the store picks the orders a period can depend on).
// Period [from, to): Beijing midnight of `from` (inclusive) to Beijing midnight of `to`
// (exclusive). Only what the log held at `asOf` counts.
import type { WorkCalendar } from '../calendar.js';
import { Refusal } from '../errors.js';
import { ORDER_TYPES } from '../order.js';
import type { Settings } from '../settings.js';
import { addDays, dayStartMs, formatTime, parseDay, splitDay, DAY_MS, type Day } from '../time.js';
import { assessRows, cmp } from './assess.js';
import { Acc, byOverdue, collect, figuresOf, LIST_LIMIT, TOP_N, type CollectOptions, type Collected } from './collect.js';
import { collectFacts, type FactsInput } from './collect-facts.js';
import { ratio, shares } from './ratio.js';
import type {
  AssessReport,
  CircularReport,
  DailyReport,
  DailyUnitRow,
  EventsByOrder,
  OrderFacts,
  PeriodQuery,
  Share,
  UnitFigures,
  UnitInfo,
} from './types.js';

function checkPeriod(from: Day, to: Day): void {
  if (parseDay(from) !== from) throw new Refusal('report.badDay', { value: from });
  if (parseDay(to) !== to) throw new Refusal('report.badDay', { value: to });
  if (to <= from) throw new Refusal('report.badPeriod', { from, to });
}

/** Days in [from, to). */
export function daysBetween(from: Day, to: Day): number {
  const [y1, m1, d1] = splitDay(from);
  const [y2, m2, d2] = splitDay(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

/** The previous period of equal length (for growth). */
export function previousPeriod(from: Day, to: Day): { from: Day; to: Day } {
  return { from: addDays(from, -daysBetween(from, to)), to: from };
}

function unitIndex(units: Iterable<UnitInfo>): { list: UnitInfo[]; map: Map<string, UnitInfo> } {
  const list = [...units];
  return { list, map: new Map(list.map((u) => [u.code, u])) };
}

/** Kinds that always get a row (the assessed units), even with nothing in the period. */
const ALWAYS_LISTED = new Set(['town', 'department']);

function unitRows(c: Collected, units: readonly UnitInfo[], s: Settings): UnitFigures[] {
  const rows: UnitFigures[] = [];
  const seen = new Set<string>();
  const floor = s.satisfactionFloor / 100;
  const row = (code: string, name: string, kind: string | null, parent: string | null, a: Acc | undefined): UnitFigures => {
    const f = figuresOf(a ?? new Acc(), s, false);
    return {
      code,
      name,
      kind,
      parent,
      ...f,
      belowFloor: f.satisfaction.rate !== null && f.satisfaction.rate < floor,
      signedInTimeRate: f.signedInTime.rate,
      firstContactRate: f.firstContact.rate,
      onTimeRate: f.onTime.rate,
      replyRate: f.replied.rate,
      responseRate: f.response.rate,
      resolutionRate: f.resolution.rate,
      satisfactionRate: f.satisfaction.rate,
    };
  };
  for (const u of units) {
    if (seen.has(u.code)) continue;
    seen.add(u.code);
    const a = c.byUnit.get(u.code);
    if (ALWAYS_LISTED.has(u.kind) || (a && a.any())) rows.push(row(u.code, u.name, u.kind, u.parent, a));
  }
  for (const code of [...c.byUnit.keys()].filter((k) => !seen.has(k)).sort()) {
    const a = c.byUnit.get(code);
    if (a && a.any()) rows.push(row(code, code, null, null, a));
  }
  return rows;
}

/** The top n of a count map with largest-remainder shares of the whole (the rest included in the partition). */
function top<K extends string>(counts: Map<string, number>, whole: number, n: number, key: K): (Record<K, string> & Share)[] {
  const entries = [...counts.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
  const rest = whole - entries.reduce((a, [, c]) => a + c, 0);
  const sh = shares([...entries.map(([, c]) => c), Math.max(0, rest)], whole);
  return entries.slice(0, n).map(([k, count], i) => ({ [key]: k, count, share: sh[i] ?? null }) as Record<K, string> & Share);
}

const CIRCULAR_FIGURES = [
  'received', 'growth', 'byType', 'topCategories', 'dispatchedSameDay', 'signedInTime', 'firstContact', 'onTime', 'replyRate',
  'responseRate', 'resolutionRate', 'satisfactionRate', 'satisfactionScore', 'returns', 'reworks', 'reminders', 'supervisions',
  'extensions', 'repeats', 'overdue', 'seriousOverdue', 'tui', 'discipline', 'score', 'pending',
] as const;
const ASSESS_FIGURES = ['signedInTime', 'onTime', 'satisfactionScore', 'discipline', 'score', 'pending'] as const;
const DAILY_FIGURES = ['received', 'dispatched', 'undispatched', 'signed', 'replies', 'dueSoon', 'overdue', 'seriousOverdue'] as const;

function definitionKeys(figures: readonly string[]): Record<string, string> {
  return Object.fromEntries(figures.map((f) => [f, `report.def.${f}`]));
}

/**
 * What a report's figures are counted from: the orders with their logs (each folded as of the
 * as-of time), or the period's figure facts (when nothing happened after the as-of time).
 */
export type FigureSource = { orders: Iterable<OrderFacts>; events: EventsByOrder } | { facts: FactsInput };

function gather(src: FigureSource, fromMs: number, toMs: number, asOfMs: number, map: ReadonlyMap<string, UnitInfo>, s: Settings, cal: WorkCalendar, opts: CollectOptions): Collected {
  if ('facts' in src) return collectFacts(fromMs, toMs, asOfMs, src.facts, map, s, cal, opts);
  return collect(fromMs, toMs, asOfMs, src.orders, src.events, map, s, cal, opts);
}

/** The circular (通报) for [from, to) as the log stood at asOf. Refuses a bad period. */
export function circular(q: PeriodQuery, orders: Iterable<OrderFacts>, events: EventsByOrder, units: Iterable<UnitInfo>, s: Settings, cal: WorkCalendar): CircularReport {
  return circularOf(q, { orders, events }, units, s, cal);
}

export function circularOf(q: PeriodQuery, src: FigureSource, units: Iterable<UnitInfo>, s: Settings, cal: WorkCalendar): CircularReport {
  checkPeriod(q.from, q.to);
  const prev = previousPeriod(q.from, q.to);
  const { list, map } = unitIndex(units);
  const c = gather(src, dayStartMs(q.from), dayStartMs(q.to), q.asOf.getTime(), map, s, cal, {
    prevFromMs: dayStartMs(prev.from),
  });
  const totals = figuresOf(c.total, s, true);
  const rows = unitRows(c, list, s);
  const received = totals.received;
  const typeShares = shares(ORDER_TYPES.map((type) => c.typeCounts.get(type) ?? 0), received);
  const byType = ORDER_TYPES.map((type, i) => ({ type, count: c.typeCounts.get(type) ?? 0, share: typeShares[i] ?? null }));
  c.serious.sort(byOverdue);
  c.tui.sort((a, b) => b.returns - a.returns || b.returnUnits.length - a.returnUnits.length || cmp(a.no, b.no));
  c.deniedReturns.sort((a, b) => cmp(a.at, b.at) || cmp(a.no, b.no));
  const evaluatedUnits = rows.filter((r) => r.satisfaction.den > 0);
  const belowFloor = rows
    .filter((r) => r.belowFloor)
    .map((r) => ({ code: r.code, name: r.name, evaluated: r.satisfaction.den, satisfactionRate: r.satisfaction.rate as number }))
    .sort((a, b) => a.satisfactionRate - b.satisfactionRate || cmp(a.code, b.code));
  return {
    kind: 'circular',
    from: q.from,
    to: q.to,
    asOf: formatTime(q.asOf),
    previous: { ...prev, received: c.prevReceived },
    received,
    growth: c.prevReceived > 0 ? ratio(received - c.prevReceived, c.prevReceived) : null,
    totals,
    byType,
    topCategories: top(c.categoryCounts, received, TOP_N, 'category'),
    topTowns: top(c.townCounts, received, TOP_N, 'town'),
    repeats: { count: totals.repeats, share: ratio(totals.repeats, received), orders: c.repeatOrders, listed: c.repeatOrders.length },
    units: rows,
    belowFloor,
    satisfactionFloor: ratio(s.satisfactionFloor, 100) ?? 0,
    allAboveFloor: evaluatedUnits.length > 0 && belowFloor.length === 0,
    satisfactionWeights: { ...s.satisfactionWeights },
    seriousOverdueWorkdays: s.seriousOverdueWorkdays,
    overdueUnits: rows
      .filter((r) => r.overdue > 0 && r.kind !== 'community')
      .map((r) => ({ code: r.code, name: r.name, overdue: r.overdue, seriousOverdue: r.seriousOverdue }))
      .sort((a, b) => b.seriousOverdue - a.seriousOverdue || b.overdue - a.overdue || cmp(a.code, b.code)),
    seriousOrders: c.serious.slice(0, LIST_LIMIT).map(({ dueMs: _d, ...r }) => r),
    seriousTotal: c.seriousTotal,
    overdueOrders: {
      total: c.overdueTotal,
      rows: c.overdueRows
        .sort(byOverdue)
        .slice(0, LIST_LIMIT)
        .map(({ dueMs: _d, ...r }) => r),
    },
    tuiOrders: c.tui.slice(0, LIST_LIMIT),
    tuiTotal: c.tui.length,
    deniedReturns: { total: c.deniedReturns.length, rows: c.deniedReturns.slice(0, LIST_LIMIT) },
    ranking: assessRows(rows, s),
    weights: { ...s.assessWeights },
    rankingMinimum: s.rankingMinimum,
    definitions: definitionKeys(CIRCULAR_FIGURES),
  };
}

/** The assessment (考核) for [from, to): see assess.ts for the score, the ranking and its minimum. */
export function assess(q: PeriodQuery, orders: Iterable<OrderFacts>, events: EventsByOrder, units: Iterable<UnitInfo>, s: Settings, cal: WorkCalendar): AssessReport {
  return assessOf(q, { orders, events }, units, s, cal);
}

export function assessOf(q: PeriodQuery, src: FigureSource, units: Iterable<UnitInfo>, s: Settings, cal: WorkCalendar): AssessReport {
  checkPeriod(q.from, q.to);
  const { list, map } = unitIndex(units);
  const c = gather(src, dayStartMs(q.from), dayStartMs(q.to), q.asOf.getTime(), map, s, cal, {});
  const ranking = assessRows(unitRows(c, list, s), s);
  return {
    kind: 'assess',
    from: q.from,
    to: q.to,
    asOf: formatTime(q.asOf),
    weights: { ...s.assessWeights },
    satisfactionWeights: { ...s.satisfactionWeights },
    rankingMinimum: s.rankingMinimum,
    ranking,
    rows: ranking,
    definitions: definitionKeys(ASSESS_FIGURES),
  };
}

/** The daily report for one Beijing day, as the log stood at asOf: what came in, what went out, what is late. */
export function dailyReport(q: { day: Day; asOf: Date }, orders: Iterable<OrderFacts>, events: EventsByOrder, units: Iterable<UnitInfo>, s: Settings, cal: WorkCalendar): DailyReport {
  return dailyReportOf(q, { orders, events }, units, s, cal);
}

export function dailyReportOf(q: { day: Day; asOf: Date }, src: FigureSource, units: Iterable<UnitInfo>, s: Settings, cal: WorkCalendar): DailyReport {
  if (parseDay(q.day) !== q.day) throw new Refusal('report.badDay', { value: q.day });
  const { list, map } = unitIndex(units);
  const c = gather(src, dayStartMs(q.day), dayStartMs(q.day) + DAY_MS, q.asOf.getTime(), map, s, cal, { wantUndispatched: true });
  const t = c.total;
  const f = figuresOf(t, s, true);
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
      contacts: a.contacts,
      replies: a.replies,
      returns: a.returnsRequested,
      dueSoon: a.dueSoon,
      overdue: a.overdue,
      seriousOverdue: a.seriousOverdue,
    };
    if (r.dispatched + r.signed + r.contacts + r.replies + r.returns + r.dueSoon + r.overdue > 0) rows.push(r);
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
    contacts: t.contacts,
    replies: t.replies,
    closureRequests: t.closureRequests,
    returns: t.returnsRequested,
    returnsAwaitingReview: t.returnsAwaiting,
    feedback: t.callbacks,
    response: f.response,
    resolution: f.resolution,
    satisfaction: f.satisfaction,
    dueSoon: t.dueSoon,
    overdue: t.overdue,
    seriousOverdue: t.seriousOverdue,
    seriousOverdueWorkdays: s.seriousOverdueWorkdays,
    units: rows,
    definitions: definitionKeys(DAILY_FIGURES),
  };
}
