import { invalid } from '../../errors.js';
import type { CdfPoint } from './types.js';

/**
 * Points of the empirical CDF of sorted samples, for charts: (value, fraction of samples <= value). With at
 * most `maxPoints` samples every distinct value is a point; otherwise the points sit at evenly spaced ranks,
 * plus the maximum, so the tail is always drawn to its end.
 */
export function cdfPoints(sorted: ArrayLike<number>, maxPoints = 200): CdfPoint[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw invalid('maxPoints', maxPoints, 'an integer >= 2', 'cdfPoints');
  const n = sorted.length;
  const out: CdfPoint[] = [];
  const push = (rank: number): void => {
    // rank is 0-based; move to the last occurrence of its value so p is "fraction <= value"
    let r = rank;
    while (r + 1 < n && sorted[r + 1] === sorted[r]) r++;
    const value = sorted[r] as number;
    const last = out[out.length - 1];
    if (last && last.value === value) return;
    out.push({ value, p: (r + 1) / n });
  };
  if (n <= maxPoints) {
    for (let r = 0; r < n; r++) push(r);
  } else {
    for (let k = 1; k < maxPoints; k++) push(Math.ceil((k * n) / maxPoints) - 1);
    push(n - 1);
  }
  return out;
}
