// Hostile import files, generated in the test (nothing big is checked in): an XLSX of a few
// hundred KB whose one shared string unzips to hundreds of MB, a CSV of many rows each with a bad
// date, a CSV with one huge cell. Written by streaming, so the test process stays small too.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { crc32, zipBytes, type ZipPart } from '../fixtures/zip.js';


/**
 * Deflate an entry chunk by chunk: each chunk is compressed on its own and ended with a sync
 * flush (a valid raw-deflate stream is a sequence of such blocks), then an empty final block.
 * A repeated chunk compresses to the same bytes, so it is compressed once.
 */
function deflateEntry(name: string, chunks: Iterable<Buffer>): ZipPart {
  let crc = 0;
  let size = 0;
  const parts: Buffer[] = [];
  let lastIn: Buffer | null = null;
  let lastOut: Buffer | null = null;
  for (const c of chunks) {
    crc = crc32(c, crc);
    size += c.length;
    if (c !== lastIn) {
      lastIn = c;
      lastOut = zlib.deflateRawSync(c, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    }
    parts.push(lastOut!);
  }
  parts.push(zlib.deflateRawSync(Buffer.alloc(0)));
  return { name, crc: crc >>> 0, size, data: Buffer.concat(parts) };
}

function writeZip(file: string, entries: ZipPart[]): void {
  fs.writeFileSync(file, zipBytes(entries));
}

const HEADERS = ['工单编号', '受理时间', '诉求类型', '诉求标题'];

/** An XLSX whose shared string 0 is `bigMB` MB of one letter (a few hundred KB zipped). */
export function xlsxWithHugeSharedString(file: string, bigMB: number): void {
  const x = (s: string) => Buffer.from(s, 'utf8');
  const small = (name: string, s: string) => deflateEntry(name, [x(s)]);
  const strings = [...HEADERS, 'YX1', '2026-11-20 09:00', '投诉'];
  function* shared(): Generator<Buffer> {
    yield x(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="8" uniqueCount="8"><si><t>`);
    const mb = Buffer.alloc(1024 * 1024, 'a');
    for (let i = 0; i < bigMB; i++) yield mb;
    yield x(`</t></si>${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`);
  }
  const cell = (ref: string, i: number) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cell('A1', 1)}${cell('B1', 2)}${cell('C1', 3)}${cell('D1', 4)}</row><row r="2">${cell('A2', 5)}${cell('B2', 6)}${cell('C2', 7)}${cell('D2', 0)}</row></sheetData></worksheet>`;
  writeZip(file, [
    small('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`),
    small('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    small('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    small('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
    deflateEntry('xl/sharedStrings.xml', shared()),
    small('xl/worksheets/sheet1.xml', sheet),
  ]);
}

/** A CSV of `rows` orders, every one with a received time that is not a date. */
export async function csvWithBadDates(file: string, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write('\uFEFF工单编号,受理时间,诉求类型,诉求标题,诉求人,联系电话\r\n');
  let buf = '';
  for (let i = 1; i <= rows; i++) {
    buf += `YX${String(i).padStart(9, '0')},不是日期${i},投诉,夜间施工噪音,张三,138${String(i % 1e8).padStart(8, '0')}\r\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise((r) => out.once('finish', r));
}

/** A CSV whose second row has one cell of `mb` MB. */
export function csvWithHugeCell(file: string, mb: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '工单编号,受理时间,诉求类型,诉求标题\r\nYX1,2026-11-20 09:00,投诉,正常\r\nYX2,2026-11-20 09:00,投诉,"');
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  for (let i = 0; i < mb; i++) fs.writeSync(fd, chunk);
  fs.writeSync(fd, '"\r\nYX3,2026-11-20 09:00,投诉,正常\r\n');
  fs.closeSync(fd);
}
