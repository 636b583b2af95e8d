// How an order's folded state (domain/lifecycle.ts OrderState) is kept in `orders.state`.
//
// The row's columns already hold ten of its fields (status, due_at, lead_unit, … written from the
// same state in the same statement) and most of the rest are empty for most orders (a registered
// order that nobody dispatched yet has nulls, zeros, empty lists and an empty timeline). Written
// whole, the JSON was ~820 bytes an order, the biggest part of an imported row and of the import's
// time (issue 13); written compactly, a fresh order's state is ~80 bytes:
// - a field the row's columns hold (the `column` entries) is left out and read back from them;
// - a field equal to its empty value (`empty`) is left out and read back as that value;
// - every other field is written as it is.
// A state written whole (before this encoding, or by bench/make-db.mjs) has `no` in it and is
// read as it is. FIELDS names every field of OrderState, so a new field does not compile until it
// says where it is kept.
import type { OrderState, Timeline } from '../domain/lifecycle.js';
import type { OrderStatus, Satisfaction } from '../domain/order.js';
import type { OrderRow } from './schema.js';

/** The row's columns written from the state (store/orders.ts writes them in this order). */
export const STATE_COLUMNS = [
  'status',
  'due_at',
  'lead_unit',
  'co_units',
  'return_count',
  'rework_count',
  'extension_days',
  'satisfaction',
  'repeat_of',
  'first_dispatched_at',
  'state',
] as const satisfies readonly (keyof OrderRow)[];

/** The row's columns a stored state is read back with (select them with `state`). */
export const STATE_ROW_COLUMNS = ['no', ...STATE_COLUMNS] as const;

export type StateRow = Pick<OrderRow, (typeof STATE_ROW_COLUMNS)[number]>;

type Written = Partial<Record<keyof OrderState, unknown>>;
type Field<K extends keyof OrderState> =
  | { column: (r: StateRow) => OrderState[K] }
  | { empty: (v: OrderState[K], s: OrderState) => boolean; fill: (written: Written) => OrderState[K] };

const isNull = (v: unknown): boolean => v === null;
const isZero = (v: number): boolean => v === 0;
const nothing = (): null => null;
const zero = (): number => 0;
/** Always written (not in a column that is written from the state). */
const always = { empty: () => false, fill: (): never => { throw new Error('state: a field written always is missing'); } };

function emptyTimeline(): Timeline {
  return { dispatches: [], returns: [], submissions: [], callbacks: [], reworks: [], extensions: [], reminders: [], supervisions: [], parts: [] };
}

const FIELDS: { [K in keyof OrderState]-?: Field<K> } = {
  no: { column: (r) => r.no },
  status: { column: (r) => r.status as OrderStatus },
  // type, urgency and receivedAt have columns too, but those are the registered fields, written
  // from the city's input: the state's own are kept with it.
  type: always,
  urgency: always,
  receivedAt: always,
  dueAt: { column: (r) => r.due_at },
  leadUnit: { column: (r) => r.lead_unit },
  coUnits: { column: (r) => (r.co_units === '[]' ? [] : (JSON.parse(r.co_units) as string[])) },
  community: { empty: isNull, fill: nothing },
  dispatchedAt: { empty: isNull, fill: nothing },
  firstDispatchedAt: { column: (r) => r.first_dispatched_at },
  signDueAt: { empty: isNull, fill: nothing },
  contactDueAt: { empty: isNull, fill: nothing },
  returnUntil: { empty: isNull, fill: nothing },
  signedAt: { empty: isNull, fill: nothing },
  statusBeforeReturn: { empty: isNull, fill: nothing },
  returnCount: { column: (r) => r.return_count },
  returnUnits: { empty: (v) => v.length === 0, fill: () => [] },
  reworkCount: { column: (r) => r.rework_count },
  extensionDays: { column: (r) => r.extension_days },
  pendingExtension: { empty: isNull, fill: nothing },
  satisfaction: { column: (r) => r.satisfaction as Satisfaction | null },
  closureReason: { empty: isNull, fill: nothing },
  repeatOf: { column: (r) => r.repeat_of },
  remindCount: { empty: isZero, fill: zero },
  superviseCount: { empty: isZero, fill: zero },
  superviseLevel: { empty: isNull, fill: nothing },
  repliedAt: { empty: isNull, fill: nothing },
  closureRequestedAt: { empty: isNull, fill: nothing },
  answeredAt: { empty: isNull, fill: nothing },
  closedAt: { empty: isNull, fill: nothing },
  // Until something happens to it, an order last changed when it was received.
  lastChangeAt: { empty: (v, s) => v === s.receivedAt, fill: (w) => w.receivedAt as string },
  timeline: { empty: (t) => Object.values(t).every((l: unknown[]) => l.length === 0), fill: emptyTimeline },
};

const KEYS = Object.keys(FIELDS) as (keyof OrderState)[];
/** The fields written when not empty (the others are in columns). */
const KEPT = KEYS.filter((k) => !('column' in FIELDS[k]));

/** The text of `orders.state` for a state whose other fields the same row's columns hold. */
export function encodeState(s: OrderState): string {
  const out: Written = {};
  for (const k of KEPT) {
    const f = FIELDS[k] as { empty: (v: unknown, s: OrderState) => boolean };
    if (!f.empty(s[k], s)) out[k] = s[k];
  }
  return JSON.stringify(out);
}

/** The state a row holds (its `state` text with its columns). */
export function decodeState(r: StateRow): OrderState {
  const written = JSON.parse(r.state) as Written;
  // Written whole (before the compact encoding): as it is.
  if ('no' in written) return written as unknown as OrderState;
  const s: Written = {};
  for (const k of KEYS) {
    const f = FIELDS[k] as Field<typeof k>;
    s[k] = 'column' in f ? f.column(r) : k in written ? written[k] : f.fill(written);
  }
  return s as OrderState;
}
