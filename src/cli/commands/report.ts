// hotline overdue, hotline report daily|circular|assess: what cron runs and the leadership reads.
// Every figure is defined once in src/domain/figures.ts; this file only picks the period, loads
// what the figures need from the store, and renders.
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { DEFAULT_SETTINGS } from '../../domain/settings.js';
import { assess, circular, dailyReport } from '../../domain/figures.js';
import { overdueRows, type DueLevel } from '../../domain/overdue.js';
import { addDays, atBeijing, dayOf, formatTime, parseDay, parseTime, weekday, type Day } from '../../domain/time.js';
import { writeFileAtomic } from '../../io/atomic-file.js';
import { render, REPORT_FORMATS, type AnyReport, type ReportFormat } from '../../io/render/index.js';
import { listUnits } from '../../store/directory.js';
import { overdueInputs, periodInputs } from '../../store/reports.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';

interface OutputOptions {
  format?: string;
  json?: boolean;
  output?: string;
  force?: boolean;
}

function formatOf(opts: OutputOptions): ReportFormat {
  if (opts.json) return 'json';
  const f = opts.format ?? (opts.output ? extFormat(opts.output) : undefined) ?? 'table';
  if (!(REPORT_FORMATS as readonly string[]).includes(f)) throw new Refusal('flag.badChoice', { flag: '--format', value: f, allowed: REPORT_FORMATS.join('|') });
  return f as ReportFormat;
}

function extFormat(file: string): ReportFormat | undefined {
  const ext = file.toLowerCase().split('.').pop();
  const map: Record<string, ReportFormat> = { json: 'json', csv: 'csv', xlsx: 'xlsx', md: 'md', html: 'html', htm: 'html', txt: 'table' };
  return ext ? map[ext] : undefined;
}

/** Render and write: stdout unless --output; binary XLSX never to a terminal. */
async function emit(ctx: Context, report: AnyReport, opts: OutputOptions): Promise<void> {
  const format = formatOf(opts);
  if (format === 'xlsx' && !opts.output && ctx.term.isTTY) throw new Refusal('report.xlsxNeedsOutput');
  const body = await render(report, format, ctx.term.lang, { color: ctx.term.color && !opts.output, office: ctx.term.t('report.office') });
  if (opts.output) {
    await writeFileAtomic(opts.output, body, { force: opts.force });
    ctx.term.ok('report.written', { path: opts.output });
    return;
  }
  if (typeof body === 'string') ctx.term.out(body);
  else ctx.term.streams.stdout.write(body);
}

function asOfOf(ctx: Context, raw: string | undefined): Date {
  if (raw === undefined) return ctx.now();
  // A bare date means the end of that day: "as the log stood on 2026-11-20".
  const day = parseDay(raw);
  if (day) return new Date(atBeijing(addDays(day, 1)).getTime() - 1000);
  const t = parseTime(raw);
  if (!t) throw new Refusal('time.bad', { value: raw });
  return t;
}

function dayArg(raw: string, flag: string): Day {
  const d = parseDay(raw);
  if (!d) throw new Refusal('report.badDayFlag', { flag, value: raw });
  return d;
}

/** The period: --from/--to as given ([from, to)); by default the last full week, Monday to Monday. */
export function periodOf(now: Date, from?: string, to?: string): { from: Day; to: Day } {
  if (from && to) return { from: dayArg(from, '--from'), to: dayArg(to, '--to') };
  if (from) {
    const f = dayArg(from, '--from');
    return { from: f, to: addDays(f, 7) };
  }
  if (to) {
    const t = dayArg(to, '--to');
    return { from: addDays(t, -7), to: t };
  }
  const today = dayOf(now);
  const monday = addDays(today, -((weekday(today) + 6) % 7));
  return { from: addDays(monday, -7), to: monday };
}

// ---- overdue ------------------------------------------------------------------------------------

const LEVELS: DueLevel[] = ['due_soon', 'overdue', 'serious'];

interface OverdueOptions extends OutputOptions {
  asOf?: string;
  unit?: string;
  level?: string;
  exitCode?: boolean;
}

export async function runOverdue(ctx: Context, opts: OverdueOptions): Promise<number> {
  const asOf = asOfOf(ctx, opts.asOf);
  const levels = opts.level ? opts.level.split(/[,，\s]+/).filter(Boolean) : LEVELS;
  for (const l of levels) if (!(LEVELS as string[]).includes(l)) throw new Refusal('flag.badChoice', { flag: '--level', value: l, allowed: LEVELS.join('|') });
  const db = await ctx.db();
  const units = await listUnits(db);
  if (opts.unit && !units.some((u) => u.code === opts.unit)) throw new Refusal('units.unknown', { code: opts.unit });
  const { orders, events } = await overdueInputs(db, { asOf: formatTime(asOf) });
  const rows = overdueRows(orders, events, asOf, await ctx.settings(), await ctx.calendar(), units, { unit: opts.unit, dueSoon: levels.includes('due_soon') }).filter((r) =>
    levels.includes(r.level),
  );
  const late = rows.filter((r) => r.level !== 'due_soon').length;
  // On a terminal the watch is read unit by unit (who to phone): group the rows by lead unit,
  // orders nobody has yet (still with the office) first; scripts get the severity order.
  if (formatOf(opts) === 'table') {
    const rank = { serious: 0, overdue: 1, due_soon: 2 } as const;
    rows.sort((a, b) => (a.leadUnit ?? '').localeCompare(b.leadUnit ?? '') || rank[a.level] - rank[b.level] || b.overdueWorkdays - a.overdueWorkdays);
  }
  if (rows.length === 0 && !opts.json && formatOf(opts) === 'table') ctx.term.ok('overdue.none', { asOf: formatTime(asOf).slice(0, 16).replace('T', ' ') });
  else await emit(ctx, { kind: 'overdue', asOf: formatTime(asOf), rows }, opts);
  if (!opts.json && formatOf(opts) === 'table' && rows.length > 0)
    ctx.term.say('overdue.summary', { dueSoon: rows.length - late, overdue: late, serious: rows.filter((r) => r.level === 'serious').length });
  return opts.exitCode && late > 0 ? 3 : 0;
}

// ---- reports ------------------------------------------------------------------------------------

interface PeriodOptions extends OutputOptions {
  from?: string;
  to?: string;
  asOf?: string;
}

async function periodReport(ctx: Context, opts: PeriodOptions, kind: 'circular' | 'assess'): Promise<void> {
  const asOf = asOfOf(ctx, opts.asOf);
  const { from, to } = periodOf(ctx.now(), opts.from, opts.to);
  if (to <= from) throw new Refusal('report.badPeriod', { from, to });
  const days = Math.round((atBeijing(to).getTime() - atBeijing(from).getTime()) / 86_400_000);
  const prevFrom = addDays(from, -days);
  const db = await ctx.db();
  // The assessment has no growth figure: it does not need the previous period's orders.
  const loadFrom = kind === 'circular' ? prevFrom : from;
  const { orders, events } = await periodInputs(db, { prevFrom: formatTime(atBeijing(loadFrom)), from: formatTime(atBeijing(from)), asOf: formatTime(asOf) });
  const units = await listUnits(db);
  const [s, cal] = [await ctx.settings(), await ctx.calendar()];
  const q = { from, to, asOf };
  const report = kind === 'circular' ? circular(q, orders, events, units, s, cal) : assess(q, orders, events, units, s, cal);
  await emit(ctx, report, opts);
}

interface DailyOptions extends OutputOptions {
  date?: string;
  asOf?: string;
}

async function runDaily(ctx: Context, opts: DailyOptions): Promise<void> {
  // Without --date: the day of --as-of if given (a report on the day it describes), else today.
  const day = opts.date ? dayArg(opts.date, '--date') : dayOf(opts.asOf ? asOfOf(ctx, opts.asOf) : ctx.now());
  const asOf = opts.asOf ? asOfOf(ctx, opts.asOf) : new Date(Math.min(ctx.now().getTime(), atBeijing(addDays(day, 1)).getTime() - 1000));
  const db = await ctx.db();
  const { orders, events } = await periodInputs(db, { prevFrom: formatTime(atBeijing(day)), from: formatTime(atBeijing(day)), asOf: formatTime(asOf) });
  const report = dailyReport({ day, asOf }, orders, events, await listUnits(db), await ctx.settings(), await ctx.calendar());
  await emit(ctx, report, opts);
}

function outputOptions(app: App, cmd: Command): Command {
  return cmd
    .addOption(app.option('--format <format>', 'report.opt.format', { allowed: REPORT_FORMATS.join('|') }))
    .addOption(app.option('--output <file>', 'report.opt.output'))
    .addOption(app.option('--force', 'file.opt.force'))
    .addOption(app.jsonOption());
}

export function register(program: Command, app: App): void {
  const overdue = app.command(program, 'overdue', 'overdue.description', [
    'hotline overdue',
    'hotline overdue --unit cgjd',
    'hotline overdue --level overdue,serious --exit-code || mail -s "12345 超期工单" office@example.gov.cn',
    'hotline overdue --as-of "2026-11-20 17:30" --json',
  ]);
  overdue
    .addOption(app.option('--as-of <time>', 'report.opt.asOf'))
    .addOption(app.option('--unit <code>', 'overdue.opt.unit'))
    .addOption(app.option('--level <level,...>', 'overdue.opt.level', { allowed: LEVELS.join('|') }))
    .addOption(app.option('--exit-code', 'overdue.opt.exitCode'));
  app.action(outputOptions(app, overdue), runOverdue);

  const report = app.group(program, 'report', 'report.description', [
    'hotline report daily',
    'hotline report circular --from 2026-11-16 --to 2026-11-23 --format html --output 通报.html',
    'hotline report assess --from 2026-11-01 --to 2026-12-01',
  ]);
  const daily = app.command(report, 'daily', 'report.daily.description', ['hotline report daily', 'hotline report daily --date 2026-11-20 --format md']);
  daily.addOption(app.option('--date <date>', 'report.opt.date')).addOption(app.option('--as-of <time>', 'report.opt.asOf'));
  app.action(outputOptions(app, daily), runDaily);

  for (const kind of ['circular', 'assess'] as const) {
    const cmd = app.command(report, kind, `report.${kind}.description`, [
      `hotline report ${kind}`,
      `hotline report ${kind} --from 2026-11-16 --to 2026-11-23`,
      `hotline report ${kind} --from 2026-11-01 --to 2026-12-01 --format xlsx --output ${kind === 'circular' ? '11月通报' : '11月考核'}.xlsx`,
      `hotline report ${kind} --from 2026-11-16 --to 2026-11-23 --json`,
    ]);
    cmd
      .addOption(app.option('--from <date>', 'report.opt.from'))
      .addOption(app.option('--to <date>', 'report.opt.to'))
      .addOption(app.option('--as-of <time>', 'report.opt.asOf'));
    outputOptions(app, cmd).addHelpText('after', `\n${app.t(`report.${kind}.definitions`, { defs: definitionsHelp(app, kind) })}\n`);
    app.action<PeriodOptions>(cmd, (ctx, opts) => periodReport(ctx, opts, kind));
  }
}

/** The figures' definitions for --help, with the default settings filled in. */
function definitionsHelp(app: App, kind: 'circular' | 'assess'): string {
  const s = DEFAULT_SETTINGS;
  const params = {
    floor: `${s.satisfactionFloor}%`,
    days: s.seriousOverdueWorkdays,
    ...s.satisfactionWeights,
    ...s.assessWeights,
  };
  const keys =
    kind === 'circular'
      ? ['received', 'growth', 'dispatchedSameDay', 'signedInTime', 'onTime', 'replyRate', 'satisfactionRate', 'satisfactionScore', 'returns', 'reworks', 'reminders', 'repeats', 'overdue', 'seriousOverdue', 'tui', 'score']
      : ['signedInTime', 'onTime', 'satisfactionScore', 'discipline', 'score'];
  return keys.map((k) => `  · ${app.t(`report.def.${k}`, params)}`).join('\n');
}
