// hotline import <file...|->: the city platform's export files (CSV UTF-8/GB18030, XLSX, JSON,
// Open311). Whole or nothing, idempotent, every bad row named by its line.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { formatIssue, detectFormat, IMPORT_FORMATS, loadProfile, checkEncoding, writeRejectsCsv, type ImportFormat, type Profile } from '../../io/import/index.js';
import { dataPath } from '../../io/data.js';
import { autoDispatch } from '../../service/dispatch.js';
import { HeaderRefusal, importFiles, type ImportResult } from '../../service/import.js';
import { boundHeap } from '../heap.js';
import { unitCodes } from '../../store/rules.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import { printTable } from '../output.js';

export interface ImportOptions {
  format?: string;
  encoding?: string;
  sheet?: string;
  profile?: string;
  showProfile?: boolean;
  dryRun?: boolean;
  skipInvalid?: boolean;
  rejects?: string;
  dispatch?: boolean;
  json?: boolean;
}

/** How many bad rows a terminal lists before saying "and N more" (the rejects file has them all). */
const SHOW_ERRORS = 50;

function readProfile(file: string): Profile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Refusal((e as NodeJS.ErrnoException).code ? 'file.cannotRead' : 'import.profileNotJson', { path: file });
  }
  const r = loadProfile(json);
  if (!r.ok) throw new Refusal(r.errors[0]!.code, { ...r.errors[0]!.params, path: file });
  return r.profile;
}

function formatOf(file: string, flag: string | undefined): ImportFormat {
  if (flag) {
    if (!(IMPORT_FORMATS as readonly string[]).includes(flag)) throw new Refusal('import.badFormat', { value: flag, allowed: IMPORT_FORMATS.join('|') });
    return flag as ImportFormat;
  }
  if (file === '-') throw new Refusal('import.stdinNeedsFormat');
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    head = Buffer.alloc(4096);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    head = head.subarray(0, n);
  } catch {
    throw new Refusal('file.cannotRead', { path: file });
  }
  const f = detectFormat(file, head);
  if (!f) throw new Refusal('import.format.unknown', { path: file, file, allowed: IMPORT_FORMATS.join('|') });
  return f;
}

export async function runImport(ctx: Context, opts: ImportOptions, files: string[]): Promise<number | void> {
  const t = ctx.term;
  if (opts.showProfile) {
    t.out(opts.profile ? JSON.stringify(readProfile(opts.profile), null, 2) : fs.readFileSync(dataPath('import-profile.json'), 'utf8'));
    return;
  }
  if (files.length === 0) throw new Refusal('import.noFiles');
  if (files.filter((f) => f === '-').length > 1) throw new Refusal('import.stdinOnce');
  if (opts.rejects && !opts.skipInvalid) throw new Refusal('import.rejectsNeedsSkip');
  if (opts.encoding && !checkEncoding(opts.encoding)) throw new Refusal('import.badEncoding', { value: opts.encoding });
  const profile = opts.profile ? readProfile(opts.profile) : undefined;
  const inputs = files.map((f) => ({
    path: f,
    stream: f === '-' ? t.streams.stdin : undefined,
    format: formatOf(f, opts.format),
    encoding: opts.encoding ? checkEncoding(opts.encoding)! : undefined,
    sheet: opts.sheet,
  }));
  const db = await ctx.db();
  const progress = await progressBar(ctx);
  let result: ImportResult;
  const unbound = boundHeap();
  try {
    result = await importFiles(
      db,
      inputs,
      { settings: await ctx.settings(), calendar: await ctx.calendar(), actor: ctx.operator, now: ctx.now(), units: await unitCodes(db) },
      { profile, dryRun: opts.dryRun, skipInvalid: opts.skipInvalid, collectCreated: opts.dispatch, onProgress: progress?.update },
    );
  } catch (e) {
    if (e instanceof HeaderRefusal) {
      progress?.stop();
      for (const issue of e.errors) t.error(`${e.file}: ${formatIssue(issue, (k, p) => t.t(k, p))}`);
      throw new Refusal('import.headerRefused', { file: e.file });
    }
    throw e;
  } finally {
    progress?.stop();
    unbound();
  }

  const translate = (k: string, p: Record<string, string | number>) => t.t(k, p);
  const refused = result.rejects.length > 0 && !opts.skipInvalid;
  if (result.rejects.length > 0) {
    const shown = refused || !opts.rejects ? result.rejects.slice(0, SHOW_ERRORS) : [];
    for (const r of shown) {
      const where = files.length > 1 ? `${r.file}:${r.line}` : t.t('import.issue.atLine', { line: r.line, reason: '' }).trim();
      t.error(`${where} ${r.errors.map((e) => formatIssue(e, translate)).join('；')}`);
    }
    if (shown.length < result.rejects.length && (refused || !opts.rejects)) t.say('import.moreErrors', { count: result.rejects.length - shown.length });
  }
  if (opts.skipInvalid && result.rejects.length > 0) {
    const rejectsFile = opts.rejects ?? defaultRejectsFile(files[0]!);
    await writeRejectsCsv(rejectsFile, result.rejects, translate); // refusals name the file
    t.warn('import.rejectsWritten', { count: result.rejects.length, path: rejectsFile });
  }
  for (const w of result.warnings.slice(0, 20)) t.warn('import.warningLine', { line: w.line, reason: formatIssue(w, translate) });
  if (result.totals.warnings > 20) t.say('import.moreWarnings', { count: result.totals.warnings - 20 });
  if (result.unknownTowns.length) t.warn('import.unknownTowns', { towns: result.unknownTowns.join('、') });
  if (result.unknownCategories.length) t.warn('import.unknownCategories', { categories: result.unknownCategories.join('、') });

  let dispatched = 0;
  if (opts.dispatch && result.written && result.created.length > 0) {
    dispatched = (await autoDispatch(await ctx.actContext(), result.created)).results.length;
  }

  const summary = {
    written: result.written,
    dryRun: Boolean(opts.dryRun),
    ...result.totals,
    autoDispatched: dispatched,
    files: result.files.map((f) => ({ ...f, sha256: undefined })),
    unknownTowns: result.unknownTowns,
    unknownCategories: result.unknownCategories,
    errors: result.rejects.slice(0, 1000).map((r) => ({ file: r.file, line: r.line, errors: r.errors.map((e) => ({ column: e.column, code: e.code, message: formatIssue(e, translate) })) })),
  };
  if (opts.json) t.json(summary);
  if (t.isTTY && !opts.json && result.files.length > 1) {
    printTable(
      t,
      ['import.col.file', 'import.col.rows', 'import.col.new', 'import.col.updated', 'import.col.unchanged', 'import.col.rejected'],
      result.files.map((f) => [path.basename(f.file), f.rows, f.new, f.updated, f.unchanged, f.rejected]),
    );
  }
  for (const f of result.files) if (f.importedBefore && f.new === 0 && f.updated === 0) t.say('import.sameFile', { file: f.file, when: f.importedBefore.finishedAt.slice(0, 16).replace('T', ' ') });
  const counts = { ...result.totals, dispatched };
  if (refused) {
    t.error(t.t('import.refused', { count: result.rejects.length }));
    return 1;
  }
  if (opts.dryRun) t.ok('import.summaryDry', counts);
  else t.ok('import.summary', counts);
  if (result.totals.flagged > 0) t.warn('import.flaggedHint', { count: result.totals.flagged });
}

function defaultRejectsFile(first: string): string {
  const base = first === '-' ? 'stdin' : path.basename(first).replace(/\.[^.]+$/, '');
  return path.resolve(`${base}.rejects.csv`);
}

async function progressBar(ctx: Context): Promise<{ update: (done: number, total: number) => void; stop: () => void } | undefined> {
  if (!ctx.term.stderrIsTTY) return undefined;
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar({ stream: ctx.term.streams.stderr as NodeJS.WritableStream, format: `${ctx.term.t('import.progress')} [{bar}] {percentage}% {value}/{total} MB`, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
  let started = false;
  let last = 0;
  return {
    update(done, total) {
      if (total <= 0) return;
      const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
      if (!started) {
        bar.start(mb(total), 0);
        started = true;
      }
      if (done - last > 262144 || done === total) {
        bar.update(mb(done));
        last = done;
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

export function register(program: Command, app: App): void {
  const cmd = app.command(program, 'import [file...]', 'import.description', [
    'hotline import data/samples/orders.csv',
    'hotline import 工单导出.xlsx --dry-run',
    'hotline import 导出1.csv 导出2.csv --skip-invalid --rejects 退回行.csv',
    'cat orders.json | hotline import - --format json --json',
    'hotline import --show-profile > 我的模板.json',
  ]);
  cmd
    .addOption(app.option('--format <format>', 'import.opt.format', { allowed: IMPORT_FORMATS.join('|') }))
    .addOption(app.option('--encoding <name>', 'import.opt.encoding'))
    .addOption(app.option('--sheet <name>', 'import.opt.sheet'))
    .addOption(app.option('--profile <file>', 'import.opt.profile'))
    .addOption(app.option('--show-profile', 'import.opt.showProfile'))
    .addOption(app.option('--dry-run', 'opt.dryRun'))
    .addOption(app.option('--skip-invalid', 'import.opt.skipInvalid'))
    .addOption(app.option('--rejects <file>', 'import.opt.rejects'))
    .addOption(app.option('--dispatch', 'import.opt.dispatch'))
    .addOption(app.jsonOption());
  app.action(cmd, runImport);
}
