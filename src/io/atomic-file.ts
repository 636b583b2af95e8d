// The one way the tool writes an output file (exports, reports, rejects, backups, safety copies):
// into a temporary file beside the target, owner-only (0600 whatever the umask), flushed to disk,
// then renamed over the target. A write that fails or is killed leaves the previous file exactly
// as it was; a failed write removes its temporary file, and one left by a killed process (its pid
// no longer alive) is swept the next time that target is written. An existing target needs
// `force`; a symlink or a directory as target is refused. Every file-system error becomes a
// Refusal naming the file (disk full, file too large, no permission, no such folder), never a
// stack trace.
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Refusal } from '../domain/errors.js';

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export interface AtomicOptions {
  /** Replace an existing target (else a Refusal naming the file and --force). */
  force?: boolean;
}

/** An output file being written: write chunks to `stream`, then `commit()` or `abort()`. */
export interface AtomicWriter {
  readonly target: string;
  readonly tempPath: string;
  /** Chunks written here go to the temporary file (buffered, flushed in 64 KiB writes). */
  readonly stream: Writable;
  /** Flush, fsync, and rename over the target. Throws a Refusal if anything failed. */
  commit(): Promise<void>;
  /** Drop the temporary file; the target is left as it was. Safe to call twice or after commit. */
  abort(): Promise<void>;
}

/** The Refusal for a file-system error on `file`: what went wrong in the user's words. */
export function fileRefusal(e: unknown, file: string): Refusal {
  if (e instanceof Refusal) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new Refusal('file.diskFull', { path: file });
    case 'EFBIG':
      return new Refusal('file.tooLarge', { path: file });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new Refusal('file.noPermission', { path: file });
    case 'ENOENT':
    case 'ENOTDIR':
      return new Refusal('file.noFolder', { path: file, dir: path.dirname(file) });
    case 'EISDIR':
      return new Refusal('file.isDirectory', { path: file });
    default:
      return new Refusal('file.writeFailed', { path: file, reason: (e as Error | undefined)?.message ?? String(e) });
  }
}

/**
 * Refuse a target the tool must not write: a symlink (it would write wherever the link points),
 * a directory, or an existing file without `force`.
 */
export function checkTarget(target: string, options: AtomicOptions = {}): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fileRefusal(e, target);
  }
  if (st.isSymbolicLink()) throw new Refusal('file.symlink', { path: target });
  if (st.isDirectory()) throw new Refusal('file.isDirectory', { path: target });
  if (!options.force) throw new Refusal('file.exists', { path: target });
}

/** Create a directory (and missing parents) owner-only; an existing one is left as it is. */
export function ensurePrivateDir(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      fs.mkdirSync(d, { mode: DIR_MODE });
      fs.chmodSync(d, DIR_MODE); // the umask may have taken bits away; never adds, but be exact
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** Make an existing file owner-only (the database, its WAL and SHM). Missing files are skipped. */
export function makePrivate(file: string): void {
  try {
    fs.chmodSync(file, FILE_MODE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

const TEMP_SUFFIX = '.hotline-tmp';
const live = new Set<string>();
let exitHook = false;

function tempName(target: string): string {
  const rand = Math.random().toString(36).slice(2, 10);
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${rand}${TEMP_SUFFIX}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove temporary files of this target left by processes that were killed mid-write. */
function sweep(target: string): void {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.includes(TEMP_SUFFIX)) continue; // with SQLite's -journal of a killed backup
    const pid = Number(n.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid)) fs.rmSync(path.join(dir, n), { force: true });
  }
}

/**
 * Remove this process's temporary files when it exits. A process killed mid-write (kill -9, or a
 * signal's default action) leaves its file behind, for the next write of the same target to sweep.
 */
function track(temp: string): void {
  live.add(temp);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const t of live) fs.rmSync(t, { force: true });
  });
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // some file systems do not let a directory be fsynced; the rename is still atomic
  }
}

/** Open a temporary file beside `target` for writing; nothing is visible at `target` until commit. */
export function openAtomic(target: string, options: AtomicOptions = {}): AtomicWriter {
  const file = path.resolve(target);
  checkTarget(file, options);
  sweep(file);
  const temp = tempName(file);
  let fd: number;
  try {
    fd = fs.openSync(temp, 'wx', FILE_MODE);
  } catch (e) {
    throw fileRefusal(e, file);
  }
  track(temp);
  let failure: unknown;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    try {
      fs.closeSync(fd);
    } catch {
      // already gone
    }
  };
  const remove = (): void => {
    close();
    fs.rmSync(temp, { force: true });
    live.delete(temp);
  };
  try {
    fs.fchmodSync(fd, FILE_MODE);
  } catch (e) {
    remove();
    throw fileRefusal(e, file);
  }
  let pending: Buffer[] = [];
  let size = 0;
  const flush = (): void => {
    if (size === 0) return;
    const buf = pending.length === 1 ? pending[0]! : Buffer.concat(pending, size);
    pending = [];
    size = 0;
    let off = 0;
    while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
  };
  const stream = new Writable({
    write(chunk: Buffer | string, encoding, cb) {
      try {
        const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding);
        pending.push(b);
        size += b.length;
        if (size >= 64 * 1024) flush();
        cb();
      } catch (e) {
        failure ??= e;
        cb(e as Error);
      }
    },
    final(cb) {
      try {
        flush();
        cb();
      } catch (e) {
        failure ??= e;
        cb(e as Error);
      }
    },
  });
  stream.on('error', (e) => {
    failure ??= e;
  });
  let done = false;
  return {
    target: file,
    tempPath: temp,
    stream,
    async commit() {
      if (done) return;
      try {
        if (failure) throw failure;
        if (!stream.writableFinished) {
          if (!stream.writableEnded) stream.end();
          await finished(stream);
        }
        if (failure) throw failure;
        fs.fsyncSync(fd);
        close();
        checkTarget(file, options); // someone may have put a file or link there meanwhile
        fs.renameSync(temp, file);
        live.delete(temp);
        done = true;
        fsyncDir(path.dirname(file));
      } catch (e) {
        done = true;
        stream.destroy();
        remove();
        throw fileRefusal(e, file);
      }
    },
    async abort() {
      if (done) return;
      done = true;
      stream.destroy();
      remove();
    },
  };
}

/** Write a whole buffer or string to `target` atomically (see openAtomic). */
export async function writeFileAtomic(target: string, data: string | Buffer | Uint8Array, options: AtomicOptions = {}): Promise<void> {
  const w = openAtomic(target, options);
  try {
    w.stream.end(typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  } catch (e) {
    await w.abort();
    throw fileRefusal(e, w.target);
  }
  await w.commit();
}

/**
 * Produce `target` with a function that writes a whole file at a path it is given (SQLite's
 * backup API, for one): it writes to the temporary path, and the result is renamed over the target.
 */
export async function produceAtomic(target: string, options: AtomicOptions, make: (tempPath: string) => Promise<void>): Promise<void> {
  const w = openAtomic(target, options);
  const temp = w.tempPath;
  try {
    await make(temp);
    fs.chmodSync(temp, FILE_MODE);
    const fd = fs.openSync(temp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    await w.abort();
    throw fileRefusal(e, w.target);
  }
  await w.commit();
}
