// Finding 10: `import --dispatch` killed after the import's commit (before or during its
// dispatch) used to leave the new orders pending for ever. A re-run of the same file dispatches
// what the first run left (real processes, kill -9).
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../bench/make-csv.mjs';
import { BIN, json, run, sandbox } from './helpers.js';

describe('import --dispatch killed after its commit', () => {
  it('a re-run of the same file dispatches what the killed run left pending', async () => {
    const sb = sandbox({ now: '2026-11-24 10:00' });
    const f = path.join(sb.dir, 'orders.csv');
    await writeCsv(3000, f, 20261120);
    // One routing rule: the file's 城乡建设 orders go to 城关街道 (cgjd).
    expect(run(sb, ['rules', 'add', '--category', '城乡建设', '--unit', 'cgjd', '--priority', '10']).code).toBe(0);
    const child = spawn(process.execPath, [BIN, 'import', f, '--dispatch'], { env: sb.env, cwd: sb.dir, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Kill it as soon as the import's commit is visible (its orders are there).
    const count = (): number => {
      try {
        const db = new Database(sb.db, { readonly: true, timeout: 100 });
        try {
          return (db.prepare('select count(*) as n from orders').get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0;
      }
    };
    const started = Date.now();
    while (count() < 3000 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    expect(count()).toBe(3000);

    const again = json<{ new: number; unchanged: number; autoDispatched: number }>(sb, ['import', f, '--dispatch']);
    expect(again).toMatchObject({ new: 0, unchanged: 3000 });
    console.log(`the re-run dispatched ${again.autoDispatched}`);
    // Nothing a rule matches is left pending.
    const plan = json<{ wouldDispatch: unknown[]; left: unknown[] }>(sb, ['dispatch', '--auto', '--dry-run']);
    expect(plan.wouldDispatch).toEqual([]);
    const dispatched = JSON.parse(run(sb, ['list', '--status', 'dispatched', '--json']).stdout) as unknown[];
    expect(dispatched.length).toBeGreaterThan(0);
    expect(dispatched.length + plan.left.length).toBe(3000);
  }, 120_000);
});
