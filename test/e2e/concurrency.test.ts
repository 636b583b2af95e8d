// Real processes: two hotline processes acting on the same orders at the same moment.
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { run, sandbox, start, type Env } from './helpers.js';

let sb: Env;
beforeAll(() => {
  sb = sandbox({ now: '2026-11-24 10:00' });
});
function ok(args: string[]): void {
  const r = run(sb, args);
  expect(r.code, `hotline ${args.join(' ')}\n${r.stderr}`).toBe(0);
}

describe('two processes on the same orders at once', () => {
  it('never lose an event or leave a half-done change', async () => {
    const nos = Array.from({ length: 6 }, (_, i) => `P${i}`);
    for (const no of nos) ok(['add', '--no', no, '--received-at', '2026-11-20 09:00', '--type', '求助', '--title', `标题${no}`]);
    ok(['dispatch', ...nos, '--to', 'cgjd', '--at', '2026-11-20 10:00']);
    // Both chase all twelve at the same moment: both must land, every order gets both events.
    const [a, b] = await Promise.all([start(sb, ['remind', ...nos]), start(sb, ['supervise', ...nos, '--level', 'key'])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    // Both try to sign the same orders: exactly one wins, the other is refused whole.
    const [s1, s2] = await Promise.all([start(sb, ['sign', ...nos]), start(sb, ['sign', ...nos])]);
    expect([s1.code, s2.code].sort()).toEqual([0, 1]);
    // The loser waited for the winner's write lock (BEGIN IMMEDIATE) and then read the orders as the
    // winner left them: it is refused by the rules, not by SQLite. With a deferred transaction it
    // would read before the winner's commit and fail with "database is locked" on its write instead.
    const loser = s1.code === 1 ? s1 : s2;
    expect(loser.stderr).toMatch(/handling: cannot sign|办理中.*不能签收/);
    expect(loser.stderr).not.toMatch(/locked|busy|unexpected|意外错误/i);
    // Read the log straight from the file: one event of each kind per order, all orders handling.
    const db = new Database(sb.db, { readonly: true });
    const counts = db.prepare("select order_no as no, action, count(*) as n from events where action in ('remind','supervise','sign') group by order_no, action").all() as { no: string; action: string; n: number }[];
    const statuses = db.prepare('select status, count(*) as n from orders group by status').all();
    db.close();
    expect(counts).toHaveLength(nos.length * 3);
    expect(counts.every((c) => c.n === 1)).toBe(true);
    expect(statuses).toEqual([{ status: 'handling', n: nos.length }]);
  });

  it('the loser of a race on one order is refused by the rules, never by "locked" (the write transaction is immediate)', async () => {
    // (test/cli/transaction.test.ts proves the lock deterministically.) Three rounds: a race overlaps the two processes' transactions or not; with a deferred
    // transaction an overlapping round ends in SQLite's "database is locked" for the loser.
    const nos = Array.from({ length: 3 }, (_, i) => `R${i}`);
    const csv = ['工单编号,受理时间,诉求类型,诉求标题', ...nos.map((no) => `${no},2026-11-20 09:00,求助,标题${no}`)].join('\n');
    fs.writeFileSync(path.join(sb.dir, 'race.csv'), csv);
    ok(['import', path.join(sb.dir, 'race.csv')]);
    ok(['dispatch', ...nos, '--to', 'cgjd', '--at', '2026-11-20 10:00']);
    for (const no of nos) {
      const [s1, s2] = await Promise.all([start(sb, ['sign', no]), start(sb, ['sign', no])]);
      expect([s1.code, s2.code].sort()).toEqual([0, 1]);
      const loser = s1.code === 1 ? s1 : s2;
      expect(loser.stderr).toMatch(/handling: cannot sign|办理中.*不能签收/);
      expect(loser.stderr).not.toMatch(/locked|busy|unexpected|意外错误/i);
    }
  });
});
