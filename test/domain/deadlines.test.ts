// The deadline engine: every expected value below is counted by hand on the 2026 calendar
// (Mon 2026-11-16 … Fri 2026-11-20, Sat 21, Sun 22; National Day Oct 1–7 with make-up Sat Oct 10;
// Spring Festival Feb 15–23 with make-up Sat Feb 14 and Sat Feb 28; New Year Jan 1–3 with
// make-up Sun Jan 4). Every assertion runs under three machine time zones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assertExtensionAllowed,
  cityDeadlineFromInput,
  extendedDue,
  extensionAllowed,
  replyDue,
  returnUntil,
  reworkDue,
  sameDayDispatchLimit,
  signDue,
} from '../../src/domain/deadlines.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { DEFAULT_SETTINGS as S, buildSettings } from '../../src/domain/settings.js';
import { formatTime, parseTime } from '../../src/domain/time.js';
import { Refusal } from '../../src/domain/errors.js';
import type { OrderType, Urgency } from '../../src/domain/order.js';

const cal = new WorkCalendar(officialCalendar());
const closing1730 = buildSettings(new Map([['day.closingTime', '17:30:00']]));

/** A Beijing time as people write it. */
function t(s: string): Date {
  const d = parseTime(s);
  if (!d) throw new Error(`bad test time ${s}`);
  return d;
}
const f = formatTime;

function reply(receivedAt: string, type: OrderType, urgency: Urgency = '一般', cityDeadline?: Date | null): string {
  return f(replyDue({ receivedAt: t(receivedAt), type, urgency, cityDeadline }, S, cal));
}

const ZONES = [
  { tz: 'UTC', offsetMinutes: 0 },
  { tz: 'America/New_York', offsetMinutes: 300 },
  { tz: 'Asia/Shanghai', offsetMinutes: -480 },
] as const;
const originalTZ = process.env.TZ;

describe.each(ZONES)('deadlines under TZ=$tz', ({ tz, offsetMinutes }) => {
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

  describe('replyDue', () => {
    it('DOMAIN.md: 求助 (5 working days) received Wed 2026-09-30 → end of 2026-10-13', () => {
      expect(reply('2026-09-30 10:00', '求助')).toBe('2026-10-13T23:59:59+08:00');
    });

    it('by type, across National Day', () => {
      // Oct 8, 9, Sat 10
      expect(reply('2026-09-30 10:00', '咨询')).toBe('2026-10-10T23:59:59+08:00');
      expect(reply('2026-09-30 10:00', '表扬')).toBe('2026-10-10T23:59:59+08:00');
      // Oct 8, 9, 10, 12, 13, 14, 15, 16, 19, 20
      expect(reply('2026-09-30 10:00', '投诉')).toBe('2026-10-20T23:59:59+08:00');
      expect(reply('2026-09-30 10:00', '举报')).toBe('2026-10-20T23:59:59+08:00');
      expect(reply('2026-09-30 10:00', '建议')).toBe('2026-10-20T23:59:59+08:00');
      expect(reply('2026-09-30 10:00', '其他')).toBe('2026-10-13T23:59:59+08:00');
      // received on the holiday itself: counts from Oct 8 all the same
      expect(reply('2026-10-03 10:00', '咨询')).toBe('2026-10-10T23:59:59+08:00');
    });

    it('across the Spring Festival and its two make-up Saturdays', () => {
      // received Thu Feb 12: Feb 13, Sat 14, 24, 25, 26, 27, Sat 28, Mar 2, 3, 4
      expect(reply('2026-02-12 14:00', '投诉')).toBe('2026-03-04T23:59:59+08:00');
      // received Fri Feb 13: Sat 14, 24, 25
      expect(reply('2026-02-13 09:00', '咨询')).toBe('2026-02-25T23:59:59+08:00');
    });

    it('across the year boundary', () => {
      // received Wed 2025-12-31: Sun Jan 4 (make-up), Mon 5, Tue 6
      expect(reply('2025-12-31 16:00', '咨询')).toBe('2026-01-06T23:59:59+08:00');
    });

    it('received on a Saturday, or late on Friday, counts from Monday', () => {
      // Mon 23, Tue 24, Wed 25
      expect(reply('2026-11-21 10:00', '咨询')).toBe('2026-11-25T23:59:59+08:00');
      expect(reply('2026-11-20 23:30', '咨询')).toBe('2026-11-25T23:59:59+08:00');
    });

    it('the day received is the Beijing day (00:30 Beijing is still the previous day in UTC)', () => {
      // Fri 2026-11-20 00:30 Beijing = Thu 16:30 UTC. From Friday: Mon 23, Tue 24, Wed 25 (from Thursday it would be Tue 24)
      expect(reply('2026-11-20 00:30', '咨询')).toBe('2026-11-25T23:59:59+08:00');
    });

    it('a working-day deadline ends at the office closing time when one is set', () => {
      const due = replyDue({ receivedAt: t('2026-09-30 10:00'), type: '求助', urgency: '一般' }, closing1730, cal);
      expect(f(due)).toBe('2026-10-13T17:30:00+08:00');
    });

    it('the office can change a type’s working days', () => {
      const s = buildSettings(new Map([['reply.consult', 1]]));
      expect(f(replyDue({ receivedAt: t('2026-11-20 10:00'), type: '咨询', urgency: '一般' }, s, cal))).toBe(
        '2026-11-23T23:59:59+08:00',
      );
    });

    it('紧急: 24 real hours, across midnight into a weekend', () => {
      expect(reply('2026-11-20 15:00', '咨询', '紧急')).toBe('2026-11-21T15:00:00+08:00');
    });

    it('紧急: 24 real hours across a holiday (no working-day counting)', () => {
      expect(reply('2026-09-30 20:00', '投诉', '紧急')).toBe('2026-10-01T20:00:00+08:00');
      expect(reply('2026-02-14 18:00', '求助', '紧急')).toBe('2026-02-15T18:00:00+08:00');
    });

    it('特急: 2 real hours, across midnight', () => {
      expect(reply('2026-11-20 23:30', '求助', '特急')).toBe('2026-11-21T01:30:00+08:00');
      expect(reply('2026-10-01 09:15', '投诉', '特急')).toBe('2026-10-01T11:15:00+08:00');
    });

    it('the urgency overrides the type, and its hours are settings', () => {
      expect(reply('2026-11-18 09:00', '投诉', '紧急')).toBe(reply('2026-11-18 09:00', '咨询', '紧急'));
      const s = buildSettings(new Map([['urgent.hours', 48], ['critical.hours', 4]]));
      expect(f(replyDue({ receivedAt: t('2026-11-18 09:00'), type: '投诉', urgency: '紧急' }, s, cal))).toBe(
        '2026-11-20T09:00:00+08:00',
      );
      expect(f(replyDue({ receivedAt: t('2026-11-18 09:00'), type: '投诉', urgency: '特急' }, s, cal))).toBe(
        '2026-11-18T13:00:00+08:00',
      );
    });

    it('a city deadline wins, earlier or later than the computed one, and over the urgency', () => {
      // computed for 投诉 received 09-30 would be end of 10-20
      expect(reply('2026-09-30 10:00', '投诉', '一般', t('2026-10-09 12:00'))).toBe('2026-10-09T12:00:00+08:00');
      expect(reply('2026-09-30 10:00', '投诉', '一般', t('2026-11-30 23:59:59'))).toBe('2026-11-30T23:59:59+08:00');
      expect(reply('2026-09-30 10:00', '投诉', '特急', t('2026-10-02 09:00'))).toBe('2026-10-02T09:00:00+08:00');
      // null or absent: computed
      expect(reply('2026-09-30 10:00', '投诉', '一般', null)).toBe('2026-10-20T23:59:59+08:00');
    });
  });

  describe('cityDeadlineFromInput', () => {
    it('a bare date is the end of that day (the office closing time if set)', () => {
      expect(f(cityDeadlineFromInput('2026-11-30', S)!)).toBe('2026-11-30T23:59:59+08:00');
      expect(f(cityDeadlineFromInput('2026/11/30', S)!)).toBe('2026-11-30T23:59:59+08:00');
      expect(f(cityDeadlineFromInput('2026年11月30日', S)!)).toBe('2026-11-30T23:59:59+08:00');
      expect(f(cityDeadlineFromInput(' 2026-11-30\u3000', S)!)).toBe('2026-11-30T23:59:59+08:00');
      expect(f(cityDeadlineFromInput('2026-11-30', closing1730)!)).toBe('2026-11-30T17:30:00+08:00');
    });

    it('a date with a time is that instant', () => {
      expect(f(cityDeadlineFromInput('2026-11-30 12:00', S)!)).toBe('2026-11-30T12:00:00+08:00');
      expect(f(cityDeadlineFromInput('2026年11月30日 9时30分', S)!)).toBe('2026-11-30T09:30:00+08:00');
      expect(f(cityDeadlineFromInput('2026-11-30T04:00:00Z', S)!)).toBe('2026-11-30T12:00:00+08:00');
      expect(f(cityDeadlineFromInput('2026-11-30 00:00:00', S)!)).toBe('2026-11-30T00:00:00+08:00');
    });

    it('empty or not a time is null', () => {
      expect(cityDeadlineFromInput('', S)).toBeNull();
      expect(cityDeadlineFromInput('   ', S)).toBeNull();
      expect(cityDeadlineFromInput('尽快', S)).toBeNull();
      expect(cityDeadlineFromInput('2026-02-30', S)).toBeNull();
    });

    it('feeds replyDue: "办理时限 2026-11-30" is due at the end of Nov 30', () => {
      expect(reply('2026-11-18 09:00', '咨询', '一般', cityDeadlineFromInput('2026-11-30', S))).toBe('2026-11-30T23:59:59+08:00');
    });
  });

  describe('signDue', () => {
    it('by the end of the next working day', () => {
      expect(f(signDue(t('2026-11-18 10:00'), '一般', S, cal))).toBe('2026-11-19T23:59:59+08:00');
    });
    it('dispatched on a Friday → end of Monday', () => {
      expect(f(signDue(t('2026-11-20 16:00'), '一般', S, cal))).toBe('2026-11-23T23:59:59+08:00');
    });
    it('dispatched on a Saturday → end of Monday', () => {
      expect(f(signDue(t('2026-11-21 10:00'), '一般', S, cal))).toBe('2026-11-23T23:59:59+08:00');
    });
    it('before National Day → Oct 8; before the Spring Festival → the make-up Saturday', () => {
      expect(f(signDue(t('2026-09-30 10:00'), '一般', S, cal))).toBe('2026-10-08T23:59:59+08:00');
      expect(f(signDue(t('2026-02-13 10:00'), '一般', S, cal))).toBe('2026-02-14T23:59:59+08:00');
      expect(f(signDue(t('2026-02-14 10:00'), '一般', S, cal))).toBe('2026-02-24T23:59:59+08:00');
    });
    it('紧急 and 特急: 1 real hour, across midnight', () => {
      expect(f(signDue(t('2026-11-20 23:30'), '紧急', S, cal))).toBe('2026-11-21T00:30:00+08:00');
      expect(f(signDue(t('2026-10-01 10:00'), '特急', S, cal))).toBe('2026-10-01T11:00:00+08:00');
    });
    it('follows the settings', () => {
      const s = buildSettings(new Map<string, number | string>([['sign.workdays', 2], ['sign.urgentHours', 3], ['day.closingTime', '18:00']]));
      expect(f(signDue(t('2026-11-20 16:00'), '一般', s, cal))).toBe('2026-11-24T18:00:00+08:00');
      expect(f(signDue(t('2026-11-20 16:00'), '紧急', s, cal))).toBe('2026-11-20T19:00:00+08:00');
    });
  });

  describe('returnUntil', () => {
    it('end of the second working day after the dispatch day', () => {
      // Fri 20 → Mon 23, Tue 24
      expect(f(returnUntil(t('2026-11-20 10:00'), S, cal))).toBe('2026-11-24T23:59:59+08:00');
      // Wed 09-30 → Oct 8, 9
      expect(f(returnUntil(t('2026-09-30 10:00'), S, cal))).toBe('2026-10-09T23:59:59+08:00');
      // Thu 02-12 → Fri 13, Sat 14 (make-up)
      expect(f(returnUntil(t('2026-02-12 10:00'), S, cal))).toBe('2026-02-14T23:59:59+08:00');
      // Wed 2025-12-31 → Sun Jan 4 (make-up), Mon Jan 5
      expect(f(returnUntil(t('2025-12-31 10:00'), S, cal))).toBe('2026-01-05T23:59:59+08:00');
    });
  });

  describe('extendedDue', () => {
    it('adds working days to the day of the current dueAt, ending at the end of the day', () => {
      // Tue 10-13 → Wed 14, Thu 15, Fri 16
      expect(f(extendedDue(t('2026-10-13 23:59:59'), 3, S, cal))).toBe('2026-10-16T23:59:59+08:00');
      // Wed 09-30 → Oct 8, 9
      expect(f(extendedDue(t('2026-09-30 23:59:59'), 2, S, cal))).toBe('2026-10-09T23:59:59+08:00');
      // Fri 02-13 → Sat 14, Tue 24, Wed 25
      expect(f(extendedDue(t('2026-02-13 23:59:59'), 3, S, cal))).toBe('2026-02-25T23:59:59+08:00');
    });
    it('an hour-limited dueAt becomes a working-day deadline', () => {
      expect(f(extendedDue(t('2026-11-24 10:00'), 1, S, cal))).toBe('2026-11-25T23:59:59+08:00');
      // 紧急 due on a Saturday → Mon
      expect(f(extendedDue(t('2026-11-21 15:00'), 1, S, cal))).toBe('2026-11-23T23:59:59+08:00');
    });
    it('uses the closing time', () => {
      expect(f(extendedDue(t('2026-10-13 17:30'), 1, closing1730, cal))).toBe('2026-10-14T17:30:00+08:00');
    });
    it('refuses a count that is not a whole number ≥ 1', () => {
      expect(() => extendedDue(t('2026-10-13 17:30'), 0, S, cal)).toThrow(RangeError);
      expect(() => extendedDue(t('2026-10-13 17:30'), 1.5, S, cal)).toThrow(RangeError);
    });
    it('is always later than the current dueAt, by exactly the asked working days', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: Date.UTC(2025, 0, 1) / 60_000, max: Date.UTC(2027, 0, 1) / 60_000 }),
          fc.integer({ min: 1, max: 10 }),
          (minute, days) => {
            const due = new Date(minute * 60_000);
            const ext = extendedDue(due, days, S, cal);
            expect(ext.getTime()).toBeGreaterThan(due.getTime());
            expect(formatTime(ext).slice(11)).toBe('23:59:59+08:00');
            const dueDay = formatTime(due).slice(0, 10);
            expect(cal.workdaysBetween(dueDay, formatTime(ext).slice(0, 10))).toBe(days);
          },
        ),
        { numRuns: 200 },
      );
    });
  });

  describe('reworkDue', () => {
    it('the type’s limit again, counted from the rework', () => {
      // Tue 10-20 → Oct 21, 22, 23, 26, 27, 28, 29, 30, Nov 2, Nov 3
      expect(f(reworkDue(t('2026-10-20 09:00'), '投诉', '一般', S, cal))).toBe('2026-11-03T23:59:59+08:00');
      // Sun 2026-09-27 (Mid-Autumn) → Mon 28, Tue 29, Wed 30
      expect(f(reworkDue(t('2026-09-27 09:00'), '咨询', '一般', S, cal))).toBe('2026-09-30T23:59:59+08:00');
    });
    it('紧急 / 特急 rework: real hours from the rework', () => {
      expect(f(reworkDue(t('2026-10-20 09:00'), '投诉', '紧急', S, cal))).toBe('2026-10-21T09:00:00+08:00');
      expect(f(reworkDue(t('2026-10-20 09:00'), '投诉', '特急', S, cal))).toBe('2026-10-20T11:00:00+08:00');
    });
  });

  describe('extensionAllowed', () => {
    const dueAt = (): Date => t('2026-10-13 23:59:59');

    it('asked before dueAt, within the cap: ok', () => {
      expect(extensionAllowed({ dueAt: dueAt(), extensionDays: 0 }, t('2026-10-12 09:00'), 3, S)).toEqual({ ok: true });
      expect(extensionAllowed({ dueAt: dueAt(), extensionDays: 7 }, t('2026-10-12 09:00'), 3, S)).toEqual({ ok: true });
      expect(extensionAllowed({ dueAt: dueAt(), extensionDays: 0 }, t('2026-10-12 09:00'), 10, S)).toEqual({ ok: true });
    });

    it('at the due instant itself it is still allowed; one second later it is not', () => {
      expect(extensionAllowed({ dueAt: dueAt(), extensionDays: 0 }, dueAt(), 1, S)).toEqual({ ok: true });
      expect(extensionAllowed({ dueAt: dueAt(), extensionDays: 0 }, t('2026-10-14 00:00:00'), 1, S)).toEqual({
        ok: false,
        code: 'calendar.extension.tooLate',
        params: { at: '2026-10-14T00:00:00+08:00', dueAt: '2026-10-13T23:59:59+08:00' },
      });
    });

    it('over the 10 working days per order: refused with what is left', () => {
      expect(extensionAllowed({ dueAt: dueAt(), extensionDays: 7 }, t('2026-10-12 09:00'), 4, S)).toEqual({
        ok: false,
        code: 'calendar.extension.overCap',
        params: { days: 4, used: 7, max: 10, left: 3 },
      });
      expect(extensionAllowed({ dueAt: dueAt(), extensionDays: 0 }, t('2026-10-12 09:00'), 11, S)).toMatchObject({
        ok: false,
        code: 'calendar.extension.overCap',
      });
    });

    it('the cap is a setting', () => {
      const s = buildSettings(new Map([['extension.maxWorkdays', 5]]));
      expect(extensionAllowed({ dueAt: dueAt(), extensionDays: 3 }, t('2026-10-12 09:00'), 2, s)).toEqual({ ok: true });
      expect(extensionAllowed({ dueAt: dueAt(), extensionDays: 3 }, t('2026-10-12 09:00'), 3, s)).toMatchObject({
        ok: false,
        code: 'calendar.extension.overCap',
        params: { left: 2, max: 5 },
      });
    });

    it.each([0, -1, 1.5, Number.NaN])('days = %s is refused', (days) => {
      expect(extensionAllowed({ dueAt: dueAt(), extensionDays: 0 }, t('2026-10-12 09:00'), days, S)).toMatchObject({
        ok: false,
        code: 'calendar.extension.badDays',
      });
    });

    it('assertExtensionAllowed throws the Refusal', () => {
      expect(() => assertExtensionAllowed({ dueAt: dueAt(), extensionDays: 0 }, t('2026-10-12 09:00'), 2, S)).not.toThrow();
      let caught: unknown;
      try {
        assertExtensionAllowed({ dueAt: dueAt(), extensionDays: 0 }, t('2026-10-15 09:00'), 2, S);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(Refusal);
      expect((caught as Refusal).code).toBe('calendar.extension.tooLate');
    });
  });

  describe('sameDayDispatchLimit (DOMAIN.md: by the end of office hours of the day received)', () => {
    const lim = (received: string, s = S): string => f(sameDayDispatchLimit(t(received), s, cal));

    it('office hours end at 17:30 by default', () => {
      expect(S.officeHoursEnd).toBe('17:30:00');
    });
    it('received on a working day in office hours → 17:30 that day, the cut-off included', () => {
      expect(lim('2026-11-18 09:00')).toBe('2026-11-18T17:30:00+08:00');
      expect(lim('2026-11-18 00:10')).toBe('2026-11-18T17:30:00+08:00');
      expect(lim('2026-11-18 17:30:00')).toBe('2026-11-18T17:30:00+08:00');
    });
    it('received after hours → 17:30 of the next working day', () => {
      expect(lim('2026-11-18 17:30:01')).toBe('2026-11-19T17:30:00+08:00');
      expect(lim('2026-11-20 18:00')).toBe('2026-11-23T17:30:00+08:00'); // Friday evening → Monday
      expect(lim('2026-02-13 20:00')).toBe('2026-02-14T17:30:00+08:00'); // → the make-up Saturday
      expect(lim('2026-09-30 19:00')).toBe('2026-10-08T17:30:00+08:00'); // → after National Day
    });
    it('received on a non-working day → 17:30 of the next working day', () => {
      expect(lim('2026-11-21 10:00')).toBe('2026-11-23T17:30:00+08:00');
      expect(lim('2026-10-01 10:00')).toBe('2026-10-08T17:30:00+08:00');
      expect(lim('2026-01-01 10:00')).toBe('2026-01-04T17:30:00+08:00'); // the Sunday make-up day
    });
    it('a make-up Saturday is a working day', () => {
      expect(lim('2026-02-14 10:00')).toBe('2026-02-14T17:30:00+08:00');
    });
    it('the office sets its own closing of office hours', () => {
      const s = buildSettings(new Map([['office.hoursEnd', '17:00:00']]));
      expect(lim('2026-11-18 16:59', s)).toBe('2026-11-18T17:00:00+08:00');
      expect(lim('2026-11-18 17:00:00', s)).toBe('2026-11-18T17:00:00+08:00');
      expect(lim('2026-11-18 17:00:01', s)).toBe('2026-11-19T17:00:00+08:00');
    });
  });
});
