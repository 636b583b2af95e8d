// The report renderers. `render` picks one by --format; each is also exported on its own.
// HTML (ECharts, ~0.7 s to load) and XLSX (exceljs, ~0.4 s) are loaded only when asked for:
// import them from './html.js' / './xlsx.js' directly if you need them by name.
import type { Lang } from '../../i18n/index.js';
import { renderCsv, type CsvOptions } from './csv.js';
import type { HtmlOptions } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './md.js';
import type { AnyReport } from './model.js';
import { renderTable, type TableOptions } from './table.js';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'xlsx', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type RenderOptions = TableOptions & CsvOptions & HtmlOptions;

/** The report in a format: a string for text formats, a Buffer for xlsx. */
export async function render(r: AnyReport, format: ReportFormat, lang: Lang = 'zh', opts: RenderOptions = {}): Promise<string | Buffer> {
  switch (format) {
    case 'table':
      return renderTable(r, lang, opts);
    case 'json':
      return renderJson(r, lang);
    case 'csv':
      return renderCsv(r, lang, opts);
    case 'xlsx':
      return (await import('./xlsx.js')).renderXlsx(r, lang);
    case 'md':
      return renderMarkdown(r, lang);
    case 'html':
      return (await import('./html.js')).renderHtml(r, lang, opts);
  }
}

export { renderCsv, csvSafe, csvLine, neutralise, BOM } from './csv.js';
export { renderJson, reportJson } from './json.js';
export { renderMarkdown } from './md.js';
export { renderTable, displayWidth, type TableOptions } from './table.js';
export type { HtmlOptions } from './html.js';
export { sectionsOf, definitionTexts, type AnyReport, type OverdueReport, type Section, type Cell } from './model.js';
