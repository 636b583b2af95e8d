// Markdown: the title, the period, then each section as a heading and a pipe table.
import type { Lang } from '../../i18n/index.js';
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
