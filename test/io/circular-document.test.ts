// The document on an empty week (statements only when true, rates with their counts, why nobody
// is ranked), and its rules: 文号 and Chinese dates, theme matching, the praise rule at its edges.
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { circular, type UnitInfo } from '../../src/domain/figures.js';
import { chinesePeriod, chineseTime, formatDocNo, matchesTheme, praisedUnits } from '../../src/domain/circular-doc.js';
import { parseTime } from '../../src/domain/time.js';
import { renderMarkdown } from '../../src/io/render/md.js';

const cal = new WorkCalendar(officialCalendar());
const units: UnitInfo[] = [
  { code: 'cgjd', name: '城关街道', kind: 'town', parent: null, contact: null, phone: null },
  { code: 'zjj', name: '区住房和城乡建设局', kind: 'department', parent: null, contact: null, phone: null },
];
const base = circular({ from: '2026-11-16', to: '2026-11-23', asOf: parseTime('2026-11-24 10:00')! }, [], [], units, DEFAULT_SETTINGS, cal);

describe('a week with nothing in it: statements only when true', () => {
  const md = renderMarkdown(base, 'zh');

  it('no callback: no three rates, no satisfaction criticism, no "every unit above the floor"', () => {
    expect(md).toContain('期内无回访，暂无响应率、解决率和满意率。');
    expect(md).toContain('期内无回访评价，暂不作满意率排名和通报。');
    expect(md).not.toContain('均不低于');
    // No consultation received, none answered: nothing to say about direct answers.
    expect(md).not.toContain('直接答复');
  });

  it('rates without a denominator say so, with their counts', () => {
    expect(md).toContain('按时签收率无可计数据（0/0）');
  });

  it('section 二 has every rate of the model, section 五 says why nobody is ranked', () => {
    const two = md.split('## 二、办理情况')[1]!.split('\n## ')[0]!;
    expect(two).toContain('| 单位 | 受理量 | 按时签收率 | 先行联系及时率 | 按期办结率 | 回复率 | 响应率 | 解决率 | 满意率 |');
    expect(md).toContain('以下单位本期不参与排名：城关街道、区住房和城乡建设局（无考核数据）。');
    expect(md).toContain('期内各单位均无可考核数据，本期不排名。');
  });
});

describe('document rules', () => {
  it('文号, Chinese dates and periods', () => {
    expect(formatDocNo('云溪信息办〔{year}〕{n}号', 2026, 47)).toBe('云溪信息办〔2026〕47号');
    expect(chinesePeriod('2026-11-16', '2026-11-23')).toBe('2026年11月16日至22日');
    expect(chinesePeriod('2026-11-30', '2026-12-07')).toBe('2026年11月30日至12月6日');
    expect(chinesePeriod('2026-12-28', '2027-01-04')).toBe('2026年12月28日至2027年1月3日');
    expect(chineseTime('2026-11-24 10:00')).toBe('2026年11月24日10时00分');
  });

  it('a theme matches by keyword in title or content, or by its category', () => {
    const t = { keywords: ['预付卡', '退费'], category: '教育' };
    expect(matchesTheme(t, { title: '商家拒不退还预付卡余额', content: null, category: '市场监管' })).toBe(true);
    expect(matchesTheme(t, { title: '培训机构', content: '停课后退费难', category: '市场监管' })).toBe(true);
    expect(matchesTheme(t, { title: '学校收费', content: null, category: '教育' })).toBe(true);
    expect(matchesTheme(t, { title: '路灯不亮', content: null, category: '城乡建设' })).toBe(false);
  });

  it('praise: top 3 of the ranking, no overdue order, satisfaction at least 95 % over callbacks', () => {
    const sat = (num: number, den: number) => ({ num, den, pending: 0, rate: den ? num / den : null });
    const unit = (code: string, o: { evaluated: number; satisfactionRate: number | null; overdue: number }) => ({
      ...base.units[0]!,
      code,
      name: code,
      overdue: o.overdue,
      satisfactionRate: o.satisfactionRate,
      satisfaction: sat(Math.round((o.satisfactionRate ?? 0) * o.evaluated), o.evaluated),
    });
    const rank = (code: string, rank: number | null, score: number | null) => ({ ...base.ranking[0]!, code, name: code, rank, score });
    const r = {
      ...base,
      units: [
        unit('a', { evaluated: 4, satisfactionRate: 1, overdue: 0 }),
        unit('b', { evaluated: 4, satisfactionRate: 1, overdue: 1 }), // overdue
        unit('c', { evaluated: 0, satisfactionRate: null, overdue: 0 }), // nobody evaluated
        unit('d', { evaluated: 20, satisfactionRate: 0.95, overdue: 0 }), // exactly 95 %, tied 3rd
        unit('e', { evaluated: 5, satisfactionRate: 1, overdue: 0 }), // 5th
      ],
      ranking: [rank('a', 1, 99), rank('b', 2, 98), rank('c', 3, 97), rank('d', 3, 97), rank('e', 5, 90)],
    };
    expect(praisedUnits(r).map((u) => u.code)).toEqual(['a', 'd']);
  });
});
