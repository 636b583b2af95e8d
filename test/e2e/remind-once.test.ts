// Finding 10: cron's automatic reminders, at most one per order per working day, even when two
// `remind --overdue` runs start at the same moment (real processes).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { run, sandbox, start } from './helpers.js';

describe('remind --overdue started twice at once', () => {
  it('reminds each overdue order once', async () => {
    const sb = sandbox({ now: '2026-11-24 10:00' });
    const nos = ['R1', 'R2', 'R3'];
    for (const no of nos) expect(run(sb, ['add', '--no', no, '--received-at', '2026-11-02 09:00', '--type', '咨询', '--title', `标题${no}`]).code).toBe(0);
    expect(run(sb, ['dispatch', ...nos, '--to', 'cgjd', '--at', '2026-11-02 10:00']).code).toBe(0);
    const [a, b] = await Promise.all([start(sb, ['remind', '--overdue']), start(sb, ['remind', '--overdue'])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const db = new Database(sb.db, { readonly: true });
    const n = db.prepare("select order_no as no, count(*) as n from events where action = 'remind' group by order_no order by order_no").all();
    db.close();
    expect(n).toEqual(nos.map((no) => ({ no, n: 1 })));
  });
});
