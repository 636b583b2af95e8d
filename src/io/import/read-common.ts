// What the format readers share: the input and the opened source, bytes in, header row
// detection and record assembly.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { Refusal } from '../../domain/errors.js';
import { countKnownHeaders, type Profile } from './profile.js';
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

// ---------------------------------------------------------------------------------------------
// Shared: bytes in, header row detection, record assembly

export function byteSource(input: ReadInput): NodeJS.ReadableStream {
  if (input.stream) return input.stream;
  if (input.path) return fs.createReadStream(input.path);
  throw new Refusal('import.read.noInput', {});
}

export function toBuffer(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
}

export function columnLetter(index0: number): string {
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
export function clean(s: string): string {
  return s.trim();
}

/** Header cells → unique record keys. */
export function headerKeys(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    const base = clean(c) === '' ? `(${columnLetter(i)})` : clean(c);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

export function toValues(headers: string[], cells: string[]): Record<string, string> {
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

export function isBlank(cells: string[]): boolean {
  return cells.every((c) => clean(c) === '');
}

export interface Row {
  line: number;
  cells: string[];
}

/**
 * Find the header among the first rows: the first with ≥ HEADER_MIN_KNOWN known header names;
 * failing that, the first row with at least two filled cells (else the first row).
 * Returns the header and the rows read past it (to be yielded first).
 */
export async function findHeader(
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

export async function openRows(
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
