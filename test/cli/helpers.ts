// In-process CLI runs: the same runCli that bin/hotline calls, with injected streams (no
// terminal, like cron or a script), a temp database and a fixed clock. Fast enough to walk whole
// workflows; test/e2e/ runs the built bin/hotline itself for what needs real processes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  db: string;
  dir: string;
  env: Record<string, string>;
}

export async function sandbox(options: { init?: boolean; now?: string; lang?: 'zh' | 'en' } = {}): Promise<Sandbox> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-cli-'));
  const db = path.join(dir, 'hotline.db');
  const env: Record<string, string> = { HOME: dir, HOTLINE_DB: db, HOTLINE_LANG: options.lang ?? 'en', HOTLINE_OPERATOR: 'clerk' };
  if (options.now) env.HOTLINE_NOW = options.now;
  const sb = { db, dir, env };
  if (options.init !== false) {
    const r = await cli(sb, ['init']);
    if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  }
  return sb;
}

export async function cli(sb: Sandbox, args: string[], extra: { input?: string | Buffer; env?: Record<string, string> } = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (d: Buffer) => out.push(d));
  stderr.on('data', (d: Buffer) => err.push(d));
  const stdin = Readable.from(extra.input === undefined ? [] : [typeof extra.input === 'string' ? Buffer.from(extra.input) : extra.input]);
  const code = await runCli(args, { stdin, stdout, stderr, env: { ...sb.env, ...extra.env } });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

export async function ok(sb: Sandbox, args: string[], extra: { env?: Record<string, string> } = {}): Promise<CliResult> {
  const r = await cli(sb, args, extra);
  expect(r.code, `hotline ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
}

export async function json<T = unknown>(sb: Sandbox, args: string[], extra: { env?: Record<string, string> } = {}): Promise<T> {
  const r = await ok(sb, [...args, '--json'], extra);
  return JSON.parse(r.stdout) as T;
}

/**
 * A fake terminal: stdin and stdout claim to be TTYs so the CLI prompts; `keys` are typed into
 * stdin one by one, 150 ms apart. Returns the exit code and what the prompts wrote (stderr).
 */
export async function typeAtTerminal(sb: Sandbox, args: string[], keys: string[], env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, isRaw: false });
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 40 });
  const stderr = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 40 });
  const err: Buffer[] = [];
  stderr.on('data', (d: Buffer) => err.push(d));
  stdout.resume();
  const run = runCli(args, { stdin, stdout, stderr, env: { ...sb.env, ...env } });
  for (const k of keys) {
    await new Promise((r) => setTimeout(r, 150));
    stdin.write(k);
  }
  const code = await run;
  return { code, stderr: Buffer.concat(err).toString('utf8') };
}
