// hotline rules list|add|remove: routing rules (分类处置规则) for dispatch --auto.
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { ORDER_TYPES, parseOrderType } from '../../domain/order.js';
import { describeRule, parseKeywords, sortRules } from '../../domain/routing.js';
import { formatTime } from '../../domain/time.js';
import { addRule } from '../../service/routing.js';
import { getUnit } from '../../store/directory.js';
import { deleteRule, listAllRules, listRules, updateRule } from '../../store/rules.js';
import { askUnit } from '../unit-picker.js';
import { ask } from '../terminal.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import { printTable } from '../output.js';

export async function runRulesList(ctx: Context, opts: { json?: boolean }): Promise<void> {
  const db = await ctx.db();
  const origin = new Map((await listAllRules(db)).map((r) => [r.id, r.origin]));
  const rows = sortRules(await listRules(db)).map((r) => ({ ...describeRule(r), origin: origin.get(r.id) ?? 'office' }));
  if (opts.json) return ctx.term.json(rows);
  if (rows.length === 0) return ctx.term.say('rules.none');
  const any = ctx.term.t('rules.any');
  printTable(
    ctx.term,
    ['rules.col.id', 'rules.col.priority', 'rules.col.category', 'rules.col.town', 'rules.col.type', 'rules.col.keywords', 'rules.col.unit', 'terminal.rules.col.origin'],
    rows.map((r) => [r.id, r.priority, r.category ?? any, r.town ?? any, r.type ?? any, r.keywords.join('、') || any, r.unit, ctx.term.t(`terminal.rules.origin.${r.origin}`)]),
  );
}

export interface RulesAddOptions {
  category?: string;
  town?: string;
  type?: string;
  keywords?: string;
  unit?: string;
  priority?: string;
  note?: string;
  json?: boolean;
}

export async function runRulesAdd(ctx: Context, opts: RulesAddOptions): Promise<void> {
  const db = await ctx.db();
  if (ctx.term.interactive && !opts.category && !opts.town && !opts.type && !opts.keywords) {
    // On a terminal, ask for the conditions the flags left out (Enter skips one).
    opts.category = (await ask(ctx.term, { key: 'prompt.category', flag: '--category', optional: true })) || undefined;
    opts.town = (await ask(ctx.term, { key: 'prompt.town', flag: '--town', optional: true })) || undefined;
    opts.keywords = (await ask(ctx.term, { key: 'terminal.prompt.keywords', flag: '--keywords', optional: true })) || undefined;
  }
  const type = opts.type ? parseOrderType(opts.type) : null;
  if (opts.type && !type) throw new Refusal('add.badType', { value: opts.type, allowed: ORDER_TYPES.join('、') });
  const priority = opts.priority === undefined ? 0 : Number(opts.priority);
  if (!Number.isInteger(priority)) throw new Refusal('rules.badPriority', { value: opts.priority ?? '' });
  const keywords = parseKeywords(opts.keywords ?? '');
  if (!opts.category && !opts.town && !type && keywords.length === 0) throw new Refusal('rules.noCondition');
  const unit = opts.unit ?? (await askUnit(ctx, { flag: '--unit' }));
  const id = await addRule(db, { category: opts.category ?? null, town: opts.town ?? null, type, keywords, unit, priority, note: opts.note ?? null }, formatTime(ctx.now()));
  if (opts.json) return ctx.term.json({ id });
  ctx.term.ok('rules.added', { id, unit });
}

export async function runRulesUpdate(ctx: Context, opts: { unit?: string; priority?: string }, args: string[]): Promise<void> {
  const id = Number(args[0]);
  if (!Number.isInteger(id) || id < 1) throw new Refusal('rules.badId', { value: args[0] ?? '' });
  const db = await ctx.db();
  if (!(await listRules(db)).some((r) => r.id === id)) throw new Refusal('rules.unknown', { id });
  const priority = opts.priority === undefined ? undefined : Number(opts.priority);
  if (priority !== undefined && !Number.isInteger(priority)) throw new Refusal('rules.badPriority', { value: opts.priority ?? '' });
  const unit = opts.unit ?? (priority === undefined ? await askUnit(ctx, { flag: '--unit' }) : undefined);
  if (unit !== undefined && !(await getUnit(db, unit))) throw new Refusal('units.unknown', { code: unit });
  await updateRule(db, id, { ...(unit !== undefined ? { unit } : {}), ...(priority !== undefined ? { priority } : {}) });
  ctx.term.ok('terminal.rules.updated', { id });
}

export async function runRulesRemove(ctx: Context, _opts: object, args: string[]): Promise<void> {
  const id = Number(args[0]);
  if (!Number.isInteger(id) || id < 1) throw new Refusal('rules.badId', { value: args[0] ?? '' });
  if (!(await deleteRule(await ctx.db(), id, formatTime(ctx.now())))) throw new Refusal('rules.unknown', { id });
  ctx.term.ok('rules.removed', { id });
}

export function register(program: Command, app: App): void {
  const rules = app.group(program, 'rules', 'rules.description', ['hotline rules list', 'hotline rules add --category 市场监管 --unit scjgj']);
  const list = app.command(rules, 'list', 'rules.list.description', ['hotline rules list', 'hotline rules list --json']);
  list.addOption(app.jsonOption());
  app.action(list, runRulesList);
  const add = app.command(rules, 'add', 'rules.add.description', [
    'hotline rules add --category 市场监管 --unit scjgj',
    'hotline rules add --category 城市管理 --town 城关街道 --unit cgjd --priority 10',
    'hotline rules add --keywords 停电,供电 --unit gdgs --priority 20',
  ]);
  add
    .addOption(app.option('--category <name>', 'rules.opt.category'))
    .addOption(app.option('--town <name>', 'rules.opt.town'))
    .addOption(app.option('--type <type>', 'rules.opt.type'))
    .addOption(app.option('--keywords <words>', 'rules.opt.keywords'))
    .addOption(app.option('--unit <code>', 'rules.opt.unit'))
    .addOption(app.option('--priority <n>', 'rules.opt.priority'))
    .addOption(app.option('--note <text>', 'opt.note'))
    .addOption(app.jsonOption());
  app.action(add, runRulesAdd);
  const update = app.command(rules, 'update <id>', 'terminal.rules.update.description', ['hotline rules update 3 --unit cgjd', 'hotline rules update 3 --priority 10']);
  update.addOption(app.option('--unit <code>', 'rules.opt.unit')).addOption(app.option('--priority <n>', 'rules.opt.priority'));
  app.action(update, runRulesUpdate);
  const remove = app.command(rules, 'remove <id>', 'rules.remove.description', ['hotline rules remove 3']);
  app.action(remove, runRulesRemove);
}
