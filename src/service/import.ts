// The import: city export files → validated rows → registered orders. Two phases (finding 8):
// 1. outside the write lock: read, validate, find duplicates and work out every registration
//    against a snapshot of the database, staging the writes in temp tables (store/imports.ts);
// 2. one short write transaction: orders someone else touched meanwhile are worked out again,
//    the rest is written from the stage as it was staged (the new rows with one INSERT … SELECT),
//    the import is recorded.
// One bad row and nothing is written (unless skipInvalid); a dry run stops after phase 1. Rows
// stream through in chunks: memory does not grow with the file (numbers seen, staged writes and
// bad rows live in temp tables or a spool file; only the first MAX_KEPT_REJECTS bad rows are kept).
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
  rejectValues,
  validateRecord,
  type ImportFormat,
  type Issue,
  type Profile,
  type Reject,
} from '../io/import/index.js';
import { asImportWrite, writeTransaction, type Db } from '../store/db.js';
import { categoryAliases, listCategories, townNames } from '../store/directory.js';
import { ImportStage, lastEventId, lastImportOf, recordImport, stagingTransaction, type StagedConflict, type StagedOrder } from '../store/imports.js';
import { factValues } from '../store/facts.js';
import { eventValues, newOrderValues, savedOrderValues } from '../store/orders.js';
import { RepeatPool, registerBatch, type RegisterContext, type RegisterOutcome, type RegisterSink } from './register.js';

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
  /** List the file's orders still pending and never dispatched (`--dispatch`; a re-run resumes). */
  collectCreated?: boolean;
  /** A file without a single row is refused unless this is set (`--allow-empty`). */
  allowEmpty?: boolean;
  /** Every bad row, as it comes, values masked unless `unmasked` (the rejects file's spool). */
  onReject?: (r: Reject & { file: string }) => void;
  /** Hand bad rows' names and phones to onReject unmasked (`import --no-mask`). */
  unmasked?: boolean;
  /** Called between the two phases, outside any lock (the CLI collects phase 1's garbage; tests change the database here). */
  betweenPhases?: () => Promise<void>;
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
  /** The first MAX_KEPT_REJECTS bad rows, with the file they came from (values left out); totals.rejected counts them all. */
  rejects: (Reject & { file: string })[];
  warnings: (Issue & { file: string })[];
  unknownTowns: string[];
  unknownCategories: string[];
  /** --dispatch: the file's orders that are pending and were never dispatched (created now or by an earlier run). */
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

const CHUNK = 500;
/** A chunk is also cut when its rows hold this many characters (rows of big cells). */
const CHUNK_CHARS = 4_000_000;
const MAX_KEPT_WARNINGS = 1000;
/** Bad rows kept in memory for the message and --json; the rejects file gets every one. */
export const MAX_KEPT_REJECTS = 300;

/**
 * Where registration writes in phase 1: the import's stage (store/imports.ts), written in phase 2.
 * A new order is kept as the values it is staged with from the moment it is worked out, so its
 * state and events objects are garbage at once rather than held to the end of the batch.
 */
function stagingSink(stage: ImportStage, fileIndex: () => number): RegisterSink {
  let pending: StagedOrder[] = [];
  return {
    add(o) {
      pending.push({
        kind: 'insert',
        fileIndex: fileIndex(),
        flagged: false,
        row: newOrderValues(o),
        events: o.events.map(eventValues),
        facts: factValues(o.input.no, o.state, { category: o.input.category ?? null, town: o.input.town ?? null }),
      });
    },
    async flush(db) {
      const orders = pending;
      pending = [];
      await stage.add(db, orders);
    },
    async save(db, no, state, events, now, extra) {
      await stage.add(db, [
        {
          kind: 'save',
          fileIndex: fileIndex(),
          flagged: extra.flagged,
          row: savedOrderValues(no, state, events, now, extra.input, extra.sourceHash),
          events: events.map(eventValues),
          facts: factValues(no, state, { category: extra.input.category ?? null, town: extra.input.town ?? null }),
        },
      ]);
    },
  };
}

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
  let fileIndex = 0;
  /** Orders to work out inside the write lock (phase 2), in file order. */
  const again: { input: OrderInput; fileIndex: number }[] = [];

  // ---- phase 1: no write lock ----
  const stage = await ImportStage.open(db);
  const pool = new RepeatPool((conn, phones, from, to) => stage.byPhone(conn, phones, from, to));
  const sink = stagingSink(stage, () => fileIndex);
  const snapshot = await lastEventId(db);
  for (const [index, input] of inputs.entries()) {
    fileIndex = index;
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
    const source = await withFile(input.path, () => openImport({ stream: bytes.pipe(counter), format: input.format, encoding: input.encoding, sheet: input.sheet, profile: opts.profile }));
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
    try {
      const header = mapHeaders(source.headers, opts.profile ?? defaultProfile());
      const fieldOf = (h: string) => header.mapping.get(h);
      const reject = (r: Reject): void => {
        summary.rejected++;
        if (result.rejects.length < MAX_KEPT_REJECTS) result.rejects.push({ line: r.line, values: {}, errors: r.errors, file: input.path });
        opts.onReject?.({ line: r.line, values: rejectValues(r.values, fieldOf, !opts.unmasked), errors: r.errors, file: input.path });
      };
      const hi = headerIssues(header, source.headerLine);
      hi.warnings.forEach(keepWarning);
      if (hi.errors.length > 0 && source.headers.length > 0) {
        // Without the required columns no row can be read: the file is refused as a whole.
        throw new HeaderRefusal(input.path, hi.errors);
      }
      let chunk: { order: OrderInput; line: number; values: Record<string, string> }[] = [];
      let chunkChars = 0;
      let ctx = newValidateContext(reg.now);
      const flush = async (): Promise<void> => {
        if (chunk.length === 0) return;
        const outcomes = await stagingTransaction(db, async (conn) => {
          const earlier = await stage.markNumbers(conn, index, chunk.map((c) => ({ no: c.order.no, line: c.line })));
          const good = chunk.filter((c) => {
            const first = earlier.get(c.order.no);
            if (first === undefined) return true;
            reject({ line: c.line, values: c.values, errors: [{ line: c.line, column: null, code: 'import.row.duplicateNo', params: { no: c.order.no, firstLine: first } }] });
            return false;
          });
          // A number an earlier file of this import registered: worked out in phase 2, after it.
          const staged = index > 0 ? await stage.staged(conn, good.map((c) => c.order.no)) : new Set<string>();
          for (const c of good) if (staged.has(c.order.no)) again.push({ input: c.order, fileIndex: index });
          return registerBatch(conn, good.filter((c) => !staged.has(c.order.no)).map((c) => c.order), reg, pool, sink);
        });
        count(summary, outcomes);
        chunk = [];
        chunkChars = 0;
        ctx = newValidateContext(reg.now);
      };
      await withFile(input.path, async () => {
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
          for (const h in rec.values) chunkChars += rec.values[h]!.length;
          if (chunk.length >= CHUNK || chunkChars >= CHUNK_CHARS) await flush();
        }
        await flush();
      });
    } finally {
      source.close();
    }
    // An empty file (no rows at all: empty, header only, `[]`) is most likely a truncated export.
    if (summary.rows === 0 && !opts.allowEmpty) throw new Refusal('input.emptyFile', { file: input.path });
    summary.sha256 = hash.digest('hex');
    summary.importedBefore = (await lastImportOf(db, summary.sha256)) ?? null;
  }
  const refused = result.files.some((f) => f.rejected > 0) && !opts.skipInvalid;

  // ---- phase 2: the write lock, briefly ----
  if (!refused && !opts.dryRun) {
    await opts.betweenPhases?.();
    await asImportWrite(db, () => writeTransaction(db, async (trx) => {
      // Someone else created or changed these orders since the snapshot: worked out again below.
      for (const c of await stage.write(trx, snapshot)) {
        untally(result.files[c.fileIndex]!, c);
        again.push({ input: c.input, fileIndex: c.fileIndex });
      }
      for (const [index] of inputs.entries()) {
        const mine = again.filter((a) => a.fileIndex === index).map((a) => a.input);
        if (mine.length > 0) count(result.files[index]!, await registerBatch(trx, mine, reg, new RepeatPool()));
      }
      for (const f of result.files) {
        await recordImport(trx, { file: f.file, sha256: f.sha256, format: f.format, startedAt, finishedAt: formatTime(reg.now), actor: reg.actor, summary: f });
      }
    }));
    result.written = true;
    if (opts.collectCreated) result.created = await stage.pendingUndispatched(db);
  }
  for (const f of result.files) for (const k of Object.keys(result.totals) as (keyof ImportResult['totals'])[]) result.totals[k] += f[k];
  result.unknownTowns = [...unknownTowns].sort();
  result.unknownCategories = [...unknownCategories].sort();
  await stage.close(db);
  return result;
}

/** A refusal from reading a file names the file. */
async function withFile<T>(file: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Refusal && !('file' in e.params)) throw new Refusal(e.code, { ...e.params, file });
    throw e;
  }
}

function untally(s: FileSummary, c: StagedConflict): void {
  if (c.kind === 'insert') {
    s.new--;
    if (c.repeat) s.repeats--;
  } else {
    s.updated--;
    if (c.flagged) s.flagged--;
  }
}

function count(s: FileSummary, outcomes: RegisterOutcome[]): void {
  for (const o of outcomes) {
    if (o.kind === 'new') {
      s.new++;
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
