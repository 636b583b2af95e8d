// hotline calendar list|set|import|workdays-after: the working-day calendar (工作日历).
import fs from 'node:fs';
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { dayOf, formatTime, parseDay, weekday } from '../../domain/time.js';
import { EXAMPLE_CALENDAR_FILE, parseCalendarFile, parseKind } from '../../io/calendar-file.js';
import { setOfficeDays } from '../../store/config.js';
import { writeTransaction } from '../../store/db.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import { printTable } from '../output.js';

export interface CalendarListOptions {
  json?: boolean;
}

export async function runCalendarList(ctx: Context, opts: CalendarListOptions, args: string[]): Promise<void> {
  const yearArg = args[0];
  const year = yearArg === undefined ? Number(dayOf(ctx.now()).slice(0, 4)) : Number(yearArg);
  if (!Number.isInteger(year) || year < 1990 || year > 2200) throw new Refusal('calendar.badYear', { value: yearArg ?? '' });
  const calendar = await ctx.calendar();
  const entries = calendar.list(year);
  if (opts.json) return ctx.term.json(entries);
  if (entries.length === 0) {
    ctx.term.warn('calendar.noEntries', { year });
    return;
  }
  printTable(
    ctx.term,
    ['calendar.col.date', 'calendar.col.weekday', 'calendar.col.kind', 'calendar.col.source', 'calendar.col.note'],
    entries.map((e) => [e.date, ctx.term.t(`weekday.${weekday(e.date)}`), ctx.term.t(`dayKind.${e.kind}`), ctx.term.t(`daySource.${e.source}`), e.note]),
  );
}

export interface CalendarSetOptions {
  note?: string;
}

export async function runCalendarSet(ctx: Context, opts: CalendarSetOptions, args: string[]): Promise<void> {
  ctx.officeOnly('calendar set'); // operators and roles (domain/auth.ts), when auth.required is on
  const [dateArg, kindArg] = args as [string, string];
  const date = parseDay(dateArg);
  if (!date) throw new Refusal('calendar.badDate', { value: dateArg });
  const kind = parseKind(kindArg);
  if (!kind) throw new Refusal('calendar.badKind', { kind: kindArg });
  await setOfficeDays(await ctx.db(), [{ date, kind, note: opts.note ?? null }], formatTime(ctx.now()));
  ctx.term.ok('calendar.setDone', { date, kind: ctx.term.t(`dayKind.${kind}`) });
}

export interface CalendarImportOptions {
  dryRun?: boolean;
  example?: boolean;
}

export async function runCalendarImport(ctx: Context, opts: CalendarImportOptions, args: string[]): Promise<number | void> {
  ctx.officeOnly('calendar import'); // operators and roles (domain/auth.ts), when auth.required is on
  const file = args[0];
  if (opts.example || !file) {
    if (!file && !opts.example) throw new Refusal('calendar.fileRequired');
    ctx.term.out(EXAMPLE_CALENDAR_FILE);
    return;
  }
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch {
    throw new Refusal('file.cannotRead', { path: file });
  }
  const { entries, errors } = parseCalendarFile(text.replace(/^\uFEFF/, ''));
  if (errors.length > 0) {
    for (const e of errors) ctx.term.error(ctx.term.t('calendar.fileLine', { line: e.line, reason: ctx.term.t(e.code, e.params) }));
    throw new Refusal('calendar.fileRejected', { path: file, count: errors.length });
  }
  if (entries.length === 0) throw new Refusal('calendar.fileEmpty', { path: file });
  if (!opts.dryRun) {
    const db = await ctx.db();
    await writeTransaction(db, (trx) => setOfficeDays(trx, entries, formatTime(ctx.now())));
  }
  const holidays = entries.filter((e) => e.kind === 'holiday').length;
  ctx.term.ok(opts.dryRun ? 'calendar.importChecked' : 'calendar.imported', { count: entries.length, holidays, workdays: entries.length - holidays, from: entries[0]!.date, to: entries[entries.length - 1]!.date });
}

export async function runWorkdaysAfter(ctx: Context, opts: { json?: boolean }, args: string[]): Promise<void> {
  const [dateArg, nArg] = args as [string, string];
  const date = parseDay(dateArg);
  if (!date) throw new Refusal('calendar.badDate', { value: dateArg });
  const n = Number(nArg);
  if (!Number.isInteger(n) || n < 0 || n > 366) throw new Refusal('calendar.badCount', { value: nArg });
  const calendar = await ctx.calendar();
  const result = calendar.addWorkdays(date, n);
  if (opts.json) return ctx.term.json({ date, workdays: n, result });
  ctx.term.out(result);
}

export function register(program: Command, app: App): void {
  const cal = app.group(program, 'calendar', 'calendar.description', ['hotline calendar list 2026', 'hotline calendar workdays-after 2026-09-30 5']);

  const list = app.command(cal, 'list [year]', 'calendar.list.description', ['hotline calendar list', 'hotline calendar list 2026 --json']);
  list.addOption(app.jsonOption());
  app.action<CalendarListOptions>(list, runCalendarList);

  const set = app.command(cal, 'set <date> <kind>', 'calendar.set.description', [
    'hotline calendar set 2027-02-20 workday --note 春节调休上班',
    'hotline calendar set 2026-12-31 holiday --note 区政府通知',
  ]);
  set.addOption(app.option('--note <text>', 'calendar.opt.note'));
  app.action<CalendarSetOptions>(set, runCalendarSet);

  const imp = app.command(cal, 'import [file]', 'calendar.import.description', [
    'hotline calendar import --example > 2027.txt',
    'hotline calendar import 2027.txt --dry-run',
    'hotline calendar import 2027.txt',
  ]);
  imp.addOption(app.option('--dry-run', 'opt.dryRun')).addOption(app.option('--example', 'calendar.opt.example'));
  app.action<CalendarImportOptions>(imp, runCalendarImport);

  const after = app.command(cal, 'workdays-after <date> <n>', 'calendar.after.description', ['hotline calendar workdays-after 2026-09-30 5']);
  after.addOption(app.jsonOption());
  app.action<{ json?: boolean }>(after, runWorkdaysAfter);
}
