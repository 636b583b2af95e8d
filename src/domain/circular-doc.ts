// The circular (通报) as an official document (公文): what it says beyond the figures. The
// document's settings (文号 template, 主送, 抄送, issuer), its number, the praise rule, how a
// monthly theme (每月一题) matches orders, and the shape of everything the renderers draw around
// the figures of src/domain/figures.ts. Pure: no I/O.
import type { CircularReport, Ratio } from './figures.js';
import type { SettingSpec } from './settings.js';
import { addDays, splitDay, type Day } from './time.js';

// ---------------------------------------------------------------------------------------------
// Settings (config set circular.*)

export const CIRCULAR_SETTING_SPECS: readonly SettingSpec[] = [
  { key: 'circular.docNo', kind: 'text', default: '云溪信息办〔{year}〕{n}号', describe: 'setting.circularDocNo' },
  { key: 'circular.to', kind: 'text', default: '各街道办事处、镇人民政府，区直有关单位，各公用事业单位', describe: 'setting.circularTo' },
  { key: 'circular.cc', kind: 'text', default: '区委办公室，区人大常委会办公室，区政府办公室，区政协办公室', describe: 'setting.circularCc' },
  { key: 'circular.issuer', kind: 'text', default: '云溪区信息办公室', describe: 'setting.circularIssuer' },
];

export interface CircularSettings {
  docNo: string;
  to: string;
  cc: string;
  issuer: string;
}

export function circularSettings(overrides: ReadonlyMap<string, number | string> = new Map()): CircularSettings {
  const get = (key: string): string => String(overrides.get(key) ?? CIRCULAR_SETTING_SPECS.find((s) => s.key === key)!.default);
  return { docNo: get('circular.docNo'), to: get('circular.to'), cc: get('circular.cc'), issuer: get('circular.issuer') };
}

/** Why a text setting is refused (a catalogue key), or its cleaned value. */
export function checkText(key: string, raw: string): { value: string } | { error: string } {
  const v = raw.trim().replace(/\s+/g, ' ');
  if (v === '') return { error: 'config.emptyText' };
  if (v.length > 200) return { error: 'config.textTooLong' };
  if (key === 'circular.docNo' && !v.includes('{n}')) return { error: 'config.docNoNeedsN' };
  return { value: v };
}

/** '云溪信息办〔{year}〕{n}号' → '云溪信息办〔2026〕47号'. */
export function formatDocNo(template: string, year: number, n: number | string): string {
  return template.replace(/\{year\}/g, String(year)).replace(/\{n\}/g, String(n));
}

// ---------------------------------------------------------------------------------------------
// Dates in Chinese

/** '2026-11-23' → '2026年11月23日'. */
export function chineseDate(day: Day): string {
  const [y, m, d] = splitDay(day);
  return `${y}年${m}月${d}日`;
}

/** A time as a document writes it: '2026-11-24 10:00' → '2026年11月24日10时00分'. */
export function chineseTime(short: string): string {
  const [day, hm] = short.split(' ');
  const [h, m] = (hm ?? '0:00').split(':');
  return `${chineseDate(day!)}${Number(h)}时${m}分`;
}

/** The period [from, to) as written in a title: '2026年11月16日至22日', '2026年11月30日至12月6日'. */
export function chinesePeriod(from: Day, to: Day): string {
  const last = addDays(to, -1);
  const [y1, m1] = splitDay(from);
  const [y2, m2, d2] = splitDay(last);
  if (from === last) return chineseDate(from);
  const tail = y1 !== y2 ? chineseDate(last) : m1 !== m2 ? `${m2}月${d2}日` : `${d2}日`;
  return `${chineseDate(from)}至${tail}`;
}

// ---------------------------------------------------------------------------------------------
// What the document adds to the figures

export interface DocHeader {
  /** The period in Chinese, for the title: 2026年11月16日至22日. */
  period: string;
  /** The 文号 as printed, e.g. 云溪信息办〔2026〕47号 (the number blank in a draft). */
  docNo: string;
  year: number;
  /** 0 in a draft of a period not yet issued. */
  n: number;
  to: string;
  cc: string;
  issuer: string;
  /** The as-of day, yyyy-MM-dd. */
  issueDate: Day;
}

export interface TermCount {
  term: string;
  count: number;
  /** Orders with the term in the previous period of equal length. */
  previous: number;
  change: number;
}

export interface GroupTerms {
  /** A town or a category. */
  name: string;
  received: number;
  terms: { term: string; count: number }[];
}

export interface HotTopics {
  /** Orders segmented in the period and in the previous one. */
  orders: number;
  previousOrders: number;
  terms: TermCount[];
  pairs: TermCount[];
  byTown: GroupTerms[];
  byCategory: GroupTerms[];
}

/** A monthly theme (每月一题) as the office set it. */
export interface Theme {
  id: number;
  /** yyyy-MM: tracked from this month on. */
  month: string;
  title: string;
  keywords: string[];
  category: string | null;
  /** The lead unit's code. */
  lead: string;
}

export interface ThemeRow extends Theme {
  leadName: string;
  /** Matching orders received in the period and in the previous one. */
  count: number;
  previous: number;
  change: Ratio;
  /** Of this period's matching orders: how many the lead unit leads, and how many of those were answered (reply or closure request submitted). */
  led: number;
  answered: number;
  /** The lead unit's own figures in the period. */
  leadOnTimeRate: Ratio;
  leadSatisfactionRate: Ratio;
}

export interface AccountabilityRow {
  id: number;
  unit: string;
  unitName: string;
  measure: string;
  orders: string[];
  decidedBy: string;
  date: Day;
  note: string | null;
}

export interface PraisedUnit {
  code: string;
  name: string;
  rank: number;
  score: number;
  satisfactionRate: number;
  evaluated: number;
}

export interface PraiseOrder {
  no: string;
  title: string | null;
  town: string | null;
  /** The unit the citizen praised, when the order was dispatched to one. */
  unitName: string | null;
}

export interface Praise {
  /** The rule's thresholds, printed with the list. */
  topRanks: number;
  minSatisfaction: number;
  units: PraisedUnit[];
  orders: PraiseOrder[];
  ordersTotal: number;
}

export interface CircularExtras {
  document: DocHeader;
  hotTopics: HotTopics | null;
  themes: ThemeRow[];
  accountability: AccountabilityRow[];
  praise: Praise;
}

/** The circular as the document renders it: the figures plus what the document adds. */
export type CircularDoc = CircularReport & CircularExtras;

export function isCircularDoc(r: unknown): r is CircularDoc {
  return typeof r === 'object' && r !== null && (r as { kind?: string }).kind === 'circular' && 'document' in r;
}

// ---------------------------------------------------------------------------------------------
// Praise (表扬): a precise rule, printed with the list

/** Units ranked in the top PRAISE_TOP_RANKS (ties included) … */
export const PRAISE_TOP_RANKS = 3;
/** Citizens' 表扬 orders listed in section 六 (the count stays exact). */
export const LIST_LIMIT_PRAISE = 100;
/** … with no overdue order at the as-of time and a satisfaction rate of at least this, over at least one callback. */
export const PRAISE_MIN_SATISFACTION = 0.95;

export function praisedUnits(r: CircularReport): PraisedUnit[] {
  const units = new Map(r.units.map((u) => [u.code, u]));
  const out: PraisedUnit[] = [];
  for (const x of r.ranking) {
    const u = units.get(x.code);
    if (x.rank === null || x.score === null || x.rank > PRAISE_TOP_RANKS || !u) continue;
    if (u.overdue > 0 || u.satisfaction.den === 0 || u.satisfactionRate === null || u.satisfactionRate < PRAISE_MIN_SATISFACTION) continue;
    out.push({ code: u.code, name: u.name, rank: x.rank, score: x.score, satisfactionRate: u.satisfactionRate, evaluated: u.satisfaction.den });
  }
  return out.sort((a, b) => a.rank - b.rank);
}

// ---------------------------------------------------------------------------------------------
// Monthly themes: which orders a theme covers

export interface ThemeRule {
  keywords: readonly string[];
  category: string | null;
}

/**
 * An order matches a theme when its title or content contains one of the theme's keywords, or,
 * when the theme names a category, when the order is of that category.
 */
export function matchesTheme(t: ThemeRule, o: { title: string | null; content?: string | null; category: string | null }): boolean {
  if (t.category !== null && o.category === t.category) return true;
  const text = `${o.title ?? ''}\n${o.content ?? ''}`;
  return t.keywords.some((k) => k !== '' && text.includes(k));
}

/** Is a theme of `month` (yyyy-MM) open in a period ending before `to`? Themes start with their month. */
export function themeCovers(month: string, to: Day): boolean {
  return `${month}-01` < to;
}

/** Keywords as the clerk types them: 、，, ; or spaces between. */
export function splitKeywords(raw: string): string[] {
  return [...new Set(raw.split(/[,，、;；\s]+/).map((k) => k.trim()).filter(Boolean))];
}

/** Relative change, null when the previous count is 0. */
export function changeRatio(count: number, previous: number): Ratio {
  return previous === 0 ? null : (count - previous) / previous;
}
