// Real processes: two hotline processes acting on the same orders at the same moment.
import { beforeAll, describe, expect, it } from 'vitest';
import { query, run, sandbox, start, type Env } from './helpers.js';

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
    // Read the log straight from the database: one event of each kind per order, all orders handling.
    const counts = query<{ no: string; action: string; n: number }>(sb, "select order_no as no, action, count(*) as n from events where action in ('remind','supervise','sign') group by order_no, action");
    const statuses = query(sb, 'select status, count(*) as n from orders group by status');
    expect(counts).toHaveLength(nos.length * 3);
    expect(counts.every((c) => c.n === 1)).toBe(true);
    expect(statuses).toEqual([{ status: 'handling', n: nos.length }]);
  });
});
