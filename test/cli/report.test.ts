// The supervision reports through the CLI on a scripted week with --at times, every figure
// counted by hand (below). Period [2026-11-16 Mon, 2026-11-23 Mon), as of 2026-11-24 10:00.
//
//  order  received              type  what happens                                          due (as of)
//  R0     11-09 09:00 (prev.)   咨询  cgjd, signed, closure approved 11-10                   11-12
//  R8     11-16 00:00 (= from)  咨询  never dispatched → overdue 3 working days (20,23,24)    11-19
//  R1     11-16 09:00           咨询  cgjd same day, signed in time, replied 11-18, satisfied  11-19 on time
//  R2     11-16 18:00 (after    咨询  dhjd 11-17 (same day: the limit is the end of 11-17),   11-19 late
//         hours)                      signed 11-19 (late), replied 11-20 (late), basic
//  R3     11-17 09:00           咨询  cgjd 11-18 (not same day), signed in time, +2 days     11-24
//  R4     11-18 09:00           咨询  cgjd → returned → dhjd → returned (推诿), pending      11-23 → overdue 1
//  R5     11-19 09:00           投诉  cgjd same day, signed, replied, unsatisfied → rework    12-04
//  R6     11-22 10:00 (Sunday)  咨询  never dispatched; limit end of Mon 11-23 → not same day  11-25 due soon
//  R7     11-23 00:00 (= to)    咨询  outside the period
//
// The office here runs without return review (config set return.review off): returns are direct.
// received 7 (R8 R1 R2 R3 R4 R5 R6), previous 1 → growth 6
// same day (the office's; limit 17:30 of the day received, or of the next working day when after
// hours / a holiday): 4/7 (R1 R2 R4 R5; R8 never, R3 next day, R6 not by Mon 17:30)
// signed in time 3/4 (R1 R3 R5; R2 late; R4's dispatches were returned before their limits and do
// not count) · first contact 0/4 (nobody recorded one: R1 R2 R3 R5 all past their limit)
// on time 1/3 (due in period: R1 ✓, R2 ✗, R8 ✗) · replied 4/7 (R1 R2 R3 R5)
// satisfaction (R1 satisfied, R2 basic, R5 unsatisfied) 2/3, score 60
// returns 2, reworks 1, extensions 1, reminders 1 (R8), supervisions 1 (R4)
// assessment: cgjd signed 3/3, on time 1/1, satisfaction (100+0)/2 = 50, discipline 1 − (1 return
//   + 1 rework)/4 handled (R1 R3 R4 R5) = 0.5 → 10 + 40 + 20 + 5 = 75, rank 1
// dhjd signed 0/1, on time 0/1, satisfaction 80, discipline 1 − 1/2 (R2 R4) = 0.5 → 0 + 0 + 32 + 5 = 37;
//   it handled 2 orders, below the ranking minimum of 3: scored, not ranked
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, json, ok, sandbox, type Sandbox } from './helpers.js';

let sb: Sandbox;
const PERIOD = ['--from', '2026-11-16', '--to', '2026-11-23'];

async function add(no: string, at: string, type: string, category: string): Promise<void> {
  await ok(sb, ['add', '--no', no, '--received-at', at, '--type', type, '--category', category, '--town', '城关街道', '--title', `${category}问题`, '--phone', `1381234${no.slice(1).padStart(4, '0')}`, '--citizen', '张三']);
}
const run = (...args: string[]) => ok(sb, args);

beforeAll(async () => {
  sb = await sandbox({ now: '2026-11-24 10:00' });
  await run('config', 'set', 'return.review', 'off');
  await add('R0', '2026-11-09 09:00', '咨询', '民政');
  await run('dispatch', 'R0', '--to', 'cgjd', '--at', '2026-11-09 10:00');
  await run('sign', 'R0', '--at', '2026-11-09 11:00');
  await run('request-closure', 'R0', '--reason', 'out_of_scope', '--explanation', '属法院管辖', '--at', '2026-11-10 09:00');
  await run('closure', 'approve', 'R0', '--at', '2026-11-10 10:00');

  await add('R8', '2026-11-16 00:00', '咨询', '教育');
  await run('remind', 'R8', '--at', '2026-11-20 09:00');

  await add('R1', '2026-11-16 09:00', '咨询', '人社');
  await run('dispatch', 'R1', '--to', 'cgjd', '--at', '2026-11-16 10:00');
  await run('sign', 'R1', '--at', '2026-11-17 09:00');
  await run('reply', 'R1', '--content', '已答复', '--result', 'explained', '--handler', '李某', '--signed-by', '王某', '--at', '2026-11-18 10:00');
  await run('review', 'R1', '--accept', '--at', '2026-11-18 11:00');
  await run('feedback', 'R1', '--result', 'satisfied', '--at', '2026-11-19 09:00');

  await add('R2', '2026-11-16 18:00', '咨询', '卫健');
  await run('dispatch', 'R2', '--to', 'dhjd', '--at', '2026-11-17 09:00');
  await run('sign', 'R2', '--at', '2026-11-19 09:00');
  await run('reply', 'R2', '--content', '已答复', '--result', 'solved', '--handler', '李某', '--signed-by', '李某某', '--at', '2026-11-20 10:00');
  await run('review', 'R2', '--accept', '--at', '2026-11-20 11:00');
  await run('feedback', 'R2', '--result', 'basic', '--at', '2026-11-21 09:00');

  await add('R3', '2026-11-17 09:00', '咨询', '住房');
  await run('dispatch', 'R3', '--to', 'cgjd', '--at', '2026-11-18 09:00');
  await run('sign', 'R3', '--at', '2026-11-18 10:00');
  await run('extend', 'R3', '--days', '2', '--reason', '需现场核实', '--at', '2026-11-19 09:00');
  await run('extend', 'approve', 'R3', '--at', '2026-11-19 10:00');
  await run('reply', 'R3', '--content', '已核实', '--result', 'solved', '--handler', '李某', '--signed-by', '王某', '--at', '2026-11-23 09:00');

  await add('R4', '2026-11-18 09:00', '咨询', '交通运输');
  await run('dispatch', 'R4', '--to', 'cgjd', '--at', '2026-11-18 10:00');
  await run('return', 'R4', '--reason', '非本单位职责', '--at', '2026-11-18 11:00');
  await run('dispatch', 'R4', '--to', 'dhjd', '--at', '2026-11-18 12:00');
  await run('return', 'R4', '--reason', '不在本辖区', '--at', '2026-11-19 09:00');
  await run('supervise', 'R4', '--level', 'key', '--at', '2026-11-19 10:00');

  await add('R5', '2026-11-19 09:00', '投诉', '城乡建设');
  await run('dispatch', 'R5', '--to', 'cgjd', '--at', '2026-11-19 10:00');
  await run('sign', 'R5', '--at', '2026-11-19 11:00');
  await run('reply', 'R5', '--content', '已处理', '--result', 'solved', '--handler', '李某', '--signed-by', '王某', '--at', '2026-11-20 09:00');
  await run('review', 'R5', '--accept', '--at', '2026-11-20 10:00');
  await run('feedback', 'R5', '--result', 'unsatisfied', '--at', '2026-11-21 09:00');

  await add('R6', '2026-11-22 10:00', '咨询', '生态环境');
  await add('R7', '2026-11-23 00:00', '咨询', '市场监管');
});

interface Rate {
  num: number;
  den: number;
  pending: number;
  rate: number | null;
}
interface Figures {
  received: number;
  sameDay: Rate;
  signedInTime: Rate;
  firstContact: Rate;
  onTime: Rate;
  replied: Rate;
  satisfaction: Rate;
  satisfactionScore: number | null;
  returnsRequested: number;
  reworks: number;
  extensions: number;
  reminders: number;
  supervisions: number;
}
interface Circular {
  from: string;
  to: string;
  received: number;
  growth: number | null;
  previous: { received: number };
  totals: Figures;
  units: (Figures & { code: string; name: string; signedInTimeRate: number | null; onTimeRate: number | null })[];
  tuiOrders: { no: string }[];
  ranking: { code: string; score: number | null; rank: number | null; reason: string | null }[];
}

describe('the circular matches the hand count', () => {
  let c: Circular;
  beforeAll(async () => {
    c = await json<Circular>(sb, ['report', 'circular', ...PERIOD]);
  });

  it('totals and growth, period edges included', () => {
    expect(c).toMatchObject({ from: '2026-11-16', to: '2026-11-23', received: 7, growth: 6, previous: { received: 1 } });
    expect(Number.isInteger(c.received)).toBe(true);
  });

  it('dispatched same day, signed in time, on time, reply rate, satisfaction', () => {
    expect(c.totals).toMatchObject({
      received: 7,
      sameDay: { num: 4, den: 7, pending: 0 },
      signedInTime: { num: 3, den: 4, pending: 0, rate: 0.75 },
      firstContact: { num: 0, den: 4, rate: 0 },
      onTime: { num: 1, den: 3, pending: 0 },
      replied: { num: 4, den: 7 },
      satisfaction: { num: 2, den: 3, rate: 0.6667 },
      satisfactionScore: 60,
      returnsRequested: 2,
      reworks: 1,
      extensions: 1,
      reminders: 1,
      supervisions: 1,
    });
  });

  it('per unit, and the 推诿 order', () => {
    const cgjd = c.units.find((u) => u.code === 'cgjd')!;
    const dhjd = c.units.find((u) => u.code === 'dhjd')!;
    expect(cgjd).toMatchObject({ name: '城关街道', received: 3, signedInTime: { num: 3, den: 3 }, onTime: { num: 1, den: 1 }, returnsRequested: 1, reworks: 1, signedInTimeRate: 1 });
    expect(dhjd).toMatchObject({ received: 1, signedInTime: { num: 0, den: 1 }, onTime: { num: 0, den: 1 }, returnsRequested: 1, onTimeRate: 0 });
    expect(c.tuiOrders.map((o) => o.no)).toEqual(['R4']);
  });

  it('assessment scores with the default weights', async () => {
    const a = await json<{ ranking: { code: string; score: number | null; rank: number | null; reason: string | null }[]; weights: Record<string, number> }>(sb, ['report', 'assess', ...PERIOD]);
    expect(a.weights).toMatchObject({ signedInTime: 10, onTime: 40, satisfaction: 40, discipline: 10 });
    expect(a.ranking.find((r) => r.code === 'cgjd')).toMatchObject({ score: 75, rank: 1, reason: null });
    expect(a.ranking.find((r) => r.code === 'dhjd')).toMatchObject({ score: 37, rank: null, reason: 'belowMinimum' });
    expect(c.ranking[0]!.code).toBe('cgjd');
    // units nobody assessed get no rank either, with the reason
    expect(a.ranking.find((r) => r.code === 'xyjd')).toMatchObject({ score: null, rank: null, reason: 'noData' });
  });

  it('weights are the office\'s to set', async () => {
    const other = await sandbox({ now: '2026-11-24 10:00' });
    await ok(other, ['config', 'set', 'assess.weight.discipline', '0']);
    await ok(other, ['config', 'set', 'assess.weight.onTime', '50']);
    const a = await json<{ weights: Record<string, number> }>(other, ['report', 'assess', ...PERIOD]);
    expect(a.weights).toMatchObject({ discipline: 0, onTime: 50 });
  });

  it('the XLSX holds the same numbers as the JSON', async () => {
    const file = path.join(sb.dir, '通报.xlsx');
    await run('report', 'circular', ...PERIOD, '--output', file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const numbers: number[] = [];
    book.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => typeof cell.value === 'number' && numbers.push(cell.value))));
    for (const v of [c.received, c.totals.returnsRequested, c.totals.reminders, c.totals.satisfactionScore!]) expect(numbers).toContain(v);
    const cgjdRow: unknown[] = [];
    book.eachSheet((ws) => ws.eachRow((row) => Array.isArray(row.values) && row.values.includes('城关街道') && cgjdRow.push(row.values)));
    expect(cgjdRow.length).toBeGreaterThan(0);
  });

  it('the HTML is one self-contained file with inline charts, in Chinese', async () => {
    const file = path.join(sb.dir, '通报.html');
    await ok(sb, ['report', 'circular', ...PERIOD, '--format', 'html', '--output', file], { env: { HOTLINE_LANG: 'zh' } });
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|(src|href)=["']https?:/i);
    for (const s of ['一、', '二、', '三、', '四、', '五、']) expect(html).toContain(s);
    expect(html).not.toContain('13812340001'); // no citizen phone
  });

  it('every format renders; the terminal table lists the definitions', async () => {
    for (const f of ['table', 'csv', 'md']) {
      const r = await ok(sb, ['report', 'circular', ...PERIOD, '--format', f]);
      expect(r.stdout).toContain('城关街道');
    }
    const help = await ok(sb, ['report', 'circular', '--help']);
    expect(help.stdout).toMatch(/On time: .*not sent back/);
  });
});

describe('overdue watch', () => {
  it('as of now: R8 and R4 overdue, R6 due soon; --exit-code 3', async () => {
    const rows = await json<{ no: string; level: string; overdueWorkdays: number; leadUnit: string | null; dueAt: string }[]>(sb, ['overdue']);
    expect(rows.map((r) => [r.no, r.level, r.overdueWorkdays])).toEqual([
      ['R8', 'overdue', 3],
      ['R4', 'overdue', 1],
      ['R6', 'due_soon', 0],
    ]);
    expect((await cli(sb, ['overdue', '--exit-code'])).code).toBe(3);
    expect((await cli(sb, ['overdue', '--level', 'due_soon', '--exit-code'])).code).toBe(0);
  });

  it('as of an earlier time the later events are ignored; the answer does not depend on the machine clock or TZ', async () => {
    const asOf = ['overdue', '--as-of', '2026-11-19 12:00', '--exit-code'];
    const results = [];
    for (const env of [{}, { TZ: 'America/New_York', HOTLINE_NOW: '2027-03-01 08:00' }, { TZ: 'UTC' }]) {
      const prev = process.env.TZ;
      if ('TZ' in env) process.env.TZ = (env as { TZ: string }).TZ;
      const r = await cli(sb, [...asOf, '--json'], { env: env as Record<string, string> });
      process.env.TZ = prev;
      expect(r.code).toBe(0); // nothing overdue yet at 11-19 12:00: R8 and R2 only due soon
      results.push(r.stdout);
    }
    expect(new Set(results).size).toBe(1);
    expect((JSON.parse(results[0]!) as { no: string; level: string }[]).map((r) => [r.no, r.level])).toEqual([
      ['R2', 'due_soon'],
      ['R8', 'due_soon'],
    ]);
  });

  it('an unknown unit or level is refused', async () => {
    expect((await cli(sb, ['overdue', '--unit', 'nosuch'])).code).toBe(1);
    expect((await cli(sb, ['overdue', '--level', 'late'])).code).toBe(1);
  });
});

describe('exports for the city', () => {
  it('masks names and phones unless --no-mask, and neutralises formula cells', async () => {
    await ok(sb, ['add', '--no', 'X1', '--received-at', '2026-11-20 09:00', '--type', '建议', '--title', '=HYPERLINK("http://x")', '--content', '+1 加一', '--phone', '13900001111', '--citizen', '李四']);
    const masked = await ok(sb, ['export', 'orders', '--since', '2026-11-20', '--until', '2026-11-21']);
    expect(masked.stdout).toContain('139****1111');
    expect(masked.stdout).not.toContain('13900001111');
    expect(masked.stdout).toContain('李*');
    expect(masked.stdout).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(masked.stdout).toContain("'+1 加一");
    const clear = await ok(sb, ['export', 'orders', '--since', '2026-11-20', '--until', '2026-11-21', '--no-mask', '--format', 'json']);
    expect(JSON.parse(clear.stdout)[0]).toMatchObject({ no: 'X1', phone: '13900001111', citizen: '李四' });
  });

  it('replies and closures by when they happened', async () => {
    const replies = JSON.parse((await ok(sb, ['export', 'replies', '--since', '2026-11-16', '--until', '2026-11-23', '--format', 'json'])).stdout) as { no: string }[];
    expect(replies.map((r) => r.no)).toEqual(['R1', 'R5', 'R2']);
    const closures = JSON.parse((await ok(sb, ['export', 'closures', '--format', 'json'])).stdout) as { no: string; reason: string }[];
    expect(closures).toMatchObject([{ no: 'R0', reason: 'out_of_scope' }]);
  });
});
