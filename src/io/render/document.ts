// The circular (通报) as a document: one list of blocks (headings, paragraphs, tables, charts)
// in the order of an official document — title, 文号, 主送, opening sentence, 一 … 七, issuer and
// date, 抄送, then the annex. HTML, Markdown and the terminal draw these same blocks, so the
// prose and the numbers are written once. Units by name, never by code.
import type { Lang } from '../../i18n/index.js';
import {
  chineseDate,
  chineseTime,
  chinesePeriod,
  circularSettings,
  isCircularDoc,
  praisedUnits,
  PRAISE_MIN_SATISFACTION,
  PRAISE_TOP_RANKS,
  type CircularDoc,
  type CircularExtras,
} from '../../domain/circular-doc.js';
import { ratio, type CircularReport, type Figures, type Rate, type UnitFigures } from '../../domain/figures.js';
import { dayOf, formatTimeShort } from '../../domain/time.js';
import type { BarOptions, BarSeries, PieDatum } from './charts.js';
import {
  definitionTexts,
  fmtPct,
  fmtPctShort,
  int,
  lastDay,
  msg,
  num,
  pct,
  rateBasis,
  showDay,
  text,
  time,
  type Cell,
  type Section,
} from './model.js';

export type Chart =
  | { type: 'pie'; title: string; data: PieDatum[] }
  | { type: 'bar'; title: string; categories: string[]; series: BarSeries[]; opts?: BarOptions };

export type Block =
  | { k: 'title'; text: string }
  | { k: 'docNo'; text: string }
  | { k: 'to'; text: string }
  | { k: 'h2'; text: string }
  | { k: 'h3'; text: string }
  /** A paragraph; `marks` are figures whose definition is footnoted. */
  | { k: 'p'; text: string; marks?: string[] }
  /** A table; `marks[i]` the figure of column i; `more` says the list was cut. */
  | { k: 'table'; sec: Section; marks?: (string | null)[]; more?: string }
  | { k: 'chart'; chart: Chart }
  | { k: 'sign'; issuer: string; date: string }
  | { k: 'cc'; text: string }
  /** Everything after this block is the annex (landscape pages). */
  | { k: 'annex'; title: string; period: string }
  | { k: 'notes'; title: string; items: { fig: string; text: string }[] };

/** A bare figures report as a document: the default settings, no number yet, praise by the rule, nothing else beyond the figures. */
export function asDocument(r: CircularReport): CircularDoc {
  if (isCircularDoc(r)) return r;
  const cs = circularSettings();
  const issueDate = dayOf(r.asOf);
  const extras: CircularExtras = {
    document: { period: chinesePeriod(r.from, r.to), docNo: '', year: Number(issueDate.slice(0, 4)), n: 0, to: cs.to, cc: cs.cc, issuer: cs.issuer, issueDate },
    hotTopics: null,
    themes: [],
    accountability: [],
    praise: { topRanks: PRAISE_TOP_RANKS, minSatisfaction: PRAISE_MIN_SATISFACTION, units: praisedUnits(r), orders: [], ordersTotal: 0 },
  };
  return { ...r, ...extras } as CircularDoc;
}

/** The handling table of section 二 (units with something to show) and the annex (every unit, every figure): units by name, district total last. */
export function handlingSection(r: CircularDoc, lang: Lang, full: boolean): { sec: Section; marks: (string | null)[] } {
  const cols: { head: string; fig: string | null; cell: (f: Figures) => Cell }[] = [
    { head: 'report.col.received', fig: 'received', cell: (f) => int(f.received) },
    { head: 'report.col.signedInTimeRate', fig: 'signedInTime', cell: (f) => pct(f.signedInTime.rate) },
    { head: 'report.col.firstContactRate', fig: 'firstContact', cell: (f) => pct(f.firstContact.rate) },
    { head: 'report.col.onTimeRate', fig: 'onTime', cell: (f) => pct(f.onTime.rate) },
    { head: 'report.col.replyRate', fig: 'replyRate', cell: (f) => pct(f.replied.rate) },
    { head: 'report.col.responseRate', fig: 'responseRate', cell: (f) => pct(f.response.rate) },
    { head: 'report.col.resolutionRate', fig: 'resolutionRate', cell: (f) => pct(f.resolution.rate) },
    { head: 'report.col.satisfactionRate', fig: 'satisfactionRate', cell: (f) => pct(f.satisfaction.rate) },
    ...(full
      ? [
          { head: 'report.col.satisfactionScore', fig: 'satisfactionScore', cell: (f: Figures) => num(f.satisfactionScore) },
          { head: 'report.col.returnsRequested', fig: 'returns', cell: (f: Figures) => int(f.returnsRequested) },
          { head: 'report.col.returnsApproved', fig: 'returns', cell: (f: Figures) => int(f.returnsApproved) },
          { head: 'report.col.returnsDenied', fig: 'returns', cell: (f: Figures) => int(f.returnsDenied) },
          { head: 'report.col.reworks', fig: 'reworks', cell: (f: Figures) => int(f.reworks) },
          { head: 'report.col.reminders', fig: 'reminders', cell: (f: Figures) => int(f.reminders) },
          { head: 'report.col.supervisions', fig: 'supervisions', cell: (f: Figures) => int(f.supervisions) },
          { head: 'report.col.extensions', fig: 'extensions', cell: (f: Figures) => int(f.extensions) },
          { head: 'report.col.overdue', fig: 'overdue', cell: (f: Figures) => int(f.overdue) },
          { head: 'report.col.seriousOverdue', fig: 'seriousOverdue', cell: (f: Figures) => int(f.seriousOverdue) },
        ]
      : []),
  ];
  // Section 二 shows the units with something to show (an order or any rate: 0 % is one); the annex all of them.
  const some = (u: UnitFigures): boolean => u.received > 0 || cols.some((c) => { const v = c.cell(u); return v.t === 'pct' && v.v !== null; });
  const shown = full ? r.units : r.units.filter(some);
  const rows = shown.map((u) => [text(u.name), ...cols.map((c) => c.cell(u))]);
  rows.push([text(msg(lang, 'report.total')), ...cols.map((c) => c.cell(r.totals))]);
  return {
    sec: {
      id: full ? 'annex' : 'handling',
      title: msg(lang, 'report.sec.units'),
      headers: [msg(lang, 'report.col.unit'), ...cols.map((c) => msg(lang, c.head))],
      rows,
      strong: [rows.length - 1],
      flagged: shown.flatMap((u, i) => (u.belowFloor || u.seriousOverdue > 0 ? [i] : [])),
    },
    marks: [null, ...cols.map((c) => c.fig)],
  };
}

/** "共 223 件，列出前 100 件" when a list was cut. */
function more(lang: Lang, total: number, listed: number): string | undefined {
  return total > listed ? msg(lang, 'report.prose.more', { total, listed }) : undefined;
}

/** The circular as blocks, in document order. */
export function circularBlocks(input: CircularReport, lang: Lang): Block[] {
  const r = asDocument(input);
  const d = r.document;
  const t = r.totals;
  const sep = msg(lang, 'report.prose.sep');
  const none = msg(lang, 'report.prose.none');
  const list = (xs: string[]): string => (xs.length ? xs.join(sep) : none);
  const paren = (name: string, v: string | number): string => (lang === 'zh' ? `${name}（${v}）` : `${name} (${v})`);
  const c = (key: string, params: Record<string, string | number> = {}): string => msg(lang, key, params);
  const period = lang === 'zh' ? d.period : `${r.from} to ${lastDay(r.to)}`;
  const b: Block[] = [];

  b.push({ k: 'title', text: c('circular.title', { period }) });
  if (d.docNo) b.push({ k: 'docNo', text: d.docNo });
  b.push({ k: 'to', text: c('circular.to', { to: d.to }) });
  // Times in the body as a document writes them (2026年11月24日10时00分), ISO in English.
  const asOf = lang === 'zh' ? chineseTime(formatTimeShort(r.asOf)) : formatTimeShort(r.asOf);
  b.push({ k: 'p', text: c('circular.opening', { period, asOf }) });

  // 一、基本情况
  b.push({ k: 'h2', text: msg(lang, 'report.section.basic') });
  const growth =
    r.growth === null
      ? msg(lang, 'report.prose.growthNone')
      : r.growth > 0
        ? msg(lang, 'report.prose.growthUp', { previous: r.previous.received, pct: fmtPct(r.growth) })
        : r.growth < 0
          ? msg(lang, 'report.prose.growthDown', { previous: r.previous.received, pct: fmtPct(-r.growth) })
          : msg(lang, 'report.prose.growthFlat', { previous: r.previous.received });
  const from = showDay(r.from, lang);
  const last = showDay(lastDay(r.to), lang);
  b.push({ k: 'p', text: msg(lang, 'report.prose.basic', { from, last, received: r.received, growth }), marks: ['received', 'growth'] });
  const types = r.byType.filter((x) => x.count > 0);
  if (types.length)
    b.push({
      k: 'p',
      text: msg(lang, 'report.prose.byType', {
        items: list(types.map((x) => msg(lang, 'report.prose.typeItem', { type: x.type, count: x.count, share: fmtPct(x.share) }))),
      }),
    });
  if (r.topCategories.length)
    b.push({
      k: 'p',
      text: msg(lang, 'report.prose.topCategories', {
        items: list(r.topCategories.slice(0, 5).map((x) => msg(lang, 'report.prose.categoryItem', { category: x.category, count: x.count, share: fmtPct(x.share) }))),
      }),
    });
  b.push({ k: 'chart', chart: { type: 'pie', title: msg(lang, 'report.chart.byType'), data: types.map((x) => ({ name: x.type, value: x.count, share: x.share })) } });
  b.push({
    k: 'chart',
    chart: { type: 'bar', title: msg(lang, 'report.chart.topCategories'), categories: r.topCategories.map((x) => x.category), series: [{ name: msg(lang, 'report.col.count'), data: r.topCategories.map((x) => x.count) }] },
  });

  // 二、办理情况
  b.push({ k: 'h2', text: msg(lang, 'report.section.handling') });
  // Every rate with its numerator and denominator (and what is not yet decided) beside it.
  const rt = (x: Rate): string => (x.rate === null ? c('circular.rateNone', { basis: rateBasis(x, lang) }) : c('circular.rate', { rate: fmtPct(x.rate), basis: rateBasis(x, lang) }));
  b.push({
    k: 'p',
    text: c('circular.handling', {
      sameDay: rt(t.sameDay),
      signed: rt(t.signedInTime),
      firstContact: rt(t.firstContact),
      onTime: rt(t.onTime),
      reply: rt(t.replied),
      returnsRequested: t.returnsRequested,
      returnsApproved: t.returnsApproved,
      returnsDenied: t.returnsDenied,
      reworks: t.reworks,
      reminders: t.reminders,
      supervisions: t.supervisions,
      extensions: t.extensions,
    }),
    marks: ['dispatchedSameDay', 'signedInTime', 'firstContact', 'onTime', 'replyRate'],
  });
  b.push({
    k: 'p',
    text:
      t.callbacks === 0
        ? c('circular.callbacksNone')
        : c('circular.threeRates', {
            callbacks: t.callbacks,
            response: rt(t.response),
            resolution: rt(t.resolution),
            satisfaction: rt(t.satisfaction),
            score: t.satisfactionScore === null ? '-' : t.satisfactionScore.toFixed(2),
          }),
    marks: t.callbacks === 0 ? [] : ['responseRate', 'resolutionRate', 'satisfactionRate'],
  });
  // 直接答复: the office's answers from the knowledge base, of the consultations received.
  const consults = r.byType.find((x) => x.type === '咨询')?.count ?? 0;
  if (t.directAnswers > 0)
    b.push({ k: 'p', text: c('circular.directAnswer', { count: t.directAnswers, base: consults, rate: fmtPct(ratio(t.directAnswers, consults)) }), marks: ['directAnswer'] });
  else if (consults > 0) b.push({ k: 'p', text: c('circular.directAnswerNone', { base: consults }) });
  const handling = handlingSection(r, lang, false);
  b.push({ k: 'table', sec: handling.sec, marks: handling.marks });
  const floor = fmtPctShort(r.satisfactionFloor);
  // "No unit below the floor" is said only when somebody was evaluated.
  if (t.satisfaction.den === 0) b.push({ k: 'p', text: c('circular.noEvaluations') });
  else if (r.belowFloor.length)
    b.push({ k: 'p', text: msg(lang, 'report.prose.belowFloor', { floor, units: list(r.belowFloor.map((u) => paren(u.name, fmtPct(u.satisfactionRate)))) }) });
  else if (r.allAboveFloor) b.push({ k: 'p', text: c('circular.belowFloorNone', { floor, evaluated: t.satisfaction.den }) });
  const active = r.units.filter((u) => u.onTimeRate !== null || u.satisfactionRate !== null);
  b.push({
    k: 'chart',
    chart: {
      type: 'bar',
      title: msg(lang, 'report.chart.units'),
      categories: active.map((u) => u.name),
      series: [
        { name: msg(lang, 'report.col.onTimeRate'), data: active.map((u) => u.onTimeRate) },
        { name: msg(lang, 'report.col.satisfactionRate'), data: active.map((u) => u.satisfactionRate) },
      ],
      opts: { percent: true },
    },
  });

  // 三、热点问题
  b.push({ k: 'h2', text: msg(lang, 'report.section.hot') });
  b.push({
    k: 'p',
    text: msg(lang, 'report.prose.hot', {
      categories: list(r.topCategories.slice(0, 5).map((x) => paren(x.category, x.count))),
      towns: list(r.topTowns.slice(0, 5).map((x) => paren(x.town, x.count))),
    }),
  });
  hotBlocks(r, lang, b, list, paren);
  b.push({ k: 'h3', text: c('circular.sub.repeats') });
  b.push({ k: 'p', text: msg(lang, 'report.prose.repeats', { count: r.repeats.count, share: fmtPct(r.repeats.share) }), marks: ['repeats'] });
  if (r.repeats.orders.length) {
    const names = new Map(r.units.map((u) => [u.code, u.name]));
    b.push({
      k: 'table',
      sec: {
        id: 'repeats',
        title: msg(lang, 'report.sec.repeats'),
        headers: ['no', 'repeatOf', 'town', 'category', 'title', 'leadUnit'].map((k) => msg(lang, `report.col.${k}`)),
        rows: r.repeats.orders.map((x) => [text(x.no), text(x.repeatOf), text(x.town), text(x.category), text(x.title), text(x.leadUnit ? (names.get(x.leadUnit) ?? x.leadUnit) : null)]),
      },
      more: more(lang, r.repeats.count, r.repeats.orders.length),
    });
  }
  themeBlocks(r, lang, b);

  // 四、超期及推诿情况
  b.push({ k: 'h2', text: msg(lang, 'report.section.overdue') });
  b.push({
    k: 'p',
    text:
      t.overdue > 0
        ? msg(lang, 'report.prose.overdue', { asOf, overdue: t.overdue, serious: t.seriousOverdue, days: r.seriousOverdueWorkdays })
        : msg(lang, 'report.prose.overdueNone', { asOf }),
    marks: ['overdue', 'seriousOverdue'],
  });
  const seriousUnits = r.overdueUnits.filter((u) => u.seriousOverdue > 0);
  if (seriousUnits.length) b.push({ k: 'p', text: msg(lang, 'report.prose.seriousUnits', { units: list(seriousUnits.map((u) => paren(u.name, u.seriousOverdue))) }) });
  if (r.overdueUnits.length)
    b.push({
      k: 'table',
      sec: {
        id: 'overdueUnits',
        title: msg(lang, 'report.sec.overdueUnits'),
        headers: ['unit', 'overdue', 'seriousOverdue'].map((k) => msg(lang, `report.col.${k}`)),
        rows: r.overdueUnits.map((x) => [text(x.name), int(x.overdue), int(x.seriousOverdue)]),
      },
    });
  // Every overdue order (the overdue watch's rule), most overdue first, serious ones flagged; cut lists say so.
  if (r.overdueOrders.rows.length)
    b.push({
      k: 'table',
      sec: {
        id: 'overdueOrders',
        title: c('circular.sec.overdueOrders'),
        headers: ['no', 'title', 'leadUnit', 'dueAt', 'overdueWorkdays', 'level'].map((k) => msg(lang, `report.col.${k}`)),
        rows: r.overdueOrders.rows.map((x) => [text(x.no), text(x.title), text(x.unitName ?? x.leadUnit), time(x.dueAt), int(x.overdueWorkdays), text(msg(lang, `report.level.${x.level}`))]),
        flagged: r.overdueOrders.rows.flatMap((x, i) => (x.level === 'serious' ? [i] : [])),
      },
      more: more(lang, r.overdueOrders.total, r.overdueOrders.rows.length),
    });
  b.push({ k: 'p', text: r.tuiTotal ? msg(lang, 'report.prose.tui', { count: r.tuiTotal }) : msg(lang, 'report.prose.tuiNone'), marks: ['tui'] });
  if (r.tuiOrders.length) {
    const names = new Map(r.units.map((u) => [u.code, u.name]));
    b.push({
      k: 'table',
      sec: {
        id: 'tui',
        title: msg(lang, 'report.sec.tui'),
        headers: ['no', 'title', 'returns', 'returnUnits', 'leadUnit', 'status'].map((k) => msg(lang, `report.col.${k}`)),
        rows: r.tuiOrders.map((x) => [
          text(x.no),
          text(x.title),
          int(x.returns),
          text(x.returnUnitNames.join(lang === 'zh' ? '、' : ', ')),
          text(x.leadUnit ? (names.get(x.leadUnit) ?? x.leadUnit) : null),
          text(msg(lang, `report.status.${x.status}`)),
        ]),
      },
      more: more(lang, r.tuiTotal, r.tuiOrders.length),
    });
  }
  // Returns the office denied (退单审核不予同意): the unit kept the order.
  const denied = r.units.filter((u) => u.returnsDenied > 0);
  if (denied.length) {
    b.push({ k: 'p', text: c('circular.returnsDenied', { count: t.returnsDenied, units: list(denied.map((u) => paren(u.name, u.returnsDenied))) }), marks: ['returns'] });
    b.push({
      k: 'table',
      sec: {
        id: 'deniedReturns',
        title: c('circular.sec.deniedReturns'),
        headers: ['report.col.no', 'report.col.title', 'circular.col.returnedBy', 'circular.col.deniedAt'].map((k) => c(k)),
        rows: r.deniedReturns.rows.map((x) => [text(x.no), text(x.title), text(x.unitName), time(x.at)]),
      },
      more: more(lang, r.deniedReturns.total, r.deniedReturns.rows.length),
    });
  }

  // 五、考核排名
  b.push({ k: 'h2', text: msg(lang, 'report.section.ranking') });
  b.push({ k: 'p', text: msg(lang, 'report.prose.ranking', { ...r.weights }), marks: ['score'] });
  const ranked = r.ranking.filter((x) => x.rank !== null && x.score !== null);
  const unranked = r.ranking.filter((x) => x.rank === null);
  if (ranked.length)
    b.push({
      k: 'table',
      sec: {
        id: 'ranking',
        title: msg(lang, 'report.sec.ranking'),
        headers: ['rank', 'unit', 'score', 'signedInTimeRate', 'onTimeRate', 'satisfaction', 'discipline'].map((k) => msg(lang, `report.col.${k}`)),
        rows: ranked.map((x) => [int(x.rank), text(x.name), num(x.score), pct(x.signedInTimeRate), pct(x.onTimeRate), pct(x.satisfaction), pct(x.discipline)]),
      },
    });
  else b.push({ k: 'p', text: c('circular.rankingNone') });
  if (unranked.length) {
    // Grouped by the reason the figures give (below the ranking minimum: each unit with its count).
    const reasons = new Map<string, string[]>();
    for (const x of unranked) {
      const why = x.reason === null ? c('circular.unranked.other') : x.reason === 'belowMinimum' ? c('circular.unranked.belowMinimum', { min: r.rankingMinimum }) : msg(lang, `report.notRanked.${x.reason}`);
      const name = x.reason === 'belowMinimum' ? paren(x.name, c('circular.unranked.handled', { n: x.handled })) : x.name;
      reasons.set(why, [...(reasons.get(why) ?? []), name]);
    }
    b.push({ k: 'p', text: c('circular.unranked', { items: [...reasons].map(([why, names]) => c('circular.unrankedItem', { why, units: names.join('、'), count: names.length })).join('；') }) });
  }
  b.push({
    k: 'chart',
    chart: { type: 'bar', title: msg(lang, 'report.chart.ranking'), categories: ranked.map((x) => x.name), series: [{ name: msg(lang, 'report.col.score'), data: ranked.map((x) => x.score) }], opts: { max: 100 } },
  });

  // 六、表扬与问责
  b.push({ k: 'h2', text: c('circular.section.praise') });
  praiseBlocks(r, lang, b, list, paren);

  // 七、下步工作要求
  b.push({ k: 'h2', text: c('circular.section.next') });
  let i = 0;
  const item = (key: string, params: Record<string, string | number> = {}): void => {
    i++;
    b.push({ k: 'p', text: `${c(`circular.ordinal.${i}`)}${c(key, params)}` });
  };
  item('circular.next.sameDay');
  if (t.overdue > 0) item('circular.next.overdue', { overdue: t.overdue });
  if (r.belowFloor.length) item('circular.next.belowFloor', { units: r.belowFloor.map((u) => u.name).join('、'), floor });
  if (r.tuiOrders.length) item('circular.next.tui', { count: r.tuiOrders.length });
  if (r.themes.length) item('circular.next.themes', { themes: r.themes.map((x) => `“${x.title}”`).join('、') });
  item('circular.next.quality');

  b.push({ k: 'sign', issuer: d.issuer, date: lang === 'zh' ? chineseDate(d.issueDate) : d.issueDate });
  b.push({ k: 'cc', text: c('circular.cc', { cc: d.cc }) });

  // Annex
  b.push({ k: 'annex', title: msg(lang, 'report.section.annex'), period: lang === 'zh' ? c('circular.annexPeriod', { period }) : msg(lang, 'report.periodLine', { from: r.from, last: lastDay(r.to), to: r.to }) });
  const annex = handlingSection(r, lang, true);
  b.push({ k: 'table', sec: annex.sec, marks: annex.marks });
  const defs = definitionTexts(r, lang);
  if (t.directAnswers > 0) defs.directAnswer = c('circular.def.directAnswer');
  // Hot topics are the segmenter's words, not the figures' title character pairs.
  if (r.hotTopics) defs.hotWords = c('circular.def.hotTopics');
  b.push({ k: 'notes', title: msg(lang, 'report.section.definitions'), items: Object.entries(defs).map(([fig, text]) => ({ fig, text })) });
  return b;
}

type ListFn = (xs: string[]) => string;
type ParenFn = (name: string, v: string | number) => string;

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function hotBlocks(r: CircularDoc, lang: Lang, b: Block[], list: ListFn, paren: ParenFn): void {
  const h = r.hotTopics;
  const c = (key: string, params: Record<string, string | number> = {}): string => msg(lang, key, params);
  b.push({ k: 'h3', text: c('circular.sub.hotTopics') });
  if (!h || h.terms.length === 0) {
    b.push({ k: 'p', text: c('circular.hot.none') });
    return;
  }
  const change = (x: { count: number; previous: number; change: number }): string =>
    x.change > 0 ? c('circular.hot.up', { n: x.change }) : x.change < 0 ? c('circular.hot.down', { n: -x.change }) : c('circular.hot.flat');
  b.push({
    k: 'p',
    text: c('circular.hot.terms', { orders: h.orders, items: list(h.terms.slice(0, 5).map((x) => c('circular.hot.item', { term: x.term, count: x.count, change: change(x) }))) }),
    marks: ['hotWords'],
  });
  if (h.pairs.length) b.push({ k: 'p', text: c('circular.hot.pairs', { items: list(h.pairs.slice(0, 5).map((x) => paren(x.term.replace('+', '、'), x.count))) }) });
  const towns = h.byTown.filter((g) => g.terms.length);
  if (towns.length) b.push({ k: 'p', text: c('circular.hot.byTown', { items: towns.map((g) => c('circular.hot.group', { name: g.name, terms: g.terms.map((x) => x.term).join('、') })).join('；') }) });
  const cats = h.byCategory.filter((g) => g.terms.length);
  if (cats.length) b.push({ k: 'p', text: c('circular.hot.byCategory', { items: cats.map((g) => c('circular.hot.group', { name: g.name, terms: g.terms.map((x) => x.term).join('、') })).join('；') }) });
  b.push({
    k: 'table',
    sec: {
      id: 'hotTerms',
      title: c('circular.sec.hotTerms'),
      headers: ['circular.col.term', 'report.col.count', 'circular.col.previous', 'circular.col.change'].map((k) => c(k)),
      rows: [...h.terms, ...h.pairs].map((x) => [text(x.term.replace('+', ' + ')), int(x.count), int(x.previous), text(signed(x.change))]),
    },
  });
}

function themeBlocks(r: CircularDoc, lang: Lang, b: Block[]): void {
  const c = (key: string, params: Record<string, string | number> = {}): string => msg(lang, key, params);
  b.push({ k: 'h3', text: c('circular.sub.themes') });
  if (r.themes.length === 0) {
    b.push({ k: 'p', text: c('circular.themes.none') });
    return;
  }
  for (const x of r.themes) {
    const trend =
      x.change === null ? c('circular.themes.trendNew', { count: x.count }) : x.change < 0 ? c('circular.themes.trendDown', { pct: fmtPct(-x.change) }) : x.change > 0 ? c('circular.themes.trendUp', { pct: fmtPct(x.change) }) : c('circular.themes.trendFlat');
    b.push({
      k: 'p',
      text: c('circular.themes.item', {
        title: x.title,
        month: x.month,
        lead: x.leadName,
        count: x.count,
        previous: x.previous,
        trend,
        led: x.led,
        answered: x.answered,
        onTime: fmtPct(x.leadOnTimeRate),
        satisfaction: fmtPct(x.leadSatisfactionRate),
      }),
    });
  }
  b.push({
    k: 'table',
    sec: {
      id: 'themes',
      title: c('circular.sub.themes'),
      headers: ['circular.col.theme', 'circular.col.lead', 'report.col.count', 'circular.col.previous', 'circular.col.trend', 'report.col.onTimeRate', 'report.col.satisfactionRate'].map((k) => c(k)),
      rows: r.themes.map((x) => [text(x.title), text(x.leadName), int(x.count), int(x.previous), pct(x.change), pct(x.leadOnTimeRate), pct(x.leadSatisfactionRate)]),
    },
  });
}

function praiseBlocks(r: CircularDoc, lang: Lang, b: Block[], list: ListFn, paren: ParenFn): void {
  const c = (key: string, params: Record<string, string | number> = {}): string => msg(lang, key, params);
  const p = r.praise;
  const rule = { top: p.topRanks, min: fmtPctShort(p.minSatisfaction) };
  b.push({ k: 'h3', text: c('circular.sub.praise') });
  b.push({
    k: 'p',
    text: p.units.length
      ? c('circular.praise.units', { ...rule, units: list(p.units.map((u) => paren(u.name, c('circular.praise.unitFigures', { rank: u.rank, score: u.score.toFixed(2), satisfaction: fmtPct(u.satisfactionRate) })))) })
      : c('circular.praise.none', rule),
  });
  if (p.ordersTotal > 0) {
    b.push({ k: 'p', text: c('circular.praise.orders', { count: p.ordersTotal }) });
    b.push({
      k: 'table',
      sec: {
        id: 'praiseOrders',
        title: c('circular.sec.praiseOrders'),
        headers: ['report.col.no', 'report.col.title', 'report.col.town', 'circular.col.praisedUnit'].map((k) => c(k)),
        rows: p.orders.map((o) => [text(o.no), text(o.title), text(o.town), text(o.unitName)]),
      },
      more: more(lang, p.ordersTotal, p.orders.length),
    });
  } else b.push({ k: 'p', text: c('circular.praise.ordersNone') });
  b.push({ k: 'h3', text: c('circular.sub.accountability') });
  if (r.accountability.length === 0) {
    b.push({ k: 'p', text: c('circular.accountability.none') });
    return;
  }
  b.push({
    k: 'p',
    text: c('circular.accountability.items', {
      count: r.accountability.length,
      items: list(r.accountability.map((a) => c('circular.accountability.item', { date: lang === 'zh' ? chineseDate(a.date) : a.date, unit: a.unitName, measure: a.measure, by: a.decidedBy }))),
    }),
  });
  b.push({
    k: 'table',
    sec: {
      id: 'accountability',
      title: c('circular.sub.accountability'),
      headers: ['circular.col.date', 'report.col.unit', 'circular.col.measure', 'circular.col.decidedBy', 'circular.col.orders'].map((k) => c(k)),
      rows: r.accountability.map((a) => [text(a.date), text(a.unitName), text(a.measure), text(a.decidedBy), text(a.orders.join('、') || null)]),
    },
  });
}
