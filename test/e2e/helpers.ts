// End-to-end helpers: run the built bin/hotline as a user would, on a temp database, with no
// terminal (stdout is a pipe), a fixed clock and a chosen language.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'hotline');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Env {
  /** The SQLite file, or the PostgreSQL URL when the suite runs on PostgreSQL. */
  db: string;
  dir: string;
  env: Record<string, string>;
}

/**
 * Which backend the end-to-end suite runs on: SQLite, or PostgreSQL when vitest.config.ts's
 * `e2e-postgres` project sets HOTLINE_E2E_BACKEND (it exists only when HOTLINE_TEST_PG, a URL
 * of a server where new databases may be created, is set: .ci/run starts one). On PostgreSQL
 * each sandbox gets a new database of its own, and every process its own connection.
 */
export const BACKEND: 'sqlite' | 'postgres' = process.env.HOTLINE_E2E_BACKEND === 'postgres' ? 'postgres' : 'sqlite';
const PG_SQL = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pg-sql.mjs');

/** Run one statement on PostgreSQL, synchronously; the rows. */
export function pgQuery<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): T[] {
  const r = spawnSync(process.execPath, [PG_SQL], { input: JSON.stringify({ url, sql, params }), encoding: 'utf8', cwd: ROOT });
  if (r.status !== 0) throw new Error(`pg-sql failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T[];
}

let pgDatabases = 0;
/** A new, empty PostgreSQL database (collation C) on the HOTLINE_TEST_PG server; its URL. */
export function newPgDatabase(prefix = 'hl'): string {
  const base = process.env.HOTLINE_TEST_PG;
  if (!base) throw new Error('HOTLINE_TEST_PG is not set');
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${++pgDatabases}`;
  pgQuery(base, `create database ${name} template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C.UTF-8'`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Rows of a read-only query on the sandbox's database, on either backend (`?` placeholders). */
export function query<T = Record<string, unknown>>(sb: Env, sql: string, ...params: unknown[]): T[] {
  if (BACKEND === 'postgres') {
    let i = 0;
    return pgQuery<T>(sb.db, sql.replace(/\?/g, () => `$${++i}`), params);
  }
  const d = new Database(sb.db, { readonly: true });
  try {
    return d.prepare(sql).all(...params) as T[];
  } finally {
    d.close();
  }
}

/**
 * Resolves once a write transaction is visibly under way (for kill -9 tests): on SQLite the WAL
 * holds more than `walBytes` of uncommitted pages; on PostgreSQL a session holds the write lock
 * on events (store/dialect.ts) and has written for a moment. Gives up after 20 s.
 */
export async function untilWriting(sb: Env, walBytes: number, pauseMs = 0): Promise<void> {
  const started = Date.now();
  if (BACKEND === 'postgres') {
    // One connection of our own, polled every few milliseconds: an import's write phase is short.
    const client = new pg.Client({ connectionString: sb.db });
    await client.connect();
    try {
      while (Date.now() - started < 20_000) {
        const held = await client.query(`select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'events' and l.mode = 'ShareRowExclusiveLock' and l.granted and l.pid <> pg_backend_pid()`);
        if ((held.rows[0] as { n: number }).n > 0) break;
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      await client.end();
    }
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    return;
  }
  const wal = `${sb.db}-wal`;
  while (Date.now() - started < 20_000) {
    if (fs.existsSync(wal) && fs.statSync(wal).size > walBytes) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A fresh temp directory and database path; `init` is run unless told not to. */
export function sandbox(options: { init?: boolean; now?: string; lang?: 'zh' | 'en'; auth?: boolean } = {}): Env {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-'));
  const db = BACKEND === 'postgres' ? newPgDatabase() : path.join(dir, 'hotline.db');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    HOTLINE_DB: db,
    HOTLINE_LANG: options.lang ?? 'en',
    HOTLINE_OPERATOR: 'clerk',
    TZ: process.env.TZ ?? 'UTC',
  };
  if (options.now) env.HOTLINE_NOW = options.now;
  const sb = { db, dir, env };
  if (options.init !== false) {
    const r = run(sb, ['init']);
    if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
    // On PostgreSQL init turns operators and roles on, with the test's one login as the office:
    // the suite's processes act as several named operators (HOTLINE_OPERATOR), as on SQLite.
    if (BACKEND === 'postgres' && !options.auth) {
      const off = run(sb, ['config', 'set', 'auth.required', 'off']);
      if (off.code !== 0) throw new Error(`config set auth.required off failed: ${off.stderr}`);
    }
  }
  return sb;
}

export function run(sb: Env, args: string[], extra: { input?: string | Buffer; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...sb.env, ...extra.env },
    input: extra.input,
    cwd: sb.dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Run and parse stdout as JSON; fails the test with stderr when the command failed. */
export function json<T = unknown>(sb: Env, args: string[], extra: { env?: Record<string, string> } = {}): T {
  const r = run(sb, [...args, '--json'], extra);
  if (r.code !== 0) throw new Error(`hotline ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Start a command without waiting (for concurrency tests). */
export function start(sb: Env, args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: sb.env, cwd: sb.dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
