// The routing rules as the office manages them: the defaults `init` loads from the directory, and
// adding a rule (refused when it contradicts one already there).
import { canonicalCategory, conflictingRule, defaultRules, matchKey, type RuleSpec } from '../domain/default-rules.js';
import { Refusal } from '../domain/errors.js';
import type { Db } from '../store/db.js';
import { categoryAliases, getUnit, insertMissingAliases, listCategories, listUnits, type Category } from '../store/directory.js';
import { insertRule, listAllRules, listRules } from '../store/rules.js';

/**
 * Load the directory's aliases and default rules (idempotent): a default rule is added unless a
 * rule with the same conditions exists — or existed: one the office removed stays removed.
 */
export async function loadRoutingDefaults(db: Db, categories: Category[], now: string): Promise<{ rules: number; aliases: number }> {
  const aliases = await insertMissingAliases(
    db,
    categories.flatMap((c) => (c.aliases ?? []).filter((a) => a !== c.name).map((alias) => ({ alias, category: c.name }))),
  );
  const stored = await listCategories(db);
  const towns = await listUnits(db, { kind: 'town' });
  const seen = new Set((await listAllRules(db)).map(matchKey));
  let rules = 0;
  for (const r of defaultRules(stored, towns)) {
    if (seen.has(matchKey(r))) continue;
    await insertRule(db, { ...r, origin: 'default', note: null }, now);
    seen.add(matchKey(r));
    rules++;
  }
  return { rules, aliases };
}

/** Add an office rule: the unit must exist, and no rule may have the same conditions and another unit. */
export async function addRule(db: Db, rule: RuleSpec & { note?: string | null }, now: string): Promise<number> {
  if (!(await getUnit(db, rule.unit))) throw new Refusal('units.unknown', { code: rule.unit });
  const aliases = await categoryAliases(db);
  const spec = { ...rule, category: rule.category ? canonicalCategory(rule.category, aliases) : null };
  const clash = conflictingRule(spec, await listRules(db));
  if (clash) throw new Refusal('terminal.rules.conflict', { id: clash.id, unit: clash.unit, wanted: rule.unit });
  return insertRule(db, { ...spec, origin: 'office' }, now);
}

/** Let the city's name `alias` stand for the directory's `category` (refused if it already stands for another). */
export async function addCategoryAlias(db: Db, alias: string, category: string): Promise<void> {
  const a = alias.trim();
  const categories = (await listCategories(db)).map((c) => c.name);
  if (!categories.includes(category)) throw new Refusal('terminal.alias.unknownCategory', { category, allowed: categories.join('、') });
  if (a === '' || categories.includes(a)) throw new Refusal('terminal.alias.isCategory', { alias: a });
  const existing = (await categoryAliases(db)).get(a);
  if (existing && existing !== category) throw new Refusal('terminal.alias.taken', { alias: a, category: existing });
  if (!existing) await insertMissingAliases(db, [{ alias: a, category }]);
}
