// Routing out of the box (DOMAIN.md Routing): the rules `init` derives from the directory, the
// category aliases, and what makes two rules "the same match". Pure: no I/O, no text.
import type { RoutingRule } from './routing.js';

/** A rule before it has an id. */
export type RuleSpec = Omit<RoutingRule, 'id'>;

/**
 * The default rules: a category with a usual department → that department; a category without one
 * (水电气暖, 城市管理, 其他) → the order's town, one rule per town the directory knows (a rule names a
 * unit, so "the order's town" is one (category, town) rule per town). Priority 0, so any rule the
 * office adds with a higher priority wins.
 */
export function defaultRules(
  categories: readonly { name: string; department: string | null }[],
  towns: readonly { code: string; name: string }[],
): RuleSpec[] {
  const rules: RuleSpec[] = [];
  for (const c of categories) {
    if (c.department) rules.push({ category: c.name, town: null, type: null, keywords: [], unit: c.department, priority: 0 });
    else for (const t of towns) rules.push({ category: c.name, town: t.name, type: null, keywords: [], unit: t.code, priority: 0 });
  }
  return rules;
}

function norm(s: string | null | undefined): string {
  return (s ?? '').trim();
}

/** The conditions of a rule as one comparable key (keywords as a set). */
export function matchKey(r: Pick<RoutingRule, 'category' | 'town' | 'type' | 'keywords'>): string {
  const kw = [...new Set(r.keywords.map((k) => k.trim().toLowerCase()).filter(Boolean))].sort();
  return JSON.stringify([norm(r.category), norm(r.town), r.type ?? '', kw]);
}

/**
 * An existing rule with the same conditions and the same priority as `rule` but another unit:
 * adding `rule` would make every order it matches ambiguous. (A higher priority overrides instead.)
 */
export function conflictingRule<R extends Pick<RoutingRule, 'category' | 'town' | 'type' | 'keywords' | 'unit' | 'priority'>>(rule: Omit<R, 'id'>, existing: readonly R[]): R | undefined {
  const key = matchKey(rule);
  return existing.find((r) => matchKey(r) === key && r.priority === rule.priority && r.unit !== rule.unit);
}

/** The directory's name for a category the city may write in full (人力资源和社会保障 → 人社). */
export function canonicalCategory(category: string | null | undefined, aliases: ReadonlyMap<string, string>): string | null {
  const c = norm(category);
  if (c === '') return null;
  return aliases.get(c) ?? c;
}
