import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { Refusal } from '../../src/domain/errors.js';
import type { OrderEvent } from '../../src/domain/events.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { isOverdue } from '../../src/domain/due.js';
import { clockRuns } from '../../src/domain/order.js';
import {
  decide,
  evolve,
  isTuiCandidate,
  replay,
  stateAsOf,
  type Command,
  type DecideContext,
  type OrderState,
} from '../../src/domain/lifecycle.js';
import type { OrderInput } from '../../src/domain/order.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { parseTime } from '../../src/domain/time.js';

// The real calendar around National Day 2026: Fri 09-25 Mid-autumn holiday; Sep 28–30 work;
// Oct 1–7 holiday; Thu 10-08, Fri 10-09, Sat 10-10 (make-up) work; Sun 10-11 off; Mon 10-12 …
const calendar = new WorkCalendar(officialCalendar());
const UNITS = new Map(['cgjd', 'dhjd', 'xyjd', 'zjj', 'scjgj'].map((c) => [c, { kind: 'town', parent: null, signers: [] as string[] }]));
// These tests were written for direct returns: they run with return review off (DOMAIN.md: the
// office's switch); return review is tested in lifecycle-loop.test.ts.
const SETTINGS = { ...DEFAULT_SETTINGS, returnReview: false };

function t(s: string): Date {
  const d = parseTime(s);
  if (!d) throw new Error(`bad time ${s}`);
  return d;
}

function ctx(at: string, extra: Partial<DecideContext> = {}): DecideContext {
  return {
    at: t(at),
    recordedAt: t('2026-12-31 12:00'),
    actor: 'clerk',
    settings: SETTINGS,
    calendar,
    units: UNITS,
    ...extra,
  };
}

function input(over: Partial<OrderInput> = {}): OrderInput {
  return {
    no: 'GD-1',
    receivedAt: '2026-09-30T10:00:00+08:00',
    type: '求助',
    urgency: '一般',
    title: '路灯不亮',
    content: '小区门口路灯坏了',
    ...over,
  };
}

/** A little order driver: keeps the log and the state, checks they agree after each step. */
class Flow {
  events: OrderEvent[] = [];
  state: OrderState | null = null;

  do(cmd: Command, at: string, extra: Partial<DecideContext> = {}): OrderEvent {
    const es = decide(this.state, cmd, ctx(at, extra));
    for (const e of es) {
      this.events.push(e);
      this.state = evolve(this.state, e);
    }
    return es[0]!;
  }

  get s(): OrderState {
    if (!this.state) throw new Error('no state');
    return this.state;
  }

  refuse(cmd: Command, at: string, code: string, params?: Record<string, string | number>): void {
    const before = JSON.stringify(this.state);
    let caught: unknown;
    try {
      decide(this.state, cmd, ctx(at));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(Refusal);
    const r = caught as Refusal;
    expect(r.code).toBe(code);
    if (params) expect(r.params).toMatchObject(params);
    expect(JSON.stringify(this.state)).toBe(before);
  }
}

function registered(over: Partial<OrderInput> = {}): Flow {
  const f = new Flow();
  f.do({ action: 'register', order: input(over) }, '2026-09-30 10:05');
  return f;
}

const reply = (unit?: string): Command => ({
  action: 'reply',
  content: '已修复路灯',
  result: 'solved',
  handler: '张三',
  signedBy: '李局长',
  ...(unit ? { unit } : {}),
});

describe('register', () => {
  it('starts pending with dueAt 5 working days after the day received, across National Day', () => {
    const f = registered();
    const e = f.events[0]!;
    expect(e.action).toBe('register');
    expect(e.fromStatus).toBeNull();
    expect(e.toStatus).toBe('pending');
    // the event happens when the order was received; recorded now
    expect(e!.occurredAt).toBe('2026-09-30T10:00:00+08:00');
    expect(e!.recordedAt).toBe('2026-12-31T12:00:00+08:00');
    expect(e.data.dueAt).toBe('2026-10-13T23:59:59+08:00');
    expect(f.s.status).toBe('pending');
    expect(f.s.dueAt).toBe('2026-10-13T23:59:59+08:00');
    expect(f.s.returnCount).toBe(0);
    expect(f.s.leadUnit).toBeNull();
  });

  it('a complaint gets 10 working days: Oct 8, 9, 10, 12 … 20', () => {
    const f = registered({ type: '投诉' });
    expect(f.s.dueAt).toBe('2026-10-20T23:59:59+08:00');
  });

  it('紧急 is 24 real hours, holidays included', () => {
    const f = registered({ urgency: '紧急', receivedAt: '2026-10-01T09:00:00+08:00' });
    expect(f.s.dueAt).toBe('2026-10-02T09:00:00+08:00');
  });

  it("the city's deadline wins; a bare date means the end of that day", () => {
    const f = registered({ deadline: '2026-10-09' });
    expect(f.s.dueAt).toBe('2026-10-09T23:59:59+08:00');
  });

  it('keeps the repeat link', () => {
    const f = new Flow();
    f.do({ action: 'register', order: input(), repeatOf: 'GD-0' }, '2026-09-30 10:05');
    expect(f.s.repeatOf).toBe('GD-0');
  });

  it('refuses a second registration, bad type, bad time', () => {
    const f = registered();
    f.refuse({ action: 'register', order: input() }, '2026-09-30 11:00', 'lifecycle.alreadyRegistered', { no: 'GD-1' });
    const g = new Flow();
    g.refuse({ action: 'register', order: input({ type: 'x' as never }) }, '2026-09-30 11:00', 'lifecycle.badType');
    g.refuse({ action: 'register', order: input({ receivedAt: 'yesterday' }) }, '2026-09-30 11:00', 'lifecycle.badTime', {
      field: 'receivedAt',
    });
    g.refuse({ action: 'register', order: input({ deadline: 'soon' }) }, '2026-09-30 11:00', 'lifecycle.badTime', {
      field: 'deadline',
    });
  });

  it('refuses any other action on an order that does not exist', () => {
    const f = new Flow();
    f.refuse({ action: 'sign' }, '2026-09-30 11:00', 'lifecycle.notRegistered', { action: 'sign' });
  });
});

describe('the happy path: dispatch, sign, reply, accept, satisfied', () => {
  it('walks pending → dispatched → handling → replied → answered → closed', () => {
    const f = registered();
    const d = f.do({ action: 'dispatch', to: 'cgjd', co: ['zjj'] }, '2026-09-30 15:00');
    expect(d.fromStatus).toBe('pending');
    expect(d.toStatus).toBe('dispatched');
    expect(d.unit).toBe('cgjd');
    // sign by the end of the next working day (Oct 8); return within 2 working days (Oct 9)
    expect(d.data.signDueAt).toBe('2026-10-08T23:59:59+08:00');
    expect(d.data.returnUntil).toBe('2026-10-09T23:59:59+08:00');
    expect(d.data.redispatch).toBe(false);
    expect(f.s.leadUnit).toBe('cgjd');
    expect(f.s.coUnits).toEqual(['zjj']);
    expect(f.s.firstDispatchedAt).toBe('2026-09-30T15:00:00+08:00');
    expect(f.s.dueAt).toBe('2026-10-13T23:59:59+08:00'); // dispatch does not move dueAt

    const s = f.do({ action: 'sign' }, '2026-10-08 09:00');
    expect(s.toStatus).toBe('handling');
    expect(s.data.late).toBe(false);
    expect(f.s.signedAt).toBe('2026-10-08T09:00:00+08:00');

    const r = f.do(reply(), '2026-10-12 16:00');
    expect(r.action).toBe('reply');
    expect(r.toStatus).toBe('replied');
    expect(r.data.late).toBe(false);
    expect(r.data.signedBy).toBe('李局长');

    const a = f.do({ action: 'review_accept' }, '2026-10-13 09:00');
    expect(a.toStatus).toBe('answered');
    expect(a.data.late).toBe(false);

    const fb = f.do({ action: 'feedback', satisfaction: 'basic' }, '2026-10-14 10:00');
    expect(fb.toStatus).toBe('closed');
    expect(f.s.status).toBe('closed');
    expect(f.s.satisfaction).toBe('basic');
    expect(f.s.closedAt).toBe('2026-10-14T10:00:00+08:00');
    expect(f.s.reworkCount).toBe(0);
    expect(replay(f.events)).toEqual(f.s);
  });

  it('a sign after the sign limit is late; a reply after dueAt is late and so is its acceptance', () => {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    expect(f.do({ action: 'sign' }, '2026-10-09 08:00').data.late).toBe(true);
    expect(f.do(reply(), '2026-10-14 00:00:00').data.late).toBe(true);
    expect(f.do({ action: 'review_accept' }, '2026-10-14 09:00').data.late).toBe(true);
  });

  it('the last second of the sign limit is still in time', () => {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    expect(f.do({ action: 'sign' }, '2026-10-08 23:59:59').data.late).toBe(false);
  });

  it('紧急: sign within 1 real hour of dispatch', () => {
    const f = registered({ urgency: '紧急', receivedAt: '2026-10-01T09:00:00+08:00' });
    const d = f.do({ action: 'dispatch', to: 'cgjd' }, '2026-10-01 09:30');
    expect(d.data.signDueAt).toBe('2026-10-01T10:30:00+08:00');
    // return window stays in working days: Oct 8, 9
    expect(d.data.returnUntil).toBe('2026-10-09T23:59:59+08:00');
    expect(f.do({ action: 'sign' }, '2026-10-01 10:31').data.late).toBe(true);
  });

  it('refuses moves that do not fit the status, and nothing changes', () => {
    const f = registered();
    f.refuse({ action: 'sign' }, '2026-09-30 11:00', 'lifecycle.wrongStatus', { no: 'GD-1', action: 'sign', status: 'pending' });
    f.refuse(reply(), '2026-09-30 11:00', 'lifecycle.wrongStatus', { action: 'reply', status: 'pending' });
    f.refuse({ action: 'return', reason: 'x' }, '2026-09-30 11:00', 'lifecycle.wrongStatus', { action: 'return' });
    f.refuse({ action: 'review_accept' }, '2026-09-30 11:00', 'lifecycle.wrongStatus', { action: 'review_accept' });
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    // reply before signing
    f.refuse(reply(), '2026-10-08 09:00', 'lifecycle.wrongStatus', { action: 'reply', status: 'dispatched' });
    f.refuse({ action: 'extend_request', days: 2, reason: 'x' }, '2026-10-08 09:00', 'lifecycle.wrongStatus', {
      status: 'dispatched',
    });
    f.do({ action: 'sign' }, '2026-10-08 09:00');
    f.refuse({ action: 'sign' }, '2026-10-08 10:00', 'lifecycle.wrongStatus', { action: 'sign', status: 'handling' });
    // feedback on an unanswered order
    f.refuse({ action: 'feedback', satisfaction: 'satisfied' }, '2026-10-08 10:00', 'lifecycle.wrongStatus', {
      action: 'feedback',
      status: 'handling',
    });
    f.do(reply(), '2026-10-09 10:00');
    f.refuse({ action: 'feedback', satisfaction: 'satisfied' }, '2026-10-09 11:00', 'lifecycle.wrongStatus', { status: 'replied' });
    f.refuse({ action: 'dispatch', to: 'dhjd' }, '2026-10-09 11:00', 'lifecycle.wrongStatus', { status: 'replied' });
    f.refuse({ action: 'closure_request', reason: 'out_of_scope', explanation: 'x' }, '2026-10-09 11:00', 'lifecycle.wrongStatus');
    f.refuse({ action: 'closure_approve' }, '2026-10-09 11:00', 'lifecycle.wrongStatus', { action: 'closure_approve' });
    f.do({ action: 'review_accept' }, '2026-10-09 12:00');
    f.do({ action: 'feedback', satisfaction: 'satisfied' }, '2026-10-10 12:00');
    // nothing but an update on a closed order
    f.refuse({ action: 'remind', kind: 'manual' }, '2026-10-12 09:00', 'lifecycle.wrongStatus', { status: 'closed' });
    f.refuse({ action: 'supervise', level: 'key' }, '2026-10-12 09:00', 'lifecycle.wrongStatus', { status: 'closed' });
    f.refuse(
      { action: 'meeting', meetingId: 1, date: '2026-10-12', attendees: 'a', decision: 'b', leadUnit: 'dhjd' },
      '2026-10-12 09:00',
      'lifecycle.wrongStatus',
      { action: 'meeting', status: 'closed' },
    );
    f.refuse({ action: 'feedback', satisfaction: 'basic' }, '2026-10-12 09:00', 'lifecycle.wrongStatus', { status: 'closed' });
  });
});

describe('dispatch and re-dispatch (改派)', () => {
  it('re-dispatch from dispatched and from handling replaces the lead, keeps dueAt, restarts sign/return windows', () => {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd', co: ['zjj'] }, '2026-09-30 15:00');
    const r1 = f.do({ action: 'dispatch', to: 'dhjd' }, '2026-09-30 16:00');
    expect(r1.fromStatus).toBe('dispatched');
    expect(r1.toStatus).toBe('dispatched');
    expect(r1.data.redispatch).toBe(true);
    expect(f.s.leadUnit).toBe('dhjd');
    expect(f.s.coUnits).toEqual([]);
    f.do({ action: 'sign' }, '2026-10-08 09:00');
    const r2 = f.do({ action: 'dispatch', to: 'xyjd' }, '2026-10-09 10:00');
    expect(r2.fromStatus).toBe('handling');
    expect(r2.toStatus).toBe('dispatched');
    expect(r2.data.signDueAt).toBe('2026-10-10T23:59:59+08:00'); // Sat 10-10 is a make-up working day
    expect(r2.data.returnUntil).toBe('2026-10-12T23:59:59+08:00');
    expect(f.s.status).toBe('dispatched');
    expect(f.s.signedAt).toBeNull();
    expect(f.s.firstDispatchedAt).toBe('2026-09-30T15:00:00+08:00');
    expect(f.s.dispatchedAt).toBe('2026-10-09T10:00:00+08:00');
    expect(f.s.dueAt).toBe('2026-10-13T23:59:59+08:00');
  });

  it('records auto-dispatch and the rule', () => {
    const f = registered();
    const e = f.do({ action: 'dispatch', to: 'cgjd', auto: true, ruleId: 7 }, '2026-09-30 15:00');
    expect(e.data.auto).toBe(true);
    expect(e.data.ruleId).toBe(7);
  });

  it('refuses the same unit twice, an unknown unit, a co-unit that is the lead, a missing unit', () => {
    const f = registered();
    f.refuse({ action: 'dispatch', to: 'nowhere' }, '2026-09-30 15:00', 'lifecycle.unknownUnit', { unit: 'nowhere' });
    f.refuse({ action: 'dispatch', to: 'cgjd', co: ['ghost'] }, '2026-09-30 15:00', 'lifecycle.unknownUnit', { unit: 'ghost' });
    f.refuse({ action: 'dispatch', to: 'cgjd', co: ['cgjd'] }, '2026-09-30 15:00', 'lifecycle.coIsLead', { unit: 'cgjd' });
    f.refuse({ action: 'dispatch', to: ' ' }, '2026-09-30 15:00', 'lifecycle.fieldRequired', { field: 'to' });
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    f.refuse({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 16:00', 'lifecycle.sameUnit', { no: 'GD-1', unit: 'cgjd' });
  });

  it('without a unit directory, any code is accepted', () => {
    const f = registered();
    const [e] = decide(f.s, { action: "dispatch", to: "new-unit" }, ctx("2026-09-30 15:00", { units: undefined }));
    expect(e.data.leadUnit).toBe('new-unit');
  });

  it('the lead signs the order; a co-unit signs its part (no status change); a stranger is refused', () => {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd', co: ['zjj'] }, '2026-09-30 15:00');
    f.refuse({ action: 'sign', unit: 'dhjd' }, '2026-10-08 09:00', 'lifecycle.notLead', { unit: 'dhjd', lead: 'cgjd', action: 'sign' });
    const co = f.do({ action: 'sign', unit: 'zjj' }, '2026-10-08 09:00');
    expect(co.toStatus).toBe('dispatched');
    expect(co.action === 'sign' && co.data.part).toBe('co');
    f.refuse({ action: 'sign', unit: 'zjj' }, '2026-10-08 09:05', 'lifecycle.alreadySigned');
    expect(f.do({ action: 'sign', unit: 'cgjd' }, '2026-10-08 09:00').unit).toBe('cgjd');
    expect(f.s.status).toBe('handling');
  });
});

describe('returns (退回) and 推诿', () => {
  it('returns within the window to pending, clears the lead; twice makes a 推诿 candidate', () => {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    expect(isTuiCandidate(f.s)).toBe(false);
    const r = f.do({ action: 'return', reason: '不属于本街道' }, '2026-10-09 20:00');
    expect(r.toStatus).toBe('pending');
    expect(r.unit).toBe('cgjd');
    expect(r.note).toBe('不属于本街道');
    expect(f.s.status).toBe('pending');
    expect(f.s.returnCount).toBe(1);
    expect(f.s.returnUnits).toEqual(['cgjd']);
    expect(f.s.leadUnit).toBeNull();
    expect(f.s.signDueAt).toBeNull();
    expect(isTuiCandidate(f.s)).toBe(false);

    f.do({ action: 'dispatch', to: 'dhjd' }, '2026-10-10 09:00');
    f.do({ action: 'sign' }, '2026-10-10 10:00');
    // returned from handling, by a second unit
    f.do({ action: 'return', reason: '应由住建局办理' }, '2026-10-12 10:00');
    expect(f.s.returnCount).toBe(2);
    expect(f.s.returnUnits).toEqual(['cgjd', 'dhjd']);
    expect(isTuiCandidate(f.s)).toBe(true);
    expect(f.s.dueAt).toBe('2026-10-13T23:59:59+08:00');
  });

  it('a unit returning twice is a 推诿 candidate too', () => {
    expect(isTuiCandidate({ returnCount: 2, returnUnits: ['cgjd'] })).toBe(true);
    expect(isTuiCandidate({ returnCount: 1, returnUnits: ['cgjd'] })).toBe(false);
  });

  it('refuses a return after the window (2 working days: Oct 8, 9) and without a reason', () => {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    f.refuse({ action: 'return', reason: '  ' }, '2026-10-08 09:00', 'lifecycle.reasonRequired', { action: 'return' });
    f.refuse({ action: 'return', reason: '不归我们' }, '2026-10-10 00:00:00', 'lifecycle.returnWindowClosed', {
      no: 'GD-1',
      until: '2026-10-09T23:59:59+08:00',
      at: '2026-10-10T00:00:00+08:00',
    });
    f.refuse({ action: 'return', reason: 'x', unit: 'dhjd' }, '2026-10-08 09:00', 'lifecycle.notLead', { lead: 'cgjd' });
  });
});

describe('extensions (延期)', () => {
  function handling(): Flow {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    f.do({ action: 'sign' }, '2026-10-08 09:00');
    return f;
  }

  it('approval adds the working days to the current dueAt and keeps the previous one', () => {
    const f = handling();
    const q = f.do({ action: 'extend_request', days: 3, reason: '需要协调' }, '2026-10-12 10:00');
    expect(q.toStatus).toBe('handling');
    expect(f.s.pendingExtension).toEqual({ days: 3, reason: '需要协调', at: '2026-10-12T10:00:00+08:00' });
    expect(f.s.dueAt).toBe('2026-10-13T23:59:59+08:00'); // unchanged until approved
    const a = f.do({ action: 'extend_approve' }, '2026-10-12 15:00');
    expect(a.data.previousDueAt).toBe('2026-10-13T23:59:59+08:00');
    expect(a.data.dueAt).toBe('2026-10-16T23:59:59+08:00'); // Oct 14, 15, 16
    expect(f.s.dueAt).toBe('2026-10-16T23:59:59+08:00');
    expect(f.s.extensionDays).toBe(3);
    expect(f.s.pendingExtension).toBeNull();
    expect(f.s.status).toBe('handling');
  });

  it('a denial leaves dueAt and the total alone', () => {
    const f = handling();
    f.do({ action: 'extend_request', days: 3, reason: '需要协调' }, '2026-10-12 10:00');
    const d = f.do({ action: 'extend_deny', reason: '理由不充分' }, '2026-10-12 11:00');
    expect(d.data.days).toBe(3);
    expect(d.note).toBe('理由不充分');
    expect(f.s.dueAt).toBe('2026-10-13T23:59:59+08:00');
    expect(f.s.extensionDays).toBe(0);
    expect(f.s.pendingExtension).toBeNull();
  });

  it('refuses after the deadline, over the cap, a second pending request, no reason, nothing to answer', () => {
    const f = handling();
    f.refuse({ action: 'extend_approve' }, '2026-10-12 09:00', 'lifecycle.noPendingExtension', { no: 'GD-1' });
    f.refuse({ action: 'extend_deny' }, '2026-10-12 09:00', 'lifecycle.noPendingExtension');
    f.refuse({ action: 'extend_request', days: 2, reason: '' }, '2026-10-12 09:00', 'lifecycle.reasonRequired');
    f.refuse({ action: 'extend_request', days: 0, reason: 'x' }, '2026-10-12 09:00', 'calendar.extension.badDays');
    f.refuse({ action: 'extend_request', days: 11, reason: 'x' }, '2026-10-12 09:00', 'calendar.extension.overCap', {
      used: 0,
      max: 10,
    });
    f.do({ action: 'extend_request', days: 8, reason: '需要协调' }, '2026-10-12 10:00');
    f.refuse({ action: 'extend_request', days: 1, reason: 'x' }, '2026-10-12 11:00', 'lifecycle.extensionPending', {
      days: 8,
      at: '2026-10-12T10:00:00+08:00',
    });
    f.do({ action: 'extend_approve' }, '2026-10-12 15:00');
    expect(f.s.dueAt).toBe('2026-10-23T23:59:59+08:00'); // 14 15 16 19 20 21 22 23
    f.refuse({ action: 'extend_request', days: 3, reason: 'x' }, '2026-10-13 09:00', 'calendar.extension.overCap', {
      used: 8,
      left: 2,
    });
    f.do({ action: 'extend_request', days: 2, reason: '还需两天' }, '2026-10-13 09:00');
    f.do({ action: 'extend_approve' }, '2026-10-13 10:00');
    expect(f.s.extensionDays).toBe(10);
    expect(f.s.dueAt).toBe('2026-10-27T23:59:59+08:00'); // 26, 27
  });

  it('refuses a request once dueAt has passed', () => {
    const f = handling();
    f.refuse({ action: 'extend_request', days: 2, reason: '来不及' }, '2026-10-14 00:00:00', 'calendar.extension.tooLate', {
      dueAt: '2026-10-13T23:59:59+08:00',
    });
    // the last second is still before the deadline
    expect(f.do({ action: 'extend_request', days: 2, reason: '来不及' }, '2026-10-13 23:59:59').action).toBe('extend_request');
  });

  it('a pending request lapses when the unit replies', () => {
    const f = handling();
    f.do({ action: 'extend_request', days: 2, reason: 'x' }, '2026-10-12 10:00');
    f.do(reply(), '2026-10-12 11:00');
    expect(f.s.pendingExtension).toBeNull();
    f.do({ action: 'review_reject', reason: '答复不完整' }, '2026-10-12 12:00');
    f.refuse({ action: 'extend_approve' }, '2026-10-12 13:00', 'lifecycle.noPendingExtension');
  });
});

describe('replies, review and feedback', () => {
  function handling(): Flow {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd', co: ['zjj'] }, '2026-09-30 15:00');
    f.do({ action: 'sign' }, '2026-10-08 09:00');
    return f;
  }

  it("a co-unit's reply is recorded without a status change; a stranger's is refused", () => {
    const f = handling();
    const c = f.do(reply('zjj'), '2026-10-09 10:00');
    expect(c.action).toBe('co_reply');
    expect(c.fromStatus).toBe('handling');
    expect(c.toStatus).toBe('handling');
    expect(c.unit).toBe('zjj');
    expect(f.s.status).toBe('handling');
    expect(f.s.repliedAt).toBeNull();
    f.refuse(reply('dhjd'), '2026-10-09 10:00', 'lifecycle.notLeadOrCo', { unit: 'dhjd' });
    f.refuse(reply('ghost'), '2026-10-09 10:00', 'lifecycle.unknownUnit', { unit: 'ghost' });
    const l = f.do(reply('cgjd'), '2026-10-09 11:00');
    expect(l.action).toBe('reply');
    expect(l.toStatus).toBe('replied');
  });

  it('a reply needs content, a known result, the handler and the signing leader', () => {
    const f = handling();
    f.refuse({ ...reply(), content: '' } as Command, '2026-10-09 10:00', 'lifecycle.fieldRequired', { field: 'content' });
    f.refuse({ ...reply(), signedBy: ' ' } as Command, '2026-10-09 10:00', 'lifecycle.fieldRequired', { field: 'signedBy' });
    f.refuse({ ...reply(), handler: '' } as Command, '2026-10-09 10:00', 'lifecycle.fieldRequired', { field: 'handler' });
    f.refuse({ ...reply(), result: 'done' } as never, '2026-10-09 10:00', 'lifecycle.badResult', { value: 'done' });
  });

  it('review reject sends it back under the same dueAt; the clock runs again', () => {
    const f = handling();
    f.do(reply(), '2026-10-09 10:00');
    expect(clockRuns(f.s.status)).toBe(false);
    expect(isOverdue(f.s, t('2026-10-20 00:00'))).toBe(false);
    f.refuse({ action: 'review_reject', reason: '' }, '2026-10-09 11:00', 'lifecycle.reasonRequired', { action: 'review_reject' });
    const r = f.do({ action: 'review_reject', reason: '答复过于简单' }, '2026-10-09 11:00');
    expect(r.toStatus).toBe('handling');
    expect(f.s.dueAt).toBe('2026-10-13T23:59:59+08:00');
    expect(clockRuns(f.s.status)).toBe(true);
    expect(isOverdue(f.s, t('2026-10-13 23:59:59'))).toBe(false);
    expect(isOverdue(f.s, t('2026-10-14 00:00:00'))).toBe(true);
  });

  it('unsatisfied feedback reopens the order with a new deadline counted from the rework (重办)', () => {
    const f = handling();
    f.do(reply(), '2026-10-09 10:00');
    f.do({ action: 'review_accept' }, '2026-10-09 11:00');
    const u = f.do({ action: 'feedback', satisfaction: 'unsatisfied' }, '2026-10-19 10:00');
    expect(u.toStatus).toBe('handling');
    expect(u.data.rework).toBe(true);
    expect(u.data.previousDueAt).toBe('2026-10-13T23:59:59+08:00');
    expect(u.data.dueAt).toBe('2026-10-26T23:59:59+08:00'); // 求助 5: Oct 20, 21, 22, 23, 26
    expect(f.s.reworkCount).toBe(1);
    expect(f.s.satisfaction).toBe('unsatisfied');
    expect(f.s.leadUnit).toBe('cgjd');
    f.do(reply(), '2026-10-21 10:00');
    f.do({ action: 'review_accept' }, '2026-10-21 11:00');
    f.refuse({ action: 'feedback', satisfaction: 'meh' as never }, '2026-10-22 10:00', 'lifecycle.badSatisfaction');
    f.do({ action: 'feedback', satisfaction: 'satisfied' }, '2026-10-22 10:00');
    expect(f.s.status).toBe('closed');
    expect(f.s.satisfaction).toBe('satisfied');
    expect(f.s.reworkCount).toBe(1);
  });
});

describe('closure requests (申请办结)', () => {
  function handling(): Flow {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    f.do({ action: 'sign' }, '2026-10-08 09:00');
    return f;
  }

  it('deny returns to handling and forgets the reason; approve closes keeping it', () => {
    const f = handling();
    f.refuse({ action: 'closure_request', reason: 'out_of_scope', explanation: '' }, '2026-10-09 09:00', 'lifecycle.fieldRequired', {
      field: 'explanation',
    });
    f.refuse({ action: 'closure_request', reason: '' as never, explanation: 'x' }, '2026-10-09 09:00', 'lifecycle.reasonRequired');
    f.refuse({ action: 'closure_request', reason: 'bored' as never, explanation: 'x' }, '2026-10-09 09:00', 'lifecycle.badClosureReason');
    const q = f.do({ action: 'closure_request', reason: 'out_of_scope', explanation: '属司法程序' }, '2026-10-09 09:00');
    expect(q.toStatus).toBe('closure_requested');
    expect(q.data.closureReason).toBe('out_of_scope');
    expect(f.s.closureReason).toBe('out_of_scope');
    expect(clockRuns(f.s.status)).toBe(false);
    f.do({ action: 'closure_deny', reason: '仍需答复' }, '2026-10-09 10:00');
    expect(f.s.status).toBe('handling');
    expect(f.s.closureReason).toBeNull();
    f.do({ action: 'closure_request', reason: 'unreasonable', explanation: '诉求不合理' }, '2026-10-14 09:00');
    const a = f.do({ action: 'closure_approve' }, '2026-10-14 10:00');
    expect(a.toStatus).toBe('closed');
    expect(a.data.closureReason).toBe('unreasonable');
    expect(a.data.late).toBe(true); // asked after Oct 13
    expect(f.s.status).toBe('closed');
    expect(f.s.closureReason).toBe('unreasonable');
    expect(f.s.satisfaction).toBeNull();
    expect(f.s.closedAt).toBe('2026-10-14T10:00:00+08:00');
  });
});

describe('reminders, supervision, meetings', () => {
  it('are recorded on any open order without a status change', () => {
    const f = registered();
    const m = f.do({ action: 'remind', kind: 'manual' }, '2026-09-30 11:00');
    expect(m.fromStatus).toBe('pending');
    expect(m.toStatus).toBe('pending');
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    f.do({ action: 'remind', kind: 'due_soon' }, '2026-10-12 08:00');
    f.do({ action: 'supervise', level: 'normal' }, '2026-10-12 08:30');
    f.do({ action: 'supervise', level: 'key' }, '2026-10-12 08:40');
    f.do({ action: 'supervise', level: 'normal' }, '2026-10-12 08:50');
    expect(f.s.status).toBe('dispatched');
    expect(f.s.remindCount).toBe(2);
    expect(f.s.superviseCount).toBe(3);
    expect(f.s.superviseLevel).toBe('key');
    f.refuse({ action: 'remind', kind: 'loud' as never }, '2026-10-12 09:00', 'lifecycle.badRemindKind');
    f.refuse({ action: 'supervise', level: 'max' as never }, '2026-10-12 09:00', 'lifecycle.badSuperviseLevel');
  });

  it('a joint meeting names the lead unit', () => {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd', co: ['zjj', 'dhjd'] }, '2026-09-30 15:00');
    f.do({ action: 'sign' }, '2026-10-08 09:00');
    const cmd: Command = { action: 'meeting', meetingId: 3, date: '2026-10-09', attendees: '区领导', decision: '由住建局主办', leadUnit: 'zjj' };
    f.refuse({ ...cmd, leadUnit: 'ghost' }, '2026-10-09 16:00', 'lifecycle.unknownUnit');
    const e = f.do(cmd, '2026-10-09 16:00');
    expect(e.toStatus).toBe('handling');
    expect(e.unit).toBe('zjj');
    expect(e.action === 'meeting' && e.data.meetingId).toBe(3);
    // The meeting's lead gets the order by a dispatch event of its own (DOMAIN.md).
    const d = f.events[f.events.length - 1]!;
    expect(d.action).toBe('dispatch');
    expect(d.action === 'dispatch' && d.data.meetingId).toBe(3);
    expect(f.s.status).toBe('dispatched');
    expect(f.s.leadUnit).toBe('zjj');
    expect(f.s.coUnits).toEqual(['dhjd']);
    // the new lead signs and answers
    f.do({ action: 'sign' }, '2026-10-10 09:00');
    expect(f.do(reply('zjj'), '2026-10-10 10:00').action).toBe('reply');
  });
});

describe('time: --at, back-dating, --as-of', () => {
  it('refuses an action dated before the last change, or after the time of recording', () => {
    const f = registered();
    f.refuse({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 09:59', 'lifecycle.backdated', {
      at: '2026-09-30T09:59:00+08:00',
      last: '2026-09-30T10:00:00+08:00',
    });
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    f.refuse({ action: 'sign' }, '2026-09-30 14:00', 'lifecycle.backdated', { last: '2026-09-30T15:00:00+08:00' });
    expect(() => decide(f.s, { action: 'sign' }, ctx('2026-10-08 09:00', { recordedAt: t('2026-10-08 08:00') }))).toThrow(
      expect.objectContaining({ code: 'lifecycle.atInFuture' }),
    );
    // the same instant as the last change is fine
    expect(f.do({ action: 'sign' }, '2026-09-30 15:00').action).toBe('sign');
  });

  it('a reminder does not block recording earlier work (a reply phoned in yesterday)', () => {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    f.do({ action: 'remind', kind: 'overdue' }, '2026-10-09 08:00');
    const s = f.do({ action: 'sign' }, '2026-10-08 17:00');
    expect(s.occurredAt).toBe('2026-10-08T17:00:00+08:00');
    expect(f.s.status).toBe('handling');
  });

  it('stateAsOf ignores later events', () => {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    f.do({ action: 'sign' }, '2026-10-08 09:00');
    expect(stateAsOf(f.events, t('2026-09-30 09:00'))).toBeNull();
    expect(stateAsOf(f.events, t('2026-09-30 12:00'))?.status).toBe('pending');
    expect(stateAsOf(f.events, t('2026-10-01 00:00'))?.status).toBe('dispatched');
    expect(stateAsOf(f.events, t('2026-10-08 09:00'))?.status).toBe('handling');
  });

  it('the event records who and both times; milliseconds are dropped', () => {
    const f = registered();
    const [e] = decide(f.s, { action: 'dispatch', to: 'cgjd', note: '  请尽快办理 ' }, {
      ...ctx('2026-09-30 15:00'),
      at: new Date(t('2026-09-30 15:00').getTime() + 750),
      actor: '王科员',
    });
    expect(e!.actor).toBe('王科员');
    expect(e!.occurredAt).toBe('2026-09-30T15:00:00+08:00');
    expect(e!.recordedAt).toBe('2026-12-31T12:00:00+08:00');
    expect(e!.note).toBe('请尽快办理');
    expect(e!.orderNo).toBe('GD-1');
  });
});

describe('updates from the city', () => {
  it('a changed urgency moves dueAt while the office has not moved it; the status never changes', () => {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    const u = f.do(
      {
        action: 'update',
        changes: { urgency: ['一般', '紧急'] },
        order: { receivedAt: '2026-09-30T10:00:00+08:00', type: '求助', urgency: '紧急', deadline: null },
      },
      '2026-09-30 16:00',
    );
    expect(u.fromStatus).toBe('dispatched');
    expect(u.toStatus).toBe('dispatched');
    expect(u.data.flagged).toBe(true);
    expect(u.data.dueAt).toBe('2026-10-01T10:00:00+08:00');
    expect(u.data.previousDueAt).toBe('2026-10-13T23:59:59+08:00');
    expect(f.s.urgency).toBe('紧急');
    expect(f.s.dueAt).toBe('2026-10-01T10:00:00+08:00');
    expect(f.s.status).toBe('dispatched');
  });

  it('a change of title only keeps dueAt; a pending order is not flagged; empty changes are refused', () => {
    const f = registered();
    const order = { receivedAt: '2026-09-30T10:00:00+08:00', type: '求助' as const, urgency: '一般' as const, deadline: null };
    const u = f.do({ action: 'update', changes: { title: ['路灯不亮', '路灯损坏'] }, order }, '2026-09-30 11:00');
    expect(u.data.flagged).toBe(false);
    expect(u.data.dueAt).toBeUndefined();
    expect(f.s.dueAt).toBe('2026-10-13T23:59:59+08:00');
    f.refuse({ action: 'update', changes: {}, order }, '2026-09-30 12:00', 'lifecycle.noChanges');
  });

  it('after an extension the city data no longer moves dueAt', () => {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    f.do({ action: 'sign' }, '2026-10-08 09:00');
    f.do({ action: 'extend_request', days: 1, reason: 'x' }, '2026-10-08 10:00');
    f.do({ action: 'extend_approve' }, '2026-10-08 11:00');
    f.do(
      {
        action: 'update',
        changes: { type: ['求助', '投诉'] },
        order: { receivedAt: '2026-09-30T10:00:00+08:00', type: '投诉', urgency: '一般', deadline: null },
      },
      '2026-10-08 12:00',
    );
    expect(f.s.type).toBe('投诉');
    expect(f.s.dueAt).toBe('2026-10-14T23:59:59+08:00');
  });
});

describe('replay', () => {
  it('rebuilds the same state from the JSON log', () => {
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd', co: ['zjj'] }, '2026-09-30 15:00');
    f.do({ action: 'return', reason: '不属于' }, '2026-10-08 10:00');
    f.do({ action: 'dispatch', to: 'dhjd' }, '2026-10-08 11:00');
    f.do({ action: 'sign' }, '2026-10-08 12:00');
    f.do({ action: 'extend_request', days: 2, reason: 'x' }, '2026-10-09 10:00');
    f.do({ action: 'extend_approve' }, '2026-10-09 11:00');
    f.do(reply(), '2026-10-12 10:00');
    const log = JSON.parse(JSON.stringify(f.events)) as OrderEvent[];
    expect(replay(log)).toEqual(f.s);
    expect(f.s.dueAt).toBe('2026-10-15T23:59:59+08:00');
    expect(f.s.returnCount).toBe(1);
  });

  it('refuses to replay a log that does not start with register', () => {
    expect(() => replay([])).toThrow();
    const f = registered();
    f.do({ action: 'dispatch', to: 'cgjd' }, '2026-09-30 15:00');
    expect(() => replay(f.events.slice(1))).toThrow(/before register/);
  });
});
