import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { Refusal } from '../../src/domain/errors.js';
import type { OrderEvent } from '../../src/domain/events.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { decide, evolve, replay, type Command, type OrderState } from '../../src/domain/lifecycle.js';
import { CLOSURE_REASONS, ORDER_TYPES, SATISFACTIONS, STATUSES, URGENCIES, type OrderStatus } from '../../src/domain/order.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { formatTime, parseTime } from '../../src/domain/time.js';
import { NEW_ORDER_COLUMNS, newOrderValues } from '../../src/store/orders.js';
import { decodeState, type StateRow } from '../../src/store/state-codec.js';

const calendar = new WorkCalendar(officialCalendar());
const UNITS = new Map(['cgjd', 'dhjd', 'zjj'].map((c) => [c, { kind: 'town', parent: null, signers: [] as string[] }]));
const unitArb = fc.constantFrom('cgjd', 'dhjd', 'zjj', 'ghost');
const textArb = fc.constantFrom('', ' ', '理由', '需要协调');
const START = parseTime('2026-09-20 09:00')!.getTime();
const RECORDED = parseTime('2027-06-30 12:00')!;

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ action: fc.constant('dispatch' as const), to: unitArb, co: fc.array(unitArb, { maxLength: 2 }) }),
  fc.record({ action: fc.constant('sign' as const) }),
  fc.record({ action: fc.constant('sign' as const), unit: unitArb }),
  fc.record({ action: fc.constant('return' as const), reason: textArb }),
  fc.record({ action: fc.constant('return_approve' as const) }),
  fc.record({ action: fc.constant('return_deny' as const), reason: textArb }),
  fc.record({ action: fc.constant('contact' as const) }),
  fc.record({ action: fc.constant('contact' as const), unit: unitArb }),
  fc.record({ action: fc.constant('extend_request' as const), days: fc.integer({ min: 0, max: 12 }), reason: textArb }),
  fc.record({ action: fc.constant('extend_approve' as const) }),
  fc.record({ action: fc.constant('extend_deny' as const) }),
  fc.record({
    action: fc.constant('reply' as const),
    content: fc.constantFrom('已办理', ''),
    result: fc.constantFrom('solved' as const, 'explained' as const),
    handler: fc.constant('张三'),
    signedBy: fc.constant('李四'),
    unit: fc.option(unitArb, { nil: undefined }),
  }).map((c) => {
    const { unit, ...rest } = c;
    return unit === undefined ? rest : { ...rest, unit };
  }),
  fc.record({ action: fc.constant('review_accept' as const) }),
  fc.record({ action: fc.constant('review_reject' as const), reason: textArb }),
  fc.record({ action: fc.constant('feedback' as const), satisfaction: fc.constantFrom(...SATISFACTIONS) }),
  fc.record({
    action: fc.constant('closure_request' as const),
    reason: fc.constantFrom(...CLOSURE_REASONS),
    explanation: textArb,
  }),
  fc.record({ action: fc.constant('closure_approve' as const) }),
  fc.record({ action: fc.constant('closure_deny' as const) }),
  fc.record({ action: fc.constant('remind' as const), kind: fc.constantFrom('manual' as const, 'overdue' as const) }),
  fc.record({ action: fc.constant('supervise' as const), level: fc.constantFrom('normal' as const, 'key' as const) }),
  fc.record({
    action: fc.constant('meeting' as const),
    meetingId: fc.nat(9),
    date: fc.constant('2026-10-09'),
    attendees: fc.constant('区领导'),
    decision: fc.constant('明确主办'),
    leadUnit: unitArb,
  }),
);

/**
 * A command that fits the status (still checked by decide: it may be late, over the cap …), so
 * sequences get deep into the machine instead of being refused at the first step.
 */
function natural(s: OrderState, pick: number): Command {
  const units = ['cgjd', 'dhjd', 'zjj'];
  const other = units.find((u) => u !== s.leadUnit && !s.coUnits.includes(u)) ?? 'zjj';
  const options: Record<OrderStatus, Command[]> = {
    pending: [{ action: 'dispatch', to: units[pick % 3]!, co: pick % 2 ? [units[(pick + 1) % 3]!] : [] }],
    dispatched: [{ action: 'sign' }, { action: 'sign' }, { action: 'return', reason: '非本单位职责' }, { action: 'dispatch', to: other }, { action: 'contact' }],
    return_requested: [{ action: 'return_approve' }, { action: 'return_deny', reason: '属本单位职责' }],
    handling: [
      { action: 'reply', content: '已办理', result: 'solved', handler: '张三', signedBy: '李四' },
      { action: 'reply', content: '已办理', result: 'solved', handler: '张三', signedBy: '李四' },
      { action: 'extend_request', days: (pick % 10) + 1, reason: '需要协调' },
      { action: 'extend_request', days: (pick % 10) + 1, reason: '需要协调' },
      { action: 'extend_approve' },
      { action: 'extend_approve' },
      { action: 'extend_deny', reason: '不同意' },
      { action: 'closure_request', reason: 'out_of_scope', explanation: '不属受理范围' },
      { action: 'contact' },
      { action: 'return', reason: '非本单位职责' },
      ...(s.coUnits[0] ? [{ action: 'reply', content: '协办意见', result: 'explained', handler: '王五', signedBy: '赵六', unit: s.coUnits[0] } as Command] : []),
    ],
    replied: [{ action: 'review_accept' }, { action: 'review_accept' }, { action: 'review_reject', reason: '不完整' }],
    answered: SATISFACTIONS.map((satisfaction): Command => ({ action: 'feedback', satisfaction })),
    closure_requested: [{ action: 'closure_approve' }, { action: 'closure_deny', reason: '不同意' }],
    closed: [{ action: 'remind', kind: 'manual' }],
  };
  const list = options[s.status];
  return list[pick % list.length]!;
}

// Mostly forward in time (minutes to ~3 days), sometimes backwards (a back-dated --at).
const stepArb = fc.record({
  cmd: commandArb,
  natural: fc.boolean(),
  pick: fc.noBias(fc.nat(1000)),
  minutes: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 240 }) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 3 * 24 * 60 }) },
    { weight: 1, arbitrary: fc.integer({ min: -600, max: -1 }) },
  ),
});

const orderArb = fc.record({
  type: fc.constantFrom(...ORDER_TYPES),
  urgency: fc.constantFrom(...URGENCIES),
  offsetMinutes: fc.integer({ min: 0, max: 60 * 24 * 20 }),
});

const LEAD_REQUIRED: readonly OrderStatus[] = ['dispatched', 'return_requested', 'handling', 'replied', 'answered', 'closure_requested'];

function checkInvariants(s: OrderState, log: OrderEvent[]): void {
  expect(STATUSES).toContain(s.status);
  if (s.status === 'closed') {
    const bySatisfaction = s.satisfaction === 'satisfied' || s.satisfaction === 'basic';
    expect(bySatisfaction || s.closureReason !== null).toBe(true);
    expect(s.closedAt).not.toBeNull();
  }
  if (LEAD_REQUIRED.includes(s.status)) expect(s.leadUnit).not.toBeNull();
  if (s.status === 'dispatched') expect(s.signDueAt).not.toBeNull();
  expect(s.coUnits).not.toContain(s.leadUnit);
  expect(s.returnCount).toBe(log.filter((e) => e.action === 'return').length);
  expect(s.reworkCount).toBe(log.filter((e) => e.action === 'feedback' && e.data.satisfaction === 'unsatisfied').length);
  const approved = log.filter((e) => e.action === 'extend_approve').reduce((n, e) => n + (e.data.days ?? 0), 0);
  expect(s.extensionDays).toBe(approved);
  expect(s.extensionDays).toBeLessThanOrEqual(DEFAULT_SETTINGS.extensionMaxWorkdays);
  if (s.pendingExtension) expect(s.status).toBe('handling');
  if (s.status === 'closure_requested') expect(s.closureReason).not.toBeNull();
  expect(s.remindCount).toBe(log.filter((e) => e.action === 'remind').length);
  // dueAt is the last deadline an event set
  const lastDue = [...log].reverse().find((e) => e.data.dueAt !== undefined);
  expect(s.dueAt).toBe(lastDue?.data.dueAt);
}

const WRONG_COLUMNS = { status: 'closed', due_at: 'x', lead_unit: 'x', co_units: '["x"]', return_count: 9, rework_count: 9, extension_days: 9, satisfaction: 'x', repeat_of: 'x', first_dispatched_at: 'x' };

/** The state as the store writes it into an order row (store/orders.ts) and reads it back (store/state-codec.ts). */
function storedAndRead(state: OrderState, reg: OrderEvent): OrderState {
  const values = newOrderValues({ input: { no: state.no, receivedAt: state.receivedAt, type: state.type, urgency: state.urgency }, state, events: [reg], sourceHash: 'h', now: 'n' });
  const row = Object.fromEntries(NEW_ORDER_COLUMNS.map((c, i) => [c, values[i]])) as unknown as StateRow;
  return decodeState(JSON.parse(JSON.stringify(row)) as StateRow);
}

describe('the state machine under random command sequences', () => {
  it('accepted commands yield consistent events, refusals change nothing, replay agrees, no state is invalid', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(orderArb, fc.array(stepArb, { minLength: 1, maxLength: 60, size: 'max' }), (o, steps) => {
        let t = START + o.offsetMinutes * 60_000;
        const ctxAt = (at: number) => ({
          at: new Date(at),
          recordedAt: RECORDED,
          actor: 'prop',
          settings: DEFAULT_SETTINGS,
          calendar,
          units: UNITS,
        });
        const [reg] = decide(
          null,
          { action: 'register', order: { no: 'P-1', receivedAt: formatTime(new Date(t)), type: o.type, urgency: o.urgency } },
          ctxAt(t),
        );
        const log: OrderEvent[] = [reg!];
        let state = evolve(null, reg!);
        const states: OrderState[] = [state];

        for (const step of steps) {
          t += step.minutes * 60_000;
          const cmd = step.natural ? natural(state, step.pick) : step.cmd;
          const before = JSON.stringify(state);
          let produced: OrderEvent[] = [];
          try {
            produced = decide(state, cmd, ctxAt(t));
          } catch (err) {
            // only rule refusals, never a crash
            expect(err).toBeInstanceOf(Refusal);
            seen.add(`refused:${(err as Refusal).code}`);
          }
          expect(JSON.stringify(state)).toBe(before); // decide never mutates
          for (const event of produced) {

          expect(event.orderNo).toBe('P-1');
          expect(event.fromStatus).toBe(state.status);
          expect(event.occurredAt).toBe(formatTime(new Date(t)));
          expect(Date.parse(event.occurredAt)).toBeGreaterThanOrEqual(Date.parse(state.lastChangeAt));
          const next = evolve(state, event);
          expect(next.status).toBe(event.toStatus);
          if (['remind', 'supervise', 'meeting', 'update', 'co_reply', 'contact'].includes(event.action)) expect(next.status).toBe(state.status);
          const was = JSON.stringify(state);
          evolve(state, event);
          expect(JSON.stringify(state)).toBe(was); // evolve never mutates
          log.push(event);
          state = next;
          states.push(state);
          seen.add(`${event.action}:${state.status}`);
          seen.add(state.status);
          checkInvariants(state, log);
          }
        }
        // the log alone, through JSON, rebuilds the same state
        expect(replay(JSON.parse(JSON.stringify(log)) as OrderEvent[])).toEqual(state);
        // and every prefix rebuilds the state at that step
        const k = Math.floor(log.length / 2);
        expect(replay(log.slice(0, k + 1))).toEqual(states[k]);
        // every state, written to an order row as the store writes it and read back, is the same state
        for (const st of states) expect(storedAndRead(st, log[0]!)).toStrictEqual(st);
        // a state written whole (before the compact encoding) is read as it is, whatever the columns say
        expect(decodeState({ ...WRONG_COLUMNS, no: state.no, state: JSON.stringify(state) })).toStrictEqual(state);
      }),
      { numRuns: 200, seed: 20261001 },
    );
    // the generator really walks the machine: every status is reached, the key refusals happen
    for (const status of STATUSES) expect(seen).toContain(status);
    for (const code of [
      'lifecycle.wrongStatus',
      'lifecycle.backdated',
      'lifecycle.unknownUnit',
      'lifecycle.reasonRequired',
      'lifecycle.returnWindowClosed',
      'lifecycle.extensionPending',
      'calendar.extension.overCap',
      'calendar.extension.tooLate',
    ])
      expect(seen).toContain(`refused:${code}`);
    expect(seen).toContain('feedback:handling'); // rework
    expect(seen).toContain('extend_approve:handling');
    expect(seen).toContain('closure_approve:closed');
    expect(seen).toContain('return:return_requested'); // return review (退单审核)
    expect(seen).toContain('return_approve:pending');
    expect(seen).toContain('return_deny:dispatched');
    expect(seen).toContain('return_deny:handling');
    expect(seen).toContain('contact:handling');
  });
});
