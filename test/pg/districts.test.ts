// Two districts in one PostgreSQL database (migration 061's row-level security): each district's
// circular counts only its own orders, the city's spans both, and a unit operator of one district
// neither sees nor acts on the other's orders. The logins are ordinary (not superusers, who
// bypass row-level security), granted as README shows.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, pgQuery, ROOT, run, sandbox, type Env } from '../e2e/helpers.js';

let admin: Env;
let city: Env;
let unitB: Env;

function login(name: string, district?: string): Env {
  const url = new URL(admin.db);
  url.username = name;
  const env: Record<string, string> = { ...admin.env, HOTLINE_DB: url.toString() };
  delete env.HOTLINE_DISTRICT; // the administrator's, not this login's
  if (district) env.HOTLINE_DISTRICT = district;
  return { ...admin, db: url.toString(), env };
}
const withDistrict = (sb: Env, d: string): Env => ({ ...sb, env: { ...sb.env, HOTLINE_DISTRICT: d } });

const B_ORDERS = ['QB0001', 'QB0002', 'QB0003'];

beforeAll(() => {
  // The administrator (a superuser) makes the schema and loads district A (云溪区) …
  admin = sandbox({ now: '2026-11-24 10:00', auth: true, init: false });
  admin.env.HOTLINE_DISTRICT = 'yunxi';
  expect(run(admin, ['init']).code).toBe(0);
  expect(run(admin, ['import', path.join(ROOT, 'data', 'samples', 'orders.csv')]).code).toBe(0);
  // … and district B: one town and three orders of its own.
  const b = withDistrict(admin, 'beiqu');
  expect(run(b, ['units', 'add', '--code', 'bq1', '--name', '北区一街道', '--kind', 'town']).code).toBe(0);
  for (const no of B_ORDERS) expect(run(b, ['add', '--no', no, '--received-at', '2026-11-18 09:00', '--type', '求助', '--title', `北区${no}`]).code).toBe(0);
  expect(run(b, ['dispatch', ...B_ORDERS, '--to', 'bq1']).code).toBe(0);
  const dbName = new URL(admin.db).pathname.slice(1);
  const cityLogin = `${dbName}_city`;
  const unitLogin = `${dbName}_bq1`;
  for (const stmt of [
    `create role ${dbName}_users nologin`,
    `grant connect, temporary on database ${dbName} to ${dbName}_users`,
    `grant usage on schema public to ${dbName}_users`,
    `grant select on all tables in schema public to ${dbName}_users`,
    `grant insert, update on orders, events to ${dbName}_users`,
    `grant insert, delete on figure_facts to ${dbName}_users`,
    `create role ${dbName}_office nologin in role ${dbName}_users`,
    `grant insert, update, delete on all tables in schema public to ${dbName}_office`,
    `grant usage on all sequences in schema public to ${dbName}_office`,
    `create role ${cityLogin} login in role ${dbName}_office`,
    `create role ${unitLogin} login in role ${dbName}_users`,
  ])
    pgQuery(admin.db, stmt);
  const plain = { ...admin, env: { ...admin.env } };
  delete plain.env.HOTLINE_DISTRICT;
  expect(run(plain, ['operators', 'add', '--name', cityLogin, '--role', 'office']).code).toBe(0);
  expect(run(plain, ['operators', 'add', '--name', unitLogin, '--role', 'unit:bq1']).code).toBe(0);
  city = login(cityLogin);
  unitB = login(unitLogin);
}, 90_000);

describe('two districts in one database', () => {
  it("each district's circular counts only its own orders; the city's spans both", () => {
    const period = ['--from', '2026-11-16', '--to', '2026-11-23'];
    const a = json<{ received: number; units: { code: string }[] }>(withDistrict(city, 'yunxi'), ['report', 'circular', ...period]);
    const b = json<{ received: number; units: { code: string }[] }>(withDistrict(city, 'beiqu'), ['report', 'circular', ...period]);
    const all = json<{ received: number }>(city, ['report', 'circular', ...period]);
    expect(b.received).toBe(B_ORDERS.length);
    expect(a.received).toBeGreaterThan(0);
    expect(all.received).toBe(a.received + b.received);
    expect(b.units.map((u) => u.code)).toEqual(['bq1']);
    expect(a.units.map((u) => u.code)).not.toContain('bq1');
    expect(json<unknown[]>(withDistrict(city, 'beiqu'), ['list'])).toHaveLength(B_ORDERS.length);
  });

  it("a unit operator of one district neither sees nor acts on the other's orders", () => {
    const seen = json<{ no: string }[]>(unitB, ['list']);
    expect(seen.map((o) => o.no).sort()).toEqual(B_ORDERS);
    // Asking for the other district does not widen a unit login's view: its district is its unit's.
    expect(json<unknown[]>(withDistrict(unitB, 'yunxi'), ['list'])).toHaveLength(B_ORDERS.length);
    const aOrder = 'YX2026111600004';
    expect(run(unitB, ['show', aOrder]).code).toBe(1);
    const sign = run(unitB, ['sign', aOrder]);
    expect(sign.code).toBe(1);
    expect(sign.stderr).toMatch(/YX2026111600004/);
    expect(run(unitB, ['sign', B_ORDERS[0]!]).code).toBe(0);
    expect(run(admin, ['check']).code).toBe(0);
  });

  it("a district's login neither reads nor deletes another district's figure facts and hot-topic words", () => {
    // the words are kept by a circular (the city's, which sees both districts)
    expect(run(city, ['report', 'circular', '--from', '2026-11-16', '--to', '2026-11-23']).code).toBe(0);
    const count = (url: string, table: string, column: string, nos: string[]) =>
      Number(pgQuery<{ n: string }>(url, `select count(*) as n from ${table} where ${column} = any($1)`, [nos])[0]!.n);
    const aNos = pgQuery<{ no: string }>(admin.db, "select w.no from order_words w join orders o on o.no = w.no where o.district = 'yunxi' order by w.no limit 20").map((r) => r.no);
    expect(aNos.length).toBeGreaterThan(0);
    for (const [table, column] of [
      ['figure_facts', 'order_no'],
      ['order_words', 'no'],
    ] as const) {
      expect(count(admin.db, table, column, B_ORDERS), `${table} of B`).toBeGreaterThan(0);
      const aRows = count(admin.db, table, column, aNos);
      expect(aRows, `${table} of A`).toBeGreaterThan(0);
      // B's unit login sees B's rows and none of A's …
      expect(count(unitB.db, table, column, B_ORDERS)).toBe(count(admin.db, table, column, B_ORDERS));
      expect(count(unitB.db, table, column, aNos)).toBe(0);
      // … and its delete of A's rows deletes nothing.
      if (table === 'figure_facts') pgQuery(unitB.db, `delete from figure_facts where order_no = any($1)`, [aNos]);
      expect(count(admin.db, table, column, aNos)).toBe(aRows);
    }
    expect(run(admin, ['check']).code).toBe(0);
  });
});
