// Repeat complaints (重复诉求): an order is a repeat when, within the window (default 30 days)
// before it, another order has the same phone number, or the same town + category with
// near-identical content (character-bigram Dice similarity of title + content ≥ the threshold).
// Pure logic: no I/O.
import { phoneKey } from './privacy.js';
import { DAY_MS } from './time.js';
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



const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Letters and digits count; punctuation, symbols and whitespace do not. Fast paths for ASCII and CJK. */
function counts(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a); // text is lower-cased
  if (cp >= 0x4e00 && cp <= 0x9fff) return true;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

/**
 * Character bigrams of a text (letters and digits only, lower-cased) as a sorted array of numeric
 * keys (a multiset); a text of one character gives that character. Keys are 32-bit (a code point
 * beyond the BMP is folded into the private-use area, which holds no letters), and sorted arrays
 * compare by a merge: much faster than hashing for texts of a few hundred characters.
 */
function grams(text: string): Uint32Array {
  const lower = text.toLowerCase();
  const out = new Uint32Array(lower.length);
  let prev = -1;
  let n = 0;
  let k = 0;
  for (let i = 0; i < lower.length; i++) {
    let cp = lower.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (!counts(cp)) continue;
    if (cp > 0xffff) cp = 0xe000 + (cp % 0x1900);
    n++;
    if (prev !== -1) out[k++] = prev * 0x10000 + cp;
    else out[0] = cp;
    prev = cp;
  }
  if (n === 1) return out.subarray(0, 1);
  return out.subarray(0, k).sort();
}

/** Dice coefficient of two sorted multisets. */
function dice(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

/**
 * Dice similarity (0–1) of the character bigrams of two texts, ignoring punctuation, symbols,
 * whitespace and case. 1 for texts that are the same once cleaned; 0 when either has no letter
 * or digit.
 */
export function similarity(a: string, b: string): number {
  return dice(grams(a), grams(b));
}

function textOf(o: RepeatCandidate): string {
  return `${o.title ?? ''}${o.content ?? ''}`;
}

/** A candidate's normalized phone, computed once per object. */
const phoneCache = new WeakMap<RepeatCandidate, string | null>();
function phoneOf(o: RepeatCandidate): string | null {
  let p = phoneCache.get(o);
  if (p === undefined) {
    p = phoneKey(o.phone);
    phoneCache.set(o, p);
  }
  return p;
}

/** Bigrams of a candidate, computed once per object: a pool compares each against many orders. */
const gramCache = new WeakMap<RepeatCandidate, Uint32Array>();
function gramsOf(o: RepeatCandidate): Uint32Array {
  let g = gramCache.get(o);
  if (!g) {
    g = grams(textOf(o));
    gramCache.set(o, g);
  }
  return g;
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
  const phone = phoneKey(order.phone);
  const town = key(order.town);
  const category = key(order.category);
  const canCompareText = town !== '' && category !== '';
  let mine: Uint32Array | undefined;

  let best: { match: RepeatMatch; at: number } | null = null;
  for (const e of earlier) {
    if (e.no === order.no) continue;
    const te = Date.parse(e.receivedAt);
    if (Number.isNaN(te) || te < from || te > t || (te === t && !(e.no < order.no))) continue;
    if (best && (te < best.at || (te === best.at && best.match.reason === 'phone'))) continue;
    if (phone !== null && phoneOf(e) === phone) {
      best = { match: { of: e.no, reason: 'phone' }, at: te };
      continue;
    }
    if (best && te === best.at) continue; // an equally recent match is already held
    if (!canCompareText || key(e.town) !== town || key(e.category) !== category) continue;
    mine ??= gramsOf(order);
    if (mine.length === 0) continue;
    const sim = dice(mine, gramsOf(e));
    if (sim >= s.repeatSimilarity) {
      best = { match: { of: e.no, reason: 'content', similarity: Math.round(sim * 1000) / 1000 }, at: te };
    }
  }
  return best ? best.match : null;
}
