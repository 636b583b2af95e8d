// Operators (操作员) and their roles: see src/domain/auth.ts for what each role may do.
import { sql } from 'kysely';
import type { Operator, Role } from '../domain/auth.js';
import type { Db } from './db.js';
import { isPostgres } from './dialect.js';
import { writeTransaction } from './db.js';
import { setSetting, settingOverrides } from './config.js';

interface OperatorRow {
  login: string;
  role: string;
  unit: string | null;
  district?: string | null;
  active: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

// The operators table is not in schema.ts's Database (it is this file's alone): queried untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const t = (db: Db): any => db;

function fromRow(r: OperatorRow): Operator {
  return { login: r.login, role: { kind: r.role as Role['kind'], unit: r.unit } as Role, district: r.district ?? null, active: r.active === 1, updatedAt: r.updated_at, updatedBy: r.updated_by };
}

export async function getOperator(db: Db, login: string): Promise<Operator | undefined> {
  const r = (await t(db).selectFrom('operators').selectAll().where('login', '=', login).executeTakeFirst()) as OperatorRow | undefined;
  return r ? fromRow(r) : undefined;
}

export async function listOperators(db: Db): Promise<Operator[]> {
  const rows = (await t(db).selectFrom('operators').selectAll().orderBy('login').execute()) as OperatorRow[];
  return rows.map(fromRow);
}

/** Give a login its role (again: the role is replaced and the login active). */
export async function putOperator(db: Db, login: string, role: Role, now: string, by: string, district: string | null = null): Promise<void> {
  const unit = role.kind === 'office' ? null : role.unit;
  // A unit's operator works in its unit's district; an office operator in the one given (or all).
  const where = unit ? ((await t(db).selectFrom('units').select('district').where('code', '=', unit).executeTakeFirst()) as { district: string | null } | undefined)?.district ?? null : district;
  await t(db)
    .insertInto('operators')
    .values({ login, role: role.kind, unit, district: where, active: 1, created_at: now, updated_at: now, updated_by: by })
    .onConflict((oc: any) => oc.column('login').doUpdateSet({ role: role.kind, unit, district: where, active: 1, updated_at: now, updated_by: by })) // eslint-disable-line @typescript-eslint/no-explicit-any
    .execute();
}

export async function disableOperator(db: Db, login: string, now: string, by: string): Promise<boolean> {
  const r = await t(db).updateTable('operators').set({ active: 0, updated_at: now, updated_by: by }).where('login', '=', login).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The database login (PostgreSQL's current_user); null on SQLite, which has no logins. */
export async function databaseLogin(db: Db): Promise<string | null> {
  if (!isPostgres(db)) return null;
  return (await sql<{ u: string }>`select current_user as u`.execute(db)).rows[0]!.u;
}

/**
 * PostgreSQL, many people on one database: operators and roles are on from the start, and the
 * login that made the schema (init, migrate-to) is the office's first operator, who then adds
 * the others. Nothing on SQLite (auth.required stays off unless the office turns it on), and
 * nothing once the database has an office operator.
 */
export async function firstOperator(db: Db, now: string): Promise<void> {
  const login = await databaseLogin(db);
  if (login === null) return;
  await writeTransaction(db, async (trx) => {
    if ((await listOperators(trx)).some((o) => o.role.kind === 'office')) return;
    await putOperator(trx, login, { kind: 'office', unit: null }, now, login);
    if (!(await settingOverrides(trx)).has('auth.required')) await setSetting(trx, 'auth.required', 'on', now, login);
  });
}
