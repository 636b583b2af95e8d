// Output for scripts and cron: --fields, list --format, --quiet, forced colour, help <command>,
// and import of a directory (each file on its own, --move-to, every error naming its file).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json, ok, sandbox, type Sandbox } from './helpers.js';

async function two(sb: Sandbox): Promise<void> {
  await ok(sb, ['add', '--no', 'B1', '--received-at', '2026-11-24 08:00', '--type', '咨询', '--category', '教育', '--town', '东湖街道', '--title', '学位, "咨询"']);
  await ok(sb, ['add', '--no', 'B2', '--received-at', '2026-11-24 09:00', '--type', '投诉', '--category', '城市管理', '--town', '白沙镇', '--title', '占道经营']);
}

describe('output for scripts', () => {
  it('--fields keeps those fields of any --json, and refuses an unknown one listing the fields', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    await two(sb);
    expect(await json(sb, ['list', '--fields', 'no,category'])).toEqual([
      { no: 'B2', category: '城市管理' },
      { no: 'B1', category: '教育' },
    ]);
    expect(await json(sb, ['show', 'B1', '--fields', 'no,status'])).toEqual({ no: 'B1', status: 'pending' });
    // The overdue watch (a report renderer) keeps only those fields too. B1 (咨询, Tue 11-24, 3
    // working days) is due Fri 11-27: due soon on Thu 11-26; B2 (投诉, 10 working days) is not.
    expect(await json(sb, ['overdue', '--fields', 'no,level'], { env: { HOTLINE_NOW: '2026-11-26 10:00' } })).toEqual([{ no: 'B1', level: 'due_soon' }]);
    const bad = await cli(sb, ['list', '--json', '--fields', 'no,colour']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/no field colour\. Fields: no, status, type, category/);
  });

  it('list --format csv|tsv writes every row with a header of field names', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    await two(sb);
    const csv = (await ok(sb, ['list', '--format', 'csv', '--fields', 'no,title,leadUnit'])).stdout;
    expect(csv).toBe('\uFEFFno,title,leadUnit\r\nB2,占道经营,\r\nB1,"学位, ""咨询""",\r\n');
    const tsv = (await ok(sb, ['list', '--format', 'tsv'])).stdout.split('\n');
    expect(tsv[0]).toBe('no\tstatus\ttype\tcategory\turgency\ttown\ttitle\treceivedAt\tdueAt\tleadUnit\toverdue');
    expect(tsv[1]!.split('\t').slice(0, 4)).toEqual(['B2', 'pending', '投诉', '城市管理']);
    const bad = await cli(sb, ['list', '--format', 'xml']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('table|csv|tsv|json');
  });

  it('--quiet leaves only errors on stderr; FORCE_COLOR colours a pipe; help <command>', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    await two(sb);
    expect(await cli(sb, ['--quiet', 'dispatch', 'B1', '--to', 'jyj'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const err = await cli(sb, ['sign', 'B9', '--quiet']);
    expect(err.code).toBe(1);
    expect(err.stderr).toContain('no order B9');
    expect((await cli(sb, ['sign', 'B9'], { env: { FORCE_COLOR: '1' } })).stderr).toContain('\u001b[31m');
    expect((await cli(sb, ['sign', 'B9'], { env: { CLICOLOR_FORCE: '1' } })).stderr).toContain('\u001b[31m');
    expect((await cli(sb, ['sign', 'B9'])).stderr).not.toContain('\u001b[');
    const help = await cli(sb, ['help', 'dispatch']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: hotline dispatch');
  });
});

describe('import <dir>', () => {
  it('imports each file of the directory, moves the done ones, names the file of every error; an empty directory is fine', async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    const inbox = path.join(sb.dir, 'inbox');
    const done = path.join(sb.dir, 'done');
    fs.mkdirSync(inbox);
    expect(await cli(sb, ['import', inbox, '--move-to', done])).toMatchObject({ code: 0, stdout: '' });
    const header = '工单编号,受理时间,诉求类型,所属街镇,业务分类,诉求标题\n';
    fs.writeFileSync(path.join(inbox, 'a.csv'), `${header}D1,2026-11-24 08:00,咨询,东湖街道,教育,学位\n`);
    fs.writeFileSync(path.join(inbox, 'b.xlsx'), 'PK\u0003\u0004 not a workbook');
    fs.writeFileSync(path.join(inbox, 'c.csv'), `${header}D2,2026-11-31 08:00,咨询,东湖街道,教育,学位\n`);
    const r = await cli(sb, ['import', inbox, '--move-to', done, '--dispatch']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path.join(inbox, 'b.xlsx')}: cannot read the Excel file`);
    expect(r.stderr).toContain(`${path.join(inbox, 'c.csv')}: line 2:`);
    expect(fs.readdirSync(done)).toEqual(['a.csv']);
    expect(fs.readdirSync(inbox)).toEqual(['b.xlsx', 'c.csv']);
    expect(await json(sb, ['list', '--fields', 'no,leadUnit'])).toEqual([{ no: 'D1', leadUnit: 'jyj' }]);
  });
});
