// Terminal tables (cli-table3). Chinese characters are two columns wide: cli-table3 measures
// with string-width, which knows East Asian wide characters; we keep ambiguous-width characters
// (…, —, ·) out of cells so every terminal agrees. No colour unless asked for.
import Table from 'cli-table3';
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
  if (width <= 0 || displayWidth(s) <= width) return s;
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

/** One section as a cli-table3 table (no title). */
export function sectionTable(sec: Section, opts: TableOptions = {}): string {
  const chalk = new Chalk({ level: opts.color ? 1 : 0 });
  const max = opts.maxCellWidth ?? 30;
  const numericCols = sec.headers.map((_, i) => sec.rows.some((r) => r[i] !== undefined && isNumeric(r[i]!)));
  const table = new Table({
    head: sec.headers.map((x) => (opts.color ? chalk.bold.cyan(x) : x)),
    style: { head: [], border: [], compact: true },
    colAligns: numericCols.map((n) => (n ? 'right' : 'left')),
  });
  const flagged = new Set(sec.flagged ?? []);
  const strong = new Set(sec.strong ?? []);
  sec.rows.forEach((row, i) => {
    table.push(
      row.map((c) => {
        const s = c.t === 'text' ? truncate(show(c), max) : show(c);
        if (!opts.color) return s;
        if (flagged.has(i)) return chalk.red(s);
        if (strong.has(i)) return chalk.bold(s);
        return s;
      }),
    );
  });
  return table.toString();
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
