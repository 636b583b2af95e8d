// China's official holiday schedule (国务院办公厅 节假日安排), from the maintained `chinese-days`
// package: public holidays (放假) and make-up working days (调休上班). The office's own entries
// (calendar set / calendar import) override these day by day.
import { createRequire } from 'node:module';
import type { CalendarEntry } from './calendar.js';

interface ChineseDaysData {
  holidays: Record<string, string>; // '2026-10-01': 'National Day,国庆节,3'
  workdays: Record<string, string>; // '2026-10-10': 'National Day,国庆节,3'
}

let cached: CalendarEntry[] | undefined;

/** The official schedule as calendar entries (holidays and make-up workdays), all known years. */
export function officialCalendar(): CalendarEntry[] {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const note = (v: string): string => v.split(',')[1] ?? v;
  cached = [
    ...Object.entries(data.holidays).map(([date, v]): CalendarEntry => ({ date, kind: 'holiday', source: 'official', note: note(v) })),
    ...Object.entries(data.workdays).map(([date, v]): CalendarEntry => ({ date, kind: 'workday', source: 'official', note: `${note(v)}调休` })),
  ];
  return cached;
}
