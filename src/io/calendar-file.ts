// The calendar file (`hotline calendar import <file>`, `hotline calendar export`): the office
// types next year's holiday schedule from the State Council notice (国务院办公厅关于…部分节假日安排的
// 通知) the day it is published, without waiting for a new release.
//
// Text format, one entry per line:
//   # a comment                          (lines starting with # and blank lines are ignored)
//   2027-01-01 holiday 元旦               <date> <kind> [note: the rest of the line]
//   2027-02-05..2027-02-13 holiday 春节   a range, both ends included (also `~`, `～`, `至`, `到`)
//   2027年2月20日 班 春节调休上班           dates in any form parseDay accepts (no spaces inside a date)
// Kinds: holiday | off | 休 | 放假 | 假 | 休息 | 节假日   and   workday | work | 班 | 上班 | 调休上班 | 补班 | 工作日
// (English words in any case).
// CSV is accepted too when the first line that is not blank or a comment is a header
// `date,kind[,note]` (or `日期,类型[,备注]`); the date cell may hold a range; quoted cells ("…")
// are allowed; unquoted commas after the second cell belong to the note.
//
// Errors name the 1-based line of the file. A file with errors should be refused whole.
import { addDays, DAY_MS, parseDay, type Day } from '../domain/time.js';
import type { DayKind } from '../domain/calendar.js';

export interface CalendarFileEntry {
  date: Day;
  kind: DayKind;
  note: string | null;
}

export interface CalendarFileError {
  /** 1-based line number in the file. */
  line: number;
  /** Message-catalogue key (src/i18n/calendar.ts). */
  code: string;
  params: Record<string, string | number>;
}

/** Longest range one line may cover, in calendar days (the longest official break is 9 days). */
export const MAX_RANGE_DAYS = 31;

const HOLIDAY_WORDS = ['holiday', 'off', '休', '放假', '假', '休息', '节假日'];
const WORKDAY_WORDS = ['workday', 'work', '班', '上班', '调休上班', '补班', '工作日'];
const KIND_WORDS = [...HOLIDAY_WORDS, ...WORKDAY_WORDS].join(' / ');

/** The kind a word names, or null. */
export function parseKind(word: string): DayKind | null {
  const w = word.trim().toLowerCase();
  if (HOLIDAY_WORDS.includes(w)) return 'holiday';
  if (WORKDAY_WORDS.includes(w)) return 'workday';
  return null;
}

const RANGE_SEP = /\s*(?:\.\.|~|～|至|到)\s*/u;
/** <date>[<sep><date>] [<kind> [<note>]] — dates and kind are runs of non-space characters. */
const TEXT_LINE = /^(\S+?)(?:\s*(?:\.\.|~|～|至|到)\s*(\S+?))?(?:\s+(\S+))?(?:\s+(.+))?$/u;

type LineResult = { entries: CalendarFileEntry[] } | { error: Omit<CalendarFileError, 'line'> };

function err(code: string, params: Record<string, string | number> = {}): LineResult {
  return { error: { code, params } };
}

/** The days of `from`..`to` (inclusive) with a kind and a note; or the error. */
function expand(fromRaw: string, toRaw: string | undefined, kindRaw: string | undefined, noteRaw: string | undefined): LineResult {
  const from = parseDay(fromRaw);
  if (from === null) return err('calendar.file.badDate', { value: fromRaw });
  const to = toRaw === undefined ? from : parseDay(toRaw);
  if (to === null) return err('calendar.file.badDate', { value: toRaw ?? '' });
  if (kindRaw === undefined || kindRaw.trim() === '') return err('calendar.file.missingKind', { allowed: KIND_WORDS });
  const kind = parseKind(kindRaw);
  if (kind === null) return err('calendar.file.badKind', { value: kindRaw.trim(), allowed: KIND_WORDS });
  if (to < from) return err('calendar.file.rangeReversed', { from, to });
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (span > MAX_RANGE_DAYS) return err('calendar.file.rangeTooLong', { from, to, days: span, max: MAX_RANGE_DAYS });
  const days: Day[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const note = noteRaw === undefined || noteRaw.trim() === '' ? null : noteRaw.trim();
  return { entries: days.map((date) => ({ date, kind, note })) };
}

function parseTextLine(line: string): LineResult {
  const m = TEXT_LINE.exec(line); // matches every non-empty trimmed line
  if (!m) return err('calendar.file.badDate', { value: line });
  return expand(m[1]!, m[2], m[3], m[4]);
}

/** Split one CSV line: commas, "quoted cells" with "" for a quote. Null on an unclosed quote. */
function splitCsv(line: string): string[] | null {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (c === ',') {
      cells.push(cur);
      cur = '';
    } else cur += c;
    i++;
  }
  if (quoted) return null;
  cells.push(cur);
  return cells;
}

const CSV_HEADERS = [
  ['date', '日期'],
  ['kind', '类型'],
  ['note', '备注'],
] as const;

function isCsvHeader(line: string): boolean {
  const cells = splitCsv(line)?.map((c) => c.trim().toLowerCase());
  if (!cells || cells.length < 2 || cells.length > 3) return false;
  return cells.every((c, i) => (CSV_HEADERS[i] as readonly string[]).includes(c));
}

function parseCsvLine(line: string): LineResult {
  const cells = splitCsv(line);
  if (!cells) return err('calendar.file.badCsv', { value: line });
  const [dateCell = '', kindCell, ...rest] = cells;
  const note = rest.length ? rest.join(',') : undefined;
  const parts = dateCell.trim().split(RANGE_SEP);
  if (parts.length > 2) return err('calendar.file.badDate', { value: dateCell.trim() });
  return expand(parts[0]!, parts[1], kindCell, note);
}

/**
 * Parse a calendar file (text or CSV with a header). Entries come out sorted by date, one per
 * day (a range gives one entry per day); a day given twice with the same kind is kept once (the
 * first line's note). Errors, in line order:
 *   calendar.file.badDate {value} · calendar.file.missingKind {allowed} · calendar.file.badKind {value, allowed}
 *   calendar.file.rangeReversed {from, to} · calendar.file.rangeTooLong {from, to, days, max}
 *   calendar.file.conflict {date, kind, firstLine, firstKind} (same day, different kinds; the later line is named)
 *   calendar.file.badCsv {value} (unclosed quote)
 * A line with an error contributes no entries.
 */
export function parseCalendarFile(text: string): { entries: CalendarFileEntry[]; errors: CalendarFileError[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const byDay = new Map<Day, { entry: CalendarFileEntry; line: number }>();
  const errors: CalendarFileError[] = [];
  let csv: boolean | undefined;
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.replace(/\u3000/g, ' ').trim();
    if (line === '' || line.startsWith('#')) return;
    if (csv === undefined) {
      csv = isCsvHeader(line);
      if (csv) return;
    }
    const result = csv ? parseCsvLine(line) : parseTextLine(line);
    if ('error' in result) {
      errors.push({ line: lineNo, ...result.error });
      return;
    }
    const conflict = result.entries.find((e) => {
      const seen = byDay.get(e.date);
      return seen !== undefined && seen.entry.kind !== e.kind;
    });
    if (conflict) {
      const first = byDay.get(conflict.date)!;
      errors.push({
        line: lineNo,
        code: 'calendar.file.conflict',
        params: { date: conflict.date, kind: conflict.kind, firstLine: first.line, firstKind: first.entry.kind },
      });
      return;
    }
    for (const e of result.entries) if (!byDay.has(e.date)) byDay.set(e.date, { entry: e, line: lineNo });
  });
  const entries = [...byDay.values()].map((v) => v.entry).sort((a, b) => a.date.localeCompare(b.date));
  return { entries, errors };
}

/**
 * Write entries in the text format parseCalendarFile reads: sorted by date, consecutive days
 * with the same kind and note joined into one `from..to` range (at most MAX_RANGE_DAYS days),
 * English kind words, the note (line breaks turned into spaces) after them. `comments` become
 * leading `# ` lines. parseCalendarFile(formatCalendarFile(x)).entries equals x sorted, with
 * notes trimmed (an empty note is null) and one entry per day.
 */
export function formatCalendarFile(
  entries: readonly { date: Day; kind: DayKind; note: string | null }[],
  comments: readonly string[] = [],
): string {
  const clean = (n: string | null): string | null => {
    const t = n?.replace(/[\r\n]+/g, ' ').trim() ?? '';
    return t === '' ? null : t;
  };
  const sorted = [...entries].sort((a, b) => a.date.localeCompare(b.date));
  const out: string[] = comments.flatMap((c) => c.split(/\r\n|\r|\n/)).map((c) => `# ${c}`.trimEnd());
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i]!;
    const note = clean(first.note);
    let last = first;
    let n = 1;
    while (i + n < sorted.length && n < MAX_RANGE_DAYS) {
      const next = sorted[i + n]!;
      if (next.date !== addDays(last.date, 1) || next.kind !== first.kind || clean(next.note) !== note) break;
      last = next;
      n++;
    }
    const dates = last.date === first.date ? first.date : `${first.date}..${last.date}`;
    out.push([dates, first.kind, note].filter((x) => x !== null).join(' '));
    i += n;
  }
  return out.join('\n') + '\n';
}

/**
 * A complete calendar file for 2027, for the README and `calendar import --help`.
 * The entries are an EXAMPLE laid out the usual way (dates of the festivals are right, the
 * arrangement is made up): the real 2027 schedule is the one the State Council publishes.
 */
export const EXAMPLE_CALENDAR_FILE = `# 2027 年工作日历 — 示例 (EXAMPLE ONLY: plausible dates, not the State Council's notice)
# 格式：日期或日期范围  类型  备注
# 类型：holiday / 休 / 放假 = 放假；workday / 班 / 上班 / 调休上班 = 调休上班
# 范围：2027-02-05..2027-02-13，也可写 2027-02-05~2027-02-13 或 2027年2月5日至2027年2月13日

# 元旦
2027-01-01..2027-01-03 holiday 元旦
# 春节
2027-02-05..2027-02-13 holiday 春节
2027-01-31 workday 春节调休上班
2027-02-20 workday 春节调休上班
# 清明节
2027-04-03..2027-04-05 holiday 清明节
# 劳动节
2027-05-01..2027-05-05 holiday 劳动节
2027-05-08 workday 劳动节调休上班
# 端午节
2027-06-09 holiday 端午节
# 中秋节
2027-09-15 holiday 中秋节
# 国庆节
2027-10-01..2027-10-07 holiday 国庆节
2027-09-26 workday 国庆节调休上班
2027-10-09 workday 国庆节调休上班
`;
