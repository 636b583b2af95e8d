// The dispatch queue (派发队列): the pending orders one by one, oldest deadline first, each with
// the unit to suggest — the one best routing rule, else the lead a joint meeting named, else the
// unit that most often closed similar orders without returning them. The CLI walks it; a script
// could too (dispatchOne is the same transaction the CLI runs per order).
import { Refusal } from '../domain/errors.js';
import { planAutoDispatch, type DispatchPlanItem } from './dispatch.js';
import { act, type ActContext, type ActResult } from './act.js';
import type { Db } from '../store/db.js';
import { getOrders, type StoredOrder } from '../store/orders.js';
import { suggestedLead } from './suggest.js';

export type SuggestionSource = 'rule' | 'meeting' | 'history';

export interface QueueItem {
  order: StoredOrder;
  suggestion: { unit: string; source: SuggestionSource; ruleId?: number; count?: number } | null;
  /** Units of equally good rules naming different units (the clerk decides). */
  candidates: string[];
}

export async function dispatchQueue(db: Db): Promise<QueueItem[]> {
  const plan = await planAutoDispatch(db);
  const orders = await getOrders(db, plan.map((p) => p.no));
  const items: QueueItem[] = [];
  for (const p of plan) {
    const order = orders.get(p.no);
    if (order) items.push(await queueItem(db, order, p));
  }
  return items;
}

/** The suggestion for one order: its rule, else the meeting's lead (suggest.ts), else history. */
async function queueItem(db: Db, order: StoredOrder, p: DispatchPlanItem): Promise<QueueItem> {
  if (p.kind === 'matched') return { order, suggestion: { unit: p.unit, source: 'rule', ruleId: p.ruleId }, candidates: [] };
  const candidates = p.kind === 'ambiguous' ? p.candidates.map((c) => c.unit) : [];
  const lead = await suggestedLead(db, p.no);
  if (lead) return { order, suggestion: { unit: lead, source: 'meeting' }, candidates };
  if (p.suggestion) return { order, suggestion: { unit: p.suggestion.unit, source: 'history', count: p.suggestion.count }, candidates };
  return { order, suggestion: null, candidates };
}

/**
 * Dispatch one order of the queue: its own transaction, so a refusal stops only that order. An
 * order someone else dispatched meanwhile is refused (the queue never re-dispatches by accident).
 */
export async function dispatchOne(c: ActContext, no: string, unit: string, note: string | null = null): Promise<ActResult> {
  const [r] = await act(c, [no], (o) => {
    if (o.status !== 'pending') throw new Refusal('terminal.queue.notPending', { no, status: o.status });
    return { action: 'dispatch', to: unit, co: [], note };
  });
  return r!;
}
