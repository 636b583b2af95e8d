// Run one process and measure it: wall time (here, around the spawn: Node's start-up included, as a
// user waits for it), peak RSS and CPU (from inside the child, see rss-wrap.mjs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WRAP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rss-wrap.mjs');
let seq = 0;

/**
 * Run `node <script> ...args` (through the wrapper) with stdout to `stdoutFile` (or /dev/null).
 * Resolves to { wallMs, maxRssKB, userMs, systemMs, code, stderr, stdoutBytes }.
 */
export async function runNode(script, args, { env = {}, stdoutFile = null, cwd = process.cwd() } = {}) {
  const usageFile = path.join(os.tmpdir(), `hotline-bench-${process.pid}-${++seq}.json`);
  const { wallMs, code, stderr } = await spawnTimed(process.execPath, [WRAP, script, ...args], { cwd, env: { ...process.env, ...env, BENCH_USAGE_FILE: usageFile } }, stdoutFile, 1);
  let usage = { maxRssKB: null, userMs: null, systemMs: null };
  try {
    usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
    fs.rmSync(usageFile);
  } catch {
    // the child died before its exit handler ran
  }
  const stdoutBytes = stdoutFile ? fs.statSync(stdoutFile).size : null;
  return { wallMs, maxRssKB: usage.maxRssKB, userMs: usage.userMs, systemMs: usage.systemMs, code, stderr, stdoutBytes };
}

/** Spawn with stdout (fd `outFd`) to a file or /dev/null and stderr collected; wall time around it. */
async function spawnTimed(cmd, args, options, stdoutFile, outFd) {
  const out = fs.openSync(stdoutFile ?? '/dev/null', 'w');
  const stdio = ['ignore', 'ignore', 'pipe'];
  stdio[outFd] = out;
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, args, { ...options, stdio });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s) => {
    if (stderr.length < 100_000) stderr += s;
  });
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  fs.closeSync(out);
  return { wallMs, code, stderr };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Run a program that is not Node (sqlite-utils, sqlite3) and measure it: wall time around the
 * spawn, and the CPU time the kernel counted for it (bash's `times`: the children's user and
 * system time). Resolves to { wallMs, cpuMs, code, stderr }.
 */
export async function runTool(argv, { stdoutFile = null, cwd = process.cwd() } = {}) {
  // The tool's stdout goes to fd 3 (the file); bash's own stdout is unused.
  const r = await spawnTimed('bash', ['-c', '"$@" >&3; c=$?; times >&2; exit $c', 'bench', ...argv], { cwd }, stdoutFile, 3);
  // `times`: the shell's own user/system, then its children's: "0m1.234s 0m0.056s".
  const lines = r.stderr.trimEnd().split('\n');
  const sec = (s) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(s);
    return m ? (Number(m[1]) * 60 + Number(m[2])) * 1000 : NaN;
  };
  const [user, sys] = (lines[lines.length - 1] ?? '').split(' ').map(sec);
  return { wallMs: r.wallMs, cpuMs: user + sys, code: r.code, stderr: lines.slice(0, -2).join('\n') };
}

/** Is a program on the PATH? */
export function onPath(cmd) {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, cmd)));
}
