// The office's settings and its own calendar entries.
import type { CalendarEntry, DayKind } from '../domain/calendar.js';
import type { Db } from './db.js';

export async function settingOverrides(db: Db): Promise<Map<string, number | string>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as number | string]));
}

export async function setSetting(db: Db, key: string, value: number | string, now: string, actor: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: now, updated_by: actor })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now, updated_by: actor }))
    .execute();
}

export async function officeCalendar(db: Db): Promise<CalendarEntry[]> {
  const rows = await db.selectFrom('calendar_days').select(['date', 'kind', 'note']).orderBy('date').execute();
  return rows.map((r) => ({ date: r.date, kind: r.kind as DayKind, source: 'office', note: r.note }));
}

export async function setOfficeDays(db: Db, days: { date: string; kind: DayKind; note: string | null }[], now: string): Promise<void> {
  for (const d of days) {
    await db
      .insertInto('calendar_days')
      .values({ ...d, updated_at: now })
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: d.kind, note: d.note, updated_at: now }))
      .execute();
  }
}
