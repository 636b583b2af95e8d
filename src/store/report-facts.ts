// What a report as of now reads instead of the logs: the period's figure facts (figure_facts,
// written from the fold with every change), summed by SQL where a figure is a count and read as
// rows where a figure needs the working-day calendar (same-day dispatch, co-units' part limits) or
// a list. Each query is one range of figure_facts' primary key (kind, at). The figures themselves
// are domain/figures/collect-facts.ts; the equivalence with replaying every log is a test.
import { CLOCK_RUNNING } from '../domain/order.js';
import type { Db } from './db.js';
import { isPostgres } from './dialect.js';
import { hotStatements } from './statements.js';

/** Kinds counted by unit in one grouped query (received, due and part are read as rows). */
const GROUPED = ['dispatch', 'sign', 'contact', 'return', 'return_decided', 'submission', 'callback', 'rework', 'reminder', 'supervision', 'extension'] as const;
const TOUCHING = ['dispatch', 'return', 'submission', 'callback'] as const;

/** Facts of one kind and unit that count alike, and how many there are. */
export interface FactGroup {
  kind: string;
  unit: string | null;
  part: string | null;
  result: string | null;
  flag: number | null;
  flag2: number | null;
  /** Dispatches: the sign verdict (0 left out, 1 in time, 2 late, 3 not yet decided). */
  v1: number | null;
  /** Dispatches: the first-contact verdict. */
  v2: number | null;
  n: number;
}

export interface ReceivedFact {
  no: string;
  at: string;
  lead: string | null;
  firstDispatchedAt: string | null;
  type: string;
  category: string | null;
  town: string | null;
  answered: boolean;
  repeat: boolean;
}

export interface DueFact {
  no: string;
  dueAt: string;
  unit: string | null;
  submittedAt: string | null;
}

export interface PartDispatch {
  no: string;
  unit: string;
  at: string;
  endedAt: string | null;
}

export interface RunningOrder {
  no: string;
  type: string;
  urgency: string;
  category: string | null;
  town: string | null;
  title: string | null;
  receivedAt: string;
  leadUnit: string | null;
  status: string;
  dueAt: string;
}

export interface PeriodFacts {
  groups: FactGroup[];
  handled: { unit: string; n: number }[];
  handledTotal: number;
  prevReceived: number;
  received: ReceivedFact[];
  /** Title and repeatOf of received orders that are repeats (and of all received, when asked). */
  labels: Map<string, { title: string | null; repeatOf: string | null }>;
  due: DueFact[];
  /** Co-units' and communities' dispatches of orders due in the period, and their part replies. */
  partDispatches: PartDispatch[];
  partReplies: Map<string, { unit: string; at: string }[]>;
  running: RunningOrder[];
  /** 推诿 candidates with a return requested in the period: their stored state and labels. */
  tui: { no: string; state: string; title: string | null; town: string | null; category: string | null }[];
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
 */
export function periodFacts(db: Db, q: { prevFrom: string; from: string; to: string; asOfCeil: string; allLabels: boolean }): PeriodFacts {
  const st = hotStatements(db);
  const verdict = (done: string, limit: string) =>
    `case when ${limit} is null then 0 when ${done} is not null then (case when ${done} <= ${limit} then 1 else 2 end)` +
    ` when ended_at is not null and ended_at <= ${limit} then 0 when @asOf > ${limit} then 2 else 3 end`;
  const groups = st
    .prepared(
      `select kind, unit, part, result, flag, flag2,
         case when kind = 'dispatch' then ${verdict('done_at', 'limit_at')} end as v1,
         case when kind = 'dispatch' then ${verdict('done2_at', 'limit2_at')} end as v2,
         count(*) as n
       from figure_facts where kind in (${list(GROUPED)}) and at >= @from and at < @to
       group by kind, unit, part, result, flag, flag2, v1, v2`,
    )
    .all({ from: q.from, to: q.to, asOf: q.asOfCeil }) as FactGroup[];
  const touching = `from figure_facts where kind in (${list(TOUCHING)}) and at >= @from and at < @to and unit is not null and unit <> ''`;
  const handled = st.prepared(`select unit, count(distinct order_no) as n ${touching} group by unit`).all({ from: q.from, to: q.to }) as { unit: string; n: number }[];
  const handledTotal = (st.prepared(`select count(distinct order_no) as n ${touching}`).get({ from: q.from, to: q.to }) as { n: number }).n;
  const prevReceived = (
    st.prepared(`select count(*) as n from figure_facts where kind = 'received' and at >= ? and at < ?`).get(q.prevFrom, q.from) as { n: number }
  ).n;
  const received = (
    st
      .prepared(`select order_no, at, unit, done_at, result, category, town, flag, flag2 from figure_facts where kind = 'received' and at >= ? and at < ?`)
      .raw()
      .all(q.from, q.to) as [string, string, string | null, string | null, string, string | null, string | null, number, number][]
  ).map(([no, at, lead, first, type, category, town, answered, repeat]) => ({
    no,
    at,
    lead,
    firstDispatchedAt: first,
    type,
    category,
    town,
    answered: answered === 1,
    repeat: repeat === 1,
  }));
  const labels = new Map<string, { title: string | null; repeatOf: string | null }>();
  const labelSql = q.allLabels
    ? `select o.no, o.title, o.repeat_of from figure_facts f join orders o on o.no = f.order_no where f.kind = 'received' and f.at >= ? and f.at < ?`
    : `select o.no, o.title, o.repeat_of from figure_facts f join orders o on o.no = f.order_no where f.kind = 'received' and f.at >= ? and f.at < ? and f.flag2 = 1`;
  for (const [no, title, repeatOf] of st.prepared(labelSql).raw().all(q.from, q.to) as [string, string | null, string | null][]) labels.set(no, { title, repeatOf });
  const due = (st.prepared(`select order_no, at, unit, done_at from figure_facts where kind = 'due' and at >= ? and at < ?`).raw().all(q.from, q.to) as [string, string, string | null, string | null][]).map(
    ([no, dueAt, unit, submittedAt]) => ({ no, dueAt, unit, submittedAt }),
  );
  const dueOrders = `select order_no from figure_facts where kind = 'due' and at >= @from and at < @to`;
  const partDispatches = (
    st
      .prepared(`select order_no, unit, at, ended_at from figure_facts where kind = 'dispatch' and part <> 'lead' and order_no in (${dueOrders}) order by order_no, seq`)
      .raw()
      .all({ from: q.from, to: q.to }) as [string, string, string, string | null][]
  ).map(([no, unit, at, endedAt]) => ({ no, unit, at, endedAt }));
  const partReplies = new Map<string, { unit: string; at: string }[]>();
  if (partDispatches.length > 0)
    for (const [no, unit, at] of st
      .prepared(`select order_no, unit, at from figure_facts where kind = 'part' and order_no in (${dueOrders}) order by order_no, seq`)
      .raw()
      .all({ from: q.from, to: q.to }) as [string, string, string][]) {
      let l = partReplies.get(no);
      if (!l) partReplies.set(no, (l = []));
      l.push({ unit, at });
    }
  const running = (
    st
      .prepared(
        `select no, type, urgency, category, town, title, received_at, lead_unit, status, due_at from orders where status in (${list(CLOCK_RUNNING)}) order by no`,
      )
      .raw()
      .all() as [string, string, string, string | null, string | null, string | null, string, string | null, string, string][]
  ).map(([no, type, urgency, category, town, title, receivedAt, leadUnit, status, dueAt]) => ({ no, type, urgency, category, town, title, receivedAt, leadUnit, status, dueAt }));
  const tui = (
    st
      .prepared(
        `select no, state, title, town, category from orders where no in
           (select order_no from figure_facts where kind = 'return' and at >= ? and at < ? and flag = 1) order by no`,
      )
      .raw()
      .all(q.from, q.to) as [string, string, string | null, string | null, string | null][]
  ).map(([no, state, title, town, category]) => ({ no, state, title, town, category }));
  const denied = (
    st
      .prepared(
        `select f.order_no, f.unit, f.at, o.title from figure_facts f join orders o on o.no = f.order_no
         where f.kind = 'return_decided' and f.result = 'denied' and f.at >= ? and f.at < ? order by f.order_no, f.seq`,
      )
      .raw()
      .all(q.from, q.to) as [string, string, string, string | null][]
  ).map(([no, unit, at, title]) => ({ no, unit, at, title }));
  const awaiting = (
    st
      .prepared(
        `select f.unit, o.received_at, o.status, o.due_at, o.last_event_at from figure_facts f join orders o on o.no = f.order_no
         where f.kind = 'return' and f.result = 'pending'`,
      )
      .raw()
      .all() as [string | null, string, string, string, string][]
  ).map(([unit, receivedAt, status, dueAt, lastEventAt]) => ({ unit, receivedAt, status, dueAt, lastEventAt }));
  return { groups, handled, handledTotal, prevReceived, received, labels, due, partDispatches, partReplies, running, tui, denied, awaiting };
}
