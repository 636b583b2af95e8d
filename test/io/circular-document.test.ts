// The document draws the lead's new figures as soon as the report carries them (first contact,
// the three rates, denied returns, the direct-answer rate, why a unit is not ranked), and says
// nothing about them before. A report with two units and one order, new fields added by hand.
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

describe('the new figures, drawn when present', () => {
  it('absent: no column or sentence for them', () => {
    const md = renderMarkdown(base, 'zh');
    expect(md).not.toContain('先行联系率');
    expect(md).not.toContain('直接答复');
    expect(md).toContain('以下单位本期不参与排名：城关街道、区住房和城乡建设局（期内无可考核数据）。');
  });

  it('present: columns in section 二 and the annex, the three rates, denied returns, the direct-answer rate, the reason a unit is not ranked', () => {
    const r = {
      ...base,
      totals: { ...base.totals, firstContactRate: 0.5, responseRate: 0.75, resolutionRate: 0.6, directAnswered: 3, directAnswerBase: 12, directAnswerRate: 0.25 },
      units: base.units.map((u, i) => ({ ...u, received: 1, firstContactRate: i ? 1 : 0.5, responseRate: 0.75, resolutionRate: 0.6, returnsDenied: i })),
      ranking: base.ranking.map((x) => ({ ...x, reason: '期内办理不足3件' })),
    };
    const md = renderMarkdown(r, 'zh');
    const two = md.split('## 二、办理情况')[1]!.split('\n## ')[0]!;
    expect(two).toContain('| 单位 | 受理量 | 按时签收率 | 先行联系率 | 按期办结率 | 回复率 | 响应率 | 解决率 | 满意率 |');
    expect(two).toContain('先行联系率50.00%；回访“三率”：响应率75.00%，解决率60.00%，满意率-。');
    expect(two).toContain('期内依据知识库直接答复咨询类工单3件，直接答复率25.00%（直接答复件数÷期内受理咨询件数12）。');
    expect(md).toContain('退单审核未予同意的单位：区住房和城乡建设局（1）');
    expect(md).toContain('以下单位本期不参与排名：城关街道、区住房和城乡建设局（期内办理不足3件）。');
    expect(md.split('## 附件')[1]).toContain('先行联系率');
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
    const unit = (code: string, o: Partial<(typeof base.units)[number]>) => ({ ...base.units[0]!, code, name: code, ...o });
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
