// exceljs's streaming WorkbookReader read the zip in one pass in stored order, and exceljs itself
// stores xl/workbook.xml last: a worksheet could then be parsed before the workbook, and the read
// failed at random with "Cannot read properties of undefined (reading 'sheets')" (exceljs#3064).
// hotline's own XLSX exports are written by exceljs, so re-importing one was refused now and then.
// These read exceljs-written workbooks many times over: every read must succeed, with the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { collect } from '../fixtures/import/helpers.js';

const ROUNDS = 40;

let dir: string;
let twoSheets: string;
let oneSheet: string;
let serials: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-xlsx-order-'));
  twoSheets = path.join(dir, 'two.xlsx');
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('工单');
  a.addRow(['工单编号', '受理时间', '诉求标题', '诉求内容']);
  a.addRow(['YX1', '2026-11-20 09:05', '路灯不亮', '人民路']);
  a.addRow(['YX2', '2026-11-20 10:00', '噪音扰民', '夜间施工']);
  const b = wb.addWorksheet(' 附表 ');
  b.addRow(['工单编号', '受理时间', '诉求标题']);
  b.addRow(['FB1', '2026-11-19 08:00', '附表的行']);
  await wb.xlsx.writeFile(twoSheets);

  oneSheet = path.join(dir, 'one.xlsx');
  const one = new ExcelJS.Workbook();
  const s = one.addWorksheet('Sheet1');
  s.addRow(['工单编号', '受理时间', '诉求标题']);
  for (let i = 1; i <= 5; i++) s.addRow([`YX${i}`, '2026-11-20 09:05', `标题${i}`]);
  await one.xlsx.writeFile(oneSheet);

  serials = path.join(dir, 'serials.xlsx');
  const sw = new ExcelJS.Workbook();
  const ws = sw.addWorksheet('s');
  ws.getRow(1).values = ['工单编号', '受理时间', '诉求标题', '办理时限', '数量'];
  ws.getRow(2).values = ['A1', 46346.37847222222, '路灯', 46351, 46346];
  ws.getRow(3).values = ['A2', 12.5, '噪音', '', 7];
  await sw.xlsx.writeFile(serials);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `read` ROUNDS times; returns the failures' messages (none expected). */
async function rounds(read: () => Promise<void>): Promise<string[]> {
  const failures: string[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    try {
      await read();
    } catch (e) {
      failures.push((e as Error).message);
    }
  }
  return failures;
}

describe('exceljs-written workbooks read every time (exceljs#3064)', () => {
  it(`a 2-sheet workbook: the first sheet, then the second by name, by path and as a stream (the CLI's way), ${ROUNDS} times each`, async () => {
    const failures = await rounds(async () => {
      for (const input of [{ path: twoSheets }, { stream: fs.createReadStream(twoSheets) }]) {
        const first = await collect({ ...input, format: 'xlsx' });
        expect(first.map((r) => [r.line, r.values['工单编号'], r.values['诉求内容']])).toEqual([
          [2, 'YX1', '人民路'],
          [3, 'YX2', '夜间施工'],
        ]);
      }
      const second = await collect({ path: twoSheets, format: 'xlsx', sheet: '附表' }); // the name is ' 附表 '
      expect(second).toEqual([{ line: 2, values: { 工单编号: 'FB1', 受理时间: '2026-11-19 08:00', 诉求标题: '附表的行' } }]);
    });
    expect(failures).toEqual([]);
  });

  it(`a 1-sheet workbook, ${ROUNDS} times`, async () => {
    const failures = await rounds(async () => {
      const recs = await collect({ path: oneSheet, format: 'xlsx' });
      expect(recs.map((r) => r.values['工单编号'])).toEqual(['YX1', 'YX2', 'YX3', 'YX4', 'YX5']);
    });
    expect(failures).toEqual([]);
  });

  it(`plain numbers in the time columns as Excel serial dates, ${ROUNDS} times`, async () => {
    const failures = await rounds(async () => {
      const recs = await collect({ path: serials, format: 'xlsx' });
      expect(recs.map((r) => r.values)).toEqual([
        { 工单编号: 'A1', 受理时间: '2026-11-20 09:05:00', 诉求标题: '路灯', 办理时限: '2026-11-25', 数量: '46346' },
        { 工单编号: 'A2', 受理时间: '12.5', 诉求标题: '噪音', 办理时限: '', 数量: '7' },
      ]);
    });
    expect(failures).toEqual([]);
  });
});
