// hotline import <file...|->: the city platform's export files (CSV UTF-8/GB18030, XLSX, JSON,
// Open311). Whole or nothing, idempotent, every bad row named by its line.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { isRefusal, Refusal } from '../../domain/errors.js';
import { checkTarget } from '../../io/atomic-file.js';
import { formatIssue, detectFormat, IMPORT_FORMATS, loadProfile, checkEncoding, writeRejectsCsv, RejectsSpool, type ImportFormat, type Profile } from '../../io/import/index.js';
import { dataPath } from '../../io/data.js';
import { autoDispatch } from '../../service/dispatch.js';
import { HeaderRefusal, importFiles, type ImportResult } from '../../service/import.js';
import { unitRefs } from '../../store/rules.js';
import { logUnmasked } from '../access.js';
import { boundHeap } from '../heap.js';
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
  allowEmpty?: boolean;
  /** false with --no-mask: the rejects file keeps names and phones in clear (logged). */
  mask?: boolean;
  json?: boolean;
  /** A directory to move each imported file to. */
  moveTo?: string;
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

export async function runImport(ctx: Context, opts: ImportOptions, args: string[]): Promise<number | void> {
  ctx.officeOnly('import'); // operators and roles (domain/auth.ts), when auth.required is on
  const t = ctx.term;
  if (opts.showProfile) {
    t.out(opts.profile ? JSON.stringify(readProfile(opts.profile), null, 2) : fs.readFileSync(dataPath('import-profile.json'), 'utf8'));
    return;
  }
  if (args.length === 0) throw new Refusal('import.noFiles');
  if (opts.moveTo && args.includes('-')) throw new Refusal('terminal.import.moveToStdin');
  if (!args.some(isDirectory)) {
    // Files named one by one: imported together, whole or nothing (then moved, with --move-to).
    const code = await importGroup(ctx, opts, args);
    if (!code && opts.moveTo && !opts.dryRun) for (const f of args) moveDone(f, opts.moveTo);
    return code;
  }
  // A directory (the city platform's inbox): every file in it, each on its own, so one bad file
  // does not hold back the others; each done file is moved to --move-to. An empty inbox is fine.
  const files = args.flatMap((a) => (isDirectory(a) ? filesIn(a) : [a]));
  const summaries: unknown[] = [];
  if (files.length === 0) {
    if (opts.json) t.json([]);
    t.say('terminal.import.emptyDir', { dirs: args.filter(isDirectory).join(', ') });
    return 0;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const code = await importGroup(ctx, opts, [file], summaries);
      if (code) failed++;
      else if (opts.moveTo && !opts.dryRun) moveDone(file, opts.moveTo);
    } catch (e) {
      if (!isRefusal(e)) throw e;
      failed++;
      const text = t.t(e.code, e.params);
      t.error(text.includes(file) ? text : `${file}: ${text}`);
    }
  }
  if (opts.json) t.json(summaries);
  if (failed > 0) {
    t.error(t.t('terminal.import.filesFailed', { failed, total: files.length }));
    return 1;
  }
}

function isDirectory(p: string): boolean {
  try {
    return p !== '-' && fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The files of a directory an import takes (by extension), in name order; hidden files skipped. */
function filesIn(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && !d.name.startsWith('.') && /\.(csv|txt|xlsx|xlsm|json)$/i.test(d.name))
    .map((d) => path.join(dir, d.name))
    .sort();
}

/** Move a done file into `dir` (created if needed); an existing name gets .1, .2, … */
function moveDone(file: string, dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const base = path.basename(file);
    let target = path.join(dir, base);
    for (let i = 1; fs.existsSync(target); i++) target = path.join(dir, `${base}.${i}`);
    try {
      fs.renameSync(file, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      fs.copyFileSync(file, target);
      fs.unlinkSync(file);
    }
  } catch {
    throw new Refusal('terminal.import.cannotMove', { file, dir });
  }
}

/**
 * Import these files together (whole or nothing); the exit code. `summaries`: collect the --json
 * summary there instead of printing it (a directory prints one array).
 */
async function importGroup(ctx: Context, opts: ImportOptions, files: string[], summaries?: unknown[]): Promise<number | void> {
  const t = ctx.term;
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
  // Bad rows go to the rejects file as they come (a spool, so memory does not grow with them);
  // the file is written only when rows were actually imported (never on --dry-run).
  const rejectsFile = opts.skipInvalid && !opts.dryRun ? (opts.rejects ?? defaultRejectsFile(files[0]!)) : null;
  if (rejectsFile) checkTarget(path.resolve(rejectsFile), { force: true }); // a symlink or a folder: refused before importing
  const unmasked = opts.mask === false;
  if (unmasked && rejectsFile) await logUnmasked(ctx, 'import --no-mask', `rejects file ${path.resolve(rejectsFile)} (${files.join(', ')})`);
  const spool = rejectsFile ? new RejectsSpool() : null;
  const progress = await progressBar(ctx);
  let result: ImportResult;
  const heap = boundHeap();
  try {
    try {
      result = await importFiles(
        db,
        inputs,
        { settings: await ctx.settings(), calendar: await ctx.calendar(), actor: ctx.operator, now: ctx.now(), units: await unitRefs(db) },
        {
          profile,
          dryRun: opts.dryRun,
          skipInvalid: opts.skipInvalid,
          collectCreated: opts.dispatch,
          allowEmpty: opts.allowEmpty,
          unmasked,
          onReject: spool ? (r) => spool.add(r) : undefined,
          onProgress: (done, total) => {
            heap.check();
            progress?.update(done, total);
          },
          // The write phase needs the database's page cache: phase 1's garbage goes first.
          betweenPhases: async () => heap.collect(),
        },
      );
    } catch (e) {
      if (e instanceof HeaderRefusal) {
        progress?.stop();
        for (const issue of e.errors) t.error(`${e.file}: ${formatIssue(issue, (k, p) => t.t(k, p))}`);
        throw new Refusal('import.headerRefused', { file: e.file });
      }
      // Every import error names its file (a broken XLSX or JSON too).
      if (isRefusal(e) && e.params.file !== undefined && !t.t(e.code, e.params).includes(String(e.params.file)))
        throw new Refusal('terminal.import.inFile', { file: e.params.file, message: t.t(e.code, e.params) });
      throw e;
    } finally {
      progress?.stop();
    }

    const translate = (k: string, p: Record<string, string | number>) => t.t(k, p);
    const rejected = result.totals.rejected;
    const refused = rejected > 0 && !opts.skipInvalid;
    if (rejected > 0) {
      const shown = refused || !rejectsFile ? result.rejects.slice(0, SHOW_ERRORS) : [];
      for (const r of shown) {
        const where = files.length > 1 ? `${r.file}:${r.line}` : `${r.file}: ${t.t('import.issue.atLine', { line: r.line, reason: '' }).trim()}`;
        t.error(`${where} ${r.errors.map((e) => formatIssue(e, translate)).join('；')}`);
      }
      if (shown.length < rejected && (refused || !rejectsFile)) t.say('import.moreErrors', { count: rejected - shown.length });
    }
    if (rejectsFile && spool && spool.count > 0 && result.written) {
      await writeRejectsCsv(rejectsFile, spool.rows(), translate, spool.columns);
      t.warn('import.rejectsWritten', { count: spool.count, path: rejectsFile });
    }
    return await finish(ctx, opts, files, result, refused, translate, summaries);
  } finally {
    spool?.dispose();
    heap.stop();
  }
}

async function finish(
  ctx: Context,
  opts: ImportOptions,
  files: string[],
  result: ImportResult,
  refused: boolean,
  translate: (k: string, p: Record<string, string | number>) => string,
  summaries?: unknown[],
): Promise<number | void> {
  const t = ctx.term;
  for (const w of result.warnings.slice(0, 20)) t.warn('import.warningLine', { line: w.line, reason: formatIssue(w, translate) });
  if (result.totals.warnings > 20) t.say('import.moreWarnings', { count: result.totals.warnings - 20 });
  if (result.unknownTowns.length) t.warn('import.unknownTowns', { towns: result.unknownTowns.join('、') });
  if (result.unknownCategories.length) t.warn('import.unknownCategories', { categories: result.unknownCategories.join('、') });

  // --dispatch: the file's orders still pending and never dispatched, whether this run or an
  // earlier, interrupted one registered them (a re-run of the same file resumes).
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
    errors: result.rejects.map((r) => ({ file: r.file, line: r.line, errors: r.errors.map((e) => ({ column: e.column, code: e.code, message: formatIssue(e, translate) })) })),
  };
  if (summaries) summaries.push(summary);
  else if (opts.json) t.json(summary);
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
    t.error(t.t('import.refused', { count: result.totals.rejected }));
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
  if (!ctx.term.stderrIsTTY || ctx.term.quiet) return undefined; // --quiet: not even a progress bar
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
    'hotline --quiet import /srv/12345/inbox --move-to /srv/12345/done --dispatch',
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
    .addOption(app.option('--allow-empty', 'input.opt.allowEmpty'))
    .addOption(app.option('--move-to <dir>', 'terminal.import.opt.moveTo'))
    .addOption(app.option('--no-mask', 'input.opt.noMaskRejects'))
    .addOption(app.jsonOption());
  app.action(cmd, runImport);
}
