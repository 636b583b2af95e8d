// Beijing time whatever the machine's TZ: parsing the ways people and the city write times,
// printing them back, and day arithmetic. Every assertion runs under three machine time zones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addHours,
  atBeijing,
  dayOf,
  endOfDay,
  formatTime,
  formatTimeShort,
  parseDay,
  parseTime,
  splitDay,
  weekday,
} from '../../src/domain/time.js';

const ZONES = [
  { tz: 'UTC', offsetMinutes: 0 },
  { tz: 'America/New_York', offsetMinutes: 300 }, // getTimezoneOffset() on 2026-01-01 (EST)
  { tz: 'Asia/Shanghai', offsetMinutes: -480 },
] as const;

const originalTZ = process.env.TZ;

/** parseTime, then formatTime; null stays null. */
function p(s: string): string | null {
  const t = parseTime(s);
  return t === null ? null : formatTime(t);
}

describe.each(ZONES)('time under TZ=$tz', ({ tz, offsetMinutes }) => {
  beforeAll(() => {
    process.env.TZ = tz;
  });
  afterAll(() => {
    if (originalTZ === undefined) delete process.env.TZ;
    else process.env.TZ = originalTZ;
  });

  it('really runs in that machine time zone', () => {
    expect(new Date(Date.UTC(2026, 0, 1, 12)).getTimezoneOffset()).toBe(offsetMinutes);
  });

  it.each([
    ['2026-11-20 09:05:00', '2026-11-20T09:05:00+08:00'],
    ['2026-11-20 09:05', '2026-11-20T09:05:00+08:00'],
    ['2026/11/20 9:05', '2026-11-20T09:05:00+08:00'],
    ['2026/1/2 7:08:09', '2026-01-02T07:08:09+08:00'],
    ['2026年11月20日 09:05', '2026-11-20T09:05:00+08:00'],
    ['2026年11月20日 9时05分', '2026-11-20T09:05:00+08:00'],
    ['2026年11月20日9时05分30秒', '2026-11-20T09:05:30+08:00'],
    ['2026-11-20T09:05:00', '2026-11-20T09:05:00+08:00'], // ISO without offset: Beijing
    ['2026-11-20T09:05:00+08:00', '2026-11-20T09:05:00+08:00'],
    ['2026-11-20T01:05:00Z', '2026-11-20T09:05:00+08:00'],
    ['2026-11-20T01:05:00.250Z', '2026-11-20T09:05:00+08:00'],
    ['2026-11-19T20:05:00-05:00', '2026-11-20T09:05:00+08:00'],
    ['2026-11-20T09:05:00+0800', '2026-11-20T09:05:00+08:00'],
    ['2026-11-20', '2026-11-20T00:00:00+08:00'], // a bare date is midnight at the start of the day
    ['2026/3/8', '2026-03-08T00:00:00+08:00'],
    ['2026年3月8日', '2026-03-08T00:00:00+08:00'],
    ['  2026-11-20 23:59:59  ', '2026-11-20T23:59:59+08:00'],
    ['2028-02-29 12:00', '2028-02-29T12:00:00+08:00'], // leap day
    ['2026-11-20 00:00', '2026-11-20T00:00:00+08:00'],
  ])('parseTime(%j) is %s', (input, expected) => {
    expect(p(input)).toBe(expected);
  });

  it('a naive Beijing time is 8 hours ahead of UTC, whatever the machine zone', () => {
    expect(parseTime('2026-11-20 09:05')!.toISOString()).toBe('2026-11-20T01:05:00.000Z');
    expect(parseTime('2026-01-01')!.toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it.each([
    '2026-02-30',
    '2026-02-29 10:00', // 2026 is not a leap year
    '2026-13-01',
    '2026-11-20 25:00',
    '2026-11-20 24:00',
    '2026-11-20 09:60',
    '2026-11-20 09:05:60',
    '2026-11-20T09:05:00+08:60',
    '2026-02-30T09:05:00Z',
    'garbage',
    '20261120',
    '11/20/2026',
    '',
    '   ',
  ])('parseTime(%j) is null', (input) => {
    expect(parseTime(input)).toBeNull();
  });

  it('formatTime prints Beijing time with +08:00 and round-trips through parseTime (whole seconds)', () => {
    // China observed DST 1986–1991 (Asia/Shanghai was +09:00 in those summers): start after it.
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1) / 1000, max: Date.UTC(2150, 0, 1) / 1000 }), (sec) => {
        const d = new Date(sec * 1000);
        const text = formatTime(d);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
        expect(parseTime(text)!.getTime()).toBe(d.getTime());
        // the naive form people type means the same instant
        expect(parseTime(text.slice(0, 19).replace('T', ' '))!.getTime()).toBe(d.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('formatTime and formatTimeShort of a UTC instant', () => {
    const d = new Date('2026-12-31T16:30:00Z');
    expect(formatTime(d)).toBe('2027-01-01T00:30:00+08:00');
    expect(formatTimeShort(d)).toBe('2027-01-01 00:30');
    expect(formatTimeShort('2026-11-20T09:05:00+08:00')).toBe('2026-11-20 09:05');
    // a stored time is read as its text; any time, as the instant it names
    for (const t of ['2026-11-20T09:05:59+08:00', '1992-01-01T00:00:00+08:00', '2026-11-20T01:05:00Z', '1988-07-01T09:00:00+08:00', '2026-02-29T09:05:00+08:00'])
      expect(formatTimeShort(t), t).toBe(formatTimeShort(new Date(t)));
    for (let ms = Date.UTC(1991, 11, 31); ms < Date.UTC(2031, 0, 1); ms += 7_919_993_117) expect(formatTimeShort(formatTime(new Date(ms)))).toBe(formatTimeShort(new Date(ms)));
  });

  it('dayOf gives the Beijing day, not the UTC or machine day', () => {
    expect(dayOf(new Date('2026-11-19T16:00:00Z'))).toBe('2026-11-20'); // 00:00 Beijing
    expect(dayOf(new Date('2026-11-19T15:59:59Z'))).toBe('2026-11-19'); // 23:59:59 Beijing
    expect(dayOf('2026-12-31T23:30:00+08:00')).toBe('2026-12-31');
    expect(dayOf('2026-12-31T16:30:00Z')).toBe('2027-01-01');
  });

  it('atBeijing and endOfDay', () => {
    expect(formatTime(atBeijing('2026-10-13'))).toBe('2026-10-13T00:00:00+08:00');
    expect(formatTime(atBeijing('2026-10-13', 17, 30))).toBe('2026-10-13T17:30:00+08:00');
    expect(formatTime(endOfDay('2026-10-13'))).toBe('2026-10-13T23:59:59+08:00');
    expect(formatTime(endOfDay('2026-10-13', '17:30:00'))).toBe('2026-10-13T17:30:00+08:00');
    expect(formatTime(endOfDay('2026-10-13', '17:30'))).toBe('2026-10-13T17:30:00+08:00');
    expect(endOfDay('2026-10-13').toISOString()).toBe('2026-10-13T15:59:59.000Z');
  });

  it('parseDay accepts the date forms and rejects impossible days', () => {
    expect(parseDay('2026-10-01')).toBe('2026-10-01');
    expect(parseDay('2026/10/1')).toBe('2026-10-01');
    expect(parseDay('2026年10月1日')).toBe('2026-10-01');
    expect(parseDay('2026.10.1')).toBe('2026-10-01');
    expect(parseDay(' 2026-1-9 ')).toBe('2026-01-09');
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('2026-10-01 09:00')).toBeNull(); // a time is not a day
    expect(parseDay('tomorrow')).toBeNull();
    expect(parseDay('')).toBeNull();
  });

  it('addDays, weekday and addHours are plain calendar / real-time arithmetic', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekday('2026-09-30')).toBe(3); // Wednesday
    expect(weekday('2026-02-14')).toBe(6); // Saturday
    expect(weekday('2026-01-04')).toBe(0); // Sunday
    expect(formatTime(addHours(parseTime('2026-11-20 23:30')!, 2))).toBe('2026-11-21T01:30:00+08:00');
  });

  it('addDays(d, n) then addDays(…, -n) returns d; weekday advances by n mod 7', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: -1000, max: 1000 }), (offset, n) => {
        const d = addDays('1950-01-01', offset);
        expect(addDays(addDays(d, n), -n)).toBe(d);
        expect(weekday(addDays(d, n))).toBe((((weekday(d) + n) % 7) + 7) % 7);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses digits of the day and the hour run together', () => {
    // "2026-11-209:05" is read as 2026-11-20 09:05; "2026-1-120:00" as Jan 12 00:00 rather than Jan 1 20:00.
    expect(parseTime('2026-11-209:05')).toBeNull();
  });
  it('accepts a full-width colon (common in Chinese input)', () => {
    expect(p('2026年11月20日 09：05')).toBe('2026-11-20T09:05:00+08:00');
  });
  it('accepts an RFC 3339 time with a space before the time and an offset', () => {
    expect(p('2026-11-20 09:05:00+08:00')).toBe('2026-11-20T09:05:00+08:00');
  });
});

describe('time is the same whatever the machine TZ', () => {
  afterAll(() => {
    if (originalTZ === undefined) delete process.env.TZ;
    else process.env.TZ = originalTZ;
  });

  it('identical results under UTC, America/New_York and Asia/Shanghai', () => {
    const inputs = ['2026-11-20 09:05:00', '2026/11/20 9:05', '2026年11月20日 9时05分', '2026-11-20T01:05:00Z', '2026-03-08', '2026-11-01 01:30'];
    const run = (): unknown[] =>
      inputs.map((s) => {
        const t = parseTime(s)!;
        return [t.getTime(), formatTime(t), dayOf(t), formatTime(endOfDay(dayOf(t)))];
      });
    const results = ZONES.map(({ tz }) => {
      process.env.TZ = tz;
      return run();
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    // and they are the hand-computed values
    expect(results[0]![0]).toEqual([Date.parse('2026-11-20T01:05:00Z'), '2026-11-20T09:05:00+08:00', '2026-11-20', '2026-11-20T23:59:59+08:00']);
  });
});

describe('splitDay', () => {
  it('reads a stored day digit by digit exactly as splitting it on "-" does, and other text as before', () => {
    const bySplit = (s: string) => {
      const [y, m, d] = s.split('-').map(Number);
      return [y, m, d];
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_900_000 }), (n) => {
        const day = new Date(Date.UTC(1900, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        expect(splitDay(day)).toEqual(bySplit(day));
      }),
    );
    for (const s of ['2026-1-05', '2026-11-5x', '20261105', 'ab26-11-05', '2026-11-05T', '-026-11-05']) expect(splitDay(s)).toEqual(bySplit(s));
  });
});
