// The README's quick start, word for word, with the real bin/hotline and the default database
// location (XDG_DATA_HOME pointed at a temp folder), no terminal, as cron would run it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.js';

describe('quick start', () => {
  it('init, import the sample, the overdue watch and the circular on the default database', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-home-'));
    const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_DATA_HOME: path.join(home, 'data'), LANG: 'zh_CN.UTF-8', HOTLINE_NOW: '2026-11-24 10:00' };
    const hotline = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, cwd: ROOT, encoding: 'utf8' });
    expect(hotline('init').status).toBe(0);
    const imp = hotline('import', 'data/samples/orders.csv');
    expect(imp.status).toBe(0);
    expect(imp.stderr).toContain('新增 300');
    expect(fs.existsSync(path.join(home, 'data', 'hotline', 'hotline.db'))).toBe(true);
    const overdue = hotline('overdue', '--exit-code');
    expect(overdue.status).toBe(3); // the samples were never dispatched: plenty is overdue
    expect(overdue.stdout).toContain('超期');
    const circular = hotline('report', 'circular', '--from', '2026-11-16', '--to', '2026-11-23');
    expect(circular.status).toBe(0);
    expect(circular.stdout).toContain('受理量');
    // …and the database it leaves passes check (states, figure facts, hash chain).
    const check = hotline('check');
    expect(check.status, check.stdout).toBe(0);
    const version = hotline('--version');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  }, 60_000);
});
