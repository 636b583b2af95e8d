// What the figures take and give: plain data the store fills and the renderers print.
import type { OrderEvent } from '../events.js';
import type { OrderState } from '../lifecycle.js';
import type { OrderStatus, OrderType, Urgency } from '../order.js';
import type { AssessWeights } from '../settings.js';
import type { Day } from '../time.js';
import type { DueLevel } from '../due.js';
import type { Rate, Ratio } from './ratio.js';

/** One order as the store knows it now (current state); its log says how it stood earlier. */
export interface OrderFacts {
  no: string;
  type: OrderType;
  category: string | null;
  urgency: Urgency;
  town: string | null;
  title: string | null;
  /** ISO 8601 (+08:00). */
  receivedAt: string;
  leadUnit: string | null;
  repeatOf: string | null;
  status: OrderStatus;
  /** Current deadline, ISO 8601 (+08:00). */
  dueAt: string;
  /**
   * The fold of its whole log, when the store knows no event of it happened after the as-of time
   * (then its log is not read): its state as of then.
   */
  state?: OrderState;
}

/** A handling unit as the directory holds it. `phone` is the unit's, not a citizen's. */
export interface UnitInfo {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  contact: string | null;
  phone: string | null;
}

/** The log grouped by order number (log order within each order). */
export type EventsByOrder = ReadonlyMap<string, readonly OrderEvent[]>;

export interface PeriodQuery {
  /** First day, inclusive (from 00:00 Beijing). */
  from: Day;
  /** Day after the last, exclusive (up to 00:00 Beijing). */
  to: Day;
  /** The log as it stood at this time. */
  asOf: Date;
}

/** The figures of one unit, or of the whole district (totals). Every rate comes with its counts. */
export interface Figures {
  /** Orders received in the period (for a unit: those it leads as of the as-of time). */
  received: number;
  /** 当日转接: the office's figure; in unit rows always empty (a unit is never blamed for the office's dispatch). */
  sameDay: Rate;
  /** Dispatches made in the period. */
  dispatches: number;
  /** 按时签收, per dispatch made in the period. */
  signedInTime: Rate;
  /** 先行联系及时, per dispatch made in the period. */
  firstContact: Rate;
  /** 按期办结, orders whose dueAt falls in the period. */
  onTime: Rate;
  /** 事事有回音: received orders answered (reply or closure request) by the as-of time. */
  replied: Rate;
  /** Callbacks (回访) in the period. */
  callbacks: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  /** 响应率: contacted yes / callbacks that say. */
  response: Rate;
  /** 解决率: solved yes / callbacks that say. */
  resolution: Rate;
  /** 满意率: (satisfied + basic) / evaluated. */
  satisfaction: Rate;
  /** Weighted score 0..100, 2 decimals; null when nothing evaluated. */
  satisfactionScore: number | null;
  returnsRequested: number;
  returnsApproved: number;
  returnsDenied: number;
  reworks: number;
  reminders: number;
  supervisions: number;
  /** Approved extensions. */
  extensions: number;
  /** Received orders that are repeats. */
  repeats: number;
  /** First contacts made in the period. */
  contacts: number;
  /** Office's direct answers from the knowledge base (totals only). */
  directAnswers: number;
  /** As of the as-of time, over orders whose clock runs. */
  overdue: number;
  seriousOverdue: number;
  dueSoon: number;
  /** Distinct orders the unit was dispatched, returned, answered or called back on in the period. */
  handled: number;
  /** 1 − (returns that did not stand + reworks) / handled, clamped to 0..1; null when handled is 0. */
  discipline: Ratio;
}

export interface UnitFigures extends Figures {
  code: string;
  name: string;
  kind: string | null;
  parent: string | null;
  /** Satisfaction rate below the floor (only when there were evaluations). */
  belowFloor: boolean;
  // Flat rates for scripts (the contract's field names): the `.rate` of the figures above.
  signedInTimeRate: Ratio;
  firstContactRate: Ratio;
  onTimeRate: Ratio;
  replyRate: Ratio;
  responseRate: Ratio;
  resolutionRate: Ratio;
  satisfactionRate: Ratio;
}

export type NotRankedReason = 'noData' | 'belowMinimum' | 'tooLittleData';

export interface AssessRow {
  /** 1-based; ties share a rank (1, 2, 2, 4); null when not ranked (see reason). */
  rank: number | null;
  /** Why not ranked; null when ranked. */
  reason: NotRankedReason | null;
  code: string;
  name: string;
  kind: string | null;
  /** 0..100, 2 decimals; null when no component had data. */
  score: number | null;
  /** Each weighted component's value (ratio 0..1, null without data). */
  signedInTimeRate: Ratio;
  onTimeRate: Ratio;
  /** The satisfaction component: satisfactionScore / 100. */
  satisfaction: Ratio;
  discipline: Ratio;
  firstContactRate: Ratio;
  responseRate: Ratio;
  resolutionRate: Ratio;
  /** Components with data, of those weighted. */
  components: number;
  /** Share of the total weight carried by the components with data (0..1). */
  weightWithData: number;
  handled: number;
}

export interface Share {
  count: number;
  /** Of the period's received orders, 0..1 (largest remainder). */
  share: Ratio;
}

export interface OverdueRow {
  no: string;
  title: string | null;
  type: OrderType;
  urgency: Urgency;
  category: string | null;
  town: string | null;
  leadUnit: string | null;
  unitName: string | null;
  unitContact: string | null;
  unitPhone: string | null;
  status: OrderStatus;
  receivedAt: string;
  dueAt: string;
  level: DueLevel;
  overdueWorkdays: number;
}

export interface TuiOrder {
  no: string;
  title: string | null;
  town: string | null;
  category: string | null;
  /** Return requests as of asOf (all time). */
  returns: number;
  /** Distinct units that returned it, in order of first return. */
  returnUnits: string[];
  returnUnitNames: string[];
  leadUnit: string | null;
  status: OrderStatus;
}

export interface DeniedReturn {
  no: string;
  unit: string;
  unitName: string;
  at: string;
  title: string | null;
}

export interface RepeatOrder {
  no: string;
  repeatOf: string;
  town: string | null;
  category: string | null;
  title: string | null;
  leadUnit: string | null;
}

/** A list cut to a limit says how many there were. */
export interface Listed<T> {
  total: number;
  rows: T[];
}

export interface CircularReport {
  kind: 'circular';
  from: Day;
  to: Day;
  asOf: string;
  previous: { from: Day; to: Day; received: number };
  received: number;
  /** (received − previous) / previous, 4 decimals; null when the previous period had 0. */
  growth: number | null;
  totals: Figures;
  byType: ({ type: OrderType } & Share)[];
  topCategories: ({ category: string } & Share)[];
  topTowns: ({ town: string } & Share)[];
  repeats: { count: number; share: Ratio; orders: RepeatOrder[]; listed: number };
  units: UnitFigures[];
  belowFloor: { code: string; name: string; evaluated: number; satisfactionRate: number }[];
  /** s.satisfactionFloor as a ratio 0..1. */
  satisfactionFloor: number;
  /** True only when some unit had evaluations and none was below the floor. */
  allAboveFloor: boolean;
  satisfactionWeights: { satisfied: number; basic: number; unsatisfied: number };
  seriousOverdueWorkdays: number;
  overdueUnits: { code: string; name: string; overdue: number; seriousOverdue: number }[];
  seriousOrders: OverdueRow[];
  seriousTotal: number;
  /** Every order overdue as of the as-of time (the overdue watch's rule), most overdue first; cut at 100. */
  overdueOrders: Listed<OverdueRow>;
  tuiOrders: TuiOrder[];
  tuiTotal: number;
  deniedReturns: Listed<DeniedReturn>;
  ranking: AssessRow[];
  weights: AssessWeights;
  rankingMinimum: number;
  definitions: Record<string, string>;
}

export interface AssessReport {
  kind: 'assess';
  from: Day;
  to: Day;
  asOf: string;
  weights: AssessWeights;
  satisfactionWeights: { satisfied: number; basic: number; unsatisfied: number };
  rankingMinimum: number;
  ranking: AssessRow[];
  /** Same rows as `ranking` (kept for readers of the first format). */
  rows: AssessRow[];
  definitions: Record<string, string>;
}

export interface UndispatchedOrder {
  no: string;
  title: string | null;
  town: string | null;
  category: string | null;
  receivedAt: string;
  /** The same-day dispatch limit (sameDayDispatchLimit). */
  dispatchLimit: string;
  /** First dispatch at or before asOf, if any (after the limit). */
  dispatchedAt: string | null;
}

export interface DailyUnitRow {
  code: string;
  name: string;
  dispatched: number;
  signed: number;
  signedLate: number;
  contacts: number;
  replies: number;
  returns: number;
  dueSoon: number;
  overdue: number;
  seriousOverdue: number;
}

export interface DailyReport {
  kind: 'daily';
  day: Day;
  asOf: string;
  received: number;
  /** Dispatch events that day (re-dispatches included). */
  dispatched: number;
  redispatched: number;
  /** Received that day and not dispatched within the same-day limit (breaks 当日转接). */
  undispatched: number;
  undispatchedOrders: UndispatchedOrder[];
  signed: number;
  signedLate: number;
  contacts: number;
  replies: number;
  closureRequests: number;
  returns: number;
  returnsAwaitingReview: number;
  feedback: number;
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  /** As of asOf, over orders whose clock runs. */
  dueSoon: number;
  overdue: number;
  seriousOverdue: number;
  seriousOverdueWorkdays: number;
  units: DailyUnitRow[];
  definitions: Record<string, string>;
}
