// The hash chain over the event log: every event stores sha256(the previous event's hash + a
// canonical serialisation of its own fields, id included). An event edited, deleted or inserted
// out of order anywhere breaks the chain from there on, which `hotline check` reports. One column
// (`hash`), not two: the previous hash is already stored in the previous row, and `check`
// recomputes the chain from the first event, so a second copy would prove nothing more.
// The first event's predecessor is GENESIS.
import { createHash } from 'node:crypto';
import type { EventRow } from './schema.js';

export const GENESIS = '0'.repeat(64);

/** An event row as stored: the hash covers every column but itself. */
export type ChainedFields = Omit<EventRow, 'hash'>;

/** The canonical serialisation: the stored values in a fixed order, as a JSON array. */
function canonical(r: ChainedFields): string {
  return JSON.stringify([r.id, r.order_no, r.action, r.from_status, r.to_status, r.unit, r.actor, r.occurred_at, r.recorded_at, r.note, r.data]);
}

/** The hash an event must store, given the hash of the event before it. */
export function eventHash(prev: string, row: ChainedFields): string {
  return createHash('sha256').update(prev).update('\n').update(canonical(row)).digest('hex');
}
