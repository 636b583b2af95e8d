import { describe, expect, it } from 'vitest';
import { defaultProfile, mapHeaders } from '../../src/io/import/profile.js';
import { newValidateContext, normalizePhone, validateRecord, type ValidateResult } from '../../src/io/import/validate.js';
import type { Issue, RawRecord } from '../../src/io/import/types.js';
import { collect, SAMPLES } from '../fixtures/import/helpers.js';
import path from 'node:path';

const HEADERS = ['工单编号', '受理时间', '来源渠道', '诉求类型', '业务分类', '紧急程度', '诉求人', '联系电话', '事发地址', '所属街镇', '诉求标题', '诉求内容', '办理时限', '交办意见'];
const { mapping } = mapHeaders(HEADERS, defaultProfile());

const GOOD: Record<string, string> = {
  工单编号: 'YX2026112000001',
  受理时间: '2026-11-20 09:05:00',
  来源渠道: '12345热线',
  诉求类型: '投诉',
  业务分类: '城市管理',
  紧急程度: '一般',
  诉求人: '张先生',
  联系电话: '13812345678',
  事发地址: '城关街道人民路88号',
  所属街镇: '城关街道',
  诉求标题: '路灯不亮',
  诉求内容: '人民路路灯不亮已三天',
  办理时限: '',
  交办意见: '请核实处理',
};

function check(values: Partial<Record<string, string>>, line = 7, ctx = newValidateContext()): ValidateResult {
  const rec: RawRecord = { line, values: { ...GOOD, ...values } as Record<string, string> };
  return validateRecord(rec, mapping, ctx);
}

function errors(r: ValidateResult): Issue[] {
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('a good row', () => {
  it('becomes an OrderInput with Beijing time', () => {
    const r = check({});
    expect(r).toEqual({
      ok: true,
      warnings: [],
      order: {
        no: 'YX2026112000001',
        receivedAt: '2026-11-20T09:05:00+08:00',
        channel: '12345热线',
        type: '投诉',
        category: '城市管理',
        urgency: '一般',
        citizen: '张先生',
        phone: '13812345678',
        address: '城关街道人民路88号',
        town: '城关街道',
        title: '路灯不亮',
        content: '人民路路灯不亮已三天',
        deadline: null,
        instructions: '请核实处理',
      },
    });
  });

  it('reads the time formats people write, and English type/urgency names', () => {
    const cases: [string, string][] = [
      ['2026/11/20 9:05', '2026-11-20T09:05:00+08:00'],
      ['2026年11月20日 9时05分', '2026-11-20T09:05:00+08:00'],
      ['２０２６－１１－２０ ０９：０５', '2026-11-20T09:05:00+08:00'], // full-width
      ['2026-11-20T01:05:00Z', '2026-11-20T09:05:00+08:00'],
      ['2026-11-20', '2026-11-20T00:00:00+08:00'],
    ];
    for (const [input, want] of cases) {
      const r = check({ 受理时间: input });
      expect(r.ok && r.order.receivedAt, input).toBe(want);
    }
    const en = check({ 诉求类型: 'complaint', 紧急程度: 'Urgent' });
    expect(en.ok && [en.order.type, en.order.urgency]).toEqual(['投诉', '紧急']);
  });

  it('defaults an empty urgency to 一般, keeps unknown category/town, empty optional text as null', () => {
    const r = check({ 紧急程度: '', 业务分类: '新分类', 所属街镇: '云溪经济开发区', 诉求人: '', 交办意见: '' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.order.urgency).toBe('一般');
    expect(r.order.category).toBe('新分类');
    expect(r.order.town).toBe('云溪经济开发区');
    expect(r.order.citizen).toBeNull();
    expect(r.order.instructions).toBeNull();
  });

  it('needs only a title or a content', () => {
    const onlyContent = check({ 诉求标题: '' });
    expect(onlyContent.ok && [onlyContent.order.title, onlyContent.order.content]).toEqual([null, '人民路路灯不亮已三天']);
    const onlyTitle = check({ 诉求内容: '' });
    expect(onlyTitle.ok && onlyTitle.order.title).toBe('路灯不亮');
  });

  it('passes the city deadline on: a day as YYYY-MM-DD, a time as ISO +08:00', () => {
    const day = check({ 办理时限: '2026/11/25' });
    expect(day.ok && day.order.deadline).toBe('2026-11-25');
    const day2 = check({ 办理时限: '2026年11月25日' });
    expect(day2.ok && day2.order.deadline).toBe('2026-11-25');
    const time = check({ 办理时限: '2026-11-21 17:30' });
    expect(time.ok && time.order.deadline).toBe('2026-11-21T17:30:00+08:00');
  });
});

describe('every error names its line and column', () => {
  const cases: [string, Partial<Record<string, string>>, Issue][] = [
    ['missing number', { 工单编号: '' }, { line: 7, column: '工单编号', code: 'import.row.missingNo', params: {} }],
    ['number with a space', { 工单编号: 'YX 1' }, { line: 7, column: '工单编号', code: 'import.row.badNo', params: { value: 'YX 1', max: 64 } }],
    ['missing time', { 受理时间: '' }, { line: 7, column: '受理时间', code: 'import.row.missingReceivedAt', params: {} }],
    ['bad time', { 受理时间: '2026-11-31 10:00' }, { line: 7, column: '受理时间', code: 'import.row.badReceivedAt', params: { value: '2026-11-31 10:00' } }],
    ['time of day only', { 受理时间: '09:05' }, { line: 7, column: '受理时间', code: 'import.row.badReceivedAt', params: { value: '09:05' } }],
    ['no title, no content', { 诉求标题: '', 诉求内容: ' ' }, { line: 7, column: '诉求标题', code: 'import.row.missingTitleContent', params: {} }],
    ['missing type', { 诉求类型: '' }, { line: 7, column: '诉求类型', code: 'import.row.missingType', params: { allowed: '咨询/求助/投诉/举报/建议/表扬/其他' } }],
    ['unknown type', { 诉求类型: '求援' }, { line: 7, column: '诉求类型', code: 'import.row.badType', params: { value: '求援', allowed: '咨询/求助/投诉/举报/建议/表扬/其他' } }],
    ['unknown urgency', { 紧急程度: '加急' }, { line: 7, column: '紧急程度', code: 'import.row.badUrgency', params: { value: '加急', allowed: '特急/紧急/一般' } }],
    ['bad deadline', { 办理时限: '五个工作日' }, { line: 7, column: '办理时限', code: 'import.row.badDeadline', params: { value: '五个工作日' } }],
    ['impossible deadline day', { 办理时限: '2026-02-30' }, { line: 7, column: '办理时限', code: 'import.row.badDeadline', params: { value: '2026-02-30' } }],
  ];
  for (const [name, values, want] of cases) {
    it(name, () => {
      expect(errors(check(values))).toEqual([want]);
    });
  }

  it('reports all of a row\'s errors at once', () => {
    const errs = errors(check({ 工单编号: '', 受理时间: 'yesterday', 诉求类型: 'x' }));
    expect(errs.map((e) => [e.line, e.column, e.code])).toEqual([
      [7, '工单编号', 'import.row.missingNo'],
      [7, '受理时间', 'import.row.badReceivedAt'],
      [7, '诉求类型', 'import.row.badType'],
    ]);
  });

  it('a column the file lacks is named null', () => {
    const noNumber = new Map([...mapping].filter(([, f]) => f !== 'no'));
    const r = validateRecord({ line: 2, values: GOOD }, noNumber, newValidateContext());
    expect(errors(r)).toEqual([{ line: 2, column: null, code: 'import.row.missingNo', params: {} }]);
  });

  it('a number seen earlier in the file is an error naming the first line', () => {
    const ctx = newValidateContext();
    expect(check({}, 2, ctx).ok).toBe(true);
    expect(check({ 工单编号: 'YX2026112000002' }, 3, ctx).ok).toBe(true);
    expect(errors(check({}, 9, ctx))).toEqual([
      { line: 9, column: '工单编号', code: 'import.row.duplicateNo', params: { no: 'YX2026112000001', firstLine: 2 } },
    ]);
    // a bad row still claims its number
    expect(check({ 工单编号: 'YX3', 受理时间: 'x' }, 10, ctx).ok).toBe(false);
    expect(errors(check({ 工单编号: 'YX3' }, 11, ctx))[0]).toMatchObject({ code: 'import.row.duplicateNo', params: { firstLine: 10 } });
  });
});

describe('warnings do not refuse the row', () => {
  it('an odd phone is kept as written, with a masked warning', () => {
    const r = check({ 联系电话: '12345' });
    expect(r).toMatchObject({
      ok: true,
      order: { phone: '12345' },
      warnings: [{ line: 7, column: '联系电话', code: 'import.row.badPhone', params: { value: '****' } }],
    });
    const long = check({ 联系电话: '138123456789' });
    expect(long.ok && long.warnings[0]?.params).toEqual({ value: '381****6789' });
  });

  it('a deadline before the time received is a warning', () => {
    const r = check({ 办理时限: '2026-11-19' });
    expect(r).toMatchObject({
      ok: true,
      order: { deadline: '2026-11-19' },
      warnings: [{ column: '办理时限', code: 'import.row.deadlineBeforeReceived' }],
    });
    // the same day is not before: a day's deadline is its end
    expect(check({ 办理时限: '2026-11-20' })).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('normalizePhone', () => {
  it('accepts mobiles and landlines in the usual spellings', () => {
    expect(normalizePhone('138 1234 5678')).toBe('13812345678');
    expect(normalizePhone('+86-138-1234-5678')).toBe('13812345678');
    expect(normalizePhone('8613812345678')).toBe('13812345678');
    expect(normalizePhone('１３８１２３４５６７８')).toBe('13812345678');
    expect(normalizePhone('0571-81234567')).toBe('0571-81234567');
    expect(normalizePhone('(0571) 8123 4567')).toBe('0571-81234567');
    expect(normalizePhone('010-62345678')).toBe('010-62345678');
    expect(normalizePhone('+86 571 81234567')).toBe('0571-81234567');
    expect(normalizePhone('0571-8123456')).toBe('0571-8123456');
  });

  it('refuses what is no phone of either kind', () => {
    for (const bad of ['12345', '12812345678', '1381234567', '81234567', '0571-0123456', '010-1234567', '13812345678/13912345678', '电话']) {
      expect(normalizePhone(bad), bad).toBeNull();
    }
  });
});

describe('the bad sample file', () => {
  it('has the bad rows the README lists, each with its line and column', async () => {
    const recs = await collect({ path: path.join(SAMPLES, 'orders-bad.csv'), format: 'csv' });
    const ctx = newValidateContext();
    const bad: [number, string | null, string][] = [];
    const warned: [number, string][] = [];
    for (const r of recs) {
      const v = validateRecord(r, mapping, ctx);
      if (!v.ok) bad.push(...v.errors.map((e): [number, string | null, string] => [e.line, e.column, e.code]));
      else for (const w of v.warnings) warned.push([w.line, w.code]);
    }
    expect(bad).toEqual([
      [11, '工单编号', 'import.row.missingNo'],
      [26, '受理时间', 'import.row.badReceivedAt'],
      [52, '诉求类型', 'import.row.badType'],
      [102, '紧急程度', 'import.row.badUrgency'],
      [155, '工单编号', 'import.row.duplicateNo'],
      [207, '诉求标题', 'import.row.missingTitleContent'],
      [258, '办理时限', 'import.row.badDeadline'],
    ]);
    expect(warned).toEqual([[290, 'import.row.badPhone']]);
  });

  it('every sample order is valid', async () => {
    for (const [file, format] of [
      ['orders.csv', 'csv'],
      ['orders.xlsx', 'xlsx'],
      ['orders.json', 'json'],
      ['open311-requests.json', 'open311'],
    ] as const) {
      const recs = await collect({ path: path.join(SAMPLES, file), format });
      const m = mapHeaders(Object.keys(recs[0]!.values), defaultProfile()).mapping;
      const ctx = newValidateContext();
      const results = recs.map((r) => validateRecord(r, m, ctx));
      expect(results.filter((r) => !r.ok), file).toEqual([]);
      const withDeadline = results.filter((r) => r.ok && r.order.deadline !== null).length;
      if (format !== 'open311') expect(withDeadline, file).toBeGreaterThan(20); // ~10 % carry a city deadline
    }
  });
});
