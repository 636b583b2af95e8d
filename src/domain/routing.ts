// Routing (分类处置): rules map (category, town, type, keywords in title/content) to a unit, with a
// priority. Auto-dispatch sends an order only when exactly one best rule matches (or all best rules
// name the same unit); otherwise the clerk decides. Beyond the rules: suggest the unit that most
// often closed similar orders without returning them. Pure logic: no I/O, no text.
import type { OrderType } from './order.js';

export interface RoutingRule {
  id: number;
  /** null: any category. */
  category: string | null;
  /** null: any town. */
  town: string | null;
  /** null: any type. */
  type: OrderType | null;
  /** Any one of them in the title or content matches; empty: no keyword condition. */
  keywords: string[];
  /** The unit code the rule sends to. */
  unit: string;
  /** Higher wins. */
  priority: number;
}

/** What routing looks at. */
export interface RoutableOrder {
  category: string | null | undefined;
  town: string | null | undefined;
  type: OrderType;
  title: string | null | undefined;
  content: string | null | undefined;
}

export type RouteResult =
  | { kind: 'matched'; rule: RoutingRule; unit: string }
  | { kind: 'ambiguous'; candidates: RoutingRule[] }
  | { kind: 'none' };

function norm(s: string | null | undefined): string {
  return (s ?? '').trim();
}

function cleanKeywords(keywords: readonly string[]): string[] {
  return keywords.map((k) => k.trim()).filter((k) => k !== '');
}

/** Number of conditions a rule sets (category, town, type, keywords): the tie-breaker after priority. */
export function specificity(rule: RoutingRule): number {
  let n = 0;
  if (norm(rule.category) !== '') n++;
  if (norm(rule.town) !== '') n++;
  if (rule.type !== null) n++;
  if (cleanKeywords(rule.keywords).length > 0) n++;
  return n;
}

/** Every condition the rule sets holds for the order (keywords: any one, case-insensitive, in title or content). */
export function ruleMatches(rule: RoutingRule, order: RoutableOrder): boolean {
  const category = norm(rule.category);
  if (category !== '' && category !== norm(order.category)) return false;
  const town = norm(rule.town);
  if (town !== '' && town !== norm(order.town)) return false;
  if (rule.type !== null && rule.type !== order.type) return false;
  const keywords = cleanKeywords(rule.keywords);
  if (keywords.length > 0) {
    const text = `${order.title ?? ''}\n${order.content ?? ''}`.toLowerCase();
    if (!keywords.some((k) => text.includes(k.toLowerCase()))) return false;
  }
  return true;
}

/**
 * The unit for an order. The best rules are the matching ones with the highest priority, then the
 * most conditions set. One best rule, or several all naming the same unit → matched (the rule with
 * the lowest id is reported); best rules naming different units → ambiguous (candidates by id);
 * no rule matches → none.
 */
export function route(order: RoutableOrder, rules: readonly RoutingRule[]): RouteResult {
  let best: RoutingRule[] = [];
  let bestPriority = -Infinity;
  let bestSpecificity = -1;
  for (const rule of rules) {
    if (!ruleMatches(rule, order)) continue;
    const spec = specificity(rule);
    if (rule.priority > bestPriority || (rule.priority === bestPriority && spec > bestSpecificity)) {
      best = [rule];
      bestPriority = rule.priority;
      bestSpecificity = spec;
    } else if (rule.priority === bestPriority && spec === bestSpecificity) {
      best.push(rule);
    }
  }
  if (best.length === 0) return { kind: 'none' };
  best.sort((a, b) => a.id - b.id);
  const first = best[0]!;
  if (best.every((r) => r.unit === first.unit)) return { kind: 'matched', rule: first, unit: first.unit };
  return { kind: 'ambiguous', candidates: best };
}

/** One past order, as the suggestion needs it. */
export interface RoutingHistoryItem {
  category: string | null;
  town: string | null;
  unit: string;
  /** Closed by this unit as lead, and never returned by it. */
  closedWithoutReturn: boolean;
}

/**
 * The unit that most often closed similar orders without returning them: same category and same
 * town first; if none, same category in any town. Ties go to the unit code first in sort order.
 * Null when the order has no category or nothing similar was closed cleanly.
 */
export function suggestFromHistory(
  order: { category: string | null | undefined; town: string | null | undefined },
  history: readonly RoutingHistoryItem[],
): { unit: string; count: number } | null {
  const category = norm(order.category);
  if (category === '') return null;
  const town = norm(order.town);
  const clean = history.filter((h) => h.closedWithoutReturn && norm(h.category) === category);
  const sameTown = town === '' ? [] : clean.filter((h) => norm(h.town) === town);
  return mostFrequent(sameTown.length > 0 ? sameTown : clean);
}

function mostFrequent(items: readonly RoutingHistoryItem[]): { unit: string; count: number } | null {
  const counts = new Map<string, number>();
  for (const h of items) counts.set(h.unit, (counts.get(h.unit) ?? 0) + 1);
  let best: { unit: string; count: number } | null = null;
  for (const [unit, count] of counts) {
    if (!best || count > best.count || (count === best.count && unit < best.unit)) best = { unit, count };
  }
  return best;
}

/** A rule as a row for `rules list` (table or --json). null fields mean "any". */
export interface RuleRow {
  id: number;
  priority: number;
  category: string | null;
  town: string | null;
  type: OrderType | null;
  keywords: string[];
  unit: string;
  /** How many conditions the rule sets (the tie-breaker after priority). */
  specificity: number;
}

export function describeRule(rule: RoutingRule): RuleRow {
  return {
    id: rule.id,
    priority: rule.priority,
    category: norm(rule.category) === '' ? null : norm(rule.category),
    town: norm(rule.town) === '' ? null : norm(rule.town),
    type: rule.type,
    keywords: cleanKeywords(rule.keywords),
    unit: rule.unit,
    specificity: specificity(rule),
  };
}

/** Rules in the order `rules list` shows them: highest priority, then most specific, then id. */
export function sortRules(rules: readonly RoutingRule[]): RoutingRule[] {
  return [...rules].sort((a, b) => b.priority - a.priority || specificity(b) - specificity(a) || a.id - b.id);
}

/** Keywords as a clerk types them: separated by commas (, ，), 顿号 (、), semicolons or spaces. */
export function parseKeywords(input: string): string[] {
  return [...new Set(input.split(/[,，、;；\s]+/u).map((k) => k.trim()).filter((k) => k !== ''))];
}
