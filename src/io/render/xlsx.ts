// XLSX (exceljs): one sheet per section, a bold header row, the same numbers as the JSON
// (ratios stored as numbers 0..1 with a percentage format, scores with 2 decimals).
import ExcelJS from 'exceljs';
import type { Lang } from '../../i18n/index.js';
import { sectionsOf, show, type AnyReport, type Cell } from './model.js';
import { displayWidth } from './table.js';
import { neutralise } from './csv.js';
import { formatTimeShort } from '../../domain/time.js';

const PCT = '0.00%';
const NUM = '0.00';

/** A worksheet name Excel accepts: ≤ 31 characters, none of : \ / ? * [ ], unique in the book. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

function value(c: Cell): ExcelJS.CellValue {
  if (c.v === null) return null;
  switch (c.t) {
    case 'text':
      return neutralise(c.v);
    case 'time':
      return formatTimeShort(c.v);
    default:
      return c.v;
  }
}

/** The report as an XLSX workbook. Sections with no rows still get their sheet (a header only). */
export async function renderXlsx(r: AnyReport, lang: Lang = 'zh'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hotline';
  const used = new Set<string>();
  for (const sec of sectionsOf(r, lang)) {
    const ws = wb.addWorksheet(sheetName(sec.title, used));
    const header = ws.addRow(sec.headers);
    header.font = { bold: true };
    const widths = sec.headers.map((x) => displayWidth(x));
    for (const row of sec.rows) {
      const xr = ws.addRow(row.map(value));
      row.forEach((c, i) => {
        const cell = xr.getCell(i + 1);
        if (c.t === 'pct') cell.numFmt = PCT;
        else if (c.t === 'num') cell.numFmt = NUM;
        widths[i] = Math.max(widths[i] ?? 0, displayWidth(show(c)));
      });
    }
    for (const i of sec.strong ?? []) ws.getRow(i + 2).font = { bold: true };
    widths.forEach((w, i) => {
      ws.getColumn(i + 1).width = Math.min(60, Math.max(8, w + 2));
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
