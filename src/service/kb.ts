// The knowledge base (知识库 / 答复口径): the office's approved answers, found by keywords and by
// the words of a question (the hot topics' segmenter), and the office's direct answer (直接答复)
// of a pending 咨询 from an entry.
import { Refusal } from '../domain/errors.js';
import { splitKeywords } from '../domain/circular-doc.js';
import { dayOf, formatTime, parseDay } from '../domain/time.js';
import { officeDictionary, segmenter } from '../io/segment.js';
import { listCategories, listUnits } from '../store/directory.js';
import { writeTransaction, type Db } from '../store/db.js';
import { insertKb, listKb, type KbRecord } from '../store/kb.js';
import { getOrders } from '../store/orders.js';
import { required, type RecordEnv } from './records.js';

export interface KbInput {
  title?: string;
  category?: string;
  keywords?: string;
  answer?: string;
  approvedBy?: string;
  validUntil?: string;
}

export async function addKb(env: RecordEnv, input: KbInput): Promise<KbRecord> {
  const title = required(input.title, '--title');
  const category = required(input.category, '--category');
  const keywords = splitKeywords(required(input.keywords, '--keywords'));
  const answer = required(input.answer, '--answer');
  const approvedBy = required(input.approvedBy, '--approved-by');
  let validUntil: string | null = null;
  if (input.validUntil !== undefined) {
    validUntil = parseDay(input.validUntil);
    if (!validUntil) throw new Refusal('records.badDate', { flag: '--valid-until', value: input.validUntil });
    if (validUntil < dayOf(env.now)) throw new Refusal('kb.expiredAlready', { date: validUntil });
  }
  const record = { title, category, keywords, answer, approvedBy, validUntil, createdAt: formatTime(env.now), createdBy: env.actor };
  const id = await writeTransaction(env.db, (trx) => insertKb(trx, record));
  return { id, ...record };
}

/** Is the entry valid on a day (its valid-until day included)? */
export function kbValid(e: KbRecord, day: string): boolean {
  return e.validUntil === null || e.validUntil >= day;
}

export async function kbList(db: Db, q: { category?: string } = {}): Promise<KbRecord[]> {
  return listKb(db, q);
}

export async function kbShow(db: Db, rawId: string): Promise<KbRecord> {
  const id = Number(rawId);
  const entry = Number.isInteger(id) ? (await listKb(db, { id }))[0] : undefined;
  if (!entry) throw new Refusal('kb.unknown', { id: rawId });
  return entry;
}

export interface KbHit {
  entry: KbRecord;
  /** Keywords matched ×2, title words matched ×1. */
  score: number;
  matched: string[];
}

/**
 * Entries for a question, best first: a keyword of the entry found in the question counts 2, a word
 * of the question (segmented) found in the entry's title counts 1. Expired entries are left out
 * unless asked for; ties keep the newest entry first.
 */
export async function kbSearch(db: Db, query: string, opts: { today: string; includeExpired?: boolean }): Promise<KbHit[]> {
  const q = query.trim();
  if (!q) throw new Refusal('flag.missing', { flag: '<query>' });
  const units = await listUnits(db);
  const seg = segmenter(officeDictionary(units.map((u) => u.name), (await listCategories(db)).map((c) => c.name)));
  const words = new Set([...seg.words(q), ...splitKeywords(q)]);
  const hits: KbHit[] = [];
  for (const entry of await listKb(db)) {
    if (!opts.includeExpired && !kbValid(entry, opts.today)) continue;
    const matched: string[] = [];
    let score = 0;
    for (const k of entry.keywords) if (q.includes(k) || words.has(k)) (score += 2), matched.push(k);
    for (const w of words) if (!matched.includes(w) && entry.title.includes(w)) (score += 1), matched.push(w);
    if (score > 0) hits.push({ entry, score, matched });
  }
  return hits.sort((a, b) => b.score - a.score || b.entry.id - a.entry.id);
}

/**
 * The office's direct answer (直接答复) of a pending 咨询 from an entry, as the state machine's reply
 * command takes it: the entry's answer as the content, result `explained`, the clerk as handler,
 * the entry's approver as the one who signed it, and its id. The entry must be valid on the day of
 * the answer; whether the order may be answered so (a pending 咨询) is the state machine's rule.
 */
export interface DirectAnswer {
  action: 'reply';
  byOffice: true;
  kbId: number;
  content: string;
  result: 'explained';
  handler: string;
  signedBy: string;
}

export async function directAnswer(db: Db, q: { kbId: string; at: Date; actor: string }): Promise<DirectAnswer> {
  const entry = await kbShow(db, q.kbId);
  if (!kbValid(entry, dayOf(q.at))) throw new Refusal('kb.expired', { id: entry.id, date: entry.validUntil ?? '' });
  return { action: 'reply', byOffice: true, kbId: entry.id, content: entry.answer, result: 'explained', handler: q.actor, signedBy: entry.approvedBy };
}

/** Entries matching an order's title and content (at most `limit`), for the clerk writing its reply. */
export async function kbSuggest(db: Db, no: string, today: string, limit = 3): Promise<KbHit[]> {
  const order = (await getOrders(db, [no])).get(no);
  if (!order) return [];
  const text = [order.title, order.content].filter(Boolean).join(' ');
  return text ? (await kbSearch(db, text, { today })).slice(0, limit) : [];
}
