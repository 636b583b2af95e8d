// The figure facts of one order: its folded state (lifecycle's ONE fold) cut into rows, one per
// thing a figure counts, each at the moment it counts at. The store keeps them in the
// `figure_facts` table, rewritten with every change of the order, so a report as of now adds rows
// up in SQL instead of replaying years of logs; `hotline check` verifies the rows equal this
// function of the replayed log. Nothing here judges "late" against the as-of time: what depends on
// the as-of time (pending or late, overdue) is decided when the report is made.
import type { Part } from '../events.js';
import { isTuiCandidate, onTimeSubmission, type DispatchFact, type OrderState } from '../lifecycle.js';
import { timeMs } from '../time.js';

export const FACT_KINDS = [
  'received',
  'due',
  'dispatch',
  'sign',
  'contact',
  'return',
  'return_decided',
  'submission',
  'callback',
  'rework',
  'reminder',
  'supervision',
  'extension',
  'part',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/**
 * One row. Columns are shared by the kinds (each kind's comment says what it puts where); a column
 * a kind does not use is null.
 * - received: at receivedAt; unit the lead; done_at the first dispatch; result the type; flag
 *   answered (any reply or closure request); flag2 a repeat; category, town as registered.
 * - due: at dueAt; unit the unit judged (the submitter of the judged submission, else the lead);
 *   done_at that submission's time (null: none yet); flag 1 when a co-unit or community has a
 *   part (judged on its own limit).
 * - dispatch: at the dispatch; part; limit_at the sign limit; limit2_at the first-contact limit;
 *   done_at signed; done2_at contacted; ended_at; flag 1 for a lead re-dispatch.
 * - sign / contact: at the sign / first contact of a dispatch; unit; flag (sign) signed late.
 * - return: at the request; result the review; flag 1 when the order is a 推诿 candidate.
 * - return_decided: at the office's decision; result approved | denied.
 * - submission: at; result reply | closure; flag by the office.
 * - callback: at; result the satisfaction; flag contacted, flag2 solved (null: not said).
 * - rework, reminder, supervision, extension: at, unit.
 * - part: a co-unit's or community's part reply: at, unit, part.
 * The facts that make a unit have handled an order (dispatch, return, submission, callback: a
 * "touch") also carry touch_prev, the time of the order's previous touch by the same unit, and
 * touch_prev_any, of its previous touch by any unit (touches in (at, kind, seq) order; null: the
 * first). A unit handled an order in a period exactly when one of its touches in the period has
 * its previous one before the period (or none): so "distinct orders handled" is a plain sum.
 */
export interface FigureFact {
  kind: FactKind;
  /** Position among the order's facts of that kind (timeline order). */
  seq: number;
  at: string;
  unit: string | null;
  part: Part | null;
  limit_at: string | null;
  limit2_at: string | null;
  done_at: string | null;
  done2_at: string | null;
  ended_at: string | null;
  result: string | null;
  flag: number | null;
  flag2: number | null;
  category: string | null;
  town: string | null;
  touch_prev: string | null;
  touch_prev_any: string | null;
}

/** A fact's columns besides its kind and seq, in the table's order (the store, check and make-db write and compare these). */
export const FACT_VALUE_COLUMNS = [
  'at',
  'unit',
  'part',
  'limit_at',
  'limit2_at',
  'done_at',
  'done2_at',
  'ended_at',
  'result',
  'flag',
  'flag2',
  'category',
  'town',
  'touch_prev',
  'touch_prev_any',
] as const satisfies readonly (keyof FigureFact)[];

/** The kinds that count as the unit handling the order (DOMAIN.md: dispatched, returned, answered or called back). */
export const TOUCH_KINDS: readonly FactKind[] = ['dispatch', 'return', 'submission', 'callback'];

/** The registered fields a figure groups by that the fold does not hold. */
export interface FactLabels {
  category: string | null;
  town: string | null;
}

const bool = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);

/** A lead dispatch that replaced one ending the moment it was made (a re-dispatch). */
export function isRedispatch(all: readonly DispatchFact[], d: DispatchFact): boolean {
  return all.some((x) => x.part === 'lead' && x !== d && timeMs(x.at) < timeMs(d.at) && x.endedAt !== null && x.endedAt === d.at);
}

/** The figure facts of an order's current state, in a fixed order (kind, then seq). */
export function figureFacts(st: OrderState, labels: FactLabels): FigureFact[] {
  const out: FigureFact[] = [];
  const seqs = new Map<FactKind, number>();
  const row = (kind: FactKind, at: string, unit: string | null, more: Partial<FigureFact> = {}): void => {
    const seq = seqs.get(kind) ?? 0;
    seqs.set(kind, seq + 1);
    out.push({
      kind,
      seq,
      at,
      unit,
      part: null,
      limit_at: null,
      limit2_at: null,
      done_at: null,
      done2_at: null,
      ended_at: null,
      result: null,
      flag: null,
      flag2: null,
      category: null,
      town: null,
      touch_prev: null,
      touch_prev_any: null,
      ...more,
    });
  };
  const t = st.timeline;
  row('received', st.receivedAt, st.leadUnit, {
    done_at: st.firstDispatchedAt,
    result: st.type,
    flag: t.submissions.length > 0 ? 1 : 0,
    flag2: st.repeatOf ? 1 : 0,
    category: labels.category,
    town: labels.town,
  });
  const by = onTimeSubmission(st);
  row('due', st.dueAt, by ? by.unit : st.leadUnit, { done_at: by ? by.at : null, flag: t.dispatches.some((d) => d.part !== 'lead') ? 1 : 0 });
  for (const d of t.dispatches)
    row('dispatch', d.at, d.unit, {
      part: d.part,
      limit_at: d.signDueAt,
      limit2_at: d.contactDueAt,
      done_at: d.signedAt,
      done2_at: d.contactedAt,
      ended_at: d.endedAt,
      flag: d.part === 'lead' && isRedispatch(t.dispatches, d) ? 1 : 0,
    });
  for (const d of t.dispatches) if (d.signedAt !== null) row('sign', d.signedAt, d.unit, { part: d.part, flag: timeMs(d.signedAt) > timeMs(d.signDueAt) ? 1 : 0 });
  for (const d of t.dispatches) if (d.contactedAt !== null) row('contact', d.contactedAt, d.unit, { part: d.part });
  const tui = isTuiCandidate(st) ? 1 : 0;
  for (const r of t.returns) row('return', r.at, r.unit, { result: r.review, flag: tui });
  for (const r of t.returns) if (r.decidedAt !== null && r.review !== 'direct') row('return_decided', r.decidedAt, r.unit, { result: r.review });
  for (const x of t.submissions) row('submission', x.at, x.unit, { result: x.kind, flag: x.byOffice ? 1 : 0 });
  for (const c of t.callbacks) row('callback', c.at, c.unit, { result: c.satisfaction, flag: bool(c.contacted), flag2: bool(c.solved) });
  for (const r of t.reworks) row('rework', r.at, r.unit);
  for (const r of t.reminders) row('reminder', r.at, r.unit);
  for (const r of t.supervisions) row('supervision', r.at, r.unit);
  for (const r of t.extensions) row('extension', r.at, r.unit);
  for (const p of t.parts) row('part', p.at, p.unit, { part: p.part });
  linkTouches(out);
  return out;
}

/** Set touch_prev and touch_prev_any on the touches by a unit (see FigureFact). */
function linkTouches(facts: FigureFact[]): void {
  const rank = (k: FactKind): number => TOUCH_KINDS.indexOf(k);
  const touches = facts
    .filter((f) => rank(f.kind) >= 0 && f.unit !== null && f.unit !== '')
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : rank(a.kind) - rank(b.kind) || a.seq - b.seq));
  const lastBy = new Map<string, string>();
  let lastAny: string | null = null;
  for (const f of touches) {
    f.touch_prev = lastBy.get(f.unit!) ?? null;
    f.touch_prev_any = lastAny;
    lastBy.set(f.unit!, f.at);
    lastAny = f.at;
  }
}
