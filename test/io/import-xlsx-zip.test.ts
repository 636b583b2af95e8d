// The XLSX reader's zip access through the central directory (src/io/import/zip-directory.ts),
// and what read-xlsx.ts does with it: tab order, stored parts, a zip comment, hostile directories,
// the private spool of a stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { ZipDirectory, ZIP_MAX_PARTS } from '../../src/io/import/zip-directory.js';
import { XLSX_MAX_PART_BYTES } from '../../src/io/import/read-xlsx.js';
import { openImport } from '../../src/io/import/read.js';
import { collect } from '../fixtures/import/helpers.js';
import { crc32, zipBytes } from '../fixtures/zip.js';

interface Entry {
  name: string;
  text: string | Buffer;
  stored?: boolean;
}

/** A zip of these entries in this order (deflated unless `stored`), with an optional comment. */
function zip(entries: Entry[], comment = ''): Buffer {
  return zipBytes(
    entries.map((e) => {
      const raw = Buffer.isBuffer(e.text) ? e.text : Buffer.from(e.text, 'utf8');
      return { name: e.name, crc: crc32(raw), size: raw.length, data: e.stored ? raw : zlib.deflateRawSync(raw), stored: e.stored };
    }),
    comment,
  );
}

const NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const row = (n: number, cells: string[]) =>
  `<row r="${n}">${cells.map((v, i) => `<c r="${String.fromCharCode(65 + i)}${n}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
const sheetXml = (rows: string[][]) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.map((r, i) => row(i + 1, r)).join('')}</sheetData></worksheet>`;

/**
 * A workbook whose tabs are 汇总 then 明细 while its parts are sheet1.xml = 明细 and sheet2.xml =
 * 汇总 (a tab moved in Excel), the sheets stored first and xl/workbook.xml last, as exceljs does.
 */
function reorderedWorkbook(opts: { stored?: boolean; comment?: string } = {}): Buffer {
  return zip(reorderedEntries(opts.stored ?? false), opts.comment);
}

/** reorderedWorkbook's parts, in stored order (xl/workbook.xml last). */
function reorderedEntries(stored = false): Entry[] {
  return [
    { name: '[Content_Types].xml', text: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>', stored },
    { name: 'xl/worksheets/sheet1.xml', text: sheetXml([['工单编号', '受理时间', '诉求标题'], ['MX1', '2026-11-20 09:05', '明细的行']]), stored },
    { name: 'xl/worksheets/sheet2.xml', text: sheetXml([['工单编号', '受理时间', '诉求标题'], ['HZ1', '2026-11-20 10:00', '汇总的行']]), stored },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${NS}/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>`,
      stored,
    },
    {
      name: 'xl/workbook.xml',
      text: `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS}"><sheets><sheet name="汇总" sheetId="2" r:id="rId2"/><sheet name="明细" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      stored,
    },
  ];
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-xlsx-zip-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, data: Buffer): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, data);
  return f;
}

describe('ZipDirectory', () => {
  it('lists the parts and streams any of them, in any order, deflated or stored', async () => {
    const big = Buffer.from('路灯不亮，'.repeat(50_000)); // several reads of the file
    const f = write('parts.zip', zip([{ name: 'a.txt', text: 'first' }, { name: 'b.bin', text: big, stored: true }, { name: 'c/d.xml', text: big }]));
    const z = await ZipDirectory.read(await fsp.open(f, 'r'));
    try {
      expect(z.parts.map((p) => p.name)).toEqual(['a.txt', 'b.bin', 'c/d.xml']);
      const text = async (name: string) => Buffer.concat(await (await z.stream(z.part(name)!)).toArray()).toString('utf8');
      expect(await text('C/D.XML')).toBe(big.toString('utf8')); // part names are case-insensitive
      expect(await text('b.bin')).toBe(big.toString('utf8'));
      expect(await text('a.txt')).toBe('first');
    } finally {
      await z.close();
      await z.close(); // twice is harmless
    }
  });

  it('finds the directory past a zip comment', async () => {
    const f = write('comment.zip', zip([{ name: 'a.txt', text: 'x' }], '导出系统 v2 '.repeat(200)));
    const z = await ZipDirectory.read(await fsp.open(f, 'r'));
    expect(z.part('a.txt')).toBeDefined();
    await z.close();
  });

  it('refuses what is not a zip, a cut file and a directory of more parts than a workbook has', async () => {
    await expect(ZipDirectory.read(await fsp.open(write('text.zip', Buffer.from('PK\x03\x04 not really a zip')), 'r'))).rejects.toThrow(/not a zip/);
    const whole = zip([{ name: 'a.txt', text: 'hello' }]);
    await expect(ZipDirectory.read(await fsp.open(write('cut.zip', whole.subarray(20)), 'r'))).rejects.toThrow(/zip/);
    const many = Buffer.from(whole);
    many.writeUInt16LE(ZIP_MAX_PARTS + 1, many.length - 22 + 8);
    many.writeUInt16LE(ZIP_MAX_PARTS + 1, many.length - 22 + 10);
    await expect(ZipDirectory.read(await fsp.open(write('many.zip', many), 'r'))).rejects.toThrow(/more than a workbook has/);
  });

  it('close() stops a part being read and releases the file', async () => {
    const f = write('long.zip', zip([{ name: 'a.txt', text: Buffer.alloc(4 * 1024 * 1024, 'a') }]));
    const z = await ZipDirectory.read(await fsp.open(f, 'r'));
    const s = await z.stream(z.part('a.txt')!);
    for await (const _ of s) break; // one chunk, then stop
    await z.close();
    expect(s.destroyed).toBe(true);
    await expect(z.stream(z.part('a.txt')!)).rejects.toThrow(/closed/);
  });
});

describe('XLSX parts in any stored order', () => {
  it('the first sheet is the first tab, names resolve through absolute targets too, by path and by stream', async () => {
    const f = write('tabs.xlsx', reorderedWorkbook());
    const src = await openImport({ path: f, format: 'xlsx' });
    expect(src.sheet).toBe('汇总');
    src.close();
    expect((await collect({ path: f, format: 'xlsx' })).map((r) => r.values['工单编号'])).toEqual(['HZ1']);
    expect((await collect({ stream: fs.createReadStream(f), format: 'xlsx', sheet: '明细' })).map((r) => r.values['工单编号'])).toEqual(['MX1']);
    await expect(collect({ path: f, format: 'xlsx', sheet: '其他' })).rejects.toMatchObject({
      code: 'import.read.noSheet',
      params: { sheet: '其他', sheets: '汇总, 明细' },
    });
  });

  it('stored (uncompressed) parts and a zip comment', async () => {
    const f = write('stored.xlsx', reorderedWorkbook({ stored: true, comment: 'x'.repeat(1000) }));
    expect((await collect({ path: f, format: 'xlsx', sheet: ' 明细 ' })).map((r) => r.values['诉求标题'])).toEqual(['明细的行']);
  });

  it('a part exceljs reads whole (styles, workbook) over its bound is refused, naming it; at the bound it is read', async () => {
    const styles = (bytes: number) => {
      const head = '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="0"/>';
      const tail = '</styleSheet>';
      return head + ' '.repeat(bytes - head.length - tail.length) + tail;
    };
    // styles.xml stored before xl/workbook.xml (the last part), as exceljs stores it
    const withStyles = (text: string) => {
      const base = reorderedEntries();
      return zip([...base.slice(0, -1), { name: 'xl/styles.xml', text }, base[base.length - 1]!]);
    };
    const over = write('bigstyles.xlsx', withStyles(styles(XLSX_MAX_PART_BYTES + 1)));
    expect(fs.statSync(over).size).toBeLessThan(200_000); // a small file that unzips to 16 MB
    await expect(collect({ path: over, format: 'xlsx' })).rejects.toMatchObject({ code: 'input.xlsxTooLarge.part', params: { part: 'xl/styles.xml', max: 16 } });
    const at = write('okstyles.xlsx', withStyles(styles(XLSX_MAX_PART_BYTES)));
    expect((await collect({ path: at, format: 'xlsx' })).length).toBe(1);
  });

  it('a zip without xl/workbook.xml is not a workbook', async () => {
    const f = write('noworkbook.xlsx', zip([{ name: 'xl/worksheets/sheet1.xml', text: sheetXml([['a']]) }]));
    await expect(collect({ path: f, format: 'xlsx' })).rejects.toMatchObject({ code: 'import.read.xlsx', params: { detail: expect.stringMatching(/workbook/) } });
  });
});

describe('a stream is spooled to a private temp file that does not outlive the read', () => {
  let tmp: string;
  let saved: string | undefined;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-spool-test-'));
    saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = tmp; // os.tmpdir() reads it
  });
  afterAll(() => {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('read to the end, stopped early, or refused: nothing is left', async () => {
    const f = path.join(dir, 'spool.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工单');
    ws.addRow(['工单编号', '受理时间', '诉求标题', '诉求人', '联系电话']);
    for (let i = 1; i <= 50; i++) ws.addRow([`YX${i}`, '2026-11-20 09:05', '路灯', '张三', '13812345678']);
    await wb.xlsx.writeFile(f);

    const src = await openImport({ stream: fs.createReadStream(f), format: 'xlsx' });
    // open: the copy's name is already gone (POSIX); the data is read through the open handle
    if (process.platform !== 'win32') expect(fs.readdirSync(tmp)).toEqual([]);
    let n = 0;
    for await (const _ of src.records) n++;
    src.close();
    expect(n).toBe(50);

    const early = await openImport({ stream: fs.createReadStream(f), format: 'xlsx' });
    early.close();
    await expect(collect({ stream: fs.createReadStream(path.join(dir, 'noworkbook.xlsx')), format: 'xlsx' })).rejects.toMatchObject({ code: 'import.read.xlsx' });
    await new Promise((r) => setTimeout(r, 50)); // close() releases asynchronously
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
