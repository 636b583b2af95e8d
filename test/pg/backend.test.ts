// The PostgreSQL backend, with real processes on a new database of a throwaway server
// (HOTLINE_TEST_PG; this file runs only in vitest.config.ts's `postgres` project): only init
// creates the schema, the log refuses UPDATE/DELETE/TRUNCATE by trigger, `check` passes on a
// clean database and names a dropped trigger and the first broken link of an edited one, and the
// same history gives the same reports as on SQLite.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, newPgDatabase, pgQuery, ROOT, run, sandbox } from '../e2e/helpers.js';

const SAMPLE = path.join(ROOT, 'data', 'samples', 'orders.csv');

describe('PostgreSQL backend', () => {
  it('only init creates the schema; a wrong URL is a clear refusal without the password', () => {
    const url = newPgDatabase();
    const sb = sandbox({ init: false, now: '2026-11-24 10:00' });
    sb.env.HOTLINE_DB = url;
    const r = run(sb, ['overdue', '--exit-code']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no hotline tables.*hotline init/);
    expect(pgQuery<{ n: number }>(url, "select count(*) as n from information_schema.tables where table_schema = 'public'")[0]!.n).toBe(0);
    expect(run(sb, ['init']).code).toBe(0);
    expect(run(sb, ['overdue']).code).toBe(0);
    const bad = new URL(url);
    bad.password = 'sekret';
    bad.pathname = '/no_such_database';
    const r2 = run(sb, ['list'], { env: { HOTLINE_DB: bad.toString() } });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/cannot connect/);
    expect(r2.stderr).not.toContain('sekret');
  });

  it('the log is append-only by trigger; check finds a dropped trigger and the edited event', () => {
    const sb = sandbox({ now: '2026-11-24 10:00' });
    expect(run(sb, ['import', SAMPLE]).code).toBe(0);
    expect(run(sb, ['dispatch', 'YX2026111600004', '--to', 'cgjd']).code).toBe(0);
    expect(run(sb, ['check']).code).toBe(0);
    for (const stmt of ["update events set note = 'x' where id = 7", 'delete from events where id = 7', 'truncate events cascade']) {
      expect(() => pgQuery(sb.db, stmt)).toThrow(/append-only/);
    }
    pgQuery(sb.db, 'drop trigger events_no_update on events');
    pgQuery(sb.db, "update events set note = 'edited' where id = 7");
    const r = run(sb, ['check', '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { problems: { check: string; code: string; params: Record<string, unknown> }[] };
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'triggers', code: 'check.triggerMissing' }),
        expect.objectContaining({ check: 'chain', code: 'check.chainBroken', params: expect.objectContaining({ id: 7 }) }),
      ]),
    );
  });

  it('the same history gives the same list, overdue watch and reports as on SQLite', () => {
    const now = '2026-11-24 10:00';
    const lite = sandbox({ now });
    const pg = sandbox({ now });
    lite.env.HOTLINE_DB = path.join(lite.dir, 'hotline.db');
    expect(run(lite, ['init']).code).toBe(0);
    for (const sb of [lite, pg]) {
      expect(run(sb, ['import', SAMPLE]).code).toBe(0);
      expect(run(sb, ['dispatch', 'YX2026111600004', 'YX2026111600009', '--to', 'cgjd']).code).toBe(0);
      expect(run(sb, ['sign', 'YX2026111600004']).code).toBe(0);
    }
    for (const args of [['list'], ['overdue'], ['report', 'circular'], ['report', 'assess'], ['history', 'YX2026111600004'], ['list', '--search', '路灯']]) {
      expect(json(pg, args), args.join(' ')).toEqual(json(lite, args));
    }
  }, 120_000);
});
