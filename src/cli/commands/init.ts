// hotline init: create/migrate the database and load the defaults (idempotent).
import type { Command } from 'commander';
import { defaultCategories, defaultUnits } from '../../io/data.js';
import { insertMissingCategories, insertMissingUnits, listCategories, listUnits } from '../../store/directory.js';
import { writeTransaction } from '../../store/db.js';
import { formatTime } from '../../domain/time.js';
import { loadRoutingDefaults } from '../../service/routing.js';
import { listRules } from '../../store/rules.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';

export interface InitOptions {
  json?: boolean;
}

export async function runInit(ctx: Context, opts: InitOptions): Promise<void> {
  const { db } = await ctx.store({ create: true }); // with restore, the only command that may create it
  const now = formatTime(ctx.now());
  const { district, units } = defaultUnits();
  // Parents first, so the foreign key on units.parent holds.
  const ordered = [...units.filter((u) => !u.parent), ...units.filter((u) => u.parent)];
  const categories = defaultCategories();
  const added = await writeTransaction(db, async (trx) => ({
    units: await insertMissingUnits(trx, ordered, now),
    categories: await insertMissingCategories(trx, categories),
    routing: await loadRoutingDefaults(trx, categories, now),
  }));
  const calendar = await ctx.calendar();
  const years = calendar.years().filter((y) => y >= 2020);
  const summary = {
    db: ctx.dbPath,
    district,
    unitsAdded: added.units,
    units: (await listUnits(db)).length,
    categoriesAdded: added.categories,
    categories: (await listCategories(db)).length,
    rulesAdded: added.routing.rules,
    rules: (await listRules(db)).length,
    aliasesAdded: added.routing.aliases,
    calendarYears: years,
  };
  if (opts.json) {
    ctx.term.json(summary);
    return;
  }
  ctx.term.ok('init.done', { db: ctx.dbPath });
  ctx.term.say('init.units', { added: summary.unitsAdded, total: summary.units });
  ctx.term.say('init.categories', { added: summary.categoriesAdded, total: summary.categories });
  ctx.term.say('terminal.init.rules', { added: summary.rulesAdded, total: summary.rules });
  ctx.term.say('init.calendar', { from: years[0] ?? '-', to: years[years.length - 1] ?? '-' });
  ctx.term.say('init.next');
}

export function register(program: Command, app: App): void {
  const cmd = app.command(program, 'init', 'init.description', ['hotline init', 'hotline --db /srv/hotline/office.db init']);
  cmd.addOption(app.jsonOption());
  app.action<InitOptions>(cmd, runInit);
}
