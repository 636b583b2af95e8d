// hotline overdue, hotline report daily|circular|assess: what cron runs and the leadership reads.
// Every figure is defined once in src/domain/figures.ts; this file only picks the period, loads
// what the figures need from the store, and renders.
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { DEFAULT_SETTINGS } from '../../domain/settings.js';
import { DUE_LEVELS } from '../../domain/due.js';
import { formatTime } from '../../domain/time.js';
import { circularDocument } from '../../service/circular.js';
import { page } from '../pager.js';
import { writeFileAtomic } from '../../io/atomic-file.js';
import { render, REPORT_FORMATS, type AnyReport, type ReportFormat } from '../../io/render/index.js';
import { assessReport, dailyReportFor, overdueWatch } from '../../service/reports.js';
import type { App } from '../app.js';
import { pickFields } from '../fields.js';
import type { Context } from '../context.js';

interface OutputOptions {
  format?: string;
  json?: boolean;
  output?: string;
  wide?: boolean;
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
  const width = ctx.term.isTTY ? ctx.term.streams.stdout.columns : undefined;
  let body = await render(report, format, ctx.term.lang, { color: ctx.term.color && !opts.output, office: ctx.term.t('report.office'), width, wide: opts.wide });
  // --fields: as for every --json (overdue rows keep only those fields; a report its top-level ones).
  if (format === 'json' && ctx.term.fields && typeof body === 'string') body = `${JSON.stringify(pickFields(JSON.parse(body), ctx.term.fields), null, 2)}\n`;
  if (opts.output) {
    await writeFileAtomic(opts.output, body, { force: opts.force });
    ctx.term.ok('report.written', { path: opts.output });
    return;
  }
  if (typeof body === 'string' && format === 'table') await page(ctx.term, body);
  else if (typeof body === 'string') ctx.term.out(body);
  else ctx.term.streams.stdout.write(body);
}

// ---- overdue ------------------------------------------------------------------------------------

interface OverdueOptions extends OutputOptions {
  asOf?: string;
  unit?: string;
  level?: string;
  exitCode?: boolean;
}

export async function runOverdue(ctx: Context, opts: OverdueOptions): Promise<number> {
  const levels = opts.level ? opts.level.split(/[,，\s]+/).filter(Boolean) : undefined;
  const { asOf, rows } = await overdueWatch(await ctx.reportContext(), { asOf: opts.asOf, unit: opts.unit, levels });
  const late = rows.filter((r) => r.level !== 'due_soon').length;
  // On a terminal the watch is read unit by unit (who to phone): group the rows by lead unit,
  // orders nobody has yet (still with the office) first; scripts get the severity order.
  if (formatOf(opts) === 'table' && rows.length > 1) {
    const rank = { serious: 0, overdue: 1, due_soon: 2 } as const;
    // The units in localeCompare's order, each compared once (a few dozen units, thousands of rows;
    // no collator at all for an empty watch: ICU's collation data takes ms to load); units the
    // collator holds equal share a place. The sort is stable, as before.
    const compare = new Intl.Collator().compare;
    const units = [...new Set(rows.map((r) => r.leadUnit ?? ''))].sort(compare);
    const place = new Map<string, number>();
    units.forEach((u, i) => place.set(u, i > 0 && compare(units[i - 1]!, u) === 0 ? place.get(units[i - 1]!)! : i));
    rows.sort((a, b) => place.get(a.leadUnit ?? '')! - place.get(b.leadUnit ?? '')! || rank[a.level] - rank[b.level] || b.overdueWorkdays - a.overdueWorkdays);
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
  draft?: boolean;
}

async function periodReport(ctx: Context, opts: PeriodOptions, kind: 'circular' | 'assess'): Promise<void> {
  const c = await ctx.reportContext();
  const q = { from: opts.from, to: opts.to, asOf: opts.asOf };
  // The circular is a document: the service adds its number, hot topics, themes, praise and accountability.
  if (kind === 'circular') return emit(ctx, await circularDocument({ ...c, actor: ctx.operator }, { ...q, draft: opts.draft }), opts);
  await emit(ctx, await assessReport(c, q), opts);
}

interface DailyOptions extends OutputOptions {
  date?: string;
  asOf?: string;
}

async function runDaily(ctx: Context, opts: DailyOptions): Promise<void> {
  await emit(ctx, await dailyReportFor(await ctx.reportContext(), { date: opts.date, asOf: opts.asOf }), opts);
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
    .addOption(app.option('--level <level,...>', 'overdue.opt.level', { allowed: DUE_LEVELS.join('|') }))
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
    if (kind === 'circular') cmd.addOption(app.option('--wide', 'report.opt.wide')).addOption(app.option('--draft', 'report.opt.draft'));
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
    min: s.rankingMinimum,
  };
  const keys =
    kind === 'circular'
      ? ['received', 'growth', 'dispatchedSameDay', 'signedInTime', 'firstContact', 'onTime', 'replyRate', 'responseRate', 'resolutionRate', 'satisfactionRate', 'satisfactionScore', 'returns', 'reworks', 'reminders', 'repeats', 'overdue', 'seriousOverdue', 'tui', 'score', 'pending']
      : ['signedInTime', 'onTime', 'satisfactionScore', 'discipline', 'score', 'pending'];
  return keys.map((k) => `  · ${app.t(`report.def.${k}`, params)}`).join('\n');
}
