// Issue 9, the input-and-privacy half: what an import, `add` and `config set` refuse, masking of
// personal data in lists, history, exports and rejects files (`--no-mask` logged), reminders once
// per working day, and a resumable `import --dispatch`. Expected values come from DOMAIN.md's
// words and hand counts.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cli, json, ok, sandbox, type Sandbox } from './helpers.js';

const NOW = '2026-11-24 10:00'; // a Tuesday
const HEAD = '工单编号,受理时间,诉求类型,业务分类,所属街镇,诉求人,联系电话,诉求标题,诉求内容';
const row = (no: string, extra: Partial<{ at: string; phone: string; citizen: string; title: string; content: string; category: string; town: string }> = {}) =>
  [no, extra.at ?? '2026-11-20 09:00', '投诉', extra.category ?? '城乡建设', extra.town ?? '城关街道', extra.citizen ?? '张三', extra.phone ?? '13812341234', extra.title ?? '夜间施工噪音', extra.content ?? '某工地每晚施工'].join(',');

function file(sb: Sandbox, name: string, text: string | Buffer): string {
  const p = path.join(sb.dir, name);
  fs.writeFileSync(p, typeof text === 'string' ? `\uFEFF${text}` : text);
  return p;
}

const orders = async (sb: Sandbox) => json<{ no: string; phone: string; citizen: string; title: string; content: string; status: string; repeatOf: string | null }[]>(sb, ['list']);
const accessLog = (sb: Sandbox) => {
  const db = new Database(sb.db, { readonly: true });
  try {
    return db.prepare('select actor, command, detail from access_log order by id').all() as { actor: string; command: string; detail: string }[];
  } finally {
    db.close();
  }
};

describe('finding 11: sane bounds and honest refusals', () => {
  it('config set refuses values outside DOMAIN.md bounds and changes nothing; the edges are accepted', async () => {
    const sb = await sandbox({ now: NOW });
    for (const [key, value] of [
      ['reply.consult', '1e308'],
      ['reply.consult', '61'],
      ['reply.consult', '0'],
      ['urgent.hours', '241'],
      ['satisfaction.floor', '100.5'],
      ['satisfaction.floor', '-1'],
      ['day.closingTime', '24:00'],
      ['day.closingTime', '17'],
      ['reply.consult', 'Infinity'],
    ]) {
      const r = await cli(sb, ['config', 'set', key!, value!]);
      expect(r.code, `${key} ${value}`).toBe(1);
      expect(r.stderr).not.toMatch(/at .*\.js/); // no stack trace
    }
    expect((await cli(sb, ['config', 'set', 'reply.consult', '61'])).stderr).toMatch(/between 1 and 60/);
    expect(await json<{ value: number }>(sb, ['config', 'get', 'reply.consult'])).toMatchObject({ value: 3 });
    for (const [key, value] of [
      ['reply.consult', '60'],
      ['reply.consult', '1'],
      ['urgent.hours', '240'],
      ['satisfaction.floor', '0'],
      ['satisfaction.floor', '100'],
      ['day.closingTime', '17:30'],
      ['extension.maxWorkdays', '0'],
    ]) await ok(sb, ['config', 'set', key!, value!]);
    // After the biggest accepted limit, a 咨询 still imports (1e308 made every one fail before).
    await ok(sb, ['config', 'set', 'reply.consult', '60']);
    await ok(sb, ['import', file(sb, 'c.csv', `${HEAD}\n${row('C1').replace('投诉', '咨询')}\n`)]);
  });

  it('empty, header-only and [] files are refused (nothing written) unless --allow-empty', async () => {
    const sb = await sandbox({ now: NOW });
    const empty = file(sb, 'empty.csv', Buffer.alloc(0));
    const headerOnly = file(sb, 'header.csv', `${HEAD}\n`);
    const emptyJson = file(sb, 'empty.json', Buffer.from('[]'));
    for (const f of [empty, headerOnly, emptyJson]) {
      const r = await cli(sb, ['import', f]);
      expect(r.code, f).toBe(1);
      expect(r.stderr).toMatch(/holds no orders.*--allow-empty/);
      await ok(sb, ['import', f, '--allow-empty']);
    }
    // A refused empty file is not recorded as imported; a good file after it still is.
    await ok(sb, ['import', file(sb, 'one.csv', `${HEAD}\n${row('E1')}\n`)]);
    expect((await orders(sb)).map((o) => o.no)).toEqual(['E1']);
  });

  it('received times more than 10 minutes after now, or before 2000, are refused; exactly 10 minutes is accepted', async () => {
    const sb = await sandbox({ now: NOW });
    const bad = await cli(sb, ['import', file(sb, 'f.csv', `${HEAD}\n${row('F1', { at: '2199-01-01 09:00' })}\n${row('F2', { at: '2026-11-24 10:10:01' })}\n${row('F3', { at: '1999-12-31 23:59' })}\n`), '--json']);
    expect(bad.code).toBe(1);
    const s = JSON.parse(bad.stdout) as { errors: { line: number; errors: { code: string }[] }[] };
    expect(s.errors.map((e) => [e.line, e.errors[0]!.code])).toEqual([
      [2, 'input.receivedInFuture'],
      [3, 'input.receivedInFuture'],
      [4, 'input.receivedTooOld'],
    ]);
    await ok(sb, ['import', file(sb, 'g.csv', `${HEAD}\n${row('G1', { at: '2026-11-24 10:10:00' })}\n${row('G2', { at: '2000-01-01 00:00' })}\n`)]);
    const add = await cli(sb, ['add', '--no', 'A1', '--received-at', '2199-01-01 09:00', '--type', '投诉', '--title', 'x']);
    expect(add.code).toBe(1);
    expect(add.stderr).toMatch(/later than now/);
  });

  it('add checks order numbers exactly as import does', async () => {
    const sb = await sandbox({ now: NOW });
    for (const no of ['YX 1', 'YX/1', "1';drop table orders;--", 'A'.repeat(65), '-YX1']) {
      const add = await cli(sb, ['add', '--no', no, '--received-at', '2026-11-20 09:00', '--type', '投诉', '--title', 'x']);
      expect(add.code, no).toBe(1);
      expect(add.stderr).toMatch(/invalid order number/);
      const imp = await cli(sb, ['import', file(sb, 'n.csv', `${HEAD}\n"${no}",2026-11-20 09:00,投诉,,,,,x,\n`), '--json']);
      expect(imp.code, no).toBe(1);
      expect((JSON.parse(imp.stdout) as { errors: { errors: { code: string }[] }[] }).errors[0]!.errors[0]!.code).toBe('import.row.badNo');
    }
    for (const no of ['YX2026112400012', 'A-1_2.3', '12345']) {
      await ok(sb, ['add', '--no', no, '--received-at', '2026-11-20 09:00', '--type', '投诉', '--title', 'x']);
    }
    expect(await orders(sb)).toHaveLength(3);
  });
});

describe('issue 8 list: imports', () => {
  it('a file with exactly one bad row writes nothing', async () => {
    const sb = await sandbox({ now: NOW });
    const rows = [row('B1'), row('B2'), row('B3', { at: '不是时间' }), row('B4')];
    const r = await cli(sb, ['import', file(sb, 'b.csv', `${HEAD}\n${rows.join('\n')}\n`)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 4/);
    expect(await orders(sb)).toEqual([]);
  });

  it('the duplicate-number check does not leak between two files of one command', async () => {
    const sb = await sandbox({ now: NOW });
    const a = file(sb, 'a.csv', `${HEAD}\n${row('D1')}\n${row('D2')}\n`);
    const b = file(sb, 'b.csv', `${HEAD}\n${row('D1')}\n${row('D3')}\n`);
    const s = await json<{ new: number; unchanged: number; rejected: number }>(sb, ['import', a, b]);
    expect(s).toMatchObject({ new: 3, unchanged: 1, rejected: 0 });
    // Within one file it is still an error naming the first line.
    const dup = await cli(sb, ['import', file(sb, 'c.csv', `${HEAD}\n${row('D9')}\n${row('D9')}\n`)]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/line 2/);
  });

  it('repeats are detected across two separate imports (same phone within 30 days)', async () => {
    const sb = await sandbox({ now: NOW });
    await ok(sb, ['import', file(sb, 'r1.csv', `${HEAD}\n${row('R1', { phone: '13900001111', at: '2026-11-10 09:00', title: '路灯不亮', content: '小区路灯坏了' })}\n`)]);
    const s = await json<{ repeats: number }>(sb, ['import', file(sb, 'r2.csv', `${HEAD}\n${row('R2', { phone: '13900001111', at: '2026-11-20 09:00', title: '噪音', content: '工地噪音', category: '生态环境' })}\n`)]);
    expect(s.repeats).toBe(1);
    expect((await json<{ repeatOf: string }>(sb, ['show', 'R2'])).repeatOf).toBe('R1');
  });
});

describe('finding 4: personal data masked, --no-mask logged', () => {
  it('list shows masked phones and names, and numbers inside titles and content; --no-mask shows them and is logged', async () => {
    const sb = await sandbox({ now: NOW });
    await ok(sb, ['import', file(sb, 'm.csv', `${HEAD}\n${row('M1', { citizen: '欧阳娜娜', phone: '13811112222', title: '请回电13811112222', content: '身份证11010119900307123X，座机010-62345678' })}\n`)]);
    const [o] = await orders(sb);
    expect(o).toMatchObject({ citizen: '欧阳**', phone: '138****2222', title: '请回电138****2222', content: '身份证110101********123X，座机010-****5678' });
    const table = await ok(sb, ['list']);
    expect(table.stdout).toContain('请回电138****2222');
    expect(table.stdout).not.toContain('13811112222');
    expect(accessLog(sb)).toEqual([]);
    const clear = await json<{ phone: string; title: string }[]>(sb, ['list', '--no-mask']);
    expect(clear[0]).toMatchObject({ phone: '13811112222', title: '请回电13811112222' });
    expect(accessLog(sb)).toEqual([{ actor: 'clerk', command: 'list --no-mask', detail: '1 orders' }]);
    // show of one order is where the clerk sees them (not logged)
    expect(await json<{ phone: string }>(sb, ['show', 'M1'])).toMatchObject({ phone: '13811112222' });
  });

  it('history masks the old and new name and phone of an update event unless --no-mask (logged)', async () => {
    const sb = await sandbox({ now: NOW });
    await ok(sb, ['import', file(sb, 'h1.csv', `${HEAD}\n${row('H1', { citizen: '张三', phone: '13812341234' })}\n`)]);
    await ok(sb, ['import', file(sb, 'h2.csv', `${HEAD}\n${row('H1', { citizen: '李四', phone: '13955556666', content: '又打来，电话13955556666' })}\n`)]);
    const h = await json<{ action: string; data: { changes?: Record<string, [string, string]> } }[]>(sb, ['history', 'H1']);
    const update = h.find((e) => e.action === 'update')!;
    expect(update.data.changes).toMatchObject({ citizen: ['张*', '李*'], phone: ['138****1234', '139****6666'], content: ['某工地每晚施工', '又打来，电话139****6666'] });
    expect(JSON.stringify(h)).not.toMatch(/13812341234|13955556666|张三|李四/);
    const clear = await json<typeof h>(sb, ['history', 'H1', '--no-mask']);
    expect(clear.find((e) => e.action === 'update')!.data.changes).toMatchObject({ citizen: ['张三', '李四'], phone: ['13812341234', '13955556666'] });
    expect(accessLog(sb)).toEqual([{ actor: 'clerk', command: 'history --no-mask', detail: 'history H1' }]);
  });

  it('the rejects file masks names and phones (and numbers in text), and is not written with --dry-run', async () => {
    const sb = await sandbox({ now: NOW });
    const f = file(sb, 'x.csv', `${HEAD}\n${row('X1')}\n${row('X2', { at: '坏时间', citizen: '王小明', phone: '13700001234', content: '回电0571-88123456' })}\n`);
    const rejects = path.join(sb.dir, 'rejects.csv');
    await ok(sb, ['import', f, '--skip-invalid', '--rejects', rejects, '--dry-run']);
    expect(fs.existsSync(rejects)).toBe(false);
    await ok(sb, ['import', f, '--skip-invalid', '--rejects', rejects]);
    const text = fs.readFileSync(rejects, 'utf8');
    expect(text).toContain('王**');
    expect(text).toContain('137****1234');
    expect(text).toContain('回电0571-****3456');
    expect(text).not.toMatch(/王小明|13700001234|88123456/);
    expect(fs.statSync(rejects).mode & 0o777).toBe(0o600);
    // --no-mask keeps them, and is logged
    await ok(sb, ['import', f, '--skip-invalid', '--rejects', rejects, '--no-mask']);
    expect(fs.readFileSync(rejects, 'utf8')).toContain('王小明,13700001234');
    expect(accessLog(sb).map((a) => a.command)).toEqual(['import --no-mask']);
  });

  it('export masks phone and ID numbers inside title and content unless --no-mask (logged)', async () => {
    const sb = await sandbox({ now: NOW });
    await ok(sb, ['import', file(sb, 'e.csv', `${HEAD}\n${row('X1', { title: '请回电13811112222', content: '身份证11010119900307123X' })}\n`)]);
    const masked = await ok(sb, ['export', 'orders', '--format', 'json']);
    expect(masked.stdout).toContain('请回电138****2222');
    expect(masked.stdout).toContain('110101********123X');
    expect(masked.stdout).not.toMatch(/13811112222|11010119900307123X|13812341234/);
    const clear = await ok(sb, ['export', 'orders', '--format', 'json', '--no-mask']);
    expect(clear.stdout).toContain('13811112222');
    expect(accessLog(sb)).toHaveLength(1);
    expect(accessLog(sb)[0]!.command).toBe('export --no-mask');
  });
});

describe('finding 10: reminders once a working day, resumable --dispatch', () => {
  it('remind --overdue twice on one working day reminds once; the next working day again', async () => {
    const sb = await sandbox({ now: NOW });
    await ok(sb, ['import', file(sb, 'o.csv', `${HEAD}\n${row('O1', { at: '2026-11-02 09:00' })}\n${row('O2', { at: '2026-11-03 09:00' })}\n`)]);
    await ok(sb, ['dispatch', 'O1', 'O2', '--to', 'cgjd', '--at', '2026-11-03 10:00']);
    const first = await json<unknown[]>(sb, ['remind', '--overdue']);
    expect(first).toHaveLength(2);
    const second = await cli(sb, ['remind', '--overdue', '--json'], { env: { HOTLINE_NOW: '2026-11-24 16:00' } });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual([]);
    expect(second.stderr).toMatch(/2 orders already had an automatic reminder/);
    // A manual reminder is not limited.
    await ok(sb, ['remind', 'O1']);
    // Wednesday: reminded again.
    expect(await json<unknown[]>(sb, ['remind', '--overdue'], { env: { HOTLINE_NOW: '2026-11-25 08:30' } })).toHaveLength(2);
    const h = await json<{ action: string }[]>(sb, ['history', 'O1'], { env: { HOTLINE_NOW: '2026-11-25 09:00' } });
    expect(h.filter((e) => e.action === 'remind')).toHaveLength(3);
  });

  it('import --dispatch re-run on the same file dispatches what an interrupted run left pending', async () => {
    const sb = await sandbox({ now: NOW });
    await ok(sb, ['rules', 'add', '--category', '城乡建设', '--town', '城关街道', '--unit', 'cgjd', '--priority', '10']);
    const f = file(sb, 'd.csv', `${HEAD}\n${row('P1')}\n${row('P2')}\n${row('P3', { category: '未知分类', town: '未知镇' })}\n`);
    // What a run killed after its commit leaves: the orders registered, nothing dispatched.
    await ok(sb, ['import', f]);
    expect((await orders(sb)).map((o) => o.status)).toEqual(['pending', 'pending', 'pending']);
    const again = await json<{ new: number; unchanged: number; autoDispatched: number }>(sb, ['import', f, '--dispatch']);
    expect(again).toMatchObject({ new: 0, unchanged: 3, autoDispatched: 2 });
    const st = Object.fromEntries((await orders(sb)).map((o) => [o.no, o.status]));
    expect(st).toEqual({ P1: 'dispatched', P2: 'dispatched', P3: 'pending' });
    // A third run dispatches nothing more (P3 matches no rule; P1, P2 were dispatched).
    expect(await json<{ autoDispatched: number }>(sb, ['import', f, '--dispatch'])).toMatchObject({ autoDispatched: 0 });
  });
});

describe('findings 7 and 9: encoding and cell size', () => {
  it('a file that starts UTF-8 and turns GBK later is refused naming the first bad line; --encoding overrides', async () => {
    const sb = await sandbox({ now: NOW });
    const good = Array.from({ length: 3000 }, (_, i) => row(`U${i + 1}`)).join('\n'); // well past the 64 KiB sniff
    const text = Buffer.concat([Buffer.from(`\uFEFF${HEAD}\n${good}\n`), iconv.encode(`${row('G1', { citizen: '王五' })}\n`, 'gbk')]);
    const f = file(sb, 'mixed.csv', text);
    expect(text.length).toBeGreaterThan(64 * 1024);
    const r = await cli(sb, ['import', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 3002 is not utf-8/);
    expect(await orders(sb)).toEqual([]);
    // The user says what it is: taken as written (the GBK row then fails on its garbled type).
    const said = await cli(sb, ['import', f, '--encoding', 'utf-8', '--skip-invalid', '--rejects', path.join(sb.dir, 'r.csv'), '--json']);
    expect(said.code).toBe(0);
    expect(JSON.parse(said.stdout)).toMatchObject({ new: 3000, rejected: 1 });
  });

  it('the same holds for JSON, which is read whole', async () => {
    const sb = await sandbox({ now: NOW });
    const objs = Array.from({ length: 600 }, (_, i) => JSON.stringify({ 工单编号: `J${i + 1}`, 受理时间: '2026-11-20 09:00', 诉求类型: '投诉', 诉求标题: '夜间施工噪音扰民，请相关部门尽快处理', 诉求内容: '某工地每晚施工到凌晨，影响周边居民休息，请查处。'.repeat(2) }));
    const head = Buffer.from(`[\n${objs.join(',\n')},\n`);
    expect(head.length).toBeGreaterThan(64 * 1024);
    const f = file(sb, 'mixed.json', Buffer.concat([head, iconv.encode(`{"工单编号":"J999","受理时间":"2026-11-20 09:00","诉求类型":"投诉","诉求标题":"王五"}\n]`, 'gbk')]));
    const r = await cli(sb, ['import', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 602 is not utf-8/);
    expect(await orders(sb)).toEqual([]);
  });

  it('a cell over 64 KB is a row error and is not stored', async () => {
    const sb = await sandbox({ now: NOW });
    const big = '长'.repeat(64 * 1024 + 1);
    const edge = '长'.repeat(64 * 1024);
    const f = file(sb, 'big.csv', `${HEAD}\n${row('K1', { content: edge })}\n${row('K2', { content: big })}\n${row('K3')}\n`);
    const r = await cli(sb, ['import', f, '--json']);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as { errors: { line: number; errors: { code: string }[] }[] };
    expect(s.errors.map((e) => [e.line, e.errors[0]!.code])).toEqual([[3, 'input.cellTooLarge']]);
    const rejects = path.join(sb.dir, 'big-rejects.csv');
    await ok(sb, ['import', f, '--skip-invalid', '--rejects', rejects]);
    expect((await orders(sb)).map((o) => o.no).sort()).toEqual(['K1', 'K3']);
    expect(fs.statSync(rejects).size).toBeLessThan(1000);
  });
});
