// Auto-dispatch (自动派发): send each pending order to the unit of the one best routing rule; leave
// the rest for the clerk, saying why, with a suggestion from history where there is one.
import { route, suggestFromHistory, type RoutingRule } from '../domain/routing.js';
import type { Db } from '../store/db.js';
import { listOrders, type StoredOrder } from '../store/orders.js';
import { listRules, routingHistory } from '../store/rules.js';

export type DispatchPlanItem =
  | { no: string; kind: 'matched'; unit: string; ruleId: number }
  | { no: string; kind: 'ambiguous'; candidates: { ruleId: number; unit: string }[]; suggestion: { unit: string; count: number } | null }
  | { no: string; kind: 'none'; suggestion: { unit: string; count: number } | null };

export async function planAutoDispatch(db: Db, only?: string[]): Promise<DispatchPlanItem[]> {
  const rules = await listRules(db);
  const pending = await listOrders(db, { status: ['pending'], order: 'due_asc' });
  const wanted = only ? new Set(only) : null;
  const orders = wanted ? pending.filter((o) => wanted.has(o.no)) : pending;
  const history = new Map<string, Awaited<ReturnType<typeof routingHistory>>>();
  const suggest = async (o: StoredOrder) => {
    if (!o.category) return null;
    if (!history.has(o.category)) history.set(o.category, await routingHistory(db, o.category));
    return suggestFromHistory({ category: o.category, town: o.town ?? null }, history.get(o.category)!);
  };
  const plan: DispatchPlanItem[] = [];
  for (const o of orders) {
    const r = route({ category: o.category ?? null, town: o.town ?? null, type: o.type, title: o.title ?? null, content: o.content ?? null }, rules);
    if (r.kind === 'matched') plan.push({ no: o.no, kind: 'matched', unit: r.unit, ruleId: r.rule.id });
    else if (r.kind === 'ambiguous')
      plan.push({ no: o.no, kind: 'ambiguous', candidates: r.candidates.map((c: RoutingRule) => ({ ruleId: c.id, unit: c.unit })), suggestion: await suggest(o) });
    else plan.push({ no: o.no, kind: 'none', suggestion: await suggest(o) });
  }
  return plan;
}
