// The one way output files are written: temp beside the target, 0600, fsync, rename; refusals
// for an existing target without force, a symlink, and file-system errors; a failed write leaves
// the previous file and no temp file behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Refusal } from '../../src/domain/errors.js';
import { ensurePrivateDir, fileRefusal, openAtomic, produceAtomic, writeFileAtomic } from '../../src/io/atomic-file.js';

let dir: string;
let umask: number;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-atomic-'));
  umask = process.umask(0o000); // the widest umask: modes must still come out owner-only
});
afterEach(() => {
  process.umask(umask);
  fs.rmSync(dir, { recursive: true, force: true });
});

const mode = (f: string) => fs.statSync(f).mode & 0o777;
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof Refusal) return e.code;
    throw e;
  }
  return 'no refusal';
};
const leftovers = () => fs.readdirSync(dir).filter((n) => n.includes('hotline-tmp'));

describe('atomic output files', () => {
  it('writes a new file owner-only (0600) under umask 000, with no temp file left', async () => {
    const f = path.join(dir, 'out.csv');
    await writeFileAtomic(f, 'a,b\r\n');
    expect(fs.readFileSync(f, 'utf8')).toBe('a,b\r\n');
    expect(mode(f)).toBe(0o600);
    expect(leftovers()).toEqual([]);
  });

  it('refuses an existing target without force and replaces it with force', async () => {
    const f = path.join(dir, 'out.csv');
    fs.writeFileSync(f, 'old');
    await expect(writeFileAtomic(f, 'new')).rejects.toMatchObject({ code: 'file.exists', params: { path: f } });
    expect(fs.readFileSync(f, 'utf8')).toBe('old');
    await writeFileAtomic(f, 'new', { force: true });
    expect(fs.readFileSync(f, 'utf8')).toBe('new');
    expect(mode(f)).toBe(0o600);
  });

  it('refuses a symlink target even with force, and leaves what it points to alone', async () => {
    const victim = path.join(dir, 'victim');
    fs.writeFileSync(victim, 'keep');
    const link = path.join(dir, 'link.csv');
    fs.symlinkSync(victim, link);
    await expect(writeFileAtomic(link, 'x', { force: true })).rejects.toMatchObject({ code: 'file.symlink' });
    expect(fs.readFileSync(victim, 'utf8')).toBe('keep');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('a streamed write is invisible until commit; abort keeps the previous file and removes the temp', async () => {
    const f = path.join(dir, 'big.csv');
    fs.writeFileSync(f, 'previous');
    const w = openAtomic(f, { force: true });
    for (let i = 0; i < 5000; i++) w.stream.write(`row ${i}\r\n`);
    expect(fs.readFileSync(f, 'utf8')).toBe('previous');
    await w.abort();
    expect(fs.readFileSync(f, 'utf8')).toBe('previous');
    expect(leftovers()).toEqual([]);
    const w2 = openAtomic(f, { force: true });
    for (let i = 0; i < 5000; i++) w2.stream.write(`row ${i}\r\n`);
    await w2.commit();
    expect(fs.readFileSync(f, 'utf8').split('\r\n')).toHaveLength(5001);
  });

  it('sweeps a temp file left by a killed process (dead pid) the next time the target is written', async () => {
    const f = path.join(dir, 'out.csv');
    const dead = path.join(dir, `.out.csv.999999.abc.hotline-tmp`);
    const deadJournal = `${dead}-journal`;
    const mine = path.join(dir, `.out.csv.${process.pid}.abc.hotline-tmp`); // a live writer's: kept
    for (const t of [dead, deadJournal, mine]) fs.writeFileSync(t, 'half');
    await writeFileAtomic(f, 'x');
    expect(leftovers()).toEqual([path.basename(mine)]);
  });

  it('a file made at a temp path by someone else (a backup) is renamed over the target, 0600', async () => {
    const f = path.join(dir, 'copy.db');
    await produceAtomic(f, {}, async (temp) => fs.writeFileSync(temp, 'db bytes', { mode: 0o644 }));
    expect(fs.readFileSync(f, 'utf8')).toBe('db bytes');
    expect(mode(f)).toBe(0o600);
    await expect(produceAtomic(f, { force: true }, async () => Promise.reject(Object.assign(new Error('disk'), { code: 'ENOSPC' })))).rejects.toMatchObject({ code: 'file.diskFull', params: { path: f } });
    expect(fs.readFileSync(f, 'utf8')).toBe('db bytes');
    expect(leftovers()).toEqual([]);
  });

  it('a missing folder, a directory target and errno failures are refusals naming the file', () => {
    const f = path.join(dir, 'nope', 'out.csv');
    expect(refusal(() => openAtomic(f))).toBe('file.noFolder');
    expect(refusal(() => openAtomic(dir, { force: true }))).toBe('file.isDirectory');
    const codes = ['ENOSPC', 'EDQUOT', 'EFBIG', 'EACCES', 'EROFS', 'EIO'].map((code) => fileRefusal(Object.assign(new Error(code), { code }), f).code);
    expect(codes).toEqual(['file.diskFull', 'file.diskFull', 'file.tooLarge', 'file.noPermission', 'file.noPermission', 'file.writeFailed']);
  });

  it('creates missing directories 0700 and leaves an existing one alone', () => {
    fs.chmodSync(dir, 0o755);
    const deep = path.join(dir, 'a', 'b');
    ensurePrivateDir(deep);
    expect([mode(path.join(dir, 'a')), mode(deep), mode(dir)]).toEqual([0o700, 0o700, 0o755]);
  });
});
