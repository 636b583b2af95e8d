// Routing rules, auto-dispatch (alone and right after an import), the suggestion from history,
// and the cron reminders.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json, ok, sandbox } from './helpers.js';

const header = '工单编号,受理时间,诉求类型,所属街镇,业务分类,诉求标题,诉求内容\n';

describe('dispatch --auto', () => {
  it('sends what exactly one best rule matches, leaves the rest with the reason and a hint from history', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    await ok(sb, ['rules', 'add', '--category', '市场监管', '--unit', 'scjgj']);
    await ok(sb, ['rules', 'add', '--category', '城市管理', '--town', '城关街道', '--unit', 'cgjd', '--priority', '10']);
    await ok(sb, ['rules', 'add', '--keywords', '停电,供电', '--unit', 'gdgs', '--priority', '20']);
    await ok(sb, ['rules', 'add', '--keywords', '停水', '--unit', 'zlsgs', '--priority', '5']);
    await ok(sb, ['rules', 'add', '--keywords', '停水,供水', '--unit', 'swj', '--priority', '5']);
    const rules = await json<{ id: number; unit: string }[]>(sb, ['rules', 'list']);
    expect(rules[0]!.unit).toBe('gdgs'); // highest priority first
    const f = path.join(sb.dir, 'in.csv');
    fs.writeFileSync(
      f,
      header +
        'A1,2026-11-23 09:00,投诉,东湖街道,市场监管,过期食品,超市卖过期食品\n' +
        'A2,2026-11-23 09:10,求助,城关街道,城市管理,占道经营,府前路占道经营\n' +
        'A3,2026-11-23 09:20,求助,白沙镇,水电气暖,小区停电,白沙镇小区停电一天\n' +
        'A4,2026-11-23 09:30,求助,白沙镇,水电气暖,小区停水,小区停水两天\n' +
        'A5,2026-11-23 09:40,咨询,白沙镇,信访,咨询事项,问一个问题\n',
    );
    // --dispatch right after the import sends the three clear ones.
    const imp = await json<{ new: number; autoDispatched: number }>(sb, ['import', f, '--dispatch']);
    expect(imp).toMatchObject({ new: 5, autoDispatched: 3 });
    const leads = Object.fromEntries((await json<{ no: string; leadUnit: string | null; status: string }[]>(sb, ['list'])).map((o) => [o.no, o.leadUnit]));
    expect(leads).toEqual({ A1: 'scjgj', A2: 'cgjd', A3: 'gdgs', A4: null, A5: null });
    const h = await json<{ action: string; data: { auto?: boolean; ruleId?: number } }[]>(sb, ['history', 'A3']);
    expect(h[1]).toMatchObject({ action: 'dispatch', data: { auto: true, ruleId: rules[0]!.id } });

    const plan = await json<{ left: { no: string; kind: string }[]; wouldDispatch: unknown[] }>(sb, ['dispatch', '--auto', '--dry-run']);
    expect(plan.wouldDispatch).toEqual([]);
    expect(plan.left.map((l) => [l.no, l.kind]).sort()).toEqual([
      ['A4', 'ambiguous'], // two rules of equal priority name different units: the clerk decides
      ['A5', 'none'],
    ]);
  });

  it('suggests the unit that most often closed similar orders without returning them', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    // Without init's default rule for 民政 (→ mzj), N1 is left for the clerk with the suggestion.
    const mz = (await json<{ id: number; category: string }[]>(sb, ['rules', 'list'])).find((r) => r.category === '民政')!;
    await ok(sb, ['rules', 'remove', String(mz.id)]);
    const close = async (no: string, unit: string) => {
      await ok(sb, ['add', '--no', no, '--received-at', '2026-11-16 09:00', '--type', '咨询', '--category', '民政', '--town', '新桥镇', '--title', `低保${no}`]);
      await ok(sb, ['dispatch', no, '--to', unit, '--at', '2026-11-16 10:00']);
      await ok(sb, ['sign', no, '--at', '2026-11-16 11:00']);
      await ok(sb, ['request-closure', no, '--reason', 'handled_elsewhere', '--explanation', '已办理', '--at', '2026-11-16 12:00']);
      await ok(sb, ['closure', 'approve', no, '--at', '2026-11-16 13:00']);
    };
    await close('H1', 'mzj');
    await close('H2', 'mzj');
    await close('H3', 'xqz');
    await ok(sb, ['add', '--no', 'N1', '--received-at', '2026-11-20 09:00', '--type', '咨询', '--category', '民政', '--town', '新桥镇', '--title', '低保申请']);
    const plan = await json<{ left: { no: string; suggestion: { unit: string; count: number } | null }[] }>(sb, ['dispatch', '--auto']);
    expect(plan.left).toEqual([{ no: 'N1', kind: 'none', suggestion: { unit: 'mzj', count: 2 }, category: '民政', town: '新桥镇', title: '低保申请' }]);
  });
});

describe('remind for cron', () => {
  it('chases every overdue order once, and says so when there is nothing', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    for (const [no, at] of [['O1', '2026-11-16 09:00'], ['O2', '2026-11-23 09:00']]) {
      await ok(sb, ['add', '--no', no, '--received-at', at, '--type', '咨询', '--title', '问题']);
      await ok(sb, ['dispatch', no, '--to', 'cgjd', '--at', at.replace('09:00', '10:00')]);
    }
    const r = await json<{ no: string }[]>(sb, ['remind', '--overdue']);
    expect(r.map((x) => x.no)).toEqual(['O1']); // O1 due 11-19; O2 due 11-26
    const h = await json<{ action: string; data: { kind?: string } }[]>(sb, ['history', 'O1']);
    expect(h.at(-1)).toMatchObject({ action: 'remind', data: { kind: 'overdue' } });
    const soon = await json<{ no: string }[]>(sb, ['remind', '--due-soon'], { env: { HOTLINE_NOW: '2026-11-25 09:00' } });
    expect(soon.map((x) => x.no)).toEqual(['O2']);
    const none = await cli(sb, ['remind', '--overdue', '--unit', 'dhjd']);
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/nothing to chase/);
  });
});
