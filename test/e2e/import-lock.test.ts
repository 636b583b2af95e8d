// Finding 8: an import of a large file beside other commands (real processes). The import reads,
// validates and prepares outside the write lock and writes in one short transaction, so clerks
// and cron keep working meanwhile: nobody fails with "database is locked", nothing is lost, and
// the import is still all-or-nothing (test/e2e/import-kill.test.ts kills one mid-way).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../bench/make-csv.mjs';
import { run, sandbox, start, type RunResult } from './helpers.js';

describe('an import beside other commands', () => {
  it('others act while it runs, none fails with "locked", every change lands', async () => {
    const sb = sandbox({ now: '2026-11-24 10:00' });
    const big = path.join(sb.dir, 'big.csv');
    await writeCsv(20_000, big, 20261120);
    const lines = fs.readFileSync(big, 'utf8').split('\r\n');
    // Earlier in the day the office imported the first 10 orders, whose titles the city has since
    // corrected (so the big file updates them), and dispatched them.
    const first = lines.slice(1, 11);
    const nos = first.map((l) => l.split(',')[0]!);
    const early = [lines[0], ...first.map((l) => l.replace(/^([^,]*,(?:[^,]*,){9})([^,]*)/, '$1旧标题'))].join('\r\n') + '\r\n';
    fs.writeFileSync(path.join(sb.dir, 'early.csv'), early);
    expect(run(sb, ['import', 'early.csv']).code).toBe(0);
    expect(run(sb, ['dispatch', ...nos.slice(0, 5), '--to', 'cgjd', '--at', '2026-11-24 09:00']).code).toBe(0);

    const importing = start(sb, ['import', big, '--json']);
    let done = false;
    void importing.then(() => (done = true));
    // A clerk and cron at work while the import runs: new orders, signs and reminders on orders
    // the import is updating, reads.
    const others: { args: string[]; r: RunResult; duringImport: boolean }[] = [];
    let i = 0;
    while (!done && i < 8) {
      i++;
      const batch: string[][] = [
        ['add', '--no', `Q${i}`, '--received-at', '2026-11-24 09:30', '--type', '求助', '--title', `来电${i}`],
        i === 1 ? ['sign', ...nos.slice(0, 5), '--at', '2026-11-24 09:30'] : ['remind', nos[i % 10]!],
        ['list', '--limit', '5'],
      ];
      const rs = await Promise.all(batch.map((a) => start(sb, a).then((r) => ({ r, duringImport: !done }))));
      rs.forEach((x, k) => others.push({ args: batch[k]!, ...x }));
    }
    const imp = await importing;
    expect(imp.code, imp.stderr).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ written: true, rows: 20_000, new: 19_990, updated: 10, rejected: 0 });
    // Writers finished while the import was still running: it did not hold the write lock for its
    // whole length (before, every writer waited for the whole import, and after 15 s failed).
    expect(others.filter((o) => o.args[0] === 'add' && o.duringImport).length).toBeGreaterThan(0);
    for (const o of others) {
      expect(o.r.code, `hotline ${o.args.join(' ')}\n${o.r.stderr}`).toBe(0);
      expect(o.r.stderr).not.toMatch(/locked|unexpected error/);
    }

    const db = new Database(sb.db, { readonly: true });
    const adds = (db.prepare("select count(*) as n from orders where no like 'Q%'").get() as { n: number }).n;
    const total = (db.prepare('select count(*) as n from orders').get() as { n: number }).n;
    const reminders = (db.prepare("select count(*) as n from events where action = 'remind'").get() as { n: number }).n;
    // The first five: dispatched, signed by the clerk during the import, and updated by it, in
    // whichever order they happened: both kept, the order still being handled (and flagged).
    const five = db.prepare(`select no, status, title, flagged from orders where no in (${nos.slice(0, 5).map(() => '?').join(',')})`).all(...nos.slice(0, 5)) as { status: string; title: string; flagged: number }[];
    const actions = db.prepare(`select action from events where order_no = ? order by id`).all(nos[0]) as { action: string }[];
    db.close();
    expect(adds).toBe(i);
    expect(total).toBe(20_000 + i);
    expect(reminders).toBe(i - 1);
    expect(five.every((o) => o.status === 'handling' && o.title !== '旧标题' && o.flagged === 1)).toBe(true);
    expect(actions.map((a) => a.action).filter((a) => a !== 'remind').sort()).toEqual(['dispatch', 'register', 'sign', 'update']);
  }, 120_000);
});
