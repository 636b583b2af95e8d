// `hotline check` and `restore`'s checks, in-process (the CLI's own runCli on a temp database):
// a tampered log and a wrong state are named; the hash chain is computed for databases made
// before it; restore accepts only a file that passes check and never overwrites a safety copy.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../fixtures/count.js';
import { cli, sandbox, type Sandbox } from './helpers.js';

const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'samples', 'orders.csv');
const NOW = '2026-11-24 10:00';

const count = countRows;

/** A database with the 300 sample orders, made once; each test copies it. */
let base: string;
beforeAll(async () => {
  const sb = await sandbox({ now: NOW });
  expect((await cli(sb, ['import', SAMPLE])).code).toBe(0);
  base = sb.db;
});
async function withData(): Promise<Sandbox> {
  const sb = await sandbox({ now: NOW, init: false });
  fs.copyFileSync(base, sb.db);
  return sb;
}

describe('hotline check', () => {
  it('passes a clean database, and names the first broken event after a trigger is dropped and an event edited', async () => {
    const sb = await withData();
    expect((await cli(sb, ['check'])).code).toBe(0);
    const d = new Database(sb.db);
    d.exec('drop trigger events_no_update');
    const victim = d.prepare('select id, order_no as no from events order by id limit 1 offset 150').get() as { id: number; no: string };
    d.prepare("update events set actor = 'mallory' where id = ?").run(victim.id);
    d.close();
    const r = await cli(sb, ['check', '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; problems: { check: string; code: string; params: Record<string, unknown> }[] };
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ check: 'triggers', code: 'check.triggerMissing', params: { kind: 'trigger', name: 'events_no_update' } }));
    expect(report.problems).toContainEqual(expect.objectContaining({ check: 'chain', params: { id: victim.id, no: victim.no } }));
  });

  it('finds an order whose stored state is not the replay of its log', async () => {
    const sb = await withData();
    const d = new Database(sb.db);
    d.prepare("update orders set status = 'closed' where no = 'YX2026112000012'").run();
    d.close();
    const r = await cli(sb, ['check', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).problems).toEqual([
      expect.objectContaining({ check: 'replay', code: 'check.stateDiffers', params: expect.objectContaining({ no: 'YX2026112000012', field: 'status', stored: '"closed"', replayed: '"pending"' }) }),
    ]);
  });

  it("computes the chain for a database made before it, on the first use by this build", async () => {
    const sb = await withData();
    const d = new Database(sb.db);
    d.exec(`drop trigger events_no_update; drop trigger events_no_delete; alter table events drop column hash;
      create trigger events_no_update before update on events begin select raise(abort, 'events are append-only'); end;
      create trigger events_no_delete before delete on events begin select raise(abort, 'events are append-only'); end;
      delete from kysely_migration where name = '2026-11-30-010-event-hash-chain';
      drop table access_log; delete from kysely_migration where name = '2026-11-30-021-access-log';`); // made before both
    d.close();
    const r = await cli(sb, ['check', '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, orders: 300, events: 300 });
  });
});

describe('hotline check: figure facts and last_event_at', () => {
  const NO = 'YX2026112000012';
  /** A copy of the sample database where NO has been dispatched and signed (facts of every part). */
  async function worked(): Promise<Sandbox> {
    const sb = await withData();
    expect((await cli(sb, ['dispatch', NO, '--to', 'cgjd'])).code).toBe(0);
    expect((await cli(sb, ['sign', NO])).code).toBe(0);
    expect((await cli(sb, ['remind', NO])).code).toBe(0);
    return sb;
  }
  const cases: [string, string, string, Record<string, unknown>, RegExp][] = [
    [
      'a fact edited',
      `update figure_facts set done_at = '2026-11-20T09:00:00+08:00' where order_no = '${NO}' and kind = 'dispatch'`,
      'check.factsDiffer',
      { no: NO, fact: 'dispatch', seq: 0, column: 'done_at', stored: '"2026-11-20T09:00:00+08:00"' },
      /统计事实 dispatch #0 的 done_at 与日志重放结果不一致/,
    ],
    ['a fact deleted', `delete from figure_facts where order_no = '${NO}' and kind = 'sign'`, 'check.factMissing', { no: NO, fact: 'sign', seq: 0 }, /缺少统计事实 sign #0/],
    [
      'a row inserted',
      `insert into figure_facts (order_no, kind, seq, at, unit) values ('${NO}', 'reminder', 1, '2026-11-24T09:00:00+08:00', 'cgjd')`,
      'check.factUnexpected',
      { no: NO, fact: 'reminder', seq: 1 },
      /多出统计事实 reminder #1/,
    ],
    [
      'last_event_at changed',
      `update orders set last_event_at = '2026-11-25T10:00:00+08:00' where no = '${NO}'`,
      'check.lastEventDiffers',
      { no: NO, stored: '2026-11-25T10:00:00+08:00' },
      /最后办理时间（last_event_at）与日志不一致/,
    ],
  ];
  for (const [what, tamper, code, params, zh] of cases) {
    it(`names the order when ${what}, in English and in Chinese`, async () => {
      const sb = await worked();
      expect((await cli(sb, ['check'])).code).toBe(0);
      const d = new Database(sb.db);
      d.exec(tamper);
      d.close();
      const r = await cli(sb, ['check', '--json']);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).problems).toEqual([expect.objectContaining({ check: 'replay', code, params: expect.objectContaining(params) })]);
      const en = await cli(sb, ['check']);
      expect(en.code).toBe(1);
      expect(en.stdout).toContain(`order ${NO}`);
      const cn = await cli(sb, ['check'], { env: { HOTLINE_LANG: '', LANG: 'zh_CN.UTF-8' } });
      expect(cn.code).toBe(1);
      expect(cn.stdout).toContain(`工单 ${NO}`);
      expect(cn.stdout).toMatch(zh);
      expect(cn.stderr).toContain('检查未通过');
    });
  }

  it('finds the facts of an order that does not exist, wherever its number sorts', async () => {
    const sb = await withData();
    const d = new Database(sb.db);
    for (const no of ['A0', 'YX2026112000012x', 'ZZ']) d.prepare("insert into figure_facts (order_no, kind, seq, at, unit) values (?, 'received', 0, '2026-11-20T09:00:00+08:00', '')").run(no);
    d.close();
    const r = await cli(sb, ['check', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).problems.map((p: { code: string; params: { no: string } }) => [p.code, p.params.no])).toEqual([
      ['check.factsWithoutOrder', 'A0'],
      ['check.factsWithoutOrder', 'YX2026112000012x'],
      ['check.factsWithoutOrder', 'ZZ'],
    ]);
  });

  it('has no append-only triggers on figure_facts (it is rewritten with every change)', async () => {
    const sb = await worked();
    const d = new Database(sb.db, { readonly: true });
    expect(d.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'figure_facts'").all()).toEqual([]);
    expect((d.prepare('select count(*) as n from figure_facts where order_no = ?').get(NO) as { n: number }).n).toBeGreaterThan(4);
    d.close();
  });
});

describe('restore', () => {
  const broken: Record<string, (d: Database.Database) => void> = {
    'triggers dropped and events rewritten': (d) => d.exec("drop trigger events_no_update; update events set actor = 'mallory'"),
    'a trigger that rewrites actors': (d) =>
      d.exec("create trigger stamp after insert on events begin update orders set updated_at = 'x' where no = new.order_no; end"),
    'a stub schema': (d) => d.exec('drop table meetings; drop table rules'),
    'a figure fact edited': (d) => d.exec("update figure_facts set unit = 'cgjd' where order_no = 'YX2026112000012' and kind = 'received'"),
  };
  for (const [what, damage] of Object.entries(broken)) {
    it(`refuses a file with ${what}; the database is unchanged`, async () => {
      const sb = await withData();
      const bad = path.join(sb.dir, 'bad.db');
      fs.copyFileSync(base, bad);
      const d = new Database(bad);
      damage(d);
      d.close();
      const before = fs.readFileSync(sb.db);
      const r = await cli(sb, ['restore', bad, '--yes']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(bad);
      expect(fs.readFileSync(sb.db).equals(before)).toBe(true);
      expect(fs.readdirSync(sb.dir).filter((n) => n.includes('before-restore'))).toEqual([]);
    });
  }

  it('refuses a file that fails integrity_check', async () => {
    const sb = await withData();
    const bad = path.join(sb.dir, 'bad.db');
    fs.copyFileSync(base, bad);
    const d = new Database(bad);
    d.pragma('journal_mode = DELETE');
    const page = (d.prepare("select rootpage from sqlite_master where name = 'orders'").get() as { rootpage: number }).rootpage;
    const size = d.pragma('page_size', { simple: true }) as number;
    d.close();
    // Scribble over the orders table's root page (not the header): SQLite still opens the file.
    const fd = fs.openSync(bad, 'r+');
    fs.writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, (page - 1) * size);
    fs.closeSync(fd);
    const r = await cli(sb, ['restore', bad, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(bad);
    expect(count(sb.db)).toBe(300);
  });

  it('restore A then restore B in the same second keeps the original orders in the first safety copy', async () => {
    const sb = await withData();
    const a = path.join(sb.dir, 'a.db');
    const b = path.join(sb.dir, 'b.db');
    const empty = await sandbox({ now: NOW });
    expect((await cli(empty, ['backup', a])).code).toBe(0); // A: a database with no orders
    expect((await cli(sb, ['backup', b])).code).toBe(0);
    expect((await cli(sb, ['remind', 'YX2026112000012'])).code).toBe(0); // the live database moves on: 301 events
    expect((await cli(sb, ['restore', a, '--yes'])).code).toBe(0);
    expect((await cli(sb, ['restore', b, '--yes'])).code).toBe(0);
    const copies = fs.readdirSync(sb.dir).filter((n) => n.includes('before-restore')).sort();
    expect(copies).toEqual(['hotline.db.before-restore-2026-11-24T100000', 'hotline.db.before-restore-2026-11-24T100000-2']);
    const [first, second] = copies.map((c) => path.join(sb.dir, c));
    expect([count(first!), count(first!, 'events')]).toEqual([300, 301]);
    expect(count(second!)).toBe(0);
    expect([count(sb.db), count(sb.db, 'events')]).toEqual([300, 300]);
    expect((await cli(sb, ['check'])).code).toBe(0);
  });
});

