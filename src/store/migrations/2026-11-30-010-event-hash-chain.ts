// The event log becomes tamper-evident: a `hash` column holding the hash chain (see ../chain.ts),
// computed here for the events already stored, in id order. The append-only triggers are dropped
// for the duration (they refuse the UPDATE that fills the column) and created again, exactly as
// before, all inside the one transaction store/db.ts runs pending migrations in.
import { sql, type Kysely } from 'kysely';
import { eventHash, GENESIS, type ChainedFields } from '../chain.js';

export const APPEND_ONLY_TRIGGERS = [
  `create trigger events_no_update before update on events begin select raise(abort, 'events are append-only'); end`,
  `create trigger events_no_delete before delete on events begin select raise(abort, 'events are append-only'); end`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists events_no_update`.execute(db);
  await sql`drop trigger if exists events_no_delete`.execute(db);
  await sql`alter table events add column hash text`.execute(db);
  let prev = GENESIS;
  let after = 0;
  for (;;) {
    const rows = await sql<ChainedFields>`select id, order_no, action, from_status, to_status, unit, actor, occurred_at, recorded_at, note, data from events where id > ${after} order by id limit 2000`.execute(db);
    if (rows.rows.length === 0) break;
    for (const r of rows.rows) {
      prev = eventHash(prev, r);
      await sql`update events set hash = ${prev} where id = ${r.id}`.execute(db);
      after = r.id;
    }
  }
  for (const t of APPEND_ONLY_TRIGGERS) await sql.raw(t).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists events_no_update`.execute(db);
  await sql`alter table events drop column hash`.execute(db);
  await sql.raw(APPEND_ONLY_TRIGGERS[0]!).execute(db);
}
