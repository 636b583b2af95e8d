// Routing out of the box (DOMAIN.md Routing): init's default rules from the directory, category
// aliases, conflicting rules refused, and the sample district routed by `dispatch --auto`.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json, ok, sandbox } from './helpers.js';

type Rule = { id: number; category: string | null; town: string | null; unit: string; origin: string };
const SAMPLES = path.resolve(__dirname, '../../data/samples/orders.csv');

describe('default routing rules', () => {
  it('init loads one rule per category with a department and one per town for the others, once', async () => {
    const sb = await sandbox();
    const rules = await json<Rule[]>(sb, ['rules', 'list']);
    // data/categories.json: 13 categories name a department; 水电气暖, 城市管理, 其他 do not → 3 × 12 towns.
    expect(rules).toHaveLength(13 + 3 * 12);
    expect(rules.find((r) => r.category === '人社')).toMatchObject({ town: null, unit: 'rsj', origin: 'default' });
    expect(rules.find((r) => r.category === '水电气暖' && r.town === '白沙镇')).toMatchObject({ unit: 'bsz' });
    expect(rules.filter((r) => r.category === '城市管理').map((r) => r.unit).sort()).toHaveLength(12);
    await ok(sb, ['init']);
    expect(await json<Rule[]>(sb, ['rules', 'list'])).toHaveLength(49);
    // A default the office removed stays removed when init runs again.
    const jy = rules.find((r) => r.category === '教育')!;
    await ok(sb, ['rules', 'remove', String(jy.id)]);
    await ok(sb, ['init']);
    expect((await json<Rule[]>(sb, ['rules', 'list'])).map((r) => r.category)).not.toContain('教育');
  });

  it('refuses a rule with the same conditions and priority but another unit (also under an alias); a higher priority overrides; update changes one', async () => {
    const sb = await sandbox();
    const rs = (await json<Rule[]>(sb, ['rules', 'list'])).find((r) => r.category === '人社')!;
    for (const category of ['人社', '人力资源和社会保障']) {
      const r = await cli(sb, ['rules', 'add', '--category', category, '--unit', 'cgjd']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`rule #${rs.id}`);
      expect(r.stderr).toContain(`rules update ${rs.id} --unit cgjd`);
    }
    expect(await json<Rule[]>(sb, ['rules', 'list'])).toHaveLength(49); // nothing added
    // A higher priority is an override, not a conflict: routing picks it.
    await ok(sb, ['rules', 'add', '--category', '教育', '--unit', 'dhjd', '--priority', '5']);
    expect(await json<Rule[]>(sb, ['rules', 'list'])).toHaveLength(50);
    await ok(sb, ['rules', 'update', String(rs.id), '--unit', 'cgjd']);
    expect((await json<Rule[]>(sb, ['rules', 'list'])).find((r) => r.id === rs.id)!.unit).toBe('cgjd');
  });

  it("routes the city's full category name by its alias, without an unknown-category warning", async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    const f = path.join(sb.dir, 'in.csv');
    fs.writeFileSync(f, '工单编号,受理时间,诉求类型,所属街镇,业务分类,诉求标题,诉求内容\nR1,2026-11-23 09:00,咨询,东湖街道,人力资源和社会保障,社保转移,社保关系怎么转\n');
    const imp = await ok(sb, ['import', f]);
    expect(imp.stderr).not.toContain('人力资源和社会保障');
    await ok(sb, ['dispatch', '--auto']);
    expect((await json<{ no: string; leadUnit: string }[]>(sb, ['list']))[0]).toMatchObject({ no: 'R1', leadUnit: 'rsj' });
    // The office adds its own alias; one standing for another category is refused.
    await ok(sb, ['categories', 'alias', '劳动保障', '人社']);
    expect((await json<{ name: string; aliases: string[] }[]>(sb, ['categories', 'list'])).find((c) => c.name === '人社')!.aliases).toContain('劳动保障');
    const taken = await cli(sb, ['categories', 'alias', '劳动保障', '教育']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('already stands for "人社"');
  });

  it('sends 299 of the 300 sample orders on a fresh database; the one left shows its category and title', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    await ok(sb, ['import', SAMPLES]);
    const r = await ok(sb, ['dispatch', '--auto']);
    expect(r.stderr).toMatch(/dispatched 299, left 1 for the clerk/);
    // Only 城市管理 in 云溪经济开发区 (a town not in the directory) has no rule.
    const row = r.stdout.split('\n').find((l) => l.startsWith('YX'))!;
    expect(row.split('\t').slice(0, 4)).toEqual(['YX2026103000006', '城市管理', '云溪经济开发区', '垃圾清运不及时']);
    const list = await ok(sb, ['list', '--status', 'pending']);
    expect(list.stdout.split('\n')[0]).toMatch(/category/);
    expect(list.stdout).toContain('垃圾清运不及时');
  });

  it('an order left for the clerk is listed with a phone number inside its title masked', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    await ok(sb, ['add', '--no', 'M1', '--received-at', '2026-11-24 09:00', '--type', '求助', '--category', '无此分类', '--title', '请回电13811112222']);
    const r = await json<{ left: { no: string; title: string }[] }>(sb, ['dispatch', '--auto', '--dry-run']);
    expect(r.left.find((l) => l.no === 'M1')!.title).toBe('请回电138****2222');
    const table = await ok(sb, ['dispatch', '--auto', '--dry-run']);
    expect(table.stdout + table.stderr).not.toContain('13811112222');
  });
});
