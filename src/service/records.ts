// What the circular reports beyond the figures, kept on the record by the office: accountability
// measures (问责), monthly themes (每月一题) and the knowledge base (知识库). Each function checks its
// input (a Refusal, nothing written) and is what one CLI command calls.
import { Refusal } from '../domain/errors.js';
import { matchesTheme, splitKeywords } from '../domain/circular-doc.js';
import { addDays, atBeijing, formatTime, parseDay, type Day } from '../domain/time.js';
import { insertAccountability, listAccountability, type AccountabilityRecord } from '../store/accountability.js';
import { orderTexts } from '../store/circulars.js';
import { writeTransaction, type Db } from '../store/db.js';
import { getUnit, listUnits } from '../store/directory.js';
import { getOrders } from '../store/orders.js';
import { insertTheme, listThemes, setThemeStatus, type ThemeRecord } from '../store/themes.js';

export interface RecordEnv {
  db: Db;
  actor: string;
  now: Date;
}

/** A flag's trimmed value; refused, naming the flag, when empty. */
export function required(value: string | undefined, flag: string): string {
  const v = (value ?? '').trim();
  if (!v) throw new Refusal('flag.missing', { flag });
  return v;
}

function day(value: string | undefined, flag: string): Day {
  const raw = required(value, flag);
  const d = parseDay(raw);
  if (!d) throw new Refusal('records.badDate', { flag, value: raw });
  return d;
}

async function unitOf(db: Db, code: string | undefined, flag: string): Promise<string> {
  const c = required(code, flag);
  if (!(await getUnit(db, c))) throw new Refusal('units.unknown', { code: c });
  return c;
}

// ---- accountability ----------------------------------------------------------------------------

/** The measures the office takes; the list is closed so the circular can count them. */
export const MEASURES = ['约谈', '通报批评', '责令整改', '书面检查', '诫勉谈话', '效能告诫', '移交纪检监察'] as const;

export interface AccountabilityInput {
  unit?: string;
  measure?: string;
  orders?: string;
  decidedBy?: string;
  date?: string;
  note?: string;
}

export async function addAccountability(env: RecordEnv, input: AccountabilityInput): Promise<AccountabilityRecord> {
  const { db } = env;
  const unit = await unitOf(db, input.unit, '--unit');
  const measure = required(input.measure, '--measure');
  if (!(MEASURES as readonly string[]).includes(measure)) throw new Refusal('accountability.badMeasure', { value: measure, allowed: MEASURES.join('|') });
  const decidedBy = required(input.decidedBy, '--decided-by');
  const date = day(input.date, '--date');
  const orders = splitKeywords(input.orders ?? '');
  const known = await getOrders(db, orders);
  const missing = orders.find((no) => !known.has(no));
  if (missing) throw new Refusal('orders.unknown', { no: missing });
  const record = { unit, measure, orders, decidedBy, date, note: input.note?.trim() || null, createdAt: formatTime(env.now), createdBy: env.actor };
  const id = await writeTransaction(db, (trx) => insertAccountability(trx, record));
  return { id, ...record };
}

export async function accountabilityList(db: Db, q: { from?: string; to?: string; unit?: string }): Promise<(AccountabilityRecord & { unitName: string })[]> {
  const from = q.from ? day(q.from, '--from') : undefined;
  const to = q.to ? day(q.to, '--to') : undefined;
  const names = new Map((await listUnits(db)).map((u) => [u.code, u.name]));
  return (await listAccountability(db, { from, to, unit: q.unit })).map((a) => ({ ...a, unitName: names.get(a.unit) ?? a.unit }));
}

// ---- monthly themes -----------------------------------------------------------------------------

export interface ThemeInput {
  month?: string;
  title?: string;
  keywords?: string;
  category?: string;
  lead?: string;
}

/** '2026-11', '2026/11', '2026年11月' → '2026-11'. */
export function parseMonth(raw: string): string | null {
  const m = /^(\d{4})\s*[-/年.]\s*(\d{1,2})\s*月?$/.exec(raw.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}`;
}

export async function addTheme(env: RecordEnv, input: ThemeInput): Promise<ThemeRecord> {
  const { db } = env;
  const rawMonth = required(input.month, '--month');
  const month = parseMonth(rawMonth);
  if (!month) throw new Refusal('theme.badMonth', { value: rawMonth });
  const title = required(input.title, '--title');
  const keywords = splitKeywords(required(input.keywords, '--keywords'));
  const lead = await unitOf(db, input.lead, '--lead');
  const category = input.category?.trim() || null;
  if ((await listThemes(db)).some((t) => t.month === month && t.title === title)) throw new Refusal('theme.duplicate', { month, title });
  const record = { month, title, keywords, category, lead, createdAt: formatTime(env.now), createdBy: env.actor };
  const id = await writeTransaction(db, (trx) => insertTheme(trx, record));
  return { id, status: 'open', ...record };
}

export async function themeList(db: Db): Promise<(ThemeRecord & { leadName: string })[]> {
  const names = new Map((await listUnits(db)).map((u) => [u.code, u.name]));
  return (await listThemes(db)).map((t) => ({ ...t, leadName: names.get(t.lead) ?? t.lead }));
}

/** One theme with its matching orders month by month, from its month to the current one. */
export async function themeShow(db: Db, rawId: string, now: Date): Promise<ThemeRecord & { leadName: string; months: { month: string; count: number }[] }> {
  const id = Number(rawId);
  const theme = Number.isInteger(id) ? (await themeList(db)).find((t) => t.id === id) : undefined;
  if (!theme) throw new Refusal('theme.unknown', { id: rawId });
  const nowMonth = formatTime(now).slice(0, 7);
  const months: { month: string; count: number }[] = [];
  for (let m = theme.month; m <= nowMonth && months.length < 24; m = nextMonth(m)) {
    const texts = await orderTexts(db, { from: formatTime(atBeijing(`${m}-01`)), to: formatTime(atBeijing(`${nextMonth(m)}-01`)) });
    months.push({ month: m, count: texts.filter((o) => matchesTheme(theme, o)).length });
  }
  return { ...theme, months };
}

/** A theme that is solved stops being tracked in the circulars (its record stays). */
export async function closeTheme(db: Db, rawId: string): Promise<ThemeRecord> {
  const id = Number(rawId);
  const theme = Number.isInteger(id) ? (await listThemes(db, { id }))[0] : undefined;
  if (!theme) throw new Refusal('theme.unknown', { id: rawId });
  if (theme.status === 'closed') throw new Refusal('theme.alreadyClosed', { id, title: theme.title });
  await writeTransaction(db, (trx) => setThemeStatus(trx, id, 'closed'));
  return { ...theme, status: 'closed' };
}

function nextMonth(m: string): string {
  return addDays(`${m}-28`, 4).slice(0, 7);
}
