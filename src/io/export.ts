// Export files for the city platform: rows streamed out as CSV (UTF-8 with BOM, CRLF), XLSX
// (exceljs's streaming writer) or JSON (one array). Text cells that a spreadsheet would take as a
// formula (= + - @ …) are neutralised in CSV and XLSX.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { BOM, csvLine, neutralise } from './render/csv.js';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface Column<R> {
  header: string;
  value: (row: R) => string | number | boolean | null | undefined;
}

async function write(out: Writable, s: string | Buffer): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
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
  const book = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: Math.max(10, Math.min(40, c.header.length * 2 + 4)) }));
  sheet.getRow(1).font = { bold: true };
  for await (const r of rows) {
    sheet.addRow(columns.map((c) => {
      const v = c.value(r);
      return typeof v === 'string' ? neutralise(v) : (v ?? null);
    })).commit();
    n++;
  }
  sheet.commit();
  await book.commit();
  return n;
}
