// The circular for a terminal: the document's blocks (./document.ts) as plain text that fits the
// terminal's width — paragraphs wrapped by display width (a Chinese character is two columns),
// tables narrowed by dropping the columns on the right that do not fit (said under the table;
// `wide` keeps every column), long text cells cut. No line is wider than `width`.
import { Chalk } from 'chalk';
import type { Lang } from '../../i18n/index.js';
import type { CircularReport } from '../../domain/figures.js';
import { circularBlocks } from './document.js';
import { isNumeric, msg, show, type Section } from './model.js';
import { displayWidth, truncate } from './table.js';

export interface DocTextOptions {
  /** Terminal columns (default 80). */
  width?: number;
  /** Keep every column of every table, whatever the width. */
  wide?: boolean;
  color?: boolean;
}

const NO_LINE_START = /[，。、；：？！）》」』”’%]/;

/** Cut a text into lines of at most `width` display columns; English breaks at spaces where it can. */
export function wrap(s: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = indent;
  let w = displayWidth(indent);
  for (const ch of s) {
    const cw = displayWidth(ch);
    if (w + cw > width) {
      const space = line.lastIndexOf(' ');
      if (/[\x21-\x7e]/.test(ch) && space > indent.length && space > line.length - 20) {
        lines.push(line.slice(0, space));
        line = line.slice(space + 1);
      } else if (NO_LINE_START.test(ch) && [...line].length > 1) {
        // Chinese punctuation never starts a line: the characters before it go down with it
        // until the new line starts with something else ('6），' moves whole).
        const chars = [...line];
        let moved = '';
        while (chars.length > 1 && (moved === '' || NO_LINE_START.test(moved[0]!))) moved = chars.pop()! + moved;
        lines.push(chars.join(''));
        line = moved;
      } else {
        lines.push(line);
        line = '';
      }
      if (ch === ' ') {
        w = displayWidth(line);
        continue;
      }
      w = displayWidth(line);
    }
    line += ch;
    w += cw;
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
}

function pad(s: string, width: number, right: boolean): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? gap + s : s + gap;
}

/** A section as aligned text columns fitting `width` (unless `wide`), with a note naming the columns left out. */
export function fitTable(sec: Section, lang: Lang, width: number, wide: boolean): string[] {
  const maxText = wide ? 0 : 24;
  const cells = sec.rows.map((row) => row.map((c) => (c.t === 'text' ? truncate(show(c), maxText) : show(c))));
  const numeric = sec.headers.map((_, i) => sec.rows.some((r) => r[i] !== undefined && isNumeric(r[i]!)));
  let widths = sec.headers.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ''))));
  const total = (ws: number[]): number => ws.reduce((a, b) => a + b, 0) + 2 * (ws.length - 1);
  let keep = sec.headers.length;
  if (!wide) {
    while (keep > 1 && total(widths.slice(0, keep)) > width) keep--;
    // One column still too wide: cut its cells.
    if (total(widths.slice(0, keep)) > width) widths = [width, ...widths.slice(1)];
  }
  const cols = widths.slice(0, keep);
  const line = (row: string[]): string => row.slice(0, keep).map((c, i) => pad(keep === 1 ? truncate(c, cols[i]!) : c, cols[i]!, numeric[i]!)).join('  ').trimEnd();
  const out = [line(sec.headers), cols.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  if (keep < sec.headers.length) {
    const hidden = sec.headers.slice(keep);
    out.push(...wrap(msg(lang, 'circular.terminal.hiddenColumns', { count: hidden.length, columns: hidden.join('、') }), width));
  }
  return out;
}

/** The circular as terminal text, every line at most `width` display columns. */
export function circularText(r: CircularReport, lang: Lang = 'zh', opts: DocTextOptions = {}): string {
  const width = Math.max(40, opts.width ?? 80);
  const wide = opts.wide ?? false;
  const chalk = new Chalk({ level: opts.color ? 1 : 0 });
  const indent = lang === 'zh' ? '　　' : '  ';
  const out: string[] = [];
  const center = (s: string): string[] => wrap(s, width).map((l) => ' '.repeat(Math.max(0, Math.floor((width - displayWidth(l)) / 2))) + l);
  for (const x of circularBlocks(r, lang)) {
    switch (x.k) {
      case 'title':
        out.push(...center(x.text).map((l) => chalk.bold(l)));
        break;
      case 'docNo':
        out.push(...center(x.text));
        break;
      case 'to':
        out.push('', ...wrap(x.text, width));
        break;
      case 'h2':
        out.push('', ...wrap(x.text, width).map((l) => chalk.bold(l)));
        break;
      case 'h3':
        out.push(...wrap(x.text, width, indent).map((l) => chalk.bold(l)));
        break;
      case 'p':
        out.push(...wrap(x.text, width, indent));
        break;
      case 'table':
        if (x.more) out.push(...wrap(x.more, width));
        out.push('', ...fitTable(x.sec, lang, width, wide), '');
        break;
      case 'chart':
        break;
      case 'sign':
        for (const s of [x.issuer, x.date]) out.push(...wrap(s, width).map((l) => pad(l, width, true)));
        break;
      case 'cc':
        out.push('', ...wrap(x.text, width));
        break;
      case 'annex':
        out.push('', ...wrap(x.title, width).map((l) => chalk.bold(l)), ...wrap(x.period, width));
        break;
      case 'notes':
        out.push('', ...wrap(x.title, width).map((l) => chalk.bold(l)));
        x.items.forEach((it, i) => out.push(...wrap(`${i + 1}. ${it.text}`, width)));
        break;
    }
  }
  // One empty line between blocks, never two.
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
