// Monthly themes (每月一题): a recurring problem, its keywords, its lead unit.
import type { Theme } from '../domain/circular-doc.js';
import type { Db } from './db.js';

export interface ThemeRecord extends Theme {
  status: 'open' | 'closed';
  createdAt: string;
  createdBy: string;
}

export async function insertTheme(db: Db, t: Omit<ThemeRecord, 'id' | 'status'>): Promise<number> {
  const row = await db
    .insertInto('themes')
    .values({ month: t.month, title: t.title, keywords: JSON.stringify(t.keywords), category: t.category, lead_unit: t.lead, status: 'open', created_at: t.createdAt, created_by: t.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listThemes(db: Db, q: { status?: 'open' | 'closed'; id?: number } = {}): Promise<ThemeRecord[]> {
  let s = db.selectFrom('themes').selectAll();
  if (q.status) s = s.where('status', '=', q.status);
  if (q.id !== undefined) s = s.where('id', '=', q.id);
  const rows = await s.orderBy('month').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    month: r.month,
    title: r.title,
    keywords: JSON.parse(r.keywords) as string[],
    category: r.category,
    lead: r.lead_unit,
    status: r.status as 'open' | 'closed',
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}

export async function findThemeByTitle(db: Db, month: string, title: string): Promise<ThemeRecord | undefined> {
  return (await listThemes(db)).find((t) => t.month === month && t.title === title);
}

export async function setThemeStatus(db: Db, id: number, status: 'open' | 'closed'): Promise<void> {
  await db.updateTable('themes').set({ status }).where('id', '=', id).execute();
}
