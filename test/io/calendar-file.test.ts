// The calendar file the office types from the State Council notice: formats, ranges, errors
// with their line numbers, and writing it back.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EXAMPLE_CALENDAR_FILE,
  MAX_RANGE_DAYS,
  formatCalendarFile,
  parseCalendarFile,
  parseKind,
  type CalendarFileEntry,
} from '../../src/io/calendar-file.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { addDays, weekday } from '../../src/domain/time.js';

const H = 'holiday' as const;
const W = 'workday' as const;

function ok(text: string): CalendarFileEntry[] {
  const r = parseCalendarFile(text);
  expect(r.errors).toEqual([]);
  return r.entries;
}

describe('text format', () => {
  it('one day per line, comments and blank lines ignored, the note is the rest of the line', () => {
    const text = ['# 2027 schedule', '', '2027-01-01 holiday 元旦', '   ', '2027-02-20 workday 春节 调休上班', '2027-05-08 workday'].join('\n');
    expect(ok(text)).toEqual([
      { date: '2027-01-01', kind: H, note: '元旦' },
      { date: '2027-02-20', kind: W, note: '春节 调休上班' },
      { date: '2027-05-08', kind: W, note: null },
    ]);
  });

  it.each([
    ['holiday', H],
    ['HOLIDAY', H],
    ['off', H],
    ['休', H],
    ['放假', H],
    ['假', H],
    ['休息', H],
    ['节假日', H],
    ['workday', W],
    ['Workday', W],
    ['work', W],
    ['班', W],
    ['上班', W],
    ['调休上班', W],
    ['补班', W],
    ['工作日', W],
  ])('kind word %s → %s', (word, kind) => {
    expect(parseKind(word)).toBe(kind);
    expect(ok(`2027-01-01 ${word}`)).toEqual([{ date: '2027-01-01', kind, note: null }]);
  });

  it('dates in every form parseDay accepts', () => {
    expect(ok('2027/1/1 休\n2027年2月20日 班 春节调休\n2027.4.5 假').map((e) => [e.date, e.kind])).toEqual([
      ['2027-01-01', H],
      ['2027-02-20', W],
      ['2027-04-05', H],
    ]);
  });

  it.each([
    '2027-02-05..2027-02-13 holiday 春节',
    '2027-02-05~2027-02-13 holiday 春节',
    '2027-02-05～2027-02-13 holiday 春节',
    '2027-02-05至2027-02-13 holiday 春节',
    '2027-02-05 至 2027-02-13 holiday 春节',
    '2027-02-05 .. 2027-02-13 holiday 春节',
    '2027-02-05到2027-02-13 holiday 春节',
    '2027年2月5日至2027年2月13日 休 春节',
    '2027.2.5..2027.2.13 放假 春节',
  ])('a range, both ends included: %s', (line) => {
    const entries = ok(line);
    expect(entries).toHaveLength(9);
    expect(entries[0]).toEqual({ date: '2027-02-05', kind: H, note: '春节' });
    expect(entries[8]).toEqual({ date: '2027-02-13', kind: H, note: '春节' });
    expect(entries.map((e) => e.date)).toEqual(Array.from({ length: 9 }, (_, i) => addDays('2027-02-05', i)));
  });

  it('a one-day range and a range of exactly 31 days are fine; across a month and a year end too', () => {
    expect(ok('2027-01-01..2027-01-01 holiday')).toHaveLength(1);
    expect(ok('2027-01-01..2027-01-31 holiday')).toHaveLength(MAX_RANGE_DAYS);
    expect(ok('2026-12-31..2027-01-02 holiday 元旦').map((e) => e.date)).toEqual(['2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('entries come out sorted by date, one per day; a day repeated with the same kind is kept once (first note)', () => {
    const entries = ok('2027-10-01..2027-10-03 holiday 国庆节\n2027-01-01 holiday 元旦\n2027-10-02 休 国庆');
    expect(entries.map((e) => e.date)).toEqual(['2027-01-01', '2027-10-01', '2027-10-02', '2027-10-03']);
    expect(entries.find((e) => e.date === '2027-10-02')!.note).toBe('国庆节');
  });

  it('CRLF, a BOM, full-width spaces and tabs', () => {
    const entries = ok('\uFEFF# x\r\n2027-01-01\tholiday\t元旦\r\n2027-02-20\u3000班\u3000春节调休\r\n');
    expect(entries).toEqual([
      { date: '2027-01-01', kind: H, note: '元旦' },
      { date: '2027-02-20', kind: W, note: '春节调休' },
    ]);
  });

  it('an empty file or only comments: no entries, no errors', () => {
    expect(parseCalendarFile('')).toEqual({ entries: [], errors: [] });
    expect(parseCalendarFile('# nothing yet\n\n')).toEqual({ entries: [], errors: [] });
  });
});

describe('CSV with a header', () => {
  it('date,kind,note; ranges in the date cell; quoted cells; commas in the note', () => {
    const text = [
      'date,kind,note',
      '2027-01-01,holiday,元旦',
      '"2027-02-05..2027-02-13",休,"春节, 共 9 天"',
      '2027-02-20,workday,',
      '2027-05-08,班,劳动节,调休上班',
      '2027-06-09,holiday,"端午 ""粽子"" 节"',
    ].join('\n');
    const entries = ok(text);
    expect(entries).toHaveLength(13);
    expect(entries[0]).toEqual({ date: '2027-01-01', kind: H, note: '元旦' });
    expect(entries[1]).toEqual({ date: '2027-02-05', kind: H, note: '春节, 共 9 天' });
    expect(entries.find((e) => e.date === '2027-02-20')).toEqual({ date: '2027-02-20', kind: W, note: null });
    expect(entries.find((e) => e.date === '2027-05-08')).toEqual({ date: '2027-05-08', kind: W, note: '劳动节,调休上班' });
    expect(entries.find((e) => e.date === '2027-06-09')!.note).toBe('端午 "粽子" 节');
  });

  it('Chinese header 日期,类型,备注 after a comment; a two-column header', () => {
    expect(ok('# 2027\n日期,类型,备注\n2027/1/1,休,元旦')).toEqual([{ date: '2027-01-01', kind: H, note: '元旦' }]);
    expect(ok('Date,Kind\n2027-01-01,holiday')).toEqual([{ date: '2027-01-01', kind: H, note: null }]);
  });

  it('errors in CSV name the file line (the header is line 1)', () => {
    const r = parseCalendarFile('date,kind,note\n2027-01-01,holiday,元旦\n2027-13-01,holiday\n2027-01-02,rest\n"2027-01-03,holiday');
    expect(r.errors).toEqual([
      { line: 3, code: 'calendar.file.badDate', params: { value: '2027-13-01' } },
      { line: 4, code: 'calendar.file.badKind', params: expect.objectContaining({ value: 'rest' }) },
      { line: 5, code: 'calendar.file.badCsv', params: { value: '"2027-01-03,holiday' } },
    ]);
    expect(r.entries).toEqual([{ date: '2027-01-01', kind: H, note: '元旦' }]);
  });

  it('a text-format file is not taken for CSV', () => {
    expect(ok('2027-01-01 holiday 元旦, 新年')).toEqual([{ date: '2027-01-01', kind: H, note: '元旦, 新年' }]);
  });
});

describe('errors name the line and what is wrong', () => {
  const text = [
    '# 2027', //                                    1
    '2027-01-01 holiday 元旦', //                    2
    '2027-02-30 holiday 不存在的日子', //            3 bad date
    '2027-02-20 rest 春节调休', //                   4 bad kind
    '2027-02-21', //                                5 missing kind
    '2027-02-13..2027-02-05 holiday 春节', //        6 range end before start
    '2027-01-01..2027-02-01 holiday 太长', //        7 32 days
    '2027-01-01 workday 元旦上班', //                8 conflicts with line 2
    '2027-03-01..2027-03-40 holiday', //             9 bad range end
    'holiday 2027-03-01', //                        10 bad date (kind first)
    '2027-09-30..2027-10-02 上班', //               11 fine (the later line 12 is the one named)
    '2027-10-01 休 国庆节', //                       12 conflicts with line 11
    '2027-04-05 休 清明节', //                       13 fine
  ].join('\n');
  const r = parseCalendarFile(text);
  const allowed = expect.stringContaining('holiday');

  it('every error, in line order', () => {
    expect(r.errors).toEqual([
      { line: 3, code: 'calendar.file.badDate', params: { value: '2027-02-30' } },
      { line: 4, code: 'calendar.file.badKind', params: { value: 'rest', allowed } },
      { line: 5, code: 'calendar.file.missingKind', params: { allowed } },
      { line: 6, code: 'calendar.file.rangeReversed', params: { from: '2027-02-13', to: '2027-02-05' } },
      { line: 7, code: 'calendar.file.rangeTooLong', params: { from: '2027-01-01', to: '2027-02-01', days: 32, max: 31 } },
      { line: 8, code: 'calendar.file.conflict', params: { date: '2027-01-01', kind: W, firstLine: 2, firstKind: H } },
      { line: 9, code: 'calendar.file.badDate', params: { value: '2027-03-40' } },
      { line: 10, code: 'calendar.file.badDate', params: { value: 'holiday' } },
      { line: 12, code: 'calendar.file.conflict', params: { date: '2027-10-01', kind: H, firstLine: 11, firstKind: W } },
    ]);
  });

  it('a line with an error gives no entries; good lines still parse', () => {
    expect(r.entries.map((e) => `${e.date} ${e.kind}`)).toEqual([
      '2027-01-01 holiday',
      '2027-04-05 holiday',
      '2027-09-30 workday',
      '2027-10-01 workday',
      '2027-10-02 workday',
    ]);
  });

  it('every error code has a message in both languages', async () => {
    const { calendarMessages } = await import('../../src/i18n/calendar.js');
    for (const e of r.errors) {
      expect(calendarMessages.zh[e.code], e.code).toBeTypeOf('string');
      expect(calendarMessages.en[e.code], e.code).toBeTypeOf('string');
    }
    expect(Object.keys(calendarMessages.zh).sort()).toEqual(Object.keys(calendarMessages.en).sort());
  });
});

describe('formatCalendarFile', () => {
  it('joins consecutive days with the same kind and note into a range, sorted, English kinds', () => {
    const entries: CalendarFileEntry[] = [
      { date: '2027-02-20', kind: W, note: '春节调休上班' },
      { date: '2027-02-06', kind: H, note: '春节' },
      { date: '2027-02-05', kind: H, note: '春节' },
      { date: '2027-02-07', kind: H, note: '春节' },
      { date: '2027-02-08', kind: H, note: null }, // different note: a new line
      { date: '2027-02-10', kind: H, note: null }, // not consecutive: a new line
      { date: '2027-01-01', kind: H, note: ' 元旦\n新年 ' },
    ];
    expect(formatCalendarFile(entries, ['2027 年安排', '第二行'])).toBe(
      [
        '# 2027 年安排',
        '# 第二行',
        '2027-01-01 holiday 元旦 新年',
        '2027-02-05..2027-02-07 holiday 春节',
        '2027-02-08 holiday',
        '2027-02-10 holiday',
        '2027-02-20 workday 春节调休上班',
        '',
      ].join('\n'),
    );
  });

  it('splits a run longer than 31 days so the file can be read back', () => {
    const run = Array.from({ length: 40 }, (_, i) => ({ date: addDays('2027-07-01', i), kind: H, note: '暑假' }));
    const text = formatCalendarFile(run);
    expect(text).toBe('2027-07-01..2027-07-31 holiday 暑假\n2027-08-01..2027-08-09 holiday 暑假\n');
    expect(ok(text)).toEqual(run);
  });

  it('round trip: parse(format(entries)) gives the entries back, sorted and normalised', () => {
    const note = fc.constantFrom(null, '', '  ', '春节', ' 国庆节 ', '调休 上班', 'a, b');
    const entry = fc.record({
      offset: fc.integer({ min: 0, max: 400 }),
      kind: fc.constantFrom(H, W),
      note,
    });
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.offset, maxLength: 60 }), (raw) => {
        const entries = raw.map((e) => ({ date: addDays('2026-12-01', e.offset), kind: e.kind, note: e.note }));
        const expected = entries
          .map((e) => ({ ...e, note: e.note === null || e.note.trim() === '' ? null : e.note.trim() }))
          .sort((a, b) => a.date.localeCompare(b.date));
        expect(ok(formatCalendarFile(entries))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('round trip of the official 2026 schedule', () => {
    const official = new WorkCalendar(officialCalendar()).list(2026).map(({ date, kind, note }) => ({ date, kind, note }));
    const text = formatCalendarFile(official);
    expect(text).toContain('2026-10-01..2026-10-07 holiday 国庆节\n');
    expect(ok(text)).toEqual(official);
  });
});

describe('EXAMPLE_CALENDAR_FILE', () => {
  const r = parseCalendarFile(EXAMPLE_CALENDAR_FILE);

  it('parses without errors into the hand-counted 34 days (29 off, 5 make-up)', () => {
    expect(r.errors).toEqual([]);
    // 元旦 3 + 春节 9 + 清明 3 + 劳动 5 + 端午 1 + 中秋 1 + 国庆 7 = 29; make-up days 2 + 1 + 2 = 5
    expect(r.entries).toHaveLength(34);
    expect(r.entries.filter((e) => e.kind === H)).toHaveLength(29);
    expect(r.entries.filter((e) => e.kind === W).map((e) => e.date)).toEqual([
      '2027-01-31',
      '2027-02-20',
      '2027-05-08',
      '2027-09-26',
      '2027-10-09',
    ]);
    expect(r.entries.every((e) => e.date.startsWith('2027-'))).toBe(true);
  });

  it('is marked as an example, and its make-up days fall on weekends', () => {
    expect(EXAMPLE_CALENDAR_FILE.split('\n')[0]).toMatch(/^#.*(示例|EXAMPLE)/);
    for (const e of r.entries.filter((x) => x.kind === W)) expect([0, 6], e.date).toContain(weekday(e.date));
  });

  it('used as office entries, it drives the working-day count in 2027', () => {
    const cal = new WorkCalendar(officialCalendar(), r.entries.map((e) => ({ ...e, source: 'office' as const })));
    // Thu 2027-09-30: Oct 1–7 off, Fri 8, Sat 9 (make-up), Mon 11
    expect(cal.addWorkdays('2027-09-30', 3)).toBe('2027-10-11');
    expect(cal.nextWorkday('2026-12-31')).toBe('2027-01-04');
  });
});
