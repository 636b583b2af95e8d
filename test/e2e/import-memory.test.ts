// Finding 7: bounded memory on hostile input. Each file is generated here; the import runs in a
// child process that reports its peak RSS (process.resourceUsage().maxRSS) when it ends. Before
// the bounds: a 400 KB XLSX with a 400 MB shared string took 2.5 GB, a 60 MB cell was stored, and
// every rejected row was kept (1M rows with a bad date: 1.15 GB).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, sandbox, type Env } from './helpers.js';
import { csvWithBadDates, csvWithHugeCell, xlsxWithHugeSharedString } from './hostile-files.js';

/** The bound README states for an import, whatever the file. */
const BOUND_MB = 256;

function importMeasured(sb: Env, args: string[]): { code: number; stderr: string; peakMB: number } {
  const main = pathToFileURL(path.join(ROOT, 'dist', 'cli', 'main.js')).href;
  const script = `const { runCli } = await import(${JSON.stringify(main)});
const code = await runCli(process.argv.slice(1), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
process.stderr.write('\\nPEAK_RSS_KB ' + process.resourceUsage().maxRSS + '\\n');
process.exitCode = code;`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, 'import', ...args], { env: sb.env, cwd: sb.dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const m = /PEAK_RSS_KB (\d+)/.exec(r.stderr);
  return { code: r.status ?? -1, stderr: r.stderr, peakMB: m ? Number(m[1]) / 1024 : Infinity };
}

describe('an import stays within its memory bound on hostile files', () => {
  it('a ~400 KB XLSX whose shared string unzips to 400 MB is refused at the first MB', () => {
    const sb = sandbox({ now: '2026-11-24 10:00' });
    const f = path.join(sb.dir, 'bomb.xlsx');
    xlsxWithHugeSharedString(f, 400);
    expect(fs.statSync(f).size).toBeLessThan(600 * 1024);
    const r = importMeasured(sb, [f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/one text is larger than 1 MB/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.peakMB).toBeLessThan(BOUND_MB);
  });

  it('a 60 MB cell is not stored: the file is refused naming the record', () => {
    const sb = sandbox({ now: '2026-11-24 10:00' });
    const f = path.join(sb.dir, 'cell.csv');
    csvWithHugeCell(f, 60);
    const r = importMeasured(sb, [f, '--skip-invalid']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/record starting on line 3 is longer than 1048576 characters/);
    expect(r.peakMB).toBeLessThan(BOUND_MB);
  });

  it('250,000 rows each with a bad date: counted, only the first kept in memory, the rejects file streamed', async () => {
    const sb = sandbox({ now: '2026-11-24 10:00' });
    const f = path.join(sb.dir, 'bad.csv');
    await csvWithBadDates(f, 250_000);
    const rejects = path.join(sb.dir, 'rejects.csv');
    const r = importMeasured(sb, [f, '--skip-invalid', '--rejects', rejects]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/250000 bad rows not imported/);
    // every bad row is in the rejects file (header + 250,000 lines), names and phones masked
    const text = fs.readFileSync(rejects, 'utf8');
    expect(text.split('\r\n').length - 2).toBe(250_000);
    expect(text).toContain('YX000250000,不是日期250000,投诉,夜间施工噪音,张*,138****0000');
    console.log(`peak RSS: ${Math.round(r.peakMB)} MB`);
    expect(r.peakMB).toBeLessThan(BOUND_MB);
  }, 60_000);
});
