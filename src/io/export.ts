// Export files for the city platform: rows streamed out as CSV (UTF-8 with BOM, CRLF), XLSX
// (exceljs's streaming writer) or JSON (one array). Text cells that a spreadsheet would take as a
// formula (= + - @ …) are neutralised in CSV and XLSX.
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { BOM, csvLine, neutralise } from './render/csv.js';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;

/**
 * The columns of `export orders`, in order (headers: the catalogue's export.col.<key>). The import
 * knows a file with exactly these headers as hotline's own export and refuses it
 * (io/import/profile.ts): its names and phones are masked and its 办理时限 is hotline's due time.
 */
export const ORDER_EXPORT_KEYS = [
  'no',
  'receivedAt',
  'channel',
  'type',
  'category',
  'urgency',
  'citizen',
  'phone',
  'address',
  'town',
  'title',
  'content',
  'status',
  'dueAt',
  'leadUnit',
  'coUnits',
  'returnCount',
  'reworkCount',
  'satisfaction',
] as const;
export type OrderExportKey = (typeof ORDER_EXPORT_KEYS)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface Column<R> {
  header: string;
  value: (row: R) => string | number | boolean | null | undefined;
}

/**
 * Write and wait for room. A stream that failed (disk full, file too large, reader gone) makes
 * this throw its error instead of waiting for a 'drain' that never comes: the error may already
 * have been set (checked first) or arrive while waiting (`once` rejects on 'error').
 */
async function write(out: Writable, s: string | Buffer): Promise<void> {
  if (out.errored) throw out.errored;
  if (out.write(s)) return;
  if (out.errored || out.destroyed) throw out.errored ?? new Error('the output was closed');
  await once(out, 'drain');
}

/** Rejects as soon as `out` fails (or at once if it already has): raced with exceljs's commit. */
function failure(out: Writable): Promise<never> {
  return new Promise((_, reject) => {
    if (out.errored) reject(out.errored);
    else out.once('error', reject);
  });
}

/** Write rows in a format; returns how many were written. `json` rows are written as they are. */
export async function writeExport<R extends object>(out: Writable, format: ExportFormat, columns: Column<R>[], rows: AsyncIterable<R>, sheetName = 'export'): Promise<number> {
  let n = 0;
  if (format === 'json') {
    await write(out, '[');
    for await (const r of rows) await write(out, `${n++ === 0 ? '\n' : ',\n'}  ${JSON.stringify(r)}`);
    await write(out, n === 0 ? ']\n' : '\n]\n');
    return n;
  }
  if (format === 'csv') {
    await write(out, `${BOM}${csvLine(columns.map((c) => c.header))}\r\n`);
    for await (const r of rows) {
      await write(out, `${csvLine(columns.map((c) => c.value(r)))}\r\n`);
      n++;
    }
    return n;
  }
  const { default: Excel } = await import('exceljs');
  // exceljs pipes its zip into the stream it is given and waits for that stream's 'finish'; a pipe
  // never ends stdout, so it would wait for ever (exit 13). It gets a sink of its own that passes
  // each chunk on (with backpressure and errors) and leaves ending `out` to the caller.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, cb) {
      write(out, chunk).then(() => cb(), cb);
    },
  });
  sink.on('error', () => undefined); // read by failure() below
  const book = new Excel.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: Math.max(10, Math.min(40, c.header.length * 2 + 4)) }));
  sheet.getRow(1).font = { bold: true };
  for await (const r of rows) {
    if (sink.errored) throw sink.errored;
    sheet.addRow(columns.map((c) => {
      const v = c.value(r);
      return typeof v === 'string' ? neutralise(v) : (v ?? null);
    })).commit();
    n++;
  }
  sheet.commit();
  const failed = failure(sink);
  failed.catch(() => undefined);
  await Promise.race([book.commit(), failed]);
  return n;
}
