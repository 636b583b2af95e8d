// The dispatch queue driven through a real pseudo-terminal (node-pty), as the clerk uses it:
// `hotline dispatch` with no numbers walks the pending orders; Enter accepts the suggestion, and
// c opens the unit picker, where typing part of a unit's Chinese name finds it.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type IPty } from 'node-pty';
import { describe, expect, it } from 'vitest';
import { BIN, json, run, sandbox, type Env } from './helpers.js';

/** 50 orders the default rules route: category → department, 城市管理 → the order's town. */
const KINDS: [category: string, town: string, unit: string][] = [
  ['教育', '东湖街道', 'jyj'],
  ['市场监管', '白沙镇', 'scjgj'],
  ['卫健', '新桥镇', 'wjw'],
  ['人社', '城关街道', 'rsj'],
  ['城市管理', '东湖街道', 'dhjd'],
];

function fiftyOrders(sb: Env): Map<string, string> {
  const expected = new Map<string, string>();
  const rows = ['工单编号,受理时间,诉求类型,业务分类,所属街镇,诉求标题,诉求内容'];
  for (let i = 1; i <= 50; i++) {
    const [category, town, unit] = KINDS[i % KINDS.length]!;
    const no = `Q${String(i).padStart(3, '0')}`;
    rows.push(`${no},2026-11-24 08:${String(i).padStart(2, '0')},求助,${category},${town},第${i}件诉求,市民反映的第${i}个问题，编号${i * 7919}`);
    expected.set(no, unit);
  }
  const file = path.join(sb.dir, 'orders.csv');
  fs.writeFileSync(file, `${rows.join('\n')}\n`);
  expect(run(sb, ['import', file]).code).toBe(0);
  return expected;
}

/** A pty running `hotline dispatch`, with what it printed and the keystrokes sent. */
class Session {
  out = '';
  keystrokes = 0;
  exited: Promise<number>;
  private pty: IPty;

  constructor(sb: Env) {
    const env = { ...sb.env, TERM: 'xterm-256color' };
    this.pty = spawn(process.execPath, [BIN, 'dispatch'], { cols: 140, rows: 40, cwd: sb.dir, env });
    this.pty.onData((d) => (this.out += d));
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** Wait until `text` appears after `from`; returns the index just after it. */
  async waitFor(text: string, from = 0, ms = 15_000): Promise<number> {
    const until = Date.now() + ms;
    for (;;) {
      const i = this.out.indexOf(text, from);
      if (i >= 0) return i + text.length;
      if (Date.now() > until) throw new Error(`timed out waiting for ${JSON.stringify(text)}; last output:\n${this.out.slice(-1500)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Send keys; each character typed counts as one keystroke. */
  type(keys: string): void {
    this.keystrokes += [...keys].length;
    this.pty.write(keys);
  }
}

/** The number shown in the header "[k/50] Qnnn". */
async function nextOrder(s: Session, k: number, from: number): Promise<{ no: string; at: number }> {
  const at = await s.waitFor(`[${k}/50] `, from);
  await s.waitFor('s: skip', at); // the one-key prompt is up
  return { no: s.out.slice(at, at + 4), at };
}

const leads = (sb: Env) => new Map(json<{ no: string; leadUnit: string | null; status: string }[]>(sb, ['list', '--status', 'dispatched']).map((o) => [o.no, o.leadUnit]));

describe('the dispatch queue in a pseudo-terminal', () => {
  it('dispatches 50 orders whose suggestions are right with one Enter each', async () => {
    const sb = sandbox({ now: '2026-11-24 12:00' });
    const expected = fiftyOrders(sb);
    const s = new Session(sb);
    let from = 0;
    for (let k = 1; k <= 50; k++) {
      const { at } = await nextOrder(s, k, from);
      s.type('\r');
      from = at;
    }
    await s.waitFor('50 dispatched, 0 skipped, 0 failed', from);
    expect(await s.exited).toBe(0);
    expect(s.keystrokes).toBeLessThanOrEqual(80);
    expect(s.keystrokes).toBe(50);
    expect(leads(sb)).toEqual(expected);
  }, 120_000);

  it('accepts 45 and changes 5 through the picker by typing part of a unit name', async () => {
    const sb = sandbox({ now: '2026-11-24 12:00' });
    const expected = fiftyOrders(sb);
    // The first five 教育 orders go to the market regulator instead (found by typing 市场监督).
    const change = new Set([...expected].filter(([, u]) => u === 'jyj').slice(0, 5).map(([no]) => no));
    expect(change.size).toBe(5);
    const s = new Session(sb);
    let from = 0;
    for (let k = 1; k <= 50; k++) {
      const { no, at } = await nextOrder(s, k, from);
      from = at;
      if (!change.has(no)) {
        s.type('\r');
        continue;
      }
      s.type('c');
      from = await s.waitFor('type a name, code or pinyin initials', from);
      s.type('市场监督');
      from = await s.waitFor('❯ 区市场监督管理局', from);
      s.type('\r');
      expected.set(no, 'scjgj');
    }
    await s.waitFor('50 dispatched, 0 skipped, 0 failed', from);
    expect(await s.exited).toBe(0);
    expect(leads(sb)).toEqual(expected);
    expect(s.keystrokes).toBe(45 + 5 * (1 + 4 + 1));
  }, 120_000);

  it.each([
    { name: 's skips an order and q stops', keys: ['s', '\r', 'q'], summary: 'stopped: 1 dispatched, 1 skipped, 0 failed, 48 not looked at', exit: 0 },
    { name: 'Ctrl-C stops with exit 130 (what was dispatched stays dispatched)', keys: ['\r', '\u0003'], summary: 'stopped: 1 dispatched, 0 skipped, 0 failed, 49 not looked at', exit: 130 },
  ])('$name, with a summary of what was left', async ({ keys, summary, exit }) => {
    const sb = sandbox({ now: '2026-11-24 12:00' });
    fiftyOrders(sb);
    const s = new Session(sb);
    let at = 0;
    for (const [i, key] of keys.entries()) {
      ({ at } = await nextOrder(s, i + 1, at));
      s.type(key);
    }
    await s.waitFor(summary, at);
    expect(await s.exited).toBe(exit);
    expect(leads(sb).size).toBe(1);
  }, 60_000);
});
