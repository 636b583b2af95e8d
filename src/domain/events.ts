// The order's event log (工单流转记录): append-only; the order row is the current state,
// the log is the truth of how it got there. Every transition and every record
// (reminder, supervision, meeting) is one event.
import type {
  ClosureReason,
  OrderStatus,
  OrderType,
  ReplyResult,
  Satisfaction,
  Urgency,
} from './order.js';

export const ACTIONS = [
  'register', // 登记 (import or add): the first event of every order
  'update', // the city sent the order again with changes
  'dispatch', // 派发 / 改派
  'sign', // 签收
  'return', // 退回
  'extend_request', // 申请延期
  'extend_approve', // 同意延期
  'extend_deny', // 不同意延期
  'reply', // 回复 (lead unit)
  'co_reply', // 协办单位回复 (no status change)
  'review_accept', // 审核通过
  'review_reject', // 退回重办
  'feedback', // 回访
  'closure_request', // 申请办结
  'closure_approve', // 同意办结
  'closure_deny', // 不同意办结
  'remind', // 催办
  'supervise', // 督办
  'meeting', // 联席会议
] as const;
export type Action = (typeof ACTIONS)[number];

/** Action-specific data, kept with the event (JSON in the store). Times are ISO +08:00. */
export interface EventData {
  // register / update
  receivedAt?: string;
  type?: OrderType;
  urgency?: Urgency;
  repeatOf?: string | null;
  changes?: Record<string, [unknown, unknown]>; // update: field → [old, new]
  /** update while the order is already being handled: flagged for the clerk. */
  flagged?: boolean;
  // a new deadline set by this event (register, update, extend_approve, feedback → rework)
  dueAt?: string;
  previousDueAt?: string;
  // dispatch
  leadUnit?: string;
  coUnits?: string[];
  signDueAt?: string;
  returnUntil?: string;
  redispatch?: boolean;
  auto?: boolean;
  ruleId?: number | null;
  // sign
  late?: boolean;
  // return / review_reject / closure_deny / extend_request
  reason?: string;
  // extend_request / extend_approve / extend_deny
  days?: number;
  // reply / co_reply
  content?: string;
  result?: ReplyResult;
  handler?: string;
  signedBy?: string;
  // feedback
  satisfaction?: Satisfaction;
  rework?: boolean;
  // closure_request / closure_approve
  closureReason?: ClosureReason;
  explanation?: string;
  // remind / supervise
  kind?: 'manual' | 'due_soon' | 'overdue';
  level?: 'normal' | 'key';
  // meeting
  meetingId?: number;
  date?: string;
  attendees?: string;
  decision?: string;
}

export interface OrderEvent {
  id?: number;
  orderNo: string;
  action: Action;
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
  data: EventData;
}
