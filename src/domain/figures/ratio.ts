// Rates and shares (DOMAIN.md Figures): the ONE place numbers are rounded. A rate is a ratio 0..1
// with 4 decimals (two decimals as a percentage), null when its denominator is 0 — never 0 % or
// 100 % for "nothing to judge". Shares of a whole are rounded by largest remainder so that they
// add up to exactly 100 %, and every renderer prints the ratio it is given (text, table and chart agree).

/** A ratio 0..1 (4 decimals), or null when its denominator is 0. Never NaN. */
export type Ratio = number | null;

/** A rate with the counts it was computed from, shown beside it. */
export interface Rate {
  num: number;
  den: number;
  /** Cases not yet decided at the as-of time: left out of den, counted apart. */
  pending: number;
  rate: Ratio;
}

const SCALE = 10_000; // 4 decimals of a ratio = 2 decimals of a percentage

export function ratio(num: number, den: number): Ratio {
  return den > 0 ? round(num / den, 4) : null;
}

export function rate(num: number, den: number, pending = 0): Rate {
  return { num, den, pending, rate: ratio(num, den) };
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  // toPrecision(12) first: 78.335 × 100 is 7833.499999…, and half of a unit must round up.
  return Math.round(Number((x * f).toPrecision(12))) / f;
}

/**
 * Shares of a whole by largest remainder: each count's share of `total` (the sum of all counts
 * when omitted), rounded to 4 decimals so that the shares of a complete partition add up to 1
 * exactly. Ties in the remainder go to the larger count, then to the earlier one.
 */
export function shares(counts: readonly number[], total?: number): Ratio[] {
  const whole = total ?? counts.reduce((a, b) => a + b, 0);
  if (whole <= 0) return counts.map(() => null);
  const exact = counts.map((c) => (c * SCALE) / whole);
  const floors = exact.map((x) => Math.floor(Number(x.toPrecision(12))));
  const sum = counts.reduce((a, b) => a + b, 0);
  // Only a complete partition is forced to add up to 100 %.
  let left = sum === whole ? SCALE - floors.reduce((a, b) => a + b, 0) : 0;
  const order = exact
    .map((x, i) => ({ i, rem: x - floors[i]!, c: counts[i]! }))
    .sort((a, b) => b.rem - a.rem || b.c - a.c || a.i - b.i);
  const units = [...floors];
  if (sum !== whole) return exact.map((x) => round(x / SCALE, 4));
  for (const o of order) {
    if (left <= 0) break;
    if (o.rem > 0) {
      units[o.i] = units[o.i]! + 1;
      left--;
    }
  }
  return units.map((u) => u / SCALE);
}
