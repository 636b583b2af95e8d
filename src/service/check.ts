// `hotline check`: is this database sound and this build's? SQLite's integrity and foreign-key
// checks; the schema equal to the one this build's migrations make (tables, indexes, and the
// append-only triggers present, unchanged, and no other trigger); the event log's hash chain
// unbroken; every order's stored state, last event time and figure facts equal to what the replay
// of its log gives. `restore` and `migrate-to` run the same checks. Read-only.
import { isDeepStrictEqual } from 'node:util';
import type { MessageParams } from '../domain/errors.js';
import { FACT_VALUE_COLUMNS } from '../domain/figures/facts.js';
import { replay, type OrderState } from '../domain/lifecycle.js';
import {
  appliedMigrationNames,
  expectedSchema,
  firstBrokenLink,
  foreignKeyProblems,
  integrityProblems,
  knownMigrations,
  ordersWithEvents,
  schemaShape,
} from '../store/check.js';
import type { Db } from '../store/db.js';
import { isPostgres } from '../store/dialect.js';
import { factRows } from '../store/facts.js';
import type { StoredOrder } from '../store/orders.js';
import type { FigureFactsTable } from '../store/schema.js';

export const CHECKS = ['schema', 'integrity', 'foreignKeys', 'triggers', 'chain', 'replay'] as const;
export type CheckName = (typeof CHECKS)[number];

export interface CheckProblem {
  check: CheckName;
  /** A message key (src/i18n/safety.ts) and its parameters. */
  code: string;
  params: MessageParams;
}

export interface CheckReport {
  ok: boolean;
  orders: number;
  events: number;
  /** What was checked and passed, in order; a check that could not run is a problem. */
  passed: CheckName[];
  problems: CheckProblem[];
  /** Problems of one kind beyond the first MAX_LISTED are counted here, not listed. */
  more: number;
}

const MAX_LISTED = 50;

export async function checkDatabase(db: Db): Promise<CheckReport> {
  const problems: CheckProblem[] = [];
  let more = 0;
  const report = (p: CheckProblem): void => {
    if (problems.filter((q) => q.check === p.check).length < MAX_LISTED) problems.push(p);
    else more++;
  };
  const counts = { orders: 0, events: 0 };
  const run = async (check: CheckName, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (e) {
      report({ check, code: 'check.couldNotRun', params: { check, reason: (e as Error).message } });
    }
  };

  let tablesOk = true;
  await run('schema', async () => {
    const known = knownMigrations();
    const applied = await appliedMigrationNames(db);
    for (const m of known.filter((k) => !applied.includes(k))) report({ check: 'schema', code: 'check.migrationMissing', params: { migration: m } });
    for (const m of applied.filter((a) => !known.includes(a))) report({ check: 'schema', code: 'check.migrationUnknown', params: { migration: m } });
    const want = await expectedSchema(db);
    const have = await schemaShape(db);
    for (const [key, w] of want) {
      const h = have.get(key);
      const check: CheckName = w.kind === 'trigger' ? 'triggers' : 'schema';
      if (!h) {
        if (w.kind === 'table') tablesOk = false;
        report({ check, code: w.kind === 'trigger' ? 'check.triggerMissing' : 'check.schemaMissing', params: { kind: w.kind, name: w.name } });
      } else if (h.shape !== w.shape) {
        if (w.kind === 'table') tablesOk = false;
        report({ check, code: w.kind === 'trigger' ? 'check.triggerChanged' : 'check.schemaDiffers', params: { kind: w.kind, name: w.name } });
      }
    }
    for (const [key, h] of have) {
      if (want.has(key)) continue;
      if (h.kind === 'trigger') report({ check: 'triggers', code: 'check.triggerUnexpected', params: { name: h.name, table: h.table } });
      else report({ check: 'schema', code: 'check.schemaUnexpected', params: { kind: h.kind, name: h.name } });
    }
  });
  await run('integrity', async () => {
    for (const detail of await integrityProblems(db)) report({ check: 'integrity', code: 'check.integrity', params: { detail } });
  });
  await run('foreignKeys', async () => {
    for (const p of await foreignKeyProblems(db)) report({ check: 'foreignKeys', code: 'check.foreignKey', params: { table: p.table, rowid: p.rowid ?? '-', parent: p.parent } });
  });
  if (tablesOk) {
    await run('chain', async () => {
      const link = await firstBrokenLink(db);
      counts.events = link.events;
      if (link.id !== null) report({ check: 'chain', code: 'check.chainBroken', params: { id: link.id, no: link.orderNo } });
    });
    await run('replay', async () => {
      for await (const batch of ordersWithEvents(db)) {
        for (const { order, events, facts } of batch.orders) {
          counts.orders++;
          for (const diff of replayDifferences(order, events, facts)) report({ check: 'replay', ...diff });
        }
        for (const no of batch.strayFacts) report({ check: 'replay', code: 'check.factsWithoutOrder', params: { no } });
      }
    });
  } else {
    for (const check of ['chain', 'replay'] as const) report({ check, code: 'check.skipped', params: { check } });
  }
  const failed = new Set(problems.map((p) => p.check));
  // PostgreSQL has no integrity_check and enforces foreign keys itself: those two are not claimed.
  const notRun = new Set<CheckName>(isPostgres(db) ? ['integrity', 'foreignKeys'] : []);
  return { ok: problems.length === 0, ...counts, passed: CHECKS.filter((c) => !failed.has(c) && !notRun.has(c)), problems, more };
}

/** The fields of the orders row that hold the lifecycle state (the indexed ones, and the whole). */
const STATE_FIELDS = ['status', 'dueAt', 'leadUnit', 'coUnits', 'returnCount', 'reworkCount', 'extensionDays', 'satisfaction', 'repeatOf', 'firstDispatchedAt'] as const;

type Difference = Omit<CheckProblem, 'check'>;

/**
 * Why an order's stored state, its last event time or its figure_facts rows are not what its
 * log gives (each at most once, the first difference of each); empty when they are.
 */
export function replayDifferences(order: StoredOrder, events: Parameters<typeof replay>[0], facts: readonly FigureFactsTable[]): Difference[] {
  if (events.length === 0) return [{ code: 'check.noEvents', params: { no: order.no } }];
  let state: OrderState;
  try {
    state = replay(events);
  } catch (e) {
    return [{ code: 'check.replayFailed', params: { no: order.no, reason: (e as Error).message } }];
  }
  const out: Difference[] = [];
  const stateDiff = stateDifference(order, state);
  if (stateDiff) out.push(stateDiff);
  const last = events.reduce((max, e) => (e.occurredAt > max ? e.occurredAt : max), '');
  if (order.lastEventAt !== last) out.push({ code: 'check.lastEventDiffers', params: { no: order.no, stored: order.lastEventAt, replayed: last } });
  const factsDiff = factsDifference(order.no, facts, factRows(order.no, state, { category: order.category ?? null, town: order.town ?? null }));
  if (factsDiff) out.push(factsDiff);
  return out;
}

function stateDifference(order: StoredOrder, state: OrderState): Difference | null {
  for (const f of STATE_FIELDS) {
    if (!isDeepStrictEqual(order[f] ?? null, state[f] ?? null)) {
      return { code: 'check.stateDiffers', params: { no: order.no, field: f, stored: JSON.stringify(order[f] ?? null), replayed: JSON.stringify(state[f] ?? null) } };
    }
  }
  // The row's full state (what the next action starts from) must be the replay too.
  if (!isDeepStrictEqual(order.state, JSON.parse(JSON.stringify(state)))) return { code: 'check.stateDiffers', params: { no: order.no, field: 'state', stored: '…', replayed: '…' } };
  return null;
}

/** The columns of a figure fact beside its key (kind, seq); order_no is the order's. */
const FACT_COLUMNS = FACT_VALUE_COLUMNS;

type FactLike = Pick<FigureFactsTable, 'kind' | 'seq' | (typeof FACT_COLUMNS)[number]>;

const byKey = (a: FactLike, b: FactLike): number => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.seq - b.seq || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

/**
 * The first difference between an order's stored figure facts and those of its replayed state,
 * both taken in (kind, seq) order whatever order the rows were read in: a fact missing, one too
 * many, or a column that differs. Null when they are the same rows with the same values.
 */
export function factsDifference(no: string, stored: readonly FactLike[], replayed: readonly FactLike[]): Difference | null {
  const have = [...stored].sort(byKey);
  const want = [...replayed].sort(byKey);
  let i = 0;
  let j = 0;
  while (i < have.length || j < want.length) {
    const h = have[i];
    const w = want[j];
    const order = !h ? 1 : !w ? -1 : h.kind < w.kind ? -1 : h.kind > w.kind ? 1 : h.seq - w.seq;
    if (order < 0) return { code: 'check.factUnexpected', params: { no, fact: h!.kind, seq: h!.seq } };
    if (order > 0) return { code: 'check.factMissing', params: { no, fact: w!.kind, seq: w!.seq } };
    for (const c of FACT_COLUMNS) {
      const a = h![c] ?? null;
      const b = w![c] ?? null;
      if (a !== b) return { code: 'check.factsDiffer', params: { no, fact: w!.kind, seq: w!.seq, column: c, stored: JSON.stringify(a), replayed: JSON.stringify(b) } };
    }
    i++;
    j++;
  }
  return null;
}
