// The README's cron lines, run as cron runs them (sh -c, no terminal, the crontab's environment):
// nothing printed and exit 0 when all is well (an empty inbox included); the import line moves
// each done file; the morning line exits 3 with the overdue list when something is overdue.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, sandbox } from './helpers.js';

/** The commands of the README's crontab block (time fields and comments dropped). */
function cronLines(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = readme.slice(readme.indexOf('```cron') + 7, readme.indexOf('```', readme.indexOf('```cron') + 7));
  return block
    .split('\n')
    .filter((l) => /^[\d*]/.test(l))
    .map((l) => l.trim().split(/\s+/).slice(5).join(' '));
}

describe('README cron lines', () => {
  it('run unattended with --quiet', () => {
    const sb = sandbox({ now: '2026-11-24 08:30' });
    const bin = path.join(sb.dir, 'bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(BIN, path.join(bin, 'hotline'));
    const srv = path.join(sb.dir, 'srv');
    for (const d of ['12345/inbox', '12345/done', 'backup']) fs.mkdirSync(path.join(srv, d), { recursive: true });
    const lines = cronLines().map((l) => l.replaceAll('/srv/', `${srv}/`));
    expect(lines).toHaveLength(4);
    const [morning, imports] = lines as [string, string];
    const cron = (line: string, now: string) =>
      spawnSync('sh', ['-c', line], { env: { ...sb.env, PATH: `${bin}:${sb.env.PATH}`, HOTLINE_OPERATOR: 'cron', LANG: 'zh_CN.UTF-8', HOTLINE_LANG: 'zh', HOTLINE_NOW: now }, encoding: 'utf8' });

    // Nothing there yet: every line is silent and succeeds (the inbox is empty).
    for (const line of lines) expect(cron(line, '2026-11-24 09:00'), line).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(fs.readdirSync(path.join(srv, 'backup'))).toHaveLength(1); // the nightly backup

    // The city drops a file: imported, dispatched by the default rules, moved to done — silently.
    const csv = '工单编号,受理时间,诉求类型,业务分类,所属街镇,诉求标题,诉求内容\nC1,2026-11-16 09:00,咨询,教育,东湖街道,学位咨询,孩子入学怎么报名\n';
    fs.writeFileSync(path.join(srv, '12345/inbox/导出-1124.csv'), csv);
    expect(cron(imports, '2026-11-16 10:00')).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(fs.readdirSync(path.join(srv, '12345/inbox'))).toEqual([]);
    expect(fs.readdirSync(path.join(srv, '12345/done'))).toEqual(['导出-1124.csv']);

    // C1 (咨询: 3 working days from 11-16, due 11-19) is overdue on 11-24: exit 3, the list on stdout.
    const late = cron(morning, '2026-11-24 08:30');
    expect(late.status).toBe(3);
    expect(late.stdout).toContain('C1');
    expect(late.stderr).toBe('');
  });
});
