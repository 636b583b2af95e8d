import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importMessages } from '../../src/i18n/import.js';
import { csvField, formatIssue, writeRejectsCsv, type Translate } from '../../src/io/import/rejects.js';
import { defaultProfile, mapHeaders } from '../../src/io/import/profile.js';
import { collect, ROOT } from '../fixtures/import/helpers.js';

const zh: Translate = (key, params) =>
  (importMessages.zh[key] ?? key).replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m));

describe('the rejects file', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-rejects-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const rejects = [
    {
      line: 5,
      values: { 工单编号: '', 受理时间: '2026-11-20 09:05', 诉求标题: '路灯, "不亮"' },
      errors: [{ line: 5, column: '工单编号', code: 'import.row.missingNo', params: {} }],
    },
    {
      line: 9,
      values: { 工单编号: 'YX1', 受理时间: '明天', 诉求标题: '多行\n内容' },
      errors: [
        { line: 9, column: '受理时间', code: 'import.row.badReceivedAt', params: { value: '明天' } },
        { line: 9, column: null, code: 'import.row.missingTitleContent', params: {} },
      ],
    },
  ];

  it('is UTF-8 with BOM, original columns between 行号 and 错误原因, reasons in Chinese', async () => {
    const file = path.join(dir, 'rejects.csv');
    await writeRejectsCsv(file, rejects, zh);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      '行号,工单编号,受理时间,诉求标题,错误原因\r\n' +
        '5,,2026-11-20 09:05,"路灯, ""不亮""",工单编号为空\r\n' +
        '9,YX1,明天,"多行\n内容",无法识别的受理时间：“明天”（应如 2026-11-20 09:05:00、2026/11/20 9:05 或 2026年11月20日 9时05分）；诉求标题和诉求内容均为空（至少填写一项）\r\n',
    );
  });

  it('reads back with the same values and lines are in 行号; the added columns are not unknown', async () => {
    const file = path.join(dir, 'again.csv');
    await writeRejectsCsv(file, rejects, zh, ['工单编号', '受理时间', '诉求标题']);
    const recs = await collect({ path: file, format: 'csv' });
    expect(recs.map((r) => r.values['行号'])).toEqual(['5', '9']);
    expect(recs[0]!.values['诉求标题']).toBe('路灯, "不亮"');
    expect(recs[1]!.values['诉求标题']).toBe('多行\n内容');
    const m = mapHeaders(Object.keys(recs[0]!.values), defaultProfile());
    expect(m.unknown).toEqual([]);
  });

  it('quotes only what needs it', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(' lead')).toBe('" lead"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });

  it('names the column when the reason does not', () => {
    const issue = { line: 3, column: '来电时间', code: 'import.row.badReceivedAt', params: { value: 'x' } };
    expect(formatIssue(issue, zh)).toMatch(/^来电时间：无法识别的受理时间：“x”/);
    expect(formatIssue({ ...issue, column: '受理时间' }, zh)).toMatch(/^无法识别的受理时间：“x”/);
  });

  it('formats an issue in English too', () => {
    const en: Translate = (key, params) =>
      (importMessages.en[key] ?? key).replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m));
    expect(formatIssue({ line: 3, column: '工单编号', code: 'import.row.duplicateNo', params: { no: 'YX1', firstLine: 2 } }, en)).toBe(
      '工单编号: order number YX1 appears twice in this file (first on line 2)',
    );
  });
});

describe('the import catalogue', () => {
  it('has the same keys in zh and en, all prefixed import.', () => {
    expect(Object.keys(importMessages.zh).sort()).toEqual(Object.keys(importMessages.en).sort());
    for (const k of Object.keys(importMessages.zh)) expect(k.startsWith('import.')).toBe(true);
  });

  it('has every code the import code can emit, with the placeholders it passes', () => {
    const dir = path.join(ROOT, 'src', 'io', 'import');
    const codes = new Set<string>();
    for (const f of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of text.matchAll(/'(import\.[a-zA-Z]+\.[a-zA-Z]+)'/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(25);
    for (const c of codes) {
      expect(importMessages.zh[c], c).toBeDefined();
      expect(importMessages.en[c], c).toBeDefined();
    }
    // zh and en use the same placeholders
    for (const [k, v] of Object.entries(importMessages.zh)) {
      const ph = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
      expect(ph(importMessages.en[k]!), k).toEqual(ph(v));
    }
  });
});
