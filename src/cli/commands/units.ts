// hotline units list|add|update, hotline categories list: the directory.
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { UNIT_KINDS, type UnitKind } from '../../domain/order.js';
import { formatTime } from '../../domain/time.js';
import { writeTransaction } from '../../store/db.js';
import { categoryAliases, findUnitByName, getUnit, insertUnit, listCategories, listUnits, unitTree, updateUnit, type Unit } from '../../store/directory.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import { printTable } from '../output.js';

const CODE_SHAPE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

function checkKind(kind: string | undefined): UnitKind | undefined {
  if (kind === undefined) return undefined;
  if (!(UNIT_KINDS as readonly string[]).includes(kind)) throw new Refusal('units.badKind', { kind, allowed: UNIT_KINDS.join('|') });
  return kind as UnitKind;
}

export interface UnitsListOptions {
  kind?: string;
  json?: boolean;
}

export async function runUnitsList(ctx: Context, opts: UnitsListOptions): Promise<void> {
  const kind = checkKind(opts.kind);
  // The tree: each town followed by its communities (a community's row is indented under it).
  const units = await listUnits(await ctx.db(), kind ? { kind } : {});
  const rank = (k: string): number => (UNIT_KINDS as readonly string[]).indexOf(k);
  const tree = unitTree([...units].sort((a, b) => rank(a.kind) - rank(b.kind) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
  if (opts.json) return ctx.term.json(tree.map(({ unit }) => ({ ...unit, signers: unit.signers ?? [] })));
  if (tree.length === 0) return ctx.term.say('units.none');
  printTable(
    ctx.term,
    ['units.col.code', 'units.col.name', 'units.col.kind', 'units.col.parent', 'units.col.leader', 'units.col.deputy', 'units.col.signers', 'units.col.contact', 'units.col.phone'],
    tree.map(({ unit: u, depth }) => [
      `${'  '.repeat(depth)}${depth > 0 ? '└ ' : ''}${u.code}`,
      u.name,
      ctx.term.t(`unitKind.${u.kind}`),
      u.parent,
      u.leader,
      u.deputy,
      (u.signers ?? []).join('、'),
      u.contact,
      u.phone,
    ]),
  );
}

export interface UnitFields {
  code?: string;
  name?: string;
  kind?: string;
  parent?: string;
  leader?: string;
  deputy?: string;
  contact?: string;
  phone?: string;
  /** Registered signers (签批) beyond the leader and deputy: "张某,李某"; "" clears them. */
  signers?: string;
}

/** `--signers 张某,李某` (also 、，; or spaces between names) → the names, without blanks or repeats. */
export function parseSigners(raw: string): string[] {
  return [...new Set(raw.split(/[,，、;；\s]+/).map((s) => s.trim()).filter(Boolean))];
}

export async function runUnitsAdd(ctx: Context, opts: UnitFields): Promise<void> {
  const code = (opts.code ?? '').trim();
  const name = (opts.name ?? '').trim();
  if (!CODE_SHAPE.test(code)) throw new Refusal('units.badCode', { code });
  if (!name) throw new Refusal('units.nameRequired');
  const kind = checkKind(opts.kind);
  if (!kind) throw new Refusal('units.kindRequired', { allowed: UNIT_KINDS.join('|') });
  const db = await ctx.db();
  await writeTransaction(db, async (trx) => {
    const existing = await getUnit(trx, code);
    if (existing) throw new Refusal('units.duplicateCode', { code, name: existing.name });
    const sameName = await findUnitByName(trx, name);
    if (sameName) throw new Refusal('units.duplicateName', { name, code: sameName.code });
    if (opts.parent && !(await getUnit(trx, opts.parent))) throw new Refusal('units.unknownParent', { code: opts.parent });
    const unit: Unit = {
      code,
      name,
      kind,
      parent: opts.parent ?? null,
      leader: opts.leader ?? null,
      deputy: opts.deputy ?? null,
      contact: opts.contact ?? null,
      phone: opts.phone ?? null,
      signers: opts.signers === undefined ? [] : parseSigners(opts.signers),
    };
    await insertUnit(trx, unit, formatTime(ctx.now()));
  });
  ctx.term.ok('units.added', { code, name });
}

export async function runUnitsUpdate(ctx: Context, opts: UnitFields, args: string[]): Promise<void> {
  const code = args[0]!;
  const kind = checkKind(opts.kind);
  const db = await ctx.db();
  await writeTransaction(db, async (trx) => {
    const unit = await getUnit(trx, code);
    if (!unit) throw new Refusal('units.unknown', { code });
    const changes: Partial<Omit<Unit, 'code'>> = {};
    if (opts.name !== undefined) {
      const name = opts.name.trim();
      if (!name) throw new Refusal('units.nameRequired');
      const other = await findUnitByName(trx, name);
      if (other && other.code !== code) throw new Refusal('units.duplicateName', { name, code: other.code });
      changes.name = name;
    }
    if (kind) changes.kind = kind;
    if (opts.parent !== undefined) {
      if (opts.parent === code) throw new Refusal('units.selfParent', { code });
      if (opts.parent && !(await getUnit(trx, opts.parent))) throw new Refusal('units.unknownParent', { code: opts.parent });
      changes.parent = opts.parent || null;
    }
    for (const f of ['leader', 'deputy', 'contact', 'phone'] as const) if (opts[f] !== undefined) changes[f] = opts[f] || null;
    if (opts.signers !== undefined) changes.signers = parseSigners(opts.signers);
    if (Object.keys(changes).length === 0) throw new Refusal('units.nothingToUpdate');
    await updateUnit(trx, code, changes, formatTime(ctx.now()));
  });
  ctx.term.ok('units.updated', { code });
}

export interface CategoriesListOptions {
  json?: boolean;
}

export async function runCategoriesList(ctx: Context, opts: CategoriesListOptions): Promise<void> {
  const db = await ctx.db();
  const aliases = [...(await categoryAliases(db))];
  const categories = (await listCategories(db)).map((c) => ({ ...c, aliases: aliases.filter(([, to]) => to === c.name).map(([a]) => a) }));
  if (opts.json) return ctx.term.json(categories);
  printTable(ctx.term, ['categories.col.name', 'categories.col.department', 'terminal.categories.col.aliases'], categories.map((c) => [c.name, c.department, c.aliases.join('、')]));
}

function unitFieldOptions(app: App, cmd: Command): Command {
  return cmd
    .addOption(app.option('--name <name>', 'units.opt.name'))
    .addOption(app.option('--kind <kind>', 'units.opt.kind', { allowed: UNIT_KINDS.join('|') }))
    .addOption(app.option('--parent <code>', 'units.opt.parent'))
    .addOption(app.option('--leader <name>', 'units.opt.leader'))
    .addOption(app.option('--deputy <name>', 'units.opt.deputy'))
    .addOption(app.option('--contact <name>', 'units.opt.contact'))
    .addOption(app.option('--phone <phone>', 'units.opt.phone'))
    .addOption(app.option('--signers <names>', 'units.opt.signers'));
}

export function register(program: Command, app: App): void {
  const units = app.group(program, 'units', 'units.description', ['hotline units list', 'hotline units add --code hxjd --name 河西街道 --kind town']);

  const list = app.command(units, 'list', 'units.list.description', ['hotline units list', 'hotline units list --kind department --json']);
  list.addOption(app.option('--kind <kind>', 'units.opt.kindFilter', { allowed: UNIT_KINDS.join('|') })).addOption(app.jsonOption());
  app.action<UnitsListOptions>(list, runUnitsList);

  const add = app.command(units, 'add', 'units.add.description', [
    'hotline units add --code hxjd --name 河西街道 --kind town --leader 王某 --contact 李某 --phone 0571-88000000',
    'hotline units add --code hxjd-hpsq --name 河西街道和平社区 --kind community --parent hxjd',
    'hotline units add --code hxjd --name 河西街道 --kind town --leader 王某 --deputy 刘某 --signers 张某,李某',
  ]);
  add.addOption(app.option('--code <code>', 'units.opt.code'));
  unitFieldOptions(app, add);
  app.action<UnitFields>(add, runUnitsAdd);

  const update = app.command(units, 'update <code>', 'units.update.description', [
    'hotline units update cgjd --contact 张某 --phone 0571-88001234',
    'hotline units update cgjd --signers 张某,李某',
    'hotline units update cgjd --signers ""',
  ]);
  unitFieldOptions(app, update);
  app.action<UnitFields>(update, runUnitsUpdate);

  const categories = app.group(program, 'categories', 'categories.description', ['hotline categories list']);
  const clist = app.command(categories, 'list', 'categories.list.description', ['hotline categories list --json']);
  clist.addOption(app.jsonOption());
  app.action<CategoriesListOptions>(clist, runCategoriesList);
}
