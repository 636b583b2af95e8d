// Order numbers as the clerk types them: a unique suffix or another case is enough, an ambiguous
// one is refused listing the candidates, and `-` reads numbers from stdin (JSON or lines).
import { describe, expect, it } from 'vitest';
import { parseNumberList } from '../../src/service/order-numbers.js';
import { cli, json, ok, sandbox, type Sandbox } from './helpers.js';

async function orders(sb: Sandbox, nos: string[]): Promise<void> {
  for (const no of nos) await ok(sb, ['add', '--no', no, '--received-at', '2026-11-24 09:00', '--type', '咨询', '--category', '教育', '--town', '东湖街道', '--title', `问题${no}`]);
}
const status = async (sb: Sandbox) => Object.fromEntries((await json<{ no: string; status: string }[]>(sb, ['list'])).map((o) => [o.no, o.status]));

describe('order numbers', () => {
  it('takes a unique suffix (hotline sign 00012) and any case; refuses an ambiguous one, listing the candidates', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    await orders(sb, ['YX2026112400012', 'YX2026112400112', 'YX2026112400007']);
    await ok(sb, ['dispatch', 'YX2026112400012', 'yx2026112400112', '--to', 'jyj']);
    const amb = await cli(sb, ['sign', '12']);
    expect(amb.code).toBe(1);
    expect(amb.stderr).toContain('"12" matches 2 orders: YX2026112400012, YX2026112400112');
    expect(await status(sb)).toMatchObject({ YX2026112400012: 'dispatched', YX2026112400112: 'dispatched' }); // nothing changed
    await ok(sb, ['sign', '00012']);
    expect(await status(sb)).toMatchObject({ YX2026112400012: 'handling', YX2026112400112: 'dispatched' });
    const none = await cli(sb, ['sign', '99999']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no order 99999');
    expect((await json<{ no: string }>(sb, ['show', '400007'])).no).toBe('YX2026112400007');
  });

  it('reads numbers from stdin with -: the JSON of list --json --fields no, or one per line', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    await orders(sb, ['A1', 'A2', 'A3']);
    const listed = await ok(sb, ['list', '--status', 'pending', '--json', '--fields', 'no']);
    expect(JSON.parse(listed.stdout)).toEqual([{ no: 'A3' }, { no: 'A2' }, { no: 'A1' }]);
    const r = await cli(sb, ['remind', '-', '--json'], { input: listed.stdout });
    expect(JSON.parse(r.stdout).map((x: { no: string }) => x.no)).toEqual(['A3', 'A2', 'A1']);
    const d = await cli(sb, ['dispatch', '-', '--to', 'jyj'], { input: 'no\nA1\nA2\t待派发\n\n# done\n' });
    expect(d.code).toBe(0);
    expect(await status(sb)).toEqual({ A1: 'dispatched', A2: 'dispatched', A3: 'pending' });
    const empty = await cli(sb, ['remind', '-'], { input: '[]' });
    expect(empty).toMatchObject({ code: 0, stdout: '' });
    const two = await cli(sb, ['review', '-', '--accept'], { input: 'A1\nA2\n' });
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('takes one order; stdin gave 2');
    const bad = await cli(sb, ['remind', '-'], { input: '[{"id": 1}]' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('item 1');
  });

  it('parses what - reads', () => {
    expect(parseNumberList('["A1", {"no": "A2", "status": "x"}]')).toEqual(['A1', 'A2']);
    expect(parseNumberList('{"no": "A9"}')).toEqual(['A9']);
    expect(parseNumberList('工单编号,状态\r\nA1,pending\r\nA2 x\n')).toEqual(['A1', 'A2']);
  });
});
