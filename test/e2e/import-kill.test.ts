// A killed import (kill -9 mid-file) leaves the database as it was; running it again completes.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../bench/make-csv.mjs';
import { BIN, query, run, sandbox, untilWriting, type Env } from './helpers.js';

const count = (sb: Env): number => query<{ n: number }>(sb, 'select count(*) as n from orders')[0]!.n;

describe('kill -9 in the middle of an import', () => {
  it('leaves the database as before, and the same import then completes', async () => {
    const sb = sandbox({ now: '2026-11-24 10:00' });
    const small = path.join(sb.dir, 'small.csv');
    const big = path.join(sb.dir, 'big.csv');
    await writeCsv(15_000, big, 20261120);
    // The office imported the first 20 rows earlier in the day.
    fs.writeFileSync(small, fs.readFileSync(big, 'utf8').split('\r\n').slice(0, 21).join('\r\n') + '\r\n');
    expect(run(sb, ['import', small]).code).toBe(0);
    const before = count(sb);
    expect(before).toBe(20);

    const child = spawn(process.execPath, [BIN, 'import', big], { env: sb.env, cwd: sb.dir, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? -9 : _code)));
    // Kill it once it is visibly writing: the WAL holds uncommitted pages of this import (on
    // PostgreSQL: its write transaction holds the lock on events and has been writing a moment).
    await untilWriting(sb, 2_000_000, 100);
    child.kill('SIGKILL');
    expect(await exited).toBe(-9);
    expect(count(sb)).toBe(before);

    const again = run(sb, ['import', big, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: true, rows: 15_000, new: 15_000 - 20, unchanged: 20, rejected: 0 });
    expect(count(sb)).toBe(15_000);
  }, 120_000);
});
