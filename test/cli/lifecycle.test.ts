// The order's whole life through the real CLI, with --at times on the 2026 calendar, and every
// wrong move refused with exit 1 and nothing changed. Deadlines counted by hand in the comments.
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, json as j, ok as okRun, sandbox, type Sandbox } from './helpers.js';

interface Shown {
  no: string;
  status: string;
  dueAt: string;
  leadUnit: string | null;
  coUnits: string[];
  overdue: boolean;
  returnCount: number;
  reworkCount: number;
  extensionDays: number;
  satisfaction: string | null;
}
interface Ev {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  unit: string | null;
  data: Record<string, unknown>;
}

const NOW = '2026-11-24 10:00';
let sb: Sandbox;

async function ok(args: string[]): Promise<void> {
  await okRun(sb, args);
}
const show = (no: string) => j<Shown>(sb, ['show', no]);
const history = (no: string) => j<Ev[]>(sb, ['history', no]);

async function add(no: string, received: string, type: string, extra: string[] = []): Promise<void> {
  await ok(['add', '--no', no, '--received-at', received, '--type', type, '--category', '城乡建设', '--town', '城关街道', '--title', `标题${no}`, '--content', `内容${no}`, ...extra]);
}

beforeAll(async () => {
  sb = await sandbox({ now: NOW });
  // These paths were written for direct returns: DOMAIN.md's switch keeps them (return review is
  // walked in loop.test.ts).
  await ok(['config', 'set', 'return.review', 'off']);
});

describe('every path of the state machine', () => {
  it('A: extension, review reject, rework, satisfied → closed', async () => {
    await add('A', '2026-09-30 10:00', '投诉');
    // Wed 09-30, 10 working days from the next working day: Oct 8, 9, Sat 10 (make-up), 12…16, 19, 20.
    expect((await show('A')).dueAt).toBe('2026-10-20T23:59:59+08:00');
    await ok(['dispatch', 'A', '--to', 'cgjd', '--at', '2026-09-30 11:00']);
    await ok(['sign', 'A', '--at', '2026-10-08 09:00']); // sign limit: end of 10-08 (next working day) → in time
    await ok(['extend', 'A', '--days', '3', '--reason', '需协调供电公司', '--at', '2026-10-12 09:00']);
    expect((await show('A')).extensionDays).toBe(0); // asked, not yet approved
    await ok(['extend', 'approve', 'A', '--at', '2026-10-12 10:00']);
    expect(await show('A')).toMatchObject({ dueAt: '2026-10-23T23:59:59+08:00', extensionDays: 3 }); // 10-20 + 21, 22, 23
    await ok(['reply', 'A', '--content', '已整改', '--result', 'solved', '--handler', '李某', '--signed-by', '王某', '--at', '2026-10-14 10:00']);
    expect((await show('A')).status).toBe('replied');
    await ok(['review', 'A', '--reject', '--reason', '未说明整改时限', '--at', '2026-10-14 11:00']);
    expect(await show('A')).toMatchObject({ status: 'handling', dueAt: '2026-10-23T23:59:59+08:00' });
    await ok(['reply', 'A', '--content', '已整改，夜间停工', '--result', 'solved', '--handler', '李某', '--signed-by', '王某', '--at', '2026-10-15 10:00']);
    await ok(['review', 'A', '--accept', '--at', '2026-10-15 11:00']);
    expect((await show('A')).status).toBe('answered');
    await ok(['feedback', 'A', '--result', 'unsatisfied', '--at', '2026-10-16 09:00']);
    // Rework from Fri 10-16: 19, 20, 21, 22, 23, 26, 27, 28, 29, 30.
    expect(await show('A')).toMatchObject({ status: 'handling', reworkCount: 1, dueAt: '2026-10-30T23:59:59+08:00' });
    await ok(['reply', 'A', '--content', '再次整改', '--result', 'solved', '--handler', '李某', '--signed-by', '王某', '--at', '2026-10-20 10:00']);
    await ok(['review', 'A', '--accept', '--at', '2026-10-20 11:00']);
    await ok(['feedback', 'A', '--result', 'satisfied', '--at', '2026-10-21 09:00']);
    expect(await show('A')).toMatchObject({ status: 'closed', satisfaction: 'satisfied', reworkCount: 1, extensionDays: 3, overdue: false });

    const h = await history('A');
    expect(h.map((e) => e.action)).toEqual([
      'register', 'dispatch', 'sign', 'extend_request', 'extend_approve', 'reply', 'review_reject',
      'reply', 'review_accept', 'feedback', 'reply', 'review_accept', 'feedback',
    ]);
    expect(h.every((e) => e.actor === 'clerk')).toBe(true);
    expect(h[2]!.occurredAt).toBe('2026-10-08T09:00:00+08:00');
    expect(h[2]!.recordedAt).toBe('2026-11-24T10:00:00+08:00'); // recorded now, happened --at
    expect(h[2]!.data.late).toBe(false);
    expect(h[4]!.data.previousDueAt).toBe('2026-10-20T23:59:59+08:00'); // the original deadline stays in the log
  });

  it('B: returned twice (推诿), joint meeting names the lead, closure denied then approved', async () => {
    await add('B', '2026-11-02 09:00', '求助'); // Mon; 5 working days → Mon 11-09
    expect((await show('B')).dueAt).toBe('2026-11-09T23:59:59+08:00');
    await ok(['dispatch', 'B', '--to', 'cgjd', '--at', '2026-11-02 10:00']);
    await ok(['return', 'B', '--reason', '不属本街道职责', '--at', '2026-11-03 09:00']);
    expect(await show('B')).toMatchObject({ status: 'pending', returnCount: 1, leadUnit: null });
    await ok(['dispatch', 'B', '--to', 'zjj', '--at', '2026-11-03 10:00']);
    const second = await cli(sb, ['return', 'B', '--reason', '应由属地办理', '--at', '2026-11-04 09:00']);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('推诿'); // flagged and a joint meeting suggested
    expect((await show('B')).returnCount).toBe(2);
    await ok(['meeting', 'add', '--orders', 'B', '--date', '2026-11-05', '--attendees', '城关街道、区住建局', '--decision', '由城关街道牵头', '--lead', 'cgjd', '--at', '2026-11-05 10:00']);
    // The meeting's lead gets the order: the meeting dispatches it (its own event), no second command.
    expect(await show('B')).toMatchObject({ leadUnit: 'cgjd', status: 'dispatched' });
    await ok(['sign', 'B', '--at', '2026-11-05 12:00']);
    await ok(['request-closure', 'B', '--reason', 'out_of_scope', '--explanation', '属司法诉讼事项', '--at', '2026-11-06 09:00']);
    expect((await show('B')).status).toBe('closure_requested');
    await ok(['closure', 'deny', 'B', '--reason', '属本单位职责', '--at', '2026-11-06 10:00']);
    expect((await show('B')).status).toBe('handling');
    await ok(['request-closure', 'B', '--reason', 'handled_elsewhere', '--explanation', '已由法院受理', '--at', '2026-11-06 11:00']);
    await ok(['closure', 'approve', 'B', '--at', '2026-11-06 12:00']);
    expect(await show('B')).toMatchObject({ status: 'closed', dueAt: '2026-11-09T23:59:59+08:00', returnCount: 2 });
    expect((await history('B')).map((e) => e.action)).toEqual([
      'register', 'dispatch', 'return', 'dispatch', 'return', 'meeting', 'dispatch', 'sign',
      'closure_request', 'closure_deny', 'closure_request', 'closure_approve',
    ]);
  });

  it('C: re-dispatch, co-unit reply, extension denied, remind and supervise; overdue as of now', async () => {
    await add('C', '2026-11-10 09:00', '咨询'); // Tue; 3 working days → Fri 11-13
    await ok(['dispatch', 'C', '--to', 'cgjd', '--at', '2026-11-10 10:00']);
    await ok(['sign', 'C', '--at', '2026-11-10 11:00']);
    await ok(['dispatch', 'C', '--to', 'zjj', '--co', 'cgj', '--at', '2026-11-10 14:00']); // 改派 from handling
    expect(await show('C')).toMatchObject({ status: 'dispatched', leadUnit: 'zjj', coUnits: ['cgj'], dueAt: '2026-11-13T23:59:59+08:00' });
    await ok(['sign', 'C', '--at', '2026-11-11 09:00']);
    await ok(['extend', 'C', '--days', '2', '--reason', '等待检测结果', '--at', '2026-11-12 09:00']);
    await ok(['extend', 'deny', 'C', '--reason', '理由不充分', '--at', '2026-11-12 10:00']);
    await ok(['remind', 'C', '--at', '2026-11-12 11:00']);
    await ok(['supervise', 'C', '--level', 'key', '--at', '2026-11-12 11:30']);
    await ok(['reply', 'C', '--unit', 'cgj', '--content', '已配合现场核查', '--result', 'explained', '--handler', '赵某', '--signed-by', '杨某某', '--at', '2026-11-13 09:00']);
    const c = await show('C');
    expect(c).toMatchObject({ status: 'handling', extensionDays: 0, overdue: true }); // due 11-13, now 11-24
    const h = await history('C');
    expect(h.map((e) => e.action)).toEqual(['register', 'dispatch', 'sign', 'dispatch', 'sign', 'extend_request', 'extend_deny', 'remind', 'supervise', 'co_reply']);
    expect(h[3]!.data.redispatch).toBe(true);
    expect(h[9]!.unit).toBe('cgj');
  });
});

describe('wrong moves: a clear message, exit 1, nothing changed', () => {
  beforeAll(async () => {
    await add('D', '2026-11-16 09:00', '求助');
    await add('E', '2026-11-16 09:30', '求助');
    await ok(['dispatch', 'E', '--to', 'cgjd', '--at', '2026-11-16 10:00']); // return window: end of Wed 11-18
  });

  const cases: [string, string[], RegExp][] = [
    ['sign an undispatched order', ['sign', 'D'], /D.*(pending|cannot)/],
    ['reply before signing', ['reply', 'E', '--content', 'x', '--result', 'solved', '--handler', 'a', '--signed-by', 'b'], /E/],
    ['return after the window', ['return', 'E', '--reason', '不属本单位', '--at', '2026-11-19 09:00'], /2026-11-18/],
    ['extend after the deadline', ['extend', 'C', '--days', '2', '--reason', 'x', '--at', '2026-11-16 09:00'], /C/],
    ['feedback on an unanswered order', ['feedback', 'C', '--result', 'satisfied'], /C/],
    ['unknown unit', ['dispatch', 'D', '--to', 'nosuch'], /nosuch/],
    ['unknown order', ['sign', 'NOPE'], /NOPE/],
    ['bad result value', ['feedback', 'C', '--result', 'happy'], /happy/],
    ['a time that is not a time', ['sign', 'E', '--at', '2026-13-01'], /2026-13-01/],
    ['an action dated before the last change', ['sign', 'E', '--at', '2026-11-16 09:59'], /E/],
    ['all-or-nothing over many orders', ['dispatch', 'D', 'E', 'NOPE', '--to', 'zjj'], /NOPE/],
  ];
  for (const [what, args, says] of cases) {
    it(what, async () => {
      const snapshot = async () => Promise.all(['C', 'D', 'E'].map(async (no) => [await show(no), (await history(no)).length]));
      const before = await snapshot();
      const r = await cli(sb, args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(says);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace without --debug
      expect(await snapshot()).toEqual(before);
    });
  }

  it('the same refusals in Chinese for the clerk', async () => {
    const r = await cli(sb, ['sign', 'D'], { env: { HOTLINE_LANG: 'zh' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('待派发');
    expect(r.stderr).toContain('签收');
  });

  it('wrong usage exits 2', async () => {
    expect((await cli(sb, ['review'])).code).toBe(2);
    expect((await cli(sb, ['sign', 'E', '--bogus'])).code).toBe(2);
  });
});
