// Hot topics on a hand-made corpus: counts are orders (a word twice in one order counts once),
// pairs come from titles, change is against the previous period, ties go to the bigger rise.
import { describe, expect, it } from 'vitest';
import { hotTopics, pairKey, type SegmentedOrder } from '../../src/domain/hot-topics.js';
import { officeDictionary, segmenter } from '../../src/io/segment.js';

const o = (current: boolean, town: string, category: string, title: string[], content: string[] = []): SegmentedOrder => ({
  town,
  category,
  titleWords: title,
  words: [...title, ...content],
  current,
});

describe('hotTopics', () => {
  // This period: 4 orders; previous: 2.
  //   噪音扰民: C1 C2 C3 (3; twice in C1, once counted) — previous P1 (1) → +2
  //   夜间施工: C1 C2 (2) — previous P1 P2 (2) → 0
  //   物业服务: C4 (1) — one order only: no topic
  //   pairs (titles): 噪音扰民+夜间施工 C1 C2 (2), previous P1 (1) → +1
  const corpus = [
    o(true, '青石镇', '城乡建设', ['夜间施工', '噪音扰民'], ['噪音扰民']),
    o(true, '青石镇', '城乡建设', ['夜间施工', '噪音扰民']),
    o(true, '望江镇', '城市管理', ['噪音扰民']),
    o(true, '白沙镇', '住房', ['物业服务']),
    o(false, '青石镇', '城乡建设', ['夜间施工', '噪音扰民']),
    o(false, '望江镇', '城乡建设', ['夜间施工']),
  ];
  const h = hotTopics(corpus);

  it('counts terms by orders, with the previous period and the change', () => {
    expect(h.orders).toBe(4);
    expect(h.previousOrders).toBe(2);
    expect(h.terms).toEqual([
      { term: '噪音扰民', count: 3, previous: 1, change: 2 },
      { term: '夜间施工', count: 2, previous: 2, change: 0 },
    ]);
  });

  it('counts title pairs by orders', () => {
    expect(h.pairs).toEqual([{ term: pairKey('夜间施工', '噪音扰民'), count: 2, previous: 1, change: 1 }]);
  });

  it('by town: towns by orders received, their words found in two orders or more', () => {
    expect(h.byTown[0]).toEqual({ name: '青石镇', received: 2, terms: [{ term: '噪音扰民', count: 2 }, { term: '夜间施工', count: 2 }] });
    expect(h.byTown.find((g) => g.name === '白沙镇')?.terms).toEqual([]);
  });
});

describe('the segmenter with the office dictionary', () => {
  const seg = segmenter(officeDictionary(['城关街道', '青石镇', '青石'], ['城乡建设', '水电气暖']));

  it('keeps the office terms whole and leaves place names, stop words and single characters out', () => {
    expect(seg.words('夜间施工噪音扰民')).toEqual(['夜间施工', '噪音扰民']);
    expect(seg.words('城关街道路灯不亮，市民希望尽快维修')).toEqual(['路灯不亮', '维修']);
    expect(seg.words('商家拒不退还预付卡余额')).toEqual(['商家', '拒不退还', '预付卡', '余额']);
  });

  it('terms() keeps only the dictionary terms of a long content', () => {
    expect(seg.terms('青石镇工地每天晚上夜间施工，打桩机声音很大，住户把电动车推进楼道充电')).toEqual(['夜间施工', '电动车', '楼道充电']);
  });
});
