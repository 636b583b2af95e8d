// What an order must look like to be registered, by import or by `add` (one rule, one home):
// the order number's shape, a received time that is neither in the future nor absurdly old,
// and the largest cell a row may carry. Pure: no I/O.
import { atBeijing } from './time.js';

/** Longest order number accepted. */
export const MAX_NO_LENGTH = 64;

/**
 * An order number: letters (any script) and digits, with `-`, `_`, `.` between them; at most
 * MAX_NO_LENGTH characters. No spaces, slashes, quotes or other punctuation (the city's numbers
 * are like YX2026112400012; Open311 ids are digits).
 */
const NO_SHAPE = /^[\p{L}\p{N}](?:[\p{L}\p{N}._-]*[\p{L}\p{N}])?$/u;

export type IntakeProblem = { code: string; params: Record<string, string | number> };

/** The number as stored (NFKC, trimmed), or why it is refused. */
export function checkOrderNo(raw: string): { ok: true; no: string } | { ok: false; problem: IntakeProblem } {
  const no = raw.normalize('NFKC').trim();
  if (no === '') return { ok: false, problem: { code: 'import.row.missingNo', params: {} } };
  if (no.length > MAX_NO_LENGTH || !NO_SHAPE.test(no)) {
    return { ok: false, problem: { code: 'import.row.badNo', params: { value: no.slice(0, MAX_NO_LENGTH + 1), max: MAX_NO_LENGTH } } };
  }
  return { ok: true, no };
}

/** How far after now a received time may be (clocks of the city platform and ours differ a little). */
export const FUTURE_TOLERANCE_MINUTES = 10;
/** The earliest year a received time may have (12345 hotlines date from the 2000s). */
export const MIN_RECEIVED_YEAR = 2000;

/** Why a received time is refused (after now + tolerance, or before MIN_RECEIVED_YEAR); null when fine. */
export function checkReceivedAt(received: Date, now: Date): IntakeProblem | null {
  if (received.getTime() > now.getTime() + FUTURE_TOLERANCE_MINUTES * 60_000) {
    return { code: 'input.receivedInFuture', params: { minutes: FUTURE_TOLERANCE_MINUTES } };
  }
  if (received.getTime() < atBeijing(`${MIN_RECEIVED_YEAR}-01-01`).getTime()) {
    return { code: 'input.receivedTooOld', params: { year: MIN_RECEIVED_YEAR } };
  }
  return null;
}

/** The largest cell (in characters) a row may hold; a row with a larger one is refused, not stored. */
export const MAX_CELL_CHARS = 64 * 1024;
