// One self-contained HTML file: the circular (通报) as an official document — title, 文号, 主送,
// sections 一 to 七, issuer and date, 抄送 (./document.ts), then the annexed statistics table on
// landscape pages and the definitions as footnotes — printable on A4, charts as inline SVG (ECharts server-side). No script, no external
// stylesheet, font or image: it opens offline. The other reports get the same page with their tables.
import type { Lang } from '../../i18n/index.js';
import type { AssessReport, CircularReport, DailyReport } from '../../domain/figures.js';
import { barSvg, pieSvg } from './charts.js';
import { circularBlocks } from './document.js';
import {
  definitionTexts,
  isNumeric,
  msg,
  reportKind,
  sectionsOf,
  show,
  subtitleLines,
  titleOf,
  type AnyReport,
  type Section,
} from './model.js';

export interface HtmlOptions {
  /** The issuing office shown under the title (default: the catalogue's report.office). */
  office?: string;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Chinese document fonts (Windows, macOS, then the free Noto/Source Han fonts of Linux), serif last. */
const SERIF = `"Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "Songti SC", STSong, SimSun, "宋体", serif`;
const SANS = `"Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif`;

const CSS = `
@page { size: A4; margin: 25mm 20mm 22mm 20mm; @bottom-center { content: "— " counter(page) " —"; font-size: 10pt; } }
@page annex { size: A4 landscape; margin: 18mm 15mm 16mm 15mm; }
/* The red title in 小标宋 where it is installed, else a bold CJK serif: local fonts only, no download. */
@font-face { font-family: "Hotline Title"; src: local("FZXiaoBiaoSong-B05S"), local("方正小标宋简体"), local("FZXBSJW--GB1-0"), local("STZhongsong"), local("华文中宋"), local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"), local("Source Han Serif SC Bold"), local("SourceHanSerifSC-Bold"); }
* { box-sizing: border-box; }
html { background: #fff; }
body { margin: 0; color: #000; font-family: FangSong, "FangSong_GB2312", "仿宋", "仿宋_GB2312", STFangsong, ${SERIF}; font-size: 12pt; line-height: 1.75; }
h1 { font-family: "Hotline Title", "方正小标宋简体", STZhongsong, ${SERIF}; font-size: 20pt; font-weight: normal; color: #c00; text-align: center; margin: 0 0 6pt; letter-spacing: 1pt; line-height: 1.4; }
.meta { text-align: center; font-size: 11pt; margin: 0; text-indent: 0; }
hr.red { border: 0; border-top: 2px solid #c00; margin: 8pt 0 14pt; }
h2 { font-family: SimHei, "黑体", "Heiti SC", STHeiti, ${SANS}; font-size: 14pt; font-weight: normal; margin: 14pt 0 4pt; break-after: avoid; page-break-after: avoid; }
h3 { font-family: KaiTi, "楷体", "KaiTi_GB2312", STKaiti, ${SERIF}; font-size: 12pt; font-weight: normal; margin: 10pt 0 2pt; break-after: avoid; page-break-after: avoid; }
p { text-indent: 2em; margin: 0 0 4pt; text-align: justify; orphans: 2; widows: 2; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-family: SimSun, "宋体", ${SERIF}; font-size: 9pt; line-height: 1.4; }
table.keep { break-inside: avoid; page-break-inside: avoid; }
table.kv { width: auto; min-width: 60%; margin-left: auto; margin-right: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 2pt 3pt; text-align: center; }
th { font-weight: bold; background: #f2f2f2; overflow-wrap: anywhere; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.t { text-align: left; }
tr.strong td { font-weight: bold; }
tr.flag td { color: #c00; }
sup { line-height: 0; white-space: nowrap; word-break: keep-all; }
.chart { text-align: center; margin: 6pt 0 8pt; break-inside: avoid; page-break-inside: avoid; }
.chart svg { max-width: 100%; height: auto; }
.annex { break-before: page; page-break-before: always; }
.annex h2 { margin-top: 0; }
.annex table { font-size: 7pt; line-height: 1.25; }
.annex th, .annex td { padding: 1pt 1.5pt; }
.annex th { word-break: break-all; overflow-wrap: anywhere; }
.annex td.t { white-space: nowrap; }
sup a { color: inherit; text-decoration: none; }
.notes { font-size: 9pt; line-height: 1.5; margin-top: 12pt; border-top: 1px solid #000; padding-top: 4pt; }
.notes h3 { margin-top: 2pt; }
.notes ol { margin: 0; padding-left: 2em; }
.annex .notes ol { columns: 2; column-gap: 10mm; }
.notes li { break-inside: avoid; page-break-inside: avoid; }
.sign { text-align: right; margin-top: 16pt; text-indent: 0; padding-right: 2em; }
.docno { text-align: center; text-indent: 0; margin: 2pt 0 0; font-size: 12pt; }
.to { text-indent: 0; margin: 6pt 0 4pt; }
.cc { text-indent: 0; margin-top: 18pt; padding-top: 3pt; border-top: 1px solid #000; border-bottom: 1px solid #000; font-size: 11pt; }
.more { text-indent: 0; font-size: 10pt; margin: 2pt 0 0; }
/* A sheet is a run of pages: portrait for the circular, landscape for the annex (and wide lists). */
.sheet { margin: 0 auto; max-width: 170mm; }
.sheet.wide { page: annex; max-width: 257mm; }
@media screen {
  html { background: #e8e8e8; }
  body { padding: 8mm 0; }
  .sheet { width: 210mm; max-width: calc(100vw - 16px); padding: 18mm 20mm; margin: 0 auto 8mm; background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.25); }
  .sheet.wide { width: 297mm; padding: 15mm; }
}
@media print { .sheet, .sheet.wide { max-width: none; } }
`;

function page(lang: Lang, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Tables up to this many rows are kept on one page. */
const KEEP_ROWS = 12;

/** A section as an HTML table; footnote marks on headers when `marks[i]` is a footnote number. */
function tableHtml(sec: Section, marks: (number | null)[] = []): string {
  if (sec.rows.length === 0) return '';
  const numeric = sec.headers.map((_, i) => sec.rows.some((r) => r[i] !== undefined && isNumeric(r[i]!)));
  const head = sec.headers
    .map((x, i) => {
      const n = marks[i];
      return `<th>${esc(x)}${n ? `<sup><a href="#def-${n}">[${n}]</a></sup>` : ''}</th>`;
    })
    .join('');
  const strong = new Set(sec.strong ?? []);
  const flagged = new Set(sec.flagged ?? []);
  const rows = sec.rows
    .map((row, i) => {
      const cls = strong.has(i) ? ' class="strong"' : flagged.has(i) ? ' class="flag"' : '';
      return `<tr${cls}>${row.map((c, j) => `<td class="${numeric[j] ? 'n' : 't'}">${esc(show(c))}</td>`).join('')}</tr>`;
    })
    .join('\n');
  // Item/value tables (summary, weights) need no full width; short tables stay on one page.
  const classes = [sec.rows.length <= KEEP_ROWS ? 'keep' : '', sec.headers.length === 2 ? 'kv' : ''].filter(Boolean).join(' ');
  const keep = classes ? ` class="${classes}"` : '';
  return `<table${keep}>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

function chartHtml(svg: string): string {
  return svg ? `<div class="chart">${svg}</div>` : '';
}

function para(text: string): string {
  return `<p>${esc(text)}</p>`;
}

function footnotes(texts: Record<string, string>): { list: string; number: Map<string, number> } {
  const number = new Map<string, number>();
  const items = Object.entries(texts).map(([fig, t], i) => {
    number.set(fig, i + 1);
    return `<li id="def-${i + 1}">${esc(t)}</li>`;
  });
  return { list: items.join('\n'), number };
}

/** The circular: the document's blocks (./document.ts), the annex on landscape pages, footnotes last. */
function circularHtml(r: CircularReport, lang: Lang): string {
  const blocks = circularBlocks(r, lang);
  const notesBlock = blocks.find((x) => x.k === 'notes');
  const number = new Map<string, number>();
  const items = (notesBlock?.k === 'notes' ? notesBlock.items : []).map((it, i) => {
    number.set(it.fig, i + 1);
    return `<li id="def-${i + 1}">${esc(it.text)}</li>`;
  });
  const mark = (fig: string | null | undefined): string => {
    const n = fig ? number.get(fig) : undefined;
    return n ? `<sup><a href="#def-${n}">[${n}]</a></sup>` : '';
  };
  const parts: string[] = [];
  let title = '';
  for (const x of blocks) {
    switch (x.k) {
      case 'title':
        title = x.text;
        parts.push(`<h1>${esc(x.text)}</h1>`);
        break;
      case 'docNo':
        parts.push(`<p class="docno">${esc(x.text)}</p>`);
        break;
      case 'to':
        parts.push('<hr class="red">', `<p class="to">${esc(x.text)}</p>`);
        break;
      case 'h2':
        parts.push(`<h2>${esc(x.text)}</h2>`);
        break;
      case 'h3':
        parts.push(`<h3>${esc(x.text)}</h3>`);
        break;
      case 'p':
        parts.push(`<p>${esc(x.text)}${(x.marks ?? []).map(mark).join('')}</p>`);
        break;
      case 'table':
        if (x.more) parts.push(`<p class="more">${esc(x.more)}</p>`);
        parts.push(tableHtml(x.sec, (x.marks ?? []).map((f) => (f ? (number.get(f) ?? null) : null))));
        break;
      case 'chart':
        parts.push(chartHtml(x.chart.type === 'pie' ? pieSvg(x.chart.title, x.chart.data) : barSvg(x.chart.title, x.chart.categories, x.chart.series, x.chart.opts)));
        break;
      case 'sign':
        parts.push(`<p class="sign">${esc(x.issuer)}<br>${esc(x.date)}</p>`);
        break;
      case 'cc':
        parts.push(`<p class="cc">${esc(x.text)}</p>`);
        break;
      case 'annex':
        parts.push('</div>\n<div class="sheet wide annex">', `<h2>${esc(x.title)}</h2>`, `<p class="meta">${esc(x.period)}</p>`);
        break;
      case 'notes':
        parts.push(`<div class="notes"><h3>${esc(x.title)}</h3>\n<ol>\n${items.join('\n')}\n</ol></div>`);
        break;
    }
  }
  return page(lang, title, `<div class="sheet">\n${parts.filter((x) => x !== '').join('\n')}\n</div>`);
}

function genericHtml(r: AnyReport, lang: Lang): string {
  const parts: string[] = [`<h1>${esc(titleOf(r, lang))}</h1>`];
  for (const line of subtitleLines(r, lang)) parts.push(`<p class="meta">${esc(line)}</p>`);
  parts.push('<hr class="red">');
  let defs: Record<string, string> | null = null;
  if (!Array.isArray(r) && r.kind !== 'overdue') defs = definitionTexts(r as AssessReport | DailyReport, lang);
  for (const sec of sectionsOf(r, lang)) {
    if (sec.id === 'definitions') continue;
    parts.push(`<h2>${esc(sec.title)}</h2>`);
    parts.push(sec.rows.length ? tableHtml(sec) : para(msg(lang, 'report.prose.none')));
  }
  if (!Array.isArray(r) && r.kind === 'assess') {
    const ranked = r.rows.filter((x) => x.score !== null);
    parts.push(
      chartHtml(
        barSvg(msg(lang, 'report.chart.ranking'), ranked.map((x) => x.name), [{ name: msg(lang, 'report.col.score'), data: ranked.map((x) => x.score) }], {
          max: 100,
        }),
      ),
    );
  }
  if (defs) {
    const notes = footnotes(defs);
    parts.push(`<div class="notes"><h3>${esc(msg(lang, 'report.section.definitions'))}</h3>\n<ol>\n${notes.list}\n</ol></div>`);
  }
  // The overdue list (ten columns with contacts and phones) reads better on landscape pages.
  const wide = reportKind(r) === 'overdue' ? ' wide' : '';
  return page(lang, titleOf(r, lang), `<div class="sheet${wide}">\n${parts.join('\n')}\n</div>`);
}

/** The report as one self-contained HTML document (the circular in its official shape). */
export function renderHtml(r: AnyReport, lang: Lang = 'zh', opts: HtmlOptions = {}): string {
  if (!Array.isArray(r) && r.kind === 'circular') return circularHtml(r, lang);
  void opts;
  return genericHtml(r, lang);
}

