// The foundation as a new user meets it: init, the directory, settings, the calendar, help.
import { describe, expect, it } from 'vitest';
import { App } from '../../src/cli/app.js';
import { buildProgram } from '../../src/cli/main.js';
import { Terminal } from '../../src/cli/terminal.js';
import { cli, json, ok, sandbox } from './helpers.js';
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';

describe('init', () => {
  it('twice leaves one copy of everything', async () => {
    const sb = await sandbox({ init: false });
    const first = await json<{ unitsAdded: number; units: number; categories: number }>(sb, ['init']);
    const second = await json<{ unitsAdded: number; units: number; categoriesAdded: number; categories: number }>(sb, ['init']);
    expect(first.unitsAdded).toBe(first.units);
    expect(first.units).toBeGreaterThanOrEqual(30);
    expect(second).toMatchObject({ unitsAdded: 0, categoriesAdded: 0, units: first.units, categories: first.categories });
    expect((await json<unknown[]>(sb, ['units', 'list'])).length).toBe(first.units);
  });

  it('a database from a newer hotline is refused, not used', async () => {
    const sb = await sandbox();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(sb.db);
    raw.prepare("insert into kysely_migration (name, timestamp) values ('2099-01-01-001-future', '2099-01-01')").run();
    raw.close();
    const r = await cli(sb, ['units', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/newer hotline/);
  });
});

describe('wrong input: a clear message, exit 1, nothing changed', () => {
  it('units add with a duplicate code', async () => {
    const sb = await sandbox();
    const before = await json<unknown[]>(sb, ['units', 'list']);
    const r = await cli(sb, ['units', 'add', '--code', 'cgjd', '--name', '新单位', '--kind', 'town']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cgjd');
    expect(r.stderr).toContain('城关街道');
    expect(await json<unknown[]>(sb, ['units', 'list'])).toEqual(before);
    await ok(sb, ['units', 'add', '--code', 'hxjd', '--name', '河西街道', '--kind', 'town', '--leader', '王某']);
    expect((await json<{ code: string }[]>(sb, ['units', 'list'])).map((u) => u.code)).toContain('hxjd');
    expect((await cli(sb, ['units', 'add', '--code', 'Bad Code', '--name', 'x', '--kind', 'town'])).code).toBe(1);
    expect((await cli(sb, ['units', 'add', '--code', 'xx', '--name', 'x', '--kind', 'village'])).code).toBe(1);
  });

  it('calendar set with a bad date, and a date that is fine', async () => {
    const sb = await sandbox();
    const before = await json<unknown[]>(sb, ['calendar', 'list', '2026']);
    for (const bad of [['2026-02-30', 'workday'], ['2026-13-01', 'holiday'], ['2026-10-01', 'sometimes']]) {
      const r = await cli(sb, ['calendar', 'set', ...bad]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/not valid|not a kind/);
    }
    expect(await json<unknown[]>(sb, ['calendar', 'list', '2026'])).toEqual(before);
    await ok(sb, ['calendar', 'set', '2026-10-09', 'holiday', '--note', '区政府通知']);
    expect((await ok(sb, ['calendar', 'workdays-after', '2026-09-30', '5'])).stdout.trim()).toBe('2026-10-14');
  });

  it('config set with an unknown key or a negative limit', async () => {
    const sb = await sandbox();
    const before = await json<unknown[]>(sb, ['config', 'get']);
    const unknown = await cli(sb, ['config', 'set', 'reply.nothing', '3']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('reply.consult'); // lists the keys there are
    const negative = await cli(sb, ['config', 'set', 'reply.consult', '-3']);
    expect(negative.code).toBe(1);
    expect(negative.stderr).toMatch(/negative/);
    expect((await cli(sb, ['config', 'set', 'satisfaction.floor', '120'])).code).toBe(1);
    expect(await json<unknown[]>(sb, ['config', 'get'])).toEqual(before);
    await ok(sb, ['config', 'set', 'reply.consult', '2']);
    expect(await json<{ value: number; changed: boolean }>(sb, ['config', 'get', 'reply.consult'])).toMatchObject({ value: 2, changed: true });
  });

  it('in Chinese for the clerk', async () => {
    const sb = await sandbox({ lang: 'zh' });
    const r = await cli(sb, ['units', 'add', '--code', 'cgjd', '--name', '新单位', '--kind', 'town']);
    expect(r.stderr).toContain('已被“城关街道”使用');
  });
});

describe('the calendar', () => {
  it('the DOMAIN example, and next year imported from the office\'s file', async () => {
    const sb = await sandbox();
    expect((await ok(sb, ['calendar', 'workdays-after', '2026-09-30', '5'])).stdout.trim()).toBe('2026-10-13');
    const example = (await ok(sb, ['calendar', 'import', '--example'])).stdout;
    const fs = await import('node:fs');
    const file = `${sb.dir}/2027.txt`;
    fs.writeFileSync(file, example);
    await ok(sb, ['calendar', 'import', file]);
    const y2027 = await json<{ date: string; source: string }[]>(sb, ['calendar', 'list', '2027']);
    expect(y2027.length).toBeGreaterThan(20);
    expect(y2027.every((e) => e.source === 'office')).toBe(true);
    fs.writeFileSync(file, '2027-02-30 holiday 春节\n2027-03-01 someday\n');
    const bad = await cli(sb, ['calendar', 'import', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 1');
    expect(bad.stderr).toContain('line 2');
  });
});

describe('help', () => {
  function allCommands(): string[][] {
    const streams = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {} };
    const program = buildProgram(new App(new Terminal(streams, 'en')));
    // Hidden commands (the completion callback __complete) are for the shell, not for people.
    const shown = (c: Command) => c.commands.filter((s) => !(s as Command & { _hidden?: boolean })._hidden);
    const walk = (c: Command, path: string[]): string[][] => [path, ...shown(c).flatMap((s) => walk(s, [...path, s.name()]))];
    return walk(program, []).filter((p) => p.length > 0);
  }

  it('every command has --help with at least one example', async () => {
    const sb = await sandbox({ init: false });
    const commands = allCommands();
    expect(commands.length).toBeGreaterThan(30);
    for (const path of commands) {
      const r = await cli(sb, [...path, '--help']);
      expect(r.code, path.join(' ')).toBe(0);
      expect(r.stdout, path.join(' ')).toMatch(/Examples:\n\s+\$ hotline /);
    }
  });

  it('help is in Chinese for the clerk', async () => {
    const sb = await sandbox({ init: false, lang: 'zh' });
    const r = await cli(sb, ['--help']);
    expect(r.stdout).toContain('用法：');
    expect(r.stdout).toContain('示例：');
  });
});
