// hotline's own `export orders` is not a city export: its names and phones are masked, its 办理时限
// is hotline's due time and it has no 交办意见. Imported back (an easy slip: both are XLSX or CSV in
// the same folder) it would overwrite the orders it came from, so it is refused whole.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json, ok, sandbox } from './helpers.js';
import { ROOT } from '../e2e/helpers.js';

describe('importing a file hotline exported', () => {
  for (const [lang, format] of [
    ['zh', 'csv'],
    ['en', 'xlsx'],
  ] as const) {
    it(`is refused, naming the file and its columns, nothing changed (${lang}, ${format})`, async () => {
      const sb = await sandbox({ now: '2026-11-24 10:00', lang });
      await ok(sb, ['import', path.join(ROOT, 'data', 'samples', 'orders.csv')]);
      const before = await json<{ no: string; phone: string | null }[]>(sb, ['list', '--limit', '5', '--no-mask']);
      const file = path.join(sb.dir, `own.${format}`);
      await ok(sb, ['export', 'orders', '--output', file]);
      const r = await cli(sb, ['import', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(lang === 'zh' ? /hotline 自己导出.*状态/ : /hotline exported.*status/);
      expect(await json(sb, ['list', '--limit', '5', '--no-mask'])).toEqual(before);
      expect(fs.existsSync(file)).toBe(true);
    });
  }

  it('a city export with a status column of its own is still imported', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    const file = path.join(sb.dir, 'city.csv');
    fs.writeFileSync(file, '工单编号,受理时间,诉求类型,诉求标题,状态,主办单位,退回次数,重办次数\nC1,2026-11-20 09:00,求助,路灯不亮,已受理,城关街道,0,0\n');
    const r = await cli(sb, ['import', file]);
    expect(r.code, r.stderr).toBe(0);
  });
});
