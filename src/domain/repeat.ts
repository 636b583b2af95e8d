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

/** Where grams works (grown to the longest text met): sorted in place, copied out as a plain array. */
let scratch = new Uint32Array(256);

/**
 * Character bigrams of a text (letters and digits only, lower-cased) as a sorted array of numeric
 * keys (a multiset); a text of one character gives that character. Keys are 32-bit (a code point
 * beyond the BMP is folded into the private-use area, which holds no letters), and sorted arrays
 * compare by a merge: much faster than hashing for texts of a few hundred characters. A plain
 * array (on the JS heap), not a typed array of its own: an import makes one per order, and as
 * many small typed arrays were malloc'd memory that grew with the file until V8 collected them.
 */
function grams(text: string): readonly number[] {
  const lower = text.toLowerCase();
  if (scratch.length < lower.length) scratch = new Uint32Array(Math.max(lower.length, 2 * scratch.length));
  const out = scratch;
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
  if (n === 1) return [out[0]!];
  const sorted = out.subarray(0, k).sort();
  const g: number[] = [];
  for (let i = 0; i < k; i++) g.push(sorted[i]!);
  return g;
}

/**
 * The Dice coefficient of two sorted multisets when it is at least `min`, else -1; gives up as
 * soon as even a match of everything left could not reach `min` (most pairs of one place's orders
 * differ early). Exact: the bound 2·(common + left)/(|a| + |b|) never falls below the final value.
 * With `min` 0 it is the plain coefficient (0 when either is empty).
 */
function diceAtLeast(a: readonly number[], b: readonly number[], min: number): number {
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
  grams?: readonly number[] | undefined;
}

export function repeatKey(o: RepeatCandidate): RepeatKey {
  const town = key(o.town);
  const category = key(o.category);
  return { no: o.no, at: Date.parse(o.receivedAt), phone: phoneKey(o.phone), place: town !== '' && category !== '' ? `${town}\u0000${category}` : null, text: textOf(o) };
}

function gramsOf(k: RepeatKey): readonly number[] {
  return (k.grams ??= grams(k.text));
}

const BUCKETS = 64;

/** The bucket of a bigram (its top 6 bits after a multiplicative hash). */
function bucketOf(gram: number): number {
  return Math.imul(gram, 0x9e3779b1) >>> 26;
}

/**
 * How many of a text's bigrams fall in each of 64 buckets, into `out` from `at`. For two texts, the
 * sum over buckets of the smaller count is never less than the bigrams they share (a shared bigram
 * is in the same bucket of both), so it bounds the similarity from above in 64 steps instead of a
 * full merge. Not for a text too long for 16-bit counts (more than 0xffff bigrams: then the merge
 * decides alone).
 */
function sketchInto(g: readonly number[], out: Uint16Array, at = 0): void {
  out.fill(0, at, at + BUCKETS);
  for (let i = 0; i < g.length; i++) out[at + bucketOf(g[i]!)]!++;
}

/** The order's sketch and a candidate's (findRepeatByKey is synchronous: one search at a time). */
const mineSketch = new Uint16Array(BUCKETS);
const theirSketch = new Uint16Array(BUCKETS);

/**
 * Whether the sketches leave room for `need` shared bigrams: a bucket where `a` holds more bigrams
 * than `b` has that many of a's bigrams without a partner, and once those exceed
 * `a`'s size - need the pair cannot reach it (most pairs of one place's orders fail within a few
 * buckets). Equivalent to "the sum over buckets of the smaller count ≥ need".
 */
function sketchAllows(a: Uint16Array, size: number, b: Uint16Array, need: number, at = 0): boolean {
  const slack = size - need;
  let lost = 0;
  for (let i = 0; i < BUCKETS; i++) {
    const d = a[i]! - b[at + i]!;
    if (d > 0 && (lost += d) > slack) return false;
  }
  return true;
}

/** The fewest shared bigrams that make two texts of `total` bigrams together similar: the least c with 2c / total ≥ min, as diceAtLeast computes it. */
function sharedNeeded(total: number, min: number): number {
  let c = Math.max(0, Math.ceil((min * total) / 2) - 1);
  while ((2 * c) / total < min) c++;
  return c;
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
 * The `size` most recent keys pushed (one place's orders), oldest overwritten; walked newest first.
 * What findRepeatByKey looks at for every key (time, phone, number of bigrams, bucket counts) is
 * kept in typed arrays beside the keys, so a walk over a place's recent orders reads a few KB in a
 * row instead of dozens of scattered objects; a key itself is read only for a pair that may match.
 * A key pushed here belongs to the ring: its cached bigrams are dropped.
 * It says it is in time order (`newestFirst`) while every key it holds was pushed no earlier
 * in time than the one before it, as a file in time order gives them.
 */
export class KeyRing implements KeyList {
  readonly keys: RepeatKey[] = [];
  /** Where the next key goes (the oldest slot once full). */
  next = 0;
  readonly ats: Float64Array;
  readonly phones: Int32Array;
  /** Bigrams of each key's text. */
  readonly sizes: Int32Array;
  /** BUCKETS counts per slot (sketchInto), valid when the size is at most 0xffff. */
  readonly sketches: Uint16Array;
  /** Pushes still to come before a key out of time order has left the ring. */
  private disorder = 0;

  constructor(readonly size: number) {
    this.ats = new Float64Array(size);
    this.phones = new Int32Array(size);
    this.sizes = new Int32Array(size);
    this.sketches = new Uint16Array(size * BUCKETS);
  }

  get length(): number {
    return this.keys.length;
  }

  get newestFirst(): boolean {
    return this.disorder === 0;
  }

  push(k: RepeatKey): void {
    const n = this.keys.length;
    if (this.disorder > 0) this.disorder--;
    if (Number.isNaN(k.at) || (n > 0 && !(k.at >= this.at(0).at))) this.disorder = this.size;
    const slot = this.next;
    if (n < this.size) this.keys.push(k);
    else this.keys[slot] = k;
    this.next = (slot + 1) % this.size;
    this.ats[slot] = k.at;
    this.phones[slot] = phoneHash(k.phone);
    const g = gramsOf(k);
    this.sizes[slot] = g.length;
    if (g.length <= 0xffff) sketchInto(g, this.sketches, slot * BUCKETS);
    // The ring keeps the key's counts: its bigrams are dropped (made again from its text for the
    // pair in a hundred that gets counted in full), so a long import does not keep a place's 50
    // orders' bigram arrays alive across the old generation.
    k.grams = undefined;
  }

  /** i = 0 is the newest. */
  at(i: number): RepeatKey {
    const n = this.keys.length;
    return this.keys[(this.next - 1 - i + 2 * n) % n]!;
  }
}

/** A 32-bit hash of a phone key (0 for none; FNV-1a): equal phones, equal hashes. */
export function phoneHash(phone: string | null): number {
  if (phone === null) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < phone.length; i++) h = Math.imul(h ^ phone.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * findRepeat on precomputed keys, over several lists taken one after the other (no array is built
 * per order). Equal texts are a similarity of 1 without counting bigrams, a pair whose sizes or
 * bucket counts (sketchInto) keep the similarity under the threshold is not compared, and a
 * comparison stops once the threshold is out of reach: all give exactly what the full comparison
 * would.
 */
export function findRepeatByKey(order: RepeatKey, lists: readonly (readonly RepeatKey[] | KeyList)[], s: Pick<Settings, 'repeatWindowDays' | 'repeatSimilarity'>): RepeatMatch | null {
  if (Number.isNaN(order.at)) return null;
  const q = new Search(order, s);
  for (const list of lists) {
    if (list instanceof KeyRing) q.ring(list);
    else q.list(list);
  }
  return q.best;
}

/** One findRepeatByKey: the order, the best match so far, and the two walks (any list, a KeyRing's columns). */
class Search {
  best: RepeatMatch | null = null;
  bestAt = 0;
  private readonly t: number;
  private readonly from: number;
  private readonly min: number;
  private mine: readonly number[] | undefined;
  private sketched = false;

  constructor(
    private readonly order: RepeatKey,
    s: Pick<Settings, 'repeatWindowDays' | 'repeatSimilarity'>,
  ) {
    this.t = order.at;
    this.from = order.at - s.repeatWindowDays * DAY_MS;
    this.min = s.repeatSimilarity;
  }

  /** The order's sketch (its bigrams `mine`), made on first use. */
  private sketch(mine: readonly number[]): Uint16Array {
    if (!this.sketched) sketchInto(mine, mineSketch);
    this.sketched = true;
    return mineSketch;
  }

  /** The rules, key by key (findRepeatByKey's comment). */
  list(list: readonly RepeatKey[] | KeyList): void {
    const { order, t, from, min } = this;
    const phone = order.phone;
    const place = order.place;
    for (let i = 0; i < list.length; i++) {
      const e = list.at(i)!;
      if (e.no === order.no) continue;
      const te = e.at;
      if (Number.isNaN(te) || te < from || te > t || (te === t && !(e.no < order.no))) continue;
      const best = this.best;
      if (best && (te < this.bestAt || (te === this.bestAt && best.reason === 'phone'))) continue;
      if (phone !== null && e.phone === phone) {
        this.best = { of: e.no, reason: 'phone' };
        this.bestAt = te;
        continue;
      }
      if (best && te === this.bestAt) continue; // an equally recent match is already held
      if (place === null || e.place !== place) continue;
      const mine = (this.mine ??= gramsOf(order));
      if (mine.length === 0) continue;
      const theirs = gramsOf(e);
      const total = mine.length + theirs.length;
      let sim: number;
      // Equal texts have as many bigrams: only then compare the texts themselves.
      if (mine.length === theirs.length && e.text === order.text) sim = 1;
      else {
        // The bigrams shared can be no more than the smaller text has, nor more than the
        // sketches allow: when either is short of what the threshold needs, no need to count.
        const need = sharedNeeded(total, min);
        if (Math.min(mine.length, theirs.length) < need) continue;
        if (mine.length <= 0xffff && theirs.length <= 0xffff) {
          sketchInto(theirs, theirSketch);
          if (!sketchAllows(this.sketch(mine), mine.length, theirSketch, need)) continue;
        }
        sim = diceAtLeast(mine, theirs, min);
      }
      if (sim >= min) {
        this.best = { of: e.no, reason: 'content', similarity: Math.round(sim * 1000) / 1000 };
        this.bestAt = te;
      }
    }
  }

  /**
   * The same rules over a KeyRing, from its columns: every test that only skips a key is made on
   * them first, and the key is read only for a phone whose hash is the order's or a pair the
   * sketches let through (then its place and number are checked too). When the ring is in time
   * order (newestFirst), the walk stops at the first key before the window or older than the match
   * held: every key after it is older still.
   */
  ring(r: KeyRing): void {
    const { order, t, from, min } = this;
    const phone = order.phone;
    const hash = phoneHash(phone);
    const place = order.place;
    const sorted = r.newestFirst;
    const n = r.keys.length;
    const { ats, phones, sizes, sketches, keys } = r;
    let slot = r.next;
    for (let i = 0; i < n; i++) {
      slot = slot === 0 ? n - 1 : slot - 1;
      const te = ats[slot]!;
      if (Number.isNaN(te) || te > t) continue;
      if (te < from) {
        if (sorted) break;
        continue;
      }
      const best = this.best;
      if (best && te < this.bestAt) {
        if (sorted) break;
        continue;
      }
      if (best && te === this.bestAt && best.reason === 'phone') continue;
      if (phone !== null && phones[slot] === hash) {
        const e = keys[slot]!;
        if (e.phone === phone) {
          if (e.no === order.no || (te === t && !(e.no < order.no))) continue;
          this.best = { of: e.no, reason: 'phone' };
          this.bestAt = te;
          continue;
        }
      }
      if (best && te === this.bestAt) continue;
      if (place === null) continue;
      const mine = (this.mine ??= gramsOf(order));
      if (mine.length === 0) continue;
      // (Equal texts are not looked for first here: their bigrams are equal, which the sketches
      // let through and the count finds to be a similarity of 1, as the shortcut would.)
      const theirs = sizes[slot]!;
      const need = sharedNeeded(mine.length + theirs, min);
      if (Math.min(mine.length, theirs) < need) continue;
      if (mine.length <= 0xffff && theirs <= 0xffff && !sketchAllows(this.sketch(mine), mine.length, sketches, need, slot * BUCKETS)) continue;
      const e = keys[slot]!;
      if (e.place !== place || e.no === order.no || (te === t && !(e.no < order.no))) continue;
      const sim = diceAtLeast(mine, e.grams ?? grams(e.text), min);
      if (sim >= min) {
        this.best = { of: e.no, reason: 'content', similarity: Math.round(sim * 1000) / 1000 };
        this.bestAt = te;
      }
    }
  }
}
