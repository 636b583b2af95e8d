// Routing rules (分类处置规则), joint meetings (联席会议), and the routing history.
import type { OrderType } from '../domain/order.js';
import type { RoutingHistoryItem, RoutingRule } from '../domain/routing.js';
import type { UnitRef } from '../domain/lifecycle.js';
import type { Db } from './db.js';
import type { RuleRow } from './schema.js';

export async function listRules(db: Db): Promise<RoutingRule[]> {
  const rows = await db.selectFrom('rules').selectAll().where('removed_at', 'is', null).orderBy('priority', 'desc').orderBy('id').execute();
  return rows.map(toRule);
}

/** Every rule ever added, removed ones included (so `init` does not bring back what the office removed). */
export async function listAllRules(db: Db): Promise<(RoutingRule & { origin: string; removed: boolean })[]> {
  const rows = await db.selectFrom('rules').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ ...toRule(r), origin: r.origin, removed: r.removed_at !== null }));
}

function toRule(r: RuleRow): RoutingRule {
  return {
    id: r.id,
    category: r.category,
    town: r.town,
    type: r.type as OrderType | null,
    keywords: JSON.parse(r.keywords) as string[],
    unit: r.unit,
    priority: r.priority,
  };
}

export async function insertRule(db: Db, rule: Omit<RoutingRule, 'id'> & { note?: string | null; origin?: 'default' | 'office' }, now: string): Promise<number> {
  const r = await db
    .insertInto('rules')
    .values({
      category: rule.category,
      town: rule.town,
      type: rule.type,
      keywords: JSON.stringify(rule.keywords),
      unit: rule.unit,
      priority: rule.priority,
      note: rule.note ?? null,
      created_at: now,
      origin: rule.origin ?? 'office',
    })
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}

/** Remove a rule (kept as removed, so `init` does not load a removed default rule again). */
export async function deleteRule(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db.updateTable('rules').set({ removed_at: now }).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Send a rule's orders to another unit (and optionally change its priority). */
export async function updateRule(db: Db, id: number, changes: { unit?: string; priority?: number }): Promise<boolean> {
  const r = await db.updateTable('rules').set(changes).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Closed orders of a category, with their lead unit and whether that unit ever returned them:
 * what `suggestFromHistory` learns from. Bounded to the most recent ones.
 */
export async function routingHistory(db: Db, category: string, limit = 2000): Promise<RoutingHistoryItem[]> {
  const rows = await db
    .selectFrom('orders as o')
    .select((eb) => [
      'o.category',
      'o.town',
      'o.lead_unit',
      eb
        .exists(
          eb
            .selectFrom('events as e')
            .select('e.id')
            .whereRef('e.order_no', '=', 'o.no')
            .where('e.action', '=', 'return')
            .whereRef('e.unit', '=', 'o.lead_unit'),
        )
        .as('returned'),
    ])
    .where('o.status', '=', 'closed')
    .where('o.category', '=', category)
    .where('o.lead_unit', 'is not', null)
    .orderBy('o.received_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ category: r.category, town: r.town, unit: r.lead_unit!, closedWithoutReturn: !r.returned }));
}

export async function insertMeeting(
  db: Db,
  m: { date: string; attendees: string | null; decision: string; leadUnit: string; orders: string[] },
  now: string,
  actor: string,
): Promise<number> {
  const r = await db
    .insertInto('meetings')
    .values({ date: m.date, attendees: m.attendees, decision: m.decision, lead_unit: m.leadUnit, orders: JSON.stringify(m.orders), created_at: now, created_by: actor })
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}

/** The directory as the rules see it: kind, parent and who may sign each unit's replies (签批). */
export async function unitRefs(db: Db): Promise<Map<string, UnitRef>> {
  const rows = await db.selectFrom('units').select(['code', 'kind', 'parent', 'leader', 'deputy', 'signers']).where('active', '=', 1).execute();
  return new Map(rows.map((r) => [r.code, { kind: r.kind, parent: r.parent, signers: signersOf(r) }]));
}

/** Leader, deputy and the registered signers, without blanks or repeats. */
export function signersOf(r: { leader: string | null; deputy: string | null; signers: string | null }): string[] {
  const extra = r.signers ? (JSON.parse(r.signers) as string[]) : [];
  return [...new Set([r.leader, r.deputy, ...extra].filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()))];
}
