// The circular's overdue lists from figure facts read the labels of the orders they show only
// (listedOverdue): the same report as with every running order's labels, when the lists are cut
// short (more than LIST_LIMIT overdue, and seriously overdue), with ties in due time broken by number.
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { circularOf } from '../../src/domain/figures.js';
import { LIST_LIMIT } from '../../src/domain/figures/collect.js';
import { listedOverdue, type FactsInput, type RunningHead, type RunningLabels } from '../../src/domain/figures/collect-facts.js';
import type { UnitInfo } from '../../src/domain/figures/types.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { formatTime, parseTime } from '../../src/domain/time.js';

const cal = new WorkCalendar(officialCalendar());
const s = DEFAULT_SETTINGS;
const asOf = parseTime('2026-11-20T17:00:00+08:00')!;
const units: UnitInfo[] = ['a', 'b', 'c'].map((code) => ({ code, name: `单位${code}`, kind: 'department', parent: null, contact: null, phone: null }));
const STATUSES = ['pending', 'dispatched', 'return_requested', 'handling'];

/** n running orders due from `days` days before the as-of time to a day after it, three at each due time (a tie the lists cut through). */
function running(n: number, days: number): { heads: RunningHead[]; labels: Map<string, RunningLabels> } {
  const heads: RunningHead[] = [];
  const labels = new Map<string, RunningLabels>();
  for (let i = 0; i < n; i++) {
    const due = new Date(asOf.getTime() + 86_400_000 - Math.floor(i / 3) * ((days + 1) * 86_400_000 * 3) / n);
    const no = `N${String((i * 7919) % 100_000).padStart(5, '0')}`;
    heads.push({ no, leadUnit: i % 5 === 0 ? null : units[i % 3]!.code, status: STATUSES[i % 4]!, dueAt: formatTime(due) });
    labels.set(no, { type: '投诉', urgency: '一般', category: i % 2 ? '城乡建设' : null, town: '白沙镇', title: `标题${i} 电话13811112222`, receivedAt: formatTime(new Date(due.getTime() - 10 * 86_400_000)) });
  }
  // Due at the as-of second itself: still in time (not listed, no label read).
  heads.push({ no: 'EDGE', leadUnit: 'a', status: 'handling', dueAt: formatTime(asOf) });
  labels.set('EDGE', { type: '投诉', urgency: '一般', category: null, town: null, title: '边界', receivedAt: formatTime(new Date(asOf.getTime() - 86_400_000)) });
  // By number, as the store reads them (not in the lists' order).
  heads.sort((a, b) => (a.no < b.no ? -1 : 1));
  return { heads, labels };
}

function facts(heads: RunningHead[], labels: ReadonlyMap<string, RunningLabels>): { facts: FactsInput } {
  return {
    facts: {
      sums: [],
      prevReceived: 0,
      sameDay: { num: 0, den: 0, pending: 0 },
      places: [],
      received: [],
      repeats: [],
      titles: new Map(),
      partDispatches: [],
      partReplies: new Map(),
      running: heads,
      runningLabels: labels,
      tui: [],
      denied: [],
      awaiting: [],
    },
  };
}

describe('listedOverdue', () => {
  it.each([
    ['more than LIST_LIMIT overdue and seriously overdue', 600, 60],
    ['more than LIST_LIMIT overdue, fewer seriously overdue', 260, 6],
    ['fewer than LIST_LIMIT', 40, 30],
  ])('%s: the labels of the listed orders give the report every label gives', (_, n, days) => {
    const { heads, labels } = running(n, days);
    const q = { from: '2026-11-09' as const, to: '2026-11-16' as const, asOf };
    const all = circularOf(q, facts(heads, labels), units, s, cal);
    const listed = listedOverdue(heads, asOf.getTime());
    const some = circularOf(q, facts(heads, new Map(listed.map((no) => [no, labels.get(no)!]))), units, s, cal);
    expect(some).toEqual(all);
    // Exactly the rows the overdue list shows (the serious list's are among them).
    expect(new Set(listed)).toEqual(new Set(all.overdueOrders.rows.map((r) => r.no)));
    expect(listed).not.toContain('EDGE');
    expect(all.overdueOrders.rows.length).toBe(Math.min(all.overdueOrders.total, LIST_LIMIT));
    if (n === 600) expect(all.seriousTotal).toBeGreaterThan(LIST_LIMIT);
    if (n === 260) {
      expect(all.overdueOrders.total).toBeGreaterThan(LIST_LIMIT);
      expect(all.seriousTotal).toBeLessThan(LIST_LIMIT);
      expect(all.seriousTotal).toBeGreaterThan(0);
    }
    // Without labels the orders are still counted, none listed.
    const none = circularOf(q, facts(heads, new Map()), units, s, cal);
    expect(none.overdueOrders).toEqual({ total: all.overdueOrders.total, rows: [] });
    expect(none.units).toEqual(all.units);
  });
});
