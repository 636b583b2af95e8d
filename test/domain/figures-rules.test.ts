// Each rule of DOMAIN.md's Figures section at its edge, on orders driven through the real state
// machine (decide + the one fold) so every event carries what the rules recorded. Calendar 2026:
// Mon 11-16 … Fri 11-20 working days, Sat/Sun 11-21/22 off. Period [11-16, 11-23), as of 11-24 10:00.
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { groupEvents, type OrderEvent } from '../../src/domain/events.js';
import { assess, circular, type OrderFacts, type UnitInfo } from '../../src/domain/figures.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { decide, evolve, type Command, type OrderState } from '../../src/domain/lifecycle.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/domain/settings.js';
import { parseTime } from '../../src/domain/time.js';

const cal = new WorkCalendar(officialCalendar());
const at = (s: string): Date => parseTime(`2026-${s}`)!;
const UNITS: UnitInfo[] = ['U1', 'U2', 'U3', 'U4', 'U5'].map((code) => ({ code, name: `单位${code}`, kind: 'department', parent: null, contact: null, phone: null }));
const REFS = new Map(UNITS.map((u) => [u.code, { kind: u.kind, parent: u.parent, signers: [] as string[] }]));

/** A little world of orders driven through decide/evolve. */
class World {
  events: OrderEvent[] = [];
  facts: OrderFacts[] = [];
  private states = new Map<string, OrderState>();
  constructor(private readonly s: Settings = DEFAULT_SETTINGS) {}
  order(no: string, received: string, type: '咨询' | '求助' = '咨询'): this {
    this.facts.push({ no, type, category: '教育', urgency: '一般', town: null, title: `工单${no}`, receivedAt: '', leadUnit: null, repeatOf: null, status: 'pending', dueAt: '' });
    return this.do(no, received, { action: 'register', order: { no, receivedAt: at(received).toISOString(), type, urgency: '一般' } });
  }
  do(no: string, when: string, cmd: Command): this {
    const ctx = { at: at(when), recordedAt: at('12-31 00:00'), actor: 't', settings: this.s, calendar: cal, units: REFS };
    let st = this.states.get(no) ?? null;
    for (const e of decide(st, cmd, ctx)) {
      this.events.push(e);
      st = evolve(st, e);
    }
    this.states.set(no, st!);
    return this;
  }
  circular(asOf = '11-24 10:00', s: Settings = this.s) {
    return circular({ from: '2026-11-16', to: '2026-11-23', asOf: at(asOf) }, this.facts, groupEvents(this.events), UNITS, s, cal);
  }
}
const reply = (extra: Partial<Extract<Command, { action: 'reply' }>> = {}): Command => ({ action: 'reply', content: '已办理', result: 'solved', handler: '甲', signedBy: '乙', ...extra });
const unitRow = (r: ReturnType<World['circular']>, code: string) => r.units.find((u) => u.code === code)!;

describe('signed in time (per dispatch made in the period)', () => {
  // Every dispatch at Mon 11-16 10:00: sign limit = end of the next working day, Tue 11-17 23:59:59.
  const D = '11-16 10:00';
  it('signed at the last second of the limit is in time; one second later is late', () => {
    const w = new World()
      .order('A', '11-16 09:00').do('A', D, { action: 'dispatch', to: 'U1' }).do('A', '11-17 23:59:59', { action: 'sign' })
      .order('B', '11-16 09:00').do('B', D, { action: 'dispatch', to: 'U2' }).do('B', '11-18 00:00:00', { action: 'sign' });
    const r = w.circular();
    expect(unitRow(r, 'U1').signedInTime).toEqual({ num: 1, den: 1, pending: 0, rate: 1 });
    expect(unitRow(r, 'U2').signedInTime).toEqual({ num: 0, den: 1, pending: 0, rate: 0 });
  });

  it('a dispatch that ends unsigned before its limit (approved return, re-dispatch) is left out; at or after the limit it is late', () => {
    const w = new World()
      // approved before the limit: left out
      .order('C', '11-16 09:00').do('C', D, { action: 'dispatch', to: 'U1' })
      .do('C', '11-17 10:00', { action: 'return', reason: '非本单位' }).do('C', '11-17 12:00', { action: 'return_approve' })
      // requested before, approved one second after the limit: the dispatch was still standing, unsigned → late
      .order('E', '11-16 09:00').do('E', D, { action: 'dispatch', to: 'U2' })
      .do('E', '11-17 10:00', { action: 'return', reason: '非本单位' }).do('E', '11-18 00:00:00', { action: 'return_approve' })
      // re-dispatched exactly at the limit: ended at (not after) its limit → left out
      .order('F', '11-16 09:00').do('F', D, { action: 'dispatch', to: 'U3' }).do('F', '11-17 23:59:59', { action: 'dispatch', to: 'U5' })
      // re-dispatched one second after: late
      .order('G', '11-16 09:00').do('G', D, { action: 'dispatch', to: 'U4' }).do('G', '11-18 00:00:00', { action: 'dispatch', to: 'U5' });
    const r = w.circular();
    expect(unitRow(r, 'U1').signedInTime).toEqual({ num: 0, den: 0, pending: 0, rate: null }); // never 0 % for nothing decided
    expect(unitRow(r, 'U2').signedInTime).toEqual({ num: 0, den: 1, pending: 0, rate: 0 });
    expect(unitRow(r, 'U3').signedInTime).toEqual({ num: 0, den: 0, pending: 0, rate: null });
    expect(unitRow(r, 'U4').signedInTime).toEqual({ num: 0, den: 1, pending: 0, rate: 0 });
  });

  it('a denied return does not end the dispatch: still unsigned when the limit passes is late, whatever happens after', () => {
    const w = new World()
      .order('H', '11-16 09:00').do('H', D, { action: 'dispatch', to: 'U1' })
      .do('H', '11-17 10:00', { action: 'return', reason: '非本单位' }).do('H', '11-17 15:00', { action: 'return_deny', reason: '属本单位' })
      .do('H', '11-18 09:00', { action: 'sign' });
    const u = unitRow(w.circular(), 'U1');
    expect(u.signedInTime).toEqual({ num: 0, den: 1, pending: 0, rate: 0 });
    expect([u.returnsRequested, u.returnsApproved, u.returnsDenied]).toEqual([1, 0, 1]);
  });

  it('not yet decided at the as-of time: counted apart as pending, rate null', () => {
    const w = new World().order('I', '11-16 09:00').do('I', D, { action: 'dispatch', to: 'U1' });
    expect(unitRow(w.circular('11-17 23:59:59'), 'U1').signedInTime).toEqual({ num: 0, den: 0, pending: 1, rate: null });
    expect(unitRow(w.circular('11-18 00:00:00'), 'U1').signedInTime).toEqual({ num: 0, den: 1, pending: 0, rate: 0 });
  });
});

describe('on-time completion (orders whose dueAt falls in the period)', () => {
  // 咨询 received Mon 11-16 09:00: 3 working days → due Thu 11-19 23:59:59.
  const ready = (w: World, no: string, unit: string) => w.order(no, '11-16 09:00').do(no, '11-16 10:00', { action: 'dispatch', to: unit }).do(no, '11-16 11:00', { action: 'sign' });
  it('a reply at dueAt is on time, one second later late; on time even while awaiting review', () => {
    const w = new World();
    ready(w, 'A', 'U1').do('A', '11-19 23:59:59', reply());
    ready(w, 'B', 'U2').do('B', '11-20 00:00:00', reply()).do('B', '11-20 09:00', { action: 'review_accept' });
    const r = w.circular();
    expect(unitRow(r, 'U1').onTime).toEqual({ num: 1, den: 1, pending: 0, rate: 1 }); // not reviewed yet
    expect(unitRow(r, 'U2').onTime).toEqual({ num: 0, den: 1, pending: 0, rate: 0 });
  });

  it('a reply sent back and answered again after dueAt is late (judged by the last submission); nothing by dueAt is late; not yet due is pending', () => {
    const w = new World();
    ready(w, 'C', 'U1').do('C', '11-19 10:00', reply()).do('C', '11-19 15:00', { action: 'review_reject', reason: '不完整' }).do('C', '11-20 09:00', reply());
    ready(w, 'D', 'U2');
    const r = w.circular();
    expect(unitRow(r, 'U1').onTime).toEqual({ num: 0, den: 1, pending: 0, rate: 0 });
    expect(unitRow(r, 'U2').onTime).toEqual({ num: 0, den: 1, pending: 0, rate: 0 }); // open, due passed
    expect(unitRow(w.circular('11-19 23:59:59'), 'U2').onTime).toEqual({ num: 0, den: 0, pending: 1, rate: null });
  });
});

describe('the satisfaction floor (85 %) and the ranking', () => {
  /** n orders to one unit, each answered on time and called back with the given results. */
  const callbacks = (w: World, unit: string, results: ('satisfied' | 'basic' | 'unsatisfied')[]) =>
    results.forEach((satisfaction, i) => {
      const no = `${unit}-${i}`;
      w.order(no, '11-16 09:00').do(no, '11-16 10:00', { action: 'dispatch', to: unit }).do(no, '11-16 11:00', { action: 'sign' })
        .do(no, '11-17 10:00', reply()).do(no, '11-17 11:00', { action: 'review_accept' })
        .do(no, '11-18 10:00', { action: 'feedback', satisfaction, contacted: true, solved: satisfaction !== 'unsatisfied' });
    });
  const of = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);

  it('exactly at the floor is not below it; under it is named; nobody evaluated → no "all above" statement', () => {
    const w = new World();
    callbacks(w, 'U1', [...of(17, 'satisfied' as const), ...of(3, 'unsatisfied' as const)]); // 17/20 = 85 %
    callbacks(w, 'U2', [...of(16, 'basic' as const), ...of(4, 'unsatisfied' as const)]); // 16/20 = 80 %
    const r = w.circular();
    expect(unitRow(r, 'U1').satisfaction).toEqual({ num: 17, den: 20, pending: 0, rate: 0.85 });
    expect(unitRow(r, 'U1').belowFloor).toBe(false);
    expect(r.belowFloor.map((b) => b.code)).toEqual(['U2']);
    expect(r.allAboveFloor).toBe(false);
    expect(new World().order('X', '11-16 09:00').circular().allAboveFloor).toBe(false); // no evaluations at all
    // the three rates from the same callbacks: contacted 20/20; solved 17/20 (U1)
    expect([unitRow(r, 'U1').response.rate, unitRow(r, 'U1').resolution.rate]).toEqual([1, 0.85]);
  });

  it('below the ranking minimum: a score, no rank, and the reason; equal scores share a rank', () => {
    const w = new World();
    callbacks(w, 'U1', of(3, 'satisfied')); // handled 3 = the minimum: ranked
    callbacks(w, 'U2', of(3, 'satisfied')); // same score: same rank
    callbacks(w, 'U3', of(2, 'satisfied')); // handled 2: not ranked
    const a = assess({ from: '2026-11-16', to: '2026-11-23', asOf: at('11-24 10:00') }, w.facts, groupEvents(w.events), UNITS, DEFAULT_SETTINGS, cal);
    const row = (code: string) => a.ranking.find((x) => x.code === code)!;
    expect([row('U1').score, row('U1').rank, row('U2').rank]).toEqual([100, 1, 1]);
    expect([row('U3').score, row('U3').rank, row('U3').reason]).toEqual([100, null, 'belowMinimum']);
    expect([row('U4').rank, row('U4').reason]).toEqual([null, 'noData']);
  });
});
