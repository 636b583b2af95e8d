// The report objects (src/domain/figures.ts, overdue.ts) as a list of titled tables with typed
// cells: every renderer (table, CSV, XLSX, Markdown, HTML) draws the same sections, so the same
// numbers appear in every format. Wording comes from the report catalogue (src/i18n/report.ts).
import '../../i18n/all.js';
import { translate, type Lang } from '../../i18n/index.js';
import type { AssessReport, CircularReport, DailyReport, Figures, Rate } from '../../domain/figures.js';
import type { OverdueRow } from '../../domain/overdue.js';
import { addDays, formatTimeShort, splitDay, type Day } from '../../domain/time.js';
import { isCircularDoc } from '../../domain/circular-doc.js';

/** The overdue watch as a report: rows as overdueRows returns them, with the time asked about. */
export interface OverdueReport {
  kind: 'overdue';
  asOf: string;
  rows: OverdueRow[];
}

/** Anything the renderers take. A bare OverdueRow[] is the overdue watch. */
export type AnyReport = CircularReport | AssessReport | DailyReport | OverdueReport | OverdueRow[];

export type Cell =
  | { t: 'text'; v: string | null }
  | { t: 'int'; v: number | null }
  /** A ratio 0..1 shown as a percentage. */
  | { t: 'pct'; v: number | null }
  /** A number shown with 2 decimals (scores). */
  | { t: 'num'; v: number | null }
  /** An ISO time, shown as 'yyyy-MM-dd HH:mm' Beijing time. */
  | { t: 'time'; v: string | null };

export interface Section {
  /** Stable English id (csv --section, sheet order). */
  id: string;
  title: string;
  headers: string[];
  rows: Cell[][];
  /** Row indexes to emphasise (totals) and to flag (serious, below floor). */
  strong?: number[];
  flagged?: number[];
}

export const text = (v: string | null | undefined): Cell => ({ t: 'text', v: v ?? null });
export const int = (v: number | null | undefined): Cell => ({ t: 'int', v: v ?? null });
export const pct = (v: number | null | undefined): Cell => ({ t: 'pct', v: v ?? null });
export const num = (v: number | null | undefined): Cell => ({ t: 'num', v: v ?? null });
export const time = (v: string | null | undefined): Cell => ({ t: 'time', v: v ?? null });

/** A message of the one catalogue (src/i18n), {placeholders} filled. */
export const msg: (lang: Lang, key: string, params?: Record<string, string | number>) => string = translate;

/** What a cell shows to people (tables, Markdown, HTML). Null is '-'. */
export function show(c: Cell): string {
  if (c.v === null) return '-';
  switch (c.t) {
    case 'text':
      return c.v;
    case 'int':
      return String(c.v);
    case 'pct':
      return fmtPct(c.v);
    case 'num':
      return c.v.toFixed(2);
    case 'time':
      return formatTimeShort(c.v);
  }
}

export function fmtPct(r: number | null): string {
  return r === null ? '-' : `${(r * 100).toFixed(2)}%`;
}

export function isNumeric(c: Cell): boolean {
  return c.t === 'int' || c.t === 'pct' || c.t === 'num';
}

/** '2026年9月28日' in Chinese, '2026-09-28' in English. */
export function showDay(day: Day, lang: Lang): string {
  if (lang !== 'zh') return day;
  const [y, m, d] = splitDay(day);
  return `${y}年${m}月${d}日`;
}

export function lastDay(to: Day): Day {
  return addDays(to, -1);
}

export function reportKind(r: AnyReport): 'circular' | 'assess' | 'daily' | 'overdue' {
  return Array.isArray(r) ? 'overdue' : r.kind;
}

export function titleOf(r: AnyReport, lang: Lang): string {
  const kind = reportKind(r);
  if (kind === 'daily') return msg(lang, 'report.title.daily', { day: (r as DailyReport).day });
  return msg(lang, `report.title.${kind}`);
}

/** The lines under the title: period and as-of time. */
export function subtitleLines(r: AnyReport, lang: Lang): string[] {
  if (Array.isArray(r)) return [];
  if (r.kind === 'overdue') return [msg(lang, 'report.asOfLine', { asOf: formatTimeShort(r.asOf) })];
  const lines: string[] = [];
  if (r.kind === 'circular' || r.kind === 'assess')
    lines.push(msg(lang, 'report.periodLine', { from: r.from, last: lastDay(r.to), to: r.to }));
  lines.push(msg(lang, 'report.asOfLine', { asOf: formatTimeShort(r.asOf) }));
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Definitions (footnotes)

/** The label of each figure in the definitions table. */
const FIGURE_LABEL: Record<string, string> = {
  received: 'report.col.received',
  growth: 'report.item.growth',
  byType: 'report.sec.byType',
  topCategories: 'report.sec.topCategories',
  dispatchedSameDay: 'report.col.dispatchedSameDayRate',
  signedInTime: 'report.col.signedInTimeRate',
  onTime: 'report.col.onTimeRate',
  replyRate: 'report.col.replyRate',
  satisfactionRate: 'report.col.satisfactionRate',
  satisfactionScore: 'report.col.satisfactionScore',
  returns: 'report.col.returns',
  reworks: 'report.col.reworks',
  reminders: 'report.col.reminders',
  supervisions: 'report.col.supervisions',
  extensions: 'report.col.extensions',
  repeats: 'report.col.repeats',
  overdue: 'report.col.overdue',
  seriousOverdue: 'report.col.seriousOverdue',
  dueSoon: 'report.col.dueSoon',
  tui: 'report.sec.tui',
  discipline: 'report.col.discipline',
  score: 'report.col.score',
  dispatched: 'report.col.dispatched',
  undispatched: 'report.col.undispatched',
  signed: 'report.col.signed',
  replies: 'report.col.replies',
};

export function figureLabel(figure: string, lang: Lang): string {
  const key = FIGURE_LABEL[figure];
  return key ? msg(lang, key) : figure;
}

/** The definitions of a report as texts: figure → sentence, placeholders filled from the report. */
export function definitionTexts(r: CircularReport | AssessReport | DailyReport, lang: Lang): Record<string, string> {
  const params: Record<string, string | number> = {};
  if (r.kind === 'circular' || r.kind === 'assess') {
    Object.assign(params, r.weights, r.satisfactionWeights, { min: r.rankingMinimum });
  }
  if (r.kind === 'circular') params.floor = fmtPctShort(r.satisfactionFloor);
  if (r.kind === 'circular' || r.kind === 'daily') params.days = r.seriousOverdueWorkdays;
  return Object.fromEntries(Object.entries(r.definitions).map(([fig, key]) => [fig, msg(lang, key, params)]));
}

/** '6/7' or '6/7，待定 1': the numerator and denominator beside a rate, and the cases not yet decided. */
export function rateBasis(x: Rate, lang: Lang): string {
  const base = `${x.num}/${x.den}`;
  return x.pending > 0 ? msg(lang, 'report.basisPending', { base, pending: x.pending }) : base;
}

/** 0.85 → '85%' (thresholds are whole percentages as the office sets them). */
export function fmtPctShort(r: number): string {
  return `${Number((r * 100).toFixed(2))}%`;
}

function definitionsSection(r: CircularReport | AssessReport | DailyReport, lang: Lang): Section {
  const texts = definitionTexts(r, lang);
  return {
    id: 'definitions',
    title: msg(lang, 'report.sec.definitions'),
    headers: [msg(lang, 'report.col.figure'), msg(lang, 'report.col.definition')],
    rows: Object.entries(texts).map(([fig, t]) => [text(figureLabel(fig, lang)), text(t)]),
  };
}

// ---------------------------------------------------------------------------------------------
// Sections per report

const h = (lang: Lang, ...keys: string[]): string[] => keys.map((k) => msg(lang, `report.col.${k}`));

function unitName(code: string | null, names: Map<string, string>): string | null {
  return code === null ? null : (names.get(code) ?? code);
}

/** The per-unit statistics table (the circular's annex), district totals last. */
export function unitsSection(r: CircularReport, lang: Lang): Section {
  const figs = (f: Figures): Cell[] => [
    int(f.received),
    pct(f.signedInTime.rate),
    pct(f.firstContact.rate),
    pct(f.onTime.rate),
    pct(f.replied.rate),
    pct(f.response.rate),
    pct(f.resolution.rate),
    pct(f.satisfaction.rate),
    num(f.satisfactionScore),
    int(f.returnsRequested),
    int(f.returnsApproved),
    int(f.returnsDenied),
    int(f.reworks),
    int(f.reminders),
    int(f.supervisions),
    int(f.extensions),
    int(f.repeats),
    int(f.overdue),
    int(f.seriousOverdue),
  ];
  const rows = r.units.map((u) => [text(u.code), text(u.name), ...figs(u)]);
  rows.push([text(''), text(msg(lang, 'report.total')), ...figs(r.totals)]);
  return {
    id: 'units',
    title: msg(lang, 'report.sec.units'),
    headers: h(
      lang,
      'code',
      'unit',
      'received',
      'signedInTimeRate',
      'firstContactRate',
      'onTimeRate',
      'replyRate',
      'responseRate',
      'resolutionRate',
      'satisfactionRate',
      'satisfactionScore',
      'returnsRequested',
      'returnsApproved',
      'returnsDenied',
      'reworks',
      'reminders',
      'supervisions',
      'extensions',
      'repeats',
      'overdue',
      'seriousOverdue',
    ),
    rows,
    strong: [rows.length - 1],
    flagged: r.units.flatMap((u, i) => (u.belowFloor || u.seriousOverdue > 0 ? [i] : [])),
  };
}

/** Which figure (definitions key) each column of the units section stands for, for footnote marks. */
export const UNITS_COLUMN_FIGURES: (string | null)[] = [
  null,
  null,
  'received',
  'signedInTime',
  'firstContact',
  'onTime',
  'replyRate',
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'satisfactionScore',
  'returns',
  'returns',
  'returns',
  'reworks',
  'reminders',
  'supervisions',
  'extensions',
  'repeats',
  'overdue',
  'seriousOverdue',
];

export function rankingSection(rows: AssessReport['rows'], lang: Lang): Section {
  return {
    id: 'ranking',
    title: msg(lang, 'report.sec.ranking'),
    headers: h(lang, 'rank', 'code', 'unit', 'score', 'signedInTimeRate', 'onTimeRate', 'satisfaction', 'discipline', 'components', 'notRanked'),
    rows: rows.map((x) => [
      int(x.rank),
      text(x.code),
      text(x.name),
      num(x.score),
      pct(x.signedInTimeRate),
      pct(x.onTimeRate),
      pct(x.satisfaction),
      pct(x.discipline),
      int(x.components),
      text(x.reason === null ? '' : msg(lang, `report.notRanked.${x.reason}`, { min: x.handled })),
    ]),
  };
}

/** What the document adds (its header, hot topics, themes, praise, accountability) as data sections for CSV and XLSX. */
function documentSections(r: CircularReport, lang: Lang): Section[] {
  if (!isCircularDoc(r)) return [];
  const c = (key: string, params: Record<string, string | number> = {}): string => msg(lang, key, params);
  const d = r.document;
  const hot = r.hotTopics;
  return [
    {
      id: 'document',
      title: c('circular.sec.document'),
      headers: [c('circular.docTable.item'), c('circular.docTable.value')],
      rows: [
        [text(c('circular.doc.title')), text(c('circular.title', { period: lang === 'zh' ? d.period : `${r.from} to ${lastDay(r.to)}` }))],
        [text(c('circular.doc.docNo')), text(d.docNo)],
        [text(c('circular.doc.to')), text(d.to)],
        [text(c('circular.doc.cc')), text(d.cc)],
        [text(c('circular.doc.issuer')), text(d.issuer)],
        [text(c('circular.doc.issueDate')), text(showDay(d.issueDate, lang))],
      ],
    },
    {
      id: 'hotTerms',
      title: c('circular.sec.hotTerms'),
      headers: [c('circular.col.term'), c('report.col.count'), c('circular.col.previous'), c('circular.col.change')],
      rows: hot ? [...hot.terms, ...hot.pairs].map((x) => [text(x.term), int(x.count), int(x.previous), int(x.change)]) : [],
    },
    {
      id: 'themes',
      title: c('circular.sub.themes').replace(/^（.）|^\(\d\) /, ''),
      headers: [c('circular.col.theme'), c('circular.col.lead'), c('report.col.count'), c('circular.col.previous'), c('circular.col.trend'), c('report.col.onTimeRate'), c('report.col.satisfactionRate')],
      rows: r.themes.map((x) => [text(x.title), text(x.leadName), int(x.count), int(x.previous), pct(x.change), pct(x.leadOnTimeRate), pct(x.leadSatisfactionRate)]),
    },
    {
      id: 'praiseUnits',
      title: c('circular.sec.praiseUnits'),
      headers: [c('circular.col.rank'), c('report.col.unit'), c('report.col.score'), c('report.col.satisfactionRate'), c('report.col.evaluated')],
      rows: r.praise.units.map((u) => [int(u.rank), text(u.name), num(u.score), pct(u.satisfactionRate), int(u.evaluated)]),
    },
    {
      id: 'praiseOrders',
      title: c('circular.sec.praiseOrders'),
      headers: [c('report.col.no'), c('report.col.title'), c('report.col.town'), c('circular.col.praisedUnit')],
      rows: r.praise.orders.map((o) => [text(o.no), text(o.title), text(o.town), text(o.unitName)]),
    },
    {
      id: 'accountability',
      title: c('circular.sub.accountability').replace(/^（.）|^\(\d\) /, ''),
      headers: [c('circular.col.date'), c('report.col.unit'), c('circular.col.measure'), c('circular.col.decidedBy'), c('circular.col.orders')],
      rows: r.accountability.map((a) => [text(a.date), text(a.unitName), text(a.measure), text(a.decidedBy), text(a.orders.join('、'))]),
    },
  ];
}

function circularSections(r: CircularReport, lang: Lang): Section[] {
  const names = new Map(r.units.map((u) => [u.code, u.name]));
  const t = r.totals;
  const item = (key: string, c: Cell): Cell[] => [text(msg(lang, key)), c, text('')];
  // Every rate with the counts it comes from, and what is not yet decided (DOMAIN.md Figures).
  const rateItem = (key: string, x: Rate): Cell[] => [text(msg(lang, key)), pct(x.rate), text(rateBasis(x, lang))];
  const summary: Section = {
    id: 'summary',
    title: msg(lang, 'report.sec.summary'),
    headers: h(lang, 'item', 'value', 'basis'),
    rows: [
      item('report.item.period', text(`${r.from} ~ ${lastDay(r.to)}`)),
      item('report.item.asOf', time(r.asOf)),
      item('report.col.received', int(r.received)),
      item('report.item.previous', int(r.previous.received)),
      item('report.item.growth', pct(r.growth)),
      rateItem('report.col.dispatchedSameDayRate', t.sameDay),
      rateItem('report.col.signedInTimeRate', t.signedInTime),
      rateItem('report.col.firstContactRate', t.firstContact),
      rateItem('report.col.onTimeRate', t.onTime),
      rateItem('report.col.replyRate', t.replied),
      rateItem('report.col.responseRate', t.response),
      rateItem('report.col.resolutionRate', t.resolution),
      rateItem('report.col.satisfactionRate', t.satisfaction),
      item('report.col.satisfactionScore', num(t.satisfactionScore)),
      item('report.col.returnsRequested', int(t.returnsRequested)),
      item('report.col.returnsApproved', int(t.returnsApproved)),
      item('report.col.returnsDenied', int(t.returnsDenied)),
      item('report.col.reworks', int(t.reworks)),
      item('report.col.reminders', int(t.reminders)),
      item('report.col.supervisions', int(t.supervisions)),
      item('report.col.extensions', int(t.extensions)),
      item('report.col.repeats', int(t.repeats)),
      item('report.col.overdue', int(t.overdue)),
      item('report.col.seriousOverdue', int(t.seriousOverdue)),
      item('report.col.dueSoon', int(t.dueSoon)),
    ],
  };
  return [
    summary,
    {
      id: 'byType',
      title: msg(lang, 'report.sec.byType'),
      headers: h(lang, 'type', 'count', 'share'),
      rows: r.byType.map((x) => [text(x.type), int(x.count), pct(x.share)]),
    },
    {
      id: 'topCategories',
      title: msg(lang, 'report.sec.topCategories'),
      headers: h(lang, 'category', 'count', 'share'),
      rows: r.topCategories.map((x) => [text(x.category), int(x.count), pct(x.share)]),
    },
    {
      id: 'topTowns',
      title: msg(lang, 'report.sec.topTowns'),
      headers: h(lang, 'town', 'count', 'share'),
      rows: r.topTowns.map((x) => [text(x.town), int(x.count), pct(x.share)]),
    },
    unitsSection(r, lang),
    {
      id: 'belowFloor',
      title: msg(lang, 'report.sec.belowFloor'),
      headers: h(lang, 'code', 'unit', 'evaluated', 'satisfactionRate'),
      rows: r.belowFloor.map((x) => [text(x.code), text(x.name), int(x.evaluated), pct(x.satisfactionRate)]),
    },
    {
      id: 'repeats',
      title: msg(lang, 'report.sec.repeats'),
      headers: h(lang, 'no', 'repeatOf', 'town', 'category', 'title', 'leadUnit'),
      rows: r.repeats.orders.map((x) => [
        text(x.no),
        text(x.repeatOf),
        text(x.town),
        text(x.category),
        text(x.title),
        text(unitName(x.leadUnit, names)),
      ]),
    },
    {
      id: 'overdueUnits',
      title: msg(lang, 'report.sec.overdueUnits'),
      headers: h(lang, 'code', 'unit', 'overdue', 'seriousOverdue'),
      rows: r.overdueUnits.map((x) => [text(x.code), text(x.name), int(x.overdue), int(x.seriousOverdue)]),
    },
    {
      id: 'seriousOrders',
      title: msg(lang, 'report.sec.seriousOrders'),
      headers: h(lang, 'no', 'title', 'leadUnit', 'dueAt', 'overdueWorkdays'),
      rows: r.seriousOrders.map((x) => [
        text(x.no),
        text(x.title),
        text(x.unitName ?? x.leadUnit),
        time(x.dueAt),
        int(x.overdueWorkdays),
      ]),
    },
    {
      id: 'overdueOrders',
      title: msg(lang, 'circular.sec.overdueOrders'),
      headers: h(lang, 'no', 'title', 'leadUnit', 'dueAt', 'overdueWorkdays', 'level'),
      rows: r.overdueOrders.rows.map((x) => [
        text(x.no),
        text(x.title),
        text(x.unitName ?? x.leadUnit),
        time(x.dueAt),
        int(x.overdueWorkdays),
        text(msg(lang, `report.level.${x.level}`)),
      ]),
    },
    {
      id: 'tui',
      title: msg(lang, 'report.sec.tui'),
      headers: h(lang, 'no', 'title', 'returns', 'returnUnits', 'leadUnit', 'status'),
      rows: r.tuiOrders.map((x) => [
        text(x.no),
        text(x.title),
        int(x.returns),
        text(x.returnUnitNames.join(lang === 'zh' ? '、' : ', ')),
        text(unitName(x.leadUnit, names)),
        text(msg(lang, `report.status.${x.status}`)),
      ]),
    },
    rankingSection(r.ranking, lang),
    ...documentSections(r, lang),
    definitionsSection(r, lang),
  ];
}

function assessSections(r: AssessReport, lang: Lang): Section[] {
  const w = r.weights;
  return [
    {
      id: 'weights',
      title: msg(lang, 'report.sec.weights'),
      headers: h(lang, 'item', 'weight'),
      rows: (['signedInTime', 'onTime', 'satisfaction', 'discipline'] as const).map((k) => [
        text(msg(lang, `report.weight.${k}`)),
        num(w[k]),
      ]),
    },
    rankingSection(r.rows, lang),
    definitionsSection(r, lang),
  ];
}

function dailySections(r: DailyReport, lang: Lang): Section[] {
  const item = (key: string, c: Cell): Cell[] => [text(msg(lang, key)), c];
  return [
    {
      id: 'summary',
      title: msg(lang, 'report.sec.summary'),
      headers: h(lang, 'item', 'value'),
      rows: [
        item('report.item.day', text(r.day)),
        item('report.item.asOf', time(r.asOf)),
        item('report.col.received', int(r.received)),
        item('report.col.dispatched', int(r.dispatched)),
        item('report.col.redispatched', int(r.redispatched)),
        item('report.col.undispatched', int(r.undispatched)),
        item('report.col.signed', int(r.signed)),
        item('report.col.signedLate', int(r.signedLate)),
        item('report.col.replies', int(r.replies)),
        item('report.col.closureRequests', int(r.closureRequests)),
        item('report.col.returns', int(r.returns)),
        item('report.col.feedback', int(r.feedback)),
        item('report.col.dueSoon', int(r.dueSoon)),
        item('report.col.overdue', int(r.overdue)),
        item('report.col.seriousOverdue', int(r.seriousOverdue)),
      ],
    },
    {
      id: 'units',
      title: msg(lang, 'report.sec.dailyUnits'),
      headers: h(lang, 'code', 'unit', 'dispatched', 'signed', 'signedLate', 'replies', 'returns', 'dueSoon', 'overdue', 'seriousOverdue'),
      rows: r.units.map((u) => [
        text(u.code),
        text(u.name),
        int(u.dispatched),
        int(u.signed),
        int(u.signedLate),
        int(u.replies),
        int(u.returns),
        int(u.dueSoon),
        int(u.overdue),
        int(u.seriousOverdue),
      ]),
      flagged: r.units.flatMap((u, i) => (u.seriousOverdue > 0 ? [i] : [])),
    },
    {
      id: 'undispatched',
      title: msg(lang, 'report.sec.undispatched'),
      headers: h(lang, 'no', 'title', 'town', 'category', 'receivedAt', 'dispatchLimit', 'dispatchedAt'),
      rows: r.undispatchedOrders.map((o) => [
        text(o.no),
        text(o.title),
        text(o.town),
        text(o.category),
        time(o.receivedAt),
        time(o.dispatchLimit),
        time(o.dispatchedAt),
      ]),
    },
    definitionsSection(r, lang),
  ];
}

function overdueSections(rows: OverdueRow[], lang: Lang): Section[] {
  return [
    {
      id: 'overdue',
      title: msg(lang, 'report.sec.overdueList'),
      headers: h(lang, 'level', 'no', 'title', 'leadUnit', 'contact', 'phone', 'status', 'receivedAt', 'dueAt', 'overdueWorkdays'),
      rows: rows.map((o) => [
        text(msg(lang, `report.level.${o.level}`)),
        text(o.no),
        text(o.title),
        text(o.unitName ?? o.leadUnit),
        text(o.unitContact),
        text(o.unitPhone),
        text(msg(lang, `report.status.${o.status}`)),
        time(o.receivedAt),
        time(o.dueAt),
        int(o.overdueWorkdays),
      ]),
      flagged: rows.flatMap((o, i) => (o.level === 'serious' ? [i] : [])),
    },
  ];
}

/** The sections of any report, in document order. */
export function sectionsOf(r: AnyReport, lang: Lang): Section[] {
  if (Array.isArray(r)) return overdueSections(r, lang);
  switch (r.kind) {
    case 'circular':
      return circularSections(r, lang);
    case 'assess':
      return assessSections(r, lang);
    case 'daily':
      return dailySections(r, lang);
    case 'overdue':
      return overdueSections(r.rows, lang);
  }
}
