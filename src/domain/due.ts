// Due soon, overdue, seriously overdue (临期 / 超期 / 严重超期): the ONE home of the rule.
// `overdue` is never a stored status: it is computed from the order's status, its dueAt and the
// time asked about. `show`, `list --overdue` (through the store's overdueFilter), `overdue`,
// reminders and every report call these functions.
import type { WorkCalendar } from './calendar.js';
import { clockRuns, type OrderStatus } from './order.js';
import type { Settings } from './settings.js';
import { addDays, beijingDay, dayStartMs, formatTime, timeMs, wholeSecond, type Day } from './time.js';

export type DueLevel = 'due_soon' | 'overdue' | 'serious';
export const DUE_LEVELS: readonly DueLevel[] = ['due_soon', 'overdue', 'serious'];

/** Severity order for sorting: serious first. */
export const LEVEL_RANK: Record<DueLevel, number> = { serious: 0, overdue: 1, due_soon: 2 };

/**
 * Overdue at `asOf`: the clock runs (pending, dispatched, return_requested, handling) and asOf,
 * taken at its whole second, is after dueAt. Exactly at dueAt is still in time.
 */
export function isOverdue(o: { status: OrderStatus; dueAt: string }, asOf: Date): boolean {
  return clockRuns(o.status) && wholeSecond(asOf).getTime() > timeMs(o.dueAt);
}

/**
 * What a store query must compare to find the overdue orders as of `asOf`: status in CLOCK_RUNNING
 * and due_at < this text (stored times are all '…+08:00', so text order is time order). The same
 * rule as isOverdue, for SQL.
 */
export function overdueCutoff(asOf: Date): string {
  return formatTime(wholeSecond(asOf));
}

/**
 * - overdue: asOf > dueAt (exactly at dueAt is still in time);
 *   overdueWorkdays = working days in (day of dueAt, day of asOf] — 0 when overdue by hours the same day;
 * - serious: overdue and overdueWorkdays ≥ s.seriousOverdueWorkdays;
 * - due_soon: not overdue and dueAt before the end (next midnight) of the next working day after the as-of day;
 * - null otherwise (overdueWorkdays 0).
 * Only meaningful while the clock runs: callers check clockRuns first (classifyOrder does).
 */
export function classifyDue(dueAt: Date, asOf: Date, s: Settings, cal: WorkCalendar): DueClass {
  return classifyMs(dueAt.getTime(), asOf.getTime(), s, cal);
}

export interface DueClass {
  level: DueLevel | null;
  overdueWorkdays: number;
}

/** classifyDue for an order: null level when its clock does not run. */
export function classifyOrder(o: { status: OrderStatus; dueAt: string }, asOf: Date, s: Settings, cal: WorkCalendar, cache?: ClassifyCache): DueClass {
  if (!clockRuns(o.status)) return { level: null, overdueWorkdays: 0 };
  return classifyMs(timeMs(o.dueAt), asOf.getTime(), s, cal, cache);
}

/** classifyDue on milliseconds, with an optional cache (per as-of) for the calendar walks. */
export function classifyMs(due: number, asOfMs: number, s: Settings, cal: WorkCalendar, cache?: ClassifyCache): DueClass {
  if (Number.isNaN(due)) return { level: null, overdueWorkdays: 0 };
  const c = cache ?? new ClassifyCache(asOfMs, cal);
  if (c.asOfMs > due) {
    const days = c.workdaysSince(beijingDay(due));
    return { level: days >= s.seriousOverdueWorkdays ? 'serious' : 'overdue', overdueWorkdays: days };
  }
  return { level: due < c.dueSoonLimit ? 'due_soon' : null, overdueWorkdays: 0 };
}

/**
 * Orders due at or after this instant have no level as of asOf (not overdue, not due soon): a
 * store query may leave them out (due_at < its text, with the clock running).
 */
export function watchHorizon(asOf: Date, cal: WorkCalendar): Date {
  return new Date(new ClassifyCache(asOf.getTime(), cal).dueSoonLimit);
}

/** Per-as-of memo: the as-of instant (whole second), its day, the due-soon horizon, and working days overdue by due day. */
export class ClassifyCache {
  readonly asOfMs: number;
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
    this.asOfMs = wholeSecond(new Date(asOfMs)).getTime();
    this.asOfDay = beijingDay(this.asOfMs);
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
