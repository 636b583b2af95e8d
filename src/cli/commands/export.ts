// hotline export orders|replies|closures: files for upload to the city platform.
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { maskName, maskPersonal, maskPhone } from '../../domain/privacy.js';
import { atBeijing, formatTime, parseDay, parseTime } from '../../domain/time.js';
import { fileRefusal, openAtomic } from '../../io/atomic-file.js';
import { EXPORT_FORMATS, ORDER_EXPORT_KEYS, writeExport, type Column, type ExportFormat, type OrderExportKey } from '../../io/export.js';
import { exportClosures, exportOrders, exportReplies, type ClosureExportRow, type OrderExportRow, type ReplyExportRow } from '../../store/exports.js';
import { logUnmasked } from '../access.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';

const KINDS = ['orders', 'replies', 'closures'] as const;
type Kind = (typeof KINDS)[number];

export interface ExportOptions {
  since?: string;
  until?: string;
  format?: string;
  output?: string;
  force?: boolean;
  mask?: boolean;
}

/** A bound of the range: a bare date is that day's 00:00; a time as written. */
function bound(raw: string | undefined, flag: string, fallback: string): string {
  if (raw === undefined) return fallback;
  const day = parseDay(raw);
  if (day) return formatTime(atBeijing(day));
  const t = parseTime(raw);
  if (!t) throw new Refusal('export.badBound', { flag, value: raw });
  return formatTime(t);
}

export async function runExport(ctx: Context, opts: ExportOptions, args: string[]): Promise<void> {
  const kind = args[0] as Kind;
  if (!(KINDS as readonly string[]).includes(kind)) throw new Refusal('flag.badChoice', { flag: 'orders|replies|closures', value: kind, allowed: KINDS.join('|') });
  const format = (opts.format ?? (opts.output?.toLowerCase().split('.').pop() as string | undefined) ?? 'csv') as ExportFormat;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new Refusal('flag.badChoice', { flag: '--format', value: format, allowed: EXPORT_FORMATS.join('|') });
  if (format === 'xlsx' && !opts.output && ctx.term.isTTY) throw new Refusal('report.xlsxNeedsOutput');
  const since = bound(opts.since, '--since', '0000-01-01T00:00:00+08:00');
  // [since, until): a bare --until date means up to that day's 00:00.
  const until = bound(opts.until, '--until', formatTime(ctx.now()));
  if (until <= since) throw new Refusal('export.badRange', { since, until });
  const mask = opts.mask !== false;
  const t = (k: string) => ctx.term.t(`export.col.${k}`);
  const db = await ctx.db();
  if (!mask) await logUnmasked(ctx, 'export --no-mask', `export ${kind} [${since}, ${until}) → ${opts.output ?? 'stdout'}`);
  // A file is written whole or not at all (temp beside it, renamed at the end); stdout is watched
  // so a failed write there (file-size limit, disk full) is a message, not a crash or a hang.
  const file = opts.output ? openAtomic(opts.output, { force: opts.force }) : undefined;
  const out: Writable = file ? file.stream : ctx.term.streams.stdout;
  const swallow = (): void => undefined; // errors are read from the stream's state where written
  out.on('error', swallow);
  let n: number;
  try {
    if (kind === 'orders') {
      const value: Record<OrderExportKey, Column<OrderExportRow>['value']> = {
        no: (r) => r.no,
        receivedAt: (r) => r.receivedAt,
        channel: (r) => r.channel,
        type: (r) => r.type,
        category: (r) => r.category,
        urgency: (r) => r.urgency,
        citizen: (r) => r.citizen,
        phone: (r) => r.phone,
        address: (r) => r.address,
        town: (r) => r.town,
        title: (r) => r.title,
        content: (r) => r.content,
        status: (r) => r.status,
        dueAt: (r) => r.dueAt,
        leadUnit: (r) => r.leadUnit,
        coUnits: (r) => r.coUnits.join(','),
        returnCount: (r) => r.returnCount,
        reworkCount: (r) => r.reworkCount,
        satisfaction: (r) => r.satisfaction,
      };
      const columns: Column<OrderExportRow>[] = ORDER_EXPORT_KEYS.map((k) => ({ header: t(k), value: value[k] }));
      const rows = mapRows(exportOrders(db, since, until), (r) =>
        mask ? { ...r, citizen: maskName(r.citizen), phone: maskPhone(r.phone), title: maskPersonal(r.title), content: maskPersonal(r.content), instructions: maskPersonal(r.instructions ?? null) } : r,
      );
      n = await writeExport(out, format, columns, rows, kind);
    } else if (kind === 'replies') {
      const columns: Column<ReplyExportRow>[] = [
        { header: t('no'), value: (r) => r.no },
        { header: t('unit'), value: (r) => r.unit },
        { header: t('role'), value: (r) => r.role },
        { header: t('repliedAt'), value: (r) => r.repliedAt },
        { header: t('result'), value: (r) => r.result },
        { header: t('replyContent'), value: (r) => r.content },
        { header: t('handler'), value: (r) => r.handler },
        { header: t('signedBy'), value: (r) => r.signedBy },
        { header: t('status'), value: (r) => r.status },
      ];
      const rows = mapRows(exportReplies(db, since, until), (r) => (mask ? { ...r, content: maskPersonal(r.content) } : r));
      n = await writeExport(out, format, columns, rows, kind);
    } else {
      const columns: Column<ClosureExportRow>[] = [
        { header: t('no'), value: (r) => r.no },
        { header: t('unit'), value: (r) => r.unit },
        { header: t('approvedAt'), value: (r) => r.approvedAt },
        { header: t('closureReason'), value: (r) => r.reason },
        { header: t('explanation'), value: (r) => r.explanation },
        { header: t('approvedBy'), value: (r) => r.approvedBy },
      ];
      const rows = mapRows(exportClosures(db, since, until), (r) => (mask ? { ...r, explanation: maskPersonal(r.explanation) } : r));
      n = await writeExport(out, format, columns, rows, kind);
    }
  } catch (e) {
    await file?.abort();
    throw exportFailure(e, file?.target);
  } finally {
    out.off('error', swallow);
  }
  await file?.commit();
  ctx.term.ok('export.done', { count: n, kind: ctx.term.t(`export.kind.${kind}`), target: opts.output ?? 'stdout' });
  if (!mask) ctx.term.warn('export.unmasked');
}

/** A failed write as the user's message: the file named, or stdout; a closed pipe (| head) stays quiet. */
function exportFailure(e: unknown, target: string | undefined): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  // Only a system error (ENOSPC, EFBIG, EACCES …) is about the output; anything else is passed on.
  if (e instanceof Refusal || typeof code !== 'string' || !/^E[A-Z]+$/.test(code) || code === 'EPIPE') return e;
  return target ? fileRefusal(e, target) : new Refusal('file.stdoutFailed', { reason: (e as Error).message });
}

async function* mapRows<A, B>(rows: AsyncIterable<A>, f: (a: A) => B): AsyncGenerator<B> {
  for await (const r of rows) yield f(r);
}

export function register(program: Command, app: App): void {
  const cmd = app.command(program, 'export <orders|replies|closures>', 'export.description', [
    'hotline export orders --since 2026-11-01 --until 2026-12-01 --output 11月工单.csv',
    'hotline export replies --since 2026-11-23 --format xlsx --output 回复.xlsx',
    'hotline export closures --format json > closures.json',
    'hotline export orders --no-mask --output 含联系方式.csv',
  ]);
  cmd
    .addOption(app.option('--since <time>', 'export.opt.since'))
    .addOption(app.option('--until <time>', 'export.opt.until'))
    .addOption(app.option('--format <format>', 'export.opt.format', { allowed: EXPORT_FORMATS.join('|') }))
    .addOption(app.option('--output <file>', 'report.opt.output'))
    .addOption(app.option('--force', 'file.opt.force'))
    .addOption(app.option('--no-mask', 'export.opt.noMask'));
  app.action(cmd, runExport);
}
