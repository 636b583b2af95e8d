// Finding 8, the import's two phases: it prepares without the write lock and writes in one short
// transaction. What someone else did in between (a clerk dispatching an order the file updates,
// an `add` of a number the file also has) must not be lost or doubled: those orders are worked
// out again inside the write transaction.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { buildSettings } from '../../src/domain/settings.js';
import { parseTime } from '../../src/domain/time.js';
import { importFiles } from '../../src/service/import.js';
import { officeCalendar, settingOverrides } from '../../src/store/config.js';
import { openStore } from '../../src/store/db.js';
import { unitRefs } from '../../src/store/rules.js';
import { json, ok, sandbox } from './helpers.js';

const NOW = '2026-11-24 10:00';
const HEAD = '工单编号,受理时间,诉求类型,业务分类,所属街镇,诉求标题,诉求内容';

describe('changes made between the import\'s phases', () => {
  it('are kept: the import works those orders out again inside its write transaction', async () => {
    const sb = await sandbox({ now: NOW });
    const early = path.join(sb.dir, 'early.csv');
    fs.writeFileSync(early, `${HEAD}\nP1,2026-11-20 09:00,投诉,城乡建设,城关街道,旧标题,内容\nP2,2026-11-20 09:00,投诉,城乡建设,城关街道,标题二,内容\n`);
    await ok(sb, ['import', early]);
    const later = path.join(sb.dir, 'later.csv');
    fs.writeFileSync(later, `${HEAD}\nP1,2026-11-20 09:00,投诉,城乡建设,城关街道,新标题,内容\nP2,2026-11-20 09:00,投诉,城乡建设,城关街道,标题二,内容\nN9,2026-11-21 09:00,投诉,城乡建设,城关街道,文件里的,内容\nN10,2026-11-21 09:00,投诉,城乡建设,城关街道,标题十,内容\n`);

    const store = await openStore(sb.db);
    try {
      const db = store.db;
      const reg = {
        settings: buildSettings(await settingOverrides(db)),
        calendar: new WorkCalendar(officialCalendar(), await officeCalendar(db)),
        actor: 'cron',
        now: parseTime(NOW)!,
        units: await unitRefs(db),
      };
      const result = await importFiles(db, [{ path: later, format: 'csv' }], reg, {
        betweenPhases: async () => {
          // Another process, while the import had prepared but not yet written:
          await ok(sb, ['dispatch', 'P1', '--to', 'cgjd', '--at', '2026-11-24 09:50']);
          await ok(sb, ['add', '--no', 'N9', '--received-at', '2026-11-21 09:00', '--type', '投诉', '--title', '电话登记的']);
        },
      });
      expect(result.written).toBe(true);
      // Prepared as 1 update + 2 new; N9 turned out to exist: worked out again as an update.
      expect(result.totals).toMatchObject({ rows: 4, new: 1, updated: 2, unchanged: 1, rejected: 0 });
    } finally {
      await store.close();
    }
    const p1 = await json<{ status: string; title: string; leadUnit: string; flagged: boolean }>(sb, ['show', 'P1']);
    expect(p1).toMatchObject({ status: 'dispatched', title: '新标题', leadUnit: 'cgjd', flagged: true });
    const h = await json<{ action: string }[]>(sb, ['history', 'P1']);
    expect(h.map((e) => e.action)).toEqual(['register', 'dispatch', 'update']);
    const n9 = await json<{ action: string }[]>(sb, ['history', 'N9']);
    expect(n9.map((e) => e.action)).toEqual(['register', 'update']);
    expect((await json<unknown[]>(sb, ['list'])).length).toBe(4);
  });
});
