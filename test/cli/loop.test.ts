// The closed loop (issue 10) through the real CLI: a scripted month over the National Day holiday
// with return review, first contact, a co-unit, a town passing an order down to its community,
// leader sign-off, a joint meeting that dispatches, and callbacks with the three rates. Every
// figure asserted below is counted by hand here from DOMAIN.md's definitions.
//
// Calendar (2026): Mon 09-28, Tue 29, Wed 30 working; Oct 1–7 National Day holiday; Thu 10-08,
// Fri 09, Sat 10 (make-up working day), Mon 12 … Fri 16, Mon 19 … Fri 23, Mon 26, Tue 27.
// Limits (defaults): sign and first contact by the end of the next working day after dispatch;
// return window 2 working days; 求助 5, 投诉 10 working days; a co-unit's or community's part is due
// by the end of the working day before the lead's dueAt.
//
// Period [2026-09-28, 2026-10-26), as of now = 2026-10-27 10:00. Units from data/units.json:
// zjj 区住建局 (马某/张某), dhjd 东湖街道 (李某某/陈某), scjgj 区市场监管局, cgj 区城管局 (杨某某),
// cgjd 城关街道 (王某/刘某某) with its community cgjd-hpsq 和平社区 (胡某).
//
//  L1 求助, rec. Wed 09-30 09:00, due 10-13 (10-08, 09, Sat 10, 12, 13).
//     → scjgj 09-30 10:00 (sign/contact limit end of Thu 10-08: the holiday is skipped);
//     scjgj returns 09-30 15:00 (return_requested); office approves Thu 10-08 09:00 → pending:
//     scjgj's dispatch ended unsigned before its limit → left out of its sign and contact figures.
//     → zjj 10-08 10:00 (limits end of 10-09): signed 10-08 11:00 ✓, contact 10-08 14:00 ✓,
//     reply 10-12 (signed by 马某, leader) ✓ on time, accepted; callback 10-13 satisfied, contacted yes, solved yes.
//  L2 投诉, rec. 09-30 11:00, due 10-20 (10-08, 09, 10, 12…16, 19, 20).
//     → dhjd 09-30 14:00 (limits end of 10-08); dhjd returns 10-08 09:00; office DENIES 10-09
//     10:00 → dispatched, dhjd keeps it. Unsigned when its sign limit passed (a denied return does
//     not end the dispatch) → late: signed 10-09 15:00 ✗, first contact Sat 10-10 09:00 ✗;
//     reply 10-16 (signed by 陈某, deputy) ✓ on time; callback 10-19 basic, contacted yes, solved no.
//  L3 投诉, rec. Thu 10-08 09:00, due 10-21 (10-09, 10, 12…16, 19, 20, 21); part due end of 10-20.
//     → zjj with co-unit cgj 10-08 10:00 (limits end of 10-09): zjj signed 10-08 15:00 ✓, contact
//     10-09 10:00 ✓; cgj signed 10-12 09:00 ✗ (late), never contacted ✗; zjj reply 10-20 (张某,
//     deputy) ✓; cgj's part 10-21 09:00 (杨某某) ✗ late; callback 10-22 satisfied, contacted no, solved yes.
//  L4 求助, rec. Fri 10-09 09:00, due 10-15 (Sat 10-10, 12, 13, 14, 15); part due end of 10-14.
//     → cgjd 10-09 10:00 (limits end of Sat 10-10, the make-up day): signed 10-09 11:00 ✓, no
//     contact of its own ✗; cgjd passes it down (--by cgjd) to cgjd-hpsq 10-09 14:00 (limits end of
//     10-10): community signed Sat 10-10 09:00 ✓, contact 10-10 10:00 ✓, its part 10-13 (胡某) ✓;
//     the town's reply 10-14 (王某) ✓ is the order's answer; callback 10-15 satisfied, yes, yes.
//  L5 投诉, rec. Mon 10-12 09:00, due 10-26 (13…16, 19…23, 26): not due in the period.
//     → dhjd 10-12 10:00, returned 10-12 15:00, approved 10-13 09:00 (ended before its limit:
//     left out); → zjj 10-13 10:00, returned 10-13 15:00, approved 10-14 09:00 (left out): 推诿.
//     Joint meeting 10-15 names cgjd → it dispatches the order to cgjd 10-15 10:00 (limits end of
//     10-16): signed 10-16 09:00 ✓, contact 10-16 09:30 ✓; reply 10-22 (刘某某); callback 10-23
//     unsatisfied, contacted yes, solved no → rework (new due in November).
//
// Hand count, per unit (a community's figures roll up into its town's row):
//  returns requested/approved/denied: scjgj 1/1/0, dhjd 2/1/1 (L2 denied, L5 approved), zjj 1/1/0;
//    totals 4/3/1; denied returns listed: L2 (dhjd).
//  signed in time: zjj 2/2 (L1, L3); dhjd 0/1 (L2, late after its denied return); cgj 0/1;
//    cgjd-hpsq 1/1; cgjd 3/3 (L4, L5 and its community's L4); scjgj none (null). Total 5/7.
//  first contact in time: zjj 2/2; dhjd 0/1; cgj 0/1; cgjd-hpsq 1/1; cgjd 2/3 (L4 ✗, L5 ✓,
//    community ✓); total 4/7.
//  on time (orders due in the period: L1 L2 L3 L4; parts judged in their own rows): zjj 2/2,
//    dhjd 1/1, cgj 0/1 (its part was late), cgjd-hpsq 1/1, cgjd 2/2 (L4 and its community's part);
//    total 4/4 (the lead's answers only).
//  reply rate (received in the period: L1 zjj, L2 dhjd, L3 zjj, L4 cgjd, L5 cgjd; all answered):
//    zjj 2/2, dhjd 1/1, cgjd 2/2.
//  callbacks (to the lead unit): zjj L1, L3 → 响应 1/2, 解决 2/2, 满意 2/2; dhjd L2 → 1/1, 0/1, 1/1;
//    cgjd L4, L5 → 2/2, 1/2, 1/2. Totals: 响应 4/5 = 0.8, 解决 3/5 = 0.6, 满意 4/5 = 0.8.
//  assessment (weights signed 10, on time 40, satisfaction 40, discipline 10; satisfaction score
//    100/80/0; discipline 1 − (denied or direct returns + reworks) / orders handled; ranking minimum 3):
//    zjj handled 3 (L1 L3 L5): 10·1 + 40·1 + 40·1 + 10·1 = 100, rank 1 (the only unit ranked).
//    dhjd handled 2 (L2 L5): 0 + 40 + 40·0.8 + 10·(1 − 1/2) = 77 → below the minimum, not ranked.
//    cgjd handled 2 (L4 L5): 10 + 40 + 40·0.5 + 10·(1 − 1 rework/2) = 75 → not ranked.
//    cgj handled 1: signed 0, on time 0, no satisfaction, discipline 1 → 10/60 = 16.67, not ranked.
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, json, ok, sandbox, typeAtTerminal, type CliResult, type Sandbox } from './helpers.js';

interface Rate {
  num: number;
  den: number;
  pending: number;
  rate: number | null;
}
interface UnitRow {
  code: string;
  name: string;
  kind: string | null;
  parent: string | null;
  signedInTime: Rate;
  firstContact: Rate;
  onTime: Rate;
  replied: Rate;
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  signedInTimeRate: number | null;
  firstContactRate: number | null;
  onTimeRate: number | null;
  replyRate: number | null;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  returnsRequested: number;
  returnsApproved: number;
  returnsDenied: number;
}
interface RankRow {
  code: string;
  score: number | null;
  rank: number | null;
  reason: string | null;
}
interface Circular {
  received: number;
  totals: UnitRow;
  units: UnitRow[];
  ranking: RankRow[];
  deniedReturns: { total: number; rows: { no: string; unit: string }[] };
  tuiOrders: { no: string }[];
}
interface Ev {
  action: string;
  toStatus: string;
  unit: string | null;
  data: Record<string, unknown>;
}

const NOW = '2026-10-27 10:00';
const PERIOD = ['--from', '2026-09-28', '--to', '2026-10-26'];
const ZH = { HOTLINE_LANG: '', LANG: 'zh_CN.UTF-8' };
let sb: Sandbox;
let circular: Circular;
let assess: { ranking: RankRow[] };
let communityReply: CliResult;

const run = (...args: string[]) => ok(sb, args);
const history = (no: string) => json<Ev[]>(sb, ['history', no]);
async function add(no: string, at: string, type: string): Promise<void> {
  await run('add', '--no', no, '--received-at', at, '--type', type, '--category', '城乡建设', '--town', '城关街道', '--title', `标题${no}`, '--content', `内容${no}`);
}
async function reply(no: string, at: string, signedBy: string, unit?: string): Promise<CliResult> {
  return run('reply', no, '--content', '已办理', '--result', 'solved', '--handler', '经办人', '--signed-by', signedBy, '--at', at, ...(unit ? ['--unit', unit] : []));
}
/** The lead's reply (signed by `signedBy`), the office's acceptance an hour later, then the callback. */
async function answerAndCallback(no: string, replyAt: string, signedBy: string, callback: { result: string; contacted: string; solved: string; at: string }): Promise<void> {
  await reply(no, replyAt, signedBy);
  await run('review', no, '--accept', '--at', replyAt.replace(/10:00$/, '11:00'));
  await run('feedback', no, '--result', callback.result, '--contacted', callback.contacted, '--solved', callback.solved, '--at', callback.at);
}
const row = (code: string): UnitRow => {
  const r = circular.units.find((u) => u.code === code);
  if (!r) throw new Error(`no row for ${code}`);
  return r;
};
const counts = (r: Rate) => [r.num, r.den];

beforeAll(async () => {
  sb = await sandbox({ now: NOW });

  await add('L1', '2026-09-30 09:00', '求助');
  await run('dispatch', 'L1', '--to', 'scjgj', '--at', '2026-09-30 10:00');
  await run('return', 'L1', '--reason', '不属本局职责', '--at', '2026-09-30 15:00');
  await run('return', 'approve', 'L1', '--at', '2026-10-08 09:00');
  await run('dispatch', 'L1', '--to', 'zjj', '--at', '2026-10-08 10:00');
  await run('sign', 'L1', '--at', '2026-10-08 11:00');
  await run('contact', 'L1', '--note', '已电话联系市民，约定上门', '--at', '2026-10-08 14:00');
  await answerAndCallback('L1', '2026-10-12 10:00', '马某', { result: 'satisfied', contacted: 'yes', solved: 'yes', at: '2026-10-13 09:00' });

  await add('L2', '2026-09-30 11:00', '投诉');
  await run('dispatch', 'L2', '--to', 'dhjd', '--at', '2026-09-30 14:00');
  await run('return', 'L2', '--reason', '不属街道职责', '--at', '2026-10-08 09:00');
  await run('return', 'deny', 'L2', '--reason', '属街道属地管理职责', '--at', '2026-10-09 10:00');
  await run('sign', 'L2', '--at', '2026-10-09 15:00');
  await run('contact', 'L2', '--at', '2026-10-10 09:00');
  await answerAndCallback('L2', '2026-10-16 10:00', '陈某', { result: 'basic', contacted: 'yes', solved: 'no', at: '2026-10-19 09:00' });

  await add('L3', '2026-10-08 09:00', '投诉');
  await run('dispatch', 'L3', '--to', 'zjj', '--co', 'cgj', '--at', '2026-10-08 10:00');
  await run('sign', 'L3', '--at', '2026-10-08 15:00');
  await run('contact', 'L3', '--at', '2026-10-09 10:00');
  await run('sign', 'L3', '--unit', 'cgj', '--at', '2026-10-12 09:00');
  await reply('L3', '2026-10-20 10:00', '张某');
  await reply('L3', '2026-10-21 09:00', '杨某某', 'cgj');
  await run('review', 'L3', '--accept', '--at', '2026-10-21 10:00');
  await run('feedback', 'L3', '--result', 'satisfied', '--contacted', 'no', '--solved', 'yes', '--at', '2026-10-22 09:00');

  await add('L4', '2026-10-09 09:00', '求助');
  await run('dispatch', 'L4', '--to', 'cgjd', '--at', '2026-10-09 10:00');
  await run('sign', 'L4', '--at', '2026-10-09 11:00');
  await run('dispatch', 'L4', '--to', 'cgjd-hpsq', '--by', 'cgjd', '--at', '2026-10-09 14:00');
  await run('sign', 'L4', '--unit', 'cgjd-hpsq', '--at', '2026-10-10 09:00');
  await run('contact', 'L4', '--unit', 'cgjd-hpsq', '--at', '2026-10-10 10:00');
  communityReply = await reply('L4', '2026-10-13 10:00', '胡某', 'cgjd-hpsq');
  await answerAndCallback('L4', '2026-10-14 10:00', '王某', { result: 'satisfied', contacted: 'yes', solved: 'yes', at: '2026-10-15 09:00' });

  await add('L5', '2026-10-12 09:00', '投诉');
  await run('dispatch', 'L5', '--to', 'dhjd', '--at', '2026-10-12 10:00');
  await run('return', 'L5', '--reason', '不属街道职责', '--at', '2026-10-12 15:00');
  await run('return', 'approve', 'L5', '--at', '2026-10-13 09:00');
  await run('dispatch', 'L5', '--to', 'zjj', '--at', '2026-10-13 10:00');
  await run('return', 'L5', '--reason', '不属本局职责', '--at', '2026-10-13 15:00');
  await run('return', 'approve', 'L5', '--at', '2026-10-14 09:00');
  await run('meeting', 'add', '--orders', 'L5', '--date', '2026-10-15', '--attendees', '城关街道、东湖街道、区住建局', '--decision', '由城关街道牵头办理', '--lead', 'cgjd', '--at', '2026-10-15 10:00');
  await run('sign', 'L5', '--at', '2026-10-16 09:00');
  await run('contact', 'L5', '--at', '2026-10-16 09:30');
  await answerAndCallback('L5', '2026-10-22 10:00', '刘某某', { result: 'unsatisfied', contacted: 'yes', solved: 'no', at: '2026-10-23 09:00' });

  circular = await json<Circular>(sb, ['report', 'circular', ...PERIOD]);
  assess = await json<{ ranking: RankRow[] }>(sb, ['report', 'assess', ...PERIOD]);
});

describe('the month walks every new path', () => {
  it('return review: approved ends the dispatch, denied keeps the unit on it', async () => {
    const l1 = (await history('L1')).map((e) => `${e.action}:${e.toStatus}`);
    expect(l1.slice(0, 5)).toEqual(['register:pending', 'dispatch:dispatched', 'return:return_requested', 'return_approve:pending', 'dispatch:dispatched']);
    const l2 = await history('L2');
    expect(l2.map((e) => `${e.action}:${e.toStatus}`).slice(2, 5)).toEqual(['return:return_requested', 'return_deny:dispatched', 'sign:handling']);
    expect(l2.find((e) => e.action === 'sign')?.data.late).toBe(true);
    expect(l2.find((e) => e.action === 'contact')?.data).toMatchObject({ late: true, first: true });
    expect((await history('L1')).find((e) => e.action === 'contact')?.data).toMatchObject({ late: false, first: true });
  });

  it('a co-unit and a community add their parts; the lead (the town) gives the answer', async () => {
    const l3 = await history('L3');
    expect(l3.find((e) => e.action === 'sign' && e.unit === 'cgj')?.data).toMatchObject({ part: 'co', late: true });
    expect(l3.find((e) => e.action === 'co_reply')).toMatchObject({ unit: 'cgj', toStatus: 'replied', data: { part: 'co', late: true } });
    const l4 = await history('L4');
    expect(l4.find((e) => e.action === 'pass_down')).toMatchObject({ unit: 'cgjd-hpsq', data: { town: 'cgjd', community: 'cgjd-hpsq' } });
    expect(l4.find((e) => e.action === 'co_reply')).toMatchObject({ unit: 'cgjd-hpsq', toStatus: 'handling', data: { part: 'community', late: false, signedBy: '胡某' } });
    expect(l4.find((e) => e.action === 'reply')).toMatchObject({ unit: 'cgjd', toStatus: 'replied' });
    expect(communityReply.stderr).toContain("community cgjd-hpsq's part on L4 recorded; the town gives the order's answer");
    const shown = await json<{ status: string; leadUnit: string }>(sb, ['show', 'L4']);
    expect(shown).toMatchObject({ status: 'closed', leadUnit: 'cgjd' });
  });

  it('the joint meeting dispatched the order to the lead it named', async () => {
    const l5 = await history('L5');
    const i = l5.findIndex((e) => e.action === 'meeting');
    expect(l5[i + 1]).toMatchObject({ action: 'dispatch', unit: 'cgjd', toStatus: 'dispatched' });
    expect(l5[i + 1]!.data.meetingId).toBeTypeOf('number');
    expect(await json<{ status: string; reworkCount: number }>(sb, ['show', 'L5'])).toMatchObject({ status: 'handling', reworkCount: 1 });
    expect(circular.tuiOrders.map((t) => t.no)).toContain('L5');
  });
});

describe('the circular and the assessment equal the hand count', () => {
  it('returns requested, approved and denied per unit', () => {
    const returns = (code: string) => [row(code).returnsRequested, row(code).returnsApproved, row(code).returnsDenied];
    expect(returns('scjgj')).toEqual([1, 1, 0]);
    expect(returns('dhjd')).toEqual([2, 1, 1]);
    expect(returns('zjj')).toEqual([1, 1, 0]);
    expect([circular.totals.returnsRequested, circular.totals.returnsApproved, circular.totals.returnsDenied]).toEqual([4, 3, 1]);
    expect(circular.deniedReturns.total).toBe(1);
    expect(circular.deniedReturns.rows[0]).toMatchObject({ no: 'L2', unit: 'dhjd' });
  });

  it('signed in time: the unit whose return was denied is late', () => {
    expect(counts(row('zjj').signedInTime)).toEqual([2, 2]);
    expect(counts(row('dhjd').signedInTime)).toEqual([0, 1]);
    expect(row('dhjd').signedInTimeRate).toBe(0);
    expect(counts(row('cgj').signedInTime)).toEqual([0, 1]);
    expect(counts(row('cgjd-hpsq').signedInTime)).toEqual([1, 1]);
    expect(counts(row('cgjd').signedInTime)).toEqual([3, 3]);
    expect(row('scjgj').signedInTimeRate).toBeNull(); // its only dispatch ended (approved return) before its limit
    expect(counts(circular.totals.signedInTime)).toEqual([5, 7]);
  });

  it('first contact in time and late', () => {
    expect(counts(row('zjj').firstContact)).toEqual([2, 2]);
    expect(row('zjj').firstContactRate).toBe(1);
    expect(counts(row('dhjd').firstContact)).toEqual([0, 1]);
    expect(counts(row('cgj').firstContact)).toEqual([0, 1]);
    expect(counts(row('cgjd-hpsq').firstContact)).toEqual([1, 1]);
    expect(counts(row('cgjd').firstContact)).toEqual([2, 3]);
    expect(row('cgjd').firstContactRate).toBeCloseTo(2 / 3, 4);
    expect(row('scjgj').firstContactRate).toBeNull();
    expect(counts(circular.totals.firstContact)).toEqual([4, 7]);
  });

  it('on time: co-unit and community parts in their own rows, the community rolled up into its town', () => {
    expect(counts(row('zjj').onTime)).toEqual([2, 2]);
    expect(counts(row('dhjd').onTime)).toEqual([1, 1]);
    expect(counts(row('cgj').onTime)).toEqual([0, 1]);
    expect(row('cgj').onTimeRate).toBe(0);
    expect(counts(row('cgjd-hpsq').onTime)).toEqual([1, 1]);
    expect(counts(row('cgjd').onTime)).toEqual([2, 2]);
    expect(counts(circular.totals.onTime)).toEqual([4, 4]);
  });

  it('the community has its own row under its town', () => {
    expect(row('cgjd-hpsq')).toMatchObject({ kind: 'community', parent: 'cgjd', name: '城关街道和平社区' });
  });

  it('reply rate and the three rates', () => {
    expect(circular.received).toBe(5);
    expect([row('zjj').replyRate, row('dhjd').replyRate, row('cgjd').replyRate]).toEqual([1, 1, 1]);
    expect(counts(row('cgjd').replied)).toEqual([2, 2]);
    // zjj: 响应 1/2, 解决 2/2, 满意 2/2
    expect([counts(row('zjj').response), counts(row('zjj').resolution), counts(row('zjj').satisfaction)]).toEqual([[1, 2], [2, 2], [2, 2]]);
    expect([row('zjj').responseRate, row('zjj').resolutionRate, row('zjj').satisfactionRate]).toEqual([0.5, 1, 1]);
    // dhjd: 1/1, 0/1, 1/1 (basic counts as satisfied)
    expect([row('dhjd').responseRate, row('dhjd').resolutionRate, row('dhjd').satisfactionRate]).toEqual([1, 0, 1]);
    // cgjd: 2/2, 1/2, 1/2
    expect([row('cgjd').responseRate, row('cgjd').resolutionRate, row('cgjd').satisfactionRate]).toEqual([1, 0.5, 0.5]);
    expect([row('cgj').responseRate, row('cgj').satisfactionRate]).toEqual([null, null]); // no callback is the co-unit's
    // totals 4/5, 3/5, 4/5
    expect([counts(circular.totals.response), counts(circular.totals.resolution), counts(circular.totals.satisfaction)]).toEqual([[4, 5], [3, 5], [4, 5]]);
    expect([circular.totals.responseRate ?? circular.totals.response.rate, circular.totals.resolution.rate, circular.totals.satisfaction.rate]).toEqual([0.8, 0.6, 0.8]);
  });

  it('assessment: scores and ranking from the same figures', () => {
    for (const ranking of [circular.ranking, assess.ranking]) {
      const r = (code: string) => ranking.find((x) => x.code === code)!;
      expect(r('zjj')).toMatchObject({ score: 100, rank: 1, reason: null });
      expect(r('dhjd')).toMatchObject({ score: 77, rank: null, reason: 'belowMinimum' });
      expect(r('cgjd')).toMatchObject({ score: 75, rank: null, reason: 'belowMinimum' });
      expect(r('cgj')).toMatchObject({ score: 16.67, rank: null, reason: 'belowMinimum' });
      expect(ranking.filter((x) => x.rank !== null).map((x) => x.code)).toEqual(['zjj']);
    }
  });
});

describe('wrong moves: exit 1, a message in the user language, nothing changed', () => {
  beforeAll(async () => {
    // After the period: these orders leave the month's figures alone.
    await add('W1', '2026-10-26 09:00', '投诉');
    await run('dispatch', 'W1', '--to', 'zjj', '--co', 'cgj', '--at', '2026-10-26 10:00');
    await run('sign', 'W1', '--at', '2026-10-26 11:00');
    await add('W2', '2026-10-26 09:00', '求助');
    await run('dispatch', 'W2', '--to', 'cgjd', '--at', '2026-10-26 10:00');
    await run('sign', 'W2', '--at', '2026-10-26 11:00');
  });

  const replyArgs = (no: string, signedBy: string, unit?: string) => ['reply', no, '--content', '已办理', '--result', 'solved', '--handler', '经办人', '--signed-by', signedBy, ...(unit ? ['--unit', unit] : [])];
  // [what, order, args, English text, Chinese text]
  const cases: [string, string, string[], string[], string[]][] = [
    ['approving a return that was never requested', 'W1', ['return', 'approve', 'W1'], ['W1', 'handling'], ['W1', '不能']],
    ['a co-unit replying for a unit that is not a co-unit', 'W1', replyArgs('W1', '罗某某', 'scjgj'), ['scjgj', 'neither the lead unit nor a co-unit'], ['scjgj', '既不是', '协办单位']],
    ['a community not under the town', 'W2', ['dispatch', 'W2', '--to', 'dhjd-hbsq', '--by', 'cgjd'], ['dhjd-hbsq', 'not a community of cgjd'], ['dhjd-hbsq', '不是 cgjd 下属的社区']],
    ['a signer not on record', 'W2', replyArgs('W2', '不存在的人'), ['不存在的人', '王某', '刘某某'], ['不存在的人', '不是 cgjd 登记的签批人', '王某', '刘某某']],
    ['contact on a closed order', 'L1', ['contact', 'L1'], ['L1', 'closed'], ['L1', '不能']],
  ];
  for (const [lang, env] of [['en', {}], ['zh', ZH]] as const) {
    it.each(cases)(`%s (${lang})`, async (_what, no, args, en, zh) => {
      const before = [(await ok(sb, ['history', no, '--json'])).stdout, (await ok(sb, ['show', no, '--json'])).stdout];
      const r = await cli(sb, args, { env });
      expect(r.code, r.stderr).toBe(1);
      for (const text of lang === 'en' ? en : zh) expect(r.stderr).toContain(text);
      if (lang === 'zh') expect(r.stderr).not.toMatch(/\b(cannot|status|unit|order|signer|error)\b/i);
      expect([(await ok(sb, ['history', no, '--json'])).stdout, (await ok(sb, ['show', no, '--json'])).stdout]).toEqual(before);
    });
  }
});

describe('signers on record (签批)', () => {
  it('units update --signers registers more signers; list --json keeps its fields and gains signers', async () => {
    await run('units', 'update', 'cgjd', '--signers', '张某,李某');
    const units = await json<Record<string, unknown>[]>(sb, ['units', 'list']);
    const cgjd = units.find((u) => u.code === 'cgjd')!;
    expect(cgjd).toMatchObject({ code: 'cgjd', name: '城关街道', kind: 'town', parent: null, leader: '王某', deputy: '刘某某', signers: ['张某', '李某'] });
    expect(units.find((u) => u.code === 'zjj')).toMatchObject({ signers: [] });
    // The refusal names every signer who would do; a registered signer is accepted.
    const r = await cli(sb, ['reply', 'W2', '--content', '已办理', '--result', 'solved', '--handler', '经办人', '--signed-by', '赵某'], { env: ZH });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('王某、刘某某、张某、李某');
    await run('reply', 'W2', '--content', '已办理', '--result', 'solved', '--handler', '经办人', '--signed-by', '李某', '--at', '2026-10-26 15:00');
    expect((await history('W2')).at(-1)).toMatchObject({ action: 'reply', unit: 'cgjd', data: { signedBy: '李某' } });
    // "" clears them: the leader and deputy remain.
    await run('units', 'update', 'cgjd', '--signers', '');
    expect((await json<{ code: string; signers: string[] }[]>(sb, ['units', 'list'])).find((u) => u.code === 'cgjd')!.signers).toEqual([]);
  });

  it('units add --signers; units list shows the tree, communities under their town', async () => {
    await run('units', 'add', '--code', 'cgjd-xqsq', '--name', '城关街道新桥社区', '--kind', 'community', '--parent', 'cgjd', '--leader', '孙某', '--signers', '钱某、周某');
    expect((await json<{ code: string; signers: string[] }[]>(sb, ['units', 'list'])).find((u) => u.code === 'cgjd-xqsq')!.signers).toEqual(['钱某', '周某']);
    const lines = (await run('units', 'list')).stdout.split('\n');
    const at = (code: string) => lines.findIndex((l) => new RegExp(`^\\s*(└ )?${code}\\t`).test(l));
    const town = at('cgjd');
    expect(town).toBeGreaterThan(0);
    // cgjd's three communities follow it, indented, before the next town.
    expect([at('cgjd-fqsq'), at('cgjd-hpsq'), at('cgjd-xqsq')]).toEqual([town + 1, town + 2, town + 3]);
    expect(lines[town + 1]).toMatch(/^\s+└ cgjd-fqsq\t/);
    expect(lines[town + 4]).not.toMatch(/^\s+└/);
    expect(lines[at('cgjd-xqsq')]).toContain('钱某、周某');
  });
});

describe('config set return.review', () => {
  it('off: a return takes effect at once; on: it waits for the office', async () => {
    await add('W3', '2026-10-26 09:00', '咨询');
    await add('W4', '2026-10-26 09:00', '咨询');
    await run('dispatch', 'W3', 'W4', '--to', 'dhjd', '--at', '2026-10-26 10:00');
    await run('config', 'set', 'return.review', 'off');
    await run('return', 'W3', '--reason', '不属街道职责', '--at', '2026-10-26 11:00');
    expect(await json<{ status: string; leadUnit: string | null; returnCount: number }>(sb, ['show', 'W3'])).toMatchObject({ status: 'pending', leadUnit: null, returnCount: 1 });
    await run('config', 'set', 'return.review', 'on');
    await run('return', 'W4', '--reason', '不属街道职责', '--at', '2026-10-26 11:00');
    expect(await json<{ status: string; leadUnit: string | null }>(sb, ['show', 'W4'])).toMatchObject({ status: 'return_requested', leadUnit: 'dhjd' });
    const bad = await cli(sb, ['config', 'set', 'return.review', 'maybe'], { env: ZH });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('on 或 off');
    expect((await run('config', 'get', 'return.review')).stdout).toContain('on');
  });
});

describe("dispatch offers the joint meeting's lead first", () => {
  beforeAll(async () => {
    // The meeting named zjj; zjj returned the order anyway and the office approved: it is pending again.
    await add('W5', '2026-10-26 09:00', '投诉');
    await run('meeting', 'add', '--orders', 'W5', '--date', '2026-10-26', '--decision', '由区住建局牵头', '--lead', 'zjj', '--at', '2026-10-26 10:00');
    await run('return', 'W5', '--reason', '不属本局职责', '--at', '2026-10-26 11:00');
    await run('return', 'approve', 'W5', '--at', '2026-10-26 12:00');
  });

  it('in a script, the missing --to is refused naming the meeting’s lead; nothing changed', async () => {
    const before = (await ok(sb, ['history', 'W5', '--json'])).stdout;
    const r = await cli(sb, ['dispatch', 'W5'], { env: ZH });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('联席会议确定的牵头单位是 zjj');
    expect(r.stderr).toContain('--to zjj');
    expect((await ok(sb, ['history', 'W5', '--json'])).stdout).toBe(before);
  });

  it('at a terminal, Enter takes the meeting’s lead', async () => {
    const r = await typeAtTerminal(sb, ['dispatch', 'W5'], ['\r'], ZH);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('联席会议确定的牵头单位');
    expect(await json<{ status: string; leadUnit: string }>(sb, ['show', 'W5'])).toMatchObject({ status: 'dispatched', leadUnit: 'zjj' });
  });
});
