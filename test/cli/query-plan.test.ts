// `list` and `export orders` read the orders in the order of an index (migration 040): no sort over
// every matching row, so `list --limit 50` on a million orders reads 50. Checked on the plan SQLite
// makes for the store's own queries (no ANALYZE, as hotline never runs it), not by timing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/db.js';
import { exportOrdersQuery } from '../../src/store/exports.js';
import { listOrdersQuery, type OrderFilter } from '../../src/store/orders.js';

let store: Store;

beforeAll(async () => {
  store = await openStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-plan-')), 'h.db'), { create: true });
});
afterAll(async () => store.close());

function plan(q: Compilable): string {
  const c = q.compile();
  const rows = store.native.prepare(`explain query plan ${c.sql}`).all(...(c.parameters as unknown[])) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}

describe('list and export read in index order', () => {
  const noSort: [string, OrderFilter][] = [
    ['list', { limit: 50 }],
    ['list --json (all)', {}],
    ['list --status handling', { status: ['handling'], limit: 50 }],
    ['list --search', { search: '噪音', limit: 50 }],
    ['list --unit', { unit: 'cgjd', limit: 50 }],
    ['list --flagged', { flagged: true }],
    ['dispatch --auto (pending by due)', { status: ['pending'], order: 'due_asc' }],
  ];
  it.each(noSort)('%s: no temporary b-tree for the ORDER BY', (_, f) => {
    const p = plan(listOrdersQuery(store.db, f));
    expect(p).not.toContain('TEMP B-TREE');
    expect(p).toMatch(/USING INDEX orders_(received_no|status_received|status_due_no)/);
  });

  it('export orders over a range: the range and the order from one index', () => {
    const p = plan(exportOrdersQuery(store.db, '2026-11-13T00:00:00+08:00', '2026-11-20T00:00:00+08:00'));
    expect(p).not.toContain('TEMP B-TREE');
    expect(p).toContain('orders_received_no (received_at>? AND received_at<?)');
  });
});
