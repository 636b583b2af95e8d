// What a report as of now reads instead of the logs: the period's figure facts (figure_facts,
// written from the fold with every change), summed by SQL where a figure is a count and read as
// rows where a figure needs the working-day calendar (same-day dispatch, co-units' part limits) or
// a list. Each query is one range of figure_facts' primary key (kind, at). The figures themselves
// are domain/figures/collect-facts.ts; the equivalence with replaying every log is a test.
import type { DayLimits } from '../domain/figures/collect.js';
import type { RunningHead, RunningLabels } from '../domain/figures/collect-facts.js';
import type { FactKind } from '../domain/figures/facts.js';
import { CLOCK_RUNNING, ORDER_TYPES } from '../domain/order.js';
import type { Db } from './db.js';
import { isPostgres } from './dialect.js';
import { hotStatements } from './statements.js';
import { decodeState, STATE_ROW_COLUMNS, type StateRow } from './state-codec.js';
import type { OrderState } from '../domain/lifecycle.js';

/**
 * The unit values a kind has rows for, found by seeking from one to the next along the key (a
 * handful of seeks, not a scan), as an SQL list: `unit in (…)` then walks each unit's range of the
 * period. Worked out once per kind for each report (units are added while a process runs).
 */
export function factUnits(db: Db): (kind: FactKind) => string {
  const memo = new Map<FactKind, string>();
  const st = hotStatements(db).prepared(
    `with recursive u(v) as (select min(unit) from figure_facts where kind = @kind
       union all select (select min(unit) from figure_facts where kind = @kind and unit > u.v) from u where u.v is not null)
     select v from u where v is not null`,
  );
  return (kind) => {
    let list = memo.get(kind);
    if (list === undefined) {
      const units = (st.raw().all({ kind }) as [string][]).map(([u]) => `'${u.replaceAll("'", "''")}'`);
      memo.set(kind, (list = `(${units.length > 0 ? units.join(', ') : 'null'})`));
    }
    return list;
  };
}

/** Where a kind's facts of the period are: one key range per unit. */
const inPeriodOf =
  (unitsOf: (kind: FactKind) => string) =>
  (kind: FactKind): string =>
    `from figure_facts where kind = '${kind}' and unit in ${unitsOf(kind)} and at >= @from and at < @to`;

/** A verdict against a limit (figures/collect.ts's limitVerdict), as SQL: 0 left out, 1 in time, 2 late, 3 not yet decided. */
const verdict = (done: string, limit: string): string =>
  `(case when ${limit} is null then 0 when ${done} is not null then (case when ${done} <= ${limit} then 1 else 2 end)` +
  ` when ended_at is not null and ended_at <= ${limit} then 0 when @asOf > ${limit} then 2 else 3 end)`;

/**
 * Per kind, the sums a unit's row takes (figures/collect-facts.ts reads them by these names). Each
 * is one pass over the period's rows in key order, grouped by unit without a sort.
 */
/** Handled (distinct orders touched in the period): touches whose previous one is before the period (facts.ts). */
const FIRST_TOUCH = `sum(unit <> '' and (touch_prev is null or touch_prev < @from)) as handled,
    sum(unit <> '' and (touch_prev_any is null or touch_prev_any < @from)) as handledAny`;

const SUMS = {
  dispatch: `${FIRST_TOUCH}, sum(part = 'lead') as lead, sum(part = 'lead' and flag = 1) as redispatch,
    sum(${verdict('done_at', 'limit_at')} = 1) as signNum, sum(${verdict('done_at', 'limit_at')} in (1, 2)) as signDen, sum(${verdict('done_at', 'limit_at')} = 3) as signPending,
    sum(${verdict('done2_at', 'limit2_at')} = 1) as contactNum, sum(${verdict('done2_at', 'limit2_at')} in (1, 2)) as contactDen, sum(${verdict('done2_at', 'limit2_at')} = 3) as contactPending`,
  sign: `count(*) as n, sum(flag = 1) as late`,
  contact: `count(*) as n`,
  return: `${FIRST_TOUCH}, count(*) as n, sum(result = 'direct') as direct`,
  return_decided: `sum(result = 'denied') as denied, sum(result <> 'denied') as approved`,
  submission: `${FIRST_TOUCH}, sum(result = 'reply') as replies, sum(result <> 'reply') as closures, sum(flag = 1) as byOffice`,
  callback: `${FIRST_TOUCH}, count(*) as n, sum(result = 'satisfied') as satisfied, sum(result = 'basic') as basic,
    sum(flag is not null) as contactedSaid, sum(flag = 1) as contactedYes, sum(flag2 is not null) as solvedSaid, sum(flag2 = 1) as solvedYes`,
  rework: `count(*) as n`,
  reminder: `count(*) as n`,
  supervision: `count(*) as n`,
  extension: `count(*) as n`,
  received: `count(*) as n, sum(flag = 1) as answered, sum(flag2 = 1) as repeats, ${ORDER_TYPES.map((t, i) => `sum(result = '${t}') as type${i}`).join(', ')}`,
  due: `sum(case when done_at is not null then done_at <= at else null end) as onTimeNum,
    sum(done_at is not null or @asOf > at) as onTimeDen, sum(done_at is null and not (@asOf > at)) as onTimePending`,
} as const satisfies Partial<Record<FactKind, string>>;

export type SummedKind = keyof typeof SUMS;

/** One unit's sums of one kind ('' unit: facts of no unit, in the totals only). */
export interface UnitSums {
  kind: SummedKind;
  unit: string;
  [sum: string]: number | string;
}

export interface ReceivedFact {
  no: string | null;
  at: string;
  lead: string | null;
  firstDispatchedAt: string | null;
  category: string | null;
  town: string | null;
  repeat: boolean;
}

export interface PartDispatch {
  no: string;
  unit: string;
  at: string;
  endedAt: string | null;
}


export interface PeriodFacts {
  sums: UnitSums[];
  prevReceived: number;
  /** Same-day dispatch of the orders received in the period. */
  sameDay: { num: number; den: number; pending: number };
  /** Received in the period, by category and town. */
  places: { category: string | null; town: string | null; n: number }[];
  /** Received in the period, when asked (the daily report lists those not dispatched in time). */
  received: ReceivedFact[];
  /** Received repeats, by number. */
  repeats: { no: string; repeatOf: string; title: string | null; category: string | null; town: string | null; leadUnit: string | null }[];
  /** The titles of every received order, when asked (the daily report lists those not dispatched in time). */
  titles: Map<string, string | null>;
  /** Co-units' and communities' dispatches of orders due in the period, and their part replies. */
  partDispatches: (PartDispatch & { dueAt: string })[];
  partReplies: Map<string, { unit: string; at: string }[]>;
  /** Orders whose clock runs, due before the overdue watch's horizon (due.watchHorizon): those with a level. */
  running: RunningHead[];
  /** The labels of those `listed` names (the rows a list shows), when asked. */
  runningLabels: Map<string, RunningLabels>;
  /** 推诿 candidates with a return requested in the period: their stored state and labels. */
  tui: { no: string; state: OrderState; title: string | null; town: string | null; category: string | null }[];
  denied: { no: string; unit: string; at: string; title: string | null }[];
  /** Returns awaiting review, with what decides whether the replay path would have loaded their order. */
  awaiting: { unit: string | null; receivedAt: string; status: string; dueAt: string; lastEventAt: string }[];
}

/**
 * True when no event of any order happened after `asOf` (the text of its whole second): then every
 * order's stored facts are its state as of asOf, and a report may sum them.
 */
export function nothingAfter(db: Db, asOfText: string): boolean {
  if (isPostgres(db)) return false;
  return hotStatements(db).prepared('select 1 from events where occurred_at > ? limit 1').get(asOfText) === undefined;
}

const list = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(', ');

/**
 * The facts of the period [from, to) as of `asOfCeil` (the as-of time rounded up to its second:
 * "asOf is after a limit" is then a comparison of texts), and of the previous period from prevFrom.
 * `allLabels`: the titles of every received order (the daily report lists those not dispatched in time).
 * `listed`: which of the running orders a list shows (figures/collect-facts.ts listedOverdue): only
 * their labels are read, a row each (the running orders themselves come from an index alone).
 */
export function periodFacts(
  db: Db,
  q: {
    prevFrom: string;
    from: string;
    to: string;
    asOfCeil: string;
    allLabels: boolean;
    dueBefore: string;
    days: readonly DayLimits[];
    listed?: (running: readonly RunningHead[]) => readonly string[];
  },
): PeriodFacts {
  const st = hotStatements(db);
  const unitsOf = factUnits(db);
  const inPeriod = inPeriodOf(unitsOf);
  const period = { from: q.from, to: q.to };
  const sums: UnitSums[] = [];
  for (const [kind, cols] of Object.entries(SUMS) as [SummedKind, string][]) {
    const params = kind === 'dispatch' || kind === 'due' ? { ...period, asOf: q.asOfCeil } : period;
    for (const r of st.prepared(`select unit, ${cols} ${inPeriod(kind)} group by unit`).all(params) as Record<string, number | string>[])
      sums.push({ ...r, kind, unit: r.unit as string });
  }
  const prevReceived = (st.prepared(`select count(*) as n ${inPeriod('received')}`).get({ from: q.prevFrom, to: q.from }) as { n: number }).n;
  // Same-day dispatch, day by day (each day's limit is the working-day calendar's: the caller's).
  const sameDay = { num: 0, den: 0, pending: 0 };
  const daySql = st.prepared(
    `select sum(done_at is not null and done_at <= lim) as num, sum(done_at is not null or @asOf > lim) as den, sum(done_at is null and not (@asOf > lim)) as pending
     from (select done_at, case when at <= @cutoff then @early else @late end as lim ${inPeriod('received')})`,
  );
  for (const d of q.days) {
    const r = daySql.get({ from: d.start, to: d.end, cutoff: d.cutoff, early: d.early, late: d.late, asOf: q.asOfCeil }) as { num: number | null; den: number | null; pending: number | null };
    sameDay.num += r.num ?? 0;
    sameDay.den += r.den ?? 0;
    sameDay.pending += r.pending ?? 0;
  }
  const places = (st.prepared(`select category, town, count(*) ${inPeriod('received')} group by category, town`).raw().all(period) as [string | null, string | null, number][]).map(
    ([category, town, n]) => ({ category, town, n }),
  );
  const received = (
    (q.allLabels ? st.prepared(`select order_no, at, unit, done_at, category, town, flag2 ${inPeriod('received')}`).raw().all(period) : []) as [
      string,
      string,
      string,
      string | null,
      string | null,
      string | null,
      number,
    ][]
  ).map(([no, at, lead, first, category, town, repeat]) => ({ no, at, lead: lead === '' ? null : lead, firstDispatchedAt: first, category, town, repeat: repeat === 1 }));
  // The received repeats (listed by number), with what the list shows.
  const repeats = (
    st
      .prepared(`select o.no, o.repeat_of, o.title, o.category, o.town, o.lead_unit from orders o where o.no in (select order_no ${inPeriod('received')} and flag2 = 1) order by o.no`)
      .raw()
      .all(period) as [string, string, string | null, string | null, string | null, string | null][]
  ).map(([no, repeatOf, title, category, town, leadUnit]) => ({ no, repeatOf, title, category, town, leadUnit }));
  const titles = new Map<string, string | null>();
  if (q.allLabels)
    for (const [no, title] of st.prepared(`select o.no, o.title from orders o where o.no in (select order_no ${inPeriod('received')})`).raw().all(period) as [string, string | null][])
      titles.set(no, title);
  // Orders due in the period with a co-unit's or community's part (few): their part dispatches.
  const partDue = new Map((st.prepared(`select order_no, at ${inPeriod('due')} and flag = 1`).raw().all(period) as [string, string][]).map(([no, at]) => [no, at]));
  const partDispatches = (
    st
      .prepared(
        // The few orders first, then each one's dispatches by figure_facts_order (unhinted, SQLite scans
        // every dispatch of all time per order: no ANALYZE statistics tell it kind = 'dispatch' is most of the table).
        `select d.order_no, d.unit, d.at, d.ended_at from (select order_no ${inPeriod('due')} and flag = 1) f
         cross join figure_facts d indexed by figure_facts_order on d.order_no = f.order_no and d.kind = 'dispatch' where d.part <> 'lead' order by d.order_no, d.seq`,
      )
      .raw()
      .all(period) as [string, string, string, string | null][]
  ).map(([no, unit, at, endedAt]) => ({ no, unit, at, endedAt, dueAt: partDue.get(no)! }));
  const partReplies = new Map<string, { unit: string; at: string }[]>();
  if (partDispatches.length > 0)
    for (const [no, unit, at] of st
      .prepared(
        `select d.order_no, d.unit, d.at from (select order_no ${inPeriod('due')} and flag = 1) f
         cross join figure_facts d indexed by figure_facts_order on d.order_no = f.order_no and d.kind = 'part' order by d.order_no, d.seq`,
      )
      .raw()
      .all(period) as [string, string, string][]) {
      let l = partReplies.get(no);
      if (!l) partReplies.set(no, (l = []));
      l.push({ unit, at });
    }
  // From orders_status_due_no (status, due_at, no, lead_unit) alone: no order's row is read (a page each).
  const running = (
    st.prepared(`select no, lead_unit, status, due_at from orders where status in (${list(CLOCK_RUNNING)}) and due_at < ? order by no`).raw().all(q.dueBefore) as [
      string,
      string | null,
      string,
      string,
    ][]
  ).map(([no, leadUnit, status, dueAt]) => ({ no, leadUnit, status, dueAt }));
  const runningLabels = new Map<string, RunningLabels>();
  const listed = q.listed?.(running) ?? [];
  if (listed.length > 0)
    for (const [no, type, urgency, category, town, title, receivedAt] of st
      .prepared(`select no, type, urgency, category, town, title, received_at from orders where no in (select value from json_each(?))`)
      .raw()
      .all(JSON.stringify(listed)) as [string, string, string, string | null, string | null, string | null, string][])
      runningLabels.set(no, { type, urgency, category, town, title, receivedAt });
  const tui = (
    st
      .prepared(`select ${STATE_ROW_COLUMNS.join(', ')}, title, town, category from orders where no in (select order_no ${inPeriod('return')} and flag = 1) order by no`)
      .all(period) as (StateRow & { title: string | null; town: string | null; category: string | null })[]
  ).map((r) => ({ no: r.no, state: decodeState(r), title: r.title, town: r.town, category: r.category }));
  const denied = (
    st
      .prepared(
        `select f.order_no, f.unit, f.at, o.title from figure_facts f join orders o on o.no = f.order_no
         where f.kind = 'return_decided' and f.unit in ${unitsOf('return_decided')} and f.at >= @from and f.at < @to and f.result = 'denied' order by f.order_no, f.seq`,
      )
      .raw()
      .all(period) as [string, string, string, string | null][]
  ).map(([no, unit, at, title]) => ({ no, unit, at, title }));
  const awaiting = (
    st
      .prepared(
        // A return waits for review only while its order is return_requested (lifecycle.ts: a return
        // is requested from dispatched or handling, and only its approval or denial leaves that
        // status): the few such orders by status, not every return of all time (~1,500 pages).
        `select f.unit, o.received_at, o.status, o.due_at, o.last_event_at from orders o
         cross join figure_facts f indexed by figure_facts_order on f.order_no = o.no and f.kind = 'return'
         where o.status = 'return_requested' and f.result = 'pending'`,
      )
      .raw()
      .all() as [string, string, string, string, string][]
  ).map(([unit, receivedAt, status, dueAt, lastEventAt]) => ({ unit: unit === '' ? null : unit, receivedAt, status, dueAt, lastEventAt }));
  return {
    sums,
    prevReceived,
    sameDay,
    places,
    received,
    repeats,
    titles,
    partDispatches,
    partReplies,
    running,
    runningLabels,
    tui,
    denied,
    awaiting,
  };
}
