// Repeat complaints (重复诉求): an order is a repeat when, within the window (default 30 days)
// before it, another order has the same phone number, or the same town + category with
// near-identical content (character-bigram Dice similarity of title + content ≥ the threshold).
// Pure logic: no I/O.
import type { Settings } from './settings.js';

export interface RepeatCandidate {
  no: string;
  /** ISO 8601 (+08:00). */
  receivedAt: string;
  phone?: string | null;
  town?: string | null;
  category?: string | null;
  title?: string | null;
  content?: string | null;
}

export interface RepeatMatch {
  /** The earlier order's number. */
  of: string;
  reason: 'phone' | 'content';
  /** For a content match: the similarity found (0–1). */
  similarity?: number;
}

const DAY_MS = 86_400_000;

/**
 * A phone number reduced to its digits, for comparison: a leading +86/86 on a 13-digit mobile
 * number is dropped. Null when empty, masked (138****1234) or too short to identify anyone.
 */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (/[*＊xX×]/.test(phone)) return null;
  let digits = phone.replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('861')) digits = digits.slice(2);
  if (digits.length === 15 && digits.startsWith('00861')) digits = digits.slice(4);
  return digits.length >= 7 ? digits : null;
}

// Everything that is not a letter or a digit (punctuation, symbols, whitespace) is dropped.
const NOISE = /[^\p{L}\p{N}]+/gu;

/** Character bigrams of a text (letters and digits only, lower-cased) as a count map. */
function grams(text: string): Map<number, number> {
  const cps: number[] = [];
  for (const ch of text.toLowerCase().replace(NOISE, '')) cps.push(ch.codePointAt(0)!);
  const m = new Map<number, number>();
  if (cps.length === 1) {
    m.set(cps[0]!, 1);
    return m;
  }
  for (let i = 0; i + 1 < cps.length; i++) {
    const key = cps[i]! * 0x110000 + cps[i + 1]!;
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}

function size(m: Map<number, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}

function dice(a: Map<number, number>, sizeA: number, b: Map<number, number>, sizeB: number): number {
  if (sizeA === 0 || sizeB === 0) return 0;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) common += Math.min(v, w);
  }
  return (2 * common) / (sizeA + sizeB);
}

/**
 * Dice similarity (0–1) of the character bigrams of two texts, ignoring punctuation, symbols,
 * whitespace and case. 1 for texts that are the same once cleaned; 0 when either has no letter
 * or digit.
 */
export function similarity(a: string, b: string): number {
  const ga = grams(a);
  const gb = grams(b);
  return dice(ga, size(ga), gb, size(gb));
}

function textOf(o: RepeatCandidate): string {
  return `${o.title ?? ''}${o.content ?? ''}`;
}

function key(s: string | null | undefined): string {
  return (s ?? '').trim();
}

/**
 * The earlier order this one repeats, or null. Candidates count when received within
 * `s.repeatWindowDays` days before the order (at the same instant: only a smaller order number
 * counts as earlier); the order itself (same `no`) is skipped. Matches: same normalized phone, or
 * same town and category (both set) with similarity ≥ `s.repeatSimilarity`. The most recent
 * matching order wins; at equal times a phone match is preferred.
 */
export function findRepeat(
  order: RepeatCandidate,
  earlier: readonly RepeatCandidate[],
  s: Pick<Settings, 'repeatWindowDays' | 'repeatSimilarity'>,
): RepeatMatch | null {
  const t = Date.parse(order.receivedAt);
  if (Number.isNaN(t)) return null;
  const from = t - s.repeatWindowDays * DAY_MS;
  const phone = normalizePhone(order.phone);
  const town = key(order.town);
  const category = key(order.category);
  const canCompareText = town !== '' && category !== '';
  let mine: Map<number, number> | undefined;
  let mineSize = 0;

  let best: { match: RepeatMatch; at: number } | null = null;
  for (const e of earlier) {
    if (e.no === order.no) continue;
    const te = Date.parse(e.receivedAt);
    if (Number.isNaN(te) || te < from || te > t || (te === t && !(e.no < order.no))) continue;
    if (best && (te < best.at || (te === best.at && best.match.reason === 'phone'))) continue;
    if (phone !== null && normalizePhone(e.phone) === phone) {
      best = { match: { of: e.no, reason: 'phone' }, at: te };
      continue;
    }
    if (best && te === best.at) continue; // an equally recent match is already held
    if (!canCompareText || key(e.town) !== town || key(e.category) !== category) continue;
    if (!mine) {
      mine = grams(textOf(order));
      mineSize = size(mine);
      if (mineSize === 0) continue;
    }
    if (mineSize === 0) continue;
    const theirs = grams(textOf(e));
    const sim = dice(mine, mineSize, theirs, size(theirs));
    if (sim >= s.repeatSimilarity) {
      best = { match: { of: e.no, reason: 'content', similarity: Math.round(sim * 1000) / 1000 }, at: te };
    }
  }
  return best ? best.match : null;
}
