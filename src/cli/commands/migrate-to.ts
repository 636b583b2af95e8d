// hotline migrate-to <postgres-url>: move the district's SQLite database to PostgreSQL. The
// source must pass `check`; the target's schema is created if the database is empty (or checked
// if it has one); every table is copied (store/copy.ts), counts compared, and the target must
// pass `check` too. Safe to run again: nothing is duplicated, and a later run brings over what
// the district did on SQLite in the meantime.
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { checkDatabase } from '../../service/check.js';
import { copySqliteToPostgres, type TableCopy } from '../../store/copy.js';
import { openStore, type Store } from '../../store/db.js';
import { firstOperator } from '../../store/operators.js';
import { formatTime } from '../../domain/time.js';
import { isPostgresUrl, redactUrl } from '../../store/dialect.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import { problemLines } from './check.js';

const EXACT = new Set(['orders', 'events']);

export async function runMigrateTo(ctx: Context, opts: { json?: boolean }, args: string[]): Promise<number> {
  const url = args[0] ?? '';
  if (!isPostgresUrl(url)) throw new Refusal('migrateTo.notPostgres', { url });
  if (isPostgresUrl(ctx.dbPath)) throw new Refusal('migrateTo.sourceNotSqlite', { url: ctx.dbLabel });
  // The source is a SQLite file (one district); --district names the district it becomes in the
  // shared PostgreSQL database (its units and orders are tagged with it).
  const source = await openStore(ctx.dbPath);
  try {
    return await migrate(ctx, source, url, opts);
  } finally {
    await source.close();
  }
}

async function migrate(ctx: Context, source: Store, url: string, opts: { json?: boolean }): Promise<number> {
  const t = ctx.term;
  const before = await checkDatabase(source.db);
  if (!before.ok) {
    for (const line of problemLines(t, before)) t.out(line);
    throw new Refusal('migrateTo.sourceFails', { path: ctx.dbPath, count: before.problems.length + before.more });
  }
  const target = await openStore(url, { create: true, district: ctx.district });
  try {
    const shown = redactUrl(url);
    const tables = await copySqliteToPostgres(
      source,
      target.db,
      (c) => {
        if (!opts.json) t.say('migrateTo.table', { table: c.table, source: c.source, written: c.written, target: c.target });
      },
      ctx.district,
    );
    await firstOperator(target.db, formatTime(ctx.now()));
    // Orders and events exactly the source's; other tables hold at least the source's rows (the
    // target may have its own since: its first operator and auth.required, a circular's number).
    const differ = tables.filter((c: TableCopy) => (EXACT.has(c.table) ? c.target !== c.source : c.target < c.source));
    const after = await checkDatabase(target.db);
    if (opts.json) t.json({ from: ctx.dbPath, to: shown, tables, countsEqual: differ.length === 0, check: after });
    for (const c of differ) t.error(t.t('migrateTo.countDiffers', { table: c.table, source: c.source, target: c.target }));
    if (!after.ok) {
      if (!opts.json) for (const line of problemLines(t, after)) t.out(line);
      t.error(t.t('check.failed', { path: shown, count: after.problems.length + after.more }));
    }
    if (differ.length > 0 || !after.ok) return 1;
    if (!opts.json) t.ok('migrateTo.done', { from: ctx.dbPath, to: shown, orders: after.orders, events: after.events });
    return 0;
  } finally {
    await target.close();
  }
}

export function register(program: Command, app: App): void {
  const cmd = app.command(program, 'migrate-to <url>', 'migrateTo.description', [
    'hotline migrate-to postgres://hotline@db.example/hotline',
    'HOTLINE_DB=/srv/hotline/hotline.db hotline migrate-to "$PG_URL" --json',
  ]);
  cmd.addOption(app.jsonOption());
  app.action(cmd, runMigrateTo);
}
