// CSV (UTF-8 with a BOM so Excel reads Chinese; CRLF lines). A cell that starts with = + - @
// (or a tab / carriage return) would be a formula in a spreadsheet: it is neutralised with a
// leading apostrophe. Numbers we write ourselves are not touched (−3 stays −3).
import type { Lang } from '../../i18n/index.js';
import { fmtPct, sectionsOf, subtitleLines, titleOf, type AnyReport, type Cell, type Section } from './model.js';
import { formatTimeShort } from '../../domain/time.js';

export const BOM = '\uFEFF';

/** A text cell made safe against formula injection: a leading = + - @ TAB CR gets an apostrophe. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * One CSV field, ready to join with ','. Strings are neutralised (see neutralise) and quoted when
 * they hold a comma, quote or line break; numbers are written as they are; null/undefined → ''.
 */
export function csvSafe(cell: string | number | boolean | null | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return quote(neutralise(cell));
}

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV line from fields (csvSafe each), without the line break. */
export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvSafe).join(',');
}

/** A typed cell for CSV: percentages as '93.33%' (Excel reads them as numbers), times 'yyyy-MM-dd HH:mm'. */
function cellCsv(c: Cell): string {
  if (c.v === null) return '';
  switch (c.t) {
    case 'int':
      return String(c.v);
    case 'num':
      return c.v.toFixed(2);
    case 'pct':
      return fmtPct(c.v);
    case 'time':
      return formatTimeShort(c.v);
    case 'text':
      return csvSafe(c.v);
  }
}

function sectionCsv(sec: Section, withTitle: boolean): string[] {
  const lines: string[] = [];
  if (withTitle) lines.push(csvSafe(sec.title));
  lines.push(csvLine(sec.headers));
  for (const row of sec.rows) lines.push(row.map(cellCsv).join(','));
  return lines;
}

export interface CsvOptions {
  /** Only this section (by id, e.g. 'units'), as a plain table without a title line. */
  section?: string;
}

/**
 * The report as CSV. The overdue watch (and any single `section`) is one plain table with a header
 * line; the other reports are their sections one after another, each with a title line, separated
 * by an empty line, after the report's title and period.
 */
export function renderCsv(r: AnyReport, lang: Lang = 'zh', opts: CsvOptions = {}): string {
  const sections = sectionsOf(r, lang);
  let lines: string[];
  if (opts.section !== undefined) {
    const sec = sections.find((x) => x.id === opts.section);
    lines = sec ? sectionCsv(sec, false) : [];
  } else if (sections.length === 1) {
    lines = sectionCsv(sections[0]!, false);
  } else {
    lines = [csvSafe(titleOf(r, lang)), ...subtitleLines(r, lang).map(csvSafe)];
    for (const sec of sections) lines.push('', ...sectionCsv(sec, true));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** Section ids a report has (for --section). */
export function csvSections(r: AnyReport, lang: Lang = 'zh'): string[] {
  return sectionsOf(r, lang).map((s) => s.id);
}
