// Auto-dispatch (自动派发): send each pending order to the unit of the one best routing rule; leave
// the rest for the clerk, saying why, with a suggestion from history where there is one.
import { maskPersonal } from '../domain/privacy.js';
import { canonicalCategory } from '../domain/default-rules.js';
import { route, suggestFromHistory, type RoutingRule } from '../domain/routing.js';
import { categoryAliases } from '../store/directory.js';
import type { Db } from '../store/db.js';
import { act, type ActContext, type ActResult } from './act.js';
import { listOrders, type StoredOrder } from '../store/orders.js';
import { listRules, routingHistory } from '../store/rules.js';

export type DispatchPlanItem =
  | { no: string; kind: 'matched'; unit: string; ruleId: number }
  | ({ no: string; kind: 'ambiguous'; candidates: { ruleId: number; unit: string }[]; suggestion: { unit: string; count: number } | null } & RoutingKeys)
  | ({ no: string; kind: 'none'; suggestion: { unit: string; count: number } | null } & RoutingKeys);

/** What the clerk routes by, shown beside an order left for them. */
interface RoutingKeys {
  category: string | null;
  town: string | null;
  title: string | null;
}

export async function planAutoDispatch(db: Db, only?: string[]): Promise<DispatchPlanItem[]> {
  const rules = await listRules(db);
  const aliases = await categoryAliases(db);
  const pending = await listOrders(db, { status: ['pending'], order: 'due_asc' });
  const wanted = only ? new Set(only) : null;
  const orders = wanted ? pending.filter((o) => wanted.has(o.no)) : pending;
  const history = new Map<string, Awaited<ReturnType<typeof routingHistory>>>();
  const suggest = async (o: StoredOrder) => {
    if (!o.category) return null;
    if (!history.has(o.category)) history.set(o.category, await routingHistory(db, o.category));
    return suggestFromHistory({ category: o.category, town: o.town ?? null }, history.get(o.category)!);
  };
  // Shown in a list: numbers inside the title masked (DOMAIN.md Privacy).
  const keys = (o: StoredOrder): RoutingKeys => ({ category: o.category ?? null, town: o.town ?? null, title: maskPersonal(o.title ?? null) });
  const plan: DispatchPlanItem[] = [];
  for (const o of orders) {
    const r = route({ category: canonicalCategory(o.category, aliases), town: o.town ?? null, type: o.type, title: o.title ?? null, content: o.content ?? null }, rules);
    if (r.kind === 'matched') plan.push({ no: o.no, kind: 'matched', unit: r.unit, ruleId: r.rule.id });
    else if (r.kind === 'ambiguous')
      plan.push({ no: o.no, kind: 'ambiguous', candidates: r.candidates.map((c: RoutingRule) => ({ ruleId: c.id, unit: c.unit })), suggestion: await suggest(o), ...keys(o) });
    else plan.push({ no: o.no, kind: 'none', suggestion: await suggest(o), ...keys(o) });
  }
  return plan;
}

export interface AutoDispatchResult {
  /** Orders one best rule matched (dispatched, unless a dry run). */
  matched: Extract<DispatchPlanItem, { kind: 'matched' }>[];
  /** Orders left for the clerk, with the reason and a suggestion. */
  left: Exclude<DispatchPlanItem, { kind: 'matched' }>[];
  results: ActResult[];
}

/**
 * Plan, then dispatch what exactly one best rule matches, in one transaction (all or none).
 * `only` limits it to some orders (e.g. those an import just created); `dryRun` plans only.
 */
export async function autoDispatch(c: ActContext, only?: string[], dryRun = false, note: string | null = null): Promise<AutoDispatchResult> {
  const plan = await planAutoDispatch(c.db, only);
  const matched = plan.filter((p): p is Extract<DispatchPlanItem, { kind: 'matched' }> => p.kind === 'matched');
  const left = plan.filter((p): p is Exclude<DispatchPlanItem, { kind: 'matched' }> => p.kind !== 'matched');
  if (dryRun || matched.length === 0) return { matched, left, results: [] };
  const byNo = new Map(matched.map((m) => [m.no, m]));
  const results = await act(c, [...byNo.keys()], (o) => {
    const m = byNo.get(o.no)!;
    return { action: 'dispatch', to: m.unit, auto: true, ruleId: m.ruleId, note };
  });
  return { matched, left, results };
}
