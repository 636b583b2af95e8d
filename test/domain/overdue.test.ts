// The overdue watch: classifyDue at its edges, and overdueRows as the log stood at a time.
// Calendar 2026 (official): Thu 10-01..Wed 10-07 holiday, Sat 10-10 make-up workday, Sun 10-11 off.
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { groupEvents, type OrderEvent } from '../../src/domain/events.js';
import { classifyDue } from '../../src/domain/due.js';
import { overdueRows } from '../../src/domain/overdue.js';
import { stateAsOf } from '../../src/domain/lifecycle.js';
import { maskPersonal } from '../../src/domain/privacy.js';
import type { OrderFacts, UnitInfo } from '../../src/domain/figures.js';
import { parseTime, timeMs } from '../../src/domain/time.js';

/** An event with the data its action needs (the rest filled with neutral values). */
function fill(action: OrderEvent['action'], data: Record<string, unknown>): OrderEvent['data'] {
  const base: Record<string, Record<string, unknown>> = {
    register: { receivedAt: '2026-09-28T09:00:00+08:00', type: '咨询', urgency: '一般', repeatOf: null },
    dispatch: { coUnits: [], signDueAt: '2026-12-31T23:59:59+08:00', returnUntil: '2026-12-31T23:59:59+08:00', redispatch: false, auto: false, ruleId: null },
    sign: { late: false },
    reply: { content: '已办', result: 'solved', handler: '甲', signedBy: '乙', late: false },
    review_reject: { reason: '未说明' },
    extend_approve: { days: 3, previousDueAt: '2026-10-09T23:59:59+08:00' },
  };
  return { ...(base[action] ?? {}), ...data } as OrderEvent['data'];
}

const cal = new WorkCalendar(officialCalendar());
const s = DEFAULT_SETTINGS;
const at = (t: string): Date => parseTime(t)!;

describe('classifyDue', () => {
  const due = at('2026-09-30 23:59:59'); // Wed, the day before the National Day holiday

  it('exactly at dueAt is not overdue (and is due soon)', () => {
    expect(classifyDue(due, due, s, cal)).toEqual({ level: 'due_soon', overdueWorkdays: 0 });
  });

  it('one second after dueAt is overdue by 0 working days', () => {
    expect(classifyDue(due, at('2026-10-01 00:00:00'), s, cal)).toEqual({ level: 'overdue', overdueWorkdays: 0 });
  });

  it('hours after dueAt on the same day: overdue, 0 working days', () => {
    const d = at('2026-10-09 10:00');
    expect(classifyDue(d, at('2026-10-09 16:00'), s, cal)).toEqual({ level: 'overdue', overdueWorkdays: 0 });
  });

  it('across the holiday: the whole week of 10-01..07 counts nothing', () => {
    expect(classifyDue(due, at('2026-10-07 18:00'), s, cal).overdueWorkdays).toBe(0);
    expect(classifyDue(due, at('2026-10-08 09:00'), s, cal)).toEqual({ level: 'overdue', overdueWorkdays: 1 });
    // 10-08, 09, 10 (Sat make-up), 11 Sunday off → 3
    expect(classifyDue(due, at('2026-10-11 12:00'), s, cal).overdueWorkdays).toBe(3);
  });

  it('serious from 5 working days (4 is merely overdue)', () => {
    // 10-08, 09, 10, 12 = 4; 10-13 = 5
    expect(classifyDue(due, at('2026-10-12 23:00'), s, cal)).toEqual({ level: 'overdue', overdueWorkdays: 4 });
    expect(classifyDue(due, at('2026-10-13 00:00'), s, cal)).toEqual({ level: 'serious', overdueWorkdays: 5 });
    // the threshold is the office's
    expect(classifyDue(due, at('2026-10-12 23:00'), { ...s, seriousOverdueWorkdays: 4 }, cal).level).toBe('serious');
  });

  it('due soon on Friday for a Monday deadline; not for Tuesday', () => {
    const friday = at('2026-11-13 09:00'); // Fri; next working day Mon 11-16
    expect(classifyDue(at('2026-11-16 23:59:59'), friday, s, cal)).toEqual({ level: 'due_soon', overdueWorkdays: 0 });
    expect(classifyDue(at('2026-11-17 00:00:00'), friday, s, cal)).toEqual({ level: null, overdueWorkdays: 0 });
  });

  it('due soon before the holiday reaches the first working day after it', () => {
    // as of Wed 09-30: the next working day is Thu 10-08
    expect(classifyDue(at('2026-10-08 17:00'), at('2026-09-30 10:00'), s, cal).level).toBe('due_soon');
    expect(classifyDue(at('2026-10-09 09:00'), at('2026-09-30 10:00'), s, cal).level).toBeNull();
  });
});

describe('overdueRows as of a time', () => {
  const ev = (no: string, action: OrderEvent['action'], t: string, to: OrderEvent['toStatus'], unit: string | null, data: Record<string, unknown> = {}): OrderEvent =>
    ({ orderNo: no, action, fromStatus: null, toStatus: to, unit, actor: 't', occurredAt: fmt(t), recordedAt: fmt(t), note: null, data: fill(action, data) }) as OrderEvent;
  /** '2026-10-12 10:00' → '2026-10-12T10:00:00+08:00' */
  function fmt(t: string): string {
    const d = parseTime(t)!;
    return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
  }
  const units: UnitInfo[] = [
    { code: 'T1', name: '城关镇', kind: 'town', parent: null, contact: '王主任', phone: '0571-88000001' },
    { code: 'D1', name: '区市场监管局', kind: 'department', parent: null, contact: '李科长', phone: '0571-88000002' },
  ];
  const facts = (no: string, title: string): OrderFacts => ({
    no, type: '咨询', category: '教育', urgency: '一般', town: '城关镇', title, receivedAt: fmt('2026-09-28 09:00'),
    leadUnit: null, repeatOf: null, status: 'closed', dueAt: fmt('2026-12-31 23:59:59'),
  });
  const orders = [facts('B1', '噪音扰民 13812345678'), facts('B2', '路灯'), facts('B3', '井盖'), facts('B4', '积水')];
  const events = groupEvents([
    // B1: due 09-30, handled by T1, replied only 10-12 11:00
    ev('B1', 'register', '2026-09-28 09:00', 'pending', null, { dueAt: fmt('2026-09-30 23:59:59') }),
    ev('B1', 'dispatch', '2026-09-28 10:00', 'dispatched', 'T1', { leadUnit: 'T1' }),
    ev('B1', 'sign', '2026-09-28 11:00', 'handling', 'T1'),
    ev('B1', 'reply', '2026-10-12 11:00', 'replied', 'T1'),
    // B2: due 10-09, extended on 10-09 to 10-14: as of 10-12 it is not overdue
    ev('B2', 'register', '2026-09-28 09:00', 'pending', null, { dueAt: fmt('2026-10-09 23:59:59') }),
    ev('B2', 'dispatch', '2026-09-28 10:00', 'dispatched', 'D1', { leadUnit: 'D1' }),
    ev('B2', 'sign', '2026-09-28 11:00', 'handling', 'D1'),
    ev('B2', 'extend_approve', '2026-10-09 15:00', 'handling', 'D1', { dueAt: fmt('2026-10-14 23:59:59') }),
    // B3: due 10-12 18:00, pending (never dispatched): due soon as of 10-12 10:00
    ev('B3', 'register', '2026-09-28 09:00', 'pending', null, { dueAt: fmt('2026-10-12 18:00:00') }),
    // B4: due 10-09, replied 10-09 (clock stopped), review rejected 10-12 09:00 → clock runs again
    ev('B4', 'register', '2026-09-28 09:00', 'pending', null, { dueAt: fmt('2026-10-09 23:59:59') }),
    ev('B4', 'dispatch', '2026-09-28 10:00', 'dispatched', 'D1', { leadUnit: 'D1' }),
    ev('B4', 'sign', '2026-09-28 11:00', 'handling', 'D1'),
    ev('B4', 'reply', '2026-10-09 10:00', 'replied', 'D1'),
    ev('B4', 'review_reject', '2026-10-12 09:00', 'handling', null),
  ]);

  it('as of 10-12 10:00: B1 overdue (its reply at 11:00 ignored), B4 overdue again after the rejection, B3 due soon; B2 extended', () => {
    const rows = overdueRows(orders, events, at('2026-10-12 10:00'), s, cal, units);
    // B1: 10-08, 09, 10, 12 after 09-30 = 4 → overdue (not serious); B4: 10-10, 12 after 10-09 = 2
    expect(rows.map((r) => [r.no, r.level, r.overdueWorkdays, r.leadUnit, r.status])).toEqual([
      ['B1', 'overdue', 4, 'T1', 'handling'],
      ['B4', 'overdue', 2, 'D1', 'handling'],
      ['B3', 'due_soon', 0, null, 'pending'],
    ]);
    expect(rows[0]).toMatchObject({ unitName: '城关镇', unitContact: '王主任', unitPhone: '0571-88000001', dueAt: '2026-09-30T23:59:59+08:00' });
    expect(rows[0]!.title).toBe('噪音扰民 138****5678'); // no citizen phone in a list
  });

  it('as of 10-13 09:00 B1 has replied (clock stopped) and drops out', () => {
    // B4: 10-10, 12, 13 after 10-09 = 3; B3 due 10-12 18:00: 10-13 = 1; B2 due end of 10-14: due soon
    const rows = overdueRows(orders, events, at('2026-10-13 09:00'), s, cal, units);
    expect(rows.map((r) => [r.no, r.level, r.overdueWorkdays])).toEqual([
      ['B4', 'overdue', 3],
      ['B3', 'overdue', 1],
      ['B2', 'due_soon', 0],
    ]);
  });

  it('before B4 was rejected its clock was stopped; --unit filters on the lead as of then', () => {
    const rows = overdueRows(orders, events, at('2026-10-12 08:00'), s, cal, units, { unit: 'D1' });
    expect(rows).toEqual([]);
    const t1 = overdueRows(orders, events, at('2026-10-12 08:00'), s, cal, units, { unit: 'T1' });
    expect(t1.map((r) => r.no)).toEqual(['B1']);
  });

  it('serious at 5 working days in the list', () => {
    // as of 10-15 09:00: B4 10-10, 12, 13, 14, 15 = 5 → serious; B3 10-13, 14, 15 = 3; B2 10-15 = 1
    const rows = overdueRows(orders, events, at('2026-10-15 09:00'), s, cal, units);
    expect(rows[0]).toMatchObject({ no: 'B4', level: 'serious', overdueWorkdays: 5 });
    expect(rows.map((r) => [r.no, r.level, r.overdueWorkdays])).toEqual([
      ['B4', 'serious', 5],
      ['B3', 'overdue', 3],
      ['B2', 'overdue', 1],
    ]);
  });

  it('an order with no events is taken as its facts say', () => {
    const lone: OrderFacts = { ...facts('B9', '无日志'), status: 'handling', leadUnit: 'T1', dueAt: fmt('2026-10-09 23:59:59') };
    const rows = overdueRows([lone], new Map(), at('2026-10-12 10:00'), s, cal, units);
    expect(rows.map((r) => [r.no, r.level, r.overdueWorkdays])).toEqual([['B9', 'overdue', 2]]);
  });
});

describe('the fold as of a time, and helpers', () => {
  it('stateAsOf stops at the as-of time whatever the order of the log', () => {
    const e = (action: OrderEvent['action'], t: string, to: OrderEvent['toStatus'], data: Record<string, unknown> = {}): OrderEvent =>
      ({ orderNo: 'X', action, fromStatus: null, toStatus: to, unit: 'T1', actor: 't', occurredAt: t, recordedAt: t, note: null, data: fill(action, data) }) as OrderEvent;
    const log = [
      e('register', '2026-10-08T09:00:00+08:00', 'pending', { dueAt: '2026-10-13T23:59:59+08:00' }),
      e('dispatch', '2026-10-08T10:00:00+08:00', 'dispatched', { leadUnit: 'T1' }),
      e('sign', '2026-10-08T11:00:00+08:00', 'handling'),
      e('extend_approve', '2026-10-09T11:00:00+08:00', 'handling', { dueAt: '2026-10-15T23:59:59+08:00' }),
    ];
    const before = stateAsOf(log, timeMs('2026-10-09T10:59:59+08:00'))!;
    expect(before.status).toBe('handling');
    expect(before.dueAt).toBe('2026-10-13T23:59:59+08:00');
    const after = stateAsOf(log, timeMs('2026-10-09T11:00:00+08:00'))!;
    expect(after.dueAt).toBe('2026-10-15T23:59:59+08:00');
    expect(stateAsOf(log, timeMs('2026-10-08T08:59:59+08:00'))).toBeNull();
  });

  it('timeMs reads the stored form and any ISO offset alike', () => {
    expect(timeMs('2026-10-09T10:00:00+08:00')).toBe(Date.parse('2026-10-09T02:00:00Z'));
    expect(timeMs('2026-10-09T02:00:00Z')).toBe(Date.parse('2026-10-09T02:00:00Z'));
    expect(timeMs('2026-10-09T10:00:00.500+08:00')).toBe(Date.parse('2026-10-09T02:00:00.500Z'));
  });

  it('maskPersonal hides mobiles, landlines and ID numbers', () => {
    expect(maskPersonal('电话13812345678反映')).toBe('电话138****5678反映');
    expect(maskPersonal('座机0571-88123456')).toBe('座机0571-****3456');
    expect(maskPersonal('身份证11010119900307123X')).toBe('身份证110101********123X');
    expect(maskPersonal('3号楼201室')).toBe('3号楼201室');
  });
});
