// Streaming readers: a city export file (CSV, XLSX, JSON, Open311) → raw records, each with the
// line of the file where it starts. Memory does not grow with the file for CSV and XLSX; JSON and
// Open311 files are parsed whole (JSON.parse: a JSON export is a single document; the city's JSON
// exports are small, the big ones come as CSV or XLSX).
import fs from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as csvParse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Refusal } from '../../domain/errors.js';
import { checkEncoding, detectEncoding, ReplacementCheck, SNIFF_BYTES, Utf8Check } from './encoding.js';
import { countKnownHeaders, defaultProfile, mapHeaders, type Profile } from './profile.js';
import type { ImportFormat, RawRecord } from './types.js';

export interface ReadInput {
  /** a file path; or give `stream` (stdin) */
  path?: string;
  stream?: NodeJS.ReadableStream;
  format: ImportFormat;
  /** CSV/JSON: the text encoding (iconv-lite name: 'utf-8', 'gb18030', 'gbk', …); detected when absent */
  encoding?: string;
  /** XLSX: the sheet to read, by name; the first sheet when absent */
  sheet?: string;
  /** the profile whose header names find the header row (default profile when absent) */
  profile?: Profile;
}

/** An opened import file: the header is known; the records follow (single use). */
export interface ImportSource {
  format: ImportFormat;
  /** CSV/JSON/Open311: the encoding the text was decoded with; null for XLSX */
  encoding: string | null;
  /** XLSX: the name of the sheet read; null otherwise */
  sheet: string | null;
  /** the line (sheet row) of the header; 0 when the file holds no rows at all (and for JSON) */
  headerLine: number;
  /** header cells, trimmed, in column order; empty header cells named '(C)' by column letter; repeats get ' (2)' */
  headers: string[];
  records: AsyncIterable<RawRecord>;
  /** Release the file when the records are not read to the end. Safe to call twice. */
  close(): void;
}

/** Rows searched for the header (a title block above it is skipped). */
export const HEADER_SEARCH_ROWS = 20;
/** A row is the header when it holds at least this many header names the profile knows. */
export const HEADER_MIN_KNOWN = 3;

/** Open an import file and read up to its header. Throws Refusal('import.read.*') on unreadable input. */
export async function openImport(input: ReadInput): Promise<ImportSource> {
  const profile = input.profile ?? defaultProfile();
  switch (input.format) {
    case 'csv':
      return openCsv(input, profile);
    case 'xlsx':
      return openXlsx(input, profile);
    case 'json':
    case 'open311':
      return openJson(input);
  }
}

/** The records of an import file (the header row is not a record). */
export async function* readRecords(input: ReadInput): AsyncIterable<RawRecord> {
  const src = await openImport(input);
  try {
    yield* src.records;
  } finally {
    src.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Shared: bytes in, header row detection, record assembly

function byteSource(input: ReadInput): NodeJS.ReadableStream {
  if (input.stream) return input.stream;
  if (input.path) return fs.createReadStream(input.path);
  throw new Refusal('import.read.noInput', {});
}

function toBuffer(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
}

function columnLetter(index0: number): string {
  let n = index0 + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Trimmed (String#trim also drops U+3000 ideographic spaces and a BOM). */
function clean(s: string): string {
  return s.trim();
}

/** Header cells → unique record keys. */
function headerKeys(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    const base = clean(c) === '' ? `(${columnLetter(i)})` : clean(c);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

function toValues(headers: string[], cells: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  headers.forEach((h, i) => {
    values[h] = clean(cells[i] ?? '');
  });
  for (let i = headers.length; i < cells.length; i++) {
    const v = clean(cells[i] ?? '');
    if (v !== '') values[`(${columnLetter(i)})`] = v;
  }
  return values;
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => clean(c) === '');
}

interface Row {
  line: number;
  cells: string[];
}

/**
 * Find the header among the first rows: the first with ≥ HEADER_MIN_KNOWN known header names;
 * failing that, the first row with at least two filled cells (else the first row).
 * Returns the header and the rows read past it (to be yielded first).
 */
async function findHeader(
  rows: AsyncIterator<Row>,
  profile: Profile,
): Promise<{ header: Row | null; pending: Row[]; done: boolean }> {
  const seen: Row[] = [];
  let done = false;
  while (seen.length < HEADER_SEARCH_ROWS) {
    const r = await rows.next();
    if (r.done) {
      done = true;
      break;
    }
    if (isBlank(r.value.cells)) continue;
    if (countKnownHeaders(r.value.cells, profile) >= HEADER_MIN_KNOWN) {
      return { header: r.value, pending: [], done: false };
    }
    seen.push(r.value);
  }
  const idx = Math.max(
    0,
    seen.findIndex((r) => r.cells.filter((c) => clean(c) !== '').length >= 2),
  );
  const header = seen[idx] ?? null;
  return { header, pending: seen.slice(idx + 1), done };
}

async function openRows(
  rows: AsyncIterator<Row>,
  profile: Profile,
  close: () => void,
  meta: { format: ImportFormat; encoding: string | null; sheet: string | null },
  fixCells?: (headers: string[]) => ((cells: string[]) => string[]) | null,
): Promise<ImportSource> {
  let found: Awaited<ReturnType<typeof findHeader>>;
  try {
    found = await findHeader(rows, profile);
  } catch (e) {
    close();
    throw e;
  }
  const { header, pending, done } = found;
  const headers = header ? headerKeys(header.cells) : [];
  const fix = fixCells?.(headers) ?? null;
  const values = (cells: string[]): Record<string, string> => toValues(headers, fix ? fix(cells) : cells);
  async function* records(): AsyncGenerator<RawRecord> {
    try {
      for (const r of pending) if (!isBlank(r.cells)) yield { line: r.line, values: values(r.cells) };
      if (done) return;
      for (;;) {
        const r = await rows.next();
        if (r.done) return;
        if (isBlank(r.value.cells)) continue;
        yield { line: r.value.line, values: values(r.value.cells) };
      }
    } finally {
      close();
    }
  }
  return { ...meta, headerLine: header?.line ?? 0, headers, records: records(), close };
}

// ---------------------------------------------------------------------------------------------
// CSV: bytes → (encoding sniffed on the first 64 KiB) → iconv-lite decode → csv-parse

function countLineBreaks(raw: string): number {
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (raw.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** Line breaks inside a record's fields (quoted multi-line values); CRLF counts once. */
function breaksInside(cells: string[]): number {
  let n = 0;
  for (const f of cells) {
    if (f.indexOf('\n') === -1 && f.indexOf('\r') === -1) continue;
    n += countLineBreaks(f);
  }
  return n;
}

/**
 * The largest CSV record (characters) the parser holds; a bigger one refuses the file, naming its
 * line (the parser cannot find the next record reliably after it). A cell over MAX_CELL_CHARS in a
 * smaller record is a row error (validate.ts).
 */
export const MAX_RECORD_CHARS = 1024 * 1024;

/** Records the parser may hold before the file is read further (backpressure). */
const QUEUE_HIGH = 512;
const QUEUE_LOW = 128;

async function openCsv(input: ReadInput, profile: Profile): Promise<ImportSource> {
  let encoding: string | null = null;
  if (input.encoding) {
    encoding = checkEncoding(input.encoding);
    if (!encoding) throw new Refusal('import.read.badEncoding', { encoding: input.encoding });
  }
  const source = byteSource(input);
  const it = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let complete = false;
  try {
    while (headBytes <= SNIFF_BYTES) {
      const r = await it.next();
      if (r.done) {
        complete = true;
        break;
      }
      const b = toBuffer(r.value);
      head.push(b);
      headBytes += b.length;
    }
  } catch (e) {
    void it.return?.();
    throw new Refusal('import.read.io', { detail: (e as Error).message });
  }
  const enc = encoding ?? detectEncoding(Buffer.concat(head), complete);

  // The bytes are written to csv-parse by hand rather than piped, so that (1) the file is read
  // only while fewer than QUEUE_HIGH parsed records wait, and (2) records parsed before an error
  // are still handed out, so the error names the line where the broken record starts.
  // csv-parse works on UTF-8 bytes and decodes each field whole, so UTF-8 goes in as it is (its
  // `bom` option drops a BOM); other encodings are decoded by iconv-lite first.
  const decoder = enc === 'utf-8' || enc === 'utf8' ? null : iconv.getDecoder(enc);
  // The encoding was detected from the start of the file: the whole file must decode cleanly in
  // it, else it is refused naming the first bad line (unless --encoding says otherwise).
  const utf8Check = !encoding && !decoder ? new Utf8Check() : null;
  const textCheck = !encoding && decoder ? new ReplacementCheck() : null;
  const badEncoding = (line: number): Refusal => new Refusal('input.encodingBroken', { line, encoding: enc });
  const parser = csvParse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true, max_record_size: MAX_RECORD_CHARS });
  const queue: string[][] = [];
  let failure: unknown = null;
  let ended = false;
  let stopped = false;
  let wakeReader: (() => void) | null = null;
  let wakePump: (() => void) | null = null;
  const notify = (): void => {
    const w = wakeReader;
    wakeReader = null;
    w?.();
  };
  const release = (): void => {
    const w = wakePump;
    wakePump = null;
    w?.();
  };
  parser.on('data', (rec: string[]) => {
    queue.push(rec);
    notify();
  });
  parser.on('error', (e: unknown) => {
    failure ??= e;
    notify();
  });
  parser.on('end', () => {
    ended = true;
    notify();
  });
  const feed = (b: Buffer): void => {
    if (decoder) {
      const s = decoder.write(b);
      const bad = s && textCheck ? textCheck.write(s) : null;
      if (bad !== null) throw badEncoding(bad);
      if (s) parser.write(s);
    } else {
      const bad = utf8Check?.write(b) ?? null;
      if (bad !== null) throw badEncoding(bad);
      parser.write(b);
    }
  };
  const pump = async (): Promise<void> => {
    try {
      for (const b of head) feed(b);
      head.length = 0;
      while (!complete && !stopped && failure === null) {
        while (queue.length >= QUEUE_HIGH && !stopped) await new Promise<void>((r) => (wakePump = r));
        if (stopped) break;
        const r = await it.next();
        if (r.done) break;
        feed(toBuffer(r.value));
      }
      if (!stopped && failure === null) {
        const tail = decoder?.end();
        const bad = utf8Check?.end() ?? (tail && textCheck ? textCheck.write(tail) : null);
        if (bad !== null) throw badEncoding(bad);
        if (tail) parser.write(tail);
        parser.end();
      }
    } catch (e) {
      failure ??= e instanceof Refusal ? e : new Refusal('import.read.io', { detail: (e as Error).message });
      notify();
    }
  };
  void pump();

  let nextLine = 1;
  async function* rows(): AsyncGenerator<Row> {
    for (;;) {
      const rec = queue.shift();
      if (rec !== undefined) {
        const line = nextLine;
        nextLine += 1 + breaksInside(rec);
        if (queue.length <= QUEUE_LOW) release();
        yield { line, cells: rec };
        continue;
      }
      if (failure !== null) {
        if (failure instanceof Refusal) throw failure;
        if ((failure as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw new Refusal('input.recordTooLarge', { line: nextLine, max: MAX_RECORD_CHARS });
        throw new Refusal('import.read.csv', { line: nextLine, detail: (failure as Error).message });
      }
      if (ended) return;
      await new Promise<void>((r) => (wakeReader = r));
    }
  }
  const close = (): void => {
    if (stopped) return;
    stopped = true;
    release();
    parser.destroy();
    void it.return?.();
  };
  return openRows(rows(), profile, close, { format: 'csv', encoding: enc, sheet: null });
}

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

async function openXlsx(input: ReadInput, profile: Profile): Promise<ImportSource> {
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

// ---------------------------------------------------------------------------------------------
// JSON and Open311: the document is parsed whole

/** Keys under which a JSON export may hold its array of rows. */
const ARRAY_KEYS = ['orders', 'records', 'data', 'rows', 'items', 'requests', 'service_requests'];

/**
 * Offsets of the elements of the top-level array (key null) or of the array under a top-level
 * key, in a text JSON.parse accepted. Only positions are found here; JSON.parse does the parsing.
 */
export function arrayElementOffsets(text: string, key: string | null): number[] {
  const starts: number[] = [];
  let depth = 0;
  let target = -1; // depth inside the target array
  let expecting = false;
  let lastString: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\uFEFF') continue;
    if (depth === target && expecting && c !== ']') {
      starts.push(i);
      expecting = false;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1) lastString = JSON.parse(text.slice(i, j + 1)) as string;
      i = j;
    } else if (c === '[' || c === '{') {
      depth++;
      if (target < 0 && c === '[' && ((key === null && depth === 1) || (key !== null && depth === 2 && lastString === key))) {
        target = depth;
        expecting = true;
      }
    } else if (c === ']' || c === '}') {
      if (depth === target) target = -2; // done: only the first matching array
      depth--;
    } else if (c === ',' && depth === target) {
      expecting = true;
    }
  }
  return starts;
}

function jsonText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The columns an Open311 request is mapped onto (our fields' English names). */
export const OPEN311_HEADERS = ['no', 'received_at', 'channel', 'type', 'category', 'title', 'content', 'address', 'citizen', 'phone'];

/**
 * Our type for an Open311 service: a type name in the service's name or code, else a few English
 * words (complaint → 投诉, inquiry/question/information → 咨询, suggestion → 建议), else 其他.
 */
export function open311Type(serviceName: string, serviceCode: string): string {
  const s = `${serviceName} ${serviceCode}`;
  for (const t of ['咨询', '求助', '投诉', '举报', '建议', '表扬']) if (s.includes(t)) return t;
  const l = s.toLowerCase();
  if (/complain/.test(l)) return '投诉';
  if (/inquir|enquir|question|information/.test(l)) return '咨询';
  if (/suggest/.test(l)) return '建议';
  return '其他';
}

/**
 * An Open311 GeoReport v2 service request → our columns: no = service_request_id, received_at =
 * requested_datetime, title = category = service_name, content = description, address, channel
 * 'open311', type by open311Type; citizen/phone when the export carries first_name/last_name/phone.
 * Status, coordinates, agency and expected_datetime are not carried over.
 */
export function open311Values(req: Record<string, unknown>): Record<string, string> {
  const service = jsonText(req['service_name']);
  const citizen = `${jsonText(req['last_name'])}${jsonText(req['first_name'])}`;
  return {
    no: jsonText(req['service_request_id']),
    received_at: jsonText(req['requested_datetime']),
    channel: 'open311',
    type: open311Type(service, jsonText(req['service_code'])),
    category: service,
    title: service,
    content: jsonText(req['description']),
    address: jsonText(req['address']),
    citizen,
    phone: jsonText(req['phone']),
  };
}

/** A JSON document is parsed whole: bigger ones must come as CSV or XLSX (bounded memory). */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

async function openJson(input: ReadInput): Promise<ImportSource> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of byteSource(input) as AsyncIterable<unknown>) {
      const b = toBuffer(c);
      size += b.length;
      if (size > MAX_JSON_BYTES) throw new Refusal('input.jsonTooLarge', { max: MAX_JSON_BYTES / 1048576 });
      chunks.push(b);
    }
  } catch (e) {
    if (e instanceof Refusal) throw e;
    throw new Refusal('import.read.io', { detail: (e as Error).message });
  }
  const buf = Buffer.concat(chunks);
  // As for CSV: the start of the file decides, and the whole file must decode cleanly in it.
  let enc: string = detectEncoding(buf.subarray(0, SNIFF_BYTES + 1), buf.length <= SNIFF_BYTES);
  if (input.encoding) {
    const e = checkEncoding(input.encoding);
    if (!e) throw new Refusal('import.read.badEncoding', { encoding: input.encoding });
    enc = e;
  } else if (enc === 'utf-8') {
    const check = new Utf8Check();
    const bad = check.write(buf) ?? check.end();
    if (bad !== null) throw new Refusal('input.encodingBroken', { line: bad, encoding: enc });
  }
  const text = iconv.decode(buf, enc).replace(/^\uFEFF/, '');
  if (!input.encoding && enc !== 'utf-8') {
    const bad = new ReplacementCheck().write(text);
    if (bad !== null) throw new Refusal('input.encodingBroken', { line: bad, encoding: enc });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Refusal('import.read.json', { detail: (e as Error).message });
  }
  let key: string | null = null;
  let list: unknown[];
  if (Array.isArray(doc)) list = doc;
  else if (typeof doc === 'object' && doc !== null) {
    const obj = doc as Record<string, unknown>;
    const arrays = Object.keys(obj).filter((k) => Array.isArray(obj[k]));
    const k = ARRAY_KEYS.find((a) => arrays.includes(a)) ?? (arrays.length === 1 ? arrays[0] : undefined);
    if (k === undefined) throw new Refusal('import.read.jsonShape', {});
    key = k;
    list = obj[k] as unknown[];
  } else {
    throw new Refusal('import.read.jsonShape', {});
  }
  const offsets = arrayElementOffsets(text, key);
  const lines: number[] = [];
  let line = 1;
  let pos = 0;
  for (const off of offsets) {
    for (; pos < off; pos++) if (text.charCodeAt(pos) === 10) line++;
    lines.push(line);
  }
  const open311 = input.format === 'open311';
  const objects = list.map((el) =>
    typeof el === 'object' && el !== null && !Array.isArray(el) ? (el as Record<string, unknown>) : {},
  );
  let headers: string[];
  if (open311) headers = [...OPEN311_HEADERS];
  else {
    const seen = new Set<string>();
    for (const o of objects) for (const k of Object.keys(o)) seen.add(k);
    headers = [...seen];
  }
  async function* records(): AsyncGenerator<RawRecord> {
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i]!;
      const values: Record<string, string> = {};
      if (open311) Object.assign(values, open311Values(o));
      else for (const h of headers) values[h] = jsonText(o[h]);
      if (Object.values(values).every((v) => v === '') && !open311) continue;
      yield { line: lines[i] ?? 0, values };
    }
  }
  return {
    format: input.format,
    encoding: enc,
    sheet: null,
    headerLine: 0,
    headers,
    records: records(),
    close: () => undefined,
  };
}
