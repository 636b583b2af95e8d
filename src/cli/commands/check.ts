// hotline check [file]: verify the database (or a backup file): integrity, foreign keys, this
// build's schema, the append-only triggers, the hash chain, every state (with its last event time
// and figure facts) equal to its replay.
// Exit 0 when all is well; 1 with the list of what is wrong.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { CHECKS, checkDatabase, type CheckProblem, type CheckReport } from '../../service/check.js';
import { openForCheck } from '../../store/check.js';
import { openStore } from '../../store/db.js';
import { isPostgresUrl, redactUrl } from '../../store/dialect.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import type { Terminal } from '../terminal.js';

/** Check a database file without changing it (no migration, read-only). */
export async function checkFile(file: string): Promise<CheckReport> {
  if (isPostgresUrl(file)) {
    // A PostgreSQL database: opened as every command opens it (its schema must be there).
    const store = await openStore(file);
    try {
      return await checkDatabase(store.db);
    } finally {
      await store.close();
    }
  }
  if (!fs.existsSync(file)) throw new Refusal('db.missing', { path: file });
  const store = openForCheck(file);
  try {
    return await checkDatabase(store.db);
  } finally {
    await store.close();
  }
}

/** The problems as lines in the user's language. */
export function problemLines(term: Terminal, report: CheckReport): string[] {
  const lines = report.problems.map((p) => `  ✘ ${term.t(`check.name.${p.check}`)}${term.t('check.colon')}${problemText(term, p)}`);
  if (report.more > 0) lines.push(`  ${term.t('check.more', { count: report.more })}`);
  return lines;
}

function problemText(term: Terminal, p: CheckProblem): string {
  const kind = p.params.kind;
  return term.t(p.code, kind === undefined ? p.params : { ...p.params, kind: term.t(`check.kind.${kind}`) });
}

export async function runCheck(ctx: Context, opts: { json?: boolean }, args: string[]): Promise<number> {
  const given = args[0] ?? ctx.dbPath;
  const file = isPostgresUrl(given) ? given : path.resolve(given);
  if (args[0] === undefined) {
    // The live database is brought up to this build's schema first, as every command does; a
    // file named on the command line (a backup) is checked as it is.
    await ctx.store();
    await ctx.close();
  }
  const report = await checkFile(file);
  const t = ctx.term;
  const shown = isPostgresUrl(file) ? redactUrl(file) : file; // never a password on the screen
  if (opts.json) {
    t.json({ path: shown, ...report, problems: report.problems.map((p) => ({ ...p, message: problemText(t, p) })) });
  } else {
    for (const c of CHECKS) if (report.passed.includes(c)) t.out(`  ✔ ${t.t(`check.name.${c}`)}`);
    for (const line of problemLines(t, report)) t.out(line);
  }
  if (report.ok) {
    if (!opts.json) t.ok('check.clean', { path: shown, orders: report.orders, events: report.events });
    return 0;
  }
  t.error(t.t('check.failed', { path: shown, count: report.problems.length + report.more }));
  return 1;
}

export function register(program: Command, app: App): void {
  const cmd = app.command(program, 'check [file]', 'check.description', ['hotline check', 'hotline check --json', 'hotline check /srv/backup/hotline-2026-11-20.db']);
  cmd.addOption(app.jsonOption());
  app.action(cmd, runCheck);
}
