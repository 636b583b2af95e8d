// The order's life (the state machine), in the decide/evolve pattern:
// - decide(state, command, ctx) checks the rules at the time the action happened (ctx.at, `--at`)
//   and returns the one event it produces, or throws Refusal(code, params);
// - evolve(state, event) applies a recorded event with no rule checks: every value a rule computed
//   (new dueAt, sign and return limits, late flags, lead and co-units) is in the event itself, so
//   replaying the log gives the same state whatever the settings or calendar are today.
// Pure logic: no I/O, no clock, no text (refusals carry message keys; see i18n/lifecycle.ts).
import type { WorkCalendar } from './calendar.js';
import { cityDeadlineFromInput, extendedDue, extensionAllowed, replyDue, returnUntil, reworkDue, signDue } from './deadlines.js';
import { Refusal, type MessageParams } from './errors.js';
import type { Action, EventData, OrderEvent } from './events.js';
import {
  CLOCK_RUNNING,
  CLOSURE_REASONS,
  ORDER_TYPES,
  REPLY_RESULTS,
  SATISFACTIONS,
  URGENCIES,
  type ClosureReason,
  type OrderInput,
  type OrderStatus,
  type OrderType,
  type ReplyResult,
  type Satisfaction,
  type Urgency,
} from './order.js';
import type { Settings } from './settings.js';
import { formatTime } from './time.js';

export type RemindKind = 'manual' | 'due_soon' | 'overdue';
export const REMIND_KINDS: readonly RemindKind[] = ['manual', 'due_soon', 'overdue'];
export type SuperviseLevel = 'normal' | 'key';
export const SUPERVISE_LEVELS: readonly SuperviseLevel[] = ['normal', 'key'];

export interface PendingExtension {
  days: number;
  reason: string;
  /** When it was asked (ISO +08:00). */
  at: string;
}

/**
 * Everything the rules need about one order. Times are ISO 8601 strings with +08:00 (formatTime),
 * so the state is JSON-serializable and times compare as instants (use Date.parse, not string order,
 * if a value may come from elsewhere).
 */
export interface OrderState {
  no: string;
  status: OrderStatus;
  type: OrderType;
  urgency: Urgency;
  receivedAt: string;
  /** The reply deadline now in force (after extensions and reworks). */
  dueAt: string;
  leadUnit: string | null;
  coUnits: string[];
  /** The current dispatch (null while pending). */
  dispatchedAt: string | null;
  /** The first dispatch ever (for "dispatched same day"); kept across returns. */
  firstDispatchedAt: string | null;
  /** Sign limit and return window of the current dispatch. */
  signDueAt: string | null;
  returnUntil: string | null;
  /** When the current dispatch was signed. */
  signedAt: string | null;
  returnCount: number;
  /** Distinct unit codes that returned the order, in the order they first did. */
  returnUnits: string[];
  reworkCount: number;
  /** Approved extension working days, in total. */
  extensionDays: number;
  /** An extension asked and not yet answered (only ever while handling). */
  pendingExtension: PendingExtension | null;
  /** The latest evaluation (an unsatisfied one stays until the next feedback). */
  satisfaction: Satisfaction | null;
  /** Requested (closure_requested) or approved (closed) closure type; null otherwise. */
  closureReason: ClosureReason | null;
  repeatOf: string | null;
  remindCount: number;
  superviseCount: number;
  /** The highest supervision level recorded so far (null: never supervised). */
  superviseLevel: SuperviseLevel | null;
  /** The lead unit's latest reply. */
  repliedAt: string | null;
  /** The pending (or approved) closure request. */
  closureRequestedAt: string | null;
  /** The latest accepted reply (review accept). */
  answeredAt: string | null;
  closedAt: string | null;
  /**
   * The time of the last event that changed the order (every event except remind, supervise and
   * co_reply): no action may be dated before it.
   */
  lastChangeAt: string;
}

type CommandBody =
  | {
      action: 'register';
      order: OrderInput;
      repeatOf?: string | null;
      /** Normally omitted: computed from the order (replyDue). ISO time. */
      dueAt?: string;
    }
  | {
      /** The city sent the order again with changes (import). */
      action: 'update';
      /** field → [old, new], as the importer found them; must not be empty. */
      changes: Record<string, [unknown, unknown]>;
      /** The order's values after the change (what the deadline is computed from). */
      order: Pick<OrderInput, 'receivedAt' | 'type' | 'urgency' | 'deadline'>;
    }
  | { action: 'dispatch'; to: string; co?: string[]; auto?: boolean; ruleId?: number | null }
  | { action: 'sign'; unit?: string }
  | { action: 'return'; reason: string; unit?: string }
  | { action: 'extend_request'; days: number; reason: string }
  | { action: 'extend_approve' }
  | { action: 'extend_deny'; reason?: string }
  | { action: 'reply'; content: string; result: ReplyResult; handler: string; signedBy: string; unit?: string }
  | { action: 'review_accept' }
  | { action: 'review_reject'; reason: string }
  | { action: 'feedback'; satisfaction: Satisfaction }
  | { action: 'closure_request'; reason: ClosureReason; explanation: string }
  | { action: 'closure_approve' }
  | { action: 'closure_deny'; reason?: string }
  | { action: 'remind'; kind: RemindKind }
  | { action: 'supervise'; level: SuperviseLevel }
  | { action: 'meeting'; meetingId: number; date: string; attendees: string; decision: string; leadUnit: string };

/** One command per action; `note` is a free remark kept on the event. */
export type Command = CommandBody & { note?: string | null };
export type CommandAction = Command['action'];

export interface DecideContext {
  /** When it happened (`--at`, else now): every time rule is judged at this instant. */
  at: Date;
  /** When it is recorded (now). */
  recordedAt: Date;
  actor: string;
  settings: Settings;
  calendar: WorkCalendar;
  /** Known unit codes; when given, an unknown unit is refused. */
  units?: ReadonlySet<string>;
}

/** Events that record something without changing what the rules depend on. */
const QUIET_ACTIONS: ReadonlySet<Action> = new Set<Action>(['remind', 'supervise', 'co_reply']);
const OPEN: readonly OrderStatus[] = ['pending', 'dispatched', 'handling', 'replied', 'answered', 'closure_requested'];
const CO_REPLY_STATUSES: readonly OrderStatus[] = ['dispatched', 'handling', 'replied'];

function ms(iso: string): number {
  return Date.parse(iso);
}

function blank(s: string | null | undefined): boolean {
  return s === undefined || s === null || s.trim() === '';
}

function parseIso(value: string, field: string): Date {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) throw new Refusal('lifecycle.badTime', { field, value: String(value) });
  return new Date(t);
}

/**
 * The event for a command on an order, or a Refusal:
 * - lifecycle.notRegistered {action}: a command other than register on no order
 * - lifecycle.alreadyRegistered {no}
 * - lifecycle.wrongStatus {no, action, status}: the move does not fit the status
 * - lifecycle.atInFuture {no, at, now}: `at` after the time of recording
 * - lifecycle.backdated {no, at, last}: `at` before the order's last change
 * - lifecycle.unknownUnit {unit}: a unit not in ctx.units
 * - lifecycle.sameUnit {no, unit}: re-dispatch to the current lead
 * - lifecycle.coIsLead {unit}: a co-unit that is also the lead
 * - lifecycle.notLead {no, action, unit, lead}: sign/return by a unit other than the lead
 * - lifecycle.notLeadOrCo {no, unit}: reply by a unit that is neither lead nor co-unit
 * - lifecycle.returnWindowClosed {no, at, until}
 * - lifecycle.reasonRequired {no, action}; lifecycle.fieldRequired {no, action, field}
 * - lifecycle.extensionPending {no, days, at}; lifecycle.noPendingExtension {no}
 * - calendar.extension.badDays | tooLate | overCap (from deadlines.extensionAllowed, plus {no})
 * - lifecycle.badType | badUrgency | badResult | badSatisfaction | badClosureReason | badRemindKind |
 *   badSuperviseLevel {value, allowed}; lifecycle.badTime {field, value}; lifecycle.noChanges {no}
 */
export function decide(state: OrderState | null, cmd: Command, ctx: DecideContext): OrderEvent {
  if (cmd.action === 'register') {
    if (state) throw new Refusal('lifecycle.alreadyRegistered', { no: state.no });
    return register(cmd, ctx);
  }
  if (!state) throw new Refusal('lifecycle.notRegistered', { action: cmd.action });

  const s = ctx.settings;
  const cal = ctx.calendar;
  const no = state.no;
  const atIso = formatTime(ctx.at);
  const at = new Date(ms(atIso)); // whole seconds, as stored
  if (at.getTime() > Math.floor(ctx.recordedAt.getTime() / 1000) * 1000)
    throw new Refusal('lifecycle.atInFuture', { no, at: atIso, now: formatTime(ctx.recordedAt) });
  if (at.getTime() < ms(state.lastChangeAt)) throw new Refusal('lifecycle.backdated', { no, at: atIso, last: state.lastChangeAt });

  const need = (action: string, ...allowed: OrderStatus[]): void => {
    if (!allowed.includes(state.status)) throw new Refusal('lifecycle.wrongStatus', { no, action, status: state.status });
  };
  const known = (unit: string): void => {
    if (ctx.units && !ctx.units.has(unit)) throw new Refusal('lifecycle.unknownUnit', { unit });
  };
  const reason = (action: string, text: string | null | undefined): string => {
    if (blank(text)) throw new Refusal('lifecycle.reasonRequired', { no, action });
    return text!.trim();
  };
  const field = (action: string, name: string, text: string | null | undefined): string => {
    if (blank(text)) throw new Refusal('lifecycle.fieldRequired', { no, action, field: name });
    return text!.trim();
  };
  const oneOf = <T extends string>(code: string, value: T, allowed: readonly T[]): T => {
    if (!allowed.includes(value)) throw new Refusal(code, { value: String(value), allowed: allowed.join(', ') });
    return value;
  };
  const event = (
    action: Action,
    toStatus: OrderStatus,
    unit: string | null,
    data: EventData,
    note: string | null = null,
  ): OrderEvent => ({
    orderNo: no,
    action,
    fromStatus: state.status,
    toStatus,
    unit,
    actor: ctx.actor,
    occurredAt: atIso,
    recordedAt: formatTime(ctx.recordedAt),
    note: blank(cmd.note) ? note : cmd.note!.trim(),
    data,
  });
  const actingUnit = (action: string, given: string | undefined): string => {
    if (given !== undefined) known(given);
    const lead = state.leadUnit;
    if (given !== undefined && given !== lead)
      throw new Refusal('lifecycle.notLead', { no, action, unit: given, lead: lead ?? '' });
    return lead!;
  };

  switch (cmd.action) {
    case 'update': {
      const changed = Object.keys(cmd.changes);
      if (changed.length === 0) throw new Refusal('lifecycle.noChanges', { no });
      const data: EventData = { changes: cmd.changes, flagged: state.status !== 'pending' };
      const o = cmd.order;
      const receivedAt = formatTime(parseIso(o.receivedAt, 'receivedAt'));
      const type = oneOf('lifecycle.badType', o.type, ORDER_TYPES);
      const urgency = oneOf('lifecycle.badUrgency', o.urgency, URGENCIES);
      if (changed.includes('receivedAt')) data.receivedAt = receivedAt;
      if (changed.includes('type')) data.type = type;
      if (changed.includes('urgency')) data.urgency = urgency;
      const timing = ['receivedAt', 'type', 'urgency', 'deadline'].some((k) => changed.includes(k));
      // The deadline follows the city's data until the office itself moved it (extension, rework).
      if (timing && state.extensionDays === 0 && state.reworkCount === 0 && state.status !== 'closed') {
        const due = formatTime(dueFromInput({ receivedAt, type, urgency, deadline: o.deadline ?? null }, s, cal));
        if (due !== state.dueAt) {
          data.dueAt = due;
          data.previousDueAt = state.dueAt;
        }
      }
      return event('update', state.status, null, data);
    }

    case 'dispatch': {
      need('dispatch', 'pending', 'dispatched', 'handling');
      const to = field('dispatch', 'to', cmd.to);
      known(to);
      const redispatch = state.status !== 'pending';
      if (redispatch && to === state.leadUnit) throw new Refusal('lifecycle.sameUnit', { no, unit: to });
      const co = [...new Set((cmd.co ?? []).map((c) => c.trim()).filter((c) => c !== ''))];
      for (const c of co) {
        known(c);
        if (c === to) throw new Refusal('lifecycle.coIsLead', { unit: c });
      }
      const data: EventData = {
        leadUnit: to,
        coUnits: co,
        signDueAt: formatTime(signDue(at, state.urgency, s, cal)),
        returnUntil: formatTime(returnUntil(at, s, cal)),
        redispatch,
        auto: cmd.auto ?? false,
        ruleId: cmd.ruleId ?? null,
      };
      return event('dispatch', 'dispatched', to, data);
    }

    case 'sign': {
      need('sign', 'dispatched');
      const unit = actingUnit('sign', cmd.unit);
      return event('sign', 'handling', unit, { late: state.signDueAt !== null && at.getTime() > ms(state.signDueAt) });
    }

    case 'return': {
      need('return', 'dispatched', 'handling');
      const unit = actingUnit('return', cmd.unit);
      const why = reason('return', cmd.reason);
      if (state.returnUntil !== null && at.getTime() > ms(state.returnUntil))
        throw new Refusal('lifecycle.returnWindowClosed', { no, at: atIso, until: state.returnUntil });
      return event('return', 'pending', unit, { reason: why }, why);
    }

    case 'extend_request': {
      need('extend_request', 'handling');
      if (state.pendingExtension)
        throw new Refusal('lifecycle.extensionPending', { no, days: state.pendingExtension.days, at: state.pendingExtension.at });
      const why = reason('extend_request', cmd.reason);
      const v = extensionAllowed({ dueAt: new Date(ms(state.dueAt)), extensionDays: state.extensionDays }, at, cmd.days, s);
      if (!v.ok) throw new Refusal(v.code, { no, ...v.params });
      return event('extend_request', 'handling', state.leadUnit, { days: cmd.days, reason: why }, why);
    }

    case 'extend_approve': {
      need('extend_approve', 'handling');
      const p = state.pendingExtension;
      if (!p) throw new Refusal('lifecycle.noPendingExtension', { no });
      const max = s.extensionMaxWorkdays;
      if (state.extensionDays + p.days > max) {
        const params: MessageParams = { no, days: p.days, used: state.extensionDays, max, left: Math.max(0, max - state.extensionDays) };
        throw new Refusal('calendar.extension.overCap', params);
      }
      const dueAt = formatTime(extendedDue(new Date(ms(state.dueAt)), p.days, s, cal));
      return event('extend_approve', 'handling', state.leadUnit, { days: p.days, dueAt, previousDueAt: state.dueAt });
    }

    case 'extend_deny': {
      need('extend_deny', 'handling');
      const p = state.pendingExtension;
      if (!p) throw new Refusal('lifecycle.noPendingExtension', { no });
      const data: EventData = { days: p.days };
      if (!blank(cmd.reason)) data.reason = cmd.reason!.trim();
      return event('extend_deny', 'handling', state.leadUnit, data, data.reason ?? null);
    }

    case 'reply': {
      const unit = cmd.unit ?? state.leadUnit;
      if (cmd.unit !== undefined) known(cmd.unit);
      const isLead = unit !== null && unit === state.leadUnit;
      const isCo = !isLead && unit !== null && state.coUnits.includes(unit);
      if (isCo) need('co_reply', ...CO_REPLY_STATUSES);
      else need('reply', 'handling');
      if (!isLead && !isCo) throw new Refusal('lifecycle.notLeadOrCo', { no, unit: unit ?? '' });
      const action = isLead ? 'reply' : 'co_reply';
      const data: EventData = {
        content: field(action, 'content', cmd.content),
        result: oneOf('lifecycle.badResult', cmd.result, REPLY_RESULTS),
        handler: field(action, 'handler', cmd.handler),
        signedBy: field(action, 'signedBy', cmd.signedBy),
      };
      if (isLead) data.late = at.getTime() > ms(state.dueAt);
      return event(action, isLead ? 'replied' : state.status, unit, data);
    }

    case 'review_accept': {
      need('review_accept', 'replied');
      const late = state.repliedAt !== null && ms(state.repliedAt) > ms(state.dueAt);
      return event('review_accept', 'answered', state.leadUnit, { late });
    }

    case 'review_reject': {
      need('review_reject', 'replied');
      const why = reason('review_reject', cmd.reason);
      return event('review_reject', 'handling', state.leadUnit, { reason: why }, why);
    }

    case 'feedback': {
      need('feedback', 'answered');
      const satisfaction = oneOf('lifecycle.badSatisfaction', cmd.satisfaction, SATISFACTIONS);
      if (satisfaction !== 'unsatisfied') return event('feedback', 'closed', state.leadUnit, { satisfaction, rework: false });
      const dueAt = formatTime(reworkDue(at, state.type, state.urgency, s, cal));
      return event('feedback', 'handling', state.leadUnit, { satisfaction, rework: true, dueAt, previousDueAt: state.dueAt });
    }

    case 'closure_request': {
      need('closure_request', 'handling');
      if (blank(cmd.reason)) throw new Refusal('lifecycle.reasonRequired', { no, action: 'closure_request' });
      const closureReason = oneOf('lifecycle.badClosureReason', cmd.reason, CLOSURE_REASONS);
      const explanation = field('closure_request', 'explanation', cmd.explanation);
      const late = at.getTime() > ms(state.dueAt);
      return event('closure_request', 'closure_requested', state.leadUnit, { closureReason, explanation, late }, explanation);
    }

    case 'closure_approve': {
      need('closure_approve', 'closure_requested');
      const late = state.closureRequestedAt !== null && ms(state.closureRequestedAt) > ms(state.dueAt);
      const data: EventData = { late };
      if (state.closureReason) data.closureReason = state.closureReason;
      return event('closure_approve', 'closed', state.leadUnit, data);
    }

    case 'closure_deny': {
      need('closure_deny', 'closure_requested');
      const data: EventData = {};
      if (!blank(cmd.reason)) data.reason = cmd.reason!.trim();
      return event('closure_deny', 'handling', state.leadUnit, data, data.reason ?? null);
    }

    case 'remind': {
      need('remind', ...OPEN);
      const kind = oneOf('lifecycle.badRemindKind', cmd.kind, REMIND_KINDS);
      return event('remind', state.status, state.leadUnit, { kind });
    }

    case 'supervise': {
      need('supervise', ...OPEN);
      const level = oneOf('lifecycle.badSuperviseLevel', cmd.level, SUPERVISE_LEVELS);
      return event('supervise', state.status, state.leadUnit, { level });
    }

    case 'meeting': {
      need('meeting', ...OPEN);
      const lead = field('meeting', 'leadUnit', cmd.leadUnit);
      known(lead);
      const data: EventData = { meetingId: cmd.meetingId, date: cmd.date, attendees: cmd.attendees, decision: cmd.decision, leadUnit: lead };
      return event('meeting', state.status, lead, data, blank(cmd.decision) ? null : cmd.decision.trim());
    }
  }
}

function dueFromInput(
  o: { receivedAt: string; type: OrderType; urgency: Urgency; deadline: string | null },
  s: Settings,
  cal: WorkCalendar,
): Date {
  let cityDeadline: Date | null = null;
  if (!blank(o.deadline)) {
    cityDeadline = cityDeadlineFromInput(o.deadline!, s);
    if (!cityDeadline) throw new Refusal('lifecycle.badTime', { field: 'deadline', value: o.deadline! });
  }
  return replyDue({ receivedAt: new Date(ms(o.receivedAt)), type: o.type, urgency: o.urgency, cityDeadline }, s, cal);
}

/** Registration: the event happens at the order's receivedAt (ctx.at is not used); recordedAt is now. */
function register(cmd: Extract<Command, { action: 'register' }>, ctx: DecideContext): OrderEvent {
  const o = cmd.order;
  if (blank(o.no)) throw new Refusal('lifecycle.fieldRequired', { no: '', action: 'register', field: 'no' });
  if (!(ORDER_TYPES as readonly string[]).includes(o.type))
    throw new Refusal('lifecycle.badType', { value: String(o.type), allowed: ORDER_TYPES.join(', ') });
  if (!(URGENCIES as readonly string[]).includes(o.urgency))
    throw new Refusal('lifecycle.badUrgency', { value: String(o.urgency), allowed: URGENCIES.join(', ') });
  const receivedAt = formatTime(parseIso(o.receivedAt, 'receivedAt'));
  const dueAt =
    cmd.dueAt !== undefined
      ? formatTime(parseIso(cmd.dueAt, 'dueAt'))
      : formatTime(dueFromInput({ receivedAt, type: o.type, urgency: o.urgency, deadline: o.deadline ?? null }, ctx.settings, ctx.calendar));
  return {
    orderNo: o.no.trim(),
    action: 'register',
    fromStatus: null,
    toStatus: 'pending',
    unit: null,
    actor: ctx.actor,
    occurredAt: receivedAt,
    recordedAt: formatTime(ctx.recordedAt),
    note: blank(cmd.note) ? null : cmd.note!.trim(),
    data: { receivedAt, type: o.type, urgency: o.urgency, dueAt, repeatOf: cmd.repeatOf ?? null },
  };
}

/** Applies a recorded event: no rule checks, deterministic. Throws Error on a log that cannot be (no register first). */
export function evolve(state: OrderState | null, e: OrderEvent): OrderState {
  const d = e.data;
  if (e.action === 'register') {
    if (state) throw new Error(`order ${e.orderNo}: register on an existing order`);
    return {
      no: e.orderNo,
      status: e.toStatus,
      type: d.type!,
      urgency: d.urgency!,
      receivedAt: d.receivedAt ?? e.occurredAt,
      dueAt: d.dueAt!,
      leadUnit: null,
      coUnits: [],
      dispatchedAt: null,
      firstDispatchedAt: null,
      signDueAt: null,
      returnUntil: null,
      signedAt: null,
      returnCount: 0,
      returnUnits: [],
      reworkCount: 0,
      extensionDays: 0,
      pendingExtension: null,
      satisfaction: null,
      closureReason: null,
      repeatOf: d.repeatOf ?? null,
      remindCount: 0,
      superviseCount: 0,
      superviseLevel: null,
      repliedAt: null,
      closureRequestedAt: null,
      answeredAt: null,
      closedAt: null,
      lastChangeAt: e.occurredAt,
    };
  }
  if (!state) throw new Error(`order ${e.orderNo}: ${e.action} before register`);
  const n: OrderState = { ...state, coUnits: [...state.coUnits], returnUnits: [...state.returnUnits], status: e.toStatus };
  if (!QUIET_ACTIONS.has(e.action)) n.lastChangeAt = e.occurredAt;
  switch (e.action) {
    case 'update':
      if (d.receivedAt !== undefined) n.receivedAt = d.receivedAt;
      if (d.type !== undefined) n.type = d.type;
      if (d.urgency !== undefined) n.urgency = d.urgency;
      if (d.dueAt !== undefined) n.dueAt = d.dueAt;
      if (d.repeatOf !== undefined) n.repeatOf = d.repeatOf;
      break;
    case 'dispatch':
      n.leadUnit = d.leadUnit ?? e.unit;
      n.coUnits = [...(d.coUnits ?? [])];
      n.dispatchedAt = e.occurredAt;
      n.firstDispatchedAt ??= e.occurredAt;
      n.signDueAt = d.signDueAt ?? null;
      n.returnUntil = d.returnUntil ?? null;
      n.signedAt = null;
      break;
    case 'sign':
      n.signedAt = e.occurredAt;
      break;
    case 'return':
      n.returnCount += 1;
      if (e.unit !== null && !n.returnUnits.includes(e.unit)) n.returnUnits.push(e.unit);
      n.leadUnit = null;
      n.coUnits = [];
      n.dispatchedAt = null;
      n.signDueAt = null;
      n.returnUntil = null;
      n.signedAt = null;
      break;
    case 'extend_request':
      n.pendingExtension = { days: d.days ?? 0, reason: d.reason ?? '', at: e.occurredAt };
      break;
    case 'extend_approve':
      n.extensionDays += d.days ?? 0;
      if (d.dueAt !== undefined) n.dueAt = d.dueAt;
      n.pendingExtension = null;
      break;
    case 'extend_deny':
      n.pendingExtension = null;
      break;
    case 'reply':
      n.repliedAt = e.occurredAt;
      break;
    case 'review_accept':
      n.answeredAt = e.occurredAt;
      break;
    case 'feedback':
      n.satisfaction = d.satisfaction ?? null;
      if (d.rework) {
        n.reworkCount += 1;
        if (d.dueAt !== undefined) n.dueAt = d.dueAt;
      }
      break;
    case 'closure_request':
      n.closureReason = d.closureReason ?? null;
      n.closureRequestedAt = e.occurredAt;
      break;
    case 'closure_approve':
      if (d.closureReason !== undefined) n.closureReason = d.closureReason;
      break;
    case 'closure_deny':
      n.closureReason = null;
      n.closureRequestedAt = null;
      break;
    case 'remind':
      n.remindCount += 1;
      break;
    case 'supervise':
      n.superviseCount += 1;
      if (d.level === 'key' || n.superviseLevel === null) n.superviseLevel = d.level ?? 'normal';
      break;
    case 'meeting':
      if (d.leadUnit !== undefined) {
        n.leadUnit = d.leadUnit;
        n.coUnits = n.coUnits.filter((c) => c !== d.leadUnit);
      }
      break;
    case 'co_reply':
    case 'review_reject':
      break;
  }
  if (n.status !== 'handling') n.pendingExtension = null;
  if (n.status === 'closed' && state.status !== 'closed') n.closedAt = e.occurredAt;
  return n;
}

/** The state after a whole log (in log order). Throws Error on an empty log. */
export function replay(events: readonly OrderEvent[]): OrderState {
  let state: OrderState | null = null;
  for (const e of events) state = evolve(state, e);
  if (!state) throw new Error('replay: no events');
  return state;
}

/**
 * The state as the log stood at `asOf` (`--as-of`): events that happened later are ignored.
 * Null when the order was not yet registered then.
 */
export function stateAsOf(events: readonly OrderEvent[], asOf: Date): OrderState | null {
  const t = asOf.getTime();
  let state: OrderState | null = null;
  for (const e of events) if (ms(e.occurredAt) <= t) state = evolve(state, e);
  return state;
}

/** decide then evolve: the event and the state after it. */
export function apply(state: OrderState | null, cmd: Command, ctx: DecideContext): { event: OrderEvent; state: OrderState } {
  const event = decide(state, cmd, ctx);
  return { event, state: evolve(state, event) };
}

/** 推诿 candidate: returned twice, or by two different units. */
export function isTuiCandidate(state: Pick<OrderState, 'returnCount' | 'returnUnits'>): boolean {
  return state.returnCount >= 2 || state.returnUnits.length >= 2;
}

/** The overdue clock runs (pending, dispatched, handling): the unit has not submitted an answer. */
export function overdueClockRunning(state: Pick<OrderState, 'status'>): boolean {
  return CLOCK_RUNNING.includes(state.status);
}

/** Overdue at `asOf`: the clock runs and dueAt has passed (the last second of dueAt still counts as on time). */
export function isOverdue(state: Pick<OrderState, 'status' | 'dueAt'>, asOf: Date): boolean {
  return overdueClockRunning(state) && asOf.getTime() > ms(state.dueAt);
}

/** Open: anything but closed (reminders, supervision and meetings are allowed). */
export function isOpen(state: Pick<OrderState, 'status'>): boolean {
  return state.status !== 'closed';
}
