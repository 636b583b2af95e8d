// The supervision reports as library calls: the period and as-of rules, what to load from the
// store, and the figures (src/domain/figures). `hotline overdue` and `hotline report …` are each
// one call here, so a script gets exactly what the CLI prints.
import type { WorkCalendar } from '../domain/calendar.js';
import { DUE_LEVELS, watchHorizon, type DueLevel } from '../domain/due.js';
import { sameDayLimitTexts } from '../domain/figures/collect.js';
import { listedOverdue, type RunningHead } from '../domain/figures/collect-facts.js';
import { Refusal } from '../domain/errors.js';
import { assessOf, circularOf, dailyReportOf, previousPeriod, type AssessReport, type CircularReport, type DailyReport, type FigureSource, type OverdueRow } from '../domain/figures.js';
import { overdueRows, overdueRowsFromColumns } from '../domain/overdue.js';
import type { Settings } from '../domain/settings.js';
import { addDays, atBeijing, dayOf, formatTime, parseDay, parseTime, weekday, wholeSecond, type Day } from '../domain/time.js';
import type { Db } from '../store/db.js';
import { getUnit, listUnits } from '../store/directory.js';
import { nothingAfter, periodFacts } from '../store/report-facts.js';
import { overdueInputs, periodInputs, runningOrders } from '../store/reports.js';

export interface ReportContext {
  db: Db;
  settings: Settings;
  calendar: WorkCalendar;
  /** The clock's now: as-of times are never later. */
  now: Date;
}

/**
 * An as-of time as the user writes it: a time, or a bare date meaning the end of that day ("as
 * the log stood on 2026-11-20"); default now. Never later than now (the future has no log yet).
 */
export function asOfTime(now: Date, raw?: string): Date {
  if (raw === undefined) return now;
  const day = parseDay(raw);
  let t: Date | null;
  if (day) t = new Date(atBeijing(addDays(day, 1)).getTime() - 1000);
  else t = parseTime(raw);
  if (!t) throw new Refusal('time.bad', { value: raw });
  if (t.getTime() > now.getTime()) {
    // A bare date that is today means "as of now".
    if (day && day === dayOf(now)) return now;
    throw new Refusal('report.asOfFuture', { value: raw, now: formatTime(now).slice(0, 16).replace('T', ' ') });
  }
  return t;
}

function dayArg(raw: string, flag: string): Day {
  const d = parseDay(raw);
  if (!d) throw new Refusal('report.badDayFlag', { flag, value: raw });
  return d;
}

/** The period [from, to): as given; one of them alone means a week from / to it; by default the last full week, Monday to Monday. */
export function reportPeriod(now: Date, from?: string, to?: string): { from: Day; to: Day } {
  let p: { from: Day; to: Day };
  if (from && to) p = { from: dayArg(from, '--from'), to: dayArg(to, '--to') };
  else if (from) {
    const f = dayArg(from, '--from');
    p = { from: f, to: addDays(f, 7) };
  } else if (to) {
    const t = dayArg(to, '--to');
    p = { from: addDays(t, -7), to: t };
  } else {
    const today = dayOf(now);
    const monday = addDays(today, -((weekday(today) + 6) % 7));
    p = { from: addDays(monday, -7), to: monday };
  }
  if (p.to <= p.from) throw new Refusal('report.badPeriod', p);
  return p;
}

export interface OverdueQuery {
  asOf?: string;
  unit?: string;
  levels?: readonly string[];
}

/** The overdue watch (DOMAIN.md): rows as of a time, in severity order. */
export async function overdueWatch(c: ReportContext, q: OverdueQuery = {}): Promise<{ asOf: Date; rows: OverdueRow[] }> {
  const asOf = asOfTime(c.now, q.asOf);
  const levels = (q.levels ?? DUE_LEVELS) as string[];
  for (const l of levels) if (!(DUE_LEVELS as readonly string[]).includes(l)) throw new Refusal('flag.badChoice', { flag: '--level', value: l, allowed: DUE_LEVELS.join('|') });
  if (q.unit !== undefined && !(await getUnit(c.db, q.unit))) throw new Refusal('units.unknown', { code: q.unit });
  const units = await listUnits(c.db);
  const opts = { unit: q.unit, dueSoon: levels.includes('due_soon') };
  // Nothing happened after the as-of time (every run without --as-of): the columns are the state.
  const all = nothingAfter(c.db, formatTime(wholeSecond(asOf)))
    ? overdueRowsFromColumns(await runningOrders(c.db, formatTime(watchHorizon(asOf, c.calendar))), asOf, c.settings, c.calendar, units, opts)
    : await (async () => {
        const { orders, events } = await overdueInputs(c.db, { asOf: formatTime(asOf) });
        return overdueRows(orders, events, asOf, c.settings, c.calendar, units, opts);
      })();
  return { asOf, rows: all.filter((r) => levels.includes(r.level as DueLevel)) };
}

export interface PeriodReportQuery {
  from?: string;
  to?: string;
  asOf?: string;
}

/** The circular (通报) of a period. */
export async function circularReport(c: ReportContext, q: PeriodReportQuery = {}): Promise<CircularReport> {
  const asOf = asOfTime(c.now, q.asOf);
  const { from, to } = reportPeriod(c.now, q.from, q.to);
  const prev = previousPeriod(from, to);
  const src = await figureSource(c, { prevFrom: prev.from, from, to, asOf, listOverdue: true });
  return circularOf({ from, to, asOf }, src, await listUnits(c.db), c.settings, c.calendar);
}

/** The assessment (考核) of a period (it has no growth figure: the previous period is not loaded). */
export async function assessReport(c: ReportContext, q: PeriodReportQuery = {}): Promise<AssessReport> {
  const asOf = asOfTime(c.now, q.asOf);
  const { from, to } = reportPeriod(c.now, q.from, q.to);
  const src = await figureSource(c, { prevFrom: from, from, to, asOf });
  return assessOf({ from, to, asOf }, src, await listUnits(c.db), c.settings, c.calendar);
}

/**
 * The daily report. Without a day: the day of the as-of time if given (a report on the day it
 * describes), else today. Without an as-of: the end of that day, or now if earlier.
 */
export async function dailyReportFor(c: ReportContext, q: { date?: string; asOf?: string } = {}): Promise<DailyReport> {
  const day = q.date !== undefined ? dayArg(q.date, '--date') : dayOf(q.asOf !== undefined ? asOfTime(c.now, q.asOf) : c.now);
  const asOf = q.asOf !== undefined ? asOfTime(c.now, q.asOf) : new Date(Math.min(c.now.getTime(), atBeijing(addDays(day, 1)).getTime() - 1000));
  const src = await figureSource(c, { prevFrom: day, from: day, to: addDays(day, 1), asOf, allLabels: true });
  return dailyReportOf({ day, asOf }, src, await listUnits(c.db), c.settings, c.calendar);
}

/**
 * Where a period's figures are counted from. When nothing happened after the as-of time (every
 * report without --as-of, and most with it), each order's figure facts are its state as of then:
 * the store sums the period's facts. Otherwise the orders the period can depend on are replayed as
 * of the as-of time. PostgreSQL replays: the sums are SQLite's statements (store/report-facts.ts).
 */
async function figureSource(c: ReportContext, p: { prevFrom: Day; from: Day; to: Day; asOf: Date; allLabels?: boolean; listOverdue?: boolean }): Promise<FigureSource> {
  const at = (d: Day) => formatTime(atBeijing(d));
  if (nothingAfter(c.db, formatTime(wholeSecond(p.asOf)))) {
    const ceil = new Date(Math.ceil(p.asOf.getTime() / 1000) * 1000);
    return {
      facts: periodFacts(c.db, {
        prevFrom: at(p.prevFrom),
        from: at(p.from),
        to: at(p.to),
        asOfCeil: formatTime(ceil),
        allLabels: p.allLabels ?? false,
        dueBefore: formatTime(watchHorizon(p.asOf, c.calendar)),
        days: sameDayLimitTexts(p.from, p.to, c.settings, c.calendar),
        // The circular lists overdue orders: the labels of those it shows.
        ...(p.listOverdue ? { listed: (running: readonly RunningHead[]) => listedOverdue(running, p.asOf.getTime()) } : {}),
      }),
    };
  }
  return periodInputs(c.db, { prevFrom: at(p.prevFrom), from: at(p.from), asOf: formatTime(p.asOf) });
}
