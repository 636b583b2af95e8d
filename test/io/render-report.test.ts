// The report renderers on a small circular: formula injection neutralised in CSV, XLSX holding
// the JSON's numbers, a self-contained HTML circular, aligned CJK terminal tables.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { groupEvents, type Action, type OrderEvent } from '../../src/domain/events.js';
import type { OrderStatus, OrderType } from '../../src/domain/order.js';
import { circular, dailyReport, assess, type CircularReport, type OrderFacts, type UnitInfo } from '../../src/domain/figures.js';
import { overdueRows } from '../../src/domain/overdue.js';
import { parseTime } from '../../src/domain/time.js';
import { BOM, csvSafe, renderCsv } from '../../src/io/render/csv.js';
import { renderJson } from '../../src/io/render/json.js';
import { renderMarkdown } from '../../src/io/render/md.js';
import { displayWidth, renderTable } from '../../src/io/render/table.js';
import { renderXlsx } from '../../src/io/render/xlsx.js';
import { renderHtml } from '../../src/io/render/html.js';
import { render } from '../../src/io/render/index.js';

const cal = new WorkCalendar(officialCalendar());
const s = DEFAULT_SETTINGS;
const T = (t: string): string => `2026-${t.replace(' ', 'T')}:00+08:00`;

const units: UnitInfo[] = [
  { code: 'T1', name: '城关镇', kind: 'town', parent: null, contact: '王主任', phone: '0571-88000001' },
  { code: 'D1', name: '区市场监管局', kind: 'department', parent: null, contact: '李科长', phone: '0571-88000002' },
  { code: 'D2', name: '区住房和城乡建设局', kind: 'department', parent: null, contact: '赵科长', phone: '0571-88000003' },
];
const orders: OrderFacts[] = [];
const events: OrderEvent[] = [];
function order(no: string, type: OrderType, at: string, title: string, due: string, repeatOf: string | null = null): void {
  orders.push({ no, type, category: '城乡建设', urgency: '一般', town: '城关镇', title, receivedAt: T(at), leadUnit: null, repeatOf, status: 'pending', dueAt: T(due) });
  ev(no, 'register', at, 'pending', null, { dueAt: T(due), receivedAt: T(at), type, urgency: '一般', repeatOf });
}
function ev(no: string, action: Action, at: string, to: OrderStatus, unit: string | null, data: Record<string, unknown> = {}): void {
  const base: Partial<Record<Action, Record<string, unknown>>> = {
    dispatch: { leadUnit: unit, coUnits: [], signDueAt: T('12-31 23:59'), returnUntil: T('12-31 23:59'), redispatch: false, auto: false, ruleId: null },
    return: { reason: '非本单位职责' },
    reply: { content: '已办', result: 'solved', handler: '甲', signedBy: '乙', late: false },
    feedback: { rework: false },
  };
  events.push({ orderNo: no, action, fromStatus: null, toStatus: to, unit, actor: 't', occurredAt: T(at), recordedAt: T(at), note: null, data: { ...(base[action] ?? {}), ...data } } as OrderEvent);
}
// R1: titles that a spreadsheet would run as formulas; seriously overdue at T1 (6 wd by 10-16).
order('R1', '投诉', '10-08 09:00', '=1+2 小区噪音', '10-09 23:59');
ev('R1', 'dispatch', '10-08 10:00', 'dispatched', 'T1', { leadUnit: 'T1', signDueAt: T('10-09 23:59') });
ev('R1', 'sign', '10-08 11:00', 'handling', 'T1');
// R2: returned by T1 and D1 (推诿), a '|' for Markdown.
order('R2', '咨询', '10-09 09:00', '@SUM(A1) 路灯不亮|急', '10-14 23:59');
ev('R2', 'dispatch', '10-09 10:00', 'dispatched', 'T1', { leadUnit: 'T1' });
ev('R2', 'return', '10-09 11:00', 'pending', 'T1');
ev('R2', 'dispatch', '10-09 12:00', 'dispatched', 'D1', { leadUnit: 'D1' });
ev('R2', 'return', '10-09 13:00', 'pending', 'D1');
// R3: a citizen's phone in the title; satisfied.
order('R3', '求助', '10-12 09:00', '-5 元退费 13812345678', '10-16 23:59', 'R1');
ev('R3', 'dispatch', '10-12 10:00', 'dispatched', 'D1', { leadUnit: 'D1' });
ev('R3', 'sign', '10-12 11:00', 'handling', 'D1');
ev('R3', 'reply', '10-13 09:00', 'replied', 'D1');
ev('R3', 'review_accept', '10-13 10:00', 'answered', null);
ev('R3', 'feedback', '10-14 09:00', 'closed', 'D1', { satisfaction: 'satisfied' });
// R4: a repeat of R1; unsatisfied → rework.
order('R4', '建议', '10-12 10:00', '+86 建议增设车位', '10-26 23:59', 'R1');
ev('R4', 'dispatch', '10-12 11:00', 'dispatched', 'D2', { leadUnit: 'D2' });
ev('R4', 'sign', '10-12 12:00', 'handling', 'D2');
ev('R4', 'reply', '10-13 09:00', 'replied', 'D2');
ev('R4', 'review_accept', '10-13 10:00', 'answered', null);
ev('R4', 'feedback', '10-14 09:00', 'handling', 'D2', { satisfaction: 'unsatisfied', rework: true, dueAt: T('10-21 23:59') });

const asOf = parseTime('2026-10-16 10:00')!;
const report: CircularReport = circular({ from: '2026-10-08', to: '2026-10-16', asOf }, orders, groupEvents(events), units, s, cal);
const overdue = overdueRows(orders, groupEvents(events), asOf, s, cal, units);

describe('the fixture itself', () => {
  it('has what the renderers are tested on', () => {
    expect(report.received).toBe(4);
    expect(report.seriousOrders.map((o) => o.no)).toEqual(['R1']);
    expect(report.tuiOrders.map((o) => o.no)).toEqual(['R2']);
    // R2 is pending again after its returns, due 10-14: overdue 2 wd (10-15, 16)
    expect(overdue.map((o) => [o.no, o.level, o.overdueWorkdays])).toEqual([['R1', 'serious', 6], ['R2', 'overdue', 2]]);
  });
});

describe('csv', () => {
  it('csvSafe neutralises formulas in text, quotes separators, leaves numbers alone', () => {
    expect(csvSafe('=A1')).toBe("'=A1");
    expect(csvSafe('+1')).toBe("'+1");
    expect(csvSafe('-3')).toBe("'-3");
    expect(csvSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvSafe('\tx')).toBe("'\tx");
    expect(csvSafe('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
    expect(csvSafe('a,b')).toBe('"a,b"');
    expect(csvSafe('两行\n文字')).toBe('"两行\n文字"');
    expect(csvSafe(-3)).toBe('-3');
    expect(csvSafe(0.5)).toBe('0.5');
    expect(csvSafe(null)).toBe('');
    expect(csvSafe('城关镇')).toBe('城关镇');
  });

  it('the circular CSV has a BOM, CRLF lines, and no cell a spreadsheet would run', () => {
    const csv = renderCsv(report, 'zh');
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const rows = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    const cells = rows.flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toContain("'=1+2 小区噪音");
    expect(cells).toContain("'@SUM(A1) 路灯不亮|急");
    expect(cells).toContain("'-5 元退费 138****5678");
    expect(csv).not.toContain('13812345678');
  });

  it('one section alone is a plain table with its header first', () => {
    const rows = parse(renderCsv(report, 'zh', { section: 'units' }), { bom: true }) as string[][];
    expect(rows[0]![0]).toBe('单位编码');
    expect(rows.map((r) => r[0])).toEqual(['单位编码', 'T1', 'D1', 'D2', '']);
    // D1: received R2? no — R2 has no lead (returned); D1 received R3 = 1, reply rate 100.00%
    const d1 = rows.find((r) => r[0] === 'D1')!;
    expect(d1[2]).toBe('1');
    expect(d1[6]).toBe('100.00%');
  });

  it('the overdue watch is one table', () => {
    const rows = parse(renderCsv(overdue, 'zh'), { bom: true }) as string[][];
    expect(rows).toHaveLength(3);
    expect(rows[1]!.slice(0, 3)).toEqual(['严重超期', 'R1', "'=1+2 小区噪音"]);
    expect(rows[2]!.slice(0, 4)).toEqual(['超期', 'R2', "'@SUM(A1) 路灯不亮|急", '']); // no lead unit: empty
  });
});

describe('xlsx', () => {
  it('holds the same numbers as the JSON, percentages as numbers with a % format', async () => {
    const buf = await renderXlsx(report, 'zh');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const json = JSON.parse(renderJson(report, 'zh')) as CircularReport;

    const ws = wb.getWorksheet('各单位办理情况')!;
    expect(ws).toBeDefined();
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (name: string): number => header.indexOf(name) + 1;
    const fields: [string, keyof CircularReport['units'][number]][] = [
      ['受理量', 'received'],
      ['按时签收率', 'signedInTimeRate'],
      ['按期办结率', 'onTimeRate'],
      ['回复率', 'replyRate'],
      ['满意率', 'satisfactionRate'],
      ['满意度得分', 'satisfactionScore'],
      ['申请退回', 'returnsRequested'],
      ['响应率', 'responseRate'],
      ['严重超期', 'seriousOverdue'],
    ];
    let checked = 0;
    json.units.forEach((u, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(col('单位编码')).value).toBe(u.code);
      for (const [label, key] of fields) {
        const cell = row.getCell(col(label));
        expect(cell.value ?? null).toBe(u[key]);
        if (label.endsWith('率') && u[key] !== null) {
          expect(cell.numFmt).toBe('0.00%');
          checked++;
        }
      }
    });
    expect(checked).toBeGreaterThan(3);
    // totals row after the units
    const totals = ws.getRow(json.units.length + 2);
    expect(totals.getCell(col('受理量')).value).toBe(json.totals.received);

    const summary = wb.getWorksheet('基本情况')!;
    const values = new Map<string, unknown>();
    summary.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('受理量')).toBe(json.received);
    expect(values.get('环比增长') ?? null).toBe(json.growth);

    const ranking = wb.getWorksheet('考核排名')!;
    const scores: unknown[] = [];
    ranking.eachRow((row, n) => n > 1 && scores.push(row.getCell(4).value));
    expect(scores).toEqual(json.ranking.map((r) => r.score));
    // a formula-looking title is text with an apostrophe, never a formula
    const serious = wb.getWorksheet('严重超期工单')!;
    expect(serious.getRow(2).getCell(2).value).toBe("'=1+2 小区噪音");
  });
});

describe('html', () => {
  const html = renderHtml(report, 'zh');

  it('is one self-contained document: inline SVG charts, no script, no external reference', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/@import|url\(/);
  });

  it('has the circular shape, A4 print CSS, footnotes, and no citizen phone', () => {
    const order = ['一、基本情况', '二、办理情况', '三、热点问题', '四、超期及推诿情况', '五、考核排名', '附件：各单位办理情况统计表', '指标说明'];
    const at = order.map((h) => html.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toMatch(/@page\s*{\s*size:\s*A4/);
    expect(html).toContain('全区共受理12345热线工单4件');
    expect(html).toContain('id="def-1"');
    expect(html).toContain('按期办结率：办理时限');
    expect(html).toContain('区住房和城乡建设局');
    expect(html).toContain('138****5678');
    expect(html).not.toContain('13812345678');
    expect(html).toContain('@SUM(A1) 路灯不亮|急');
  });

  it('the other reports render as HTML too (render() loads it on demand)', async () => {
    const a = (await render(assess({ from: '2026-10-08', to: '2026-10-16', asOf }, orders, groupEvents(events), units, s, cal), 'html')) as string;
    expect(a).toContain('考核排名');
    expect(a).not.toMatch(/<script/i);
  });
});

describe('terminal table', () => {
  /** Every line of every box-drawn table block has the same display width. */
  function blocksAligned(out: string): number {
    const lines = out.split('\n');
    let blocks = 0;
    let widths: number[] = [];
    const close = (): void => {
      if (widths.length) {
        expect(new Set(widths).size).toBe(1);
        blocks++;
      }
      widths = [];
    };
    for (const line of lines) {
      if (/^[┌│├└]/.test(line)) widths.push(displayWidth(line));
      else close();
    }
    close();
    return blocks;
  }

  it('the circular on an 80-column terminal: no line wider than 80 display cells, tables as aligned columns', () => {
    const out = renderTable(report, 'zh', { color: false, width: 80 });
    expect(out).toContain('区住房和城乡建设局');
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    // Each table: a header, a rule of dashes per column, rows padded to the same columns.
    expect(out.split('\n').filter((l) => /^-+(  -+)+$/.test(l)).length).toBeGreaterThanOrEqual(3);
    expect(out).not.toContain('\u001b[');
  });

  it('aligns the overdue watch and the daily report; colour only when asked', () => {
    expect(blocksAligned(renderTable(overdue, 'zh'))).toBe(1);
    const daily = dailyReport({ day: '2026-10-09', asOf }, orders, groupEvents(events), units, s, cal);
    expect(blocksAligned(renderTable(daily, 'zh'))).toBeGreaterThanOrEqual(2);
    expect(renderTable(overdue, 'zh', { color: true })).toContain('\u001b[');
  });

  it('displayWidth counts CJK as two columns', () => {
    expect(displayWidth('城关镇ab')).toBe(8);
    expect(displayWidth('\u001b[31m超期\u001b[39m')).toBe(4);
  });
});

describe('json and markdown', () => {
  it('JSON: received an integer, growth its own field, definitions as sentences, units with code and name', () => {
    const j = JSON.parse(renderJson(report, 'zh'));
    expect(j).toMatchObject({ from: '2026-10-08', to: '2026-10-16', asOf: '2026-10-16T10:00:00+08:00', received: 4 });
    expect('growth' in j).toBe(true);
    expect(j.units.map((u: { code: string }) => u.code)).toEqual(['T1', 'D1', 'D2']);
    expect(j.definitions.onTime).toMatch(/^按期办结率/);
    expect(j.definitions.seriousOverdue).toContain('5 个工作日');
    const en = JSON.parse(renderJson(report, 'en'));
    expect(en.definitions.onTime).toMatch(/^On time/);
  });

  it('JSON of the overdue watch is one array with level and overdueWorkdays', () => {
    const j = JSON.parse(renderJson(overdue));
    expect(Array.isArray(j)).toBe(true);
    expect(j[0]).toMatchObject({ no: 'R1', leadUnit: 'T1', level: 'serious', overdueWorkdays: 6, dueAt: '2026-10-09T23:59:00+08:00' });
  });

  it('Markdown is the document: its title, the seven numbered sections with their prose, tables with escaped pipes', () => {
    const md = renderMarkdown(report, 'zh');
    expect(md).toContain('@SUM(A1) 路灯不亮\\|急');
    expect(md).toMatch(/^# 关于2026年10月8日至15日12345热线工单办理情况的通报/);
    const heads = md.split('\n').filter((l) => /^## [一二三四五六七]、/.test(l));
    expect(heads).toEqual(['## 一、基本情况', '## 二、办理情况', '## 三、热点问题', '## 四、超期及推诿情况', '## 五、考核排名', '## 六、表扬与问责', '## 七、下步工作要求']);
    expect(md).toContain('全区共受理12345热线工单4件');
    const handling = md.split('## 二、办理情况')[1]!.split('\n## ')[0]!;
    const rows = handling.split('\n').filter((l) => l.startsWith('|'));
    const cols = rows.map((l) => l.replace(/\\\|/g, '').split('|').length);
    expect(rows.length).toBeGreaterThan(2);
    expect(new Set(cols).size).toBe(1);
  });
});
