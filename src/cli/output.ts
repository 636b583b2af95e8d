// Small shared output helpers for commands: a plain table on a terminal (CJK-aware widths come
// from cli-table3's string-width), tab-separated lines when piped, so `| cut` and `| sort` work.
import Table from 'cli-table3';
import { displayWidth } from '../io/render/table.js';
import type { Terminal } from './terminal.js';

export type Cell = string | number | null | undefined;

export function printTable(term: Terminal, headKeys: string[], rows: Cell[][]): void {
  const head = headKeys.map((k) => term.t(k));
  const text = (c: Cell): string => (c === null || c === undefined ? '' : String(c));
  if (!term.isTTY) {
    term.out([head, ...rows.map((r) => r.map(text))].map((r) => r.join('\t')).join('\n'));
    return;
  }
  const table = new Table({
    head: head.map((h) => term.chalk.bold(h)),
    style: { head: [], border: [], compact: true },
    wordWrap: true,
  });
  for (const r of rows) table.push(r.map(text));
  term.out(table.toString());
}

/** key: value lines, labels translated and padded to one width. */
export function printFields(term: Terminal, fields: [string, Cell][]): void {
  const labels = fields.map(([k]) => term.t(k));
  const width = Math.max(...labels.map(displayWidth));
  const lines = fields.map(([, v], i) => `${term.chalk.dim(padEnd(labels[i]!, width))}  ${v ?? ''}`);
  term.out(lines.join('\n'));
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}
