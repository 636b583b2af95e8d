// End-to-end helpers: run the built bin/hotline as a user would, on a temp database, with no
// terminal (stdout is a pipe), a fixed clock and a chosen language.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'hotline');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Env {
  db: string;
  dir: string;
  env: Record<string, string>;
}

/** A fresh temp directory and database path; `init` is run unless told not to. */
export function sandbox(options: { init?: boolean; now?: string; lang?: 'zh' | 'en' } = {}): Env {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-'));
  const db = path.join(dir, 'hotline.db');
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
