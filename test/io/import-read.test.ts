import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { openImport, readRecords, arrayElementOffsets } from '../../src/io/import/read.js';
import { isRefusal } from '../../src/domain/errors.js';
import { collect, FIXTURES, SAMPLES } from '../fixtures/import/helpers.js';

const sample = (name: string): string => path.join(SAMPLES, name);

// The samples hold 300 orders; the first and last as the generator wrote them.
const FIRST = {
  工单编号: 'YX2026102300001',
  受理时间: '2026-10-23 01:23:16',
  诉求类型: '咨询',
  诉求标题: '社保缴费基数咨询',
  所属街镇: '望江镇',
};
const LAST = { 工单编号: 'YX2026112000012', 受理时间: '2026-11-20 21:20:31' };
const ENGLISH: Record<string, string> = {
  工单编号: 'no',
  受理时间: 'received_at',
  来源渠道: 'channel',
  诉求类型: 'type',
  业务分类: 'category',
  紧急程度: 'urgency',
  诉求人: 'citizen',
  联系电话: 'phone',
  事发地址: 'address',
  所属街镇: 'town',
  诉求标题: 'title',
  诉求内容: 'content',
  办理时限: 'deadline',
  交办意见: 'instructions',
};

describe('the samples read alike in every format', () => {
  it('CSV (UTF-8 with BOM): 300 records, header on line 1, BOM stripped from the first header', async () => {
    const src = await openImport({ path: sample('orders.csv'), format: 'csv' });
    expect(src.encoding).toBe('utf-8');
    expect(src.headerLine).toBe(1);
    expect(src.headers[0]).toBe('工单编号'); // not '\uFEFF工单编号'
    const recs = [];
    for await (const r of src.records) recs.push(r);
    expect(recs).toHaveLength(300);
    expect(recs[0]!.line).toBe(2);
    expect(recs[0]!.values).toMatchObject(FIRST);
    expect(recs[299]!.values).toMatchObject(LAST);
    // Some contents span lines, so the last record starts below line 301 (checked by hand: line 310).
    expect(recs[299]!.line).toBe(310);
  });

  it('GB18030 CSV: detected without a flag, same records as the UTF-8 one', async () => {
    const utf8 = await collect({ path: sample('orders.csv'), format: 'csv' });
    const src = await openImport({ path: sample('orders-gb18030.csv'), format: 'csv' });
    expect(src.encoding).toBe('gb18030');
    const gb = [];
    for await (const r of src.records) gb.push(r);
    expect(gb).toEqual(utf8);
  });

  it('XLSX: header found under the merged title rows, date cells as Beijing wall-clock text, trailing blank rows ignored', async () => {
    const csv = await collect({ path: sample('orders.csv'), format: 'csv' });
    const src = await openImport({ path: sample('orders.xlsx'), format: 'xlsx' });
    expect(src.sheet).toBe('工单');
    expect(src.headerLine).toBe(3);
    const recs = [];
    for await (const r of src.records) recs.push(r);
    expect(recs).toHaveLength(300);
    expect(recs[0]!.line).toBe(4); // sheet row numbers
    expect(recs[299]!.line).toBe(303);
    expect(recs[0]!.values).toMatchObject(FIRST);
    expect(recs[299]!.values).toMatchObject(LAST);
    // Every cell reads as the CSV has it, deadlines written as days included.
    expect(recs.map((r) => r.values)).toEqual(csv.map((r) => r.values));
  });

  it('JSON with English keys: same values, each record on the line of its object', async () => {
    const csv = await collect({ path: sample('orders.csv'), format: 'csv' });
    const recs = await collect({ path: sample('orders.json'), format: 'json' });
    expect(recs).toHaveLength(300);
    expect(recs[0]!.line).toBe(2); // '[' is line 1, one order a line
    expect(recs[299]!.line).toBe(301);
    const renamed = csv.map((r) => Object.fromEntries(Object.entries(r.values).map(([k, v]) => [ENGLISH[k], v])));
    expect(recs.map((r) => r.values)).toEqual(renamed);
  });

  it('Open311: requests mapped onto our columns', async () => {
    const src = await openImport({ path: sample('open311-requests.json'), format: 'open311' });
    const recs = [];
    for await (const r of src.records) recs.push(r);
    expect(recs).toHaveLength(20);
    expect(recs[0]!.line).toBe(2);
    const raw = JSON.parse(fs.readFileSync(sample('open311-requests.json'), 'utf8')) as Record<string, string>[];
    expect(recs[0]!.values).toEqual({
      no: raw[0]!['service_request_id'],
      received_at: raw[0]!['requested_datetime'],
      channel: 'open311',
      type: '其他',
      category: raw[0]!['service_name'],
      title: raw[0]!['service_name'],
      content: raw[0]!['description'],
      address: raw[0]!['address'],
      citizen: '',
      phone: '',
    });
    // The 投诉建议 service maps to 投诉; the others to 其他.
    for (const r of recs) expect(r.values['type']).toBe(r.values['title'] === '投诉建议' ? '投诉' : '其他');
  });
});

describe('CSV details', () => {
  it('multi-line quoted fields keep the start line of every later row; blank rows are skipped', async () => {
    const recs = await collect({ path: path.join(FIXTURES, 'multiline.csv'), format: 'csv' });
    // Lines (by hand): 1 header; 2–4 first row; 5 empty; 6 ',,,,'; 7 second; 8 spaces; 9–10 third; 11 last.
    expect(recs.map((r) => r.line)).toEqual([2, 7, 9, 11]);
    expect(recs[0]!.values['诉求内容']).toBe('楼上每晚\r\n装修到深夜，\r\n请处理');
    expect(recs[1]!.values['诉求内容']).toBe('他说"马上来修"，至今未修');
    expect(recs[3]!.values['诉求内容']).toBe('最后一行没有换行');
  });

  it('reads stdin-like streams, chunks cutting characters in two', async () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, 'multiline.csv'));
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7)); // 7 is prime to 3-byte characters
    const recs = await collect({ stream: Readable.from(chunks), format: 'csv' });
    expect(recs).toEqual(await collect({ path: path.join(FIXTURES, 'multiline.csv'), format: 'csv' }));
  });

  it('a UTF-8 file with Chinese text cut at the 64 KiB mark is read as UTF-8', async () => {
    const header = '工单编号,受理时间,诉求类型,诉求标题\n';
    const row = (i: number): string => `YX${String(i).padStart(13, '0')},2026-11-20 09:05,投诉,路灯不亮\n`;
    let text = header;
    let i = 1;
    while (Buffer.byteLength(text) < 65_000) text += row(i++);
    // pad with ASCII so that a 3-byte character starts at byte 65535
    const need = 64 * 1024 - 1 - Buffer.byteLength(text) - Buffer.byteLength(`YX${String(i).padStart(13, '0')},2026-11-20 09:05,投诉,`);
    text += `YX${String(i).padStart(13, '0')},2026-11-20 09:05,投诉,${'x'.repeat(need)}中文标题\n`;
    const buf = Buffer.from(text);
    expect(buf[64 * 1024 - 1]).toBe(0xe4); // first byte of 中 is the last sniffed byte
    const src = await openImport({ stream: Readable.from([buf]), format: 'csv' });
    expect(src.encoding).toBe('utf-8');
    const recs = [];
    for await (const r of src.records) recs.push(r);
    expect(recs).toHaveLength(i);
    expect(recs.at(-1)!.values['诉求标题']).toBe(`${'x'.repeat(need)}中文标题`);
  });

  it('an explicit encoding wins; an unknown one is refused', async () => {
    const gbk = iconv.encode('工单编号,受理时间,诉求标题\nA1,2026-11-20 09:05,路灯\n', 'gbk');
    const recs = await collect({ stream: Readable.from([gbk]), format: 'csv', encoding: 'gbk' });
    expect(recs[0]!.values).toEqual({ 工单编号: 'A1', 受理时间: '2026-11-20 09:05', 诉求标题: '路灯' });
    await expect(collect({ stream: Readable.from([gbk]), format: 'csv', encoding: 'nope' })).rejects.toMatchObject({
      code: 'import.read.badEncoding',
    });
  });

  it('unnamed, repeated and extra columns get distinct keys', async () => {
    const text = '工单编号,受理时间,诉求标题,,备注,备注\nA1,2026-11-20,路灯,x,a,b,extra\n';
    const recs = await collect({ stream: Readable.from([Buffer.from(text)]), format: 'csv' });
    expect(recs[0]!.values).toEqual({
      工单编号: 'A1',
      受理时间: '2026-11-20',
      诉求标题: '路灯',
      '(D)': 'x',
      备注: 'a',
      '备注 (2)': 'b',
      '(G)': 'extra',
    });
  });

  it('a title line above the header is skipped in CSV too', async () => {
    const text = '云溪区12345工单导出,,\n工单编号,受理时间,诉求标题\nA1,2026-11-20,路灯\n';
    const src = await openImport({ stream: Readable.from([Buffer.from(text)]), format: 'csv' });
    expect(src.headerLine).toBe(2);
    const recs = [];
    for await (const r of src.records) recs.push(r);
    expect(recs).toEqual([{ line: 3, values: { 工单编号: 'A1', 受理时间: '2026-11-20', 诉求标题: '路灯' } }]);
  });

  it('an unclosed quote is refused with a line', async () => {
    const text = '工单编号,受理时间,诉求标题\nA1,2026-11-20,路灯\nA2,2026-11-20,"没有结束\n';
    const err = await collect({ stream: Readable.from([Buffer.from(text)]), format: 'csv' }).catch((e: unknown) => e);
    expect(isRefusal(err)).toBe(true);
    expect(err).toMatchObject({ code: 'import.read.csv', params: { line: 3 } });
  });

  it('an empty file has no header and no records', async () => {
    const src = await openImport({ stream: Readable.from([Buffer.alloc(0)]), format: 'csv' });
    expect(src.headers).toEqual([]);
    expect(src.headerLine).toBe(0);
    const recs = [];
    for await (const r of src.records) recs.push(r);
    expect(recs).toEqual([]);
  });
});

describe('XLSX details', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-import-'));
    file = path.join(dir, 'export.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('导出');
    ws.mergeCells('A1:F1');
    ws.getCell('A1').value = '云溪区12345工单导出 2026年11月';
    ws.getRow(3).values = ['工单编号', '受理时间', '诉求标题', '联系电话', '办理时限', '诉求内容'];
    // Excel date cells hold the wall clock: exceljs takes a Date whose UTC fields are the Beijing time.
    ws.getRow(4).values = ['YX2026112000001', new Date(Date.UTC(2026, 10, 20, 9, 5, 0)), '路灯不亮', 13812345678, new Date(Date.UTC(2026, 10, 25)), { richText: [{ text: '人民路' }, { text: '路灯', font: { bold: true } }] }];
    ws.getCell('B4').numFmt = 'yyyy-mm-dd hh:mm:ss';
    ws.getCell('E4').numFmt = 'yyyy-mm-dd';
    ws.getRow(5).values = ['YX2026112000002', new Date(Date.UTC(2026, 10, 20, 23, 59, 59)), '噪音扰民', '0571-81234567', new Date(Date.UTC(2026, 10, 21, 17, 30, 0)), { formula: '"夜间"&"施工"', result: '夜间施工' }];
    ws.getCell('B5').numFmt = 'yyyy/m/d h:mm:ss';
    ws.getCell('E5').numFmt = 'yyyy-mm-dd hh:mm';
    ws.getRow(6).values = ['YX2026112000003', '2026年11月20日 10时00分', '', '', '', '  只有内容  '];
    for (const r of [7, 8, 9]) ws.getRow(r).getCell(1).border = { top: { style: 'thin' } }; // blank, styled
    ws.getRow(8).getCell(2).value = '';
    const other = wb.addWorksheet('附表');
    other.getRow(1).values = ['工单编号', '受理时间', '诉求标题'];
    other.getRow(2).values = ['FB1', '2026-11-19 08:00', '附表的行'];
    await wb.xlsx.writeFile(file);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the header under the merged title, reads dates, numbers, rich text and formulas, skips blank rows', async () => {
    const src = await openImport({ path: file, format: 'xlsx' });
    expect(src.sheet).toBe('导出');
    expect(src.headerLine).toBe(3);
    const recs = [];
    for await (const r of src.records) recs.push(r);
    expect(recs).toEqual([
      {
        line: 4,
        values: { 工单编号: 'YX2026112000001', 受理时间: '2026-11-20 09:05:00', 诉求标题: '路灯不亮', 联系电话: '13812345678', 办理时限: '2026-11-25', 诉求内容: '人民路路灯' },
      },
      {
        line: 5,
        values: { 工单编号: 'YX2026112000002', 受理时间: '2026-11-20 23:59:59', 诉求标题: '噪音扰民', 联系电话: '0571-81234567', 办理时限: '2026-11-21 17:30:00', 诉求内容: '夜间施工' },
      },
      {
        line: 6,
        values: { 工单编号: 'YX2026112000003', 受理时间: '2026年11月20日 10时00分', 诉求标题: '', 联系电话: '', 办理时限: '', 诉求内容: '只有内容' },
      },
    ]);
  });

  it('reads a sheet by name, and refuses a name the workbook does not have', async () => {
    const recs = await collect({ path: file, format: 'xlsx', sheet: '附表' });
    expect(recs).toEqual([{ line: 2, values: { 工单编号: 'FB1', 受理时间: '2026-11-19 08:00', 诉求标题: '附表的行' } }]);
    await expect(collect({ path: file, format: 'xlsx', sheet: '没有' })).rejects.toMatchObject({
      code: 'import.read.noSheet',
      params: { sheet: '没有' },
    });
  });

  it('reads from a stream (stdin) as from a path', async () => {
    const recs = await collect({ stream: fs.createReadStream(sample('orders.xlsx')), format: 'xlsx' });
    expect(recs).toHaveLength(300);
    expect(recs[299]!.values).toMatchObject(LAST);
  });

  it('reads plain numbers in the time columns as Excel serial dates (formats lost)', async () => {
    const f = path.join(dir, 'serials.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.getRow(1).values = ['工单编号', '受理时间', '诉求标题', '办理时限', '数量'];
    ws.getRow(2).values = ['A1', 46346.37847222222, '路灯', 46351, 46346]; // 2026-11-20 09:05, 2026-11-25
    ws.getRow(3).values = ['A2', 12.5, '噪音', '', 7];
    await wb.xlsx.writeFile(f);
    const recs = await collect({ path: f, format: 'xlsx' });
    expect(recs.map((r) => r.values)).toEqual([
      { 工单编号: 'A1', 受理时间: '2026-11-20 09:05:00', 诉求标题: '路灯', 办理时限: '2026-11-25', 数量: '46346' },
      { 工单编号: 'A2', 受理时间: '12.5', 诉求标题: '噪音', 办理时限: '', 数量: '7' },
    ]);
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(collect({ stream: Readable.from([Buffer.from('PK\x03\x04 not really a zip')]), format: 'xlsx' })).rejects.toMatchObject({
      code: 'import.read.xlsx',
    });
  });
});

describe('JSON details', () => {
  it('finds each element start, also under a key', () => {
    const text = '{\n "meta": {"a": [1, 2]},\n "orders": [\n  {"no": "1", "x": "[{"},\n\n  {"no": "2"}\n ]\n}';
    const offsets = arrayElementOffsets(text, 'orders');
    expect(offsets.map((o) => text.slice(o, o + 10))).toEqual(['{"no": "1"', '{"no": "2"']);
    expect(arrayElementOffsets('[ 1 ,\n"a\\"]" , {"b":[2]} ]', null).length).toBe(3);
  });

  it('reads an object holding the orders, with lines, numbers and nulls as text', async () => {
    const text = '{\n "exported": "2026-11-20",\n "orders": [\n  {"no": "A1", "received_at": "2026-11-20 09:05", "title": null, "n": 5},\n  {"no": "A2", "title": " 路灯 "}\n ]\n}\n';
    const recs = await collect({ stream: Readable.from([Buffer.from(text)]), format: 'json' });
    expect(recs).toEqual([
      { line: 4, values: { no: 'A1', received_at: '2026-11-20 09:05', title: '', n: '5' } },
      { line: 5, values: { no: 'A2', received_at: '', title: '路灯', n: '' } },
    ]);
  });

  it('refuses malformed JSON and a document without an array', async () => {
    await expect(collect({ stream: Readable.from([Buffer.from('[{"no": 1,]')]), format: 'json' })).rejects.toMatchObject({
      code: 'import.read.json',
    });
    await expect(collect({ stream: Readable.from([Buffer.from('{"a": 1}')]), format: 'json' })).rejects.toMatchObject({
      code: 'import.read.jsonShape',
    });
  });
});

describe('stopping early', () => {
  it('releases the file when the reader leaves the loop', async () => {
    let n = 0;
    for await (const r of readRecords({ path: sample('orders.csv'), format: 'csv' })) {
      expect(r.line).toBe(2);
      n++;
      break;
    }
    expect(n).toBe(1);
    const src = await openImport({ path: sample('orders.xlsx'), format: 'xlsx' });
    src.close();
    src.close(); // twice is harmless
  });
});
