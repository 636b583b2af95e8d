// Automatic reminders (`remind --due-soon/--overdue`, cron): at most one per order per working
// day (DOMAIN.md "Time limits"), so a cron job run twice, or twice by mistake, does not double the
// reminder counts in the circular. Manual reminders (`remind <no>`) are not limited. Pure.
import type { WorkCalendar } from './calendar.js';
import { dayOf, type Day } from './time.js';

/** The working day a time belongs to: its own day if a working day, else the next working day. */
export function workingDayOf(t: Date | string, cal: WorkCalendar): Day {
  return cal.workdayOnOrAfter(dayOf(t));
}

/** Whether an automatic reminder at `at` would be a second one on the same working day as `lastAuto`. */
export function remindedThisWorkday(lastAuto: string | null | undefined, at: Date, cal: WorkCalendar): boolean {
  return lastAuto !== null && lastAuto !== undefined && workingDayOf(lastAuto, cal) === workingDayOf(at, cal);
}
