// A run builds only the command it names (start-up, issue 13): the groups' declared names must be
// what their registers really add, and a partial tree must parse a command as the whole one does.
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/cli/app.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { buildProgram, commandNamed } from '../../src/cli/main.js';
import { Terminal } from '../../src/cli/terminal.js';
import { cli, json, sandbox } from './helpers.js';

const app = () => new App(new Terminal({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {} }, 'en'));
const names = (p: Command) => p.commands.map((c) => c.name());

describe('command groups', () => {
  it('each group declares exactly the top-level commands its register adds or extends, and the groups cover the whole tree', () => {
    const whole = buildProgram(app());
    const declared = new Set(COMMANDS.flatMap((g) => g.names));
    expect(new Set(names(whole))).toEqual(declared);
    for (const [i, g] of COMMANDS.entries()) {
      // A group that extends a command finds it registered by the groups before it.
      const p = new Command('hotline');
      for (const before of COMMANDS.slice(0, i)) if (before.names.some((n) => g.names.includes(n))) before.register(p, app());
      const had = new Set(names(p));
      const subBefore = new Map(p.commands.map((c) => [c.name(), c.commands.length]));
      g.register(p, app());
      const added = names(p).filter((n) => !had.has(n));
      const extended = p.commands.filter((c) => (subBefore.get(c.name()) ?? c.commands.length) < c.commands.length).map((c) => c.name());
      expect(new Set([...added, ...extended])).toEqual(new Set(g.names));
    }
  });

  it('the command named is the first argument after the global options; anything unusual builds the whole tree', () => {
    expect(commandNamed(['overdue', '--json'])).toBe('overdue');
    expect(commandNamed(['--db', 'x.db', '--lang', 'zh', '-q', 'list'])).toBe('list');
    expect(commandNamed(['--db=x.db', '--debug', 'report', 'daily'])).toBe('report');
    expect(commandNamed(['--version'])).toBe('--version');
    expect(commandNamed(['--db', 'x', '-V'])).toBe('--version');
    expect(commandNamed([])).toBeUndefined();
    expect(commandNamed(['-qy', 'list'])).toBeUndefined();
    expect(commandNamed(['--dbx', 'list'])).toBeUndefined();
    expect(commandNamed(['--help'])).toBeUndefined();
    // the value of a global option is not a command
    expect(commandNamed(['--db', 'list'])).toBeUndefined();
  });

  it('knows every global option the program has, and whether it takes a value (a new one must be added there)', () => {
    const options = buildProgram(app()).options.filter((o) => o.long !== '--version' && o.long !== '--help');
    expect(options.length).toBeGreaterThanOrEqual(8);
    for (const o of options) {
      const takesValue = o.required || o.optional;
      for (const name of [o.long, o.short].filter((n): n is string => n !== undefined)) {
        expect(commandNamed(takesValue ? [name, 'x', 'list'] : [name, 'list']), name).toBe('list');
        if (takesValue) expect(commandNamed([`${name}=x`, 'list']), name).toBe(name.startsWith('--') ? 'list' : undefined);
      }
    }
  });

  it('builds only the named command’s group, and everything for help, completion or an unknown command', () => {
    expect(names(buildProgram(app(), ['--db', 'x', 'overdue']))).toEqual(['overdue', 'report']);
    expect(names(buildProgram(app(), ['categories', 'alias', 'a', 'b']))).toEqual(['units', 'categories']);
    expect(names(buildProgram(app(), ['--version']))).toEqual([]);
    const all = names(buildProgram(app()));
    for (const argv of [['help', 'overdue'], ['__complete', 'ov'], ['completion', 'bash'], ['overdeu'], []]) expect(names(buildProgram(app(), argv))).toEqual(all);
  });

  it('as a user: a command after global options, a misspelt one, and help behave as with the whole tree', async () => {
    const sb = await sandbox();
    const r = await json<unknown[]>(sb, ['--lang', 'en', 'list', '--limit', '1']);
    expect(Array.isArray(r)).toBe(true);
    const typo = await cli(sb, ['overdeu']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('overdue');
    const help = await cli(sb, ['help']);
    expect(help.code).toBe(0);
    for (const c of ['import', 'overdue', 'categories', 'migrate-to']) expect(help.stdout).toContain(c);
  });
});
