import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findRepeat, findRepeatByKey, KeyRing, repeatKey, similarity, type RepeatCandidate } from '../../src/domain/repeat.js';
import { phoneKey } from '../../src/domain/privacy.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';

const s = DEFAULT_SETTINGS; // 30 days, 0.8

function o(over: Partial<RepeatCandidate> & { no: string; receivedAt: string }): RepeatCandidate {
  return { phone: null, town: '城关街道', category: '城市管理', title: '', content: '', ...over };
}

const now = o({
  no: 'N',
  receivedAt: '2026-10-31T10:00:00+08:00',
  phone: '13800138000',
  title: '夜间施工噪音扰民',
  content: '幸福路工地每天晚上十点后还在施工，噪音很大，影响休息。',
});

describe('similarity', () => {
  it('is the Dice coefficient of character bigrams', () => {
    // ab bc cd | ab bc ce → 2·2 / (3 + 3)
    expect(similarity('abcd', 'abce')).toBeCloseTo(2 / 3, 10);
    // 路灯 灯不 不亮 | 路灯 灯不 不亮 亮了 → 2·3 / (3 + 4)
    expect(similarity('路灯不亮', '路灯不亮了')).toBeCloseTo(6 / 7, 10);
    expect(similarity('路灯不亮', '噪音扰民')).toBe(0);
  });

  it('ignores punctuation, whitespace and case; a repeated bigram counts as often as it occurs', () => {
    expect(similarity('路灯，不亮！', ' 路灯 不亮 ')).toBe(1);
    expect(similarity('WiFi 信号差', 'wifi信号差')).toBe(1);
    // aa aa aa | aa → 2·1 / (3 + 1)
    expect(similarity('aaaa', 'aa')).toBeCloseTo(0.5, 10);
  });

  it('is 0 when either side has no letters or digits; a single character compares as itself', () => {
    expect(similarity('', '')).toBe(0);
    expect(similarity('。。', '路灯')).toBe(0);
    expect(similarity('灯', '灯')).toBe(1);
  });
});

describe('phoneKey (privacy.normalizePhone without the dash)', () => {
  it('keeps digits, drops +86, refuses masked or short numbers', () => {
    expect(phoneKey('138-0013-8000')).toBe('13800138000');
    expect(phoneKey('+86 138 0013 8000')).toBe('13800138000');
    expect(phoneKey('0571-81000000')).toBe('057181000000');
    expect(phoneKey('138****8000')).toBeNull();
    expect(phoneKey('')).toBeNull();
    expect(phoneKey(null)).toBeNull();
    expect(phoneKey('110')).toBeNull();
  });
});

describe('findRepeat', () => {
  it('the same phone within 30 days, whatever the content', () => {
    const earlier = [o({ no: 'E1', receivedAt: '2026-10-05T09:00:00+08:00', phone: '+86 138-0013-8000', title: '咨询社保' })];
    expect(findRepeat(now, earlier, s)).toEqual({ of: 'E1', reason: 'phone' });
  });

  it('not beyond the window, not after the order, not itself, not masked numbers', () => {
    const earlier = [
      o({ no: 'OLD', receivedAt: '2026-09-30T09:59:59+08:00', phone: '13800138000' }), // 31 days before
      o({ no: 'LATER', receivedAt: '2026-10-31T10:00:01+08:00', phone: '13800138000' }),
      o({ no: 'N', receivedAt: '2026-10-20T10:00:00+08:00', phone: '13800138000' }),
      o({ no: 'M', receivedAt: '2026-10-20T10:00:00+08:00', phone: '138****8000' }),
    ];
    expect(findRepeat(now, earlier, s)).toBeNull();
    // exactly 30 days before is inside
    expect(findRepeat(now, [o({ no: 'E', receivedAt: '2026-10-01T10:00:00+08:00', phone: '13800138000' })], s)).toEqual({
      of: 'E',
      reason: 'phone',
    });
    // a shorter window set by the office
    expect(
      findRepeat(now, [o({ no: 'E', receivedAt: '2026-10-01T10:00:00+08:00', phone: '13800138000' })], { ...s, repeatWindowDays: 7 }),
    ).toBeNull();
  });

  it('the same town and category with near-identical content', () => {
    const twin = o({
      no: 'E2',
      receivedAt: '2026-10-25T20:00:00+08:00',
      phone: '13900000000',
      title: '夜间施工噪音扰民',
      content: '幸福路工地每天晚上十点以后还在施工，噪音很大，影响休息！',
    });
    const r = findRepeat(now, [twin], s);
    expect(r?.of).toBe('E2');
    expect(r?.reason).toBe('content');
    expect(r?.similarity).toBeGreaterThanOrEqual(0.8);
    expect(r?.similarity).toBeLessThan(1);
    // another town, or another category: not a repeat
    expect(findRepeat(now, [{ ...twin, town: '东湖街道' }], s)).toBeNull();
    expect(findRepeat(now, [{ ...twin, category: '生态环境' }], s)).toBeNull();
    // a threshold the office raised above the similarity found
    expect(findRepeat(now, [twin], { ...s, repeatSimilarity: 0.99 })).toBeNull();
  });

  it('different content in the same town and category is not a repeat', () => {
    const other = o({ no: 'E3', receivedAt: '2026-10-25T20:00:00+08:00', title: '路灯不亮', content: '小区门口路灯坏了一周' });
    expect(findRepeat(now, [other], s)).toBeNull();
  });

  it('no content match without a town or category', () => {
    const bare = { ...now, town: null, phone: null };
    expect(findRepeat(bare, [{ ...now, no: 'E', receivedAt: '2026-10-30T10:00:00+08:00', town: null }], s)).toBeNull();
  });

  it('the most recent earlier match wins', () => {
    const earlier = [
      o({ no: 'A', receivedAt: '2026-10-10T09:00:00+08:00', phone: '13800138000' }),
      o({ no: 'C', receivedAt: '2026-10-28T09:00:00+08:00', title: now.title, content: now.content }),
      o({ no: 'B', receivedAt: '2026-10-20T09:00:00+08:00', phone: '13800138000' }),
    ];
    expect(findRepeat(now, earlier, s)).toEqual({ of: 'C', reason: 'content', similarity: 1 });
    expect(findRepeat(now, earlier.slice(0, 1).concat(earlier.slice(2)), s)).toEqual({ of: 'B', reason: 'phone' });
  });

  it('at the same instant only a smaller number counts as earlier', () => {
    const same = '2026-10-31T10:00:00+08:00';
    expect(findRepeat(now, [o({ no: 'M', receivedAt: same, phone: '13800138000' })], s)).toEqual({ of: 'M', reason: 'phone' });
    expect(findRepeat(now, [o({ no: 'Z', receivedAt: same, phone: '13800138000' })], s)).toBeNull();
  });

  it('checks one order against a few hundred candidates in well under a millisecond each', () => {
    const filler = '小区物业不作为，楼道垃圾长期无人清理，电梯经常故障，业主多次反映未果，希望相关部门督促整改。';
    const candidates: RepeatCandidate[] = [];
    for (let i = 0; i < 400; i++) {
      candidates.push(
        o({
          no: `C${i}`,
          receivedAt: `2026-10-${String(1 + (i % 30)).padStart(2, '0')}T08:00:00+08:00`,
          phone: `1370000${String(i).padStart(4, '0')}`,
          content: `${filler}${i}号楼${filler.slice(i % 20)}`,
        }),
      );
    }
    const probe = { ...now, content: `${filler}999号楼`, phone: '13611112222' };
    findRepeat(probe, candidates, s); // warm up
    const t0 = performance.now();
    const runs = 20;
    for (let k = 0; k < runs; k++) findRepeat(probe, candidates, { ...s, repeatSimilarity: 0.99 });
    const perCandidate = (performance.now() - t0) / runs / candidates.length;
    expect(perCandidate).toBeLessThan(0.2); // ms; about 0.01 on a laptop
  });
});

describe('KeyRing (a place\'s recent orders, as an import keeps them)', () => {
  const TEXTS = [
    ['路灯不亮', '幸福路路灯坏了三天，晚上很黑。'],
    ['路灯不亮', '幸福路路灯坏了三天，晚上很黑，至今没有解决。'],
    ['路灯不亮', '市民再次反映：幸福路路灯坏了三天，晚上很黑。'],
    ['噪音扰民', '工地夜间施工，噪音很大。'],
    ['', ''],
    ['WiFi', 'wifi 信号差'],
  ];
  const times = ['2026-10-31T10:00:00+08:00', '2026-10-31T09:00:00+08:00', '2026-10-20T10:00:00+08:00', '2026-09-30T10:00:00+08:00', '2026-11-01T10:00:00+08:00', 'x'];
  const keyArb = fc.record({
    no: fc.constantFrom('A', 'B', 'C', 'M', 'N', 'Z'),
    receivedAt: fc.constantFrom(...times),
    phone: fc.constantFrom(null, '13800138000', '13900139000'),
    town: fc.constantFrom('城关街道', ' ', null),
    category: fc.constantFrom('城市管理'),
    text: fc.constantFrom(...TEXTS),
  });
  const toKey = (c: { no: string; receivedAt: string; phone: string | null; town: string | null; category: string; text: string[] }) =>
    repeatKey({ no: c.no, receivedAt: c.receivedAt, phone: c.phone, town: c.town, category: c.category, title: c.text[0], content: c.text[1] });

  it('finds what a plain list of the same keys, newest first, finds (any order of pushes, any size)', () => {
    fc.assert(
      fc.property(
        fc.array(keyArb, { maxLength: 40 }),
        fc.array(keyArb, { maxLength: 3 }),
        keyArb,
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(0.5, 0.8, 0.9, 1),
        fc.boolean(),
        (pushed, phones, probe, size, threshold, inOrder) => {
          const keys = pushed.map(toKey);
          if (inOrder) keys.sort((a, b) => (Number.isNaN(a.at) ? 0 : a.at) - (Number.isNaN(b.at) ? 0 : b.at));
          const ring = new KeyRing(size);
          for (const k of keys) ring.push(k);
          const plain = Array.from({ length: ring.length }, (_, i) => ring.at(i));
          const order = toKey({ ...probe, no: 'N', receivedAt: times[0]! });
          const phoneList = phones.map(toKey);
          const settings = { repeatWindowDays: 30, repeatSimilarity: threshold };
          expect(findRepeatByKey(order, [phoneList, ring], settings)).toEqual(findRepeatByKey(order, [phoneList, plain], settings));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('says it is in time order only while it holds no key pushed out of order', () => {
    const ring = new KeyRing(3);
    const at = (d: number) => repeatKey({ no: `K${d}`, receivedAt: `2026-10-${String(d).padStart(2, '0')}T10:00:00+08:00` });
    ring.push(at(1));
    ring.push(at(3));
    expect(ring.newestFirst).toBe(true);
    ring.push(at(2)); // out of order
    expect(ring.newestFirst).toBe(false);
    ring.push(at(4));
    ring.push(at(5));
    expect(ring.newestFirst).toBe(false); // 3 and 2 are still in it
    ring.push(at(6));
    expect(ring.newestFirst).toBe(true); // 4, 5, 6
    expect([0, 1, 2].map((i) => ring.at(i).no)).toEqual(['K6', 'K5', 'K4']);
  });
});
