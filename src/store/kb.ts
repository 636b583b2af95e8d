// The knowledge base (知识库 / 答复口径): the office's approved answers to common questions.
import type { Db } from './db.js';

export interface KbRecord {
  id: number;
  title: string;
  category: string;
  keywords: string[];
  answer: string;
  approvedBy: string;
  validUntil: string | null;
  createdAt: string;
  createdBy: string;
}

export async function insertKb(db: Db, e: Omit<KbRecord, 'id'>): Promise<number> {
  const row = await db
    .insertInto('kb_entries')
    .values({ title: e.title, category: e.category, keywords: JSON.stringify(e.keywords), answer: e.answer, approved_by: e.approvedBy, valid_until: e.validUntil, created_at: e.createdAt, created_by: e.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listKb(db: Db, q: { id?: number; category?: string } = {}): Promise<KbRecord[]> {
  let s = db.selectFrom('kb_entries').selectAll();
  if (q.id !== undefined) s = s.where('id', '=', q.id);
  if (q.category) s = s.where('category', '=', q.category);
  const rows = await s.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    category: r.category,
    keywords: JSON.parse(r.keywords) as string[],
    answer: r.answer,
    approvedBy: r.approved_by,
    validUntil: r.valid_until,
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}
