// Hot topics (热点问题): the words and word pairs that recur in the period's orders, with the
// change against the previous period of equal length, overall and by town and category. Counts
// are orders (a word written five times in one order counts once): counted per period
// (countTopics), then picked (pickTopics). The segmenter is given: the words of each order arrive
// already cut (src/io/segment.ts). Pure.
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

/** One group's orders (a town's, a category's) and the orders each word is found in. */
export interface GroupCounts {
  received: number;
  words: Map<string, number>;
}

/**
 * What the hot topics of a period are picked from: its orders, and for each word and title pair
 * the number of its orders it is found in, overall and by town and category. Counted once per
 * period, so a circular can keep them (store/words.ts) and pick its topics without its orders.
 */
export interface TopicCounts {
  orders: number;
  words: Map<string, number>;
  pairs: Map<string, number>;
  byTown: Map<string, GroupCounts>;
  byCategory: Map<string, GroupCounts>;
}

/** The counts of one period's orders (each word and pair counts once an order, however often written). */
export function countTopics(orders: Iterable<Omit<SegmentedOrder, 'current'>>): TopicCounts {
  const c: TopicCounts = { orders: 0, words: new Map(), pairs: new Map(), byTown: new Map(), byCategory: new Map() };
  // One set of each kind, emptied for every order (no set made per order).
  const words = new Set<string>();
  const title = new Set<string>();
  const pairs = new Set<string>();
  const group = (by: Map<string, GroupCounts>, k: string | null): void => {
    if (k === null) return;
    let g = by.get(k);
    if (!g) by.set(k, (g = { received: 0, words: new Map() }));
    g.received++;
    for (const w of words) bump(g.words, w);
  };
  for (const o of orders) {
    c.orders++;
    words.clear();
    for (const w of o.words) words.add(w);
    for (const w of words) bump(c.words, w);
    title.clear();
    for (const w of o.titleWords) title.add(w);
    const t = [...title];
    pairs.clear();
    for (let a = 0; a < t.length; a++) for (let b = a + 1; b < t.length; b++) pairs.add(pairKey(t[a]!, t[b]!));
    for (const p of pairs) bump(c.pairs, p);
    group(c.byTown, o.town);
    group(c.byCategory, o.category);
  }
  return c;
}

function groups(by: Map<string, GroupCounts>): GroupTerms[] {
  return [...by]
    .sort((a, b) => b[1].received - a[1].received || (a[0] < b[0] ? -1 : 1))
    .slice(0, HOT_GROUPS_N)
    .map(([name, g]) => ({ name, received: g.received, terms: top(g.words, new Map(), HOT_GROUP_TERMS_N, 2).map(({ term, count }) => ({ term, count })) }));
}

/** The hot topics of a period from its counts and the previous period's. */
export function pickTopics(current: TopicCounts, previous: TopicCounts): HotTopics {
  return {
    orders: current.orders,
    previousOrders: previous.orders,
    // A word or pair found in one order only is no topic.
    terms: top(current.words, previous.words, HOT_TERMS_N, 2),
    pairs: top(current.pairs, previous.pairs, HOT_PAIRS_N, 2),
    byTown: groups(current.byTown),
    byCategory: groups(current.byCategory),
  };
}

export function hotTopics(orders: readonly SegmentedOrder[]): HotTopics {
  return pickTopics(countTopics(orders.filter((o) => o.current)), countTopics(orders.filter((o) => !o.current)));
}
