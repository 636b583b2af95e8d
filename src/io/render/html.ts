// One self-contained HTML file: the circular (通报) in its usual shape — 一、基本情况 二、办理情况
// 三、热点问题 四、超期及推诿情况 五、考核排名, the annexed statistics table, the definitions as
// footnotes — printable on A4, charts as inline SVG (ECharts server-side). No script, no external
// stylesheet, font or image: it opens offline. The other reports get the same page with their tables.
import type { Lang } from '../../i18n/index.js';
import type { AssessReport, CircularReport, DailyReport } from '../../domain/figures.js';
import { barSvg, pieSvg } from './charts.js';
import {
  UNITS_COLUMN_FIGURES,
  definitionTexts,
  fmtPct,
  fmtPctShort,
  isNumeric,
  lastDay,
  msg,
  rankingSection,
  reportKind,
  sectionsOf,
  show,
  showDay,
  subtitleLines,
  titleOf,
  unitsSection,
  type AnyReport,
  type Cell,
  type Section,
} from './model.js';
import { formatTimeShort } from '../../domain/time.js';

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
sup { line-height: 0; }
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
.sign { text-align: right; margin-top: 16pt; text-indent: 0; }
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

function pick(sec: Section, columns: number[], id: string): Section {
  return {
    ...sec,
    id,
    headers: columns.map((i) => sec.headers[i]!),
    rows: sec.rows.map((r) => columns.map((i) => r[i]!)),
  };
}

/** Only the rows with something to show: a count above 0 or any rate (0 % is a figure); strong and flagged rows follow. */
function withFigures(sec: Section): Section {
  const kept: number[] = [];
  const some = (c: Cell): boolean => (c.t === 'int' ? c.v !== null && c.v > 0 : isNumeric(c) && c.v !== null);
  sec.rows.forEach((row, i) => {
    if ((sec.strong ?? []).includes(i) || row.some(some)) kept.push(i);
  });
  const moved = (xs: number[] | undefined): number[] | undefined => xs?.flatMap((i) => (kept.includes(i) ? [kept.indexOf(i)] : []));
  return { ...sec, rows: kept.map((i) => sec.rows[i]!), strong: moved(sec.strong), flagged: moved(sec.flagged) };
}

function footnotes(texts: Record<string, string>): { list: string; number: Map<string, number> } {
  const number = new Map<string, number>();
  const items = Object.entries(texts).map(([fig, t], i) => {
    number.set(fig, i + 1);
    return `<li id="def-${i + 1}">${esc(t)}</li>`;
  });
  return { list: items.join('\n'), number };
}

function circularHtml(r: CircularReport, lang: Lang, opts: HtmlOptions): string {
  const sep = msg(lang, 'report.prose.sep');
  const none = msg(lang, 'report.prose.none');
  const list = (xs: string[]): string => (xs.length ? xs.join(sep) : none);
  const paren = (name: string, v: string | number): string => (lang === 'zh' ? `${name}（${v}）` : `${name} (${v})`);
  const t = r.totals;
  const defs = definitionTexts(r, lang);
  const notes = footnotes(defs);
  const mark = (fig: string): string => {
    const n = notes.number.get(fig);
    return n ? `<sup><a href="#def-${n}">[${n}]</a></sup>` : '';
  };
  const from = showDay(r.from, lang);
  const last = showDay(lastDay(r.to), lang);
  const office = opts.office ?? msg(lang, 'report.office');
  const parts: string[] = [];

  parts.push(`<h1>${esc(titleOf(r, lang))}</h1>`);
  for (const line of subtitleLines(r, lang)) parts.push(`<p class="meta">${esc(line)}</p>`);
  parts.push('<hr class="red">');

  // 一、基本情况
  const growth =
    r.growth === null
      ? msg(lang, 'report.prose.growthNone')
      : r.growth > 0
        ? msg(lang, 'report.prose.growthUp', { previous: r.previous.received, pct: fmtPct(r.growth) })
        : r.growth < 0
          ? msg(lang, 'report.prose.growthDown', { previous: r.previous.received, pct: fmtPct(-r.growth) })
          : msg(lang, 'report.prose.growthFlat', { previous: r.previous.received });
  parts.push(`<h2>${esc(msg(lang, 'report.section.basic'))}</h2>`);
  parts.push(
    `<p>${esc(msg(lang, 'report.prose.basic', { from, last, received: r.received, growth }))}${mark('received')}${mark('growth')}</p>`,
  );
  const types = r.byType.filter((x) => x.count > 0);
  if (types.length)
    parts.push(
      para(
        msg(lang, 'report.prose.byType', {
          items: list(types.map((x) => msg(lang, 'report.prose.typeItem', { type: x.type, count: x.count, share: fmtPct(x.share) }))),
        }),
      ),
    );
  if (r.topCategories.length)
    parts.push(
      para(
        msg(lang, 'report.prose.topCategories', {
          items: list(
            r.topCategories.slice(0, 5).map((x) =>
              msg(lang, 'report.prose.categoryItem', { category: x.category, count: x.count, share: fmtPct(x.share) }),
            ),
          ),
        }),
      ),
    );
  parts.push(chartHtml(pieSvg(msg(lang, 'report.chart.byType'), types.map((x) => ({ name: x.type, value: x.count })))));
  parts.push(
    chartHtml(
      barSvg(
        msg(lang, 'report.chart.topCategories'),
        r.topCategories.map((x) => x.category),
        [{ name: msg(lang, 'report.col.count'), data: r.topCategories.map((x) => x.count) }],
      ),
    ),
  );

  // 二、办理情况
  parts.push(`<h2>${esc(msg(lang, 'report.section.handling'))}</h2>`);
  parts.push(
    para(
      msg(lang, 'report.prose.handling', {
        sameDay: fmtPct(t.sameDay.rate),
        signed: fmtPct(t.signedInTime.rate),
        onTime: fmtPct(t.onTime.rate),
        reply: fmtPct(t.replied.rate),
        satisfaction: fmtPct(t.satisfaction.rate),
        score: t.satisfactionScore === null ? '-' : t.satisfactionScore.toFixed(2),
        returns: t.returnsRequested,
        reworks: t.reworks,
        reminders: t.reminders,
        supervisions: t.supervisions,
        extensions: t.extensions,
      }),
    ),
  );
  const units = unitsSection(r, lang);
  // unit, received, signed in time, on time, reply rate, satisfaction (the annex has everything)
  const shortCols = [1, 2, 4, 5, 6, 7];
  // Units with nothing in the period (no order received, no rate) are left to the annex.
  parts.push(tableHtml(withFigures(pick(units, shortCols, 'handling')), shortCols.map((i) => notes.number.get(UNITS_COLUMN_FIGURES[i] ?? '') ?? null)));
  const floor = fmtPctShort(r.satisfactionFloor);
  parts.push(
    para(
      r.belowFloor.length
        ? msg(lang, 'report.prose.belowFloor', {
            floor,
            units: list(r.belowFloor.map((u) => paren(u.name, fmtPct(u.satisfactionRate)))),
          })
        : msg(lang, 'report.prose.belowFloorNone', { floor }),
    ),
  );
  const active = r.units.filter((u) => u.onTimeRate !== null || u.satisfactionRate !== null);
  parts.push(
    chartHtml(
      barSvg(
        msg(lang, 'report.chart.units'),
        active.map((u) => u.name),
        [
          { name: msg(lang, 'report.col.onTimeRate'), data: active.map((u) => u.onTimeRate) },
          { name: msg(lang, 'report.col.satisfactionRate'), data: active.map((u) => u.satisfactionRate) },
        ],
        { percent: true },
      ),
    ),
  );

  // 三、热点问题
  parts.push(`<h2>${esc(msg(lang, 'report.section.hot'))}</h2>`);
  const hotWords = r.hotWords.length
    ? msg(lang, 'report.prose.hotWords', { words: list(r.hotWords.slice(0, 10).map((x) => paren(x.word, x.count))) })
    : '';
  parts.push(
    `<p>${esc(
      msg(lang, 'report.prose.hot', {
        categories: list(r.topCategories.slice(0, 5).map((x) => paren(x.category, x.count))),
        towns: list(r.topTowns.slice(0, 5).map((x) => paren(x.town, x.count))),
      }) + hotWords,
    )}${hotWords ? mark('hotWords') : ''}</p>`,
  );
  parts.push(
    `<p>${esc(msg(lang, 'report.prose.repeats', { count: r.repeats.count, share: fmtPct(r.repeats.share) }))}${mark('repeats')}</p>`,
  );
  const sections = new Map(sectionsOf(r, lang).map((s) => [s.id, s]));
  const sub = (id: string, total?: number): void => {
    const sec = sections.get(id);
    if (!sec || sec.rows.length === 0) return;
    const more = total !== undefined && total > sec.rows.length ? msg(lang, 'report.prose.more', { total, listed: sec.rows.length }) : '';
    parts.push(`<h3>${esc(sec.title)}${esc(more)}</h3>`, tableHtml(sec));
  };
  sub('repeats', r.repeats.count);

  // 四、超期及推诿情况
  parts.push(`<h2>${esc(msg(lang, 'report.section.overdue'))}</h2>`);
  const asOf = formatTimeShort(r.asOf);
  parts.push(
    `<p>${esc(
      t.overdue > 0
        ? msg(lang, 'report.prose.overdue', { asOf, overdue: t.overdue, serious: t.seriousOverdue, days: r.seriousOverdueWorkdays })
        : msg(lang, 'report.prose.overdueNone', { asOf }),
    )}${mark('overdue')}${mark('seriousOverdue')}</p>`,
  );
  const seriousUnits = r.overdueUnits.filter((u) => u.seriousOverdue > 0);
  if (seriousUnits.length)
    parts.push(para(msg(lang, 'report.prose.seriousUnits', { units: list(seriousUnits.map((u) => paren(u.name, u.seriousOverdue))) })));
  sub('overdueUnits');
  sub('seriousOrders', r.seriousTotal);
  parts.push(
    `<p>${esc(r.tuiOrders.length ? msg(lang, 'report.prose.tui', { count: r.tuiOrders.length }) : msg(lang, 'report.prose.tuiNone'))}${mark('tui')}</p>`,
  );
  sub('tui');

  // 五、考核排名
  parts.push(`<h2>${esc(msg(lang, 'report.section.ranking'))}</h2>`);
  parts.push(`<p>${esc(msg(lang, 'report.prose.ranking', { ...r.weights }))}${mark('score')}</p>`);
  const ranked = r.ranking.filter((x) => x.score !== null);
  parts.push(tableHtml(rankingSection(r.ranking, lang)));
  parts.push(
    chartHtml(
      barSvg(
        msg(lang, 'report.chart.ranking'),
        ranked.map((x) => x.name),
        [{ name: msg(lang, 'report.col.score'), data: ranked.map((x) => x.score) }],
        { max: 100 },
      ),
    ),
  );
  parts.push(`<p class="sign">${esc(msg(lang, 'report.issuedBy', { office, date: showDay(r.asOf.slice(0, 10), lang) }))}</p>`);

  // Annex and footnotes
  parts.push('</div>\n<div class="sheet wide annex">');
  parts.push(`<h2>${esc(msg(lang, 'report.section.annex'))}</h2>`);
  parts.push(`<p class="meta">${esc(msg(lang, 'report.periodLine', { from: r.from, last: lastDay(r.to), to: r.to }))}</p>`);
  parts.push(tableHtml(units, UNITS_COLUMN_FIGURES.map((f) => (f ? (notes.number.get(f) ?? null) : null))));
  parts.push(`<div class="notes"><h3>${esc(msg(lang, 'report.section.definitions'))}</h3>\n<ol>\n${notes.list}\n</ol></div>`);
  parts.push('</div>');
  return page(lang, titleOf(r, lang), `<div class="sheet">\n${parts.filter((x) => x !== '').join('\n')}\n</div>`);
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
  if (!Array.isArray(r) && r.kind === 'circular') return circularHtml(r, lang, opts);
  return genericHtml(r, lang);
}

