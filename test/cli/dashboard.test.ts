// `hotline` alone: on a terminal the day's dashboard with the next command for each line; in a
// script (no terminal) the help, as before.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { cli, ok, sandbox, type Sandbox } from './helpers.js';

async function onTerminal(sb: Sandbox): Promise<{ code: number; stdout: string }> {
  const tty = <T extends PassThrough>(s: T) => Object.assign(s, { isTTY: true, columns: 160 });
  const stdout = tty(new PassThrough());
  const out: Buffer[] = [];
  stdout.on('data', (d: Buffer) => out.push(d));
  const code = await runCli([], { stdin: tty(new PassThrough()), stdout, stderr: tty(new PassThrough()), env: { ...sb.env, NO_COLOR: '1' } });
  return { code, stdout: Buffer.concat(out).toString('utf8') };
}

describe('dashboard', () => {
  it("shows each step's count with the next command", async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    const add = (no: string, at: string) => ok(sb, ['add', '--no', no, '--received-at', at, '--type', '咨询', '--category', '教育', '--town', '东湖街道', '--title', `问题${no}`]);
    await add('P1', '2026-11-24 08:00'); // pending
    await add('P2', '2026-11-24 08:30'); // pending
    await add('L1', '2026-11-16 09:00'); // 咨询 3 working days → due 11-19: overdue
    await ok(sb, ['dispatch', 'L1', '--to', 'jyj', '--at', '2026-11-16 10:00']);
    await add('R1', '2026-11-23 09:00'); // due 11-26
    await ok(sb, ['dispatch', 'R1', '--to', 'jyj', '--at', '2026-11-23 10:00']);
    await ok(sb, ['sign', 'R1', '--at', '2026-11-23 11:00']);
    await ok(sb, ['reply', 'R1', '--content', '已答复', '--result', 'explained', '--handler', '李某', '--signed-by', '刘某某']);
    const { code, stdout } = await onTerminal(sb);
    expect(code).toBe(0);
    const line = (label: string) => stdout.split('\n').find((l) => l.includes(label)) ?? '';
    expect(line('to dispatch')).toMatch(/to dispatch\s*│?\s*2\s.*P1 P2.*hotline dispatch/);
    expect(line('replies to review')).toMatch(/1.*R1.*hotline review R1/);
    expect(line('overdue')).toMatch(/1.*L1.*hotline overdue/);
    expect(line('to call back')).toMatch(/0/);
  });

  it('prints the help when not on a terminal', async () => {
    const sb = await sandbox();
    const r = await cli(sb, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: hotline');
  });
});
