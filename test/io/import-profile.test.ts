import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { defaultProfile, headerIssues, loadProfile, mapHeaders, normalizeHeader } from '../../src/io/import/profile.js';
import { openImport } from '../../src/io/import/read.js';
import { FIELDS } from '../../src/io/import/types.js';
import { FIXTURES, ROOT } from '../fixtures/import/helpers.js';

describe('normalizeHeader', () => {
  it('ignores width, spaces, case, underscores and required marks', () => {
    expect(normalizeHeader('　工 单 编 号＊ ')).toBe('工单编号');
    expect(normalizeHeader('受理时间（必填）')).toBe('受理时间');
    expect(normalizeHeader('*受理时间')).toBe('受理时间');
    expect(normalizeHeader('Received_At')).toBe('receivedat');
    expect(normalizeHeader('ＴＹＰＥ')).toBe('type');
    expect(normalizeHeader('街道／镇')).toBe('街道/镇');
  });
});

describe('the default profile', () => {
  it('knows every field by its DOMAIN.md header and its English name', () => {
    const p = defaultProfile();
    const chinese = ['工单编号', '受理时间', '来源渠道', '诉求类型', '业务分类', '紧急程度', '诉求人', '联系电话', '事发地址', '所属街镇', '诉求标题', '诉求内容', '办理时限', '交办意见'];
    const m = mapHeaders(chinese, p);
    expect([...m.mapping.values()]).toEqual([...FIELDS]);
    expect(m.unknown).toEqual([]);
    expect(m.missingRequired).toEqual([]);
    expect([...mapHeaders([...FIELDS], p).mapping.values()]).toEqual([...FIELDS]);
  });

  it('knows the variants real exports use', () => {
    const m = mapHeaders(['工单号', '来电时间', '反映人', '来电号码', '标题', '内容', '街道/镇', '受理日期'], defaultProfile());
    expect(Object.fromEntries(m.mapping)).toEqual({
      工单号: 'no',
      来电时间: 'received_at',
      反映人: 'citizen',
      来电号码: 'phone',
      标题: 'title',
      内容: 'content',
      '街道/镇': 'town',
    });
    expect(m.duplicates).toEqual([{ header: '受理日期', field: 'received_at' }]);
  });

  it('maps the header-variants fixture: full-width, spaces, marks, English; 序号 ignored; the rest unknown', async () => {
    const src = await openImport({ path: path.join(FIXTURES, 'header-variants.csv'), format: 'csv' });
    src.close();
    const m = mapHeaders(src.headers, defaultProfile());
    expect(Object.fromEntries(m.mapping)).toEqual({
      '工单编号＊': 'no',
      '受理 时间': 'received_at',
      '诉求标题（必填）': 'title',
      'ＴＹＰＥ': 'type',
      Urgency: 'urgency',
      PHONE: 'phone',
      '街道/镇': 'town',
    });
    expect(m.unknown).toEqual(['备注', '备注 (2)']);
    expect(m.missingRequired).toEqual([]);
  });

  it('maps an all-English header', async () => {
    const src = await openImport({ path: path.join(FIXTURES, 'english.csv'), format: 'csv' });
    src.close();
    const m = mapHeaders(src.headers, defaultProfile());
    expect(m.unknown).toEqual([]);
    expect([...m.mapping.values()]).toEqual([...FIELDS]);
  });

  it('names the missing required columns, title and content together', () => {
    const m = mapHeaders(['诉求类型', '联系电话'], defaultProfile());
    expect(m.missingRequired).toEqual(['no', 'received_at', 'title', 'content']);
    expect(headerIssues(m, 1).errors.map((e) => e.code)).toEqual([
      'import.header.missingNo',
      'import.header.missingReceivedAt',
      'import.header.missingTitleContent',
    ]);
    const onlyContent = mapHeaders(['工单编号', '受理时间', '诉求内容', '附件'], defaultProfile());
    expect(onlyContent.missingRequired).toEqual([]);
    expect(headerIssues(onlyContent, 3).warnings).toEqual([
      { line: 3, column: null, code: 'import.header.unknown', params: { columns: '附件' } },
    ]);
  });
});

describe('loadProfile', () => {
  it('accepts a profile of its own and one extending the default', () => {
    const own = loadProfile({ name: '市平台旧版', fields: { no: ['单号'], received_at: '登记日期', title: ['事项'] } });
    expect(own.ok).toBe(true);
    if (!own.ok) return;
    const m = mapHeaders(['单号', '登记日期', '事项', '工单编号'], own.profile);
    expect(Object.fromEntries(m.mapping)).toEqual({ 单号: 'no', 登记日期: 'received_at', 事项: 'title' });
    expect(m.unknown).toEqual(['工单编号']); // not extending the default: the city's header is unknown here
    const ext = loadProfile({ extends: 'default', fields: { no: ['单号'] }, ignore: ['附件'] });
    expect(ext.ok).toBe(true);
    if (!ext.ok) return;
    const m2 = mapHeaders(['单号', '受理时间', '诉求内容', '附件'], ext.profile);
    expect(m2.mapping.get('单号')).toBe('no');
    expect(m2.mapping.get('受理时间')).toBe('received_at');
    expect(m2.unknown).toEqual([]);
  });

  it('names what is wrong', () => {
    const r = loadProfile({ extends: 'other', fields: { numero: ['x'], no: [1], title: ['编号'] }, ignore: 'x' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code)).toEqual([
      'import.profile.badExtends',
      'import.profile.unknownField',
      'import.profile.badHeaders',
      'import.profile.badIgnore',
    ]);
    const amb = loadProfile({ extends: 'default', fields: { citizen: ['工单编号'] } });
    expect(amb).toEqual({
      ok: false,
      errors: [{ code: 'import.profile.ambiguous', params: { header: '工单编号', field: 'no', other: 'citizen' } }],
    });
    expect(loadProfile([1])).toEqual({ ok: false, errors: [{ code: 'import.profile.notObject', params: {} }] });
  });

  it('the shipped default profile file is itself valid', () => {
    const json: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'import-profile.json'), 'utf8'));
    expect(loadProfile(json).ok).toBe(true);
  });
});
