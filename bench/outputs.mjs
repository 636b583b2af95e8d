// Every read command's output on a bench database, to prove a speed-up changed no byte:
//   node bench/outputs.mjs <db> <dir> [bin]
// runs each command of OUTPUTS (below) with `bin` (default bin/hotline) on <db> with HOTLINE_NOW
// = make-db's NOW, writes each output to <dir>/<name> and the list of sha256 digests to
// <dir>/digests.json. Before and after a change: `diff -r before/ after/`.
// test/cli/output-guard.test.ts runs the same list in-process on a small generated database.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { NOW } from './make-db.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The environment every output is made in (besides the database). */
export const OUTPUT_ENV = { HOTLINE_NOW: NOW, HOTLINE_OPERATOR: 'bench', NO_COLOR: '1', TZ: 'UTC' };

/** Order numbers the per-order commands look at: the newest in handling, the newest closed, the oldest open. */
export function sampleOrders(db) {
  const one = (sql) => db.prepare(sql).get()?.no ?? db.prepare('select no from orders order by no limit 1').get().no;
  return {
    handling: one("select no from orders where status = 'handling' order by received_at desc, no desc limit 1"),
    closed: one("select no from orders where status = 'closed' order by received_at desc, no desc limit 1"),
    open: one("select no from orders where status <> 'closed' order by received_at, no limit 1"),
  };
}

/** [name, lang, args]: every report in every text format, the lists, one order, the exports. */
export function outputCommands(nos) {
  const week = ['--from', '2026-11-09', '--to', '2026-11-16'];
  const month = ['--from', '2026-10-01', '--to', '2026-11-01'];
  const cmds = [];
  for (const f of ['table', 'json', 'csv', 'md', 'html']) {
    cmds.push([`daily.${f}`, 'zh', ['report', 'daily', '--format', f]]);
    cmds.push([`circular.${f}`, 'zh', ['report', 'circular', ...week, '--format', f]]);
    cmds.push([`assess.${f}`, 'zh', ['report', 'assess', ...month, '--format', f]]);
  }
  cmds.push(
    ['daily-past.table.en', 'en', ['report', 'daily', '--date', '2026-11-16']],
    ['circular-default.table.en', 'en', ['report', 'circular']],
    ['circular-asof.json', 'zh', ['report', 'circular', ...week, '--as-of', '2026-11-12', '--json']],
    ['assess-week.table.en', 'en', ['report', 'assess', ...week]],
    ['overdue.table', 'zh', ['overdue']],
    ['overdue.json', 'zh', ['overdue', '--json']],
    ['overdue-asof.json', 'en', ['overdue', '--as-of', '2026-11-02', '--json']],
    ['overdue-serious.table.en', 'en', ['overdue', '--level', 'serious']],
    ['list.table', 'zh', ['list']],
    ['list-limit.table.en', 'en', ['list', '--limit', '50']],
    ['list.json', 'zh', ['list', '--json']],
    ['list-handling.json', 'zh', ['list', '--status', 'handling,dispatched', '--json']],
    ['list-overdue.json', 'zh', ['list', '--overdue', '--json']],
    ['list-town.table', 'zh', ['list', '--town', '城关街道', '--limit', '30']],
    ['list-search.json', 'en', ['list', '--search', '噪音', '--json']],
    ['list-flagged.json', 'en', ['list', '--flagged', '--json']],
    ...Object.entries(nos).flatMap(([k, no]) => [
      [`show-${k}.table`, 'zh', ['show', no]],
      [`show-${k}.json`, 'en', ['show', no, '--json']],
      [`history-${k}.table`, 'zh', ['history', no]],
      [`history-${k}.json`, 'en', ['history', no, '--json']],
    ]),
    ['export-orders.csv', 'zh', ['export', 'orders', '--since', '2026-11-13']],
    ['export-orders-all.json', 'en', ['export', 'orders', '--format', 'json']],
    ['export-replies.csv', 'zh', ['export', 'replies', '--since', '2026-11-01']],
    ['export-closures.csv', 'zh', ['export', 'closures', '--since', '2026-10-01']],
  );
  return cmds;
}

export const digest = (s) => createHash('sha256').update(s).digest('hex');

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [dbFile, dir, bin = path.join(ROOT, 'bin/hotline')] = process.argv.slice(2);
  if (!dbFile || !dir) {
    process.stderr.write('usage: node bench/outputs.mjs <db> <dir> [bin]\n');
    process.exit(2);
  }
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(dbFile, { readonly: true });
  const nos = sampleOrders(db);
  db.close();
  const digests = {};
  for (const [name, lang, args] of outputCommands(nos)) {
    const r = spawnSync(process.execPath, [bin, '--db', dbFile, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...OUTPUT_ENV, HOTLINE_LANG: lang },
      maxBuffer: 2 ** 31 - 1,
    });
    if (r.status !== 0) throw new Error(`hotline ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    fs.writeFileSync(path.join(dir, name), r.stdout);
    digests[name] = digest(r.stdout);
    process.stderr.write(`${name}\n`);
  }
  fs.writeFileSync(path.join(dir, 'digests.json'), `${JSON.stringify(digests, null, 2)}\n`);
}
