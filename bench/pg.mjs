// The import benchmark's PostgreSQL row: the same file, the same machine, `hotline import` into a
// new database of the server named by BENCH_PG (or HOTLINE_TEST_PG), e.g.
//   BENCH_PG=postgres://postgres@127.0.0.1:5432/postgres npm run bench
// Skipped (null) when neither is set or the server cannot be reached. The database is dropped
// afterwards. Wall time includes the server's work (its CPU is not in the client's figures).
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { runNode } from './lib/measure.mjs';

async function admin(url, statement) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** { wallMs, rowsPerSec, maxRssKB, cpuMs } of `hotline import <file>` on PostgreSQL, or null when none is reachable. */
export async function pgImport(bin, file, rows, label, env, log) {
  const base = process.env.BENCH_PG || process.env.HOTLINE_TEST_PG;
  if (!base) return null;
  const name = `hotline_bench_${label}_${process.pid}`;
  try {
    await admin(base, `create database ${name} template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C.UTF-8'`);
  } catch (e) {
    log(`  PostgreSQL at ${base.replace(/:[^:@/]*@/, ':***@')} not reachable (${e.message}): row skipped`);
    return null;
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    const init = spawnSync(process.execPath, [bin, 'init', '--db', url.toString()], { env: { ...process.env, ...env }, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`hotline init (PostgreSQL) failed: ${init.stderr}`);
    log(`  hotline import on PostgreSQL…`);
    const h = await runNode(bin, ['import', file, '--db', url.toString(), '--json'], { env });
    if (h.code !== 0) throw new Error(`hotline import (PostgreSQL) exited ${h.code}: ${h.stderr.slice(-2000)}`);
    return { wallMs: h.wallMs, rowsPerSec: rows / (h.wallMs / 1000), maxRssKB: h.maxRssKB, cpuMs: h.userMs + h.systemMs };
  } finally {
    await admin(base, `drop database if exists ${name}`).catch(() => undefined);
  }
}
