// One time zone for the whole product: Asia/Shanghai (UTC+8), whatever the machine's TZ.
// Instants are JS Dates; calendar days are 'YYYY-MM-DD' strings (a Beijing date);
// stored and printed times are ISO 8601 with +08:00. Nothing here reads the machine's clock.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

export const ZONE = 'Asia/Shanghai';

export const SECOND_MS = 1000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A calendar day in Beijing, 'YYYY-MM-DD'. */
export type Day = string;

/** The one clock: every command gets it passed in; tests fix it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

// Asia/Shanghai has kept a fixed UTC+8 with no summer time since 1991, so from 1992 on the
// conversions are plain arithmetic (about 1 µs instead of ~40 µs through Intl: it matters for an
// import of a million rows); earlier instants go through the tz database.
const OFFSET_MS = 8 * 3_600_000;
const FIXED_FROM_MS = Date.UTC(1992, 0, 1) - OFFSET_MS;

/** The Beijing wall-clock fields of an instant, as a UTC Date whose UTC fields are those fields. */
function wall(ms: number): Date | null {
  return ms >= FIXED_FROM_MS ? new Date(ms + OFFSET_MS) : null;
}

/** '2026-11-20T09:05:00+08:00' */
export function formatTime(d: Date): string {
  const w = wall(d.getTime());
  if (w) return `${w.toISOString().slice(0, 19)}+08:00`;
  return format(new TZDate(d.getTime(), ZONE), "yyyy-MM-dd'T'HH:mm:ssxxx");
}

/**
 * A stored time (formatTime's) of 1992 or later on a day every month has: its Beijing wall clock is
 * its own text (other texts, such as a 29th, which Date may roll into the next month, are parsed).
 */
const STORED_BEIJING = /^((?:199[2-9]|[2-9]\d{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8]))T((?:[01]\d|2[0-3]):[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?\+08:00$/;

/** '2026-11-20 09:05' for people. */
export function formatTimeShort(d: Date | string): string {
  if (typeof d === 'string') {
    const m = STORED_BEIJING.exec(d);
    if (m) return `${m[1]} ${m[2]}`;
  }
  const date = typeof d === 'string' ? new Date(d) : d;
  const w = wall(date.getTime());
  if (w) {
    const iso = w.toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  return format(new TZDate(date.getTime(), ZONE), 'yyyy-MM-dd HH:mm');
}

/** The Beijing calendar day of an instant. */
export function dayOf(d: Date | string): Day {
  const date = typeof d === 'string' ? new Date(d) : d;
  const w = wall(date.getTime());
  if (w) return w.toISOString().slice(0, 10);
  return format(new TZDate(date.getTime(), ZONE), 'yyyy-MM-dd');
}

/** The instant of a Beijing wall-clock time on a day. */
export function atBeijing(day: Day, hh = 0, mm = 0, ss = 0): Date {
  const [y, m, d] = splitDay(day);
  if (y >= 1992) return new Date(Date.UTC(y, m - 1, d, hh, mm, ss) - OFFSET_MS);
  return new Date(new TZDate(y, m - 1, d, hh, mm, ss, ZONE).getTime());
}

/** End of a Beijing day, by default 23:59:59 (the office may set an earlier closing time). */
export function endOfDay(day: Day, closing = '23:59:59'): Date {
  const [hh, mm, ss] = closing.split(':').map(Number) as [number, number, number?];
  return atBeijing(day, hh, mm, ss ?? 0);
}

export function splitDay(day: Day): [number, number, number] {
  // The stored form 'YYYY-MM-DD' read digit by digit (an import splits a few million days).
  if (day.length === 10 && day.charCodeAt(4) === 45 && day.charCodeAt(7) === 45) {
    const y = num(day, 0, 4);
    const m = num(day, 5, 2);
    const d = num(day, 8, 2);
    if (y >= 0 && m >= 0 && d >= 0) return [y, m, d];
  }
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/** Day arithmetic on calendar days; independent of any time zone. */
export function addDays(day: Day, n: number): Day {
  const [y, m, d] = splitDay(day);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(day: Day): number {
  const [y, m, d] = splitDay(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function addHours(d: Date, hours: number): Date {
  return new Date(d.getTime() + hours * 3_600_000);
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const DATE_PART = String.raw`(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?`;
const TIME_PART = String.raw`(\d{1,2})\s*(?::|：|时|點|点)\s*(\d{1,2})\s*(?:(?::|：|分)\s*(\d{1,2})(?:\.\d+)?\s*秒?|分)?`;
// A time follows the date after white space or T, or straight after 日 ("2026年11月20日9时").
const NAIVE = new RegExp(String.raw`^${DATE_PART}(?:(?:\s+|T|(?<=日)\s*)${TIME_PART})?$`);
const ISO_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parse a time as people and the city's files write it. Naive times are Beijing time:
 * "2026-11-20 09:05:00", "2026/11/20 9:05", "2026年11月20日 09:05", "2026年11月20日 9时05分",
 * a bare date (midnight). An ISO time with an offset is taken as written. Null when not a time.
 */
export function parseTime(input: string): Date | null {
  const s = input.trim().replace(/\u3000/g, ' ');
  if (s === '') return null;
  const iso = ISO_OFFSET.exec(s);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (!validDay(y, m, d) || Number(iso[4]) > 23 || Number(iso[5]) > 59 || Number(iso[6] ?? 0) > 59) return null;
    const t = new Date(s.replace(' ', 'T'));
    return Number.isNaN(t.getTime()) ? null : t;
  }
  const m = NAIVE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hh, mi, ss] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!validDay(y, mo, d) || hh > 23 || mi > 59 || ss > 59) return null;
  return atBeijing(`${m[1]}-${pad(mo)}-${pad(d)}`, hh, mi, ss);
}

/** Parse a calendar day ("2026-10-01", "2026/10/1", "2026年10月1日"). Null when not a valid day. */
export function parseDay(input: string): Day | null {
  const s = input.trim();
  const m = new RegExp(`^${DATE_PART}$`).exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDay(y, mo, d)) return null;
  return `${m[1]}-${pad(mo)}-${pad(d)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

// ---------------------------------------------------------------------------------------------
// Fast paths for the stored form, used where millions of timestamps are read (reports, imports).

/** Milliseconds of an ISO time (NaN when missing or not a time). */
export function timeMs(iso: string | null | undefined): number {
  if (!iso) return NaN;
  // Fast path for the stored form 'YYYY-MM-DDTHH:mm:ss+08:00'.
  if (iso.length === 25 && iso.charCodeAt(10) === 84 /* T */ && iso.endsWith('+08:00')) {
    const y = num(iso, 0, 4);
    const mo = num(iso, 5, 2);
    const d = num(iso, 8, 2);
    const h = num(iso, 11, 2);
    const mi = num(iso, 14, 2);
    const s = num(iso, 17, 2);
    if (y >= 1992 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59)
      return Date.UTC(y, mo - 1, d, h, mi, s) - OFFSET_MS;
  }
  return Date.parse(iso);
}

function num(s: string, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** The Beijing calendar day of an instant given in milliseconds. */
export function beijingDay(ms: number): Day {
  const w = wall(ms);
  return w ? w.toISOString().slice(0, 10) : dayOf(new Date(ms));
}

/** Beijing midnight at the start of a day, in milliseconds. */
export function dayStartMs(day: Day): number {
  return atBeijing(day).getTime();
}

/** An ISO time normalised to the stored form (+08:00); the stored form passes through unchanged. */
export function isoOf(iso: string): string {
  if (iso.length === 25 && iso.endsWith('+08:00')) return iso;
  const t = timeMs(iso);
  return Number.isNaN(t) ? iso : formatTime(new Date(t));
}

/**
 * Every time rule compares whole seconds (times are stored to the second): an as-of instant is
 * taken at its second, so 10:00:00.500 is 10:00:00 for the SQL text comparison and the pure rule alike.
 */
export function wholeSecond(d: Date): Date {
  return new Date(Math.floor(d.getTime() / SECOND_MS) * SECOND_MS);
}
