// The supervision figures (DOMAIN.md "Figures"), split by concept under ./figures/:
// types.ts (inputs and outputs), ratio.ts (the one place numbers are rounded), collect.ts (the one
// pass over the orders, each log folded once by lifecycle), assess.ts (score and ranking),
// reports.ts (circular, assessment, daily report), overdue-row.ts (a row of the overdue watch).
// Hot topics are the circular's (domain/hot-topics.ts, a real word segmenter), not a figure.
export * from './figures/types.js';
export { rate, ratio, round, shares, type Rate, type Ratio } from './figures/ratio.js';
export { LIST_LIMIT, TOP_N, limitVerdict, onTimeVerdict } from './figures/collect.js';
export { assessRows } from './figures/assess.js';
export { assess, assessOf, circular, circularOf, dailyReport, dailyReportOf, daysBetween, previousPeriod, type FigureSource } from './figures/reports.js';
export type { FactsInput } from './figures/collect-facts.js';
