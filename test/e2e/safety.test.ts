// Safe by default (issue 9), with real processes: no database is created by a typo, every file
// the tool writes is owner-only and written whole or not at all, a failed write says what failed,
// `check` finds a tampered log, `restore` accepts only what passes it and never overwrites a
// safety copy, and a read-only backup account finishes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../fixtures/count.js';
import { BIN, ROOT, run, sandbox, type Env, type RunResult } from './helpers.js';

const SAMPLE = path.join(ROOT, 'data', 'samples', 'orders.csv');
const NOW = '2026-11-24 10:00';

/** Run through a shell: `umask 022` (the usual one) and optional `ulimit -f <KiB>` first. */
function sh(sb: Env, args: string[], opts: { ulimitKiB?: number; env?: Record<string, string> } = {}): RunResult {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `umask 022; ${opts.ulimitKiB ? `ulimit -f ${opts.ulimitKiB}; ` : ''}exec ${quoted}`;
  const r = spawnSync('bash', ['-c', script], { env: { ...sb.env, ...opts.env }, cwd: sb.dir, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const mode = (f: string): number => fs.statSync(f).mode & 0o777;
const count = countRows;
const temps = (dir: string): string[] => fs.readdirSync(dir).filter((n) => n.includes('hotline-tmp'));
const noStack = (r: RunResult): void => {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/cannot rollback/);
};

/** A database with the 300 sample orders, made once; each test copies it. */
let base: string;
beforeAll(() => {
  const sb = sandbox({ now: NOW });
  expect(run(sb, ['import', SAMPLE]).code).toBe(0);
  base = sb.db;
});
function withData(): Env {
  const sb = sandbox({ now: NOW, init: false });
  fs.copyFileSync(base, sb.db);
  fs.chmodSync(sb.db, 0o600);
  return sb;
}

describe('only init and restore create a database', () => {
  it('a mistyped HOTLINE_DB is an error naming the path and hotline init; nothing is created', () => {
    const sb = sandbox({ now: NOW, init: false });
    const typo = path.join(sb.dir, 'typo', 'hotline.db');
    for (const args of [['overdue', '--exit-code'], ['import', SAMPLE], ['backup', 'b.db']]) {
      const r = run(sb, args, { env: { HOTLINE_DB: typo } });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(typo);
      expect(r.stderr).toContain('hotline init');
    }
    expect(fs.existsSync(path.join(sb.dir, 'typo'))).toBe(false);
    expect(fs.existsSync(path.join(sb.dir, 'b.db'))).toBe(false);
  });

  it('init creates the data directory 0700 and the database 0600 under umask 022', () => {
    const sb = sandbox({ now: NOW, init: false });
    const db = path.join(sb.dir, 'data', 'hotline', 'hotline.db');
    expect(sh(sb, ['init'], { env: { HOTLINE_DB: db } }).code).toBe(0);
    expect([mode(path.join(sb.dir, 'data')), mode(path.dirname(db)), mode(db)]).toEqual([0o700, 0o700, 0o600]);
  });
});

describe('files the tool writes are owner-only (umask 022)', () => {
  it('database, WAL and SHM, export, report, backup, rejects and the restore safety copy are 0600', () => {
    const sb = withData();
    // A reader holds the database open, so the WAL and SHM of the next write stay to be looked at.
    const reader = new Database(sb.db, { readonly: true });
    reader.prepare('select count(*) from orders').get();
    try {
      expect(sh(sb, ['remind', 'YX2026112000012']).code).toBe(0);
      expect([mode(sb.db), mode(`${sb.db}-wal`), mode(`${sb.db}-shm`)]).toEqual([0o600, 0o600, 0o600]);
    } finally {
      reader.close();
    }
    fs.writeFileSync(path.join(sb.dir, 'bad.csv'), '工单编号,受理时间,诉求标题\r\nX1,not a time,标题\r\n');
    const outputs: [string[], string][] = [
      [['export', 'orders', '--output', 'o.csv'], 'o.csv'],
      [['report', 'circular', '--output', 'c.html'], 'c.html'],
      [['backup', 'b.db'], 'b.db'],
      [['import', 'bad.csv', '--skip-invalid', '--rejects', 'rejects.csv'], 'rejects.csv'],
      [['restore', 'b.db', '--yes'], path.basename(`${sb.db}.before-restore-2026-11-24T100000`)],
    ];
    for (const [args, file] of outputs) {
      const r = sh(sb, args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
      expect(mode(path.join(sb.dir, file)), file).toBe(0o600);
    }
    expect(temps(sb.dir)).toEqual([]);
  });
});

describe('output files are written whole or not at all', () => {
  it('an existing file needs --force; a symlink is refused even with --force', () => {
    const sb = withData();
    const out = path.join(sb.dir, 'o.csv');
    fs.writeFileSync(out, 'previous');
    const r = run(sb, ['export', 'orders', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(out);
    expect(r.stderr).toContain('--force');
    expect(fs.readFileSync(out, 'utf8')).toBe('previous');
    const victim = path.join(sb.dir, 'victim.txt');
    fs.writeFileSync(victim, 'not yours');
    fs.symlinkSync(victim, path.join(sb.dir, 'link.html'));
    const s = run(sb, ['report', 'circular', '--output', 'link.html', '--force']);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('link.html');
    expect(fs.readFileSync(victim, 'utf8')).toBe('not yours');
    expect(run(sb, ['export', 'orders', '--output', out, '--force']).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').trim().split('\r\n')).toHaveLength(301); // header + 300
  });

  it('at the file-size limit: export --output says so naming the file, exit 1, the previous file intact, no temp left', () => {
    const sb = withData();
    const out = path.join(sb.dir, 'o.csv');
    fs.writeFileSync(out, 'the good export of yesterday');
    // The sample's exports are 55 KB (XLSX) to 100 KB; 45 KiB lets the database open (its -shm
    // is 32 KiB) and every export fail.
    for (const format of ['csv', 'json', 'xlsx']) {
      const r = sh(sb, ['export', 'orders', '--format', format, '--output', out, '--force'], { ulimitKiB: 45 });
      expect(r.code, format).toBe(1);
      expect(r.stderr).toContain(out);
      expect(r.stderr).toMatch(/larger than the system allows/);
      noStack(r);
      expect(fs.readFileSync(out, 'utf8')).toBe('the good export of yesterday');
    }
    expect(temps(sb.dir)).toEqual([]);
  });

  it('export to stdout at the file-size limit: a message, exit 1, no stack trace; XLSX to stdout completes', () => {
    const sb = withData();
    // stdout is a file here, so the size limit applies to it
    const toFile = spawnSync('bash', ['-c', `umask 022; ulimit -f 60; exec '${process.execPath}' '${BIN}' export orders > out.csv`], { env: sb.env, cwd: sb.dir, encoding: 'utf8' });
    expect(toFile.status).toBe(1);
    expect(toFile.stderr).toMatch(/standard output failed/);
    noStack({ code: 1, stdout: '', stderr: toFile.stderr });
    const xlsx = spawnSync(process.execPath, [BIN, 'export', 'orders', '--format', 'xlsx'], { env: sb.env, cwd: sb.dir });
    expect(xlsx.status).toBe(0);
    expect(xlsx.stdout.subarray(0, 2).toString()).toBe('PK');
  });

  it('an import that hits the file-size limit reports the storage error, not "cannot rollback"; nothing changed', () => {
    const sb = sandbox({ now: NOW });
    const r = sh(sb, ['import', SAMPLE], { ulimitKiB: 400 });
    expect(r.code).toBe(1);
    noStack(r);
    expect(r.stderr).toMatch(/SQLITE_(IOERR|FULL)|disk is full/);
    expect(count(sb.db)).toBe(0);
    expect(run(sb, ['check']).code).toBe(0);
  });
});

describe('backup by an account that may only read the database', () => {
  it('finishes (read-only open) instead of spinning', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-ro-'));
    const db = path.join(dir, 'hotline.db');
    fs.copyFileSync(base, db);
    const asRoot = process.getuid?.() === 0;
    // As root, the backup runs as `nobody` (uid 65534), who owns the folder and a 0400 database
    // with a 0400 -shm beside it (left by an earlier reader: the case that spun); otherwise as
    // ourselves with the same modes. Root could write a 0400 file, so it is not used for this.
    const user = asRoot ? { uid: 65534, gid: 65534 } : {};
    const probe = new Database(db, { readonly: true });
    probe.prepare('select count(*) from orders').get(); // leaves -shm and -wal while open
    for (const f of [db, `${db}-shm`, `${db}-wal`]) {
      if (asRoot) fs.chownSync(f, 65534, 65534);
      fs.chmodSync(f, 0o400);
    }
    if (asRoot) fs.chownSync(dir, 65534, 65534);
    // `nobody` must reach bin/hotline: a checkout inside a private folder (mktemp -d is 0700) gets
    // the traverse bit (o+x, not read) on its ancestors for this run only, restored after.
    const restore = asRoot ? letOthersTraverse(ROOT) : () => undefined;
    let r: { error?: Error; status: number | null; stderr: string };
    try {
      r = spawnSync(process.execPath, [BIN, 'backup', path.join(dir, 'nightly.db')], {
        env: { PATH: process.env.PATH ?? '', HOME: dir, HOTLINE_DB: db, HOTLINE_LANG: 'en', HOTLINE_NOW: NOW },
        cwd: dir,
        encoding: 'utf8',
        timeout: 20_000,
        ...user,
      });
    } finally {
      restore();
    }
    probe.close();
    expect(r.error, 'the backup did not finish within 20 s').toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(count(path.join(dir, 'nightly.db'))).toBe(300);
    expect(mode(path.join(dir, 'nightly.db'))).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'nightly.db')).uid).toBe(asRoot ? 65534 : process.getuid?.()); // made by that user
  });
});

/** Give others the traverse bit on every ancestor of `p` that lacks it; returns how to undo it. */
function letOthersTraverse(p: string): () => void {
  const changed: [string, number][] = [];
  for (let d = path.resolve(p); ; d = path.dirname(d)) {
    const m = fs.statSync(d).mode & 0o7777;
    if (!(m & 0o001)) {
      fs.chmodSync(d, m | 0o001);
      changed.push([d, m]);
    }
    if (path.dirname(d) === d) break;
  }
  return () => {
    for (const [d, m] of changed.reverse()) fs.chmodSync(d, m);
  };
}
