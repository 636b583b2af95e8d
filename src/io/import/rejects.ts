// The rejects file of `import --skip-invalid --rejects <file>`: the bad rows with their original
// columns, the line they came from and why they were refused, as a CSV Excel opens (UTF-8 + BOM).
import fs from 'node:fs';
import os from 'node:os';
import { fileRefusal, openAtomic, type AtomicOptions } from '../atomic-file.js';
import path from 'node:path';
import readline from 'node:readline';
import { once } from 'node:events';
import { maskName, maskPersonal, maskPhone } from '../../domain/privacy.js';
import { MAX_CELL_CHARS } from '../../domain/intake.js';
import type { Field, Issue } from './types.js';

/** Renders a message key with its parameters (the CLI passes its catalogue's translate). */
export type Translate = (key: string, params: Record<string, string | number>) => string;

export interface Reject {
  line: number;
  values: Record<string, string>;
  errors: Issue[];
}

/**
 * One issue as a sentence (without its line). When it concerns a column the sentence does not
 * already name, the column is put in front ('import.issue.inColumn': "来电时间：无法识别的受理时间…").
 */
export function formatIssue(issue: Issue, translate: Translate): string {
  const reason = translate(issue.code, { ...issue.params, column: issue.column ?? '' });
  if (issue.column === null || issue.column === '' || reason.includes(issue.column)) return reason;
  return translate('import.issue.inColumn', { column: issue.column, reason });
}

/** A CSV field, quoted when it needs to be (comma, quote, line break, or surrounding spaces). */
export function csvField(v: string): string {
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Write the rejects CSV: UTF-8 with BOM, CRLF line ends; columns 行号, the original columns (`columns`,
 * else every key of the rejects in first-seen order), 错误原因 (the reasons joined with '；').
 * The two added column names are fixed Chinese (the file is for the office's Excel); the default
 * profile ignores them, so a corrected rejects file can be imported again as it is.
 */
export async function writeRejectsCsv(
  target: string,
  rejects: Reject[] | AsyncIterable<Reject>,
  translate: Translate,
  columns?: string[],
  options: AtomicOptions = { force: true },
): Promise<void> {
  const cols: string[] = columns ? [...columns] : [];
  if (!columns && Array.isArray(rejects)) {
    const seen = new Set<string>();
    for (const r of rejects) for (const k of Object.keys(r.values)) if (!seen.has(k)) (seen.add(k), cols.push(k));
  }
  // The rejects file is this import's by-product, rewritten by every run: replaced without
  // --force, but atomically, owner-only, and never through a symlink (io/atomic-file.ts).
  const w = openAtomic(target, options);
  const out = w.stream;
  const write = async (s: string): Promise<void> => {
    if (!out.write(s)) await once(out, 'drain');
  };
  try {
    await write('\uFEFF' + ['行号', ...cols, '错误原因'].map(csvField).join(',') + '\r\n');
    for await (const r of rejects) {
      const reasons = r.errors.map((e) => formatIssue(e, translate)).join('；');
      await write([String(r.line), ...cols.map((c) => r.values[c] ?? ''), reasons].map(csvField).join(',') + '\r\n');
    }
  } catch (e) {
    await w.abort();
    throw fileRefusal(e, w.target);
  }
  await w.commit();
}

/**
 * A bad row's values as the rejects file may hold them: the citizen's name and phone masked
 * (张*, 138****1234) and numbers inside free text masked (maskPersonal), unless `mask` is false
 * (`import --no-mask`, logged); a cell over the size limit is not kept at all.
 */
export function rejectValues(values: Record<string, string>, fieldOf: (header: string) => Field | undefined, mask: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [h, v] of Object.entries(values)) {
    if (v.length > MAX_CELL_CHARS) {
      out[h] = '';
      continue;
    }
    if (!mask) out[h] = v;
    else {
      const f = fieldOf(h);
      out[h] = (f === 'citizen' ? maskName(v) : f === 'phone' ? maskPhone(v) : maskPersonal(v)) ?? '';
    }
  }
  return out;
}

/**
 * The bad rows of an import, spooled to a private temp file as they come (one JSON line each) so
 * that memory does not grow with them; the rejects CSV is then written from it. The columns are
 * every header met, in first-seen order.
 */
export class RejectsSpool {
  readonly columns: string[] = [];
  private readonly seen = new Set<string>();
  private readonly dir: string;
  private readonly file: string;
  private fd: number | null;
  count = 0;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-rejects-'));
    this.file = path.join(this.dir, 'rejects.jsonl');
    this.fd = fs.openSync(this.file, 'w', 0o600);
  }

  add(r: Reject): void {
    for (const k of Object.keys(r.values)) if (!this.seen.has(k)) (this.seen.add(k), this.columns.push(k));
    fs.writeSync(this.fd!, `${JSON.stringify(r)}\n`);
    this.count++;
  }

  async *rows(): AsyncGenerator<Reject> {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    const lines = readline.createInterface({ input: fs.createReadStream(this.file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as Reject;
  }

  dispose(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
