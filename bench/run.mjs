// npm run bench: hotline's performance against references measured in the same run.
//
//   0. start-up: `hotline --version` and `hotline overdue` on an empty database against an empty
//      Node script (`node -e 0`), CPU time, median of paired runs.
//   1. import: the real `bin/hotline import <file>` of generated city CSVs (small and large) into a
//      fresh database: wall time, rows/s, peak RSS; reference: the same file through csv-parse into
//      a bare better-sqlite3 table (bench/ref-import.mjs), and the general-purpose tools on the same
//      file when installed: `sqlite-utils insert --csv --pk` and `sqlite3 .import` (CPU ratios).
//      Peak RSS small vs large: memory must not grow with the file.
//   2. reports: a database of N orders with two years of history (bench/make-db.mjs), then the
//      read commands a clerk or cron runs, median of BENCH_RUNS runs each; references: the CLI's
//      start-up (`hotline --version`, `overdue` on an empty database) and the database's (`select
//      count(*) from orders`); CPU ratios against both.
//
// Knobs (environment, or the flags in brackets): BENCH_ROWS [--rows] large import file (200000),
// BENCH_SMALL_ROWS [--small-rows] (10000), BENCH_ORDERS [--orders] (200000), BENCH_RUNS [--runs]
// (3), BENCH_STARTUP_RUNS [--startup-runs] (15), BENCH_ONLY [--only] startup|import|reports, BENCH_BIN [--bin] another bin/hotline to measure,
// BENCH_FRESH=1 [--fresh] regenerate cached data, BENCH_SLOW_S [--slow] (5). See bench/README.md.
// Not a test: CI does not run it, and nothing here fails on a number (exit 1 only when a command fails).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { median, onPath, runNode, runTool } from './lib/measure.mjs';
import { writeCsv } from './make-csv.mjs';
import { NOW, buildDb } from './make-db.mjs';
import { pgImport } from './pg.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const DATA = path.join(BENCH, 'data');
const OUT = path.join(BENCH, 'out');

// ---- configuration ---------------------------------------------------------------------------

function config(argv, env) {
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a} (see bench/README.md)`);
    const [k, v] = a.includes('=') ? a.slice(2).split(/=(.*)/s) : [a.slice(2), ['fresh', 'help'].includes(a.slice(2)) ? '1' : argv[++i]];
    flags[k] = v;
  }
  if (flags.help) {
    process.stdout.write(fs.readFileSync(path.join(BENCH, 'README.md'), 'utf8'));
    process.exit(0);
  }
  const pick = (flag, name, dflt) => flags[flag] ?? env[name] ?? dflt;
  const int = (flag, name, dflt) => {
    const v = Number(String(pick(flag, name, dflt)).replaceAll('_', ''));
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${flag} / ${name} must be a whole number ≥ 1`);
    return v;
  };
  const only = pick('only', 'BENCH_ONLY', 'startup,import,reports').split(',');
  for (const o of only) if (!['startup', 'import', 'reports'].includes(o)) throw new Error(`--only / BENCH_ONLY: startup, import or reports, not ${o}`);
  return {
    rows: int('rows', 'BENCH_ROWS', 200_000),
    smallRows: int('small-rows', 'BENCH_SMALL_ROWS', 10_000),
    orders: int('orders', 'BENCH_ORDERS', 200_000),
    runs: int('runs', 'BENCH_RUNS', 3),
    startupRuns: int('startup-runs', 'BENCH_STARTUP_RUNS', 15),
    only,
    bin: path.resolve(pick('bin', 'BENCH_BIN', path.join(ROOT, 'bin/hotline'))),
    fresh: ['1', 'true', 'yes'].includes(String(pick('fresh', 'BENCH_FRESH', ''))),
    slowS: Number(pick('slow', 'BENCH_SLOW_S', 5)),
  };
}

const log = (s) => process.stderr.write(`${s}\n`);
const ms = (x) => (x === null || x === undefined ? '—' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);
const mb = (kb) => (kb === null || kb === undefined ? '—' : `${Math.round(kb / 1024)} MB`);
const int = (n) => Math.round(n).toLocaleString('en');
const times = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}×`);
const cpuOf = (r) => r.userMs + r.systemMs;

function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c)));
  const width = (s) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  const line = (r) => r.map((c, i) => (i === 0 ? c + ' '.repeat(widths[i] - width(c)) : ' '.repeat(widths[i] - width(c)) + c)).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** A fingerprint of everything a generated file depends on: regenerate when any of it changes. */
function fingerprint(files) {
  const h = createHash('sha256');
  for (const f of files.sort()) {
    h.update(f);
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex').slice(0, 12);
}

function filesUnder(dir, ext) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => f.endsWith(ext) && fs.statSync(f).isFile());
}

function removeDb(file) {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

// ---- 0. start-up -------------------------------------------------------------------------------

/** A freshly initialised database (units, categories, no orders). */
function emptyDb(cfg, name) {
  const db = path.join(DATA, name);
  removeDb(db);
  const init = spawnSync(process.execPath, [cfg.bin, 'init', '--db', db], { env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`hotline init failed: ${init.stderr}`);
  return db;
}

async function startupPart(cfg) {
  log(`start-up: ${cfg.startupRuns} paired runs`);
  const db = emptyDb(cfg, 'startup-empty.db');
  const env = { NO_COLOR: '1', LANG: 'en_US.UTF-8', HOTLINE_NOW: NOW };
  const cases = [
    { name: 'node (empty script: node -e 0)', script: path.join(BENCH, 'lib', 'empty.mjs'), args: [] },
    { name: 'hotline --version', script: cfg.bin, args: ['--version'] },
    { name: 'hotline overdue (empty database)', script: cfg.bin, args: ['overdue', '--db', db] },
  ];
  const runs = cases.map(() => []);
  // Paired: each round runs every case once, so a busy moment of the machine hits them alike.
  for (let i = 0; i < cfg.startupRuns; i++) {
    for (const [k, c] of cases.entries()) {
      const r = await runNode(c.script, c.args, { env });
      if (r.code !== 0) throw new Error(`${c.name} exited ${r.code}: ${r.stderr.slice(-2000)}`);
      runs[k].push(r);
    }
  }
  removeDb(db);
  const rows = cases.map((c, k) => ({ name: c.name, args: c.args, cpuMs: median(runs[k].map(cpuOf)), wallMs: median(runs[k].map((r) => r.wallMs)), maxRssKB: Math.max(...runs[k].map((r) => r.maxRssKB ?? 0)) }));
  for (const r of rows) r.ratio = r.cpuMs / rows[0].cpuMs;
  return { runs: cfg.startupRuns, rows };
}

// ---- 1. import ---------------------------------------------------------------------------------

async function csvFile(rows, fresh) {
  const stamp = fingerprint([path.join(BENCH, 'make-csv.mjs'), path.join(ROOT, 'data/samples/generate.mjs')]);
  const file = path.join(DATA, `orders-${rows}-${stamp}.csv`);
  if (fresh || !fs.existsSync(file)) {
    log(`  writing ${path.relative(ROOT, file)} (${int(rows)} rows)…`);
    const tmp = `${file}.tmp`;
    await writeCsv(rows, tmp);
    fs.renameSync(tmp, file);
  }
  return file;
}

async function importOne(cfg, rows, label) {
  const file = await csvFile(rows, cfg.fresh);
  const db = path.join(DATA, `import-${label}.db`);
  const refDb = path.join(DATA, `import-${label}-ref.db`);
  const env = { HOTLINE_NOW: '2026-11-21T09:00:00+08:00', NO_COLOR: '1', LANG: 'en_US.UTF-8' };
  removeDb(db);
  const init = spawnSync(process.execPath, [cfg.bin, 'init', '--db', db], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`hotline init failed: ${init.stderr}`);

  log(`  hotline import ${path.basename(file)}…`);
  const summaryFile = path.join(OUT, `import-${label}.json`);
  const h = await runNode(cfg.bin, ['import', file, '--db', db, '--json'], { env, stdoutFile: summaryFile });
  if (h.code !== 0) throw new Error(`hotline import exited ${h.code}: ${h.stderr.slice(-2000)}`);
  const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  if (summary.new !== rows) throw new Error(`hotline import wrote ${summary.new} new orders, expected ${rows}`);

  log(`  reference import (csv-parse + bare better-sqlite3)…`);
  const r = await runNode(path.join(BENCH, 'ref-import.mjs'), [file, refDb], { stdoutFile: path.join(OUT, `import-${label}-ref.json`) });
  if (r.code !== 0) throw new Error(`reference import exited ${r.code}: ${r.stderr.slice(-2000)}`);
  const refRows = JSON.parse(fs.readFileSync(path.join(OUT, `import-${label}-ref.json`), 'utf8')).rows;
  if (refRows !== rows) throw new Error(`reference import read ${refRows} rows, expected ${rows}`);
  const dbBytes = fs.statSync(db).size;
  removeDb(db);
  removeDb(refDb);
  const tools = await toolImports(file, rows);
  const postgres = await pgImport(cfg.bin, file, rows, label, env, log); // null: no PostgreSQL reachable
  return {
    postgres,
    label,
    rows,
    fileBytes: fs.statSync(file).size,
    hotline: { wallMs: h.wallMs, rowsPerSec: rows / (h.wallMs / 1000), maxRssKB: h.maxRssKB, cpuMs: h.userMs + h.systemMs, dbBytes, repeats: summary.repeats },
    reference: { wallMs: r.wallMs, rowsPerSec: rows / (r.wallMs / 1000), maxRssKB: r.maxRssKB, cpuMs: r.userMs + r.systemMs },
    ratio: h.wallMs / r.wallMs,
    tools: tools.map((t) => ({ ...t, cpuRatio: t.cpuMs ? (h.userMs + h.systemMs) / t.cpuMs : null })),
  };
}

/**
 * The general-purpose tools on the same file, when installed (Debian: `apt-get install
 * sqlite-utils sqlite3`): sqlite-utils (Python) with the order number as primary key, and the
 * sqlite3 shell's .import. CPU time of the tool; a tool that is not on the PATH is a skipped row.
 */
async function toolImports(file, rows) {
  const out = [];
  const specs = [
    { name: 'sqlite-utils insert --csv --pk', cmd: 'sqlite-utils', argv: (db) => ['sqlite-utils', 'insert', db, 'orders', file, '--csv', '--pk', '工单编号', '--encoding', 'utf-8-sig'] },
    { name: 'sqlite3 .import --csv', cmd: 'sqlite3', argv: (db) => ['sqlite3', db, `.import --csv ${file} orders`] },
  ];
  for (const t of specs) {
    if (!onPath(t.cmd)) {
      log(`  ${t.cmd} not installed: row skipped (Debian/Ubuntu: apt-get install ${t.cmd})`);
      out.push({ name: t.name, skipped: `${t.cmd} not installed (apt-get install ${t.cmd})` });
      continue;
    }
    const db = path.join(DATA, `import-${t.cmd}.db`);
    removeDb(db);
    log(`  ${t.name}…`);
    const r = await runTool(t.argv(db));
    if (r.code !== 0) throw new Error(`${t.name} exited ${r.code}: ${r.stderr.slice(-2000)}`);
    const n = new Database(db, { readonly: true }).prepare('select count(*) n from orders').get().n;
    removeDb(db);
    if (n !== rows) throw new Error(`${t.name} wrote ${n} rows, expected ${rows}`);
    out.push({ name: t.name, wallMs: r.wallMs, cpuMs: r.cpuMs });
  }
  return out;
}

async function importPart(cfg) {
  log(`import: ${int(cfg.smallRows)} and ${int(cfg.rows)} rows`);
  const small = await importOne(cfg, cfg.smallRows, 'small');
  const large = await importOne(cfg, cfg.rows, 'large');
  return { small, large, rssGrowth: large.hotline.maxRssKB / small.hotline.maxRssKB };
}

// ---- 2. reports --------------------------------------------------------------------------------

async function reportsDb(cfg) {
  const deps = [
    path.join(BENCH, 'make-db.mjs'),
    path.join(ROOT, 'data/samples/generate.mjs'),
    path.join(ROOT, 'data/units.json'),
    path.join(ROOT, 'data/categories.json'),
    // what the rows are made with (the state machine, deadlines, source hash) and the schema
    ...filesUnder(path.join(ROOT, 'dist/domain'), '.js'),
    ...filesUnder(path.join(ROOT, 'dist/store/migrations'), '.js'),
    path.join(ROOT, 'dist/store/db.js'),
    path.join(ROOT, 'dist/service/register.js'),
  ];
  const file = path.join(DATA, `reports-${cfg.orders}-${fingerprint(deps)}.db`);
  const meta = `${file}.json`;
  if (!cfg.fresh && fs.existsSync(file) && fs.existsSync(meta)) {
    log(`  reusing ${path.relative(ROOT, file)} (BENCH_FRESH=1 to rebuild)`);
    return { file, build: { ...JSON.parse(fs.readFileSync(meta, 'utf8')), reused: true } };
  }
  for (const old of fs.readdirSync(DATA).filter((f) => f.startsWith(`reports-${cfg.orders}-`))) fs.rmSync(path.join(DATA, old), { force: true });
  log(`  building ${path.relative(ROOT, file)}: ${int(cfg.orders)} orders with history…`);
  const build = await buildDb({ orders: cfg.orders, file, log });
  fs.writeFileSync(meta, JSON.stringify(build, null, 2));
  log(`  built in ${ms(build.seconds.total * 1000)}: ${int(build.events)} events, ${mb(build.bytes / 1024)}`);
  return { file, build: { ...build, reused: false } };
}

/** The commands measured, against the database's NOW (2026-11-20 17:00, a Friday). */
function commands(showNo) {
  return [
    { name: 'report circular (a week)', args: ['report', 'circular', '--from', '2026-11-09', '--to', '2026-11-16'] },
    // The same, as the first circular of that week: no hot-topic words kept yet (order_words emptied before each run).
    { name: 'report circular (a week), words not kept', args: ['report', 'circular', '--from', '2026-11-09', '--to', '2026-11-16'], forgetWords: true },
    { name: 'report assess (a month)', args: ['report', 'assess', '--from', '2026-10-01', '--to', '2026-11-01'] },
    { name: 'report daily', args: ['report', 'daily'] },
    { name: 'overdue --json', args: ['overdue', '--json'] },
    { name: 'overdue (the table a clerk reads)', args: ['overdue'] },
    { name: 'list --status handling --limit 50', args: ['list', '--status', 'handling', '--limit', '50'] },
    { name: `show <no>`, args: ['show', showNo] },
    { name: 'export orders --since (a week ago)', args: ['export', 'orders', '--since', '2026-11-13'] },
  ];
}

async function timed(cfg, name, script, args, env, before = () => {}) {
  const runs = [];
  const stdoutFile = path.join(OUT, 'last-output.txt');
  for (let i = 0; i < cfg.runs; i++) {
    before();
    const r = await runNode(script, args, { env, stdoutFile });
    if (r.code !== 0) throw new Error(`${name} exited ${r.code}: ${r.stderr.slice(-2000)}`);
    runs.push(r);
  }
  const walls = runs.map((r) => r.wallMs);
  return {
    name,
    args,
    runs: walls,
    medianMs: median(walls),
    minMs: Math.min(...walls),
    maxMs: Math.max(...walls),
    maxRssKB: Math.max(...runs.map((r) => r.maxRssKB ?? 0)),
    cpuMs: median(runs.map((r) => r.userMs + r.systemMs)),
    stdoutBytes: runs[runs.length - 1].stdoutBytes,
  };
}

async function reportsPart(cfg) {
  log(`reports: ${int(cfg.orders)} orders`);
  const { file, build } = await reportsDb(cfg);
  const db = new Database(file, { readonly: true });
  const showNo = db.prepare("select no from orders where status = 'handling' order by received_at desc limit 1").get()?.no ?? db.prepare('select no from orders limit 1').get().no;
  const counts = {
    orders: db.prepare('select count(*) n from orders').get().n,
    events: db.prepare('select count(*) n from events').get().n,
    open: db.prepare("select count(*) n from orders where status <> 'closed'").get().n,
  };
  db.close();
  const env = { HOTLINE_NOW: NOW, NO_COLOR: '1', LANG: 'en_US.UTF-8', HOTLINE_DB: file };

  log('  references…');
  const floorDb = path.join(BENCH, 'lib', 'count-orders.mjs');
  const emptied = emptyDb(cfg, 'reports-empty.db');
  const references = [
    await timed(cfg, 'hotline --version (CLI start-up)', cfg.bin, ['--version'], env),
    await timed(cfg, 'hotline overdue, empty database (start-up)', cfg.bin, ['overdue', '--db', emptied], env),
    await timed(cfg, 'better-sqlite3 count(*) (database floor)', floorDb, [file], {}),
  ];
  removeDb(emptied);
  const results = [];
  for (const c of commands(showNo)) {
    log(`  hotline ${c.args.join(' ')}…`);
    const forget = () => {
      const h = new Database(file);
      if (h.prepare("select 1 from sqlite_master where name = 'order_words'").get()) h.exec('delete from order_words');
      h.close();
    };
    results.push(await timed(cfg, c.name, cfg.bin, ['--db', file, ...c.args], env, c.forgetWords ? forget : undefined));
  }
  const startup = references[0].medianMs;
  for (const r of results) {
    r.overStartupMs = r.medianMs - startup;
    r.vsStartup = r.cpuMs / references[1].cpuMs;
    r.vsCount = r.cpuMs / references[2].cpuMs;
    r.slow = r.medianMs > cfg.slowS * 1000;
  }
  return { database: { file: path.relative(ROOT, file), ...counts, bytes: fs.statSync(file).size, build }, references, commands: results };
}

// ---- output ------------------------------------------------------------------------------------

function printStartup(r) {
  const rows = r.rows.map((x) => [x.name, ms(x.cpuMs), ms(x.wallMs), mb(x.maxRssKB), times(x.ratio)]);
  return table([`start-up, median of ${r.runs} paired runs`, 'CPU', 'wall', 'peak RSS', 'CPU vs node'], rows);
}

function printImport(r) {
  const rows = [];
  for (const x of [r.small, r.large]) {
    rows.push([`hotline import ${int(x.rows)} rows`, ms(x.hotline.wallMs), ms(x.hotline.cpuMs), int(x.hotline.rowsPerSec), mb(x.hotline.maxRssKB), `${x.ratio.toFixed(1)}×`, '']);
    rows.push([`  reference (csv-parse → bare table)`, ms(x.reference.wallMs), ms(x.reference.cpuMs), int(x.reference.rowsPerSec), mb(x.reference.maxRssKB), '1.0×', '']);
    for (const t of x.tools) {
      if (t.skipped) rows.push([`  ${t.name}`, 'skipped', '', '', '', '', t.skipped]);
      else rows.push([`  ${t.name}`, ms(t.wallMs), ms(t.cpuMs), int(x.rows / (t.wallMs / 1000)), '', '', `hotline ${times(t.cpuRatio)} its CPU`]);
    }
    if (x.postgres) rows.push([`  hotline import on PostgreSQL (same file)`, ms(x.postgres.wallMs), ms(x.postgres.cpuMs), int(x.postgres.rowsPerSec), mb(x.postgres.maxRssKB), `${(x.postgres.wallMs / x.reference.wallMs).toFixed(1)}×`, 'wall includes the server']);
  }
  return [
    table(['import', 'wall', 'CPU', 'rows/s', 'peak RSS', 'wall vs ref', ''], rows),
    `peak RSS ${int(r.large.rows)} rows / ${int(r.small.rows)} rows: ${r.rssGrowth.toFixed(2)}× (${mb(r.large.hotline.maxRssKB)} vs ${mb(r.small.hotline.maxRssKB)}) for ${(r.large.rows / r.small.rows).toFixed(0)}× the rows`,
  ].join('\n');
}

function printReports(r, cfg) {
  const d = r.database;
  const head = `database: ${int(d.orders)} orders, ${int(d.events)} events, ${int(d.open)} open, ${mb(d.bytes / 1024)}${d.build.reused ? ' (reused)' : `, built in ${ms(d.build.seconds.total * 1000)}`}`;
  const rows = [
    ...r.references.map((x) => [`${x.name}`, ms(x.medianMs), ms(x.minMs), ms(x.maxMs), ms(x.cpuMs), mb(x.maxRssKB), '', '', '', '']),
    ...r.commands.map((x) => [`hotline ${x.name}`, ms(x.medianMs), ms(x.minMs), ms(x.maxMs), ms(x.cpuMs), mb(x.maxRssKB), ms(x.overStartupMs), times(x.vsCount), times(x.vsStartup), x.slow ? `SLOW > ${cfg.slowS} s` : '']),
  ];
  const slow = r.commands.filter((x) => x.slow).map((x) => x.name);
  const verdict = slow.length > 0 ? `over ${cfg.slowS} s at ${int(d.orders)} orders: ${slow.join('; ')}` : `every command under ${cfg.slowS} s at ${int(d.orders)} orders`;
  return [head, table([`median of ${cfg.runs}`, 'median', 'min', 'max', 'CPU', 'peak RSS', 'over start-up', 'CPU vs count(*)', 'CPU vs start-up', ''], rows), verdict].join('\n');
}

function environment(cfg) {
  const git = (...a) => {
    try {
      return execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  const db = new Database(':memory:');
  const sqlite = db.prepare('select sqlite_version() v').get().v;
  db.close();
  return {
    node: process.version,
    sqlite,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? null,
    memoryBytes: os.totalmem(),
    platform: `${os.platform()} ${os.release()}`,
    commit: git('rev-parse', 'HEAD'),
    dirty: (git('status', '--porcelain', '--', 'src') ?? '') !== '',
    bin: path.relative(ROOT, cfg.bin) || cfg.bin,
  };
}

async function main() {
  const cfg = config(process.argv.slice(2), process.env);
  fs.mkdirSync(DATA, { recursive: true });
  fs.mkdirSync(OUT, { recursive: true });
  const started = new Date();
  const result = { startedAt: started.toISOString(), config: { ...cfg, bin: path.relative(ROOT, cfg.bin) || cfg.bin }, environment: environment(cfg) };
  if (cfg.only.includes('startup')) result.startup = await startupPart(cfg);
  if (cfg.only.includes('import')) result.import = await importPart(cfg);
  if (cfg.only.includes('reports')) result.reports = await reportsPart(cfg);
  result.seconds = (Date.now() - started.getTime()) / 1000;

  const stamp = started.toISOString().slice(0, 19).replaceAll(':', '-');
  const file = path.join(OUT, `results-${stamp}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  fs.rmSync(path.join(OUT, 'last-output.txt'), { force: true });

  const e = result.environment;
  const parts = [`hotline bench — ${e.commit?.slice(0, 10) ?? '?'}${e.dirty ? ' (src modified)' : ''}, node ${e.node}, SQLite ${e.sqlite}, ${e.cpus} CPUs`];
  if (result.startup) parts.push(printStartup(result.startup));
  if (result.import) parts.push(printImport(result.import));
  if (result.reports) parts.push(printReports(result.reports, cfg));
  parts.push(`total ${ms(result.seconds * 1000)}; results in ${path.relative(ROOT, file)}`);
  process.stdout.write(`\n${parts.join('\n\n')}\n`);
}

main().catch((e) => {
  log(`bench failed: ${e.message}`);
  process.exitCode = 1;
});
