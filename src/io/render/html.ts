// One self-contained HTML file: the circular (通报) in its usual shape — 一、基本情况 二、办理情况
// 三、热点问题 四、超期及推诿情况 五、考核排名, the annexed statistics table, the definitions as
// footnotes — printable on A4, charts as inline SVG (ECharts server-side). No script, no external
// stylesheet, font or image: it opens offline. The other reports get the same page with their tables.
import type { Lang } from '../../cli/messages/index.js';
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
  sectionsOf,
  show,
  showDay,
  subtitleLines,
  titleOf,
  unitsSection,
  type AnyReport,
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

const CSS = `
@page { size: A4; margin: 25mm 20mm 22mm 20mm; }
* { box-sizing: border-box; }
html { background: #fff; }
body { margin: 0 auto; max-width: 170mm; color: #000; font-family: FangSong, "FangSong_GB2312", "仿宋", STFangsong, "Songti SC", serif; font-size: 12pt; line-height: 1.75; }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", STZhongsong, SimSun, "Songti SC", serif; font-size: 20pt; font-weight: normal; color: #c00; text-align: center; margin: 0 0 4pt; letter-spacing: 1pt; }
.meta { text-align: center; font-size: 11pt; margin: 0; }
hr.red { border: 0; border-top: 2px solid #c00; margin: 8pt 0 14pt; }
h2 { font-family: SimHei, "黑体", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 14pt; font-weight: normal; margin: 14pt 0 4pt; page-break-after: avoid; }
h3 { font-family: KaiTi, "楷体", STKaiti, serif; font-size: 12pt; font-weight: normal; margin: 10pt 0 2pt; page-break-after: avoid; }
p { text-indent: 2em; margin: 0 0 4pt; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-family: SimSun, "宋体", "Songti SC", serif; font-size: 9pt; line-height: 1.4; page-break-inside: auto; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 2pt 3pt; text-align: center; }
th { font-weight: bold; background: #f2f2f2; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.t { text-align: left; }
tr.strong td { font-weight: bold; }
tr.flag td { color: #c00; }
.chart { text-align: center; margin: 4pt 0 8pt; page-break-inside: avoid; }
.chart svg { max-width: 100%; height: auto; }
.annex { page-break-before: always; }
.annex table { font-size: 7.5pt; }
sup a { color: inherit; text-decoration: none; }
.notes { font-size: 9pt; line-height: 1.5; margin-top: 12pt; border-top: 1px solid #000; padding-top: 4pt; }
.notes ol { margin: 0; padding-left: 2em; }
.sign { text-align: right; margin-top: 16pt; }
@media print { body { max-width: none; } .chart svg { width: 100%; } }
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
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
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
        sameDay: fmtPct(t.dispatchedSameDayRate),
        signed: fmtPct(t.signedInTimeRate),
        onTime: fmtPct(t.onTimeRate),
        reply: fmtPct(t.replyRate),
        satisfaction: fmtPct(t.satisfactionRate),
        score: t.satisfactionScore === null ? '-' : t.satisfactionScore.toFixed(2),
        returns: t.returns,
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
  parts.push(tableHtml(pick(units, shortCols, 'handling'), shortCols.map((i) => notes.number.get(UNITS_COLUMN_FIGURES[i] ?? '') ?? null)));
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
  parts.push('<div class="annex">');
  parts.push(`<h2>${esc(msg(lang, 'report.section.annex'))}</h2>`);
  parts.push(`<p class="meta">${esc(msg(lang, 'report.periodLine', { from: r.from, last: lastDay(r.to), to: r.to }))}</p>`);
  parts.push(tableHtml(units, UNITS_COLUMN_FIGURES.map((f) => (f ? (notes.number.get(f) ?? null) : null))));
  parts.push(`<div class="notes"><h3>${esc(msg(lang, 'report.section.definitions'))}</h3>\n<ol>\n${notes.list}\n</ol></div>`);
  parts.push('</div>');
  return page(lang, titleOf(r, lang), parts.filter((x) => x !== '').join('\n'));
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
  return page(lang, titleOf(r, lang), parts.join('\n'));
}

/** The report as one self-contained HTML document (the circular in its official shape). */
export function renderHtml(r: AnyReport, lang: Lang = 'zh', opts: HtmlOptions = {}): string {
  if (!Array.isArray(r) && r.kind === 'circular') return circularHtml(r, lang, opts);
  return genericHtml(r, lang);
}

