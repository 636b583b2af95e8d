// hotline backup <file>, hotline restore <file>: a consistent copy while others use the database.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { formatTime } from '../../domain/time.js';
import { checkTarget, produceAtomic } from '../../io/atomic-file.js';
import { backupTo, inspectBackup, openStore, restoreFrom } from '../../store/db.js';
import { checkFile, problemLines } from './check.js';
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
  if (!fs.existsSync(source)) throw new Refusal('restore.notFound', { path: source });
  // Only a file that passes `hotline check` with this build's schema may become the database.
  const report = await checkFile(source);
  if (!report.ok) {
    for (const line of problemLines(ctx.term, report)) ctx.term.streams.stderr.write(`${line}\n`);
    const older = report.problems.some((p) => p.code === 'check.migrationMissing');
    throw new Refusal(older ? 'restore.olderSchema' : 'restore.failsCheck', { path: source, count: report.problems.length + report.more });
  }
  const orders = report.orders;
  if (!opts.yes) {
    if (!ctx.term.interactive) throw new Refusal('restore.needYes', { path: source });
    const { confirm } = await import('@inquirer/prompts');
    const sure = await confirm({ message: ctx.term.t('restore.confirm', { path: source, orders, db: ctx.dbPath }), default: false }, { input: ctx.term.streams.stdin, output: ctx.term.streams.stderr });
    if (!sure) return ctx.term.say('restore.cancelled');
  }
  // Keep what is being replaced, under a name no earlier restore used: a restore must never be
  // the thing that loses data. A missing database is created (owner-only) to restore into.
  let safety: string | undefined;
  if (fs.existsSync(ctx.dbPath)) {
    const store = await ctx.store();
    safety = safetyCopyName(ctx.dbPath, ctx.now());
    await produceAtomic(safety, {}, async (temp) => void (await backupTo(store, temp)));
  } else await ctx.store({ create: true });
  await ctx.close();
  await restoreFrom(source, ctx.dbPath);
  const reopened = await openStore(ctx.dbPath); // WAL mode again, file modes owner-only
  await reopened.close();
  if (safety) ctx.term.ok('restore.done', { path: source, orders, safety });
  else ctx.term.ok('restore.doneNew', { path: source, orders, db: ctx.dbPath });
}

/** `<db>.before-restore-<time to the second>`, with -2, -3 … if a copy of that name exists. */
export function safetyCopyName(db: string, now: Date): string {
  const base = `${db}.before-restore-${formatTime(now).replace(/[:+]/g, '').slice(0, 17)}`;
  let name = base;
  for (let n = 2; fs.existsSync(name); n++) name = `${base}-${n}`;
  return name;
}

export function register(program: Command, app: App): void {
  const backup = app.command(program, 'backup <file>', 'backup.description', ['hotline backup /srv/backup/hotline-$(date +%F).db']);
  backup.addOption(app.option('--force', 'backup.opt.force')).addOption(app.jsonOption());
  app.action(backup, runBackup);
  const restore = app.command(program, 'restore <file>', 'restore.description', ['hotline restore /srv/backup/hotline-2026-11-20.db', 'hotline restore backup.db --yes']);
  restore.addOption(app.option('--yes', 'restore.opt.yes'));
  app.action(restore, runRestore);
}
