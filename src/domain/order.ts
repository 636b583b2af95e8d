// The work order (工单) and its closed vocabularies. Pure types and tables: no I/O.

/** 诉求类型: stored and printed as the city writes them (Chinese); English aliases accepted on input. */
export const ORDER_TYPES = ['咨询', '求助', '投诉', '举报', '建议', '表扬', '其他'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** English names of the types: used in settings keys and accepted on input. */
export const ORDER_TYPE_EN: Record<OrderType, string> = {
  咨询: 'consult',
  求助: 'help',
  投诉: 'complaint',
  举报: 'report',
  建议: 'suggestion',
  表扬: 'praise',
  其他: 'other',
};

/** 紧急程度 */
export const URGENCIES = ['特急', '紧急', '一般'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_EN: Record<Urgency, string> = { 特急: 'critical', 紧急: 'urgent', 一般: 'normal' };
export const DEFAULT_URGENCY: Urgency = '一般';

/** Status values: fixed, English, part of the scripting contract. `overdue` is never a status. */
export const STATUSES = [
  'pending', // 待派发
  'dispatched', // 已派发, 待签收
  'return_requested', // 申请退回, 待审核 (退单审核)
  'handling', // 办理中
  'replied', // 已回复, 待审核
  'answered', // 已答复, 待回访
  'closure_requested', // 申请办结
  'closed', // 已办结
] as const;
export type OrderStatus = (typeof STATUSES)[number];

// The status groups: each defined here once, used everywhere (store queries included).

/** The overdue clock runs: the unit has not submitted an answer (a reply or closure request stops it). */
export const CLOCK_RUNNING = ['pending', 'dispatched', 'return_requested', 'handling'] as const satisfies readonly OrderStatus[];
/** Open: anything but closed (reminders, supervision, contact and meetings are allowed). */
export const OPEN_STATUSES = STATUSES.filter((s) => s !== 'closed');

export function clockRuns(status: OrderStatus): boolean {
  return (CLOCK_RUNNING as readonly OrderStatus[]).includes(status);
}

export const SATISFACTIONS = ['satisfied', 'basic', 'unsatisfied'] as const; // 满意 基本满意 不满意
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const REPLY_RESULTS = ['solved', 'explained', 'unsolvable'] as const; // 已解决 已解释 无法解决
export type ReplyResult = (typeof REPLY_RESULTS)[number];

export const CLOSURE_REASONS = ['out_of_scope', 'unreasonable', 'duplicate', 'handled_elsewhere'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const UNIT_KINDS = ['town', 'department', 'community', 'utility'] as const; // 街镇 部门 社区村 公共服务企业
export type UnitKind = (typeof UNIT_KINDS)[number];

/** What an order is registered with (import or `add`). Times are ISO 8601 strings with +08:00. */
export interface OrderInput {
  no: string;
  receivedAt: string;
  channel?: string | null;
  type: OrderType;
  category?: string | null;
  urgency: Urgency;
  citizen?: string | null;
  phone?: string | null;
  address?: string | null;
  town?: string | null;
  title?: string | null;
  content?: string | null;
  /** 办理时限 given by the city: wins over the computed deadline. */
  deadline?: string | null;
  instructions?: string | null;
}

/** Accepts the Chinese value or its English alias; null when unknown. */
export function parseOrderType(value: string): OrderType | null {
  const v = value.trim();
  if ((ORDER_TYPES as readonly string[]).includes(v)) return v as OrderType;
  const hit = (Object.entries(ORDER_TYPE_EN) as [OrderType, string][]).find(([, en]) => en === v.toLowerCase());
  return hit ? hit[0] : null;
}

export function parseUrgency(value: string): Urgency | null {
  const v = value.trim();
  if (v === '') return DEFAULT_URGENCY;
  if ((URGENCIES as readonly string[]).includes(v)) return v as Urgency;
  const hit = (Object.entries(URGENCY_EN) as [Urgency, string][]).find(([, en]) => en === v.toLowerCase());
  return hit ? hit[0] : null;
}
