// The order's event log (工单流转记录): append-only; the order row is the current state,
// the log is the truth of how it got there. Every transition and every record
// (reminder, supervision, meeting, first contact, a co-unit's part) is one event.
//
// Events are a discriminated union on `action`: each action has its own typed data. Every value
// a rule computed when the event was decided (a new deadline, a sign limit, a late flag) is kept
// in the data, so the log replays to the same state whatever the settings or calendar are today.
// The JSON field names are the stored form: never rename one (old logs must still replay).
//
// Adding an action: see README "Adding an action" — the compiler points at every place
// (EventDataMap, decide's handlers, the fold, history notes, the catalogue's action names).
import type { ClosureReason, OrderStatus, OrderType, ReplyResult, Satisfaction, Urgency } from './order.js';

export type RemindKind = 'manual' | 'due_soon' | 'overdue';
export const REMIND_KINDS: readonly RemindKind[] = ['manual', 'due_soon', 'overdue'];
export type SuperviseLevel = 'normal' | 'key';
export const SUPERVISE_LEVELS: readonly SuperviseLevel[] = ['normal', 'key'];

/** Whose part a sign, contact or reply is: the lead's, a co-unit's (协办) or a community's (下派社区). */
export type Part = 'lead' | 'co' | 'community';

/** Every action's data. Times are ISO 8601 with +08:00. */
export interface EventDataMap {
  /** 登记 (import or add): the first event of every order. */
  register: { receivedAt: string; type: OrderType; urgency: Urgency; dueAt: string; repeatOf: string | null };
  /** The city sent the order again with changes. */
  update: {
    changes: Record<string, [unknown, unknown]>;
    /** Changed while the order is already being handled: flagged for the clerk. */
    flagged: boolean;
    receivedAt?: string;
    type?: OrderType;
    urgency?: Urgency;
    repeatOf?: string | null;
    dueAt?: string;
    previousDueAt?: string;
  };
  /** 派发 / 改派 (also the dispatch a joint meeting decides: meetingId set). */
  dispatch: {
    leadUnit: string;
    coUnits: string[];
    signDueAt: string;
    returnUntil: string;
    /** First-contact limit (absent in logs written before first contact was recorded). */
    contactDueAt?: string;
    redispatch: boolean;
    auto: boolean;
    ruleId: number | null;
    meetingId?: number;
  };
  /** A town passes an order it leads down to one of its communities (the town stays the lead). */
  pass_down: { community: string; town: string; signDueAt: string; contactDueAt: string; partDueAt: string };
  /** 签收 by the lead (status → handling), a co-unit or the community (their part only). */
  sign: { late: boolean; part?: Part };
  /** 先行联系: the unit phoned the citizen. */
  contact: { late: boolean; part: Part; first: boolean };
  /**
   * 退回: with return review on, a request (→ return_requested, review true); otherwise direct
   * (→ pending). Logs written before return review have no `review` field: direct.
   */
  return: { reason: string; review?: boolean };
  /** 退单审核 approve: the return stands, the dispatch ends, the order is pending again. */
  return_approve: { reason?: string };
  /** 退单审核 deny: the unit keeps the order; the status it had before the request. */
  return_deny: { reason?: string };
  extend_request: { days: number; reason: string };
  extend_approve: { days: number; dueAt: string; previousDueAt: string };
  extend_deny: { days: number; reason?: string };
  /** The order's answer: the lead's reply, or the office's direct answer from the knowledge base. */
  reply: {
    content: string;
    result: ReplyResult;
    handler: string;
    signedBy: string;
    late: boolean;
    byOffice?: boolean;
    kbId?: number;
  };
  /** A co-unit's or a community's part (no status change). */
  co_reply: { content: string; result: ReplyResult; handler: string; signedBy: string; part?: Part; late?: boolean };
  review_accept: { late: boolean };
  review_reject: { reason: string };
  /** 回访. Unsatisfied = rework with a new deadline. contacted/solved: null when the citizen did not say. */
  feedback: {
    satisfaction: Satisfaction;
    rework: boolean;
    dueAt?: string;
    previousDueAt?: string;
    contacted?: boolean | null;
    solved?: boolean | null;
  };
  closure_request: { closureReason: ClosureReason; explanation: string; late: boolean };
  closure_approve: { late: boolean; closureReason?: ClosureReason };
  closure_deny: { reason?: string };
  remind: { kind: RemindKind };
  supervise: { level: SuperviseLevel };
  /** 联席会议; when it names a new lead, a dispatch event (meetingId set) follows it. */
  meeting: { meetingId: number; date: string; attendees: string; decision: string; leadUnit: string; dispatches?: boolean };
}

export type Action = keyof EventDataMap;

/** Every action, in the order history and help list them. `satisfies` keeps it complete. */
export const ACTIONS = [
  'register',
  'update',
  'dispatch',
  'pass_down',
  'sign',
  'contact',
  'return',
  'return_approve',
  'return_deny',
  'extend_request',
  'extend_approve',
  'extend_deny',
  'reply',
  'co_reply',
  'review_accept',
  'review_reject',
  'feedback',
  'closure_request',
  'closure_approve',
  'closure_deny',
  'remind',
  'supervise',
  'meeting',
] as const satisfies readonly Action[];

// A compile-time check that ACTIONS names every action: fails when one is missing.
type Missing = Exclude<Action, (typeof ACTIONS)[number]>;
const _allActions: [Missing] extends [never] ? true : Missing = true;
void _allActions;

interface EventBase {
  id?: number;
  orderNo: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  /** The unit that acted or was acted upon (a unit code), if any. */
  unit: string | null;
  /** Who recorded it (--operator / HOTLINE_OPERATOR / OS user). */
  actor: string;
  /** When it happened (--at), ISO +08:00. Every time rule is judged at this time. */
  occurredAt: string;
  /** When it was recorded, ISO +08:00. */
  recordedAt: string;
  note: string | null;
}

export type EventOf<A extends Action> = EventBase & { action: A; data: EventDataMap[A] };
export type OrderEvent = { [A in Action]: EventOf<A> }[Action];

/** Events that record something without changing what the rules depend on (no action may be dated before the last *change*). */
export const QUIET_ACTIONS: Readonly<Record<Action, boolean>> = {
  register: false,
  update: false,
  dispatch: false,
  pass_down: false,
  sign: false,
  contact: true,
  return: false,
  return_approve: false,
  return_deny: false,
  extend_request: false,
  extend_approve: false,
  extend_deny: false,
  reply: false,
  co_reply: true,
  review_accept: false,
  review_reject: false,
  feedback: false,
  closure_request: false,
  closure_approve: false,
  closure_deny: false,
  remind: true,
  supervise: true,
  meeting: false,
};

/** For exhaustive switches: `default: return unreachable(e)` fails to compile when a case is missing. */
export function unreachable(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}

/** Group a flat log by order number, keeping log order within each order (one pass). */
export function groupEvents(events: Iterable<OrderEvent>): Map<string, OrderEvent[]> {
  const m = new Map<string, OrderEvent[]>();
  for (const e of events) {
    const list = m.get(e.orderNo);
    if (list) list.push(e);
    else m.set(e.orderNo, [e]);
  }
  return m;
}
