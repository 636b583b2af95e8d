// `hotline check`: is this database sound and this build's? SQLite's integrity and foreign-key
// checks; the schema equal to the one this build's migrations make (tables, indexes, and the
// append-only triggers present, unchanged, and no other trigger); the event log's hash chain
// unbroken; every order's stored state equal to the replay of its log. `restore` runs the same
// checks on the file it is given. Read-only.
import { isDeepStrictEqual } from 'node:util';
import type { MessageParams } from '../domain/errors.js';
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
import type { StoredOrder } from '../store/orders.js';

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
    const want = await expectedSchema();
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
        for (const { order, events } of batch) {
          counts.orders++;
          const diff = replayDifference(order, events);
          if (diff) report({ check: 'replay', ...diff });
        }
      }
    });
  } else {
    for (const check of ['chain', 'replay'] as const) report({ check, code: 'check.skipped', params: { check } });
  }
  const failed = new Set(problems.map((p) => p.check));
  return { ok: problems.length === 0, ...counts, passed: CHECKS.filter((c) => !failed.has(c)), problems, more };
}

/** The fields of the orders row that hold the lifecycle state (the indexed ones, and the whole). */
const STATE_FIELDS = ['status', 'dueAt', 'leadUnit', 'coUnits', 'returnCount', 'reworkCount', 'extensionDays', 'satisfaction', 'repeatOf', 'firstDispatchedAt'] as const;

/** Why an order's stored state is not its log's replay; null when it is. */
export function replayDifference(order: StoredOrder, events: Parameters<typeof replay>[0]): Omit<CheckProblem, 'check'> | null {
  if (events.length === 0) return { code: 'check.noEvents', params: { no: order.no } };
  let state: OrderState;
  try {
    state = replay(events);
  } catch (e) {
    return { code: 'check.replayFailed', params: { no: order.no, reason: (e as Error).message } };
  }
  for (const f of STATE_FIELDS) {
    if (!isDeepStrictEqual(order[f] ?? null, state[f] ?? null)) {
      return { code: 'check.stateDiffers', params: { no: order.no, field: f, stored: JSON.stringify(order[f] ?? null), replayed: JSON.stringify(state[f] ?? null) } };
    }
  }
  // The row's full state (what the next action starts from) must be the replay too.
  if (!isDeepStrictEqual(order.state, JSON.parse(JSON.stringify(state)))) return { code: 'check.stateDiffers', params: { no: order.no, field: 'state', stored: '…', replayed: '…' } };
  return null;
}
