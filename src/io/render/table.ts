// Terminal tables (cli-table3). Chinese characters are two columns wide: cli-table3 measures
// with string-width, which knows East Asian wide characters; we keep ambiguous-width characters
// (…, —, ·) out of cells so every terminal agrees. No colour unless asked for.
import Table from 'cli-table3';
import { colorizeLines, strlen } from 'cli-table3/src/utils.js';
import { Chalk } from 'chalk';
import type { Lang } from '../../i18n/index.js';
import { circularText } from './doc-text.js';
import { isNumeric, sectionsOf, show, subtitleLines, titleOf, type AnyReport, type Section } from './model.js';

export interface TableOptions {
  /** Colour headers and flagged rows (default false: the CLI passes true only on a TTY without NO_COLOR). */
  color?: boolean;
  /** Cut long text cells to this display width (default 30; 0 = never). */
  maxCellWidth?: number;
  /** The terminal's width (the circular fits it; default 80). */
  width?: number;
  /** Full tables: no column dropped to fit the width. */
  wide?: boolean;
}

/** Display width in terminal columns: East Asian wide and fullwidth characters count 2. */
export function displayWidth(s: string): number {
  const text = s.includes('\u001b') ? s.replace(/\u001b\[[0-9;]*m/g, '') : s;
  let w = 0;
  // By code point (a surrogate pair is one), without making a string for each character.
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (cp < 32 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Cut a string to a display width, marking the cut with '...'. */
export function truncate(s: string, width: number): string {
  // No character is wider than two columns: a short text fits without being measured.
  if (width <= 0 || s.length * 2 <= width || displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = displayWidth(ch);
    if (w + cw > width - 3) break;
    out += ch;
    w += cw;
  }
  return `${out}...`;
}

/**
 * Rows cli-table3 lays out at once. Its layout looks for gaps left by row and column spans by
 * comparing every cell with every row above it, so its time grows with the square of the rows
 * (the overdue watch's 4,000 rows on a million orders: 3.7 s), and it measures each cell several
 * times. A longer table is drawn here, as cli-table3 draws a table without spans: its borders,
 * one space of padding, each cell measured once with cli-table3's own `strlen` and its colour
 * codes closed by cli-table3's own `colorizeLines`. A cell holding a line break (several lines
 * to a row) leaves the table to cli-table3, in slices of this many rows with the whole table's
 * column widths. test/io/table-slices.test.ts holds both to cli-table3's text for the whole table.
 */
export const TABLE_SLICE = 100;

type Align = 'left' | 'right';

function cliTable(head: string[], rows: string[][], aligns: Align[], colWidths?: number[]): string {
  const table = new Table({ head, style: { head: [], border: [], compact: true }, colAligns: aligns, ...(colWidths ? { colWidths } : {}) });
  table.push(...rows);
  return table.toString();
}

/** A table of one header row and body rows, as cli-table3 draws it (compact, no colours on borders). */
export function drawTable(head: string[], rows: string[][], aligns: Align[], slice = TABLE_SLICE): string {
  if (rows.length <= slice) return cliTable(head, rows, aligns);
  const plain = [head, ...rows].every((r) => r.length === head.length && r.every((c) => !c.includes('\n')));
  return plain ? drawPlain(head, rows, aligns) : drawSlices(head, rows, aligns, slice);
}

/**
 * Text whose width is the sum of its characters' (what cli-table3's strlen, string-width, gives
 * it: no colour code, no emoji sequence can be made of these): printable ASCII, one column each;
 * CJK ideographs, 、。〃〈〉《》「」『』【】 and the fullwidth forms of ASCII (，：（）！？), two each.
 * test/io/table-slices.test.ts checks every one of these characters against strlen.
 */
export const SIMPLE_TEXT = /^[\x20-\x7e\u3001-\u3003\u3008-\u3011\u4e00-\u9fff\uff01-\uff5e]*$/;

/** A cell's display width as cli-table3 measures it, without its costly measure for simple text. */
export function cellWidth(c: string): number {
  if (!SIMPLE_TEXT.test(c)) return strlen(c);
  let w = c.length;
  for (let i = 0; i < c.length; i++) if (c.charCodeAt(i) > 0x7e) w++;
  return w;
}

/** A table whose cells are one line each, drawn directly (see TABLE_SLICE). */
function drawPlain(head: string[], rows: string[][], aligns: Align[]): string {
  const all = [head, ...rows];
  const cols = head.length;
  // Colour codes left open are closed as cli-table3 closes them (only cells that have any).
  const cells = all.map((r) => (r.some((c) => c.includes('\u001b')) ? r.map((c) => (c.includes('\u001b') ? colorizeLines([c])[0]! : c)) : r));
  const lens = new Int32Array(all.length * cols);
  const widths = new Array<number>(cols).fill(0);
  cells.forEach((r, k) => {
    for (let i = 0; i < cols; i++) {
      const w = cellWidth(r[i]!);
      lens[k * cols + i] = w;
      if (w > widths[i]!) widths[i] = w;
    }
  });
  const pads = widths.map((w) => ' '.repeat(w));
  const right = aligns.map((a) => a === 'right');
  const border = (l: string, m: string, r: string): string => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const line = (k: number): string => {
    const r = cells[k]!;
    let out = '│';
    for (let i = 0; i < cols; i++) {
      const fill = pads[i]!.slice(lens[k * cols + i]!);
      out += right[i] ? ` ${fill}${r[i]!} │` : ` ${r[i]!}${fill} │`;
    }
    return out;
  };
  const out = [border('┌', '┬', '┐'), line(0), border('├', '┼', '┤')];
  for (let k = 1; k < cells.length; k++) out.push(line(k));
  out.push(border('└', '┴', '┘'));
  return out.join('\n');
}

/** The column widths (padding included) of a drawn table, read from its top border. */
function drawnWidths(text: string): number[] {
  const top = text.slice(0, text.indexOf('\n'));
  return top.slice(1, -1).split('┬').map((run) => run.length);
}

/** cli-table3 in slices of `slice` rows, with the whole table's column widths, lines joined. */
function drawSlices(head: string[], rows: string[][], aligns: Align[], slice: number): string {
  const slices: string[][][] = [];
  for (let i = 0; i < rows.length; i += slice) slices.push(rows.slice(i, i + slice));
  const widths = head.map(() => 0);
  for (const part of slices) drawnWidths(cliTable(head, part, aligns)).forEach((w, i) => (widths[i] = Math.max(widths[i]!, w)));
  const out: string[] = [];
  slices.forEach((part, k) => {
    const lines = cliTable(head, part, aligns, widths).split('\n');
    // Each slice: top border, the header, the line under it, its rows, bottom border.
    const body = lines.findIndex((l) => l.startsWith('├')) + 1;
    out.push(...lines.slice(k === 0 ? 0 : body, k === slices.length - 1 ? lines.length : -1));
  });
  return out.join('\n');
}

/** One section as a cli-table3 table (no title). */
export function sectionTable(sec: Section, opts: TableOptions = {}): string {
  const chalk = new Chalk({ level: opts.color ? 1 : 0 });
  const max = opts.maxCellWidth ?? 30;
  const numericCols = sec.headers.map((_, i) => sec.rows.some((r) => r[i] !== undefined && isNumeric(r[i]!)));
  const flagged = new Set(sec.flagged ?? []);
  const strong = new Set(sec.strong ?? []);
  const rows = sec.rows.map((row, i) =>
    row.map((c) => {
      const s = c.t === 'text' ? truncate(show(c), max) : show(c);
      if (!opts.color) return s;
      if (flagged.has(i)) return chalk.red(s);
      if (strong.has(i)) return chalk.bold(s);
      return s;
    }),
  );
  return drawTable(
    sec.headers.map((x) => (opts.color ? chalk.bold.cyan(x) : x)),
    rows,
    numericCols.map((n) => (n ? 'right' : 'left')),
  );
}

/** The whole report for a terminal: title, period, then each non-empty section with its title. */
export function renderTable(r: AnyReport, lang: Lang = 'zh', opts: TableOptions = {}): string {
  if (!Array.isArray(r) && r.kind === 'circular') return circularText(r, lang, opts);
  const chalk = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [chalk.bold(titleOf(r, lang)), ...subtitleLines(r, lang)];
  const sections = sectionsOf(r, lang);
  for (const sec of sections) {
    if (sec.rows.length === 0) continue;
    // A one-table report (the overdue watch) needs no second title.
    out.push('', ...(sections.length > 1 ? [chalk.bold(sec.title)] : []), sectionTable(sec, opts));
  }
  return `${out.join('\n')}\n`;
}
