// The hash chain over the event log: every event stores sha256(the previous event's hash + a
// canonical serialisation of its own fields, id included). An event edited, deleted or inserted
// out of order anywhere breaks the chain from there on, which `hotline check` reports. One column
// (`hash`), not two: the previous hash is already stored in the previous row, and `check`
// recomputes the chain from the first event, so a second copy would prove nothing more.
// The first event's predecessor is GENESIS.
import crypto from 'node:crypto';
import type { EventRow } from './schema.js';

export const GENESIS = '0'.repeat(64);

/** An event row as stored: the hash covers every column but itself. */
export type ChainedFields = Omit<EventRow, 'hash'>;

/** The columns the hash covers after the id, in the canonical order. */
export const CHAINED_COLUMNS = ['order_no', 'action', 'from_status', 'to_status', 'unit', 'actor', 'occurred_at', 'recorded_at', 'note', 'data'] as const satisfies readonly (keyof ChainedFields)[];

/** The canonical serialisation: the id, then the CHAINED_COLUMNS values, as a JSON array. */
function canonical(r: ChainedFields): string {
  return JSON.stringify([r.id, ...CHAINED_COLUMNS.map((c) => r[c])]);
}

/**
 * sha256 in hex: Node's one-shot crypto.hash where it has it (20.12+, no Hash object per call), else
 * a Hash. Chosen on the first hash, not when this module loads: node:crypto (~1.5 ms) loads only
 * for a command that hashes (the CLI bundle loads it lazily, scripts/bundle.mjs).
 */
let hashText: ((text: string) => string) | undefined;
function sha256(text: string): string {
  hashText ??= typeof crypto.hash === 'function' ? (t) => crypto.hash('sha256', t, 'hex') : (t) => crypto.createHash('sha256').update(t).digest('hex');
  return hashText(text);
}

/** The hash an event must store, given the hash of the event before it. */
export function eventHash(prev: string, row: ChainedFields): string {
  return sha256(`${prev}\n${canonical(row)}`);
}

/**
 * eventHash of an event given as the array [id, ...the CHAINED_COLUMNS values] (what an import's
 * write phase reads from its stage): that array is the canonical serialisation's.
 */
export function eventHashOfValues(prev: string, idAndValues: readonly (string | number | null)[]): string {
  return sha256(`${prev}\n${JSON.stringify(idAndValues)}`);
}
