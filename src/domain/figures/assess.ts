// The assessment (考核): a score 0–100 per unit from its figures (DOMAIN.md Figures).
import type { AssessWeights, Settings } from '../settings.js';
import { round, type Ratio } from './ratio.js';
import type { AssessRow, NotRankedReason, UnitFigures } from './types.js';

type Component = keyof AssessWeights;

function componentValue(r: UnitFigures, c: Component): Ratio {
  switch (c) {
    case 'signedInTime':
      return r.signedInTime.rate;
    case 'onTime':
      return r.onTime.rate;
    case 'satisfaction':
      return r.satisfactionScore === null ? null : round(r.satisfactionScore / 100, 4);
    case 'discipline':
      return r.discipline;
    case 'firstContact':
      return r.firstContact.rate;
    case 'response':
      return r.response.rate;
    case 'resolution':
      return r.resolution.rate;
  }
}

const COMPONENTS: readonly Component[] = ['signedInTime', 'onTime', 'satisfaction', 'discipline', 'firstContact', 'response', 'resolution'];

/**
 * Score = Σ value × weight / Σ weight over the weighted components that have data (a component
 * without data is weighted out). Not ranked (rank null, with the reason): no component with data
 * (noData); fewer orders handled than the ranking minimum (belowMinimum); components with data
 * carrying less than half of the total weight (tooLittleData). Tied scores share a rank (1, 2, 2, 4).
 * Order: ranked units by score, then the others by score (null last), then by code.
 */
export function assessRows(rows: readonly UnitFigures[], s: Settings): AssessRow[] {
  const weights = s.assessWeights;
  const used = COMPONENTS.filter((c) => weights[c] > 0);
  const totalWeight = used.reduce((a, c) => a + weights[c], 0);
  const out: AssessRow[] = rows.map((r) => {
    let sum = 0;
    let wsum = 0;
    let n = 0;
    for (const c of used) {
      const v = componentValue(r, c);
      if (v === null) continue;
      n++;
      sum += v * weights[c];
      wsum += weights[c];
    }
    const score = n > 0 && wsum > 0 ? round((sum / wsum) * 100, 2) : null;
    const weightWithData = totalWeight > 0 ? round(wsum / totalWeight, 4) : 0;
    let reason: NotRankedReason | null = null;
    if (score === null) reason = 'noData';
    else if (r.handled < s.rankingMinimum) reason = 'belowMinimum';
    else if (wsum * 2 < totalWeight) reason = 'tooLittleData';
    return {
      rank: null,
      reason,
      code: r.code,
      name: r.name,
      kind: r.kind,
      score,
      signedInTimeRate: r.signedInTime.rate,
      onTimeRate: r.onTime.rate,
      satisfaction: componentValue(r, 'satisfaction'),
      discipline: r.discipline,
      firstContactRate: r.firstContact.rate,
      responseRate: r.response.rate,
      resolutionRate: r.resolution.rate,
      components: n,
      weightWithData,
      handled: r.handled,
    };
  });
  const byScore = (a: AssessRow, b: AssessRow): number => {
    if (a.score === null || b.score === null) return a.score === b.score ? cmp(a.code, b.code) : a.score === null ? 1 : -1;
    return b.score - a.score || cmp(a.code, b.code);
  };
  const ranked = out.filter((r) => r.reason === null).sort(byScore);
  const others = out.filter((r) => r.reason !== null).sort(byScore);
  let prev: number | null = null;
  let rank = 0;
  ranked.forEach((r, i) => {
    if (r.score !== prev) rank = i + 1;
    prev = r.score;
    r.rank = rank;
  });
  return [...ranked, ...others];
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
