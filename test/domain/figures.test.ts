// The supervision figures against a data set built by hand around the 2026 Mid-autumn and
// National Day holidays. Every expected number is counted by hand in the comments.
//
// Calendar (official 2026): Sun 09-20 make-up workday; Fri 09-25..Sun 09-27 holiday (中秋);
// Mon 09-28, Tue 09-29, Wed 09-30 workdays; Thu 10-01..Wed 10-07 holiday (国庆);
// Thu 10-08, Fri 10-09, Sat 10-10 (make-up) workdays; Sun 10-11 off; Mon 10-12 workday.
//
// Circular period [2026-09-28, 2026-10-12) (two weeks), previous period [09-14, 09-28),
// as of 2026-10-12 10:00.
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { groupEvents, type OrderEvent, type Action } from '../../src/domain/events.js';
import type { OrderStatus, OrderType } from '../../src/domain/order.js';
import { assess, circular, dailyReport, type OrderFacts, type UnitInfo } from '../../src/domain/figures.js';
import { parseTime } from '../../src/domain/time.js';
import { isRefusal } from '../../src/domain/errors.js';

const cal = new WorkCalendar(officialCalendar());
const s = DEFAULT_SETTINGS;

/** '09-28 09:00' → 2026-09-28T09:00:00+08:00; 'end 10-10' → 2026-10-10T23:59:59+08:00. */
function T(short: string): string {
  if (short.startsWith('end ')) return `2026-${short.slice(4)}T23:59:59+08:00`;
  const [d, hm] = short.split(' ');
  return `2026-${d}T${hm}:00+08:00`;
}

const events: OrderEvent[] = [];
let id = 0;
function ev(
  no: string,
  action: Action,
  at: string,
  from: OrderStatus | null,
  to: OrderStatus,
  unit: string | null = null,
  data: Record<string, unknown> = {},
): void {
  // The data each action carries (events.ts), with neutral values where the case does not need them.
  const o = orders.find((x) => x.no === no);
  const base: Partial<Record<Action, Record<string, unknown>>> = {
    register: { receivedAt: T(at), type: o?.type ?? '咨询', urgency: '一般', repeatOf: o?.repeatOf ?? null },
    dispatch: { leadUnit: unit, coUnits: [], returnUntil: T('end 12-31'), redispatch: false, auto: false, ruleId: null },
    sign: { late: false },
    reply: { content: '已办理', result: 'solved', handler: '经办人', signedBy: '负责人', late: false },
    return: { reason: '非本单位职责' },
    extend_request: { reason: '需协调' },
    review_accept: { late: false },
    feedback: { rework: false },
    closure_request: { explanation: '说明', late: false },
    closure_approve: { late: false },
  };
  const full = { ...(base[action] ?? {}), ...data };
  events.push({ id: ++id, orderNo: no, action, fromStatus: from, toStatus: to, unit, actor: 'test', occurredAt: T(at), recordedAt: T(at), note: null, data: full } as OrderEvent);
}
const orders: OrderFacts[] = [];
function order(no: string, type: OrderType, received: string, category: string, town: string, title: string, extra: Partial<OrderFacts> = {}): void {
  orders.push({ no, type, category, urgency: '一般', town, title, receivedAt: T(received), leadUnit: null, repeatOf: null, status: 'pending', dueAt: '', ...extra });
}

const units: UnitInfo[] = [
  { code: 'T1', name: '城关镇', kind: 'town', parent: null, contact: '王主任', phone: '0571-88000001' },
  { code: 'D1', name: '区市场监管局', kind: 'department', parent: null, contact: '李科长', phone: '0571-88000002' },
  { code: 'D2', name: '区住建局', kind: 'department', parent: null, contact: '赵科长', phone: '0571-88000003' },
  { code: 'C1', name: '东门社区', kind: 'community', parent: 'T1', contact: null, phone: null }, // no activity: no row
];

// A01 投诉, received exactly at `from` 00:00 (in the period). Due 10-16 (10 wd). Dispatched D1 same day,
// signed in time, replied 10-09, accepted, feedback satisfied 10-10 (in period).
order('A01', '投诉', '09-28 00:00', '市场监管', '城关镇', '超市销售过期食品');
ev('A01', 'register', '09-28 00:00', null, 'pending', null, { dueAt: T('end 10-16') });
ev('A01', 'dispatch', '09-28 09:00', 'pending', 'dispatched', 'D1', { leadUnit: 'D1', coUnits: [], signDueAt: T('end 09-29') });
ev('A01', 'sign', '09-28 10:00', 'dispatched', 'handling', 'D1');
ev('A01', 'reply', '10-09 10:00', 'handling', 'replied', 'D1');
ev('A01', 'review_accept', '10-09 15:00', 'replied', 'answered');
ev('A01', 'feedback', '10-10 09:00', 'answered', 'closed', 'D1', { satisfaction: 'satisfied' });

// A02 received exactly at `to` 00:00: NOT in the period. Pending, due 10-15: neither overdue nor due soon.
order('A02', '咨询', '10-12 00:00', '教育', '城关镇', '学校作息时间');
ev('A02', 'register', '10-12 00:00', null, 'pending', null, { dueAt: T('end 10-15') });

// A03 求助 received Wed 09-30 18:00 (after hours) → same-day limit end of 10-08; dispatched T1 10-08 09:00
// (same day); sign due end 10-09, signed Sat 10-10 (LATE SIGN); reply 10-13 is after asOf (ignored).
// Due 10-13 (5 wd: 10-08, 09, 10, 12, 13): due soon as of 10-12 10:00.
order('A03', '求助', '09-30 18:00', '城乡建设', '城关镇', '小区路灯不亮 联系13812345678');
ev('A03', 'register', '09-30 18:00', null, 'pending', null, { dueAt: T('end 10-13') });
ev('A03', 'dispatch', '10-08 09:00', 'pending', 'dispatched', 'T1', { leadUnit: 'T1', signDueAt: T('end 10-09') });
ev('A03', 'sign', '10-10 09:00', 'dispatched', 'handling', 'T1', { late: true });
ev('A03', 'reply', '10-13 10:00', 'handling', 'replied', 'T1');

// A04 咨询 received 09-28 10:00, due 10-08 (3 wd) EXTENDED by 2 wd → 10-10 (approved 09-30).
// Dispatched T1 same day, signed in time, reply 10-10 20:00 (on time), accepted, feedback BASIC 10-11.
order('A04', '咨询', '09-28 10:00', '人社', '东城街道', '社保缴费基数咨询');
ev('A04', 'register', '09-28 10:00', null, 'pending', null, { dueAt: T('end 10-08') });
ev('A04', 'dispatch', '09-28 11:00', 'pending', 'dispatched', 'T1', { leadUnit: 'T1', signDueAt: T('end 09-29') });
ev('A04', 'sign', '09-28 14:00', 'dispatched', 'handling', 'T1');
ev('A04', 'extend_request', '09-30 10:00', 'handling', 'handling', 'T1', { days: 2 });
ev('A04', 'extend_approve', '09-30 15:00', 'handling', 'handling', 'T1', { days: 2, dueAt: T('end 10-10'), previousDueAt: T('end 10-08') });
ev('A04', 'reply', '10-10 20:00', 'handling', 'replied', 'T1');
ev('A04', 'review_accept', '10-11 09:00', 'replied', 'answered');
ev('A04', 'feedback', '10-11 10:00', 'answered', 'closed', 'T1', { satisfaction: 'basic' });

// A05 求助 received 09-15 (previous period), D2. Feedback UNSATISFIED 09-28 10:00 (in period) → REWORK,
// new due 10-10 (5 wd from 09-28: 29, 30, 10-08, 09, 10). The rework reply 10-11 09:00 is LATE; accepted.
order('A05', '求助', '09-15 09:00', '住房', '西湖镇', '楼道漏水');
ev('A05', 'register', '09-15 09:00', null, 'pending', null, { dueAt: T('end 09-21') });
ev('A05', 'dispatch', '09-15 10:00', 'pending', 'dispatched', 'D2', { leadUnit: 'D2', signDueAt: T('end 09-16') });
ev('A05', 'sign', '09-15 11:00', 'dispatched', 'handling', 'D2');
ev('A05', 'reply', '09-18 10:00', 'handling', 'replied', 'D2');
ev('A05', 'review_accept', '09-18 15:00', 'replied', 'answered');
ev('A05', 'feedback', '09-28 10:00', 'answered', 'handling', 'D2', { satisfaction: 'unsatisfied', rework: true, dueAt: T('end 10-10') });
ev('A05', 'reply', '10-11 09:00', 'handling', 'replied', 'D2');
ev('A05', 'review_accept', '10-11 10:00', 'replied', 'answered');

// A06 举报 received 10-08 09:00, RETURNED TWICE by two units (推诿): T1 returns before its sign limit
// (that dispatch leaves the sign figures), D1 signs in time then returns, now dispatched to D2
// (sign due end 10-12, not yet signed as of 10:00: undecided). Due 10-21.
order('A06', '举报', '10-08 09:00', '市场监管', '城关镇', '餐馆油烟扰民举报');
ev('A06', 'register', '10-08 09:00', null, 'pending', null, { dueAt: T('end 10-21') });
ev('A06', 'dispatch', '10-08 10:00', 'pending', 'dispatched', 'T1', { leadUnit: 'T1', signDueAt: T('end 10-09') });
ev('A06', 'return', '10-08 16:00', 'dispatched', 'pending', 'T1', { reason: '非本单位职责' });
ev('A06', 'dispatch', '10-09 09:00', 'pending', 'dispatched', 'D1', { leadUnit: 'D1', signDueAt: T('end 10-10') });
ev('A06', 'sign', '10-09 10:00', 'dispatched', 'handling', 'D1');
ev('A06', 'return', '10-09 15:00', 'handling', 'pending', 'D1', { reason: '属地管理' });
ev('A06', 'dispatch', '10-10 09:00', 'pending', 'dispatched', 'D2', { leadUnit: 'D2', signDueAt: T('end 10-12') });

// A07 建议 received 09-29 09:00 with a city deadline 10-09 17:00. D1 asks closure 10-09 16:00, APPROVED
// 10-10 → on time.
order('A07', '建议', '09-29 09:00', '城乡建设', '西湖镇', '建议增设公交站点');
ev('A07', 'register', '09-29 09:00', null, 'pending', null, { dueAt: T('10-09 17:00') });
ev('A07', 'dispatch', '09-29 10:00', 'pending', 'dispatched', 'D1', { leadUnit: 'D1', signDueAt: T('end 09-30') });
ev('A07', 'sign', '09-29 11:00', 'dispatched', 'handling', 'D1');
ev('A07', 'closure_request', '10-09 16:00', 'handling', 'closure_requested', 'D1', { closureReason: 'out_of_scope' });
ev('A07', 'closure_approve', '10-10 10:00', 'closure_requested', 'closed');

// A08 咨询 received 09-21 (previous period), due 09-24, D2 never replied (reply 10-12 11:00 is after
// asOf): SERIOUSLY overdue, 7 wd (09-28, 29, 30, 10-08, 09, 10, 12). Reminded 09-28, supervised 10-09.
order('A08', '咨询', '09-21 09:00', '住房', '西湖镇', '公租房申请进度');
ev('A08', 'register', '09-21 09:00', null, 'pending', null, { dueAt: T('end 09-24') });
ev('A08', 'dispatch', '09-21 10:00', 'pending', 'dispatched', 'D2', { leadUnit: 'D2', signDueAt: T('end 09-22') });
ev('A08', 'sign', '09-21 11:00', 'dispatched', 'handling', 'D2');
ev('A08', 'remind', '09-28 09:00', 'handling', 'handling', 'D2', { kind: 'overdue' });
ev('A08', 'supervise', '10-09 09:00', 'handling', 'handling', 'D2', { level: 'key' });
ev('A08', 'reply', '10-12 11:00', 'handling', 'replied', 'D2');

// A09 咨询 received 09-30 09:00, due 10-10 (3 wd), T1 signed in time, no reply: overdue 1 wd (10-12),
// due in the period and open → LATE.
order('A09', '咨询', '09-30 09:00', '人社', '东城街道', '社保卡补办流程');
ev('A09', 'register', '09-30 09:00', null, 'pending', null, { dueAt: T('end 10-10') });
ev('A09', 'dispatch', '09-30 10:00', 'pending', 'dispatched', 'T1', { leadUnit: 'T1', signDueAt: T('end 10-08') });
ev('A09', 'sign', '09-30 11:00', 'dispatched', 'handling', 'T1');

// A10 投诉 received 09-28 15:00, city deadline end 10-09. First reply REJECTED, second reply 10-09 20:00
// (before dueAt) awaiting review: on-time UNDECIDED (left out); counts as replied.
order('A10', '投诉', '09-28 15:00', '市场监管', '城关镇', '商户占道经营投诉');
ev('A10', 'register', '09-28 15:00', null, 'pending', null, { dueAt: T('end 10-09') });
ev('A10', 'dispatch', '09-28 16:00', 'pending', 'dispatched', 'D1', { leadUnit: 'D1', signDueAt: T('end 09-29') });
ev('A10', 'sign', '09-29 09:00', 'dispatched', 'handling', 'D1');
ev('A10', 'reply', '10-08 10:00', 'handling', 'replied', 'D1');
ev('A10', 'review_reject', '10-08 15:00', 'replied', 'handling', null, { reason: '答复不完整' });
ev('A10', 'reply', '10-09 20:00', 'handling', 'replied', 'D1');

// A11 求助 received Sat (make-up workday) 10-10 19:00, after hours → same-day limit end of 10-12: not yet
// dispatched, limit not passed → left out of same-day. A REPEAT of A03. No lead unit: totals only.
order('A11', '求助', '10-10 19:00', '城乡建设', '城关镇', '小区路灯又不亮了', { repeatOf: 'A03' });
ev('A11', 'register', '10-10 19:00', null, 'pending', null, { dueAt: T('end 10-16') });

// A12 咨询 received on a holiday 10-01 → same-day limit end of 10-08; dispatched 10-09: NOT same day.
// Due end of 10-10, reply EXACTLY at dueAt (10-10 23:59:59: on time), accepted 10-11, feedback SATISFIED 10-11.
order('A12', '咨询', '10-01 10:00', '教育', '西湖镇', '学校招生政策');
ev('A12', 'register', '10-01 10:00', null, 'pending', null, { dueAt: T('end 10-10') });
ev('A12', 'dispatch', '10-09 09:00', 'pending', 'dispatched', 'T1', { leadUnit: 'T1', signDueAt: T('end 10-10') });
ev('A12', 'sign', '10-09 10:00', 'dispatched', 'handling', 'T1');
ev('A12', 'reply', 'end 10-10', 'handling', 'replied', 'T1');
ev('A12', 'review_accept', '10-11 08:00', 'replied', 'answered');
ev('A12', 'feedback', '10-11 09:00', 'answered', 'closed', 'T1', { satisfaction: 'satisfied' });

// A13 咨询 received Sun 09-20 (make-up workday; previous period), D1; feedback exactly at `to` 00:00:
// NOT in the period.
order('A13', '咨询', '09-20 10:00', '教育', '东城街道', '转学手续');
ev('A13', 'register', '09-20 10:00', null, 'pending', null, { dueAt: T('end 09-23') });
ev('A13', 'dispatch', '09-20 11:00', 'pending', 'dispatched', 'D1', { leadUnit: 'D1', signDueAt: T('end 09-21') });
ev('A13', 'sign', '09-20 12:00', 'dispatched', 'handling', 'D1');
ev('A13', 'reply', '09-22 10:00', 'handling', 'replied', 'D1');
ev('A13', 'review_accept', '09-22 11:00', 'replied', 'answered');
ev('A13', 'feedback', '10-12 00:00', 'answered', 'closed', 'D1', { satisfaction: 'satisfied' });

// A14 received 10-11 but registered (imported) only at 10-12 11:00, after asOf: does not exist yet.
order('A14', '咨询', '10-11 09:00', '教育', '城关镇', '补录工单');
ev('A14', 'register', '10-12 11:00', null, 'pending', null, { dueAt: T('end 10-14') });

const asOf = parseTime('2026-10-12T10:00:00+08:00')!;
const q = { from: '2026-09-28', to: '2026-10-12', asOf };

// The old logs above return directly (no `review` field): return review off, as an office may run.
describe('circular: hand-counted figures', () => {
  const r = circular(q, orders, groupEvents(events), units, s, cal);
  const unit = (code: string) => {
    const u = r.units.find((x) => x.code === code);
    if (!u) throw new Error(`no row ${code}`);
    return u;
  };

  it('received: A01 (at from 00:00) A03 A04 A06 A07 A09 A10 A11 A12 = 9; A02 (at to 00:00) and A14 (registered after asOf) out', () => {
    expect(r.received).toBe(9);
    expect(Number.isInteger(r.received)).toBe(true);
    // previous period [09-14, 09-28): A05, A08, A13 = 3 → growth (9 − 3) / 3 = 2
    expect(r.previous).toEqual({ from: '2026-09-14', to: '2026-09-28', received: 3 });
    expect(r.growth).toBe(2);
  });

  it('by type, top categories and towns with shares of 9', () => {
    // 咨询 A04 A09 A12; 求助 A03 A11; 投诉 A01 A10; 举报 A06; 建议 A07
    expect(r.byType.map((t) => [t.type, t.count])).toEqual([
      ['咨询', 3], ['求助', 2], ['投诉', 2], ['举报', 1], ['建议', 1], ['表扬', 0], ['其他', 0],
    ]);
    // Largest remainder (DOMAIN.md): 3/9 2/9 2/9 1/9 1/9 → 33.33 22.22 22.22 11.11 11.11 = 99.99 %; the
    // one hundredth left goes to the largest remainder (3/9 = 33.333…) → 33.34: the shares add up to 100 %.
    expect(r.byType.map((t) => t.share)).toEqual([0.3334, 0.2222, 0.2222, 0.1111, 0.1111, 0, 0]);
    expect(r.byType.reduce((a, t) => a + (t.share ?? 0) * 10000, 0)).toBe(10000);
    // 城乡建设 A03 A07 A11 = 3; 市场监管 A01 A06 A10 = 3 (tie: by name); 人社 A04 A09 = 2; 教育 A12 = 1
    expect(r.topCategories).toEqual([
      { category: '城乡建设', count: 3, share: 0.3334 }, // the tie on remainders goes to the first listed
      { category: '市场监管', count: 3, share: 0.3333 },
      { category: '人社', count: 2, share: 0.2222 },
      { category: '教育', count: 1, share: 0.1111 },
    ]);
    // 城关镇 A01 A03 A06 A10 A11 = 5; 东城街道 A04 A09 = 2; 西湖镇 A07 A12 = 2
    expect(r.topTowns.map((t) => [t.town, t.count])).toEqual([['城关镇', 5], ['东城街道', 2], ['西湖镇', 2]]);
  });

  it('totals', () => {
    const t = r.totals;
    // same day (the office's): limits are 17:30 of the day received, or of the next working day when
    // received after hours / on a holiday. A01 A03 A04 A06 A07 A09 A10 in time; A12 (received on a
    // holiday, limit 10-08 17:30, dispatched 10-09) late; A11 not dispatched, limit 10-12 17:30 not passed: pending.
    expect(t.sameDay).toEqual({ num: 7, den: 8, pending: 1, rate: 0.875 });
    // dispatches in period: A01 A03 A04 A06×3 A07 A09 A10 A12 = 10; A06→T1 returned (direct) before its
    // limit: left out; A06→D2 limit end 10-12 not passed, unsigned: pending; A03 signed late.
    expect(t.dispatches).toBe(10);
    expect(t.signedInTime).toEqual({ num: 7, den: 8, pending: 1, rate: 0.875 });
    // due in period: A04 on time (extended), A05 late (rework reply late), A07 on time (closure), A09 late
    // (open, overdue), A12 on time (reply exactly at dueAt), A10 on time (second reply before dueAt,
    // awaiting review: DOMAIN.md counts it on time). 4 of 6.
    expect(t.onTime).toEqual({ num: 4, den: 6, pending: 0, rate: 0.6667 });
    // replied: A01 A04 A07 (closure request) A10 A12 = 5 of 9 (A03's reply is after asOf)
    expect(t.replied).toEqual({ num: 5, den: 9, pending: 0, rate: 0.5556 });
    // callbacks in period: A01 satisfied, A04 basic, A05 unsatisfied, A12 satisfied (A13 at `to`: out)
    expect([t.callbacks, t.satisfied, t.basic, t.unsatisfied]).toEqual([4, 2, 1, 1]);
    expect(t.satisfaction).toEqual({ num: 3, den: 4, pending: 0, rate: 0.75 });
    expect(t.satisfactionScore).toBe(70); // (100 + 80 + 0 + 100) / 4
    // nobody said whether they were contacted or whether it was solved: no response or resolution rate
    expect([t.response.rate, t.resolution.rate]).toEqual([null, null]);
    expect([t.returnsRequested, t.returnsApproved, t.returnsDenied, t.reworks, t.reminders, t.supervisions, t.extensions, t.repeats]).toEqual([2, 0, 0, 1, 1, 1, 1, 1]);
    // as of 10-12 10:00: A08 serious (7 wd), A09 overdue (1 wd); A03 due soon
    expect([t.overdue, t.seriousOverdue, t.dueSoon]).toEqual([2, 1, 1]);
    // handled: A01 A03 A04 A05 A06 A07 A09 A10 A12 = 9; discipline 1 − (2 direct returns + 1 rework) / 9
    expect([t.handled, t.discipline]).toEqual([9, 0.6667]);
  });

  it('one row per town/department, other units only when active; in directory order', () => {
    expect(r.units.map((u) => u.code)).toEqual(['T1', 'D1', 'D2']);
    expect(unit('T1').name).toBe('城关镇');
  });

  it('T1 城关镇', () => {
    const u = unit('T1');
    expect(u.received).toBe(4); // A03 A04 A09 A12
    expect(u.sameDay.rate).toBeNull(); // the office's figure, never a unit's
    // dispatches A03 A04 A06 A09 A12 = 5; decided A03(late) A04 A09 A12 = 4 (A06 returned within its limit)
    expect(u.dispatches).toBe(5);
    expect(u.signedInTime).toEqual({ num: 3, den: 4, pending: 0, rate: 0.75 });
    expect(u.onTime).toEqual({ num: 2, den: 3, pending: 0, rate: 0.6667 }); // A04 A12 | A09
    expect([u.replied.num, u.replied.den, u.replyRate]).toEqual([2, 4, 0.5]); // A04 A12
    expect([u.satisfaction.den, u.satisfactionRate, u.satisfactionScore]).toEqual([2, 1, 90]);
    expect([u.returnsRequested, u.reworks, u.extensions, u.reminders]).toEqual([1, 0, 1, 0]);
    expect([u.overdue, u.seriousOverdue, u.dueSoon]).toEqual([1, 0, 1]); // A09 | A03
    expect([u.handled, u.discipline]).toEqual([5, 0.8]); // A03 A04 A06 A09 A12; 1 − 1/5
    expect(u.belowFloor).toBe(false);
  });

  it('D1 区市场监管局', () => {
    const u = unit('D1');
    expect(u.received).toBe(3); // A01 A07 A10
    expect([u.dispatches, u.signedInTime.den, u.signedInTimeRate]).toEqual([4, 4, 1]);
    expect(u.onTime).toEqual({ num: 2, den: 2, pending: 0, rate: 1 }); // A07 closure, A10 second reply
    expect(u.replyRate).toBe(1);
    expect([u.satisfaction.den, u.satisfactionRate, u.satisfactionScore]).toEqual([1, 1, 100]);
    expect([u.returnsRequested, u.overdue]).toEqual([1, 0]);
    expect([u.handled, u.discipline]).toEqual([4, 0.75]); // A01 A06 A07 A10; 1 − 1/4
  });

  it('D2 区住建局: rework, late reply, serious overdue, under the satisfaction floor', () => {
    const u = unit('D2');
    expect(u.received).toBe(1); // A06 (its lead as of asOf)
    // A06→D2: limit not passed, unsigned: pending, and no rate (null, never 0 % or 100 %)
    expect([u.dispatches, u.signedInTime.den, u.signedInTime.pending, u.signedInTimeRate]).toEqual([1, 0, 1, null]);
    expect(u.onTime).toEqual({ num: 0, den: 1, pending: 0, rate: 0 }); // A05
    expect(u.replyRate).toBe(0);
    expect([u.satisfaction.den, u.unsatisfied, u.satisfactionRate, u.satisfactionScore]).toEqual([1, 1, 0, 0]);
    expect([u.reworks, u.reminders, u.supervisions]).toEqual([1, 1, 1]);
    expect([u.overdue, u.seriousOverdue]).toEqual([1, 1]); // A08
    expect([u.handled, u.discipline]).toEqual([2, 0.5]); // A05 A06; 1 − 1/2
    expect(u.belowFloor).toBe(true);
    expect(r.belowFloor).toEqual([{ code: 'D2', name: '区住建局', evaluated: 1, satisfactionRate: 0 }]);
    expect(r.allAboveFloor).toBe(false);
  });

  it('no NaN anywhere in the JSON', () => {
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(JSON.stringify(r)).units[2].signedInTimeRate).toBeNull();
  });

  it('overdue units, serious orders, 推诿, repeats', () => {
    expect(r.overdueUnits).toEqual([
      { code: 'D2', name: '区住建局', overdue: 1, seriousOverdue: 1 },
      { code: 'T1', name: '城关镇', overdue: 1, seriousOverdue: 0 },
    ]);
    expect(r.seriousTotal).toBe(1);
    expect(r.seriousOrders.map((o) => [o.no, o.leadUnit, o.overdueWorkdays, o.level])).toEqual([['A08', 'D2', 7, 'serious']]);
    expect(r.tuiOrders).toHaveLength(1);
    expect(r.tuiOrders[0]).toMatchObject({ no: 'A06', returns: 2, returnUnits: ['T1', 'D1'], returnUnitNames: ['城关镇', '区市场监管局'], leadUnit: 'D2' });
    expect(r.repeats.count).toBe(1);
    expect(r.repeats.share).toBe(0.1111);
    expect(r.repeats.orders.map((o) => [o.no, o.repeatOf])).toEqual([['A11', 'A03']]);
  });

  it('ranking: reweighted when a component has no data; below the ranking minimum no rank, with the reason', () => {
    // D1: 1×10 + 1×40 + 1×40 + 0.75×10 = 97.5
    // T1: 0.75×10 + 0.6667×40 + 0.9×40 + 0.8×10 = 78.168 → 78.17
    // D2: signed in time has no data → (0×40 + 0×40 + 0.5×10) / 90 × 100 = 5.56; handled 2 < 3: not ranked
    expect(r.ranking.map((x) => [x.rank, x.code, x.score, x.components, x.reason])).toEqual([
      [1, 'D1', 97.5, 4, null],
      [2, 'T1', 78.17, 4, null],
      [null, 'D2', 5.56, 3, 'belowMinimum'],
    ]);
    expect(r.weights).toMatchObject({ signedInTime: 10, onTime: 40, satisfaction: 40, discipline: 10 });
    expect(r.rankingMinimum).toBe(3);
    expect(r.definitions.onTime).toBe('report.def.onTime');
  });

  it('the same numbers whether the log is given flat or grouped, and in any order of orders', () => {
    const r2 = circular(q, [...orders].reverse(), groupEvents([...events].reverse().reverse()), units, s, cal);
    expect(r2.totals).toEqual(r.totals);
    expect(r2.units).toEqual(r.units);
  });

  it('an earlier as-of ignores later events', () => {
    // As of 10-10 12:00: A05's rework reply (10-11) has not happened; its due 10-10 has not passed → pending;
    // A09 due end of 10-10 not passed → pending; A12 not replied yet → pending; A04 likewise; A07 closure
    // 10-09 16:00 before its 17:00 deadline → on time; A10 second reply 10-09 20:00 before end of 10-09 → on time.
    const r3 = circular({ ...q, asOf: parseTime('2026-10-10 12:00')! }, orders, groupEvents(events), units, s, cal);
    expect(r3.totals.onTime).toEqual({ num: 2, den: 2, pending: 4, rate: 1 });
    // A11 (received 10-10 19:00) had not been received yet: 8 received
    expect(r3.received).toBe(8);
  });
});

describe('assess', () => {
  it('uses the office weights and puts units without data last, unranked', () => {
    const idle: UnitInfo = { code: 'D9', name: '区档案馆', kind: 'department', parent: null, contact: null, phone: null };
    const aw = { signedInTime: 0, onTime: 50, satisfaction: 50, discipline: 0, firstContact: 0, response: 0, resolution: 0 };
    const a = assess(q, orders, groupEvents(events), [...units, idle], { ...s, assessWeights: aw }, cal);
    expect(a.weights).toEqual(aw);
    // D1: (1×50 + 1×50) / 100 = 100; T1: (0.6667×50 + 0.9×50) / 100 = 78.335 → 78.34 (rounded half up)
    // D2: 0, but it handled 2 orders (< 3): scored, not ranked; D9 no data at all
    expect(a.ranking.map((x) => [x.rank, x.code, x.score, x.reason])).toEqual([
      [1, 'D1', 100, null],
      [2, 'T1', 78.34, null],
      [null, 'D2', 0, 'belowMinimum'],
      [null, 'D9', null, 'noData'],
    ]);
  });

  it('refuses a period that ends before it starts', () => {
    try {
      assess({ from: '2026-10-12', to: '2026-10-12', asOf }, orders, groupEvents(events), units, s, cal);
      expect.unreachable();
    } catch (e) {
      expect(isRefusal(e) && e.code).toBe('report.badPeriod');
    }
  });
});

describe('daily report', () => {
  // Day Sat 2026-10-10 (a make-up working day), as of its end (10-11 00:00).
  const d = dailyReport({ day: '2026-10-10', asOf: parseTime('2026-10-11 00:00')! }, orders, groupEvents(events), units, s, cal);

  it('what came in and went out that day', () => {
    expect(d.received).toBe(1); // A11 19:00
    expect([d.dispatched, d.redispatched]).toEqual([1, 0]); // A06 → D2
    // A11 received that day after hours: its same-day limit is Mon 10-12 17:30, not passed yet: nothing broken
    expect(d.undispatched).toBe(0);
    const late = dailyReport({ day: '2026-10-10', asOf: parseTime('2026-10-12 17:30:01')! }, orders, groupEvents(events), units, s, cal);
    expect(late.undispatchedOrders.map((x) => [x.no, x.dispatchLimit, x.dispatchedAt])).toEqual([['A11', '2026-10-12T17:30:00+08:00', null]]);
    const atLimit = dailyReport({ day: '2026-10-10', asOf: parseTime('2026-10-12 17:30:00')! }, orders, groupEvents(events), units, s, cal);
    expect(atLimit.undispatched).toBe(0);
    expect([d.signed, d.signedLate]).toEqual([1, 1]); // A03 signed late
    expect(d.replies).toBe(2); // A04 20:00, A12 23:59:59
    expect([d.closureRequests, d.returns, d.feedback]).toEqual([0, 0, 1]); // A01 satisfied
  });

  it('late as of the end of the day', () => {
    // A08 serious (09-28, 29, 30, 10-08, 09, 10 = 6 wd); A09 due end of 10-10 → overdue (0 wd);
    // A05 rework due end of 10-10, reply only 10-11 → overdue. Due soon: none (A03 due 10-13 is after
    // the end of Mon 10-12).
    expect([d.overdue, d.seriousOverdue, d.dueSoon]).toEqual([3, 1, 0]);
    expect(d.units).toEqual([
      { code: 'T1', name: '城关镇', dispatched: 0, signed: 1, signedLate: 1, contacts: 0, replies: 2, returns: 0, dueSoon: 0, overdue: 1, seriousOverdue: 0 },
      { code: 'D2', name: '区住建局', dispatched: 1, signed: 0, signedLate: 0, contacts: 0, replies: 0, returns: 0, dueSoon: 0, overdue: 2, seriousOverdue: 1 },
    ]);
  });
});


describe('same-day dispatch (当日转接): 17:30 of the day received, the office figure', () => {
  // Mon 2026-10-12: received 17:30:00 → limit 17:30:00 that day; received 17:30:01 → after hours, limit
  // Tue 10-13 17:30. Each order dispatched at the given time.
  const mk = (no: string, recv: string, disp: string): { o: OrderFacts; e: OrderEvent[] } => {
    const r = `2026-10-12T${recv}+08:00`;
    return {
      o: { no, type: '咨询', category: null, urgency: '一般', town: null, title: null, receivedAt: r, leadUnit: 'T1', repeatOf: null, status: 'dispatched', dueAt: '2026-10-15T23:59:59+08:00' },
      e: [
        { orderNo: no, action: 'register', fromStatus: null, toStatus: 'pending', unit: null, actor: 't', occurredAt: r, recordedAt: r, note: null, data: { receivedAt: r, type: '咨询', urgency: '一般', dueAt: '2026-10-15T23:59:59+08:00', repeatOf: null } },
        { orderNo: no, action: 'dispatch', fromStatus: 'pending', toStatus: 'dispatched', unit: 'T1', actor: 't', occurredAt: disp, recordedAt: disp, note: null, data: { leadUnit: 'T1', coUnits: [], signDueAt: '2026-10-20T23:59:59+08:00', returnUntil: '2026-10-20T23:59:59+08:00', redispatch: false, auto: false, ruleId: null } },
      ],
    };
  };
  const q2 = { from: '2026-10-12', to: '2026-10-13', asOf: parseTime('2026-10-14 12:00')! };
  const run = (xs: [string, string][], settings = s) => {
    const built = xs.map(([recv, disp], i) => mk(`S${i}`, recv, disp));
    return circular(q2, built.map((x) => x.o), groupEvents(built.flatMap((x) => x.e)), units, settings, cal).totals.sameDay;
  };
  const next = '2026-10-13T09:00:00+08:00';

  it('received at 17:30:00 is in office hours (limit that day), 17:30:01 is not (limit next working day)', () => {
    expect(run([['17:30:00', next]]).num).toBe(0);
    expect(run([['17:30:01', next]]).num).toBe(1);
    expect(run([['09:00:00', next], ['17:30:00', next], ['17:30:01', next], ['23:59:59', next]])).toEqual({ num: 2, den: 4, pending: 0, rate: 0.5 });
  });

  it('dispatched exactly at the limit is same day; one second after is not', () => {
    expect(run([['09:00:00', '2026-10-12T17:30:00+08:00']]).num).toBe(1);
    expect(run([['09:00:00', '2026-10-12T17:30:01+08:00']])).toEqual({ num: 0, den: 1, pending: 0, rate: 0 });
  });

  it('the office sets the end of office hours', () => {
    const early = { ...s, officeHoursEnd: '17:00:00' };
    expect(run([['17:00:00', next]], early).num).toBe(0);
    expect(run([['17:10:00', next]], early).num).toBe(1);
  });

  it('no unit row carries it', () => {
    const built = [mk('S0', '09:00:00', next)];
    const r = circular(q2, built.map((x) => x.o), groupEvents(built.flatMap((x) => x.e)), units, s, cal);
    expect(r.units.find((u) => u.code === 'T1')!.sameDay).toEqual({ num: 0, den: 0, pending: 0, rate: null });
  });
});
