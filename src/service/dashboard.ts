// The day's work at a glance (what `hotline` alone shows on a terminal): how many orders wait at
// each of the office's steps, and what is due soon or overdue now. Only what this build's statuses
// have is counted (return review appears once the status exists).
import { CLOCK_RUNNING, STATUSES } from '../domain/order.js';
import type { OrderState } from '../domain/lifecycle.js';
import { classifyOrder } from '../domain/due.js';
import type { ActContext } from './act.js';
import { listOrders } from '../store/orders.js';
import { countByStatus } from '../store/queue.js';

export type DashboardKey = 'pending' | 'replied' | 'answered' | 'closure_requested' | 'return_requested' | 'extension' | 'due_soon' | 'overdue';

export interface DashboardRow {
  key: DashboardKey;
  count: number;
  /** Up to three order numbers, most urgent first. */
  sample: string[];
}

export async function dashboard(c: Pick<ActContext, 'db' | 'settings' | 'calendar' | 'now'>): Promise<DashboardRow[]> {
  const byStatus = await countByStatus(c.db);
  const has = (s: string) => (STATUSES as readonly string[]).includes(s);
  const sampleOf = async (status: string) => (await listOrders(c.db, { status: [status as (typeof STATUSES)[number]], order: 'due_asc', limit: 3 })).map((o) => o.no);
  const rows: DashboardRow[] = [];
  for (const status of ['pending', 'replied', 'answered', 'closure_requested', 'return_requested'] as const) {
    if (!has(status)) continue;
    const count = byStatus.get(status) ?? 0;
    rows.push({ key: status, count, sample: count ? await sampleOf(status) : [] });
  }
  const running = await listOrders<OrderState>(c.db, { status: [...CLOCK_RUNNING], order: 'due_asc' });
  const extension = running.filter((o) => o.state?.pendingExtension);
  rows.push({ key: 'extension', count: extension.length, sample: extension.slice(0, 3).map((o) => o.no) });
  const soon: string[] = [];
  const late: string[] = [];
  for (const o of running) {
    const { level } = classifyOrder(o, c.now, c.settings, c.calendar);
    if (level === 'due_soon') soon.push(o.no);
    else if (level) late.push(o.no);
  }
  rows.push({ key: 'due_soon', count: soon.length, sample: soon.slice(0, 3) });
  rows.push({ key: 'overdue', count: late.length, sample: late.slice(0, 3) });
  return rows;
}
