// The import: city export files → validated rows → registered orders, in ONE write transaction
// for the whole command. One bad row and nothing is written (unless skipInvalid); a dry run does
// everything and rolls back. Rows stream through in chunks: memory does not grow with the file
// (numbers already seen in the file live in a temp table, not in a Map).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { Refusal } from '../domain/errors.js';
import type { OrderInput } from '../domain/order.js';
import { formatTime } from '../domain/time.js';
import {
  defaultProfile,
  headerIssues,
  mapHeaders,
  newValidateContext,
  openImport,
  validateRecord,
  type ImportFormat,
  type Issue,
  type Profile,
  type Reject,
} from '../io/import/index.js';
import { writeTransaction, type Db } from '../store/db.js';
import { categoryAliases, listCategories, townNames } from '../store/directory.js';
import { lastImportOf, markSeenNumbers, recordImport, resetSeenNumbers } from '../store/imports.js';
import { RepeatPool, registerBatch, type RegisterContext, type RegisterOutcome } from './register.js';

export interface ImportFileInput {
  /** A path, or '-' for the given stream (stdin). */
  path: string;
  stream?: NodeJS.ReadableStream;
  format: ImportFormat;
  encoding?: string;
  sheet?: string;
}

export interface ImportOptions {
  profile?: Profile;
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** Keep the numbers of the orders created (for auto-dispatch after the import). */
  collectCreated?: boolean;
  /** Called with (bytes read, total bytes) as the files are read. */
  onProgress?: (done: number, total: number) => void;
}

export interface FileSummary {
  file: string;
  format: ImportFormat;
  encoding: string | null;
  sheet: string | null;
  rows: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
  repeats: number;
  flagged: number;
  warnings: number;
  /** The same bytes were imported before (when and as which file). */
  importedBefore: { file: string; finishedAt: string } | null;
  sha256: string;
}

export interface ImportResult {
  files: FileSummary[];
  totals: Omit<FileSummary, 'file' | 'format' | 'encoding' | 'sheet' | 'importedBefore' | 'sha256'>;
  /** Every bad row, with the file it came from. */
  rejects: (Reject & { file: string })[];
  warnings: (Issue & { file: string })[];
  unknownTowns: string[];
  unknownCategories: string[];
  /** Numbers of the orders created (for --dispatch). */
  created: string[];
  written: boolean;
}

/** The file lacks required columns: no row can be read, so it is refused whole. */
export class HeaderRefusal extends Error {
  constructor(
    readonly file: string,
    readonly errors: Issue[],
  ) {
    super('header');
  }
}

/** Thrown inside the transaction to roll it back while keeping the result. */
class Rollback extends Error {
  constructor(readonly result: ImportResult) {
    super('rollback');
  }
}

const CHUNK = 500;
const MAX_KEPT_WARNINGS = 1000;

export async function importFiles(db: Db, inputs: ImportFileInput[], reg: RegisterContext, opts: ImportOptions = {}): Promise<ImportResult> {
  const towns = await townNames(db);
  // A category the city writes in full (an alias) is known too.
  const categories = new Set([...(await listCategories(db)).map((c) => c.name), ...(await categoryAliases(db)).keys()]);
  const totalBytes = inputs.reduce((n, i) => n + (i.path !== '-' ? safeSize(i.path) : 0), 0);
  let bytesDone = 0;
  const result: ImportResult = {
    files: [],
    totals: { rows: 0, new: 0, updated: 0, unchanged: 0, rejected: 0, repeats: 0, flagged: 0, warnings: 0 },
    rejects: [],
    warnings: [],
    unknownTowns: [],
    unknownCategories: [],
    created: [],
    written: false,
  };
  const unknownTowns = new Set<string>();
  const unknownCategories = new Set<string>();
  const startedAt = formatTime(reg.now);
  const pool = new RepeatPool();

  /** The file being read: a refusal from a reader (a broken XLSX, bad JSON) is given its name. */
  let current = '';
  const run = async (trx: Db): Promise<ImportResult> => {
    for (const input of inputs) {
      current = input.path;
      const hash = createHash('sha256');
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          bytesDone += chunk.length;
          opts.onProgress?.(bytesDone, totalBytes);
          cb(null, chunk);
        },
      });
      const bytes: NodeJS.ReadableStream = input.path === '-' ? input.stream! : fs.createReadStream(input.path);
      bytes.on('error', (e: Error) => counter.destroy(e));
      const source = await openImport({ stream: bytes.pipe(counter), format: input.format, encoding: input.encoding, sheet: input.sheet, profile: opts.profile });
      const summary: FileSummary = {
        file: input.path,
        format: input.format,
        encoding: source.encoding,
        sheet: source.sheet,
        rows: 0,
        new: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        repeats: 0,
        flagged: 0,
        warnings: 0,
        importedBefore: null,
        sha256: '',
      };
      result.files.push(summary);
      const keepWarning = (w: Issue): void => {
        summary.warnings++;
        if (result.warnings.length < MAX_KEPT_WARNINGS) result.warnings.push({ ...w, file: input.path });
      };
      const reject = (r: Reject): void => {
        summary.rejected++;
        result.rejects.push({ ...r, file: input.path });
      };
      try {
        const header = mapHeaders(source.headers, opts.profile ?? defaultProfile());
        const hi = headerIssues(header, source.headerLine);
        hi.warnings.forEach(keepWarning);
        if (hi.errors.length > 0 && source.headers.length > 0) {
          // Without the required columns no row can be read: the file is refused as a whole.
          throw new HeaderRefusal(input.path, hi.errors);
        }
        await resetSeenNumbers(trx);
        let chunk: { order: OrderInput; line: number; values: Record<string, string> }[] = [];
        let ctx = newValidateContext();
        const flush = async (): Promise<void> => {
          if (chunk.length === 0) return;
          const earlier = await markSeenNumbers(trx, chunk.map((c) => ({ no: c.order.no, line: c.line })));
          const good = chunk.filter((c) => {
            const first = earlier.get(c.order.no);
            if (first === undefined) return true;
            reject({ line: c.line, values: c.values, errors: [{ line: c.line, column: null, code: 'import.row.duplicateNo', params: { no: c.order.no, firstLine: first } }] });
            return false;
          });
          const outcomes = await registerBatch(trx, good.map((c) => c.order), reg, pool);
          count(summary, outcomes, opts.collectCreated ? result.created : null);
          chunk = [];
          ctx = newValidateContext();
        };
        for await (const rec of source.records) {
          summary.rows++;
          const v = validateRecord(rec, header.mapping, ctx);
          if (!v.ok) {
            reject({ line: rec.line, values: rec.values, errors: v.errors });
            continue;
          }
          v.warnings.forEach(keepWarning);
          if (v.order.town && !towns.has(v.order.town)) unknownTowns.add(v.order.town);
          if (v.order.category && !categories.has(v.order.category)) unknownCategories.add(v.order.category);
          chunk.push({ order: v.order, line: rec.line, values: rec.values });
          if (chunk.length >= CHUNK) await flush();
        }
        await flush();
      } finally {
        source.close();
      }
      summary.sha256 = hash.digest('hex');
      summary.importedBefore = (await lastImportOf(trx, summary.sha256)) ?? null;
    }
    for (const f of result.files) for (const k of Object.keys(result.totals) as (keyof ImportResult['totals'])[]) result.totals[k] += f[k];
    result.unknownTowns = [...unknownTowns].sort();
    result.unknownCategories = [...unknownCategories].sort();
    const refused = result.rejects.length > 0 && !opts.skipInvalid;
    if (refused || opts.dryRun) throw new Rollback(result);
    for (const f of result.files) {
      await recordImport(trx, { file: f.file, sha256: f.sha256, format: f.format, startedAt, finishedAt: formatTime(reg.now), actor: reg.actor, summary: f });
    }
    result.written = true;
    return result;
  };

  try {
    return await writeTransaction(db, run);
  } catch (e) {
    if (e instanceof Rollback) return e.result;
    if (e instanceof Refusal && current && e.params.file === undefined && e.params.path === undefined) throw new Refusal(e.code, { ...e.params, file: current });
    throw e;
  }
}

function count(s: FileSummary, outcomes: RegisterOutcome[], created: string[] | null): void {
  for (const o of outcomes) {
    if (o.kind === 'new') {
      s.new++;
      created?.push(o.no);
      if (o.repeatOf) s.repeats++;
    } else if (o.kind === 'updated') {
      s.updated++;
      if (o.flagged) s.flagged++;
    } else s.unchanged++;
  }
}

function safeSize(p: string): number {
  try {
    return fs.statSync(p).size;
  } catch {
    return 0;
  }
}
