// The order's life (the state machine, DOMAIN.md), as decide + ONE fold:
// - decide(state, command, ctx) checks the rules at the time the action happened (ctx.at, `--at`)
//   and returns the event(s) it produces, or throws Refusal(code, params). One handler per action.
// - evolve(state, event) is the one fold step: no rule checks, every computed value is in the event.
//   It yields the state the rules need AND the timeline facts every figure is computed from
//   (dispatches with their sign / contact / end, returns with their review, submissions with their
//   outcome, callbacks, reworks, extensions, reminders, supervisions). `replay` folds a whole log;
//   `stateAsOf` folds the events that happened by an as-of time. Nothing else replays a log.
// Pure logic: no I/O, no clock, no text (refusals carry message keys; see src/i18n/lifecycle.ts).
import type { WorkCalendar } from './calendar.js';
import {
  cityDeadlineFromInput,
  contactDue,
  extendedDue,
  extensionAllowed,
  partDue,
  replyDue,
  returnUntil,
  reworkDue,
  signDue,
} from './deadlines.js';
import { Refusal, type MessageParams } from './errors.js';
import {
  QUIET_ACTIONS,
  REMIND_KINDS,
  SUPERVISE_LEVELS,
  unreachable,
  type Action,
  type EventDataMap,
  type EventOf,
  type OrderEvent,
  type Part,
  type RemindKind,
  type SuperviseLevel,
} from './events.js';
import {
  CLOSURE_REASONS,
  OPEN_STATUSES,
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
import { formatTime, timeMs } from './time.js';

export { REMIND_KINDS, SUPERVISE_LEVELS, type RemindKind, type SuperviseLevel } from './events.js';

export interface PendingExtension {
  days: number;
  reason: string;
  /** When it was asked (ISO +08:00). */
  at: string;
}

// ---------------------------------------------------------------------------------------------
// The timeline facts (what every figure is computed from)

/** One dispatch of the order to a unit: the lead's, a co-unit's, or a community's (pass-down). */
export interface DispatchFact {
  unit: string;
  part: Part;
  at: string;
  signDueAt: string;
  /** Null in logs written before first contact was recorded. */
  contactDueAt: string | null;
  signedAt: string | null;
  contactedAt: string | null;
  /** When the dispatch ended without the unit keeping the order (re-dispatch, approved or direct return); null while it stands. */
  endedAt: string | null;
}

export interface ReturnFact {
  unit: string;
  at: string;
  /** direct: return review off (or an old log); pending: waiting for the office. */
  review: 'direct' | 'pending' | 'approved' | 'denied';
  decidedAt: string | null;
}

/** The lead's (or the office's direct) answer: a reply or a closure request, and what became of it. */
export interface SubmissionFact {
  kind: 'reply' | 'closure';
  unit: string | null;
  at: string;
  /** The dueAt in force when it was submitted. */
  dueAt: string;
  outcome: 'pending' | 'accepted' | 'rejected' | 'approved' | 'denied';
  byOffice: boolean;
  /** Rework cycle it belongs to (reworkCount when submitted). */
  cycle: number;
}

export interface CallbackFact {
  at: string;
  unit: string | null;
  satisfaction: Satisfaction;
  contacted: boolean | null;
  solved: boolean | null;
}

export interface MarkFact {
  at: string;
  unit: string | null;
}

export interface PartReply {
  unit: string;
  part: Part;
  at: string;
  content: string;
  result: ReplyResult;
  handler: string;
  signedBy: string;
  late: boolean;
}

export interface Timeline {
  dispatches: DispatchFact[];
  returns: ReturnFact[];
  submissions: SubmissionFact[];
  callbacks: CallbackFact[];
  reworks: MarkFact[];
  /** Approved extensions. */
  extensions: (MarkFact & { days: number })[];
  reminders: (MarkFact & { kind: RemindKind })[];
  supervisions: (MarkFact & { level: SuperviseLevel })[];
  /** Co-units' and communities' parts (the lead's reply is a submission). */
  parts: PartReply[];
}

/**
 * Everything the rules and the figures need about one order. Times are ISO 8601 strings with
 * +08:00 (formatTime), so the state is JSON-serializable (the store keeps it whole).
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
  /** The community a town passed the order down to (the town stays the lead). */
  community: string | null;
  /** The current dispatch (null while pending). */
  dispatchedAt: string | null;
  /** The first dispatch ever (for "dispatched same day"); kept across returns. */
  firstDispatchedAt: string | null;
  /** Sign limit, first-contact limit and return window of the current lead dispatch. */
  signDueAt: string | null;
  contactDueAt: string | null;
  returnUntil: string | null;
  /** When the current lead dispatch was signed. */
  signedAt: string | null;
  /** The status a return request came from (where a denied return goes back to). */
  statusBeforeReturn: OrderStatus | null;
  /** Return requests (whatever the review said). */
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
  /** The time of the last event that changed the order: no action may be dated before it. */
  lastChangeAt: string;
  timeline: Timeline;
}

// ---------------------------------------------------------------------------------------------
// Commands

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
      repeatOf?: string | null;
    }
  | { action: 'dispatch'; to: string; co?: string[]; auto?: boolean; ruleId?: number | null; meetingId?: number }
  | { action: 'pass_down'; community: string; town?: string }
  | { action: 'sign'; unit?: string }
  | { action: 'contact'; unit?: string }
  | { action: 'return'; reason: string; unit?: string }
  | { action: 'return_approve'; reason?: string }
  | { action: 'return_deny'; reason?: string }
  | { action: 'extend_request'; days: number; reason: string }
  | { action: 'extend_approve' }
  | { action: 'extend_deny'; reason?: string }
  | {
      action: 'reply';
      content: string;
      result: ReplyResult;
      handler: string;
      signedBy: string;
      unit?: string;
      /** 直接答复: the office answers a pending 咨询 from the knowledge base. */
      byOffice?: boolean;
      kbId?: number;
    }
  | { action: 'review_accept' }
  | { action: 'review_reject'; reason: string }
  | { action: 'feedback'; satisfaction: Satisfaction; contacted?: boolean | null; solved?: boolean | null }
  | { action: 'closure_request'; reason: ClosureReason; explanation: string }
  | { action: 'closure_approve' }
  | { action: 'closure_deny'; reason?: string }
  | { action: 'remind'; kind: RemindKind }
  | { action: 'supervise'; level: SuperviseLevel }
  | { action: 'meeting'; meetingId: number; date: string; attendees: string; decision: string; leadUnit: string };

/** One command per action; `note` is a free remark kept on the event. */
export type Command = CommandBody & { note?: string | null };
export type CommandAction = Command['action'];

/** What the rules need to know about a unit of the directory. */
export interface UnitRef {
  kind: string;
  parent: string | null;
  /** Who may sign its replies (签批): leader, deputy and the signers the office registered. Empty: not checked. */
  signers: readonly string[];
}

export interface DecideContext {
  /** When it happened (`--at`, else now): every time rule is judged at this instant. */
  at: Date;
  /** When it is recorded (now). */
  recordedAt: Date;
  actor: string;
  settings: Settings;
  calendar: WorkCalendar;
  /** The directory; when given, an unknown unit is refused and signers are checked. */
  units?: ReadonlyMap<string, UnitRef>;
}

/** Where the office may (re-)dispatch an order from: a meeting's lead takes it only from these too. */
const DISPATCHABLE = ['pending', 'dispatched', 'handling'] as const satisfies readonly OrderStatus[];

function blank(s: string | null | undefined): boolean {
  return s === undefined || s === null || s.trim() === '';
}

function parseIso(value: string, field: string): Date {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) throw new Refusal('lifecycle.badTime', { field, value: String(value) });
  return new Date(t);
}

/**
 * The events for a command on an order, or a Refusal (codes: see RefusalCode in src/i18n/lifecycle.ts).
 * Usually one event; a meeting that names a new lead adds the dispatch it decides.
 */
export function decide(state: OrderState | null, cmd: Command, ctx: DecideContext): OrderEvent[] {
  if (cmd.action === 'register') {
    if (state) throw new Refusal('lifecycle.alreadyRegistered', { no: state.no });
    return [register(cmd, ctx)];
  }
  if (!state) throw new Refusal('lifecycle.notRegistered', { action: cmd.action });
  return new Decision(state, cmd, ctx).run();
}

/** One decision: the checks every handler shares, and one handler per action. */
class Decision {
  private readonly s: Settings;
  private readonly cal: WorkCalendar;
  private readonly no: string;
  private readonly atIso: string;
  private readonly at: Date;

  constructor(
    private readonly state: OrderState,
    private readonly cmd: Exclude<Command, { action: 'register' }>,
    private readonly ctx: DecideContext,
  ) {
    this.s = ctx.settings;
    this.cal = ctx.calendar;
    this.no = state.no;
    this.atIso = formatTime(ctx.at);
    this.at = new Date(timeMs(this.atIso)); // whole seconds, as stored
    if (this.at.getTime() > Math.floor(ctx.recordedAt.getTime() / 1000) * 1000)
      throw new Refusal('lifecycle.atInFuture', { no: this.no, at: this.atIso, now: formatTime(ctx.recordedAt) });
    if (this.at.getTime() < timeMs(state.lastChangeAt))
      throw new Refusal('lifecycle.backdated', { no: this.no, at: this.atIso, last: state.lastChangeAt });
  }

  run(): OrderEvent[] {
    const c = this.cmd;
    switch (c.action) {
      case 'update':
        return [this.update(c)];
      case 'dispatch':
        return [this.dispatch(c)];
      case 'pass_down':
        return [this.passDown(c)];
      case 'sign':
        return [this.sign(c)];
      case 'contact':
        return [this.contact(c)];
      case 'return':
        return [this.returnRequest(c)];
      case 'return_approve':
      case 'return_deny':
        return [this.returnDecision(c)];
      case 'extend_request':
        return [this.extendRequest(c)];
      case 'extend_approve':
        return [this.extendApprove()];
      case 'extend_deny':
        return [this.extendDeny(c)];
      case 'reply':
        return [this.reply(c)];
      case 'review_accept':
        return [this.reviewAccept()];
      case 'review_reject':
        return [this.reviewReject(c)];
      case 'feedback':
        return [this.feedback(c)];
      case 'closure_request':
        return [this.closureRequest(c)];
      case 'closure_approve':
        return [this.closureApprove()];
      case 'closure_deny':
        return [this.closureDeny(c)];
      case 'remind':
        this.need('remind', ...OPEN_STATUSES);
        return [this.event('remind', this.state.status, this.state.leadUnit, { kind: this.oneOf('lifecycle.badRemindKind', c.kind, REMIND_KINDS) })];
      case 'supervise':
        this.need('supervise', ...OPEN_STATUSES);
        return [this.event('supervise', this.state.status, this.state.leadUnit, { level: this.oneOf('lifecycle.badSuperviseLevel', c.level, SUPERVISE_LEVELS) })];
      case 'meeting':
        return this.meeting(c);
      default:
        return unreachable(c);
    }
  }

  // ---- shared checks ----

  private need(action: string, ...allowed: readonly OrderStatus[]): void {
    if (!allowed.includes(this.state.status)) throw new Refusal('lifecycle.wrongStatus', { no: this.no, action, status: this.state.status });
  }
  private known(unit: string): UnitRef | undefined {
    const u = this.ctx.units?.get(unit);
    if (this.ctx.units && !u) throw new Refusal('lifecycle.unknownUnit', { unit });
    return u;
  }
  private reason(action: string, text: string | null | undefined): string {
    if (blank(text)) throw new Refusal('lifecycle.reasonRequired', { no: this.no, action });
    return text!.trim();
  }
  private field(action: string, name: string, text: string | null | undefined): string {
    if (blank(text)) throw new Refusal('lifecycle.fieldRequired', { no: this.no, action, field: name });
    return text!.trim();
  }
  private oneOf<T extends string>(code: string, value: T, allowed: readonly T[]): T {
    if (!allowed.includes(value)) throw new Refusal(code, { value: String(value), allowed: allowed.join(', ') });
    return value;
  }
  private event<A extends Action>(action: A, toStatus: OrderStatus, unit: string | null, data: EventDataMap[A], note: string | null = null): EventOf<A> {
    return {
      orderNo: this.no,
      action,
      fromStatus: this.state.status,
      toStatus,
      unit,
      actor: this.ctx.actor,
      occurredAt: this.atIso,
      recordedAt: formatTime(this.ctx.recordedAt),
      note: blank(this.cmd.note) ? note : this.cmd.note!.trim(),
      data,
    };
  }
  private late(limit: string | null): boolean {
    return limit !== null && this.at.getTime() > timeMs(limit);
  }
  /** Which part a unit plays: the lead, a co-unit, or the community the town passed the order to. */
  private partOf(unit: string): Part | null {
    if (unit === this.state.leadUnit) return 'lead';
    if (this.state.coUnits.includes(unit)) return 'co';
    if (unit === this.state.community) return 'community';
    return null;
  }
  private leadOnly(action: string, given: string | undefined): string {
    if (given !== undefined) this.known(given);
    const lead = this.state.leadUnit;
    if (given !== undefined && given !== lead) throw new Refusal('lifecycle.notLead', { no: this.no, action, unit: given, lead: lead ?? '' });
    return lead!;
  }
  private partDispatch(unit: string): DispatchFact | undefined {
    const ds = this.state.timeline.dispatches;
    for (let i = ds.length - 1; i >= 0; i--) if (ds[i]!.unit === unit && ds[i]!.endedAt === null) return ds[i];
    return undefined;
  }
  /** 签批: the signer must be on record for the unit (leader, deputy, registered signers). */
  private checkSigner(unit: string | null, signedBy: string): void {
    if (unit === null) return;
    const u = this.ctx.units?.get(unit);
    if (!u || u.signers.length === 0) return;
    if (!u.signers.includes(signedBy)) throw new Refusal('lifecycle.badSigner', { no: this.no, unit, signedBy, allowed: u.signers.join('、') });
  }

  // ---- handlers ----

  private update(c: Extract<Command, { action: 'update' }>): OrderEvent {
    const st = this.state;
    const changed = Object.keys(c.changes);
    if (changed.length === 0) throw new Refusal('lifecycle.noChanges', { no: this.no });
    const data: EventDataMap['update'] = { changes: c.changes, flagged: st.status !== 'pending' };
    const o = c.order;
    const receivedAt = formatTime(parseIso(o.receivedAt, 'receivedAt'));
    const type = this.oneOf('lifecycle.badType', o.type, ORDER_TYPES);
    const urgency = this.oneOf('lifecycle.badUrgency', o.urgency, URGENCIES);
    if (changed.includes('receivedAt')) data.receivedAt = receivedAt;
    if (changed.includes('type')) data.type = type;
    if (changed.includes('urgency')) data.urgency = urgency;
    if (c.repeatOf !== undefined) data.repeatOf = c.repeatOf;
    const timing = ['receivedAt', 'type', 'urgency', 'deadline'].some((k) => changed.includes(k));
    // The deadline follows the city's data until the office itself moved it (extension, rework).
    if (timing && st.extensionDays === 0 && st.reworkCount === 0 && st.status !== 'closed') {
      const due = formatTime(dueFromInput({ receivedAt, type, urgency, deadline: o.deadline ?? null }, this.s, this.cal));
      if (due !== st.dueAt) {
        data.dueAt = due;
        data.previousDueAt = st.dueAt;
      }
    }
    return this.event('update', st.status, null, data);
  }

  private dispatch(c: Extract<Command, { action: 'dispatch' }>): OrderEvent {
    const st = this.state;
    this.need('dispatch', ...DISPATCHABLE);
    const to = this.field('dispatch', 'to', c.to);
    this.known(to);
    const redispatch = st.status !== 'pending';
    if (redispatch && to === st.leadUnit) throw new Refusal('lifecycle.sameUnit', { no: this.no, unit: to });
    const co = [...new Set((c.co ?? []).map((x) => x.trim()).filter((x) => x !== ''))];
    for (const x of co) {
      this.known(x);
      if (x === to) throw new Refusal('lifecycle.coIsLead', { unit: x });
    }
    const data: EventDataMap['dispatch'] = {
      leadUnit: to,
      coUnits: co,
      signDueAt: formatTime(signDue(this.at, st.urgency, this.s, this.cal)),
      returnUntil: formatTime(returnUntil(this.at, this.s, this.cal)),
      contactDueAt: formatTime(contactDue(this.at, st.urgency, this.s, this.cal)),
      redispatch,
      auto: c.auto ?? false,
      ruleId: c.ruleId ?? null,
    };
    if (c.meetingId !== undefined) data.meetingId = c.meetingId;
    return this.event('dispatch', 'dispatched', to, data);
  }

  private passDown(c: Extract<Command, { action: 'pass_down' }>): OrderEvent {
    const st = this.state;
    this.need('pass_down', 'dispatched', 'handling');
    const town = st.leadUnit!;
    if (c.town !== undefined && c.town !== town) throw new Refusal('lifecycle.notLead', { no: this.no, action: 'pass_down', unit: c.town, lead: town });
    const community = this.field('pass_down', 'community', c.community);
    const ref = this.known(community);
    if (ref && (ref.kind !== 'community' || ref.parent !== town)) throw new Refusal('lifecycle.notUnderTown', { no: this.no, community, town });
    if (st.community === community) throw new Refusal('lifecycle.sameUnit', { no: this.no, unit: community });
    return this.event('pass_down', st.status, community, {
      community,
      town,
      signDueAt: formatTime(signDue(this.at, st.urgency, this.s, this.cal)),
      contactDueAt: formatTime(contactDue(this.at, st.urgency, this.s, this.cal)),
      partDueAt: formatTime(partDue(new Date(timeMs(st.dueAt)), this.s, this.cal)),
    });
  }

  private sign(c: Extract<Command, { action: 'sign' }>): OrderEvent {
    const st = this.state;
    const unit = c.unit ?? st.leadUnit;
    if (c.unit !== undefined) this.known(c.unit);
    const part = unit === null ? null : this.partOf(unit);
    if (part === null || part === 'lead') {
      this.need('sign', 'dispatched');
      const lead = this.leadOnly('sign', c.unit);
      return this.event('sign', 'handling', lead, { late: this.late(st.signDueAt), part: 'lead' });
    }
    this.need('sign', 'dispatched', 'handling', 'replied');
    const d = this.partDispatch(unit!);
    if (d?.signedAt) throw new Refusal('lifecycle.alreadySigned', { no: this.no, unit: unit! });
    return this.event('sign', st.status, unit, { late: this.late(d?.signDueAt ?? null), part });
  }

  private contact(c: Extract<Command, { action: 'contact' }>): OrderEvent {
    const st = this.state;
    this.need('contact', 'dispatched', 'return_requested', 'handling', 'replied', 'answered', 'closure_requested');
    const unit = c.unit ?? st.leadUnit!;
    if (c.unit !== undefined) this.known(c.unit);
    const part = this.partOf(unit);
    if (part === null) throw new Refusal('lifecycle.notLeadOrCo', { no: this.no, unit });
    const d = this.partDispatch(unit);
    const first = !d || d.contactedAt === null;
    return this.event('contact', st.status, unit, { late: this.late(d?.contactDueAt ?? null), part, first });
  }

  private returnRequest(c: Extract<Command, { action: 'return' }>): OrderEvent {
    const st = this.state;
    this.need('return', 'dispatched', 'handling');
    const unit = this.leadOnly('return', c.unit);
    const why = this.reason('return', c.reason);
    if (this.late(st.returnUntil)) throw new Refusal('lifecycle.returnWindowClosed', { no: this.no, at: this.atIso, until: st.returnUntil! });
    const review = this.s.returnReview;
    return this.event('return', review ? 'return_requested' : 'pending', unit, { reason: why, review }, why);
  }

  private returnDecision(c: Extract<Command, { action: 'return_approve' | 'return_deny' }>): OrderEvent {
    const st = this.state;
    this.need(c.action, 'return_requested');
    const data: { reason?: string } = {};
    if (!blank(c.reason)) data.reason = c.reason!.trim();
    const to: OrderStatus = c.action === 'return_approve' ? 'pending' : (st.statusBeforeReturn ?? 'dispatched');
    return this.event(c.action, to, st.leadUnit, data, data.reason ?? null);
  }

  private extendRequest(c: Extract<Command, { action: 'extend_request' }>): OrderEvent {
    const st = this.state;
    this.need('extend_request', 'handling');
    if (st.pendingExtension)
      throw new Refusal('lifecycle.extensionPending', { no: this.no, days: st.pendingExtension.days, at: st.pendingExtension.at });
    const why = this.reason('extend_request', c.reason);
    const v = extensionAllowed({ dueAt: new Date(timeMs(st.dueAt)), extensionDays: st.extensionDays }, this.at, c.days, this.s);
    if (!v.ok) throw new Refusal(v.code, { no: this.no, ...v.params });
    return this.event('extend_request', 'handling', st.leadUnit, { days: c.days, reason: why }, why);
  }

  private extendApprove(): OrderEvent {
    const st = this.state;
    this.need('extend_approve', 'handling');
    const p = st.pendingExtension;
    if (!p) throw new Refusal('lifecycle.noPendingExtension', { no: this.no });
    const max = this.s.extensionMaxWorkdays;
    if (st.extensionDays + p.days > max) {
      const params: MessageParams = { no: this.no, days: p.days, used: st.extensionDays, max, left: Math.max(0, max - st.extensionDays) };
      throw new Refusal('calendar.extension.overCap', params);
    }
    const dueAt = formatTime(extendedDue(new Date(timeMs(st.dueAt)), p.days, this.s, this.cal));
    return this.event('extend_approve', 'handling', st.leadUnit, { days: p.days, dueAt, previousDueAt: st.dueAt });
  }

  private extendDeny(c: Extract<Command, { action: 'extend_deny' }>): OrderEvent {
    const st = this.state;
    this.need('extend_deny', 'handling');
    const p = st.pendingExtension;
    if (!p) throw new Refusal('lifecycle.noPendingExtension', { no: this.no });
    const data: EventDataMap['extend_deny'] = { days: p.days };
    if (!blank(c.reason)) data.reason = c.reason!.trim();
    return this.event('extend_deny', 'handling', st.leadUnit, data, data.reason ?? null);
  }

  private reply(c: Extract<Command, { action: 'reply' }>): OrderEvent {
    const st = this.state;
    const answer = (action: string) => ({
      content: this.field(action, 'content', c.content),
      result: this.oneOf('lifecycle.badResult', c.result, REPLY_RESULTS),
      handler: this.field(action, 'handler', c.handler),
      signedBy: this.field(action, 'signedBy', c.signedBy),
    });
    if (c.byOffice) {
      // 直接答复: the office answers a pending 咨询 from the knowledge base.
      this.need('reply', 'pending');
      if (st.type !== '咨询') throw new Refusal('lifecycle.directOnlyConsult', { no: this.no, type: st.type });
      const a = answer('reply');
      const data: EventDataMap['reply'] = { ...a, late: this.late(st.dueAt), byOffice: true };
      if (c.kbId !== undefined) data.kbId = c.kbId;
      return this.event('reply', 'replied', null, data);
    }
    const unit = c.unit ?? st.leadUnit;
    if (c.unit !== undefined) this.known(c.unit);
    const part = unit === null ? null : this.partOf(unit);
    if (part === 'co' || part === 'community') {
      this.need('co_reply', 'dispatched', 'handling', 'replied');
      const a = answer('co_reply');
      this.checkSigner(unit, a.signedBy);
      const due = formatTime(partDue(new Date(timeMs(st.dueAt)), this.s, this.cal));
      return this.event('co_reply', st.status, unit, { ...a, part, late: this.late(due) });
    }
    this.need('reply', 'handling');
    if (part === null) throw new Refusal('lifecycle.notLeadOrCo', { no: this.no, unit: unit ?? '' });
    const a = answer('reply');
    this.checkSigner(unit, a.signedBy);
    return this.event('reply', 'replied', unit, { ...a, late: this.late(st.dueAt) });
  }

  private reviewAccept(): OrderEvent {
    const st = this.state;
    this.need('review_accept', 'replied');
    return this.event('review_accept', 'answered', st.leadUnit, { late: st.repliedAt !== null && timeMs(st.repliedAt) > timeMs(st.dueAt) });
  }

  private reviewReject(c: Extract<Command, { action: 'review_reject' }>): OrderEvent {
    const st = this.state;
    this.need('review_reject', 'replied');
    const why = this.reason('review_reject', c.reason);
    // A direct answer sent back by the office's own review goes back to pending (the office answers or dispatches).
    const last = st.timeline.submissions[st.timeline.submissions.length - 1];
    return this.event('review_reject', last?.byOffice ? 'pending' : 'handling', st.leadUnit, { reason: why }, why);
  }

  private feedback(c: Extract<Command, { action: 'feedback' }>): OrderEvent {
    const st = this.state;
    this.need('feedback', 'answered');
    const satisfaction = this.oneOf('lifecycle.badSatisfaction', c.satisfaction, SATISFACTIONS);
    const said = { contacted: c.contacted ?? null, solved: c.solved ?? null };
    if (satisfaction !== 'unsatisfied') return this.event('feedback', 'closed', st.leadUnit, { satisfaction, rework: false, ...said });
    // Rework goes back to the unit that answered; an office's direct answer goes back to the office (pending).
    const dueAt = formatTime(reworkDue(this.at, st.type, st.urgency, this.s, this.cal));
    return this.event('feedback', st.leadUnit === null ? 'pending' : 'handling', st.leadUnit, {
      satisfaction,
      rework: true,
      dueAt,
      previousDueAt: st.dueAt,
      ...said,
    });
  }

  private closureRequest(c: Extract<Command, { action: 'closure_request' }>): OrderEvent {
    const st = this.state;
    this.need('closure_request', 'handling');
    if (blank(c.reason)) throw new Refusal('lifecycle.reasonRequired', { no: this.no, action: 'closure_request' });
    const closureReason = this.oneOf('lifecycle.badClosureReason', c.reason, CLOSURE_REASONS);
    const explanation = this.field('closure_request', 'explanation', c.explanation);
    return this.event('closure_request', 'closure_requested', st.leadUnit, { closureReason, explanation, late: this.late(st.dueAt) }, explanation);
  }

  private closureApprove(): OrderEvent {
    const st = this.state;
    this.need('closure_approve', 'closure_requested');
    const data: EventDataMap['closure_approve'] = { late: st.closureRequestedAt !== null && timeMs(st.closureRequestedAt) > timeMs(st.dueAt) };
    if (st.closureReason) data.closureReason = st.closureReason;
    return this.event('closure_approve', 'closed', st.leadUnit, data);
  }

  private closureDeny(c: Extract<Command, { action: 'closure_deny' }>): OrderEvent {
    this.need('closure_deny', 'closure_requested');
    const data: EventDataMap['closure_deny'] = {};
    if (!blank(c.reason)) data.reason = c.reason!.trim();
    return this.event('closure_deny', 'handling', this.state.leadUnit, data, data.reason ?? null);
  }

  private meeting(c: Extract<Command, { action: 'meeting' }>): OrderEvent[] {
    const st = this.state;
    this.need('meeting', ...OPEN_STATUSES);
    const lead = this.field('meeting', 'leadUnit', c.leadUnit);
    this.known(lead);
    // The meeting's lead gets the order (a dispatch of its own) unless it already leads it, or the
    // order is past the point where the lead can change (answered, closed…): then it is recorded only.
    const dispatches = lead !== st.leadUnit && (DISPATCHABLE as readonly OrderStatus[]).includes(st.status);
    const data = { meetingId: c.meetingId, date: c.date, attendees: c.attendees, decision: c.decision, leadUnit: lead, dispatches };
    const m = this.event('meeting', st.status, lead, data, blank(c.decision) ? null : c.decision.trim());
    if (!dispatches) return [m];
    const cmd = { action: 'dispatch' as const, to: lead, co: st.coUnits.filter((x) => x !== lead), meetingId: c.meetingId };
    return [m, new Decision(evolve(st, m), cmd, this.ctx).dispatch(cmd)];
  }
}

function dueFromInput(o: { receivedAt: string; type: OrderType; urgency: Urgency; deadline: string | null }, s: Settings, cal: WorkCalendar): Date {
  let cityDeadline: Date | null = null;
  if (!blank(o.deadline)) {
    cityDeadline = cityDeadlineFromInput(o.deadline!, s);
    if (!cityDeadline) throw new Refusal('lifecycle.badTime', { field: 'deadline', value: o.deadline! });
  }
  return replyDue({ receivedAt: new Date(timeMs(o.receivedAt)), type: o.type, urgency: o.urgency, cityDeadline }, s, cal);
}

/** Registration: the event happens at the order's receivedAt (ctx.at is not used); recordedAt is now. */
function register(cmd: Extract<Command, { action: 'register' }>, ctx: DecideContext): OrderEvent {
  const o = cmd.order;
  if (blank(o.no)) throw new Refusal('lifecycle.fieldRequired', { no: '', action: 'register', field: 'no' });
  if (!(ORDER_TYPES as readonly string[]).includes(o.type)) throw new Refusal('lifecycle.badType', { value: String(o.type), allowed: ORDER_TYPES.join(', ') });
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

// ---------------------------------------------------------------------------------------------
// The one fold

function emptyTimeline(): Timeline {
  return { dispatches: [], returns: [], submissions: [], callbacks: [], reworks: [], extensions: [], reminders: [], supervisions: [], parts: [] };
}

function copyTimeline(t: Timeline): Timeline {
  return {
    dispatches: t.dispatches.map((d) => ({ ...d })),
    returns: t.returns.map((r) => ({ ...r })),
    submissions: t.submissions.map((x) => ({ ...x })),
    callbacks: [...t.callbacks],
    reworks: [...t.reworks],
    extensions: [...t.extensions],
    reminders: [...t.reminders],
    supervisions: [...t.supervisions],
    parts: [...t.parts],
  };
}

/** The events that leave the order's rules untouched (no action may be dated before the last *change*). */
export function isQuiet(e: OrderEvent): boolean {
  if (e.action === 'sign') return e.data.part !== undefined && e.data.part !== 'lead';
  return QUIET_ACTIONS[e.action];
}

/** End every standing dispatch (the lead's, its co-units' and community's) at time `at`. */
function endDispatches(t: Timeline, at: string): void {
  for (const d of t.dispatches) if (d.endedAt === null) d.endedAt = at;
}

function lastOpen(t: Timeline, unit: string | null): DispatchFact | undefined {
  for (let i = t.dispatches.length - 1; i >= 0; i--) {
    const d = t.dispatches[i]!;
    if (d.endedAt === null && d.unit === unit) return d;
  }
  return undefined;
}

/**
 * The one fold step: applies a recorded event, no rule checks, deterministic. Throws Error on a log
 * that cannot be (no register first). Every switch here is exhaustive: a new action does not compile
 * until it is handled.
 */
export function evolve(state: OrderState | null, e: OrderEvent): OrderState {
  if (e.action === 'register') {
    if (state) throw new Error(`order ${e.orderNo}: register on an existing order`);
    const d = e.data;
    return {
      no: e.orderNo,
      status: e.toStatus,
      type: d.type,
      urgency: d.urgency,
      receivedAt: d.receivedAt ?? e.occurredAt,
      dueAt: d.dueAt,
      leadUnit: null,
      coUnits: [],
      community: null,
      dispatchedAt: null,
      firstDispatchedAt: null,
      signDueAt: null,
      contactDueAt: null,
      returnUntil: null,
      signedAt: null,
      statusBeforeReturn: null,
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
      timeline: emptyTimeline(),
    };
  }
  if (!state) throw new Error(`order ${e.orderNo}: ${e.action} before register`);
  const n: OrderState = { ...state, coUnits: [...state.coUnits], returnUnits: [...state.returnUnits], timeline: copyTimeline(state.timeline) };
  applyInPlace(n, e);
  return n;
}

/**
 * The fold step on a state the caller owns (replay and stateAsOf fold a whole log into one state
 * without copying it at every event; evolve copies first). `n` is the state before `e`.
 */
function applyInPlace(n: OrderState, e: Exclude<OrderEvent, { action: 'register' }>): void {
  const state = { status: n.status, leadUnit: n.leadUnit, community: n.community, dueAt: n.dueAt, reworkCount: n.reworkCount };
  const t = n.timeline;
  n.status = e.toStatus;
  if (!isQuiet(e)) n.lastChangeAt = e.occurredAt;
  const at = e.occurredAt;
  const lastSubmission = (): SubmissionFact | undefined => t.submissions[t.submissions.length - 1];
  switch (e.action) {
    case 'update': {
      const d = e.data;
      if (d.receivedAt !== undefined) n.receivedAt = d.receivedAt;
      if (d.type !== undefined) n.type = d.type;
      if (d.urgency !== undefined) n.urgency = d.urgency;
      if (d.dueAt !== undefined) n.dueAt = d.dueAt;
      if (d.repeatOf !== undefined) n.repeatOf = d.repeatOf;
      break;
    }
    case 'dispatch': {
      const d = e.data;
      endDispatches(t, at);
      n.leadUnit = d.leadUnit ?? e.unit;
      n.coUnits = [...(d.coUnits ?? [])];
      n.community = null;
      n.dispatchedAt = at;
      n.firstDispatchedAt ??= at;
      n.signDueAt = d.signDueAt ?? null;
      n.contactDueAt = d.contactDueAt ?? null;
      n.returnUntil = d.returnUntil ?? null;
      n.signedAt = null;
      const fact = (unit: string, part: Part): DispatchFact => ({
        unit,
        part,
        at,
        signDueAt: d.signDueAt,
        contactDueAt: d.contactDueAt ?? null,
        signedAt: null,
        contactedAt: null,
        endedAt: null,
      });
      t.dispatches.push(fact(n.leadUnit!, 'lead'));
      for (const c of n.coUnits) t.dispatches.push(fact(c, 'co'));
      break;
    }
    case 'pass_down': {
      const d = e.data;
      const prev = lastOpen(t, state.community);
      if (prev && prev.part === 'community') prev.endedAt = at;
      n.community = d.community;
      t.dispatches.push({ unit: d.community, part: 'community', at, signDueAt: d.signDueAt, contactDueAt: d.contactDueAt, signedAt: null, contactedAt: null, endedAt: null });
      break;
    }
    case 'sign': {
      const part = e.data.part ?? 'lead';
      if (part === 'lead') n.signedAt = at;
      const f = lastOpen(t, e.unit ?? n.leadUnit);
      if (f && f.signedAt === null) f.signedAt = at;
      break;
    }
    case 'contact': {
      const f = lastOpen(t, e.unit);
      if (f && f.contactedAt === null) f.contactedAt = at;
      break;
    }
    case 'return': {
      n.returnCount += 1;
      if (e.unit !== null && !n.returnUnits.includes(e.unit)) n.returnUnits.push(e.unit);
      const direct = e.data.review !== true;
      t.returns.push({ unit: e.unit ?? state.leadUnit ?? '', at, review: direct ? 'direct' : 'pending', decidedAt: direct ? at : null });
      if (direct) clearDispatch(n, t, at);
      else n.statusBeforeReturn = state.status;
      break;
    }
    case 'return_approve':
    case 'return_deny': {
      const r = t.returns[t.returns.length - 1];
      if (r && r.review === 'pending') {
        r.review = e.action === 'return_approve' ? 'approved' : 'denied';
        r.decidedAt = at;
      }
      n.statusBeforeReturn = null;
      if (e.action === 'return_approve') clearDispatch(n, t, at);
      break;
    }
    case 'extend_request':
      n.pendingExtension = { days: e.data.days, reason: e.data.reason, at };
      break;
    case 'extend_approve':
      n.extensionDays += e.data.days;
      n.dueAt = e.data.dueAt;
      n.pendingExtension = null;
      t.extensions.push({ at, unit: e.unit, days: e.data.days });
      break;
    case 'extend_deny':
      n.pendingExtension = null;
      break;
    case 'reply':
      n.repliedAt = at;
      t.submissions.push({ kind: 'reply', unit: e.unit, at, dueAt: state.dueAt, outcome: 'pending', byOffice: e.data.byOffice === true, cycle: state.reworkCount });
      break;
    case 'co_reply': {
      const d = e.data;
      const unit = e.unit ?? '';
      t.parts.push({ unit, part: d.part ?? 'co', at, content: d.content, result: d.result, handler: d.handler, signedBy: d.signedBy, late: d.late === true });
      break;
    }
    case 'review_accept': {
      n.answeredAt = at;
      const s = lastSubmission();
      if (s && s.outcome === 'pending') s.outcome = 'accepted';
      break;
    }
    case 'review_reject': {
      const s = lastSubmission();
      if (s && s.outcome === 'pending') s.outcome = 'rejected';
      break;
    }
    case 'feedback': {
      const d = e.data;
      n.satisfaction = d.satisfaction;
      t.callbacks.push({ at, unit: e.unit, satisfaction: d.satisfaction, contacted: d.contacted ?? null, solved: d.solved ?? null });
      if (d.rework) {
        n.reworkCount += 1;
        if (d.dueAt !== undefined) n.dueAt = d.dueAt;
        t.reworks.push({ at, unit: e.unit });
      }
      break;
    }
    case 'closure_request':
      n.closureReason = e.data.closureReason;
      n.closureRequestedAt = at;
      t.submissions.push({ kind: 'closure', unit: e.unit, at, dueAt: state.dueAt, outcome: 'pending', byOffice: false, cycle: state.reworkCount });
      break;
    case 'closure_approve': {
      if (e.data.closureReason !== undefined) n.closureReason = e.data.closureReason;
      const s = lastSubmission();
      if (s && s.outcome === 'pending') s.outcome = 'approved';
      break;
    }
    case 'closure_deny': {
      n.closureReason = null;
      n.closureRequestedAt = null;
      const s = lastSubmission();
      if (s && s.outcome === 'pending') s.outcome = 'denied';
      break;
    }
    case 'remind':
      n.remindCount += 1;
      t.reminders.push({ at, unit: e.unit, kind: e.data.kind });
      break;
    case 'supervise':
      n.superviseCount += 1;
      if (e.data.level === 'key' || n.superviseLevel === null) n.superviseLevel = e.data.level;
      t.supervisions.push({ at, unit: e.unit, level: e.data.level });
      break;
    case 'meeting':
      // A meeting recorded before meetings dispatched (no `dispatches` field) set the lead itself.
      if (e.data.dispatches === undefined && e.data.leadUnit !== undefined) {
        n.leadUnit = e.data.leadUnit;
        n.coUnits = n.coUnits.filter((c) => c !== e.data.leadUnit);
      }
      break;
    default:
      return unreachable(e);
  }
  if (n.status !== 'handling') n.pendingExtension = null;
  if (n.status === 'closed' && state.status !== 'closed') n.closedAt = at;
}

/** One fold over events: the first (register) makes the state, the rest change it in place. */
function foldAll(events: Iterable<OrderEvent>): OrderState | null {
  let state: OrderState | null = null;
  for (const e of events) {
    if (state === null || e.action === 'register') state = evolve(state, e);
    else applyInPlace(state, e);
  }
  return state;
}

/** The order is back with the office: the dispatch ends (approved or direct return). */
function clearDispatch(n: OrderState, t: Timeline, at: string): void {
  endDispatches(t, at);
  n.leadUnit = null;
  n.coUnits = [];
  n.community = null;
  n.dispatchedAt = null;
  n.signDueAt = null;
  n.contactDueAt = null;
  n.returnUntil = null;
  n.signedAt = null;
}

/** The state after a whole log (in log order). Throws Error on an empty log. */
export function replay(events: readonly OrderEvent[]): OrderState {
  const state = foldAll(events);
  if (!state) throw new Error('replay: no events');
  return state;
}

/**
 * The state as the log stood at `asOf` (`--as-of`): events that happened later are ignored,
 * whatever their position in the log. Null when the order was not yet registered then.
 */
export function stateAsOf(events: readonly OrderEvent[], asOf: Date | number): OrderState | null {
  const t = typeof asOf === 'number' ? asOf : asOf.getTime();
  return foldAll(events.filter((e) => timeMs(e.occurredAt) <= t));
}

/** decide then fold: the events and the state after them. */
export function apply(state: OrderState | null, cmd: Command, ctx: DecideContext): { events: OrderEvent[]; state: OrderState } {
  const events = decide(state, cmd, ctx);
  let s = state;
  for (const e of events) s = evolve(s, e);
  return { events, state: s! };
}

/**
 * The submission on-time completion is judged at (DOMAIN.md): the lead's latest reply or closure
 * request of the current rework cycle that was not sent back (rejected or denied); null: none yet.
 */
export function onTimeSubmission(st: Pick<OrderState, 'timeline' | 'reworkCount'>): SubmissionFact | null {
  const subs = st.timeline.submissions;
  for (let i = subs.length - 1; i >= 0; i--) {
    const x = subs[i]!;
    if (x.cycle !== st.reworkCount) break;
    if (x.outcome === 'rejected' || x.outcome === 'denied') continue;
    return x;
  }
  return null;
}

/** 推诿 candidate (DOMAIN.md): returned twice (requested, whatever the review said), or by two different units. */
export function isTuiCandidate(state: Pick<OrderState, 'returnCount' | 'returnUnits'>): boolean {
  return state.returnCount >= 2 || state.returnUnits.length >= 2;
}
