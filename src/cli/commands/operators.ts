// hotline operators add|list|disable: who may act, as what, where many share one database
// (domain/auth.ts). On PostgreSQL a login is a database user the administrator created and
// granted the tables (README); `operators add` gives it its role.
import type { Command } from 'commander';
import { parseRole, roleText } from '../../domain/auth.js';
import { Refusal } from '../../domain/errors.js';
import { formatTime } from '../../domain/time.js';
import { writeTransaction } from '../../store/db.js';
import { getUnit } from '../../store/directory.js';
import { disableOperator, listOperators, putOperator } from '../../store/operators.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import { printTable } from '../output.js';

export async function runOperatorsAdd(ctx: Context, opts: { name?: string; role?: string }): Promise<void> {
  ctx.officeOnly('operators add');
  const login = (opts.name ?? '').trim();
  if (!login) throw new Refusal('operators.nameNeeded');
  const role = parseRole(opts.role ?? '');
  if (!role) throw new Refusal('operators.badRole', { role: opts.role ?? '' });
  const db = await ctx.db();
  if (role.kind !== 'office' && !(await getUnit(db, role.unit))) throw new Refusal('units.unknown', { code: role.unit });
  await writeTransaction(db, (trx) => putOperator(trx, login, role, formatTime(ctx.now()), ctx.operator, ctx.district ?? null));
  ctx.term.ok('operators.added', { login, role: roleText(role) });
}

export async function runOperatorsList(ctx: Context, opts: { json?: boolean }): Promise<void> {
  const ops = await listOperators(await ctx.db());
  if (opts.json) return ctx.term.json(ops.map((o) => ({ login: o.login, role: roleText(o.role), district: o.district, active: o.active, updatedAt: o.updatedAt, updatedBy: o.updatedBy })));
  printTable(
    ctx.term,
    ['operators.col.login', 'operators.col.role', 'operators.col.active'],
    ops.map((o) => [o.login, roleText(o.role), ctx.term.t(o.active ? 'operators.active' : 'operators.disabled')]),
  );
}

export async function runOperatorsDisable(ctx: Context, _opts: object, args: string[]): Promise<void> {
  ctx.officeOnly('operators disable');
  const login = args[0]!;
  const db = await ctx.db();
  if (!(await writeTransaction(db, (trx) => disableOperator(trx, login, formatTime(ctx.now()), ctx.operator)))) throw new Refusal('operators.unknown', { login });
  ctx.term.ok('operators.disabledDone', { login });
}

export function register(program: Command, app: App): void {
  const ops = app.group(program, 'operators', 'operators.description', ['hotline operators list', 'hotline operators add --name zhang_min --role office']);
  const add = app.command(ops, 'add', 'operators.add.description', [
    'hotline operators add --name zhang_min --role office',
    'hotline operators add --name cgjd_li --role unit:cgjd',
    'hotline operators add --name cgjd_wang --role leader:cgjd',
  ]);
  add.addOption(app.option('--name <login>', 'operators.opt.name')).addOption(app.option('--role <role>', 'operators.opt.role'));
  app.action(add, runOperatorsAdd);
  const list = app.command(ops, 'list', 'operators.list.description', ['hotline operators list', 'hotline operators list --json']);
  list.addOption(app.jsonOption());
  app.action(list, runOperatorsList);
  const disable = app.command(ops, 'disable <login>', 'operators.disable.description', ['hotline operators disable cgjd_li']);
  app.action(disable, runOperatorsDisable);
}
