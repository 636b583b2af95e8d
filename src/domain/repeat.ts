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

/**
 * The Dice coefficient of two sorted multisets when it is at least `min`, else -1; gives up as
 * soon as even a match of everything left could not reach `min` (most pairs of one place's orders
 * differ early). Exact: the bound 2·(common + left)/(|a| + |b|) never falls below the final value.
 * With `min` 0 it is the plain coefficient (0 when either is empty).
 */
function diceAtLeast(a: Uint32Array, b: Uint32Array, min: number): number {
  const total = a.length + b.length;
  if (total === 0 || a.length === 0 || b.length === 0) return 0 >= min ? 0 : -1;
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
      continue;
    }
    if (x < y) i++;
    else j++;
    if ((2 * (common + Math.min(a.length - i, b.length - j))) / total < min) return -1;
  }
  const d = (2 * common) / total;
  return d >= min ? d : -1;
}

/**
 * Dice similarity (0–1) of the character bigrams of two texts, ignoring punctuation, symbols,
 * whitespace and case. 1 for texts that are the same once cleaned; 0 when either has no letter
 * or digit.
 */
export function similarity(a: string, b: string): number {
  return diceAtLeast(grams(a), grams(b), 0);
}

function textOf(o: RepeatCandidate): string {
  return `${o.title ?? ''}${o.content ?? ''}`;
}

function key(s: string | null | undefined): string {
  return (s ?? '').trim();
}

/**
 * A candidate with what findRepeat compares worked out once: an import compares each order with
 * dozens of others, and re-parsing their times, phones and places every time was a quarter of the
 * import. Bigrams are made on the first text comparison that needs them.
 */
export interface RepeatKey {
  readonly no: string;
  /** receivedAt in ms (NaN when unreadable: never a candidate). */
  readonly at: number;
  readonly phone: string | null;
  /** Trimmed town + category when both are set: only then are texts compared. */
  readonly place: string | null;
  readonly text: string;
  grams?: Uint32Array;
  sketch?: Uint16Array | null;
}

export function repeatKey(o: RepeatCandidate): RepeatKey {
  const town = key(o.town);
  const category = key(o.category);
  return { no: o.no, at: Date.parse(o.receivedAt), phone: phoneKey(o.phone), place: town !== '' && category !== '' ? `${town}\u0000${category}` : null, text: textOf(o) };
}

function gramsOf(k: RepeatKey): Uint32Array {
  return (k.grams ??= grams(k.text));
}

const BUCKETS = 64;

/**
 * How many of a text's bigrams fall in each of 64 buckets. For two texts, the sum over buckets of
 * the smaller count is never less than the bigrams they share (a shared bigram is in the same
 * bucket of both), so it bounds the similarity from above in 64 steps instead of a full merge.
 * Null for a text too long for 16-bit counts (then the merge decides alone).
 */
function sketchOf(k: RepeatKey): Uint16Array | null {
  if (k.sketch !== undefined) return k.sketch;
  const g = gramsOf(k);
  if (g.length > 0xffff) return (k.sketch = null);
  const out = new Uint16Array(BUCKETS);
  for (let i = 0; i < g.length; i++) out[Math.imul(g[i]!, 0x9e3779b1) >>> 26]!++;
  return (k.sketch = out);
}

/** The sketches' bound on the bigrams two texts share. */
function sharedAtMost(a: Uint16Array, b: Uint16Array): number {
  let n = 0;
  for (let i = 0; i < BUCKETS; i++) n += a[i]! < b[i]! ? a[i]! : b[i]!;
  return n;
}

/** Keys of candidates passed as plain objects (findRepeat), made once per object. */
const keyCache = new WeakMap<RepeatCandidate, RepeatKey>();
function keyOf(o: RepeatCandidate): RepeatKey {
  let k = keyCache.get(o);
  if (!k) keyCache.set(o, (k = repeatKey(o)));
  return k;
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
  return findRepeatByKey(keyOf(order), [earlier.map(keyOf)], s);
}

/** A bounded list of keys that can be walked from one end (a place's recent orders: a ring buffer). */
export interface KeyList {
  readonly length: number;
  /** The i-th key in the order findRepeat is to consider them. */
  at(i: number): RepeatKey;
}

/**
 * findRepeat on precomputed keys, over several lists taken one after the other (no array is built
 * per order). Equal texts are a similarity of 1 without counting bigrams, a pair whose sizes or
 * bucket counts (sketchOf) keep the similarity under the threshold is not compared, and a
 * comparison stops once the threshold is out of reach: all give exactly what the full comparison
 * would.
 */
export function findRepeatByKey(order: RepeatKey, lists: readonly (readonly RepeatKey[] | KeyList)[], s: Pick<Settings, 'repeatWindowDays' | 'repeatSimilarity'>): RepeatMatch | null {
  const t = order.at;
  if (Number.isNaN(t)) return null;
  const from = t - s.repeatWindowDays * DAY_MS;
  const phone = order.phone;
  const place = order.place;
  let mine: Uint32Array | undefined;

  let best: RepeatMatch | null = null;
  let bestAt = 0;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const e = list.at(i)!;
      if (e.no === order.no) continue;
      const te = e.at;
      if (Number.isNaN(te) || te < from || te > t || (te === t && !(e.no < order.no))) continue;
      if (best && (te < bestAt || (te === bestAt && best.reason === 'phone'))) continue;
      if (phone !== null && e.phone === phone) {
        best = { of: e.no, reason: 'phone' };
        bestAt = te;
        continue;
      }
      if (best && te === bestAt) continue; // an equally recent match is already held
      if (place === null || e.place !== place) continue;
      mine ??= gramsOf(order);
      if (mine.length === 0) continue;
      const theirs = gramsOf(e);
      const total = mine.length + theirs.length;
      let sim: number;
      // Equal texts have as many bigrams: only then compare the texts themselves.
      if (mine.length === theirs.length && e.text === order.text) sim = 1;
      else {
        // Dice ≤ 2·min/(sum), and ≤ 2·(the sketches' bound)/(sum): when either is under the
        // threshold, no need to count.
        if ((2 * Math.min(mine.length, theirs.length)) / total < s.repeatSimilarity) continue;
        const a = sketchOf(order);
        const b = sketchOf(e);
        if (a && b && (2 * sharedAtMost(a, b)) / total < s.repeatSimilarity) continue;
        sim = diceAtLeast(mine, theirs, s.repeatSimilarity);
      }
      if (sim >= s.repeatSimilarity) {
        best = { of: e.no, reason: 'content', similarity: Math.round(sim * 1000) / 1000 };
        bestAt = te;
      }
    }
  }
  return best;
}
