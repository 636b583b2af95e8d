// Hot topics (热点问题): the words and word pairs that recur in the period's orders, with the
// change against the previous period of equal length, overall and by town and category. Counts
// are orders (a word written five times in one order counts once). The segmenter is given: the
// words of each order arrive already cut (src/io/segment.ts). Pure.
import type { GroupTerms, HotTopics, TermCount } from './circular-doc.js';

export interface SegmentedOrder {
  town: string | null;
  category: string | null;
  /** The words of the title (pairs are taken from the title: it says what the order is about). */
  titleWords: readonly string[];
  /** The words of title and content. */
  words: readonly string[];
  /** In the period (true) or in the previous one (false). */
  current: boolean;
}

export const HOT_TERMS_N = 10;
export const HOT_PAIRS_N = 10;
export const HOT_GROUPS_N = 5;
export const HOT_GROUP_TERMS_N = 3;

/** Pair key: the two words in code-point order, joined by '+'. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}+${b}` : `${b}+${a}`;
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** Words by orders, most first; ties: the bigger rise first, then code-point order. */
function top(cur: Map<string, number>, prev: Map<string, number>, n: number, min = 1): TermCount[] {
  return [...cur]
    .filter(([, c]) => c >= min)
    .map(([term, count]) => ({ term, count, previous: prev.get(term) ?? 0, change: count - (prev.get(term) ?? 0) }))
    .sort((a, b) => b.count - a.count || b.change - a.change || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, n);
}

function groups(orders: readonly SegmentedOrder[], keyOf: (o: SegmentedOrder) => string | null): GroupTerms[] {
  const by = new Map<string, { received: number; words: Map<string, number> }>();
  for (const o of orders) {
    const k = keyOf(o);
    if (!o.current || k === null) continue;
    let g = by.get(k);
    if (!g) by.set(k, (g = { received: 0, words: new Map() }));
    g.received++;
    for (const w of new Set(o.words)) bump(g.words, w);
  }
  return [...by]
    .sort((a, b) => b[1].received - a[1].received || (a[0] < b[0] ? -1 : 1))
    .slice(0, HOT_GROUPS_N)
    .map(([name, g]) => ({ name, received: g.received, terms: top(g.words, new Map(), HOT_GROUP_TERMS_N, 2).map(({ term, count }) => ({ term, count })) }));
}

export function hotTopics(orders: readonly SegmentedOrder[]): HotTopics {
  const words = [new Map<string, number>(), new Map<string, number>()];
  const pairs = [new Map<string, number>(), new Map<string, number>()];
  let current = 0;
  for (const o of orders) {
    const i = o.current ? 0 : 1;
    if (o.current) current++;
    for (const w of new Set(o.words)) bump(words[i]!, w);
    const t = [...new Set(o.titleWords)];
    const seen = new Set<string>();
    for (let a = 0; a < t.length; a++) for (let b = a + 1; b < t.length; b++) seen.add(pairKey(t[a]!, t[b]!));
    for (const p of seen) bump(pairs[i]!, p);
  }
  return {
    orders: current,
    previousOrders: orders.length - current,
    // A word or pair found in one order only is no topic.
    terms: top(words[0]!, words[1]!, HOT_TERMS_N, 2),
    pairs: top(pairs[0]!, pairs[1]!, HOT_PAIRS_N, 2),
    byTown: groups(orders, (o) => o.town),
    byCategory: groups(orders, (o) => o.category),
  };
}
