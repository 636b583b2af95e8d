// The rejects file of `import --skip-invalid --rejects <file>`: the bad rows with their original
// columns, the line they came from and why they were refused, as a CSV Excel opens (UTF-8 + BOM).
import { once } from 'node:events';
import { fileRefusal, openAtomic } from '../atomic-file.js';
import type { Issue } from './types.js';

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
  path: string,
  rejects: Reject[],
  translate: Translate,
  columns?: string[],
): Promise<void> {
  const cols: string[] = columns ? [...columns] : [];
  if (!columns) {
    const seen = new Set<string>();
    for (const r of rejects) for (const k of Object.keys(r.values)) if (!seen.has(k)) (seen.add(k), cols.push(k));
  }
  // The rejects file is this import's by-product, rewritten by every run: replaced without
  // --force, but atomically, owner-only, and never through a symlink.
  const file = openAtomic(path, { force: true });
  const out = file.stream;
  const write = async (s: string): Promise<void> => {
    if (!out.write(s)) await once(out, 'drain');
  };
  try {
    await write('\uFEFF' + ['行号', ...cols, '错误原因'].map(csvField).join(',') + '\r\n');
    for (const r of rejects) {
      const reasons = r.errors.map((e) => formatIssue(e, translate)).join('；');
      await write([String(r.line), ...cols.map((c) => r.values[c] ?? ''), reasons].map(csvField).join(',') + '\r\n');
    }
  } catch (e) {
    await file.abort();
    throw fileRefusal(e, file.target);
  }
  await file.commit();
}
