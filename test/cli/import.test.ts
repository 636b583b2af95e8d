// Importing the city's exports through the CLI: each format, encodings, bad rows, re-import,
// updates, stdin, dry run. Counts are checked against the samples' README.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli, json, ok, sandbox } from './helpers.js';

const SAMPLES = path.resolve(__dirname, '..', '..', 'data', 'samples');
const sample = (f: string) => path.join(SAMPLES, f);
const NOW = '2026-11-24 10:00';

interface Summary {
  written: boolean;
  rows: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
  repeats: number;
  flagged: number;
  errors: { line: number; errors: { column: string | null; code: string }[] }[];
}

const count = async (sb: Awaited<ReturnType<typeof sandbox>>) => (await json<unknown[]>(sb, ['list'])).length;

describe('each format imports the sample', () => {
  for (const [file, extra] of [
    ['orders.csv', []],
    ['orders-gb18030.csv', []],
    ['orders.xlsx', []],
    ['orders.json', []],
  ] as [string, string[]][]) {
    it(`${file}: 300 orders, list --json agrees, the second time 0 new`, async () => {
      const sb = await sandbox({ now: NOW });
      const first = await json<Summary>(sb, ['import', sample(file), ...extra]);
      expect(first).toMatchObject({ written: true, rows: 300, new: 300, updated: 0, unchanged: 0, rejected: 0 });
      expect(await count(sb)).toBe(300);
      const again = await cli(sb, ['import', sample(file), '--json']);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ new: 0, updated: 0, unchanged: 300 });
      expect(again.stderr).toMatch(/imported already/);
      expect(await count(sb)).toBe(300);
    });
  }

  it('the formats agree: CSV, GB18030, XLSX and JSON of the same rows are all unchanged after the first', async () => {
    const sb = await sandbox({ now: NOW });
    await ok(sb, ['import', sample('orders.csv')]);
    for (const f of ['orders-gb18030.csv', 'orders.xlsx', 'orders.json']) {
      expect(await json<Summary>(sb, ['import', sample(f)])).toMatchObject({ new: 0, updated: 0, unchanged: 300 });
    }
    // The GB18030 file was read without --encoding: its Chinese text matches the UTF-8 file's.
    const shown = await json<{ title: string; town: string }>(sb, ['show', 'YX2026102300001']);
    expect(shown.town).toBe('望江镇');
    expect(shown.title).toBe('社保缴费基数咨询');
  });

  it('Open311 requests, and stdin with --format', async () => {
    const sb = await sandbox({ now: NOW });
    expect(await json<Summary>(sb, ['import', sample('open311-requests.json')])).toMatchObject({ new: 20, rejected: 0 });
    const r = await cli(sb, ['import', '-', '--format', 'csv', '--json'], { input: fs.readFileSync(sample('orders-gb18030.csv')) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ new: 300 });
    expect(await count(sb)).toBe(320);
    const noFormat = await cli(sb, ['import', '-'], { input: 'x' });
    expect(noFormat.code).toBe(1);
    expect(noFormat.stderr).toMatch(/--format/);
  });
});

describe('bad rows', () => {
  const BAD_LINES = [11, 26, 52, 102, 155, 207, 258];

  it('one bad row and nothing is written; every bad row is named by line and column', async () => {
    const sb = await sandbox({ now: NOW });
    const r = await cli(sb, ['import', sample('orders-bad.csv'), '--json']);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as Summary;
    expect(s.written).toBe(false);
    expect(s.errors.map((e) => e.line)).toEqual(BAD_LINES);
    expect(s.errors.find((e) => e.line === 52)!.errors[0]).toMatchObject({ column: '诉求类型', code: 'import.row.badType' });
    for (const line of BAD_LINES) expect(r.stderr).toContain(`line ${line}:`);
    expect(r.stderr).toContain('咨询/求助/投诉/举报/建议/表扬/其他'); // names the allowed values
    expect(await count(sb)).toBe(0);
  });

  it('--skip-invalid writes the good rows and puts the rest in the rejects file', async () => {
    const sb = await sandbox({ now: NOW });
    const rejects = path.join(sb.dir, '退回行.csv');
    const r = await cli(sb, ['import', sample('orders-bad.csv'), '--skip-invalid', '--rejects', rejects, '--json'], { env: { HOTLINE_LANG: 'zh' } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ written: true, new: 293, rejected: 7 });
    expect(await count(sb)).toBe(293);
    const text = fs.readFileSync(rejects, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff); // opens in Excel
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 7);
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(BAD_LINES);
    expect(lines[3]).toContain('求援');
  });

  it('--dry-run checks everything and writes nothing', async () => {
    const sb = await sandbox({ now: NOW });
    expect(await json<Summary>(sb, ['import', sample('orders.csv'), '--dry-run'])).toMatchObject({ written: false, new: 300 });
    expect(await count(sb)).toBe(0);
  });

  it('a file without the required columns is refused whole', async () => {
    const sb = await sandbox({ now: NOW });
    const f = path.join(sb.dir, 'x.csv');
    fs.writeFileSync(f, '标题,内容,街道\n路灯不亮,东湖路路灯不亮,东湖街道\n');
    const r = await cli(sb, ['import', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/工单编号|order number/);
    expect(await count(sb)).toBe(0);
  });
});

describe('the city sends an order again', () => {
  it('with changes: updated and logged, never a second copy; while handled: flagged for the clerk', async () => {
    const sb = await sandbox({ now: NOW });
    const f = path.join(sb.dir, 'batch.csv');
    const header = '工单编号,受理时间,诉求类型,所属街镇,业务分类,诉求标题,诉求内容\n';
    fs.writeFileSync(f, `${header}U1,2026-11-16 09:00,求助,城关街道,城市管理,路灯不亮,和平路路灯不亮\nU2,2026-11-16 10:00,求助,东湖街道,城市管理,井盖缺失,湖滨路井盖缺失\n`);
    await ok(sb, ['import', f]);
    await ok(sb, ['dispatch', 'U2', '--to', 'dhjd', '--at', '2026-11-16 11:00']);
    await ok(sb, ['sign', 'U2', '--at', '2026-11-16 12:00']);
    // The city corrects U1's type (deadline moves) and town, and U2's content (already being handled).
    fs.writeFileSync(f, `${header}U1,2026-11-16 09:00,咨询,东湖街道,城市管理,路灯不亮,和平路路灯不亮\nU2,2026-11-16 10:00,求助,东湖街道,城市管理,井盖缺失,湖滨路12号井盖缺失，有人掉落风险\n`);
    expect(await json<Summary>(sb, ['import', f])).toMatchObject({ new: 0, updated: 2, flagged: 1 });
    expect(await count(sb)).toBe(2);
    const u1 = await json<{ type: string; dueAt: string; status: string }>(sb, ['show', 'U1']);
    expect(u1).toMatchObject({ type: '咨询', status: 'pending', dueAt: '2026-11-19T23:59:59+08:00' }); // Mon + 3 working days
    const u2 = await json<{ status: string; flagged: boolean; content: string }>(sb, ['show', 'U2']);
    expect(u2).toMatchObject({ status: 'handling', flagged: true });
    expect(u2.content).toContain('有人掉落风险');
    const h = await json<{ action: string; data: { changes?: Record<string, unknown> } }[]>(sb, ['history', 'U2']);
    expect(h.map((e) => e.action)).toEqual(['register', 'dispatch', 'sign', 'update']);
    expect(Object.keys(h[3]!.data.changes!)).toEqual(['content']);
    expect((await json<unknown[]>(sb, ['list', '--flagged'])).length).toBe(1);
    // The figure facts follow: U1's due fact at its new deadline, labelled with its new town.
    const d = new Database(sb.db, { readonly: true });
    expect(d.prepare("select kind, at, town from figure_facts where order_no = 'U1' and kind in ('received', 'due') order by kind").all()).toEqual([
      { kind: 'due', at: '2026-11-19T23:59:59+08:00', town: null },
      { kind: 'received', at: '2026-11-16T09:00:00+08:00', town: '东湖街道' },
    ]);
    d.close();
    await ok(sb, ['check']);
  });
});
