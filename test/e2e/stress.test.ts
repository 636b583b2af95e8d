// Stress, with real processes: an import of a large file, the cron chase (remind --overdue, then
// overdue), and two clerks acting on overlapping orders, all at once → no event lost or
// duplicated, no "locked" failure, `check` passes (chain unbroken, every state its replay). Then
// kill -9 at a random point of an import, a multi-order action, a backup and an export: each
// time `check` passes and the previous output file is intact (or the new one complete).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCsv } from '../../bench/make-csv.mjs';
import { BACKEND, BIN, ROOT, query as queryDb, run, sandbox, untilWriting, type Env, type RunResult } from './helpers.js';

const BIG_ROWS = 4000;
let sb: Env;
let nos: string[];

/** A process of one operator; resolves with its outcome (code -9 when killed). */
function proc(args: string[], operator: string, killWhen?: () => Promise<void>): Promise<RunResult & { killedMidway: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...sb.env, HOTLINE_OPERATOR: operator }, cwd: sb.dir });
    let stdout = '';
    let stderr = '';
    let exited = false;
    let killedMidway = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => {
      exited = true;
      resolve({ code: signal === 'SIGKILL' ? -9 : (code ?? -1), stdout, stderr, killedMidway });
    });
    if (killWhen)
      void killWhen().then(() => {
        if (!exited) {
          killedMidway = true;
          child.kill('SIGKILL');
        }
      });
  });
}

const query = <T>(sql: string, ...params: unknown[]): T[] => queryDb<T>(sb, sql, ...params);
const one = (sql: string, ...params: unknown[]): number => Object.values(query<Record<string, number>>(sql, ...params)[0]!)[0]!;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves once `f` holds (polled every 5 ms), or after 20 s. */
async function until(f: () => boolean): Promise<void> {
  const t = Date.now();
  while (!f() && Date.now() - t < 20_000) await sleep(5);
}

/** A seeded PRNG (mulberry32) for the kill points: a new seed each run (named in failures), or STRESS_SEED. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = Number(process.env.STRESS_SEED) || Date.now() % 1_000_000;
const random = prng(SEED);

function checkPasses(): void {
  const r = run(sb, ['check', '--json']);
  expect(r.code, `STRESS_SEED=${SEED}\n${r.stdout}`).toBe(0);
}

beforeAll(async () => {
  sb = sandbox({ now: '2026-11-24 10:00' });
  expect(run(sb, ['import', path.join(ROOT, 'data', 'samples', 'orders.csv')]).code).toBe(0);
  await writeCsv(BIG_ROWS, path.join(sb.dir, 'big.csv'), 7);
  nos = query<{ no: string }>('select no from orders order by no').map((r) => r.no);
  // Twenty orders with a unit, for the two clerks' sign race.
  expect(run(sb, ['dispatch', ...nos.slice(0, 20), '--to', 'cgjd']).code).toBe(0);
}, 60_000);

describe('stress', () => {
  it('4+ processes at once: an import, the cron chase, two clerks on overlapping orders: nothing lost, duplicated or locked', async () => {
    const eventsBefore = one('select count(*) from events');
    // Each clerk command carries its own note, so its events can be counted exactly afterwards.
    const clerk = async (name: string, action: 'remind' | 'supervise', offset: number) => {
      const done: { note: string; nos: string[]; r: RunResult }[] = [];
      for (let i = 0; i < 5; i++) {
        const set = nos.slice(20 + offset + i * 10, 20 + offset + i * 10 + 25); // neighbours overlap
        const note = `${name}-${i}`;
        done.push({ note, nos: set, r: await proc([action, ...set, '--note', note, ...(action === 'supervise' ? ['--level', 'key'] : [])], name) });
      }
      // Both clerks sign the same ten orders: exactly one of them may.
      done.push({ note: `${name}-sign`, nos: nos.slice(0, 10), r: await proc(['sign', ...nos.slice(0, 10), '--note', `${name}-sign`], name) });
      return done;
    };
    const cron = async () => [await proc(['remind', '--overdue'], 'cron'), await proc(['overdue', '--exit-code'], 'cron')];
    const [imported, cronRuns, a, b] = await Promise.all([proc(['import', 'big.csv', '--json'], 'importer'), cron(), clerk('clerkA', 'remind', 0), clerk('clerkB', 'supervise', 5)]);

    const all = [imported, ...cronRuns, ...a.map((c) => c.r), ...b.map((c) => c.r)];
    expect(all.filter((r) => /locked|busy/i.test(r.stderr)).map((r) => r.stderr)).toEqual([]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(cronRuns.map((r) => r.code)).toEqual([0, 3]); // the samples have overdue orders at this time
    const summary = JSON.parse(imported.stdout) as { new: number; updated: number };
    // Every clerk command: all of its orders' events, once each, or (refused) none.
    for (const c of [...a, ...b]) {
      const rows = query<{ no: string; n: number }>('select order_no as no, count(*) as n from events where note = ? group by order_no', c.note);
      if (c.note.endsWith('-sign')) continue;
      expect(c.r.code, c.r.stderr).toBe(0);
      expect(rows.map((r) => r.no).sort()).toEqual([...c.nos].sort());
      expect(rows.every((r) => r.n === 1)).toBe(true);
    }
    const signs = [a, b].map((s) => s[s.length - 1]!);
    expect(signs.map((s) => s.r.code).sort()).toEqual([0, 1]);
    const winner = signs.find((s) => s.r.code === 0)!;
    expect(one("select count(*) from events where action = 'sign'")).toBe(10);
    expect(one('select count(*) from events where note = ?', winner.note)).toBe(10);
    // The import's events, the cron's (at most one reminder an order), and nothing else.
    expect(one("select count(*) from events where actor = 'importer'")).toBe(summary.new + summary.updated);
    const cronEvents = one("select count(*) from events where actor = 'cron'");
    expect(one("select count(*) from (select order_no from events where actor = 'cron' group by order_no having count(*) > 1) as t")).toBe(0);
    const clerkEvents = [...a, ...b].filter((c) => c.r.code === 0).reduce((n, c) => n + c.nos.length, 0);
    expect(one('select count(*) from events')).toBe(eventsBefore + summary.new + summary.updated + cronEvents + clerkEvents);
    expect(one('select count(*) from orders')).toBe(nos.length + summary.new);
    checkPasses();
  }, 120_000);

  it('kill -9 at a random point of an import, a multi-order action, a backup and an export: check passes, outputs intact', async () => {
    const killed: string[] = [];
    // An import of 12,000 new orders (the big file's rows three times under other numbers): all of
    // it or none. Big enough to outgrow SQLite's page cache, so the WAL grows while the transaction
    // is open and the kill lands inside it (a faster import finished 4,000 before the kill came).
    const big = fs.readFileSync(path.join(sb.dir, 'big.csv'), 'utf8');
    const rows = big.slice(big.indexOf('\n') + 1);
    const MORE = 3 * BIG_ROWS;
    fs.writeFileSync(path.join(sb.dir, 'more.csv'), big.replace(/^YX/gm, 'ZK') + rows.replace(/^YX/gm, 'ZL') + rows.replace(/^YX/gm, 'ZM'));
    const orders = one('select count(*) from orders');
    const wal = `${sb.db}-wal`;
    // Start from an empty WAL: a WAL file keeps its size after a checkpoint, so an import rewriting
    // an old, large WAL from its start would not grow the file until it passed the old size (the
    // kill could then come only after the commit).
    if (BACKEND !== 'postgres') {
      const d = new Database(sb.db);
      d.pragma('wal_checkpoint(TRUNCATE)');
      d.close();
    }
    const walAtStart = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
    // Killed at a random point of its writing: when the WAL has grown by 0.2 to 3 MB (of about 8);
    // on PostgreSQL, a random moment after its write transaction took the lock on events.
    const grown = walAtStart + 200_000 + random() * 2_800_000;
    const pause = BACKEND === 'postgres' ? random() * 60 : 0;
    const imp = await proc(['import', 'more.csv'], 'importer', () =>
      BACKEND === 'postgres' ? untilWriting(sb, 0, pause) : until(() => fs.existsSync(wal) && fs.statSync(wal).size > grown),
    );
    if (imp.killedMidway) killed.push('import');
    expect([orders, orders + MORE]).toContain(one('select count(*) from orders'));
    checkPasses();

    // One action on 300 orders: every order's event or none.
    const many = nos.slice(20, 320);
    const act = await proc(['remind', ...many, '--note', 'kill-me'], 'clerkA', () => sleep(300 + random() * 700));
    if (act.killedMidway) killed.push('action');
    expect([0, many.length]).toContain(one("select count(*) from events where note = 'kill-me'"));
    checkPasses();

    // A backup over last night's: afterwards the file is last night's or a whole new one.
    // (SQLite only: a PostgreSQL database is backed up with pg_dump, not hotline backup.)
    if (BACKEND === 'postgres') return killedExport(killed);
    expect(run(sb, ['backup', 'nightly.db']).code).toBe(0);
    const lastNight = fs.readFileSync(path.join(sb.dir, 'nightly.db'));
    const bak = await proc(['backup', 'nightly.db', '--force'], 'cron', async () => {
      await until(() => fs.readdirSync(sb.dir).some((n) => n.startsWith('.nightly.db.')));
      await sleep(random() * 20); // VACUUM INTO of the 8 MB database takes longer than this
    });
    if (bak.killedMidway) killed.push('backup');
    const now = fs.readFileSync(path.join(sb.dir, 'nightly.db'));
    if (!now.equals(lastNight)) expect(run(sb, ['check', 'nightly.db']).code).toBe(0);
    checkPasses();

    await killedExport(killed);
    // The killed writers' temporary files are swept by the next write of the same file.
    expect(run(sb, ['export', 'orders', '--output', 'orders.csv', '--force']).code).toBe(0);
    expect(run(sb, ['backup', 'nightly.db', '--force']).code).toBe(0);
    expect(fs.readdirSync(sb.dir).filter((n) => n.includes('hotline-tmp'))).toEqual([]);
    // Import, backup and export were killed while writing (each waited for a sign of it).
    expect(killed, `STRESS_SEED=${SEED}`).toEqual(expect.arrayContaining(['import', 'backup', 'export']));
  }, 120_000);
});

/** An export over the previous one: afterwards it is the previous file or the whole new one. */
async function killedExport(killed: string[]): Promise<void> {
  expect(run(sb, ['export', 'orders', '--output', 'orders.csv']).code).toBe(0);
    const previous = fs.readFileSync(path.join(sb.dir, 'orders.csv'), 'utf8');
    const exp = await proc(['export', 'orders', '--output', 'orders.csv', '--force'], 'clerkA', async () => {
      await until(() => fs.readdirSync(sb.dir).some((n) => n.startsWith('.orders.csv.') && fs.statSync(path.join(sb.dir, n)).size > 0));
      await sleep(random() * 50);
    });
    if (exp.killedMidway) killed.push('export');
    // Nothing changed in between, so a completed new export is byte for byte the previous one.
    expect(fs.readFileSync(path.join(sb.dir, 'orders.csv'), 'utf8')).toBe(previous);
    expect(previous.trim().split('\r\n')).toHaveLength(one('select count(*) from orders') + 1);
    checkPasses();
    if (BACKEND === 'postgres') {
      expect(run(sb, ['export', 'orders', '--output', 'orders.csv', '--force']).code).toBe(0);
      expect(fs.readdirSync(sb.dir).filter((n) => n.includes('hotline-tmp'))).toEqual([]);
    expect(killed, `STRESS_SEED=${SEED}`).toEqual(expect.arrayContaining(['import', 'export']));
  }
}
