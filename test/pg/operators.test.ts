// Operators and roles on PostgreSQL, with real database logins (created and granted as README
// shows): the login that ran init is the office; a unit's login signs its own orders and no
// other unit's, cannot approve, dispatch or import; an unregistered or disabled login is refused;
// the refusal names the role needed; the event's actor is the login (current_user).
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pgQuery, query, ROOT, run, sandbox, type Env } from '../e2e/helpers.js';

let office: Env;
let unit: Env;
let stranger: Env;
let unitLogin: string;

function as(login: string): Env {
  const url = new URL(office.db);
  url.username = login;
  return { ...office, db: url.toString(), env: { ...office.env, HOTLINE_DB: url.toString() } };
}

beforeAll(() => {
  office = sandbox({ now: '2026-11-24 10:00', auth: true });
  const dbName = new URL(office.db).pathname.slice(1);
  unitLogin = `${dbName}_cgjd`;
  const strangerLogin = `${dbName}_x`;
  const group = `${dbName}_users`;
  // The administrator's statements (README, "PostgreSQL"): a unit's login reads everything and
  // writes only orders, events and their figure facts.
  for (const stmt of [
    `create role ${group} nologin`,
    `grant connect, temporary on database ${dbName} to ${group}`,
    `grant usage on schema public to ${group}`,
    `grant select on all tables in schema public to ${group}`,
    `grant insert, update on orders, events to ${group}`,
    `grant insert, delete on figure_facts to ${group}`,
    `create role ${unitLogin} login in role ${group}`,
    `create role ${strangerLogin} login in role ${group}`,
  ])
    pgQuery(office.db, stmt);
  unit = as(unitLogin);
  stranger = as(strangerLogin);
  expect(run(office, ['import', path.join(ROOT, 'data', 'samples', 'orders.csv')]).code).toBe(0);
  expect(run(office, ['dispatch', 'YX2026111600004', '--to', 'cgjd']).code).toBe(0);
  expect(run(office, ['dispatch', 'YX2026111600009', '--to', 'zjj']).code).toBe(0);
}, 60_000);

describe('operators and roles on PostgreSQL', () => {
  it('init made its login the office and turned auth.required on', () => {
    const list = JSON.parse(run(office, ['operators', 'list', '--json']).stdout) as { login: string; role: string }[];
    expect(list).toEqual([expect.objectContaining({ login: new URL(office.db).username, role: 'office' })]);
    expect(run(office, ['config', 'get', 'auth.required']).stdout).toMatch(/on/);
  });

  it('an unregistered login is refused, naming it and operators add', () => {
    const r = run(stranger, ['list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a registered operator.*operators add/);
  });

  it("a unit's login acts on its own orders only, and never approves, dispatches or imports", () => {
    expect(run(unit, ['operators', 'add', '--name', unitLogin, '--role', 'office']).code).toBe(1); // not yet an operator
    expect(run(office, ['operators', 'add', '--name', unitLogin, '--role', 'unit:cgjd']).code).toBe(0);
    const own = run(unit, ['sign', 'YX2026111600004']);
    expect(own.code, own.stderr).toBe(0);
    expect(query<{ actor: string }>(office, "select actor from events where order_no = 'YX2026111600004' and action = 'sign'")[0]!.actor).toBe(unitLogin);
    const other = run(unit, ['sign', 'YX2026111600009']);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/not handled by cgjd.*unit:zjj/);
    const ret = run(unit, ['return', 'YX2026111600004', '--reason', '不属本单位职责']);
    expect(ret.code, ret.stderr).toBe(0);
    const approve = run(unit, ['return', 'approve', 'YX2026111600004']);
    expect(approve.code).toBe(1);
    expect(approve.stderr).toMatch(/needs the office role/);
    expect(run(unit, ['dispatch', 'YX2026111600012', '--to', 'cgjd']).stderr).toMatch(/needs the office role/);
    expect(run(unit, ['import', path.join(ROOT, 'data', 'samples', 'orders.csv')]).stderr).toMatch(/needs the office role/);
    expect(run(unit, ['operators', 'add', '--name', unitLogin, '--role', 'office']).stderr).toMatch(/needs the office role/);
    expect(run(office, ['return', 'approve', 'YX2026111600004']).code).toBe(0);
  });

  it('a disabled operator is refused', () => {
    expect(run(office, ['operators', 'disable', unitLogin]).code).toBe(0);
    const r = run(unit, ['list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/registered operator/);
    expect(run(office, ['check']).code).toBe(0);
  });
});
