// The XLSX reader: exceljs's streaming WorkbookReader, one sheet, with size guards.
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
import { Refusal } from '../../domain/errors.js';
import { mapHeaders, type Profile } from './profile.js';
import { byteSource, openRows, type ReadInput, type ImportSource, type Row } from './read-common.js';

// ---------------------------------------------------------------------------------------------
// XLSX: exceljs's streaming WorkbookReader, one sheet

/** 'YYYY-MM-DD HH:mm:ss' of an Excel date: its UTC fields are the Beijing wall clock. */
function excelWallClock(d: Date, numFmt: string | undefined): string {
  const t = new Date(Math.round(d.getTime() / 1000) * 1000); // Excel stores days as floats
  const iso = t.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (t.getUTCFullYear() < 1900) return time; // a time-only cell
  const fmt = (numFmt ?? '').replace(/\[[^\]]*]|"[^"]*"/g, '').toLowerCase();
  const dateOnlyFormat = fmt !== '' && !/[hs]/.test(fmt);
  if (dateOnlyFormat && time === '00:00:00') return day; // a day, e.g. a 办理时限 written as a date
  return `${day} ${time}`;
}

/** Excel serial days of 2000-01-01 and 2100-01-01: a plain number between them in a time column is a date. */
const SERIAL_MIN = 36526;
const SERIAL_MAX = 73051;

/**
 * A time column (受理时间, 办理时限) whose cells are plain numbers holds Excel serial dates that
 * lost their date format (pasted values, or a writer that puts styles.xml after the sheet, which
 * exceljs's streaming reader then reads without formats): turn them into wall-clock text too.
 * Whole days → 'YYYY-MM-DD', else 'YYYY-MM-DD HH:mm:ss'.
 */
function serialDatesIn(headers: string[], profile: Profile): ((cells: string[]) => string[]) | null {
  const { mapping } = mapHeaders(headers, profile);
  const cols = headers.flatMap((h, i) => {
    const f = mapping.get(h);
    return f === 'received_at' || f === 'deadline' ? [i] : [];
  });
  if (cols.length === 0) return null;
  return (cells) => {
    for (const i of cols) {
      const v = cells[i];
      if (v === undefined || !/^\d+(?:\.\d+)?$/.test(v)) continue;
      const serial = Number(v);
      if (serial < SERIAL_MIN || serial > SERIAL_MAX) continue;
      const d = new Date(Math.round((serial - 25569) * 86_400) * 1000);
      cells[i] = Number.isInteger(serial) ? d.toISOString().slice(0, 10) : excelWallClock(d, undefined);
    }
    return cells;
  };
}

function cellText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : excelWallClock(value, numFmt);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v['richText'])) {
      return (v['richText'] as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    }
    if ('formula' in v || 'sharedFormula' in v) return cellText(v['result'], numFmt);
    if ('error' in v) return String(v['error']);
    if ('text' in v) return cellText(v['text'], numFmt);
  }
  return String(value);
}

/** Decode UTF-8 chunks to text, keeping a character split between two chunks whole. */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) {
    const s = typeof c === 'string' ? c : decoder.write(c);
    if (s !== '') yield s;
  }
  const tail = decoder.end();
  if (tail !== '') yield tail;
}

interface ZipEntry extends NodeJS.ReadableStream {
  setEncoding(enc: BufferEncoding): this;
}
interface ReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
  _parseWorkbook(entry: ZipEntry): unknown;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): unknown;
}

/**
 * Bounds on what an XLSX may make the reader hold (finding 7): the shared-strings table is kept
 * whole by exceljs, so it is limited in total and per string; a row of a sheet is limited too.
 * A file over a bound is refused, naming the bound (a 400 KB file that unzips to a 400 MB string
 * stops at the first MB). XML bytes, as stored in the zip (a CJK character is 3 bytes).
 */
export const XLSX_MAX_SHARED_STRINGS_BYTES = 128 * 1024 * 1024;
export const XLSX_MAX_STRING_BYTES = 1024 * 1024;
export const XLSX_MAX_ROW_BYTES = 4 * 1024 * 1024;

/**
 * Passes a zip entry's bytes through unchanged while counting: the bytes since the last `closing`
 * tag (one item: a shared string, a row) and in all; over a bound it fails with a Refusal.
 */
class SizeGuard extends Transform {
  private since = 0;
  private total = 0;
  private tail = Buffer.alloc(0);
  private readonly token: Buffer;

  constructor(
    closing: string,
    private readonly maxItem: number,
    private readonly maxTotal: number,
    private readonly what: 'sharedString' | 'sharedStrings' | 'row',
  ) {
    super();
    this.token = Buffer.from(closing);
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, cb: TransformCallback): void {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'utf8');
    this.total += b.length;
    if (this.total > this.maxTotal) return cb(new Refusal('input.xlsxTooLarge.sharedStrings', { max: Math.round(this.maxTotal / 1048576) }));
    const buf = this.tail.length > 0 ? Buffer.concat([this.tail, b]) : b;
    let last = -1;
    for (let i = buf.indexOf(this.token); i !== -1; i = buf.indexOf(this.token, i + 1)) last = i;
    this.since = last === -1 ? this.since + b.length : buf.length - (last + this.token.length);
    if (this.since > this.maxItem) return cb(new Refusal(`input.xlsxTooLarge.${this.what}`, { max: Math.round(this.maxItem / 1048576) }));
    this.tail = Buffer.from(buf.subarray(Math.max(0, buf.length - this.token.length + 1)));
    cb(null, b);
  }
}

/**
 * exceljs 4.4's streaming reader decodes each zip chunk on its own (TextDecoder without
 * `stream`), so a Chinese character that straddles two chunks of sharedStrings.xml or a sheet
 * turns into '��'. Hand it text instead: its decoder passes strings through unchanged. The
 * shared strings and the sheets go through a SizeGuard on the way.
 */
function utf8Safe(reader: ExcelJS.stream.xlsx.WorkbookReader): ExcelJS.stream.xlsx.WorkbookReader {
  const r = reader as unknown as ReaderInternals;
  const proto = Object.getPrototypeOf(reader) as ReaderInternals;
  r._parseSharedStrings = function (this: ReaderInternals, entry) {
    const guard = new SizeGuard('</si>', XLSX_MAX_STRING_BYTES, XLSX_MAX_SHARED_STRINGS_BYTES, 'sharedString');
    entry.on('error', (e: Error) => guard.destroy(e));
    const guarded = entry.pipe(guard);
    guarded.setEncoding('utf8');
    return proto._parseSharedStrings.call(this, guarded);
  };
  r._parseWorkbook = function (this: ReaderInternals, entry) {
    entry.setEncoding('utf8');
    return proto._parseWorkbook.call(this, entry);
  };
  r._parseWorksheet = function (this: ReaderInternals, iterator, sheetNo) {
    return proto._parseWorksheet.call(this, utf8Text(guardRows(iterator)), sheetNo);
  };
  return reader;
}

/** A sheet's chunks, refused when one row's XML exceeds XLSX_MAX_ROW_BYTES. */
async function* guardRows(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  const guard = new SizeGuard('</row>', XLSX_MAX_ROW_BYTES, Number.MAX_SAFE_INTEGER, 'row');
  for await (const c of chunks) {
    let out: Buffer | undefined;
    let err: Error | null | undefined;
    guard._transform(c, 'utf8', (e, data) => {
      err = e;
      out = data as Buffer | undefined;
    });
    if (err) throw err;
    if (out) yield out;
  }
}

interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name?: string;
}

export async function openXlsx(input: ReadInput, profile: Profile): Promise<ImportSource> {
  const raw = byteSource(input);
  const stream = raw instanceof Readable ? raw : Readable.from(raw as AsyncIterable<Buffer>);
  // Loaded only for XLSX: exceljs takes ~0.4 s to load, which every other command should not pay.
  const { default: Excel } = await import('exceljs');
  const reader = utf8Safe(
    new Excel.stream.xlsx.WorkbookReader(stream, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // needed to tell date cells from numbers
      hyperlinks: 'ignore',
      entries: 'ignore',
    }),
  );
  const books = reader[Symbol.asyncIterator]() as AsyncGenerator<SheetReader>;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    void books.return(undefined).catch(() => undefined);
    stream.destroy();
  };
  const fail = (e: unknown): never => {
    close();
    if (e instanceof Refusal) throw e;
    throw new Refusal('import.read.xlsx', { detail: (e as Error).message });
  };
  let sheet: SheetReader | undefined;
  const names: string[] = [];
  try {
    for (;;) {
      const r = await books.next();
      if (r.done) break;
      const name = r.value.name ?? '';
      if (input.sheet === undefined || name === input.sheet || name.trim() === input.sheet.trim()) {
        sheet = r.value;
        break;
      }
      names.push(name);
      // exceljs streams sheets one after another: a sheet passed over must still be read to its
      // end, or the next one may come out empty or cut (seen as a flaky "sheet by name").
      for await (const _row of r.value) void _row;
    }
  } catch (e) {
    fail(e);
  }
  if (!sheet) {
    close();
    if (input.sheet !== undefined) throw new Refusal('import.read.noSheet', { sheet: input.sheet, sheets: names.join(', ') });
    throw new Refusal('import.read.xlsx', { detail: 'no worksheet' });
  }
  const sheetName = sheet.name ?? null;
  const rowsIt = sheet[Symbol.asyncIterator]();
  async function* rows(): AsyncGenerator<Row> {
    try {
      for (;;) {
        const r = await rowsIt.next();
        if (r.done) return;
        const cells: string[] = [];
        r.value.eachCell({ includeEmpty: false }, (cell, col) => {
          while (cells.length < col - 1) cells.push('');
          cells[col - 1] = cellText(cell.value, cell.numFmt);
        });
        yield { line: r.value.number, cells };
      }
    } catch (e) {
      fail(e);
    }
  }
  return openRows(rows(), profile, close, { format: 'xlsx', encoding: null, sheet: sheetName }, (headers) =>
    serialDatesIn(headers, profile),
  );
}
