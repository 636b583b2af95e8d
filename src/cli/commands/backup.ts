// hotline backup <file>, hotline restore <file>: a consistent copy while others use the database.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { formatTime } from '../../domain/time.js';
import { checkTarget, produceAtomic } from '../../io/atomic-file.js';
import { backupTo, inspectBackup, openStore, restoreFrom } from '../../store/db.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';

export async function runBackup(ctx: Context, opts: { force?: boolean; json?: boolean }, args: string[]): Promise<void> {
  const target = path.resolve(args[0]!);
  if (target === path.resolve(ctx.dbPath)) throw new Refusal('backup.samePath', { path: target });
  checkTarget(target, { force: opts.force }); // before the database is opened: say it at once
  // A nightly backup account may only read the database: open it read-only rather than fail or
  // wait on a write it may not do.
  const store = await ctx.store({ readonly: !writable(ctx.dbPath) });
  let bytes = 0;
  await produceAtomic(target, { force: opts.force }, async (temp) => {
    bytes = (await backupTo(store, temp)).bytes;
  });
  const { orders } = inspectBackup(target);
  if (opts.json) return ctx.term.json({ file: target, bytes, orders });
  ctx.term.ok('backup.done', { path: target, orders, size: (bytes / 1024 / 1024).toFixed(1) });
}

function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export async function runRestore(ctx: Context, opts: { yes?: boolean }, args: string[]): Promise<void> {
  const source = path.resolve(args[0]!);
  if (source === path.resolve(ctx.dbPath)) throw new Refusal('backup.samePath', { path: source });
  const { orders } = inspectBackup(source);
  if (!opts.yes) {
    if (!ctx.term.interactive) throw new Refusal('restore.needYes', { path: source });
    const { confirm } = await import('@inquirer/prompts');
    const sure = await confirm({ message: ctx.term.t('restore.confirm', { path: source, orders, db: ctx.dbPath }), default: false }, { input: ctx.term.streams.stdin, output: ctx.term.streams.stderr });
    if (!sure) return ctx.term.say('restore.cancelled');
  }
  // Keep what is being replaced: a restore should never be the thing that loses data.
  const store = await ctx.store();
  const safety = `${ctx.dbPath}.before-restore-${formatTime(ctx.now()).replace(/[:+]/g, '').slice(0, 15)}`;
  await backupTo(store, safety);
  await ctx.close();
  await restoreFrom(source, ctx.dbPath);
  const check = await openStore(ctx.dbPath); // brings a restored older backup up to the current schema
  await check.close();
  ctx.term.ok('restore.done', { path: source, orders, safety });
}

export function register(program: Command, app: App): void {
  const backup = app.command(program, 'backup <file>', 'backup.description', ['hotline backup /srv/backup/hotline-$(date +%F).db']);
  backup.addOption(app.option('--force', 'backup.opt.force')).addOption(app.jsonOption());
  app.action(backup, runBackup);
  const restore = app.command(program, 'restore <file>', 'restore.description', ['hotline restore /srv/backup/hotline-2026-11-20.db', 'hotline restore backup.db --yes']);
  restore.addOption(app.option('--yes', 'restore.opt.yes'));
  app.action(restore, runRestore);
}
