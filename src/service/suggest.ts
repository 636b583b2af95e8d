// Suggestions for the clerk's prompts. The joint meeting (联席会议) names the lead unit of a disputed
// order: when the clerk dispatches that order again, the meeting's lead is offered first.
import type { Db } from '../store/db.js';
import { listEvents } from '../store/orders.js';

/**
 * The lead unit the latest joint meeting named for an order (latest by the meeting's date, then by
 * the log), or null when no meeting discussed it (or the order is unknown).
 */
export async function suggestedLead(db: Db, no: string): Promise<string | null> {
  let best: { date: string; index: number; lead: string } | null = null;
  const events = await listEvents(db, no);
  events.forEach((e, index) => {
    if (e.action !== 'meeting' || !e.data.leadUnit) return;
    const date = e.data.date ?? e.occurredAt;
    if (best === null || date > best.date || (date === best.date && index > best.index)) best = { date, index, lead: e.data.leadUnit };
  });
  return (best as { lead: string } | null)?.lead ?? null;
}

/** The meeting's lead when every one of the orders has the same one; null otherwise. */
export async function suggestedLeadFor(db: Db, nos: readonly string[]): Promise<string | null> {
  const leads = new Set<string | null>();
  for (const no of new Set(nos)) leads.add(await suggestedLead(db, no.trim()));
  const [only] = leads;
  return leads.size === 1 && only ? only : null;
}
