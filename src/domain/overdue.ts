// The overdue watch (超期监督): what is due soon, overdue, seriously overdue, as the log stood at
// a given time. Each order's state comes from the one fold (figures/collect.ts stateOf) and its level
// from the one rule (due.classifyOrder).
import type { WorkCalendar } from './calendar.js';
import { ClassifyCache, classifyOrder, LEVEL_RANK } from './due.js';
import { overdueRow } from './figures/overdue-row.js';
import type { EventsByOrder, OrderFacts, OverdueRow, UnitInfo } from './figures/types.js';
import { stateOf } from './figures/collect.js';
import type { OrderState } from './lifecycle.js';
import type { Settings } from './settings.js';

export interface OverdueOptions {
  /** Only orders whose lead unit (as of) is this code. */
  unit?: string;
  /** Include due-soon rows (default true). */
  dueSoon?: boolean;
}

/**
 * The overdue watch as of `asOf`: orders whose clock runs as of asOf and that are due soon,
 * overdue or seriously overdue. Sorted by severity (serious, overdue, due soon), then working days
 * overdue (desc), then dueAt, then number.
 */
export function overdueRows(
  orders: Iterable<OrderFacts>,
  events: EventsByOrder,
  asOf: Date,
  s: Settings,
  cal: WorkCalendar,
  units: Iterable<UnitInfo>,
  opts: OverdueOptions = {},
): OverdueRow[] {
  const asOfMs = asOf.getTime();
  return watchRows(
    (function* () {
      for (const o of orders) {
        const st = stateOf(o, events.get(o.no), asOfMs);
        if (st !== null) yield { o, st };
      }
    })(),
    asOf,
    s,
    cal,
    units,
    opts,
  );
}

/**
 * The overdue watch as of a time after which nothing happened: every order's stored columns are
 * then its state as of that time, and only the orders whose clock runs are read (no log).
 */
export function overdueRowsFromColumns(orders: Iterable<OrderFacts>, asOf: Date, s: Settings, cal: WorkCalendar, units: Iterable<UnitInfo>, opts: OverdueOptions = {}): OverdueRow[] {
  return watchRows(
    (function* () {
      for (const o of orders) yield { o, st: o };
    })(),
    asOf,
    s,
    cal,
    units,
    opts,
  );
}

type WatchState = Pick<OrderState, 'type' | 'urgency' | 'leadUnit' | 'status' | 'receivedAt' | 'dueAt'>;

function watchRows(states: Iterable<{ o: OrderFacts; st: WatchState }>, asOf: Date, s: Settings, cal: WorkCalendar, units: Iterable<UnitInfo>, opts: OverdueOptions): OverdueRow[] {
  const cache = new ClassifyCache(asOf.getTime(), cal);
  const unitMap = new Map<string, UnitInfo>();
  for (const u of units) unitMap.set(u.code, u);
  const withDueSoon = opts.dueSoon ?? true;
  const rows: (OverdueRow & { dueMs: number })[] = [];
  for (const { o, st } of states) {
    if (opts.unit !== undefined && st.leadUnit !== opts.unit) continue;
    const k = classifyOrder(st, asOf, s, cal, cache);
    if (k.level === null || (k.level === 'due_soon' && !withDueSoon)) continue;
    rows.push(overdueRow(o, st, k, unitMap));
  }
  rows.sort(
    (a, b) =>
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || b.overdueWorkdays - a.overdueWorkdays || a.dueMs - b.dueMs || (a.no < b.no ? -1 : a.no > b.no ? 1 : 0),
  );
  return rows.map(({ dueMs: _drop, ...r }) => r);
}

export { LEVEL_RANK, type DueLevel } from './due.js';
export type { OverdueRow } from './figures/types.js';
