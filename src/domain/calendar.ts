// The working-day calendar (工作日历): Monday–Friday, minus the State Council's public holidays,
// plus its make-up working days (调休上班). The official schedule comes from a maintained source
// (see ./holidays.ts); the office's own entries override it, day by day.
import { addDays, weekday, type Day } from './time.js';

export type DayKind = 'workday' | 'holiday';
export type DaySource = 'official' | 'office';

export interface CalendarEntry {
  date: Day;
  kind: DayKind;
  source: DaySource;
  note: string | null;
}

/** How far a working-day search may run before we call the calendar broken (a year of holidays). */
const MAX_SCAN_DAYS = 400;

export class WorkCalendar {
  private map: Map<Day, CalendarEntry> | undefined;
  private readonly sources: (Iterable<CalendarEntry> | (() => Iterable<CalendarEntry>))[];
  private readonly memo = new Map<string, Day>();

  /**
   * Later sources win: pass the official entries first, the office's after them. A source may be
   * a function giving them: it is called when a day is first looked up (the official schedule is
   * read from its package then, not by a command that never asks about a day).
   */
  constructor(...sources: (Iterable<CalendarEntry> | (() => Iterable<CalendarEntry>))[]) {
    this.sources = sources;
  }

  private get entries(): Map<Day, CalendarEntry> {
    if (!this.map) {
      this.map = new Map();
      for (const source of this.sources) for (const e of typeof source === 'function' ? source() : source) this.map.set(e.date, e);
    }
    return this.map;
  }

  /** The exception recorded for a day (holiday or make-up workday), if any. */
  entry(day: Day): CalendarEntry | undefined {
    return this.entries.get(day);
  }

  /** All exceptions in a year (or all), sorted by date. */
  list(year?: number): CalendarEntry[] {
    const all = [...this.entries.values()];
    return all.filter((e) => year === undefined || e.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date));
  }

  /** Years for which the calendar has any entry (the official schedule is known). */
  years(): number[] {
    return [...new Set([...this.entries.keys()].map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  }

  isWorkday(day: Day): boolean {
    const e = this.entries.get(day);
    if (e) return e.kind === 'workday';
    const w = weekday(day);
    return w !== 0 && w !== 6;
  }

  /** The first working day strictly after `day`. */
  nextWorkday(day: Day): Day {
    let d = day;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      d = addDays(d, 1);
      if (this.isWorkday(d)) return d;
    }
    throw new Error(`calendar has no working day within ${MAX_SCAN_DAYS} days after ${day}`);
  }

  /** `day` itself if it is a working day, else the next one. */
  workdayOnOrAfter(day: Day): Day {
    return this.isWorkday(day) ? day : this.nextWorkday(day);
  }

  /**
   * The n-th working day counted from the first working day after `day`
   * (received Wed 2026-09-30, n = 5 → 2026-10-13). n = 0 gives `day` itself.
   */
  addWorkdays(day: Day, n: number): Day {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    // The calendar never changes once built, and an import asks the same few days again and again.
    const key = `${day}+${n}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    let d = day;
    for (let i = 0; i < n; i++) d = this.nextWorkday(d);
    if (this.memo.size > 100_000) this.memo.clear();
    this.memo.set(key, d);
    return d;
  }

  /**
   * Working days in (from, to]: how many working days `to` lies after `from`
   * (0 when `to` ≤ `from`). Used for "working days overdue".
   */
  workdaysBetween(from: Day, to: Day): number {
    if (to <= from) return 0;
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) count++;
    return count;
  }
}
