// The import's stage (store/imports.ts ImportStage): what phase 2 writes, and the in-memory index
// of the staged new orders' phones that repeat detection asks across the chunks of an import. The
// index is a hash table of chains: whatever lands in one bucket, a lookup must give exactly the
// staged rows with one of the phones in the time window, in the order an index on (phone,
// received_at) gave them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { ImportStage, stagingTransaction, type StagedByPhone } from '../../src/store/imports.js';
import { NEW_ORDER_COLUMNS, type OrderValue } from '../../src/store/orders.js';

function row(no: string, phone: string | null, receivedAt: string): OrderValue[] {
  const values: Record<string, OrderValue> = {
    no,
    type: '投诉',
    urgency: '一般',
    received_at: receivedAt,
    phone,
    status: 'pending',
    due_at: receivedAt,
    co_units: '[]',
    return_count: 0,
    rework_count: 0,
    extension_days: 0,
    state: '{}',
    source_hash: 'x',
    last_event_at: receivedAt,
    created_at: receivedAt,
    updated_at: receivedAt,
  };
  return NEW_ORDER_COLUMNS.map((c) => values[c] ?? null);
}

/** The stage's bucket function, copied: only to make sure the test stages phones that share a bucket. */
function bucket(phone: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < phone.length; i++) h = Math.imul(h ^ phone.charCodeAt(i), 0x01000193);
  return (h >>> 0) & ((1 << 20) - 1);
}

describe('ImportStage.byPhone', () => {
  it('finds exactly the staged new orders with the phones in the window, ordered by phone, time, staging', async () => {
    const store = await openStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-stage-')), 'h.db'), { create: true });
    try {
      const stage = await ImportStage.open(store.db);
      // Phones: 3,000 distinct ones, some staged twice or three times at various times, a pair that
      // shares a bucket, a phone that differs from another only by its dash, and no phone at all.
      const phones = Array.from({ length: 3000 }, (_, i) => `138${String(i).padStart(8, '0')}`);
      const seen = new Map<number, string>();
      let twin: [string, string] | undefined;
      for (let i = 0; !twin; i++) {
        const p = `139${String(i).padStart(8, '0')}`;
        const other = seen.get(bucket(p));
        if (other) twin = [other, p];
        else seen.set(bucket(p), p);
      }
      phones.push(...twin, '138-0000-0007');
      const staged: { no: string; phone: string | null; receivedAt: string; seq: number }[] = [];
      let n = 0;
      const day = (d: number, h: number) => `2026-11-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00+08:00`;
      const orders = [];
      for (let round = 0; round < 3; round++) {
        for (const [i, phone] of phones.entries()) {
          if (round > 0 && i % (round + 4) !== 0) continue;
          const receivedAt = day(1 + ((i * 7 + round * 5) % 20), (i + round) % 24);
          const no = `N${String(++n).padStart(6, '0')}`;
          staged.push({ no, phone, receivedAt, seq: n });
          orders.push({ kind: 'insert' as const, fileIndex: 0, flagged: false, row: row(no, phone, receivedAt), events: [], facts: [] });
        }
      }
      orders.push({ kind: 'insert' as const, fileIndex: 0, flagged: false, row: row('NOPHONE', null, day(5, 5)), events: [], facts: [] });
      // A changed order is never a phone candidate.
      orders.push({ kind: 'save' as const, fileIndex: 0, flagged: false, row: row('SAVED', twin[0], day(5, 5)), events: [], facts: [] });
      await stagingTransaction(store.db, (conn) => stage.add(conn, orders));

      const ask = [twin[0], twin[1], phones[7]!, '138-0000-0007', phones[2999]!, '13700000000', phones[12]!];
      const [from, to] = [day(4, 0), day(15, 23)];
      const got: StagedByPhone[] = await stage.byPhone(store.db, ask, from, to);
      const want = staged
        .filter((s) => s.phone !== null && ask.includes(s.phone) && s.receivedAt >= from && s.receivedAt <= to)
        .sort((a, b) => Buffer.compare(Buffer.from(a.phone!), Buffer.from(b.phone!)) || a.receivedAt.localeCompare(b.receivedAt) || a.seq - b.seq)
        .map(({ no, receivedAt, phone }) => ({ no, receivedAt, phone }));
      expect(want.length).toBeGreaterThan(5);
      expect(new Set(want.map((w) => w.phone)).size).toBeLessThan(want.length); // a phone staged more than once
      expect(want.some((w) => w.phone === twin[0]) && want.some((w) => w.phone === twin[1])).toBe(true);
      expect(got).toEqual(want);
      expect(await stage.byPhone(store.db, ['13700000000'], from, to)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
