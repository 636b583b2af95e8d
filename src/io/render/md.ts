// Markdown: the circular as its document (numbered sections, prose, tables); the other reports
// as the title, the period, then each section as a heading and a pipe table.
import type { Lang } from '../../i18n/index.js';
import type { CircularReport } from '../../domain/figures.js';
import { circularBlocks } from './document.js';
import { isNumeric, sectionsOf, show, subtitleLines, titleOf, msg, type AnyReport, type Section } from './model.js';

function cellMd(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function sectionMarkdown(sec: Section): string {
  const numeric = sec.headers.map((_, i) => sec.rows.some((r) => r[i] !== undefined && isNumeric(r[i]!)));
  const lines = [
    `| ${sec.headers.map(cellMd).join(' | ')} |`,
    `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
    ...sec.rows.map((row) => `| ${row.map((c) => cellMd(show(c))).join(' | ')} |`),
  ];
  return lines.join('\n');
}

export function renderMarkdown(r: AnyReport, lang: Lang = 'zh'): string {
  if (!Array.isArray(r) && r.kind === 'circular') return circularMarkdown(r, lang);
  const out: string[] = [`# ${titleOf(r, lang)}`, ''];
  for (const line of subtitleLines(r, lang)) out.push(`${line}  `);
  const sections = sectionsOf(r, lang);
  for (const sec of sections) {
    out.push('');
    if (sections.length > 1) out.push(`## ${sec.title}`, '');
    out.push(sec.rows.length === 0 ? msg(lang, 'report.prose.none') : sectionMarkdown(sec));
  }
  return `${out.join('\n')}\n`;
}

/** Markdown tables stay readable: a table wider than MD_COLUMNS is cut into parts, each with the first (name) column. */
const MD_COLUMNS = 10;

function splitColumns(sec: Section): Section[] {
  if (sec.headers.length <= MD_COLUMNS) return [sec];
  const parts: Section[] = [];
  for (let from = 1; from < sec.headers.length; from += MD_COLUMNS - 1) {
    const cols = [0, ...sec.headers.map((_, i) => i).slice(from, from + MD_COLUMNS - 1)];
    parts.push({ ...sec, headers: cols.map((i) => sec.headers[i]!), rows: sec.rows.map((r) => cols.map((i) => r[i]!)) });
  }
  return parts;
}

/** The circular in Markdown: the document's numbered sections and prose, tables as pipe tables (charts are for HTML). */
export function circularMarkdown(r: CircularReport, lang: Lang = 'zh'): string {
  const out: string[] = [];
  const para = (s: string): void => {
    out.push(s, '');
  };
  let note = 0;
  for (const x of circularBlocks(r, lang)) {
    switch (x.k) {
      case 'title':
        para(`# ${x.text}`);
        break;
      case 'docNo':
      case 'to':
        para(x.text);
        break;
      case 'h2':
        para(`## ${x.text}`);
        break;
      case 'h3':
        para(`### ${x.text}`);
        break;
      case 'p':
        para(x.text);
        break;
      case 'table':
        if (x.more) para(x.more);
        for (const part of splitColumns(x.sec)) para(sectionMarkdown(part));
        break;
      case 'chart':
        break;
      case 'sign':
        para(`${x.issuer}  \n${x.date}`);
        break;
      case 'cc':
        para('---');
        para(x.text);
        break;
      case 'annex':
        para(`## ${x.title}`);
        para(x.period);
        break;
      case 'notes':
        para(`### ${x.title}`);
        para(x.items.map((it) => `${++note}. ${it.text}`).join('\n'));
        break;
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
