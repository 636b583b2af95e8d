// bin/hotline runs the one-file bundle (dist/bundle/hotline.cjs, made by `npm run build`) with a
// V8 code cache beside it. The cache is an optimisation only: absent, stale, corrupt or not safely
// owned, it is ignored (and rewritten when it can be); --debug traces name src/ lines.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** A private copy of bin/ and the bundle (node_modules, data, package.json linked), so the shared cache is not touched. */
function copy(): { bin: string; cache: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-bundle-'));
  fs.cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'dist', 'bundle'), { recursive: true });
  for (const f of ['hotline.cjs', 'hotline.cjs.map']) fs.copyFileSync(path.join(ROOT, 'dist', 'bundle', f), path.join(dir, 'dist', 'bundle', f));
  for (const f of ['node_modules', 'data', 'package.json']) fs.symlinkSync(path.join(ROOT, f), path.join(dir, f));
  return { bin: path.join(dir, 'bin', 'hotline'), cache: path.join(dir, 'dist', 'bundle', 'hotline.cjs.cache') };
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-bundle-db-'));

function run(bin: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', HOME: home, HOTLINE_DB: path.join(home, 'h.db'), HOTLINE_LANG: 'en', ...env }, encoding: 'utf8' });
}

describe('the CLI bundle and its code cache', () => {
  it('is what bin/hotline runs, with no import() left for a vm.Script to trip on', () => {
    const source = fs.readFileSync(path.join(ROOT, 'dist', 'bundle', 'hotline.cjs'), 'utf8');
    expect(/\bimport\(/.test(source)).toBe(false);
    // format-specific packages stay out: required only when a command needs them
    for (const pkg of ['exceljs', 'echarts/core', 'iconv-lite']) expect(source.includes(`("${pkg}")`), pkg).toBe(true);
    // better-sqlite3's JavaScript is in (compiled from the code cache), its native addon is not
    expect(source.includes('("better-sqlite3")')).toBe(false);
    expect(source).toContain('better_sqlite3.node');
    expect(source).toContain('SqliteError');
  });

  it('writes the cache on the first run, owner-only, and uses it after', () => {
    const { bin, cache } = copy();
    expect(fs.existsSync(cache)).toBe(false);
    const first = run(bin, ['init']);
    expect(first.status, first.stderr).toBe(0);
    expect(fs.statSync(cache).mode & 0o777).toBe(0o600);
    const before = fs.readFileSync(cache);
    const second = run(bin, ['overdue']);
    expect(second.status, second.stderr).toBe(0);
    expect(fs.readFileSync(cache).equals(before)).toBe(true); // accepted: not rewritten
  });

  it('ignores a corrupt or stale cache and replaces it', () => {
    const { bin, cache } = copy();
    expect(run(bin, ['--version']).status).toBe(0);
    const head = fs.readFileSync(cache).subarray(0, fs.readFileSync(cache).indexOf(10) + 1);
    fs.writeFileSync(cache, Buffer.concat([head, Buffer.from('not a code cache')]), { mode: 0o600 });
    const corrupt = run(bin, ['--version']);
    expect(corrupt.status).toBe(0);
    expect(corrupt.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(fs.readFileSync(cache).length).toBeGreaterThan(1000); // rewritten
    // the bundle changed (another build): the old cache names another file and is not used
    fs.appendFileSync(path.join(path.dirname(cache), 'hotline.cjs'), '\n');
    const stale = run(bin, ['--version']);
    expect(stale.status).toBe(0);
    expect(fs.readFileSync(cache).subarray(0, head.length).equals(head)).toBe(false);
  });

  it('does not use a cache others can write', () => {
    const { bin, cache } = copy();
    expect(run(bin, ['--version']).status).toBe(0);
    fs.writeFileSync(cache, Buffer.concat([fs.readFileSync(cache).subarray(0, fs.readFileSync(cache).indexOf(10) + 1), Buffer.from('planted')]));
    fs.chmodSync(cache, 0o666);
    const r = run(bin, ['--version']);
    expect(r.status).toBe(0);
    expect(fs.statSync(cache).mode & 0o777).toBe(0o600); // replaced by a fresh one
  });

  it('is ASCII (no two-byte source at every start), its source map still naming the right src/ line after an escaped character', () => {
    const code = fs.readFileSync(path.join(ROOT, 'dist', 'bundle', 'hotline.cjs'), 'utf8');
    expect(/[^\x00-\x7f]/.test(code)).toBe(false);
    // In domain/time.ts, TIME_PART and NAIVE come after the Chinese date separators on their bundle line.
    const map = new SourceMap(JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'bundle', 'hotline.cjs.map'), 'utf8')) as SourceMapPayload);
    const src = fs.readFileSync(path.join(ROOT, 'src', 'domain', 'time.ts'), 'utf8').split('\n');
    for (const [generated, original, name] of [
      ['TIME_PART=String.raw', 'const TIME_PART = String.raw', 'TIME_PART'],
      ['NAIVE=new RegExp', 'const NAIVE = new RegExp', 'NAIVE'],
    ] as const) {
      const at = code.indexOf(generated);
      const before = code.slice(0, at);
      const entry = map.findEntry(before.split('\n').length - 1, at - before.lastIndexOf('\n') - 1) as { originalSource: string; originalLine: number; originalColumn: number };
      expect(entry.originalSource).toMatch(/src\/domain\/time\.ts$/);
      const line = src.findIndex((l) => l.startsWith(original));
      expect([entry.originalLine, entry.originalColumn], generated).toEqual([line, src[line]!.indexOf(name)]);
    }
  });

  it('loads only what a plain command needs: no import reader, no format package, no hashing, no holiday file for list', () => {
    const hook = path.join(home, 'record-loads.cjs');
    const out = path.join(home, 'loads.txt');
    fs.writeFileSync(
      hook,
      `const M = require('node:module'); const fs = require('node:fs'); const seen = new Set(); const load = M._load;
       M._load = function (request, ...rest) { seen.add(request); return load.call(this, request, ...rest); };
       process.on('exit', () => fs.writeFileSync(${JSON.stringify(out)}, [...seen].join('\\n')));`,
    );
    const bin = path.join(ROOT, 'bin', 'hotline');
    expect(run(bin, ['init']).status).toBe(0);
    for (const args of [['overdue'], ['list']]) {
      const r = spawnSync(process.execPath, ['-r', hook, bin, ...args], { env: { PATH: process.env.PATH ?? '', HOME: home, HOTLINE_DB: path.join(home, 'h.db'), HOTLINE_LANG: 'en' }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const loaded = fs.readFileSync(out, 'utf8').split('\n');
      expect(loaded.some((m) => m.endsWith('better_sqlite3.node')), 'the database addon').toBe(true);
      for (const lazy of ['node:crypto', 'crypto', 'node:zlib', 'zlib', 'node:fs/promises', 'fs/promises', 'node:v8', 'node:child_process', 'iconv-lite', 'exceljs', 'echarts', 'bindings', '@node-rs/jieba', '@inquirer/prompts'])
        expect(loaded, `${args[0]} loaded ${lazy}`).not.toContain(lazy);
      if (args[0] === 'list') expect(loaded.some((m) => m.includes('chinese-days')), 'list read the holiday file').toBe(false);
    }
  });

  it('names src/ lines in --debug stack traces (source map)', () => {
    const r = run(path.join(ROOT, 'bin', 'hotline'), ['overdue', '--db', '/dev/null/x', '--debug']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/src\/store\/db\.ts:\d+/);
  });
});
