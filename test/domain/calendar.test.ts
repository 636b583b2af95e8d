// The working-day calendar over the official schedule (chinese-days) and the office's overrides.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar, type CalendarEntry } from '../../src/domain/calendar.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { addDays, weekday } from '../../src/domain/time.js';

const cal = new WorkCalendar(officialCalendar());

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

function office(date: string, kind: 'workday' | 'holiday'): CalendarEntry {
  return { date, kind, source: 'office', note: null };
}

describe('WorkCalendar over the official schedule', () => {
  it('DOMAIN.md example: received Wed 2026-09-30, 5 working days → 2026-10-13', () => {
    // Oct 1–7 holiday; Oct 8, 9, Sat Oct 10 (make-up), 12, 13
    expect(cal.addWorkdays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.addWorkdays('2026-09-30', 2)).toBe('2026-10-09');
    expect(cal.addWorkdays('2026-09-30', 3)).toBe('2026-10-10');
    expect(cal.addWorkdays('2026-09-30', 4)).toBe('2026-10-12');
    expect(cal.addWorkdays('2026-09-30', 5)).toBe('2026-10-13');
    expect(cal.workdaysBetween('2026-09-30', '2026-10-13')).toBe(5);
  });

  it('National Day 2026: Oct 1–7 off, Sat Oct 10 a make-up working day, Sun Oct 11 off', () => {
    for (const d of days('2026-10-01', '2026-10-07')) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.isWorkday('2026-09-30')).toBe(true);
    expect(cal.isWorkday('2026-10-08')).toBe(true);
    expect(weekday('2026-10-10')).toBe(6);
    expect(cal.isWorkday('2026-10-10')).toBe(true);
    expect(cal.isWorkday('2026-10-11')).toBe(false);
    expect(cal.entry('2026-10-10')).toMatchObject({ kind: 'workday', source: 'official' });
  });

  it('Spring Festival 2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 make-up working days', () => {
    for (const d of days('2026-02-15', '2026-02-23')) expect(cal.isWorkday(d), d).toBe(false);
    expect(weekday('2026-02-14')).toBe(6);
    expect(weekday('2026-02-28')).toBe(6);
    expect(cal.isWorkday('2026-02-14')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.isWorkday('2026-02-13')).toBe(true);
    expect(cal.isWorkday('2026-02-24')).toBe(true);
    // Fri Feb 13 → Sat Feb 14 (make-up) → Tue Feb 24
    expect(cal.nextWorkday('2026-02-13')).toBe('2026-02-14');
    expect(cal.nextWorkday('2026-02-14')).toBe('2026-02-24');
    expect(cal.addWorkdays('2026-02-12', 3)).toBe('2026-02-24');
    // Feb 24, 25, 26, 27, Sat 28 (make-up), Mon Mar 2
    expect(cal.addWorkdays('2026-02-14', 6)).toBe('2026-03-02');
    expect(cal.workdaysBetween('2026-02-13', '2026-03-02')).toBe(7);
  });

  it('year boundary: 2025-12-31 → New Year 2026-01-01..03 off, Sun 2026-01-04 a make-up day', () => {
    for (const d of days('2026-01-01', '2026-01-03')) expect(cal.isWorkday(d), d).toBe(false);
    expect(weekday('2026-01-04')).toBe(0);
    expect(cal.isWorkday('2026-01-04')).toBe(true);
    expect(cal.nextWorkday('2025-12-31')).toBe('2026-01-04');
    expect(cal.addWorkdays('2025-12-31', 2)).toBe('2026-01-05');
    expect(cal.addWorkdays('2025-12-31', 3)).toBe('2026-01-06');
    expect(cal.workdaysBetween('2025-12-31', '2026-01-06')).toBe(3);
  });

  it('a plain week: weekends are off, a working day counts from the next working day', () => {
    // Fri 2026-11-20 → Mon 23
    expect(cal.isWorkday('2026-11-21')).toBe(false);
    expect(cal.isWorkday('2026-11-22')).toBe(false);
    expect(cal.nextWorkday('2026-11-20')).toBe('2026-11-23');
    expect(cal.addWorkdays('2026-11-21', 1)).toBe('2026-11-23'); // from a Saturday
    expect(cal.workdayOnOrAfter('2026-11-21')).toBe('2026-11-23');
    expect(cal.workdayOnOrAfter('2026-11-20')).toBe('2026-11-20');
  });

  it('addWorkdays(d, 0) is d; a negative or fractional count is refused', () => {
    expect(cal.addWorkdays('2026-10-03', 0)).toBe('2026-10-03');
    expect(() => cal.addWorkdays('2026-10-03', -1)).toThrow(RangeError);
    expect(() => cal.addWorkdays('2026-10-03', 1.5)).toThrow(RangeError);
  });

  it('workdaysBetween is 0 when to ≤ from, and counts (from, to]', () => {
    expect(cal.workdaysBetween('2026-10-13', '2026-10-13')).toBe(0);
    expect(cal.workdaysBetween('2026-10-13', '2026-10-01')).toBe(0);
    expect(cal.workdaysBetween('2026-11-20', '2026-11-22')).toBe(0); // only the weekend
    expect(cal.workdaysBetween('2026-11-20', '2026-11-23')).toBe(1);
  });

  it('a year with no official schedule is plain Monday–Friday', () => {
    expect(cal.list(2030)).toEqual([]);
    expect(cal.isWorkday('2030-10-01')).toBe(true); // Tuesday; no National Day known for 2030
    expect(cal.addWorkdays('2030-09-27', 1)).toBe('2030-09-30'); // Fri → Mon
  });

  it('list(year) gives that year’s exceptions sorted; years() the years known', () => {
    const l = cal.list(2026);
    expect(l.length).toBeGreaterThan(30);
    expect(l.every((e) => e.date.startsWith('2026-'))).toBe(true);
    expect(l.map((e) => e.date)).toEqual([...l.map((e) => e.date)].sort());
    expect(l.find((e) => e.date === '2026-02-14')).toMatchObject({ kind: 'workday', source: 'official' });
    expect(cal.years()).toContain(2026);
    expect(cal.years()).toContain(2004);
  });
});

describe('office overrides beat the official schedule', () => {
  it('an office holiday on an official working day moves deadlines', () => {
    const c = new WorkCalendar(officialCalendar(), [office('2026-10-08', 'holiday')]);
    expect(c.isWorkday('2026-10-08')).toBe(false);
    expect(c.entry('2026-10-08')).toMatchObject({ kind: 'holiday', source: 'office' });
    // Oct 9, 10 (make-up), 12, 13, 14
    expect(c.addWorkdays('2026-09-30', 5)).toBe('2026-10-14');
  });

  it('an office working day on an official holiday or a weekend counts', () => {
    const c = new WorkCalendar(officialCalendar(), [office('2026-10-07', 'workday'), office('2026-11-21', 'workday')]);
    expect(c.isWorkday('2026-10-07')).toBe(true);
    expect(c.addWorkdays('2026-09-30', 1)).toBe('2026-10-07');
    expect(c.nextWorkday('2026-11-20')).toBe('2026-11-21');
  });

  it('an office entry can undo an official make-up day', () => {
    const c = new WorkCalendar(officialCalendar(), [office('2026-10-10', 'holiday')]);
    expect(c.isWorkday('2026-10-10')).toBe(false);
    expect(c.addWorkdays('2026-09-30', 3)).toBe('2026-10-12');
  });

  it('the order of sources decides: the later one wins', () => {
    // 2026-10-10 is an official make-up day; passed after the office entry, the official one wins
    const c = new WorkCalendar([office('2026-10-10', 'holiday')], officialCalendar());
    expect(c.isWorkday('2026-10-10')).toBe(true);
  });

  it('next year’s schedule added by the office is used', () => {
    const c = new WorkCalendar(officialCalendar(), [office('2027-01-01', 'holiday'), office('2027-02-20', 'workday')]);
    expect(c.isWorkday('2027-01-01')).toBe(false); // a Friday
    expect(c.nextWorkday('2026-12-31')).toBe('2027-01-04');
    expect(c.isWorkday('2027-02-20')).toBe(true); // a Saturday
  });
});

describe('properties', () => {
  // any day from 2004 (first official year) to 2028 (past the last)
  const anyDay = fc.integer({ min: 0, max: 366 * 25 }).map((n) => addDays('2004-01-01', n));

  it('addWorkdays(d, n) is a working day, after d, and exactly n working days after d', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const r = cal.addWorkdays(d, n);
        expect(cal.isWorkday(r)).toBe(true);
        expect(r > d).toBe(true);
        expect(cal.workdaysBetween(d, r)).toBe(n);
        expect(cal.addWorkdays(d, n + 1) > r).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('nextWorkday(d) is the first working day after d: none in between', () => {
    fc.assert(
      fc.property(anyDay, (d) => {
        const r = cal.nextWorkday(d);
        expect(cal.isWorkday(r)).toBe(true);
        for (let x = addDays(d, 1); x < r; x = addDays(x, 1)) expect(cal.isWorkday(x)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
