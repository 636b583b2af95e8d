// The queue's suggestion for each pending order (DOMAIN.md Routing): the one best rule, else the
// lead a joint meeting named, else the unit that most often closed similar orders cleanly.
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { dispatchOne, dispatchQueue } from '../../src/service/queue.js';
import { openStore } from '../../src/store/db.js';
import { cli, ok, sandbox } from './helpers.js';

describe('dispatch queue', () => {
  it('suggests by rule, then meeting lead, then history; nothing when none applies', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    const add = (no: string, category: string, at = '2026-11-24 08:00') =>
      ok(sb, ['add', '--no', no, '--received-at', at, '--type', '投诉', '--category', category, '--town', '东湖街道', '--title', `诉求${no}`]);
    // History: two 信访 orders closed by mzj (no rule for 信访: not a directory category).
    for (const no of ['H1', 'H2']) {
      await add(no, '信访', '2026-11-16 09:00');
      await ok(sb, ['dispatch', no, '--to', 'mzj', '--at', '2026-11-16 10:00']);
      await ok(sb, ['sign', no, '--at', '2026-11-16 11:00']);
      await ok(sb, ['request-closure', no, '--reason', 'handled_elsewhere', '--explanation', '已办理', '--at', '2026-11-16 12:00']);
      await ok(sb, ['closure', 'approve', no, '--at', '2026-11-16 13:00']);
    }
    await add('R1', '教育'); // default rule → jyj
    await add('M1', '信访'); // a meeting named zjj: beats history
    await ok(sb, ['meeting', 'add', '--orders', 'M1', '--date', '2026-11-24', '--decision', '由区住建局牵头', '--lead', 'zjj']);
    // The meeting dispatched M1 to zjj; a return approved puts it back in the queue.
    await ok(sb, ['return', 'M1', '--reason', '需先由街道核实']);
    await ok(sb, ['return', 'approve', 'M1']);
    await add('S1', '信访'); // history only → mzj (2)
    await add('N1', '无此分类'); // nothing
    const store = await openStore(sb.db);
    try {
      const q = await dispatchQueue(store.db);
      const byNo = Object.fromEntries(q.map((i) => [i.order.no, i.suggestion && { unit: i.suggestion.unit, source: i.suggestion.source }]));
      expect(byNo).toEqual({ R1: { unit: 'jyj', source: 'rule' }, M1: { unit: 'zjj', source: 'meeting' }, S1: { unit: 'mzj', source: 'history' }, N1: null });
    } finally {
      await store.close();
    }
  });

  it('is refused without a terminal, naming what to give instead', async () => {
    const sb = await sandbox();
    const r = await cli(sb, ['dispatch']);
    expect(r.code).toBe(1);
  });
});

describe('dispatchOne', () => {
  it('refuses an order someone else dispatched meanwhile instead of re-dispatching it', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    await ok(sb, ['add', '--no', 'D1', '--received-at', '2026-11-24 08:00', '--type', '咨询', '--category', '教育', '--town', '东湖街道', '--title', '学位']);
    await ok(sb, ['dispatch', 'D1', '--to', 'jyj']);
    const store = await openStore(sb.db);
    try {
      const at = new Date('2026-11-24T02:30:00Z');
      const c = { db: store.db, settings: DEFAULT_SETTINGS, calendar: new WorkCalendar(officialCalendar()), actor: 'clerk2', at, now: at };
      await expect(dispatchOne(c, 'D1', 'cgjd')).rejects.toMatchObject({ code: 'terminal.queue.notPending' });
    } finally {
      await store.close();
    }
    expect((await cli(sb, ['show', 'D1', '--json', '--fields', 'leadUnit'])).stdout).toContain('"jyj"');
  });
});
