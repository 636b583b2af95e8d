// `hotline migrate-to`: the sample district after its demo history, moved from SQLite into an
// empty PostgreSQL database, gives byte-identical circular and assessment JSON on both backends;
// a second run duplicates nothing and leaves each order's figure facts the source's; the
// PostgreSQL database then works on (its chain continues), and a later run refuses to merge a log
// that has gone its own way.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { newPgDatabase, pgQuery, ROOT, run, sandbox } from '../e2e/helpers.js';

const NOW = '2026-11-24 10:00';

describe('migrate-to', () => {
  it('moves the sample district with its demo history; circular and assess identical on both backends; re-runnable', () => {
    const lite = sandbox({ now: NOW, init: false });
    lite.env.HOTLINE_DB = path.join(lite.dir, 'hotline.db');
    expect(run(lite, ['init']).code).toBe(0);
    expect(run(lite, ['import', path.join(ROOT, 'data', 'samples', 'orders.csv')]).code).toBe(0);
    const demo = spawnSync(process.execPath, [path.join(ROOT, 'data', 'samples', 'demo.mjs')], { env: lite.env, cwd: lite.dir, encoding: 'utf8' });
    expect(demo.status, demo.stderr).toBe(0);

    const url = newPgDatabase('mig');
    const first = run(lite, ['migrate-to', url, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as { tables: { table: string; source: number; target: number }[]; countsEqual: boolean; check: { ok: boolean } };
    expect(summary.countsEqual).toBe(true);
    expect(summary.check.ok).toBe(true);
    expect(summary.tables.map((t) => t.table)).toEqual(expect.arrayContaining(['units', 'categories', 'orders', 'events', 'settings', 'calendar_days', 'rules', 'meetings', 'imports']));
    expect(summary.tables.find((t) => t.table === 'events')!.source).toBeGreaterThan(1000);

    const pg = { ...lite, db: url, env: { ...lite.env, HOTLINE_DB: url } };
    for (const args of [['report', 'circular', '--json'], ['report', 'assess', '--json'], ['overdue', '--json'], ['list', '--json']]) {
      const a = run(lite, args);
      const b = run(pg, args);
      expect(a.code).toBe(0);
      expect(b.stdout, args.join(' ')).toBe(a.stdout);
    }

    // The district works on meanwhile: an extension moves an order's due fact to a new time (a new
    // key of figure_facts), and the target holds a row no longer in the source (as a row of an
    // earlier copy would be). The next run leaves exactly the source's facts of its orders.
    const sqlite = new Database(lite.env.HOTLINE_DB!, { readonly: true });
    const facts = (no: string) => sqlite.prepare('select kind, seq, at, unit, done_at from figure_facts where order_no = ? order by kind, seq').all(no);
    const extended = (sqlite.prepare("select no from orders where status = 'handling' and due_at > '2026-11-25' order by no limit 1").get() as { no: string }).no;
    expect(run(lite, ['extend', extended, '--days', '2', '--reason', '需现场核查']).code).toBe(0);
    expect(run(lite, ['extend', 'approve', extended]).code).toBe(0);
    pgQuery(url, "insert into figure_facts (order_no, kind, seq, at, unit) values ($1, 'reminder', 9, '2026-11-20T09:00:00+08:00', '')", [extended]);
    // The city re-sends an order with another title: the source forgets its kept words, and the
    // target must not keep the old ones (the next circular there would count them).
    const worded = (sqlite.prepare('select no from order_words order by no limit 1').get() as { no: string }).no;
    const before = sqlite.prepare('select received_at, type from orders where no = ?').get(worded) as { received_at: string; type: string };
    expect(pgQuery(url, 'select no from order_words where no = $1', [worded])).toHaveLength(1);
    const resent = path.join(lite.dir, 'resent.csv');
    fs.writeFileSync(resent, `工单编号,受理时间,诉求类型,诉求标题\n${worded},${before.received_at},${before.type},标题已由市平台更正\n`);
    expect(run(lite, ['import', resent]).code).toBe(0);
    expect(sqlite.prepare('select no from order_words where no = ?').all(worded)).toHaveLength(0);

    // Again: nothing duplicated, the new events added, still equal and checked.
    const again = run(lite, ['migrate-to', url, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout) as typeof summary & { tables: { table: string; written: number }[] };
    expect(second.tables.find((t) => t.table === 'events')!.written).toBe(3); // the extension's request and approval, the city's update
    // (The report runs above may have recorded the circular's number: the copy brings that over too.)
    expect(second.countsEqual).toBe(true);
    for (const t of second.tables) expect(t.target, t.table).toBe(t.source + (t.table === 'operators' || t.table === 'settings' ? 1 : 0));
    expect(second.check.ok).toBe(true);
    expect(pgQuery(url, 'select kind, seq, at, unit, done_at from figure_facts where order_no = $1 order by kind, seq', [extended])).toEqual(facts(extended));
    expect(pgQuery(url, 'select no from order_words where no = $1', [worded])).toHaveLength(0);
    sqlite.close();

    // PostgreSQL works on from there: the chain continues after the copied events.
    const open = pgQuery<{ no: string }>(url, "select no from orders where status = 'pending' order by no limit 1")[0]!.no;
    expect(run(pg, ['dispatch', open, '--to', 'cgjd']).code).toBe(0);
    expect(run(pg, ['check']).code).toBe(0);
    // …and a later run from SQLite would fork the log: refused, nothing changed.
    const events = pgQuery<{ n: number }>(url, 'select count(*) as n from events')[0]!.n;
    expect(run(lite, ['dispatch', open, '--to', 'zjj']).code).toBe(0);
    const third = run(lite, ['migrate-to', url]);
    expect(third.code).toBe(1);
    expect(third.stderr).toMatch(/differs from the source/);
    expect(pgQuery<{ n: number }>(url, 'select count(*) as n from events')[0]!.n).toBe(events);
  }, 240_000);
});
