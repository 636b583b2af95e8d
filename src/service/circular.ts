// The circular (通报) as a document: the period's figures (src/domain/figures.ts) and what the
// document adds around them — its number and addressees, hot topics found by the word segmenter,
// the monthly themes, praise, and the accountability measures dated in the period.
import {
  LIST_LIMIT_PRAISE,
  changeRatio,
  chinesePeriod,
  circularSettings,
  formatDocNo,
  matchesTheme,
  praisedUnits,
  themeCovers,
  PRAISE_MIN_SATISFACTION,
  PRAISE_TOP_RANKS,
  type AccountabilityRow,
  type CircularDoc,
  type HotTopics,
  type ThemeRow,
} from '../domain/circular-doc.js';
import type { CircularReport } from '../domain/figures.js';
import { countTopics, pickTopics, type TopicCounts } from '../domain/hot-topics.js';
import { atBeijing, dayOf, formatTime, splitDay, timeMs, type Day } from '../domain/time.js';
import { dictionaryKey, officeDictionary, segmenter } from '../io/segment.js';
import { keepCounts, keepWords, keptCounts, keptWords, wordsMark, type OrderWords } from '../store/words.js';
import { listAccountability } from '../store/accountability.js';
import { circularNumber, knownCircularNumber, orderHeads, orderTexts, orderTextsOf, receivedTowns, type OrderHead, type OrderText } from '../store/circulars.js';
import { settingOverrides } from '../store/config.js';
import type { Db } from '../store/db.js';
import { listCategories, listUnits } from '../store/directory.js';
import { circularReport, type PeriodReportQuery, type ReportContext } from './reports.js';
import { listThemes } from '../store/themes.js';

export interface CircularQuery extends PeriodReportQuery {
  /** A draft takes no number: a period not yet issued shows its 文号 with the number left blank. */
  draft?: boolean;
}

/**
 * The circular of a period as of a time (the figures: service/reports.ts circularReport). Its 文号
 * is the one the period got when first issued; a period issued for the first time takes the next
 * number of the issue year (the as-of day's), unless it is a draft.
 */
export async function circularDocument(env: ReportContext & { actor: string }, query: CircularQuery): Promise<CircularDoc> {
  const { db } = env;
  const report = await circularReport(env, query);
  const q = { from: report.from, to: report.to, asOf: new Date(timeMs(report.asOf)), draft: query.draft };
  const prevFrom = report.previous.from;
  const units = await listUnits(db);
  const names = new Map(units.map((u) => [u.code, u.name]));

  const cs = circularSettings(await settingOverrides(db));
  const issueDate = dayOf(q.asOf);
  const [year] = splitDay(issueDate);
  const { year: y, n } = q.draft
    ? ((await knownCircularNumber(db, q)) ?? { year, n: 0 })
    : await circularNumber(db, { from: q.from, to: q.to, year, at: formatTime(env.now), actor: env.actor });

  // The orders of the period and the one before. Their texts are read only where needed: all of
  // them when a theme is open (themes match words in the texts), else those the hot topics have no
  // kept words for and the praised ones. The hot topics read the orders only when their counts
  // were not kept.
  const fromIso = formatTime(atBeijing(q.from));
  const toIso = formatTime(atBeijing(q.to));
  const periods = { previous: { from: formatTime(atBeijing(prevFrom)), to: fromIso }, current: { from: fromIso, to: toIso } };
  const themes = (await listThemes(db, { status: 'open' })).filter((t) => themeCovers(t.month, q.to));
  const texts = themes.length > 0 ? await orderTexts(db, { from: periods.previous.from, to: toIso }) : null;
  const byNo = texts ? new Map(texts.map((o) => [o.no, o])) : null;
  const headsOf = async (r: { from: string; to: string; type?: string }): Promise<OrderHead[]> =>
    texts ? texts.filter((o) => o.receivedAt >= r.from && o.receivedAt < r.to && (r.type === undefined || o.type === r.type)) : orderHeads(db, r);
  const textsOf = async (list: OrderHead[]): Promise<Map<string, OrderText>> =>
    byNo ? new Map(list.map((o) => [o.no, byNo.get(o.no)!])) : orderTextsOf(db, list.map((o) => o.no));
  const isCurrent = (o: OrderHead): boolean => o.receivedAt >= fromIso;
  const categories = (await listCategories(db)).map((c) => c.name);

  const praiseAll = await headsOf({ ...periods.current, type: '表扬' });
  const praiseListed = praiseAll.slice(0, LIST_LIMIT_PRAISE);
  const praiseTexts = await textsOf(praiseListed);
  const accountability: AccountabilityRow[] = (await listAccountability(db, { from: q.from, to: q.to })).map((a) => ({
    id: a.id,
    unit: a.unit,
    unitName: names.get(a.unit) ?? a.unit,
    measure: a.measure,
    orders: a.orders,
    decidedBy: a.decidedBy,
    date: a.date,
    note: a.note,
  }));

  return {
    ...report,
    document: { period: chinesePeriod(q.from, q.to), docNo: formatDocNo(cs.docNo, y, n === 0 ? '　　' : n), year: y, n, to: cs.to, cc: cs.cc, issuer: cs.issuer, issueDate },
    hotTopics: await topicsOf(db, periods, headsOf, textsOf, units, categories),
    themes: themeRows(themes, texts ?? [], isCurrent, report, names),
    accountability,
    praise: {
      topRanks: PRAISE_TOP_RANKS,
      minSatisfaction: PRAISE_MIN_SATISFACTION,
      units: praisedUnits(report),
      orders: praiseListed.map((o) => ({ no: o.no, title: praiseTexts.get(o.no)?.title ?? null, town: o.town, unitName: o.leadUnit ? (names.get(o.leadUnit) ?? null) : null })),
      ordersTotal: praiseAll.length,
    },
  };
}

/**
 * The hot topics of the period against the previous one, from each period's counts (TopicCounts):
 * kept by an earlier circular with the same dictionary while still those of the orders' kept words
 * (store/words.ts), else counted from the orders' words. Words kept from an earlier circular (same
 * dictionary, same text) are reused; the segmenter (and its dictionary, a third of a second to
 * load) is started only for the orders left, and their words and the counts are kept for the next
 * time.
 */
async function topicsOf(
  db: Db,
  periods: { previous: Period; current: Period },
  headsOf: (r: Period) => Promise<OrderHead[]>,
  textsOf: (list: OrderHead[]) => Promise<Map<string, OrderText>>,
  units: { name: string; kind: string }[],
  categories: string[],
): Promise<HotTopics | null> {
  // Place names are kept whole and left out of the words: towns (and their stems: 青石镇 → 青石), units, and the orders' own towns.
  const towns = new Set([
    ...units.filter((u) => u.kind === 'town' || u.kind === 'community').map((u) => u.name),
    ...(await receivedTowns(db, { from: periods.previous.from, to: periods.current.to })),
  ]);
  const stems = [...towns].map((t) => t.replace(/(街道|镇|乡|社区|村)$/, '')).filter((s) => [...s].length >= 2);
  const dict = officeDictionary([...towns, ...stems, ...units.map((u) => u.name)], categories);
  const key = dictionaryKey(dict);
  // Before anything the counts are made from is read: counts are kept only if nothing changed meanwhile.
  const mark = wordsMark(db);
  const list = [periods.previous, periods.current];
  const counts = await Promise.all(list.map((p) => keptCounts(db, { ...p, dict: key })));
  const missing = list.filter((_, i) => counts[i] === undefined);
  if (missing.length > 0) {
    const heads = (await Promise.all(missing.map((p) => headsOf(p)))).flat();
    const kept = new Map<string, OrderWords>();
    for (const p of missing) for (const [no, w] of await keptWords(db, { ...p, dict: key })) kept.set(no, w);
    const unsegmented = heads.filter((o) => !kept.has(o.no));
    let allKept = true;
    if (unsegmented.length > 0) {
      const texts = await textsOf(unsegmented);
      const seg = segmenter(dict);
      const fresh: { no: string; words: OrderWords }[] = [];
      for (const o of unsegmented) {
        const t = texts.get(o.no);
        const titleWords = seg.words(t?.title ?? '');
        // The title says what the order is about; the content adds only the office's own terms (its other words are noise).
        const w = { titleWords, words: [...titleWords, ...seg.terms(t?.content ?? '')] };
        kept.set(o.no, w);
        fresh.push({ no: o.no, words: w });
      }
      allKept = await keepWords(db, key, fresh);
    }
    for (const [i, p] of list.entries()) {
      if (counts[i] !== undefined) continue;
      const inPeriod = heads.filter((o) => o.receivedAt >= p.from && o.receivedAt < p.to);
      counts[i] = countTopics(inPeriod.map((o) => ({ town: o.town, category: o.category, ...kept.get(o.no)! })));
    }
    // Counts of words not kept would outlive a change of the text they were found in.
    if (allKept) await keepCounts(db, key, mark, list.map((p, i) => ({ ...p, counts: counts[i]! })));
  }
  const [previous, current] = counts as [TopicCounts, TopicCounts];
  if (previous.orders + current.orders === 0) return null;
  return pickTopics(current, previous);
}

interface Period {
  from: string;
  to: string;
}

function themeRows(
  themes: Awaited<ReturnType<typeof listThemes>>,
  texts: OrderText[],
  isCurrent: (o: OrderHead) => boolean,
  report: CircularReport,
  names: Map<string, string>,
): ThemeRow[] {
  const unitRows = new Map(report.units.map((u) => [u.code, u]));
  return themes.map((t) => {
    const matching = texts.filter((o) => matchesTheme(t, o));
    const now = matching.filter(isCurrent);
    const count = now.length;
    const previous = matching.length - count;
    const led = now.filter((o) => o.leadUnit === t.lead);
    const lead = unitRows.get(t.lead);
    return {
      id: t.id,
      month: t.month,
      title: t.title,
      keywords: t.keywords,
      category: t.category,
      lead: t.lead,
      leadName: names.get(t.lead) ?? t.lead,
      count,
      previous,
      change: changeRatio(count, previous),
      led: led.length,
      answered: led.filter((o) => ANSWERED.has(o.status)).length,
      leadOnTimeRate: lead?.onTimeRate ?? null,
      leadSatisfactionRate: lead?.satisfactionRate ?? null,
    };
  });
}

/** The lead has submitted its answer (reply or closure request), whatever the office and the citizen did next. */
const ANSWERED = new Set(['replied', 'answered', 'closure_requested', 'closed']);
