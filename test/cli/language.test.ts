// The clerk's language: every refusal and usage error under LANG=zh_CN.UTF-8 reads as Chinese —
// no raw field names, no commander or inquirer English — and Ctrl-C at a prompt is "已取消",
// exit 130, nothing changed.
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ok, sandbox, typeAtTerminal, type Sandbox } from './helpers.js';

let sb: Sandbox;
const zh = { HOTLINE_LANG: '', LANG: 'zh_CN.UTF-8' };

beforeAll(async () => {
  sb = await sandbox({ now: '2026-11-24 10:00' });
  await ok(sb, ['add', '--no', 'L1', '--received-at', '2026-11-23 09:00', '--type', '咨询', '--category', '教育', '--town', '城关街道', '--title', '学校', '--content', '问']);
  await ok(sb, ['dispatch', 'L1', '--to', 'cgjd', '--at', '2026-11-23 10:00']);
  await ok(sb, ['sign', 'L1', '--at', '2026-11-23 11:00']);
});

/** English words that must never reach a Chinese clerk: raw field names and commander/inquirer phrases. */
const ENGLISH = /\b(signedBy|handler|content|leadUnit|explanation|receivedAt|unknown|missing|argument|option|command|expected|error:|Did you mean|User force closed|SIGINT|navigate|select)\b/;

describe('refusals and usage errors in Chinese', () => {
  const cases: [string, string[], number][] = [
    ['a reply without the signer', ['reply', 'L1', '--content', '已答复', '--result', 'solved', '--handler', '李某', '--signed-by', ' '], 1],
    ['a signer not on record', ['reply', 'L1', '--content', '已答复', '--result', 'solved', '--handler', '李某', '--signed-by', '不存在的人'], 1],
    ['a wrong status', ['feedback', 'L1', '--result', 'satisfied'], 1],
    ['an unknown order', ['sign', 'NOSUCH'], 1],
    ['a typo in a command', ['dispach', 'L1'], 2],
    ['an unknown option', ['list', '--bogus'], 2],
    ['a missing argument', ['show'], 2],
    ['too many arguments', ['show', 'L1', 'L2'], 2],
    ['an option without its value', ['dispatch', 'L1', '--to'], 2],
    ['a bad choice', ['feedback', 'L1', '--result', 'happy'], 1],
  ];
  it.each(cases)('%s', async (_what, args, code) => {
    const before = (await ok(sb, ['history', 'L1', '--json'])).stdout;
    const r = await cli(sb, args, { env: zh });
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(r.stderr).not.toMatch(ENGLISH);
    expect((await ok(sb, ['history', 'L1', '--json'])).stdout).toBe(before);
  });

  it('field names are words: 签批领导, not signedBy; the signers on record are named', async () => {
    const blank = await cli(sb, ['reply', 'L1', '--content', '已答复', '--result', 'solved', '--handler', '李某', '--signed-by', ' '], { env: zh });
    expect(blank.stderr).toContain('签批领导');
    const stranger = await cli(sb, ['reply', 'L1', '--content', '已答复', '--result', 'solved', '--handler', '李某', '--signed-by', '不存在的人'], { env: zh });
    expect(stranger.stderr).toContain('王某'); // cgjd's leader and deputy on record
    expect(stranger.stderr).toContain('刘某某');
  });

  it('a typo gets the suggestion in Chinese', async () => {
    const r = await cli(sb, ['dispach'], { env: zh });
    expect(r.stderr).toContain('未知命令：dispach');
    expect(r.stderr).toContain('是否想输入 dispatch');
  });
});

const atTerminal = (args: string[], keys: string[]) => typeAtTerminal(sb, args, keys, zh);

describe('Ctrl-C at a prompt', () => {
  it('a text prompt: 已取消, exit 130, nothing changed', async () => {
    const before = (await ok(sb, ['history', 'L1', '--json'])).stdout;
    const r = await atTerminal(['reply', 'L1', '--result', 'solved', '--handler', '李某', '--signed-by', '王某'], ['\x03']);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('已取消');
    expect(r.stderr).not.toMatch(/User force closed|unexpected|意外错误/);
    expect((await ok(sb, ['history', 'L1', '--json'])).stdout).toBe(before);
  });

  it('a choice prompt: its key hints in Chinese, then Ctrl-C', async () => {
    const r = await atTerminal(['feedback', 'L1'], ['\x03']);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('移动'); // ↑↓ 移动 • ⏎ 选择, not inquirer's "navigate" / "select"
    expect(r.stderr).not.toMatch(/navigate|select/);
    expect(r.stderr).toContain('已取消');
  });
});
