// The XLSX reader: exceljs's streaming WorkbookReader parsers, fed the parts of the zip through its
// central directory (zip-directory.ts), one sheet, with size guards.
import fs from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
import { Refusal } from '../../domain/errors.js';
import { mapHeaders, type Profile } from './profile.js';
import { openRows, type ReadInput, type ImportSource, type Row } from './read-common.js';
import { ZipDirectory, type ZipPart } from './zip-directory.js';

// ---------------------------------------------------------------------------------------------
// XLSX: exceljs's streaming WorkbookReader parsers, one sheet

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
 * lost their date format (pasted values, a template's plain number column): turn them into
 * wall-clock text too.
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
/** The parts of exceljs 4.4's WorkbookReader this reader drives (lib/stream/xlsx/workbook-reader.js). */
interface ReaderInternals {
  _parseRels(entry: ZipEntry): Promise<void>;
  _parseWorkbook(entry: ZipEntry): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(entry: ZipEntry): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
  /** set by _parseRels: xl/_rels/workbook.xml.rels */
  workbookRels?: { Id?: string; Type?: string; Target?: string }[];
  /** set by _parseWorkbook: the sheets in tab order */
  model?: { sheets?: { name?: string; rId?: string }[] };
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
/** The workbook's other parts exceljs reads whole (workbook.xml, its relationships, styles.xml). */
export const XLSX_MAX_PART_BYTES = 16 * 1024 * 1024;

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
    /** Over maxTotal: the refusal (the shared-strings table's, or a whole part's, naming it). */
    private readonly whole: { code: 'sharedStrings' } | { code: 'part'; part: string } = { code: 'sharedStrings' },
  ) {
    super();
    this.token = Buffer.from(closing);
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, cb: TransformCallback): void {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'utf8');
    this.total += b.length;
    if (this.total > this.maxTotal) {
      const max = Math.round(this.maxTotal / 1048576);
      return cb(new Refusal(`input.xlsxTooLarge.${this.whole.code}`, this.whole.code === 'part' ? { max, part: this.whole.part } : { max }));
    }
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
 * turns into '��'. Hand it text instead: its decoder passes strings through unchanged (the
 * workbook's sheet names and the styles' number formats can be Chinese too). The shared strings
 * and the sheets go through a SizeGuard on the way.
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
    return proto._parseWorkbook.call(this, boundedPart(entry, 'xl/workbook.xml'));
  };
  r._parseRels = function (this: ReaderInternals, entry) {
    return proto._parseRels.call(this, boundedPart(entry, 'xl/_rels/workbook.xml.rels'));
  };
  r._parseStyles = function (this: ReaderInternals, entry) {
    return proto._parseStyles.call(this, boundedPart(entry, 'xl/styles.xml'));
  };
  r._parseWorksheet = function (this: ReaderInternals, iterator, sheetNo) {
    return proto._parseWorksheet.call(this, utf8Text(guardRows(iterator)), sheetNo);
  };
  return reader;
}

/**
 * A part exceljs reads whole, as text, refused past XLSX_MAX_PART_BYTES: a few hundred KB of zip
 * can unzip to hundreds of MB of styles (a crafted file), which would all be held.
 */
function boundedPart(entry: ZipEntry, part: string): ZipEntry {
  const guard = new SizeGuard('\u0000', Number.MAX_SAFE_INTEGER, XLSX_MAX_PART_BYTES, 'row', { code: 'part', part });
  entry.on('error', (e: Error) => guard.destroy(e));
  const guarded = entry.pipe(guard);
  guarded.setEncoding('utf8');
  return guarded as unknown as ZipEntry;
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

/** A worksheet of the workbook: its name and its part in the zip. */
interface SheetRef {
  name: string;
  part: ZipPart;
  /** the number exceljs knows the sheet by (sheetN.xml) */
  no: string;
}

/** A part name of a relationship target of xl/workbook.xml ('worksheets/sheet1.xml', '/xl/…'). */
function partName(target: string): string {
  const t = target.replace(/\\/g, '/');
  return t.startsWith('/') ? t.slice(1) : path.posix.normalize(`xl/${t}`);
}

/** The target part of the workbook's relationship of this type, if any. */
function related(r: ReaderInternals, type: string): string | undefined {
  const rel = (r.workbookRels ?? []).find((x) => typeof x.Type === 'string' && x.Type.endsWith(`/${type}`) && typeof x.Target === 'string');
  return rel ? partName(rel.Target!) : undefined;
}

/**
 * The worksheets in the order of the workbook's tabs (xl/workbook.xml), each resolved through
 * xl/_rels/workbook.xml.rels to its part (chart sheets are not worksheets). A workbook whose
 * sheets do not resolve falls back on its xl/worksheets/sheetN.xml parts, in number order.
 */
function worksheets(r: ReaderInternals, zip: ZipDirectory): SheetRef[] {
  const rels = r.workbookRels ?? [];
  const out: SheetRef[] = [];
  for (const s of r.model?.sheets ?? []) {
    const rel = rels.find((x) => x.Id === s.rId);
    if (!rel || typeof rel.Target !== 'string') continue;
    if (rel.Type !== undefined ? !/\/worksheet$/.test(rel.Type) : !/worksheets\//.test(rel.Target)) continue;
    const part = zip.part(partName(rel.Target));
    if (!part) continue;
    out.push({ name: s.name ?? '', part, no: /sheet(\d+)\.xml$/i.exec(part.name)?.[1] ?? String(out.length + 1) });
  }
  if (out.length > 0) return out;
  return zip.parts
    .flatMap((part) => {
      const m = /^xl\/worksheets\/sheet(\d+)\.xml$/i.exec(part.name);
      return m ? [{ name: `Sheet${m[1]}`, part, no: m[1]! }] : [];
    })
    .sort((a, b) => Number(a.no) - Number(b.no));
}

/**
 * A stream (stdin, or the file as the import hashes it on the way) copied to a private temp
 * file, since the zip's directory is at its end. The file's name is removed as soon as it is
 * open (where the system allows: not Windows), so a killed import leaves no copy of the citizens'
 * data behind; `remove` removes what is left.
 */
async function spool(stream: NodeJS.ReadableStream): Promise<{ fh: FileHandle; remove(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-xlsx-'));
  const remove = (): void => {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Windows: still open; removed at close
    }
  };
  try {
    const file = path.join(dir, 'import.xlsx');
    await pipeline(stream, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    const fh = await fsp.open(file, 'r');
    remove();
    return { fh, remove };
  } catch (e) {
    remove();
    throw e;
  }
}

export async function openXlsx(input: ReadInput, profile: Profile): Promise<ImportSource> {
  if (!input.stream && !input.path) throw new Refusal('import.read.noInput', {});
  // Loaded only for XLSX: exceljs takes ~0.4 s to load, which every other command should not pay.
  const { default: Excel } = await import('exceljs');
  // exceljs's own pass over the zip (WorkbookReader.parse) reads the parts in stored order, and a
  // worksheet stored before xl/workbook.xml (as exceljs itself writes them) could be parsed without
  // it (exceljs#3064). Its parsers are fed from the zip's central directory instead: the workbook,
  // its relationships, shared strings and styles first, then the one sheet read. A path is read in
  // place; a stream is spooled to a private temp file first (the directory is at the end).
  let zip: ZipDirectory | undefined;
  let spooled: { remove(): void } | undefined;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    const z = zip;
    const s = spooled;
    void (z ? z.close() : Promise.resolve()).then(() => s?.remove());
  };
  const fail = (e: unknown): never => {
    close();
    if (e instanceof Refusal) throw e;
    throw new Refusal('import.read.xlsx', { detail: (e as Error).message });
  };

  // The reader's own `input` is never read: its parsers get the parts.
  const reader = utf8Safe(
    new Excel.stream.xlsx.WorkbookReader('', {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // needed to tell date cells from numbers
      hyperlinks: 'ignore',
      entries: 'ignore',
    }),
  );
  const r = reader as unknown as ReaderInternals;
  let sheets: SheetRef[] = [];
  try {
    let fh: FileHandle;
    if (input.stream) {
      const s = await spool(input.stream);
      spooled = s;
      fh = s.fh;
    } else {
      fh = await fsp.open(input.path!, 'r');
    }
    zip = await ZipDirectory.read(fh);
    const z = zip;
    const part = async (name: string | undefined): Promise<(Readable & ZipEntry) | null> => {
      const p = name === undefined ? undefined : z.part(name);
      return p ? z.stream(p) : null;
    };
    const rels = await part('xl/_rels/workbook.xml.rels');
    if (rels) await r._parseRels(rels);
    const workbook = await part('xl/workbook.xml');
    if (!workbook) throw new Error('no xl/workbook.xml: not a workbook');
    await r._parseWorkbook(workbook);
    const strings = await part(related(r, 'sharedStrings') ?? 'xl/sharedStrings.xml');
    if (strings) for await (const _ of r._parseSharedStrings(strings)) void _;
    const styles = await part(related(r, 'styles') ?? 'xl/styles.xml');
    if (styles) await r._parseStyles(styles);
    sheets = worksheets(r, z);
  } catch (e) {
    fail(e);
  }

  const wanted = input.sheet;
  const chosen = wanted === undefined ? sheets[0] : sheets.find((s) => s.name === wanted || s.name.trim() === wanted.trim());
  if (!chosen) {
    close();
    if (wanted !== undefined) throw new Refusal('import.read.noSheet', { sheet: wanted, sheets: sheets.map((s) => s.name).join(', ') });
    throw new Refusal('import.read.xlsx', { detail: 'no worksheet' });
  }
  let sheet: SheetReader | undefined;
  try {
    const parsed = r._parseWorksheet(await zip!.stream(chosen.part), chosen.no).next();
    sheet = parsed.done ? undefined : (parsed.value.value as SheetReader);
  } catch (e) {
    fail(e);
  }
  if (!sheet) return fail(new Error('no worksheet'));
  sheet.name = chosen.name; // exceljs names it only when the relationship's target is worksheets/sheetN.xml
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
  return openRows(rows(), profile, close, { format: 'xlsx', encoding: null, sheet: chosen.name }, (headers) =>
    serialDatesIn(headers, profile),
  );
}
