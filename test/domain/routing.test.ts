import { describe, expect, it } from 'vitest';
import {
  describeRule,
  parseKeywords,
  route,
  ruleMatches,
  sortRules,
  specificity,
  suggestFromHistory,
  type RoutableOrder,
  type RoutingRule,
} from '../../src/domain/routing.js';

function rule(over: Partial<RoutingRule> & { id: number; unit: string }): RoutingRule {
  return { category: null, town: null, type: null, keywords: [], priority: 0, ...over };
}

const order: RoutableOrder = {
  category: '城乡建设',
  town: '城关街道',
  type: '投诉',
  title: '小区道路破损',
  content: '幸福路12号门前道路坑洼，雨天积水',
};

describe('ruleMatches', () => {
  it('needs every condition the rule sets', () => {
    expect(ruleMatches(rule({ id: 1, unit: 'a', category: '城乡建设' }), order)).toBe(true);
    expect(ruleMatches(rule({ id: 1, unit: 'a', category: '市场监管' }), order)).toBe(false);
    expect(ruleMatches(rule({ id: 1, unit: 'a', category: '城乡建设', town: '东湖街道' }), order)).toBe(false);
    expect(ruleMatches(rule({ id: 1, unit: 'a', category: '城乡建设', town: '城关街道', type: '投诉' }), order)).toBe(true);
    expect(ruleMatches(rule({ id: 1, unit: 'a', type: '咨询' }), order)).toBe(false);
  });

  it('keywords: any one, in the title or the content, ignoring case', () => {
    expect(ruleMatches(rule({ id: 1, unit: 'a', keywords: ['噪音', '积水'] }), order)).toBe(true); // content
    expect(ruleMatches(rule({ id: 1, unit: 'a', keywords: ['破损'] }), order)).toBe(true); // title
    expect(ruleMatches(rule({ id: 1, unit: 'a', keywords: ['噪音', '油烟'] }), order)).toBe(false);
    expect(ruleMatches(rule({ id: 1, unit: 'a', keywords: ['wifi'] }), { ...order, content: '公共WiFi信号差' })).toBe(true);
    // blank keywords set no condition
    expect(ruleMatches(rule({ id: 1, unit: 'a', keywords: ['', ' '] }), order)).toBe(true);
  });

  it('an order without a category or town matches no rule that sets one', () => {
    const bare = { ...order, category: null, town: null };
    expect(ruleMatches(rule({ id: 1, unit: 'a', category: '城乡建设' }), bare)).toBe(false);
    expect(ruleMatches(rule({ id: 1, unit: 'a', town: '城关街道' }), bare)).toBe(false);
    expect(ruleMatches(rule({ id: 1, unit: 'a', type: '投诉' }), bare)).toBe(true);
  });
});

describe('route', () => {
  it('none when nothing matches', () => {
    expect(route(order, [rule({ id: 1, unit: 'scjgj', category: '市场监管' })])).toEqual({ kind: 'none' });
    expect(route(order, [])).toEqual({ kind: 'none' });
  });

  it('the highest priority wins over specificity', () => {
    const territorial = rule({ id: 1, unit: 'cgjd', town: '城关街道', category: '城乡建设', priority: 1 });
    const dept = rule({ id: 2, unit: 'zjj', category: '城乡建设', priority: 5 });
    const r = route(order, [territorial, dept]);
    expect(r).toEqual({ kind: 'matched', rule: dept, unit: 'zjj' });
  });

  it('at equal priority the rule with more conditions wins', () => {
    const broad = rule({ id: 1, unit: 'zjj', category: '城乡建设', priority: 1 });
    const narrow = rule({ id: 2, unit: 'cgjd', category: '城乡建设', town: '城关街道', priority: 1 });
    const r = route(order, [broad, narrow]);
    expect(r.kind).toBe('matched');
    expect(r.kind === 'matched' && r.unit).toBe('cgjd');
  });

  it('equally good rules naming different units are ambiguous: the clerk decides', () => {
    const a = rule({ id: 4, unit: 'cgjd', town: '城关街道', priority: 2 });
    const b = rule({ id: 3, unit: 'zjj', category: '城乡建设', priority: 2 });
    const lower = rule({ id: 9, unit: 'jtysj', priority: 1 });
    const r = route(order, [a, b, lower]);
    expect(r).toEqual({ kind: 'ambiguous', candidates: [b, a] });
  });

  it('equally good rules all naming the same unit are a match (the lowest id reported)', () => {
    const a = rule({ id: 7, unit: 'cgjd', town: '城关街道', priority: 2 });
    const b = rule({ id: 5, unit: 'cgjd', keywords: ['道路'], priority: 2 });
    expect(route(order, [a, b])).toEqual({ kind: 'matched', rule: b, unit: 'cgjd' });
  });

  it('a catch-all rule (no conditions) only wins when nothing better matches', () => {
    const fallback = rule({ id: 1, unit: 'office', priority: 0 });
    const specific = rule({ id: 2, unit: 'zjj', category: '城乡建设', priority: 0 });
    expect(route(order, [fallback, specific])).toMatchObject({ kind: 'matched', unit: 'zjj' });
    expect(route({ ...order, category: '教育' }, [fallback, specific])).toMatchObject({ kind: 'matched', unit: 'office' });
  });
});

describe('suggestFromHistory', () => {
  const h = (category: string | null, town: string | null, unit: string, closedWithoutReturn = true) => ({
    category,
    town,
    unit,
    closedWithoutReturn,
  });

  it('prefers the same category in the same town, counting only clean closures', () => {
    const history = [
      h('城乡建设', '城关街道', 'cgjd'),
      h('城乡建设', '城关街道', 'cgjd'),
      h('城乡建设', '城关街道', 'zjj'),
      h('城乡建设', '城关街道', 'zjj', false),
      h('城乡建设', '城关街道', 'zjj', false),
      h('城乡建设', '东湖街道', 'zjj'),
      h('城乡建设', '东湖街道', 'zjj'),
      h('城乡建设', '东湖街道', 'zjj'),
      h('教育', '城关街道', 'jyj'),
    ];
    expect(suggestFromHistory(order, history)).toEqual({ unit: 'cgjd', count: 2 });
  });

  it('falls back to the same category anywhere; null when nothing similar or no category', () => {
    const history = [h('城乡建设', '东湖街道', 'zjj'), h('城乡建设', '西苑街道', 'zjj'), h('城乡建设', '西苑街道', 'xyjd')];
    expect(suggestFromHistory(order, history)).toEqual({ unit: 'zjj', count: 2 });
    expect(suggestFromHistory({ category: '教育', town: '城关街道' }, history)).toBeNull();
    expect(suggestFromHistory({ category: null, town: '城关街道' }, history)).toBeNull();
    expect(suggestFromHistory(order, [h('城乡建设', '城关街道', 'cgjd', false)])).toBeNull();
  });

  it('breaks ties by unit code', () => {
    const history = [h('城乡建设', '城关街道', 'zjj'), h('城乡建设', '城关街道', 'cgjd')];
    expect(suggestFromHistory(order, history)).toEqual({ unit: 'cgjd', count: 1 });
  });
});

describe('listing rules', () => {
  it('describeRule gives a plain row with the specificity', () => {
    const r = rule({ id: 3, unit: 'cgjd', town: ' 城关街道 ', category: '', keywords: ['道路', ' '], priority: 2 });
    expect(describeRule(r)).toEqual({
      id: 3,
      priority: 2,
      category: null,
      town: '城关街道',
      type: null,
      keywords: ['道路'],
      unit: 'cgjd',
      specificity: 2,
    });
    expect(specificity(rule({ id: 1, unit: 'a', category: 'x', town: 'y', type: '咨询', keywords: ['k'] }))).toBe(4);
  });

  it('sortRules: priority, then specificity, then id', () => {
    const a = rule({ id: 1, unit: 'a', priority: 1 });
    const b = rule({ id: 2, unit: 'b', priority: 3 });
    const c = rule({ id: 3, unit: 'c', priority: 1, town: 't' });
    const d = rule({ id: 4, unit: 'd', priority: 1 });
    expect(sortRules([a, b, c, d]).map((r) => r.id)).toEqual([2, 3, 1, 4]);
  });

  it('parseKeywords splits on the separators clerks type', () => {
    expect(parseKeywords('噪音，油烟、 施工,夜间;噪音')).toEqual(['噪音', '油烟', '施工', '夜间']);
    expect(parseKeywords('  ')).toEqual([]);
  });
});
